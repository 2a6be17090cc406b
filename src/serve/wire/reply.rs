//! Writing a reply: the status line, the headers every answer carries, and
//! whether the connection stays open.

use std::io::Write;

use crate::serve::http::Reply;

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        417 => "Expectation Failed",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        507 => "Insufficient Storage",
        _ => "Unknown",
    }
}

/// How the connection goes on after a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    Close,
    /// Kept open, as HTTP/1.1 does unless told otherwise.
    Open,
    /// Kept open for an HTTP/1.0 client that asked, which must be told.
    OpenAsked,
}

/// Writes `reply`: without its body for HEAD, saying `Connection: close`
/// when the connection is closed after it.
pub fn write_reply(
    out: &mut impl Write,
    reply: &Reply,
    head: bool,
    after: After,
) -> std::io::Result<()> {
    let mut s = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len()
    );
    for (k, v) in &reply.headers {
        s.push_str(&format!("{k}: {v}\r\n"));
    }
    match after {
        After::Close => s.push_str("Connection: close\r\n"),
        After::OpenAsked => s.push_str("Connection: keep-alive\r\n"),
        After::Open => {}
    }
    s.push_str("\r\n");
    let mut bytes = s.into_bytes();
    if !head {
        bytes.extend_from_slice(&reply.body);
    }
    out.write_all(&bytes)?;
    out.flush()
}
