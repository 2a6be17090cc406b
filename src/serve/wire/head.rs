//! Reading a request's head: the request line and the header lines, with
//! anything a browser would not send refused with a plain answer.

use super::{Fail, MAX_HEADERS, Request, answer};

/// Parses the request line and headers (without the blank line).
pub(super) fn parse_head(head: &[u8]) -> Result<Request, Fail> {
    let Ok(text) = std::str::from_utf8(head) else {
        return Err(answer(400, "The request is not text."));
    };
    let mut lines = text.split("\r\n");
    let first = lines.next().unwrap_or_default();
    let parts: Vec<&str> = first.split(' ').collect();
    let [method, target, version] = parts.as_slice() else {
        return Err(answer(
            400,
            "The request line is not METHOD /path HTTP/1.1.",
        ));
    };
    let minor_ok = match *version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        v if is_http_version(v) => {
            return Err(answer(
                505,
                "The preview speaks HTTP/1.0 and HTTP/1.1 only.",
            ));
        }
        _ => {
            return Err(answer(
                400,
                "The request line is not METHOD /path HTTP/1.1.",
            ));
        }
    };
    if method.is_empty()
        || !method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(answer(400, "The method is not a word."));
    }
    if target.is_empty() || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(answer(400, "The address has spaces or control characters."));
    }
    let mut headers = Vec::new();
    for line in lines {
        if headers.len() == MAX_HEADERS {
            return Err(answer(431, "The request has too many headers."));
        }
        // Folded lines are obsolete and could hide a header.
        let Some((name, value)) = line
            .split_once(':')
            .filter(|_| !line.starts_with([' ', '\t']))
        else {
            return Err(answer(400, "A header line has no name."));
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(answer(400, "A header name has spaces in it."));
        }
        // A CR or NUL in a value could end it early for another program
        // reading the same request (RFC 9110, 5.5).
        if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
            return Err(answer(400, "A header value has control characters in it."));
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    // RFC 9112, 3.2: exactly one Host in HTTP/1.1, at most one in 1.0.
    let hosts = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("Host"))
        .count();
    if hosts > 1 {
        return Err(answer(400, "The request names its Host twice."));
    }
    if hosts == 0 && minor_ok {
        return Err(answer(400, "An HTTP/1.1 request must have a Host header."));
    }
    let connection = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("Connection"))
        .flat_map(|(_, v)| v.split(','))
        .map(|t| t.trim().to_ascii_lowercase())
        .collect::<Vec<_>>();
    let keep_alive = if minor_ok {
        !connection.iter().any(|t| t == "close")
    } else {
        connection.iter().any(|t| t == "keep-alive")
    };
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body: Vec::new(),
        keep_alive,
        http11: minor_ok,
    })
}

/// `HTTP/<digit>[.<digit>]`: a version, just not one the preview speaks.
fn is_http_version(v: &str) -> bool {
    let Some(num) = v.strip_prefix("HTTP/") else {
        return false;
    };
    let mut parts = num.split('.');
    let digit =
        |p: Option<&str>| p.is_some_and(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_digit()));
    digit(parts.next()) && parts.next().is_none_or(|p| digit(Some(p))) && parts.next().is_none()
}
