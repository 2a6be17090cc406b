//! Details of the published output that other programs read: addresses in
//! `sitemap.xml`, the feeds and the JSON-LD are plain ASCII whatever the
//! files are called, and the example site's JSON-LD has what job and course
//! search results require.

mod common;

use std::path::Path;

use common::{TestSite, copy_dir, read_text, repo_root};

/// A copy of `tests/fixtures/<case>` with the repository's real theme (the
/// JSON-LD is written by the real theme's `<head>`).
fn with_real_theme(case: &str) -> TestSite {
    let site = TestSite::new(case);
    copy_dir(&repo_root().join("themes"), &site.path("themes"));
    site
}

/// Every `http(s)://…` address written in `text`, up to a quote, `<` or space.
fn addresses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("http") {
        rest = &rest[i..];
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| c == '"' || c == '<' || c == '\'' || c.is_whitespace())
                .unwrap_or(rest.len());
            out.push(&rest[..end]);
            rest = &rest[end..];
        } else {
            rest = &rest[4..];
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8 after decoding")
}

#[test]
fn addresses_in_the_sitemap_feeds_and_json_ld_are_percent_encoded_whatever_a_file_is_called() {
    let site = with_real_theme("published/non_ascii_names");
    site.build_ok();
    let sitemap = site.read_output("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.contains(&"https://example.test/team/dr-si%C3%A2n-%C3%B3-s%C3%BAilleabh%C3%A1in/"),
        "{locs:#?}"
    );
    for loc in &locs {
        assert!(loc.is_ascii(), "not percent-encoded in sitemap.xml: {loc}");
        // Decoded, each address is a file that was written.
        let path = percent_decode(loc.trim_start_matches("https://example.test/"));
        let file = site.output().join(&path).join("index.html");
        assert!(file.is_file(), "{loc} is not a built page ({path})");
    }

    // Every absolute address the build wrote into XML or JSON-LD.
    let member = "team/dr-siân-ó-súilleabháin/index.html";
    let vacancy = "vacancies/gweithiwr-cymorth-ŵyr/index.html";
    let mut seen = 0;
    for rel in [
        "sitemap.xml",
        "feed.xml",
        "vacancies/feed.xml",
        member,
        vacancy,
    ] {
        let text = read_text(&site.output().join(Path::new(rel)));
        let text = if rel.ends_with(".html") {
            // Only the JSON-LD of a page: links in its HTML may be IRIs.
            text.split("<script type=\"application/ld+json\">")
                .skip(1)
                .filter_map(|s| s.split("</script>").next())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            text
        };
        for url in addresses(&text) {
            seen += 1;
            assert!(
                url.is_ascii(),
                "{rel} holds an address not percent-encoded: {url}"
            );
        }
        assert!(
            text.contains("%C3%") || text.contains("%C5%B5"),
            "{rel} has no encoded address:\n{text}"
        );
    }
    assert!(seen > 10, "only {seen} addresses found");
}

/// The element with `id="{id}"` on a built page, as text with its links.
fn block(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no id=\"{id}\" in:\n{html}"));
    let start = html[..at].rfind('<').expect("start of tag");
    let end = at + html[at..].find("</div>").expect("end of block") + "</div>".len();
    let mut out = String::new();
    for line in html[start..end].lines() {
        let line = line.trim();
        if !line.is_empty() {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn a_services_team_a_vacancys_course_and_a_members_services_are_shown_with_links() {
    let site = with_real_theme("published/references");
    site.build_ok();
    let service = site.read_output("services/early-intervention/index.html");
    let vacancy = site.read_output("vacancies/peer-worker/index.html");
    let member = site.read_output("team/tony-mitchell/index.html");
    let shown = format!(
        "{}\n{}\n{}",
        block(&service, "team"),
        block(&vacancy, "course"),
        block(&member, "services")
    );
    // In the order the service gives; Tony works in two services.
    insta::assert_snapshot!("references", shown);
    for html in [&service, &vacancy, &member] {
        for link in common::links(html) {
            if let Some(path) = link.strip_prefix('/')
                && !path.starts_with("__")
                && !path.contains(['#', '?'])
                && path.ends_with('/')
            {
                assert!(site.output_exists(&format!("{path}index.html")), "{link}");
            }
        }
    }
}
