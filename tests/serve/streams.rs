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
    assert!(
        server.preview.connections() <= 3,
        "{} connections open with three streams",
        server.preview.connections()
    );
}
