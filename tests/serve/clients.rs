//! Broken and hostile clients: pipelining without reading, huge headers,
//! slow clients, other HTTP versions, malformed requests, more connections
//! than the preview holds, and a process out of file descriptors. Each is
//! bounded in count and time.

use super::*;

/// Reads whatever the server sends until it closes, within `within`.
/// Fails the test if the connection stays open longer.
pub(super) fn read_until_closed(s: &mut TcpStream, within: Duration) -> Vec<u8> {
    let deadline = Instant::now() + within;
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(
            !left.is_zero(),
            "the connection was still open after {within:?}"
        );
        s.set_read_timeout(Some(left)).expect("read timeout");
        match s.read(&mut buf) {
            Ok(0) => return out,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            // A reset after the answer: closed all the same.
            Err(_) => return out,
        }
    }
}

pub(super) fn status_of(bytes: &[u8]) -> Option<u16> {
    let text = String::from_utf8_lossy(bytes);
    text.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

/// Waits until the preview has at most `n` connections open.
pub(super) fn wait_for_connections(server: &Server, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.preview.connections() > n {
        assert!(
            Instant::now() < deadline,
            "{} connections still open, expected at most {n}",
            server.preview.connections()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub(super) fn timed_get(server: &Server, target: &str) -> Response {
    let start = Instant::now();
    let r = server.get(target);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "GET {target} took {:?}",
        start.elapsed()
    );
    r
}

#[test]
fn other_http_versions_are_answered_505_and_closed_without_leaking_connections() {
    let site = TestSite::new();
    let server = site.serve();
    for version in ["HTTP/2.0", "HTTP/3.0", "HTTP/2", "HTTP/1.2", "HTTP/0.9"] {
        for _ in 0..20 {
            let mut s = connect(server.addr());
            s.write_all(format!("GET / {version}\r\nHost: 127.0.0.1\r\n\r\n").as_bytes())
                .expect("send");
            let answer = read_until_closed(&mut s, Duration::from_secs(3));
            assert_eq!(status_of(&answer), Some(505), "{version}: {answer:?}");
            assert!(
                String::from_utf8_lossy(&answer).contains("HTTP/1.0 and HTTP/1.1 only"),
                "{answer:?}"
            );
        }
    }
    // The HTTP/2 preface a client sends without asking first.
    let mut s = connect(server.addr());
    s.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        .expect("send");
    let answer = read_until_closed(&mut s, Duration::from_secs(3));
    assert_eq!(status_of(&answer), Some(505), "{answer:?}");
    wait_for_connections(&server, 0);
    assert_eq!(timed_get(&server, "/").status, 200);
}

#[test]
fn malformed_requests_are_answered_and_closed_and_the_preview_keeps_answering() {
    let site = TestSite::new();
    let server = site.serve();
    let long_url = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(70 * 1024));
    let many_headers = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: 1\r\n".repeat(101));
    let cases: Vec<(&[u8], u16)> = vec![
        (b"GET /\r\n\r\n", 400),
        (b"GET\r\n\r\n", 400),
        (b"GET  / HTTP/1.1\r\n\r\n", 400),
        (b"GET / HTTP/1.1 extra\r\n\r\n", 400),
        (b"GET / FTP/1.0\r\n\r\n", 400),
        (b"G<T / HTTP/1.1\r\n\r\n", 400),
        (b"GET /\x01 HTTP/1.1\r\n\r\n", 400),
        (b"GET /\xff HTTP/1.1\r\n\r\n", 400),
        (b"\x00\x01\x02\x03\r\n\r\n", 400),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nNo colon here\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\n: empty name\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n", 400),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nuseful", 400),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n", 400),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1e3\r\n\r\n", 400),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n", 400),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n", 400),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n8000\r\n", 413),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 16385\r\n\r\n", 413),
        (b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: teapot\r\nContent-Length: 1\r\n\r\nx", 417),
        (long_url.as_bytes(), 431),
        (many_headers.as_bytes(), 431),
    ];
    for (raw, want) in &cases {
        let mut s = connect(server.addr());
        s.write_all(raw).expect("send");
        let answer = read_until_closed(&mut s, Duration::from_secs(3));
        assert_eq!(
            status_of(&answer),
            Some(*want),
            "{:?} answered {:?}",
            String::from_utf8_lossy(raw),
            String::from_utf8_lossy(&answer)
        );
    }
    eprintln!("{} malformed requests answered and closed", cases.len());
    wait_for_connections(&server, 0);
    assert_eq!(timed_get(&server, "/").status, 200);
}

