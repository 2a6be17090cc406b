//! HTTP/1.0 and 1.1 on one connection, with limits: a request's head is at
//! most [`Limits::max_head`] bytes and must arrive within
//! [`Limits::request_timeout`] of its first byte, bodies are at most
//! [`MAX_BODY`], and anything else (other HTTP versions, bad framing) is
//! answered once and the connection closed. Requests on one connection are
//! answered one after another, so a client that pipelines without reading
//! holds up only itself.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

mod head;
mod reply;

pub use reply::{After, write_reply};

use super::http::Reply;
use super::limits::{Limits, Slot};
use head::parse_head;

/// Request bodies larger than this are refused (the feedback form sends
/// one; the browser editor's saves may be larger, see `cms::MAX_BODY`).
pub const MAX_BODY: usize = 16 * 1024;
/// More header lines than this is not a browser.
const MAX_HEADERS: usize = 100;
/// How long a blocked read waits before checking whether to stop or make
/// room: short, so a full table frees a place quickly.
pub const SLICE: Duration = Duration::from_millis(50);

/// One request, its body read.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The client wants the connection kept open after the answer.
    pub keep_alive: bool,
    /// HTTP/1.1 (not 1.0).
    pub http11: bool,
}

impl Request {
    /// The value of the first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why no request could be read.
#[derive(Debug)]
pub enum Fail {
    /// The client went, was idle too long, or the preview is stopping or
    /// needs the connection for someone else: close without a word.
    Gone,
    /// Answer this, then close.
    Answer(Reply),
}

pub(super) fn answer(status: u16, msg: &str) -> Fail {
    Fail::Answer(Reply::text(status, msg))
}

/// A connection and the bytes read from it but not used yet.
pub struct Conn<'a> {
    pub stream: TcpStream,
    buf: Vec<u8>,
    slot: &'a Slot,
    stop: &'a AtomicBool,
}

