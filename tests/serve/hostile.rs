//! Other websites against the preview: cross-origin posts, planted markup
//! in the feedback list, and DNS rebinding (another name for 127.0.0.1).

use super::*;

fn feedback_lines(site: &TestSite) -> usize {
    std::fs::read_to_string(site.path(".signpost/feedback.jsonl"))
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

#[test]
fn feedback_posted_from_another_website_is_refused_and_not_stored() {
    let site = TestSite::new();
    let server = site.serve();
    let addr = server.addr();
    let body = b"page_url=%2Fvisit%2F&page_title=Visit&useful=yes";
    let own = format!("http://127.0.0.1:{}", addr.port());
    let other_port = format!("http://127.0.0.1:{}", addr.port().wrapping_add(1));
    let refused: [&[(&str, &str)]; 6] = [
        &[("Origin", "https://evil.example")],
        &[("Origin", "null")],
        &[("Origin", &other_port)],
        &[("Sec-Fetch-Site", "cross-site")],
        &[("Sec-Fetch-Site", "same-site")],
        &[("Origin", &own), ("Sec-Fetch-Site", "cross-site")],
    ];
    for extra in refused {
        let mut headers = vec![("Host", "127.0.0.1"), ("Content-Type", FORM)];
        headers.extend_from_slice(extra);
        let r = send_with(addr, "POST", "/__signpost/feedback", &headers, body);
        assert_eq!(r.status, 403, "{extra:?}: {}", r.text());
        assert!(
            r.text()
                .contains("only be sent from the preview's own pages"),
            "{}",
            r.text()
        );
    }
    assert_eq!(feedback_lines(&site), 0, "a refused post was stored");

    // The preview's own pages, as a browser sends them, still work.
    let host = format!("127.0.0.1:{}", addr.port());
    let localhost = format!("http://localhost:{}", addr.port());
    for origin in [own.as_str(), localhost.as_str()] {
        let r = send_with(
            addr,
            "POST",
            "/__signpost/feedback",
            &[
                ("Host", &host),
                ("Content-Type", FORM),
                ("Origin", origin),
                ("Sec-Fetch-Site", "same-origin"),
            ],
            body,
        );
        assert_eq!(r.status, 303, "{origin}: {}", r.text());
    }
    assert_eq!(feedback_lines(&site), 2);
}

#[test]
fn page_addresses_that_are_not_pages_of_the_preview_are_refused_and_never_linked() {
    let site = TestSite::new();
    let server = site.serve();
    let addr = server.addr();
    let own = format!("http://127.0.0.1:{}/visit/", addr.port());
    for bad in [
        "x\" onmouseover=\"alert(4)\" style=\"position:fixed;inset:0",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "https://evil.example/",
        "//evil.example/",
        "data:text/html,<script>alert(1)</script>",
    ] {
        let body = format!(
            "page_url={}&page_title=T&useful=yes",
            bad.replace('%', "%25")
                .replace('&', "%26")
                .replace('"', "%22")
                .replace(' ', "+")
        );
        let r = post(addr, Some(FORM), None, body.as_bytes());
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert!(
            r.text().contains("not a page of this preview"),
            "{}",
            r.text()
        );
    }
    assert_eq!(feedback_lines(&site), 0);
    let body = format!(
        "page_url={}&page_title=Visit&useful=yes",
        own.replace(':', "%3A")
    );
    assert_eq!(post(addr, Some(FORM), None, body.as_bytes()).status, 303);

    // A file written before this check (or by hand) may hold anything: it
    // is shown as text, never as a link or an attribute.
    let planted = [
        serde_json::json!({"received": "2026-12-01T14:05:00Z", "page_url": "x\" onmouseover=\"alert(4)\" style=\"position:fixed;inset:0", "page_title": "Planted'\"<b>", "useful": "yes", "problem": "", "spam": false}),
        serde_json::json!({"received": "2026-12-01T14:06:00Z", "page_url": "javascript:alert(5)", "page_title": "Script", "useful": "no", "problem": "", "spam": false}),
    ];
    let mut text = std::fs::read_to_string(site.path(".signpost/feedback.jsonl")).expect("jsonl");
    for p in planted {
        text.push_str(&format!("{p}\n"));
    }
    std::fs::write(site.path(".signpost/feedback.jsonl"), text).expect("plant records");
    let html = server.get("/__signpost/feedback/").text();
    assert!(!html.contains("onmouseover=\"alert"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(!html.contains("href=\"x"), "{html}");
    assert!(html.contains("Planted&#39;&quot;&lt;b&gt;"), "{html}");
    assert!(
        html.contains(&format!("<a href=\"{own}\">Visit</a>")),
        "{html}"
    );
}

#[test]
fn requests_naming_another_host_are_refused_so_dns_rebinding_cannot_read_the_preview() {
    let site = TestSite::new();
    let server = site.serve();
    let addr = server.addr();
    let port = addr.port();
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost.:{port}"),
    ] {
        for target in [
            "/",
            "/__signpost/feedback/",
            "/__signpost/events",
            "/css/site.css",
        ] {
            let r = send_with(addr, "GET", target, &[("Host", &host)], b"");
            assert_eq!(r.status, 403, "{host} {target}: {}", r.text());
            assert!(!r.text().contains("Original home text."), "{}", r.text());
            assert!(
                r.text()
                    .contains("only answers at the address signpost serve printed"),
                "{}",
                r.text()
            );
        }
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
    ] {
        let r = send_with(addr, "GET", "/", &[("Host", &host)], b"");
        assert_eq!(r.status, 200, "{host}");
        assert!(r.text().contains("Original home text."));
    }
}

#[test]
fn an_origin_or_page_address_without_the_preview_s_port_is_not_the_preview() {
    let site = TestSite::new();
    let server = site.serve();
    let addr = server.addr();
    let body = b"page_url=%2Fvisit%2F&page_title=Visit&useful=yes";
    for origin in ["http://127.0.0.1", "http://localhost"] {
        let headers = [
            ("Host", "127.0.0.1"),
            ("Content-Type", FORM),
            ("Origin", origin),
        ];
        let r = send_with(addr, "POST", "/__signpost/feedback", &headers, body);
        assert_eq!(r.status, 403, "{origin}: {}", r.text());
    }
    let r = post(
        addr,
        Some(FORM),
        None,
        b"page_url=http%3A%2F%2F127.0.0.1%2Fvisit%2F&useful=yes",
    );
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(feedback_lines(&site), 0);
}

#[test]
fn a_host_with_junk_after_its_ipv6_address_is_refused() {
    let g = signpost::serve::guard::Guard::new("[::1]:18411".parse().expect("address"));
    assert!(g.host_ok("[::1]:18411"));
    for bad in ["[::1]x:18411", "[::1", "::1]:18411", "[::1]18411"] {
        assert!(!g.host_ok(bad), "{bad}");
    }
}
