//! The preview's page listing the feedback sent from it, newest first,
//! [`PER_PAGE`] to a page (`/__signpost/feedback/?page=2`), so a large file
//! never makes a huge page.

use super::feedback::Store;
use super::guard::Guard;
use super::http::{Reply, escape};

/// Submissions shown on one page.
pub const PER_PAGE: usize = 50;

/// Answers `/__signpost/feedback/?<query>`.
pub fn page(store: &Store, guard: &Guard, query: &str) -> Reply {
    let asked = query
        .split('&')
        .find_map(|p| p.strip_prefix("page="))
        .map(|n| n.parse::<usize>().ok().filter(|&n| n >= 1));
    let number = match asked {
        None => 1,
        Some(Some(n)) => n,
        Some(None) => return not_found(),
    };
    let (total, items) = store.page(number, PER_PAGE);
    let pages = total.div_ceil(PER_PAGE).max(1);
    if number > pages {
        return not_found();
    }
    let body = if total == 0 {
        "<p>Nothing has been sent yet. Use the form at the bottom of any page to try it.</p>"
            .to_string()
    } else {
        let mut rows = String::new();
        for r in &items {
            rows.push_str(&row(r, guard));
        }
        format!(
            "<table><caption>{}, newest first{}</caption><thead><tr><th scope=\"col\">Received</th><th scope=\"col\">Page</th><th scope=\"col\">Useful?</th><th scope=\"col\">Problem reported</th><th scope=\"col\">Spam</th></tr></thead><tbody>{rows}</tbody></table>{}",
            count(total, "submission", "submissions"),
            if pages > 1 {
                format!(" (page {number} of {pages})")
            } else {
                String::new()
            },
            pager(number, pages)
        )
    };
    Reply::new(200, "text/html; charset=utf-8", wrap(&body).into_bytes())
}

fn row(r: &serde_json::Value, guard: &Guard) -> String {
    let raw = |k: &str| r.get(k).and_then(|v| v.as_str()).unwrap_or("");
    let f = |k: &str| escape(raw(k));
    let spam = if r.get("spam").and_then(|v| v.as_bool()).unwrap_or(false) {
        "yes"
    } else {
        "no"
    };
    // Older files may hold any address: only the preview's own pages
    // become links.
    let page = if guard.own_page_url(raw("page_url")) {
        format!("<a href=\"{}\">{}</a>", f("page_url"), f("page_title"))
    } else {
        f("page_title")
    };
    format!(
        "<tr><td>{}</td><td>{page}</td><td>{}</td><td>{}</td><td>{spam}</td></tr>",
        received(raw("received")),
        f("useful"),
        f("problem")
    )
}

/// "1 submission", "1,234 submissions".
pub fn count(n: usize, one: &str, many: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} {}", if n == 1 { one } else { many })
}

/// When a submission came, in this computer's time zone, as people write
/// it: "1 December 2026 at 14:05". Text that is not a time is shown as it is.
pub fn received(raw: &str) -> String {
    match raw.parse::<jiff::Timestamp>() {
        Ok(ts) => {
            let local = ts.to_zoned_datetime(jiff::tz::TimeZone::system());
            format!(
                "<time datetime=\"{}\">{}</time>",
                escape(raw),
                local.strftime("%-d %B %Y at %H:%M")
            )
        }
        Err(_) => escape(raw),
    }
}

/// Links to the newer and older pages.
fn pager(number: usize, pages: usize) -> String {
    if pages <= 1 {
        return String::new();
    }
    let mut links = String::new();
    if number > 1 {
        links.push_str(&format!(
            "<li><a href=\"?page={}\" rel=\"prev\">Newer feedback<span class=\"visually-hidden\">, page {}</span></a></li>",
            number - 1,
            number - 1
        ));
    }
    if number < pages {
        links.push_str(&format!(
            "<li><a href=\"?page={}\" rel=\"next\">Older feedback<span class=\"visually-hidden\">, page {}</span></a></li>",
            number + 1,
            number + 1
        ));
    }
    format!("<nav aria-label=\"Feedback pages\"><ul>{links}</ul></nav>")
}

fn not_found() -> Reply {
    Reply::new(
        404,
        "text/html; charset=utf-8",
        wrap("<p>There is no such page of feedback. <a href=\"?page=1\">See the newest feedback</a>.</p>")
            .into_bytes(),
    )
}

fn wrap(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Feedback sent in the preview</title><style>body{{font:19px/1.5 Arial,Helvetica,sans-serif;color:#212b32;margin:24px}}table{{border-collapse:collapse}}th,td{{border-bottom:1px solid #d8dde0;padding:8px;text-align:left;vertical-align:top}}a{{color:#005eb8}}nav ul{{list-style:none;padding:0;display:flex;gap:24px}}.visually-hidden{{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}}</style></head><body><main><h1>Feedback sent in the preview</h1><p>This page exists only in the preview. On the published site, feedback goes to the address set under <code>feedback:</code> in <code>site.yaml</code>.</p>{body}</main></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count(0, "submission", "submissions"), "0 submissions");
        assert_eq!(count(1, "submission", "submissions"), "1 submission");
        assert_eq!(count(2, "submission", "submissions"), "2 submissions");
        assert_eq!(
            count(1234, "submission", "submissions"),
            "1,234 submissions"
        );
        assert_eq!(count(1_000_000, "a", "b"), "1,000,000 b");
    }

    #[test]
    fn times_read_as_english_in_this_computers_time_zone() {
        let ts: jiff::Timestamp = "2026-12-01T14:05:00Z".parse().expect("time");
        let local = ts.to_zoned_datetime(jiff::tz::TimeZone::system());
        let shown = received("2026-12-01T14:05:00Z");
        assert!(
            shown.starts_with("<time datetime=\"2026-12-01T14:05:00Z\">"),
            "{shown}"
        );
        if local.offset().seconds() == 0 {
            assert!(
                shown.contains(">1 December 2026 at 14:05</time>"),
                "{shown}"
            );
        } else {
            eprintln!("this computer is not on UTC in December; checking the shape only");
            assert!(shown.contains(" 2026 at "), "{shown}");
        }
        assert_eq!(received("yesterday <b>"), "yesterday &lt;b&gt;");
    }
}
