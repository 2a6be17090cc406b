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
            "<table><caption>{total} submissions, newest first{}</caption><thead><tr><th scope=\"col\">Received</th><th scope=\"col\">Page</th><th scope=\"col\">Useful?</th><th scope=\"col\">Problem reported</th><th scope=\"col\">Spam</th></tr></thead><tbody>{rows}</tbody></table>{}",
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
        f("received"),
        f("useful"),
        f("problem")
    )
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
