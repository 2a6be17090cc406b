//! Who may talk to the preview. A web page on another site can make the
//! editor's browser send requests to the preview, so:
//! - the `Host` header must name the address the preview is bound to (an
//!   IP address, or `localhost` on a loopback address): a page whose domain
//!   was re-pointed at 127.0.0.1 ("DNS rebinding") sends its own name and
//!   is refused, so it cannot read drafts;
//! - a POST must come from the preview's own pages (`Origin`,
//!   `Sec-Fetch-Site`), so no other site can plant feedback;
//! - a feedback `page_url` must be an address of the preview itself.

use std::net::{IpAddr, SocketAddr};

/// The addresses the preview answers at.
#[derive(Debug, Clone)]
pub struct Guard {
    ip: IpAddr,
    port: u16,
}

impl Guard {
    pub fn new(addr: SocketAddr) -> Guard {
        Guard {
            ip: addr.ip(),
            port: addr.port(),
        }
    }

    /// Whether `host` (as in a `Host` header, `name[:port]`) is one of
    /// the preview's own addresses.
    pub fn host_ok(&self, host: &str) -> bool {
        // No port is the default port; only programs, never a browser on
        // another port, send that, so the name alone is what matters then.
        self.matches(host, false)
    }

    /// Like [`Guard::host_ok`] for the authority of a URL (an `Origin` or
    /// a page address), where no port means port 80: the port must be
    /// there and be the preview's.
    fn authority_ok(&self, host: &str) -> bool {
        self.matches(host, true)
    }

    fn matches(&self, host: &str, port_needed: bool) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        match port {
            Some(p) if p != self.port => return false,
            None if port_needed => return false,
            _ => {}
        }
        let name = name.to_ascii_lowercase();
        if name == "localhost" {
            return self.ip.is_loopback() || self.ip.is_unspecified();
        }
        let literal = name.trim_start_matches('[').trim_end_matches(']');
        match literal.parse::<IpAddr>() {
            // Bound to every address: any address literal reaches it, but a
            // name could be anyone's.
            Ok(ip) if self.ip.is_unspecified() => !ip.is_unspecified(),
            Ok(ip) => ip == self.ip,
            Err(_) => false,
        }
    }

    /// Whether an `Origin` header names the preview (`http://host:port`).
    pub fn origin_ok(&self, origin: &str) -> bool {
        match origin.trim().strip_prefix("http://") {
            Some(host) => !host.contains('/') && self.authority_ok(host),
            None => false,
        }
    }

    /// Whether a request may change something: it must come from the
    /// preview's own pages. Programs that send neither header (curl, the
    /// tests) are not web pages and cannot be made to send the request by
    /// another site.
    pub fn same_origin_request(&self, origin: Option<&str>, fetch_site: Option<&str>) -> bool {
        if let Some(site) = fetch_site {
            let site = site.trim().to_ascii_lowercase();
            if site != "same-origin" && site != "none" {
                return false;
            }
        }
        origin.is_none_or(|o| self.origin_ok(o))
    }

    /// Whether `url` is a page of the preview: a path (`/visit/`) or an
    /// `http://` address of the preview. Nothing else is linked to from the
    /// feedback list (no `javascript:`, no other sites).
    pub fn own_page_url(&self, url: &str) -> bool {
        if url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        {
            return false;
        }
        if url.starts_with('/') {
            return !url.starts_with("//");
        }
        let Some(rest) = url.strip_prefix("http://") else {
            return false;
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !host.contains('@') && self.authority_ok(host)
    }
}

/// `name:port`, `[v6]:port`, `name` or `[v6]` → (name, port), or `None`
/// when anything else follows the `]` of an IPv6 address, or it has none.
/// A port that is not a number gives `Some(0)`, which no preview uses.
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let host = host.trim();
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')?;
        let (name, rest) = host.split_at(end + 1);
        match rest {
            "" => (name, None),
            _ => (name, Some(rest.strip_prefix(':')?)),
        }
    } else if host.contains(['[', ']']) {
        return None;
    } else if host.matches(':').count() == 1 {
        match host.split_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (host, None),
        }
    } else {
        (host, None)
    };
    Some((name, port.map(|p| p.parse().unwrap_or(0))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> Guard {
        Guard::new("127.0.0.1:1111".parse().expect("address"))
    }

    #[test]
    fn only_the_bound_address_and_localhost_are_its_hosts() {
        let g = loopback();
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "127.0.0.1",
        ] {
            assert!(g.host_ok(ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1:1112",
            "127.0.0.2:1111",
            "127.0.0.1:x",
            "[::1]:1111",
            "",
            "127.0.0.1.evil.example:1111",
        ] {
            assert!(!g.host_ok(bad), "{bad}");
        }
        let any = Guard::new("0.0.0.0:1111".parse().expect("address"));
        assert!(any.host_ok("192.168.1.20:1111"));
        assert!(any.host_ok("[fe80::1]:1111"));
        assert!(!any.host_ok("laptop.evil.example:1111"));
        let v6 = Guard::new("[::1]:18411".parse().expect("address"));
        assert!(v6.host_ok("[::1]:18411") && v6.host_ok("[::1]"));
        for bad in ["[::1]x:18411", "[::1", "[::1]:", "::1]:18411", "[::1]18411"] {
            assert!(!v6.host_ok(bad), "{bad}");
        }
    }

    #[test]
    fn only_pages_of_the_preview_are_page_urls() {
        let g = loopback();
        for ok in [
            "/visit/",
            "http://127.0.0.1:1111/visit/",
            "http://localhost:1111/",
        ] {
            assert!(g.own_page_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "//evil.example/",
            "https://evil.example/",
            "http://evil.example:1111/",
            "http://127.0.0.1:1111@evil.example/",
            "x\" onmouseover=\"alert(4)",
            "/a b",
            "data:text/html,hi",
            // No port is port 80, not the preview's.
            "http://127.0.0.1/visit/",
            "http://localhost/",
        ] {
            assert!(!g.own_page_url(bad), "{bad}");
        }
    }

    #[test]
    fn posts_from_other_sites_are_refused() {
        let g = loopback();
        assert!(g.same_origin_request(None, None));
        assert!(g.same_origin_request(Some("http://127.0.0.1:1111"), Some("same-origin")));
        assert!(!g.same_origin_request(Some("https://evil.example"), None));
        assert!(!g.same_origin_request(Some("null"), None));
        assert!(!g.same_origin_request(Some("http://127.0.0.1"), None));
        assert!(!g.same_origin_request(None, Some("cross-site")));
        assert!(!g.same_origin_request(None, Some("same-site")));
    }
}
