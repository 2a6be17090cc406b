//! The preview's own feedback endpoint: the rate-this-page form posts here
//! whatever endpoint `site.yaml` names, so editors can try it. Submissions
//! are appended to `.signpost/feedback.jsonl` and listed at
//! `/__signpost/feedback`.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::guard::Guard;
use super::http::{Reply, escape};
use super::wire::Request;
use crate::output::percent_decode;

pub const POST_PATH: &str = "/__signpost/feedback";
pub const LIST_PATH: &str = "/__signpost/feedback/";

/// Where submissions are kept.
#[derive(Clone)]
pub struct Store {
    pub file: PathBuf,
    lock: Arc<Mutex<()>>,
    thanks_url: String,
}

impl Store {
    pub fn new(file: PathBuf, thanks_url: String) -> Store {
        Store {
            file,
            lock: Arc::default(),
            thanks_url,
        }
    }

    fn append(&self, line: &str) -> std::io::Result<()> {
        let _guard = self
            .lock
            .lock()
            .map_err(|_| std::io::Error::other("lock poisoned"))?;
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.file)?;
        writeln!(f, "{line}")
    }

    /// Every submission so far, oldest first.
    pub fn all(&self) -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(&self.file).unwrap_or_default();
        text.lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

/// Handles a POST to [`POST_PATH`] (the body is at most
/// [`super::wire::MAX_BODY`] bytes: longer ones never get here).
pub fn handle(req: &Request, store: &Store, guard: &Guard) -> Reply {
    if !guard.same_origin_request(req.header("Origin"), req.header("Sec-Fetch-Site")) {
        return Reply::text(
            403,
            "Feedback can only be sent from the preview's own pages, not from another website.",
        );
    }
    let form_type = req
        .header("Content-Type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !form_type.starts_with("application/x-www-form-urlencoded") {
        return Reply::text(400, "This address only accepts the feedback form.");
    }
    let Some(fields) = parse_form(&String::from_utf8_lossy(&req.body)) else {
        return Reply::text(400, "The feedback could not be read.");
    };
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let wants_json = req
        .header("Accept")
        .is_some_and(|a| a.contains("application/json"));
    // Neither a rating nor a comment: nothing to record. Without JavaScript
    // the browser goes to the page that explains; with it, the page does.
    if get("useful").trim().is_empty() && get("problem").trim().is_empty() {
        return if wants_json {
            Reply::json(400, r#"{"ok":false,"error":"empty"}"#)
        } else {
            Reply::redirect(303, crate::render::PROBLEM_PATH.to_string())
        };
    }
    if !get("page_url").is_empty() && !guard.own_page_url(get("page_url")) {
        return Reply::text(400, "The page address is not a page of this preview.");
    }
    let record = serde_json::json!({
        "received": jiff::Timestamp::now().to_string(),
        "page_url": get("page_url"),
        "page_title": get("page_title"),
        "useful": get("useful"),
        "problem": get("problem"),
        "spam": !get("website").is_empty(),
    });
    if store.append(&record.to_string()).is_err() {
        return Reply::text(500, "The feedback could not be saved.");
    }
    if wants_json {
        Reply::json(200, r#"{"ok":true}"#)
    } else {
        Reply::redirect(303, store.thanks_url.clone())
    }
}

/// Parses `a=1&b=two+words`.
pub fn parse_form(body: &str) -> Option<Vec<(String, String)>> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((
                percent_decode(&k.replace('+', " "))?,
                percent_decode(&v.replace('+', " "))?,
            ))
        })
        .collect()
}

/// A page listing what has been sent, newest first.
pub fn list_page(store: &Store, guard: &Guard) -> Vec<u8> {
    let items = store.all();
    let mut rows = String::new();
    for r in items.iter().rev() {
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
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{page}</td><td>{}</td><td>{}</td><td>{spam}</td></tr>",
            f("received"),
            f("useful"),
            f("problem")
        ));
    }
    let body = if items.is_empty() {
        "<p>Nothing has been sent yet. Use the form at the bottom of any page to try it.</p>"
            .to_string()
    } else {
        format!(
            "<table><caption>{} submissions, newest first</caption><thead><tr><th scope=\"col\">Received</th><th scope=\"col\">Page</th><th scope=\"col\">Useful?</th><th scope=\"col\">Problem reported</th><th scope=\"col\">Spam</th></tr></thead><tbody>{rows}</tbody></table>",
            items.len()
        )
    };
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Feedback sent in the preview</title><style>body{{font:19px/1.5 Arial,Helvetica,sans-serif;color:#212b32;margin:24px}}table{{border-collapse:collapse}}th,td{{border-bottom:1px solid #d8dde0;padding:8px;text-align:left;vertical-align:top}}a{{color:#005eb8}}</style></head><body><main><h1>Feedback sent in the preview</h1><p>This page exists only in the preview. On the published site, feedback goes to the address set under <code>feedback:</code> in <code>site.yaml</code>.</p>{body}</main></body></html>"
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_are_decoded() {
        let f = parse_form("useful=yes&problem=a+b%21&page_url=http%3A%2F%2Fx%2F").expect("parse");
        assert_eq!(f[0], ("useful".into(), "yes".into()));
        assert_eq!(f[1], ("problem".into(), "a b!".into()));
        assert_eq!(f[2], ("page_url".into(), "http://x/".into()));
        assert!(parse_form("a=%zz").is_none());
    }
}