#[test]
fn other_methods_get_405_with_an_allow_header() {
    let site = TestSite::new();
    let server = site.serve();
    for (method, target, allow) in [
        ("PUT", "/", "GET, HEAD"),
        ("DELETE", "/guides/", "GET, HEAD"),
        ("OPTIONS", "/", "GET, HEAD"),
        ("BREW", "/", "GET, HEAD"),
        ("POST", "/", "GET, HEAD"),
        ("GET", "/__signpost/feedback", "POST"),
        ("PUT", "/__signpost/feedback", "POST"),
    ] {
        let r = send(server.addr(), request(method, target).as_bytes());
        assert_eq!(r.status, 405, "{method} {target}");
        assert_eq!(r.header("Allow"), Some(allow), "{method} {target}");
    }
}

#[test]
fn a_huge_header_is_refused_with_431_without_reading_it_all() {
    let site = TestSite::new();
    let server = site.serve();
    let s = connect(server.addr());
    let mut writer = s.try_clone().expect("clone");
    // 64 MiB of one header line, sent while the answer is read.
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Huge: ");
        let block = vec![b'a'; 1 << 20];
        let mut sent = 0usize;
        for _ in 0..64 {
            if writer.write_all(&block).is_err() {
                break;
            }
            sent += block.len();
        }
        sent
    });
    let mut reader = s;
    let answer = read_until_closed(&mut reader, Duration::from_secs(5));
    assert_eq!(
        status_of(&answer),
        Some(431),
        "{:?}",
        String::from_utf8_lossy(&answer)
    );
    assert!(String::from_utf8_lossy(&answer).contains("headers are too large"));
    drop(reader);
    let sent = sender.join().expect("sender");
    assert!(
        sent < 64 << 20,
        "the preview read all 64 MiB ({sent} bytes)"
    );
    wait_for_connections(&server, 0);
    assert_eq!(timed_get(&server, "/").status, 200);
}

#[test]
fn pipelining_two_thousand_requests_without_reading_blocks_only_that_connection() {
    let site = TestSite::new();
    // Answers far larger than any socket buffer, so the server's writes
    // block while the client does not read.
    site.write("content/big.txt", &"b".repeat(512 * 1024));
    let server = site.serve();
    let mut greedy = connect(server.addr());
    greedy
        .set_write_timeout(Some(Duration::from_secs(5)))
        .expect("write timeout");
    let one = b"GET /big.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    let all: Vec<u8> = one.iter().copied().cycle().take(one.len() * 2000).collect();
    let mut writer = greedy.try_clone().expect("clone");
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&all);
    });
    // Give the greedy client time to fill every buffer it can.
    std::thread::sleep(Duration::from_millis(500));
    for i in 0..20 {
        let r = timed_get(&server, if i % 2 == 0 { "/" } else { "/guides/" });
        assert_eq!(r.status, 200);
    }
    // The greedy one gets its answers when it reads them.
    greedy
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("read timeout");
    let mut first = [0u8; 16];
    greedy.read_exact(&mut first).expect("an answer");
    assert!(first.starts_with(b"HTTP/1.1 200"), "{first:?}");
    drop(greedy);
    let _ = sender.join();
}

