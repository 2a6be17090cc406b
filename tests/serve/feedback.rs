//! The feedback store's limits and the list page: a rate cap, a size cap
//! on `.signpost/feedback.jsonl`, and a list paged fifty at a time.

use super::*;

fn lines(site: &TestSite) -> Vec<String> {
    std::fs::read_to_string(site.path(".signpost/feedback.jsonl"))
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

#[test]
fn a_burst_of_feedback_is_cut_off_at_the_rate_limit_with_retry_after() {
    let site = TestSite::new();
    let limits = Limits {
        feedback_per_minute: 10,
        ..Limits::default()
    };
    let server = Server::start_with(&site.root, 0, limits).expect("start");
    let big = format!("useful=yes&problem={}", "p".repeat(16 * 1024 - 19));
    let mut statuses = Vec::new();
    for _ in 0..40 {
        let r = post(server.addr(), Some(FORM), None, big.as_bytes());
        if r.status == 429 {
            assert!(r.text().contains("at most 10 a minute"), "{}", r.text());
            let wait: u64 = r
                .header("Retry-After")
                .and_then(|v| v.parse().ok())
                .expect("Retry-After in seconds");
            assert!((1..=60).contains(&wait), "{wait}");
        }
        statuses.push(r.status);
    }
    let saved = statuses.iter().filter(|&&s| s == 303).count();
    // One more may have come due while the test ran on a slow machine.
    assert!((10..=11).contains(&saved), "{statuses:?}");
    assert_eq!(statuses.iter().filter(|&&s| s == 429).count(), 40 - saved);
    assert_eq!(lines(&site).len(), saved);
}

#[test]
fn a_full_feedback_file_refuses_more_and_keeps_what_it_has() {
    let site = TestSite::new();
    let limits = Limits {
        feedback_store_bytes: 2048,
        ..Limits::default()
    };
    let server = Server::start_with(&site.root, 0, limits).expect("start");
    let body = format!("useful=no&problem={}", "q".repeat(300));
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(post(server.addr(), Some(FORM), None, body.as_bytes()));
    }
    let full: Vec<&Response> = statuses.iter().filter(|r| r.status == 507).collect();
    assert!(!full.is_empty(), "never full");
    assert!(
        full[0]
            .text()
            .contains("feedback file is full (2 KB): move or delete .signpost/feedback.jsonl"),
        "{}",
        full[0].text()
    );
    let kept = lines(&site);
    assert_eq!(
        kept.len(),
        statuses.iter().filter(|r| r.status == 303).count()
    );
    let size = std::fs::metadata(site.path(".signpost/feedback.jsonl"))
        .expect("file")
        .len();
    assert!(size <= 2048, "{size}");
    for l in &kept {
        serde_json::from_str::<serde_json::Value>(l).expect("every kept line is whole");
    }
}

/// Writes `n` submissions straight into the file, oldest first.
fn plant(site: &TestSite, n: usize) {
    let mut text = String::new();
    for i in 1..=n {
        let r = serde_json::json!({
            "received": "2026-12-01T14:05:00Z",
            "page_url": "/visit/",
            "page_title": format!("Entry {i:03}"),
            "useful": "yes",
            "problem": "",
            "spam": false,
        });
        text.push_str(&format!("{r}\n"));
    }
    std::fs::create_dir_all(site.path(".signpost")).expect("folder");
    std::fs::write(site.path(".signpost/feedback.jsonl"), text).expect("plant");
}

#[test]
fn the_feedback_list_shows_fifty_at_a_time_newest_first() {
    let site = TestSite::new();
    plant(&site, 120);
    let server = site.serve();
    let first = server.get("/__signpost/feedback/").text();
    assert_eq!(first.matches("<tr><td>").count(), 50, "{first}");
    assert!(
        first.contains("120 submissions, newest first (page 1 of 3)"),
        "{first}"
    );
    let newest = first.find("Entry 120").expect("newest on page 1");
    let older = first.find("Entry 071").expect("fiftieth on page 1");
    assert!(newest < older);
    assert!(!first.contains("Entry 070"), "{first}");
    assert!(
        first.contains("<a href=\"?page=2\" rel=\"next\">"),
        "{first}"
    );
    assert!(!first.contains("rel=\"prev\""), "{first}");

    let last = server.get("/__signpost/feedback/?page=3").text();
    assert_eq!(last.matches("<tr><td>").count(), 20, "{last}");
    assert!(
        last.contains("Entry 001") && last.contains("Entry 020"),
        "{last}"
    );
    assert!(last.contains("<a href=\"?page=2\" rel=\"prev\">"), "{last}");
    assert!(!last.contains("rel=\"next\""), "{last}");

    for bad in [
        "?page=4",
        "?page=0",
        "?page=x",
        "?page=99999999999999999999999",
    ] {
        let r = server.get(&format!("/__signpost/feedback/{bad}"));
        assert_eq!(r.status, 404, "{bad}");
        assert!(
            r.text().contains("There is no such page of feedback"),
            "{bad}"
        );
    }
}

#[test]
fn the_feedback_list_counts_and_dates_in_plain_english() {
    let site = TestSite::new();
    plant(&site, 1);
    let server = site.serve();
    let html = server.get("/__signpost/feedback/").text();
    assert!(
        html.contains("<caption>1 submission, newest first</caption>"),
        "{html}"
    );
    assert!(!html.contains("1 submissions"), "{html}");
    assert!(
        !html.contains(">2026-12-01T14:05:00Z<"),
        "raw timestamp shown: {html}"
    );
    let ts: jiff::Timestamp = "2026-12-01T14:05:00Z".parse().expect("time");
    let here = ts.to_zoned_datetime(jiff::tz::TimeZone::system());
    if here.offset().seconds() == 0 {
        assert!(
            html.contains(
                "<time datetime=\"2026-12-01T14:05:00Z\">1 December 2026 at 14:05</time>"
            ),
            "{html}"
        );
    } else {
        eprintln!(
            "this computer is not on UTC in December; the date is checked in its own time zone"
        );
        assert!(
            html.contains(&here.strftime("%-d %B %Y at %H:%M").to_string()),
            "{html}"
        );
    }
    plant(&site, 1234);
    let html = server.get("/__signpost/feedback/").text();
    assert!(
        html.contains("1,234 submissions, newest first (page 1 of 25)"),
        "{html}"
    );
}
