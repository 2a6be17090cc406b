//! The preview's own feedback endpoint: the rate-this-page form posts here
//! whatever endpoint `site.yaml` names, so editors can try it. Submissions
//! are appended to `.signpost/feedback.jsonl` and listed at
//! `/__signpost/feedback`.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::guard::Guard;
use super::http::Reply;
use super::limits::Limits;
use super::wire::Request;
use crate::urls::percent_decode;

pub const POST_PATH: &str = "/__signpost/feedback";
pub const LIST_PATH: &str = "/__signpost/feedback/";

/// Where submissions are kept, and how many may come.
#[derive(Clone)]
pub struct Store {
    pub file: PathBuf,
    bucket: Arc<Mutex<Bucket>>,
    thanks_url: String,
    per_minute: u32,
    max_bytes: u64,
}

/// Submissions allowed now, refilled steadily up to a minute's worth.
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Why a submission was not saved.
enum Unsaved {
    /// Too many at once: try again after this many seconds.
    TooFast(u64),
    Full,
    Failed,
}

impl Store {
    pub fn new(file: PathBuf, thanks_url: String, limits: &Limits) -> Store {
        Store {
            file,
            bucket: Arc::new(Mutex::new(Bucket {
                tokens: f64::from(limits.feedback_per_minute),
                at: Instant::now(),
            })),
            thanks_url,
            per_minute: limits.feedback_per_minute,
            max_bytes: limits.feedback_store_bytes,
        }
    }

    fn append(&self, line: &str) -> Result<(), Unsaved> {
        let Ok(mut bucket) = self.bucket.lock() else {
            return Err(Unsaved::Failed);
        };
        let per_second = f64::from(self.per_minute) / 60.0;
        let now = Instant::now();
        bucket.tokens = (bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * per_second)
            .min(f64::from(self.per_minute));
        bucket.at = now;
        if bucket.tokens < 1.0 {
            let wait = if per_second > 0.0 {
                ((1.0 - bucket.tokens) / per_second).ceil() as u64
            } else {
                60
            };
            return Err(Unsaved::TooFast(wait.max(1)));
        }
        let size = std::fs::metadata(&self.file).map_or(0, |m| m.len());
        if size + line.len() as u64 + 1 > self.max_bytes {
            return Err(Unsaved::Full);
        }
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir).map_err(|_| Unsaved::Failed)?;
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.file)
            .map_err(|_| Unsaved::Failed)?;
        writeln!(f, "{line}").map_err(|_| Unsaved::Failed)?;
        bucket.tokens -= 1.0;
        Ok(())
    }

    /// One page of submissions, newest first, and how many there are in
    /// all. Reads the file line by line, keeping only that page.
    pub fn page(&self, page: usize, per_page: usize) -> (usize, Vec<serde_json::Value>) {
        let lines = || {
            std::fs::File::open(&self.file)
                .map(|f| BufReader::new(f).lines().map_while(Result::ok))
                .into_iter()
                .flatten()
                .filter(|l| !l.trim().is_empty())
        };
        let total = lines().count();
        // Newest first: page 1 is the end of the file.
        let end = total.saturating_sub(page.saturating_sub(1).saturating_mul(per_page));
        let start = end.saturating_sub(per_page);
        let mut items: Vec<serde_json::Value> = lines()
            .skip(start)
            .take(end - start)
            .filter_map(|l| serde_json::from_str(&l).ok())
            .collect();
        items.reverse();
        (total, items)
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
    match store.append(&record.to_string()) {
        Ok(()) => {}
        Err(Unsaved::TooFast(wait)) => {
            return Reply::text(
                429,
                &format!(
                    "Too much feedback at once: the preview keeps at most {} a minute. Wait a moment and send it again.",
                    store.per_minute
                ),
            )
            .with("Retry-After", wait.to_string());
        }
        Err(Unsaved::Full) => {
            return Reply::text(
                507,
                &format!(
                    "The preview's feedback file is full ({} KB): move or delete .signpost/feedback.jsonl to collect more.",
                    store.max_bytes / 1024
                ),
            );
        }
        Err(Unsaved::Failed) => return Reply::text(500, "The feedback could not be saved."),
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
