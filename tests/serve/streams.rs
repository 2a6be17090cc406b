//! Live-reload event streams as a resource: other websites may not open
//! them, closed ones give their place back at once, and however many are
//! opened they never crowd out page requests.

use super::clients::{read_until_closed, status_of, timed_get, wait_for_connections};
use super::*;

#[test]
fn event_streams_asked_for_by_another_website_are_refused() {
    let site = TestSite::new();
    let server = site.serve();
    let addr = server.addr();
    let host = format!("127.0.0.1:{}", addr.port());
    let refused: [&[(&str, &str)]; 4] = [
        &[
            ("Origin", "http://evil.example"),
            ("Sec-Fetch-Site", "cross-site"),
        ],
        &[("Origin", "http://evil.example")],
        &[("Sec-Fetch-Site", "cross-site")],
        &[("Sec-Fetch-Site", "same-site")],
    ];
    for extra in refused {
        for _ in 0..20 {
            let mut headers = vec![("Host", host.as_str())];
            headers.extend_from_slice(extra);
            let mut s = connect(addr);
            let mut raw = "GET /__signpost/events HTTP/1.1\r\nConnection: close\r\n".to_string();
            for (k, v) in &headers {
                raw.push_str(&format!("{k}: {v}\r\n"));
            }
            raw.push_str("\r\n");
            s.write_all(raw.as_bytes()).expect("send");
            let answer = read_until_closed(&mut s, Duration::from_secs(3));
            assert_eq!(
                status_of(&answer),
                Some(403),
                "{extra:?}: {:?}",
                String::from_utf8_lossy(&answer)
            );
        }
    }
    // The preview's own pages, as a browser asks.
    let mut s = connect(addr);
    s.write_all(
        format!(
            "GET /__signpost/events HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nSec-Fetch-Site: same-origin\r\n\r\n"
        )
        .as_bytes(),
    )
    .expect("send");
    let mut head = [0u8; 12];
    s.read_exact(&mut head).expect("stream head");
    assert_eq!(&head, b"HTTP/1.1 200");
}

#[test]
fn three_hundred_streams_opened_and_closed_give_their_places_back_at_once() {
    let site = TestSite::new();
    let server = site.serve();
    let start = Instant::now();
    for _ in 0..300 {
        drop(server.events());
    }
    eprintln!("300 streams opened and closed in {:?}", start.elapsed());
    wait_for_connections(&server, 0);
    assert_eq!(timed_get(&server, "/").status, 200);
}

#[test]
fn past_the_stream_cap_the_oldest_stream_is_closed_and_pages_are_still_served() {
    let site = TestSite::new();
    let limits = Limits {
        max_connections: 8,
        max_event_streams: 3,
        ..Limits::default()
    };
    let server = Server::start_with(&site.root, 0, limits).expect("start");
    let mut tabs: Vec<Sse> = (0..12).map(|_| server.events()).collect();
    // The nine oldest are closed (and were told nothing more).
    for (i, tab) in tabs.iter_mut().take(9).enumerate() {
        let rest = read_until_closed(tab.reader.get_mut(), Duration::from_secs(3));
        assert!(!rest.contains(&b'd'), "tab {i} got {rest:?}");
    }
    for _ in 0..10 {
        assert_eq!(timed_get(&server, "/").status, 200);
    }
    server
        .preview
        .broadcaster()
        .send(signpost::serve::Event::Reload, 99);
    for tab in tabs.iter_mut().skip(9) {
        tab.expect_reload("a broadcast after the cap closed the oldest streams");
    }
    // The page requests' connections close just after their answers: give
    // the server a moment to let them go.
    let deadline = std::time::Instant::now() + Duration::from_secs(3);
    while server.preview.connections() > 3 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        server.preview.connections() <= 3,
        "{} connections open with three streams",
        server.preview.connections()
    );
}

#[test]
fn out_of_file_descriptors_with_every_connection_busy_a_new_request_is_still_answered() {
    let site = TestSite::new();
    site.write("content/big.txt", &"b".repeat(512 * 1024));
    let Some(server) = super::clients::Limited::start(&site, 64) else {
        return;
    };
    // Clients that ask for large files and never read keep their
    // connections busy (the preview's writes block), using up the files.
    let one = b"GET /big.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    let all: Vec<u8> = one.iter().copied().cycle().take(one.len() * 20).collect();
    let mut greedy = Vec::new();
    for _ in 0..60 {
        let s = connect(server.addr);
        let mut w = s.try_clone().expect("clone");
        w.set_nonblocking(true).expect("non-blocking");
        let _ = w.write(&all);
        greedy.push(s);
    }
    std::thread::sleep(Duration::from_millis(500));
    for round in 0..3 {
        let mut s = connect(server.addr);
        s.write_all(request("GET", "/").as_bytes()).expect("send");
        let answer = read_until_closed(&mut s, Duration::from_secs(8));
        let status = status_of(&answer);
        assert!(
            matches!(status, Some(200 | 503)),
            "round {round}: the request was dropped unanswered: {:?}",
            String::from_utf8_lossy(&answer)
        );
        if status == Some(503) {
            assert!(String::from_utf8_lossy(&answer).contains("Retry-After: 1"));
        }
    }
    drop(greedy);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(get(server.addr, "/").status, 200);
}

#[test]
fn many_clients_at_once_never_push_the_table_past_its_cap() {
    let site = TestSite::new();
    let limits = Limits {
        max_connections: 8,
        max_event_streams: 4,
        ..Limits::default()
    };
    let server = Server::start_with(&site.root, 0, limits).expect("start");
    let addr = server.addr();
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let preview = Arc::clone(&server.preview);
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let mut most = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                most = most.max(preview.connections());
                std::thread::sleep(Duration::from_millis(1));
            }
            most
        })
    };
    // Streams and page requests (kept open afterwards) all at once.
    let clients: Vec<_> = (0..64)
        .map(|i| {
            std::thread::spawn(move || {
                let mut s = connect(addr);
                let target = if i % 2 == 0 {
                    "/__signpost/events"
                } else {
                    "/"
                };
                let raw = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                if s.write_all(raw.as_bytes()).is_err() {
                    return None;
                }
                let mut head = [0u8; 12];
                let status = s.read_exact(&mut head).ok().map(|_| head);
                std::thread::sleep(Duration::from_millis(300));
                status
            })
        })
        .collect();
    let answers: Vec<_> = clients
        .into_iter()
        .map(|c| c.join().expect("client"))
        .collect();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let most = watcher.join().expect("watcher");
    eprintln!("at most {most} connections open with a cap of 8");
    assert!(
        most <= 10,
        "{most} connections open with a cap of 8 (and 2 leaving)"
    );
    let served = answers
        .iter()
        .flatten()
        .filter(|h| h == &b"HTTP/1.1 200")
        .count();
    assert!(served > 0, "{answers:?}");
    wait_for_connections(&server, 0);
    assert_eq!(timed_get(&server, "/").status, 200);
}