#[test]
fn slow_and_silent_clients_are_timed_out() {
    let site = TestSite::new();
    let limits = Limits {
        idle_timeout: Duration::from_millis(800),
        request_timeout: Duration::from_millis(800),
        ..Limits::default()
    };
    let server = Server::start_with(&site.root, 0, limits).expect("start");
    let start = Instant::now();
    // Says nothing: closed without an answer.
    let mut silent = connect(server.addr());
    // Sends a header a byte at a time: told it took too long.
    let mut slow = connect(server.addr());
    slow.write_all(b"GET / HTTP/1.1\r\nX-Slow: ").expect("send");
    let trickle = slow.try_clone().expect("clone");
    let dripper = std::thread::spawn(move || {
        let mut trickle = trickle;
        for _ in 0..40 {
            if trickle.write_all(b"a").is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    // Keeps a connection open after one request.
    let mut kept = connect(server.addr());
    kept.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .expect("send");
    assert!(read_until_closed(&mut silent, Duration::from_secs(3)).is_empty());
    let answer = read_until_closed(&mut slow, Duration::from_secs(3));
    assert_eq!(
        status_of(&answer),
        Some(408),
        "{:?}",
        String::from_utf8_lossy(&answer)
    );
    let answer = read_until_closed(&mut kept, Duration::from_secs(3));
    assert_eq!(status_of(&answer), Some(200));
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    let _ = dripper.join();
    wait_for_connections(&server, 0);
}

#[test]
fn past_the_connection_cap_the_longest_idle_connection_makes_room() {
    let site = TestSite::new();
    let limits = Limits {
        max_connections: 8,
        ..Limits::default()
    };
    let server = Server::start_with(&site.root, 0, limits).expect("start");
    let mut idle = Vec::new();
    for i in 0..40 {
        let mut s = connect(server.addr());
        if i % 2 == 1 {
            s.write_all(b"GET /gui").expect("half a request");
        }
        idle.push(s);
    }
    for _ in 0..10 {
        assert_eq!(timed_get(&server, "/").status, 200);
    }
    assert!(
        server.preview.connections() <= 10,
        "{} connections open with a cap of 8",
        server.preview.connections()
    );
    drop(idle);
    wait_for_connections(&server, 0);
}

/// `signpost serve` as its own process, with at most `files` open files.
pub(super) struct Limited {
    child: std::process::Child,
    pub(super) addr: SocketAddr,
}

impl Limited {
    pub(super) fn start(site: &TestSite, files: u32) -> Option<Limited> {
        let prlimit = Path::new("/usr/bin/prlimit");
        if !prlimit.exists() {
            eprintln!("prlimit is not installed, so the file limit cannot be lowered; skipping");
            return None;
        }
        let mut child = std::process::Command::new(prlimit)
            .arg(format!("--nofile={files}:{files}"))
            .arg(env!("CARGO_BIN_EXE_signpost"))
            .args(["serve", "--port", "0", "--root"])
            .arg(&site.root)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start signpost serve");
        let out = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("Preview running at http://") {
                    let _ = tx.send(url.trim_end_matches('/').to_string());
                }
            }
        });
        let Ok(host) = rx.recv_timeout(Duration::from_secs(20)) else {
            let _ = child.kill();
            panic!("signpost serve did not start");
        };
        let addr = host.parse().expect("address");
        Some(Limited { child, addr })
    }
}