impl<'a> Conn<'a> {
    pub fn new(stream: TcpStream, slot: &'a Slot, stop: &'a AtomicBool) -> Conn<'a> {
        Conn {
            stream,
            buf: Vec::new(),
            slot,
            stop,
        }
    }

    /// Reads more bytes before `deadline`: `Ok(0)` when the client closed.
    fn fill(&mut self, deadline: Instant) -> Result<usize, Fail> {
        let mut chunk = [0u8; 8192];
        loop {
            if self.stop.load(Ordering::Relaxed) {
                return Err(Fail::Gone);
            }
            if self.slot.evicted() {
                return Err(self.evicted_now(&mut chunk));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Fail::Gone);
            }
            if self.stream.set_read_timeout(Some(left.min(SLICE))).is_err() {
                return Err(Fail::Gone);
            }
            match self.stream.read(&mut chunk) {
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return Ok(n);
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                    ) => {}
                Err(_) => return Err(Fail::Gone),
            }
        }
    }

    /// Told to close to make room: a request already sent (in the kernel's
    /// buffer) is told the preview is busy rather than dropped unanswered.
    fn evicted_now(&mut self, chunk: &mut [u8]) -> Fail {
        if self.buf.is_empty() && self.stream.set_nonblocking(true).is_ok() {
            if let Ok(n) = self.stream.read(chunk) {
                self.buf.extend_from_slice(&chunk[..n]);
            }
            let _ = self.stream.set_nonblocking(false);
        }
        if self.buf.is_empty() {
            Fail::Gone
        } else {
            Fail::Answer(busy())
        }
    }

    /// Reads the next request. While waiting for it the connection is idle,
    /// and may be closed to make room for another. `wanted` judges a
    /// request whose client waits before sending its body (`Expect`).
    pub fn read_request(
        &mut self,
        limits: &Limits,
        wanted: &dyn Fn(&Request) -> bool,
    ) -> Result<Request, Fail> {
        self.slot.set_idle();
        let idle_until = Instant::now() + limits.idle_timeout;
        loop {
            // Blank lines before a request are allowed (RFC 9112, 2.2).
            while self.buf.starts_with(b"\r\n") {
                self.buf.drain(..2);
            }
            if !self.buf.is_empty() {
                break;
            }
            if self.fill(idle_until)? == 0 {
                return Err(Fail::Gone);
            }
        }
        let deadline = Instant::now() + limits.request_timeout;
        let mut searched = 0;
        let end = loop {
            if let Some(at) = find(&self.buf[searched..], b"\r\n\r\n") {
                break searched + at;
            }
            // A line ending in a bare LF would be read differently by
            // other servers (and a head of them never ends): refuse it now.
            if has_bare_lf(&self.buf[..self.buf.len().min(limits.max_head + 4)]) {
                return Err(bare_lf());
            }
            searched = self.buf.len().saturating_sub(3);
            if self.buf.len() > limits.max_head {
                return Err(too_large(limits));
            }
            match self.fill(deadline) {
                Ok(0) => return Err(Fail::Gone),
                Ok(_) => {}
                // A head that never ends is a slow client: tell it why.
                Err(Fail::Gone) if Instant::now() >= deadline => {
                    return Err(answer(408, "The request took too long to arrive."));
                }
                Err(f) => return Err(f),
            }
        };
        if end > limits.max_head {
            return Err(too_large(limits));
        }
        if has_bare_lf(&self.buf[..end + 4]) {
            return Err(bare_lf());
        }
        if !self.slot.set_busy() {
            return Err(Fail::Answer(busy()));
        }
        let head: Vec<u8> = self.buf.drain(..end + 4).collect();
        let mut req = parse_head(&head[..end])?;
        let wants = wanted(&req);
        match self.read_body(&req, deadline, wants)? {
            Some(body) => req.body = body,
            None => req.keep_alive = false,
        }
        Ok(req)
    }

    /// The body, or `None` when the client waits to be told to send it
    /// (`Expect: 100-continue`) and it is not `wanted`.
    fn read_body(
        &mut self,
        req: &Request,
        deadline: Instant,
        wanted: bool,
    ) -> Result<Option<Vec<u8>>, Fail> {
        // Every Transfer-Encoding header counts, as another program
        // reading the same request would count them.
        let codings: Vec<String> = req
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("Transfer-Encoding"))
            .flat_map(|(_, v)| v.split(','))
            .map(|c| c.trim().to_ascii_lowercase())
            .collect();
        let chunked = match codings.as_slice() {
            [] => false,
            _ if !req.http11 => {
                return Err(answer(
                    400,
                    "HTTP/1.0 requests cannot use Transfer-Encoding.",
                ));
            }
            [one] if one == "chunked" => true,
            many if many.iter().any(|c| c != "chunked") => {
                return Err(answer(501, "Only chunked transfer coding is understood."));
            }
            _ => return Err(answer(400, "The body is chunked more than once.")),
        };
        let lengths: Vec<&str> = req
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
            .map(|(_, v)| v.trim())
            .collect();
        if chunked && !lengths.is_empty() {
            return Err(answer(
                400,
                "Content-Length and chunked together are not allowed.",
            ));
        }
        if req
            .header("Expect")
            .is_some_and(|e| !e.trim().eq_ignore_ascii_case("100-continue"))
        {
            return Err(answer(417, "Only Expect: 100-continue is understood."));
        }
        let length = match lengths.as_slice() {
            [] => None,
            [first, rest @ ..] if rest.iter().all(|r| r == first) => match first.parse::<u64>() {
                Ok(n) if first.bytes().all(|b| b.is_ascii_digit()) => Some(n),
                _ => return Err(answer(400, "Content-Length is not a number.")),
            },
            _ => return Err(answer(400, "Content-Length is given twice.")),
        };
        // Only the editor's own requests (from the preview's pages, as
        // JSON) may be large, so another site cannot make the preview hold
        // many large bodies at once.
        let max = if wanted {
            super::cms::max_body(req, MAX_BODY)
        } else {
            MAX_BODY
        };
        if length.is_some_and(|n| n > max as u64) {
            return Err(body_too_large(max));
        }
        if req.header("Expect").is_some() && (chunked || length.is_some_and(|n| n > 0)) {
            if !wanted {
                // Refused anyway: answer without waiting for the body, and
                // close (the body may still come).
                return Ok(None);
            }
            // HTTP/1.0 clients do not know 100 Continue.
            if req.http11 {
                let _ = self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
            }
        }
        if chunked {
            return self.read_chunked(deadline, max).map(Some);
        }
        let n = length.unwrap_or(0) as usize;
        while self.buf.len() < n {
            if self.fill(deadline)? == 0 {
                return Err(Fail::Gone);
            }
        }
        Ok(Some(self.buf.drain(..n).collect()))
    }

    fn read_chunked(&mut self, deadline: Instant, max: usize) -> Result<Vec<u8>, Fail> {
        let mut body = Vec::new();
        loop {
            let line = self.line(deadline)?;
            let size_text = line.split(';').next().unwrap_or_default().trim();
            let hex = !size_text.is_empty() && size_text.bytes().all(|b| b.is_ascii_hexdigit());
            let Some(size) = usize::from_str_radix(size_text, 16).ok().filter(|_| hex) else {
                return Err(answer(400, "A chunk size is not a number."));
            };
            if size == 0 {
                // Trailer lines, up to the blank line.
                for _ in 0..MAX_HEADERS {
                    if self.line(deadline)?.is_empty() {
                        return Ok(body);
                    }
                }
                return Err(answer(400, "Too many trailer lines."));
            }
            if body.len().saturating_add(size) > max {
                return Err(body_too_large(max));
            }
            while self.buf.len() < size + 2 {
                if self.fill(deadline)? == 0 {
                    return Err(Fail::Gone);
                }
            }
            body.extend(self.buf.drain(..size));
            if !self.buf.starts_with(b"\r\n") {
                return Err(answer(400, "A chunk does not end where its size says."));
            }
            self.buf.drain(..2);
        }
    }

    /// One line of a chunked body (sizes and trailers), at most 4 KiB.
    fn line(&mut self, deadline: Instant) -> Result<String, Fail> {
        loop {
            if let Some(at) = find(&self.buf, b"\r\n") {
                let line: Vec<u8> = self.buf.drain(..at + 2).take(at).collect();
                return Ok(String::from_utf8_lossy(&line).into_owned());
            }
            if self.buf.len() > 4096 {
                return Err(answer(400, "A chunk line is too long."));
            }
            if self.fill(deadline)? == 0 {
                return Err(Fail::Gone);
            }
        }
    }

    /// Closes after an error answer without losing it: a client still
    /// sending (a body that was refused) would otherwise get a reset and
    /// never see the answer. Reads and drops what comes, for a moment.
    pub fn linger(mut self) {
        let _ = self.stream.flush();
        let _ = self.stream.shutdown(std::net::Shutdown::Write);
        let until = Instant::now() + Duration::from_secs(1);
        let mut dropped = 0usize;
        while dropped < 4 << 20 {
            self.buf.clear();
            match self.fill(until) {
                Ok(n) if n > 0 => dropped += n,
                _ => return,
            }
        }
    }
}

/// The answer when there is no room for another connection.
pub fn busy() -> Reply {
    Reply::text(
        503,
        "The preview is busy with other connections; try again in a moment.",
    )
    .with("Retry-After", "1")
}

/// An LF not after a CR.
fn has_bare_lf(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\n' && (i == 0 || bytes.get(i - 1) != Some(&b'\r')))
}

fn bare_lf() -> Fail {
    answer(400, "Each line of the request must end with CR LF.")
}

fn too_large(limits: &Limits) -> Fail {
    answer(
        431,
        &format!(
            "The request's headers are too large (the preview accepts {} KB).",
            limits.max_head / 1024
        ),
    )
}

fn body_too_large(max: usize) -> Fail {
    if max >= 1024 * 1024 {
        answer(
            413,
            &format!(
                "That is too large: the editor accepts a picture or file of at most {} MB.",
                super::cms::MAX_MEDIA / (1024 * 1024)
            ),
        )
    } else {
        answer(
            413,
            &format!(
                "That is too long: the preview accepts at most {} KB.",
                max / 1024
            ),
        )
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