impl Drop for Limited {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn running_out_of_file_descriptors_does_not_stop_the_preview_answering() {
    let site = TestSite::new();
    let Some(server) = Limited::start(&site, 64) else {
        return;
    };
    // Far more idle connections than the process has descriptors.
    let idle: Vec<TcpStream> = (0..120).map(|_| connect(server.addr)).collect();
    std::thread::sleep(Duration::from_millis(300));
    for round in 0..3 {
        let start = Instant::now();
        let r = get(server.addr, "/");
        assert_eq!(r.status, 200, "round {round}");
        assert!(
            start.elapsed() < Duration::from_secs(8),
            "round {round} took {:?}",
            start.elapsed()
        );
    }
    drop(idle);
    std::thread::sleep(Duration::from_millis(300));
    let start = Instant::now();
    assert_eq!(get(server.addr, "/guides/").status, 200);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn header_values_with_bare_line_feeds_carriage_returns_or_nul_are_refused_at_once() {
    let site = TestSite::new();
    let server = site.serve();
    let cases: [&[u8]; 5] = [
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\nContent-Length: 20\r\n\r\nGET /z HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\x00b\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\rb\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\x7fb\r\n\r\n",
        // Only LF line endings: refused at once, not after 10 seconds.
        b"GET / HTTP/1.1\nHost: 127.0.0.1\n\n",
    ];
    for raw in cases {
        let start = Instant::now();
        let mut s = connect(server.addr());
        s.write_all(raw).expect("send");
        let answer = read_until_closed(&mut s, Duration::from_secs(3));
        let text = String::from_utf8_lossy(&answer);
        assert_eq!(status_of(&answer), Some(400), "{raw:?}: {text:?}");
        assert_eq!(text.matches("HTTP/1.1 ").count(), 1, "{raw:?}: {text:?}");
        assert!(start.elapsed() < Duration::from_secs(2), "{raw:?}");
    }
    wait_for_connections(&server, 0);
    assert_eq!(timed_get(&server, "/").status, 200);
}

#[test]
fn framing_that_another_program_could_read_differently_is_refused() {
    let site = TestSite::new();
    let server = site.serve();
    let post = "POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    let cases: Vec<(String, u16)> = vec![
        // The second Transfer-Encoding header counts too.
        (
            format!("{post}Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n"),
            501,
        ),
        (
            format!("{post}Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            501,
        ),
        (
            format!("{post}Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"),
            501,
        ),
        (
            format!(
                "{post}Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            ),
            400,
        ),
        (
            format!("{post}Transfer-Encoding: chunked\r\n\r\n+a\r\n0123456789\r\n0\r\n\r\n"),
            400,
        ),
        (
            format!("{post}Transfer-Encoding: chunked\r\n\r\n-0\r\n\r\n"),
            400,
        ),
        (
            format!("{post}Transfer-Encoding: chunked\r\n\r\n\r\n\r\n"),
            400,
        ),
        (
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n".into(),
            400,
        ),
        (
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nhost: 127.0.0.1\r\n\r\n".into(),
            400,
        ),
        ("GET / HTTP/1.1\r\n\r\n".into(), 400),
        (
            "POST /__signpost/feedback HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                .into(),
            400,
        ),
    ];
    for (raw, want) in &cases {
        let mut s = connect(server.addr());
        s.write_all(raw.as_bytes()).expect("send");
        let answer = read_until_closed(&mut s, Duration::from_secs(3));
        let text = String::from_utf8_lossy(&answer);
        assert_eq!(status_of(&answer), Some(*want), "{raw:?}: {text:?}");
        assert_eq!(
            text.matches("Content-Length:").count(),
            1,
            "{raw:?}: {text:?}"
        );
    }
    // HTTP/1.0 without Host is still fine.
    let r = send(server.addr(), b"GET / HTTP/1.0\r\n\r\n");
    assert_eq!(r.status, 200);
    wait_for_connections(&server, 0);
}

#[test]
fn continue_is_sent_only_to_http_1_1_requests_the_preview_will_take() {
    let site = TestSite::new();
    let server = site.serve();
    let addr = server.addr();
    // From another site: refused at once, without 100 Continue and
    // without waiting for the body.
    let mut s = connect(addr);
    s.write_all(b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\nExpect: 100-continue\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\n")
        .expect("send");
    let answer = read_until_closed(&mut s, Duration::from_secs(3));
    let text = String::from_utf8_lossy(&answer);
    assert_eq!(status_of(&answer), Some(403), "{text:?}");
    assert!(!text.contains("100 Continue"), "{text:?}");
    // HTTP/1.0 does not know 100 Continue.
    let r = b"POST /__signpost/feedback HTTP/1.0\r\nExpect: 100-continue\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\nuseful=yes";
    let mut s = connect(addr);
    s.write_all(r).expect("send");
    let answer = read_until_closed(&mut s, Duration::from_secs(3));
    let text = String::from_utf8_lossy(&answer);
    assert_eq!(status_of(&answer), Some(303), "{text:?}");
    assert!(!text.contains("100 Continue"), "{text:?}");
    // The preview's own form over HTTP/1.1 is told to go on.
    let mut s = connect(addr);
    s.write_all(b"POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nExpect: 100-continue\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\n")
        .expect("send");
    let mut first = [0u8; 25];
    s.read_exact(&mut first).expect("100 Continue");
    assert_eq!(&first, b"HTTP/1.1 100 Continue\r\n\r\n");
    s.write_all(b"useful=yes").expect("body");
    let answer = read_until_closed(&mut s, Duration::from_secs(3));
    assert_eq!(status_of(&answer), Some(303));
}

#[test]
fn head_on_the_live_reload_address_is_405_and_folder_redirects_keep_the_query() {
    let site = TestSite::new();
    let server = site.serve();
    let r = send(
        server.addr(),
        request("HEAD", "/__signpost/events").as_bytes(),
    );
    assert_eq!(r.status, 405);
    assert_eq!(r.header("Allow"), Some("GET"));
    let r = server.get("/guides?x=1&y=2");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/guides/?x=1&y=2"));
    let r = server.get("/guides");
    assert_eq!(r.header("Location"), Some("/guides/"));
}

#[test]
fn an_http_1_0_client_that_asks_to_keep_the_connection_is_told_it_is_kept() {
    let site = TestSite::new();
    let server = site.serve();
    let mut s = connect(server.addr());
    let one = b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
    s.write_all(one).expect("send");
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let resp = loop {
        let n = s.read(&mut chunk).expect("read");
        assert!(
            n > 0,
            "closed after one answer: {:?}",
            String::from_utf8_lossy(&buf)
        );
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .and_then(|n| n.trim().parse().ok())
                .expect("length");
            if buf.len() >= end + 4 + len {
                break head;
            }
        }
    };
    assert!(resp.contains("\r\nConnection: keep-alive"), "{resp}");
    // And it is: a second request on it is answered.
    s.write_all(b"GET /guides/ HTTP/1.0\r\n\r\n")
        .expect("second");
    let rest = read_until_closed(&mut s, Duration::from_secs(3));
    let text = String::from_utf8_lossy(&rest);
    assert!(text.contains("HTTP/1.1 200"), "{text}");
    assert!(text.contains("Connection: close"), "{text}");
}
