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

// ---------------------------------------------------------------------------
// JSON-LD against what Google's rich results require
// ---------------------------------------------------------------------------

/// Google's job posting rich result: the properties it requires (dotted
/// paths into the item). `jobLocation` is required unless the job is remote.
const JOB_POSTING_REQUIRED: &[&str] = &[
    "title",
    "description",
    "datePosted",
    "hiringOrganization.name",
    "jobLocation.address.addressCountry",
];

/// Google's course info rich result: what a `Course` requires, each of its
/// `offers` and each of its `hasCourseInstance`.
const COURSE_REQUIRED: &[&str] = &["name", "description", "provider.name"];
const OFFER_REQUIRED: &[&str] = &["category"];
const OFFER_CATEGORIES: &[&str] = &["Free", "Partially Free", "Subscription", "Paid"];
const COURSE_MODES: &[&str] = &["online", "onsite", "blended"];

fn get<'a>(v: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.')
        .try_fold(v, |v, key| v.get(key))
        .filter(|v| match v {
            serde_json::Value::String(s) => !s.trim().is_empty(),
            serde_json::Value::Null => false,
            _ => true,
        })
}

/// Each JSON-LD item on a built page.
fn json_ld(html: &str) -> Vec<serde_json::Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .filter_map(|s| s.split("</script>").next())
        .map(|s| serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}")))
        .collect()
}

/// Every mistake Google would find in the job postings and courses of a
/// built site; and how many of each were checked.
fn rich_result_problems(output: &Path, today: jiff::civil::Date) -> (Vec<String>, usize, usize) {
    let mut problems = Vec::new();
    let (mut jobs, mut courses) = (0, 0);
    for (rel, bytes) in common::read_tree(output) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for item in json_ld(&html) {
            let need =
                |problems: &mut Vec<String>, v: &serde_json::Value, what: &str, paths: &[&str]| {
                    for p in paths {
                        if get(v, p).is_none() {
                            problems.push(format!("{rel}: {what} has no `{p}`"));
                        }
                    }
                };
            match item["@type"].as_str() {
                Some("JobPosting") => {
                    jobs += 1;
                    need(&mut problems, &item, "JobPosting", JOB_POSTING_REQUIRED);
                    let valid = item["validThrough"].as_str().unwrap_or_default();
                    if valid.parse::<jiff::Timestamp>().is_err() {
                        problems.push(format!(
                            "{rel}: validThrough `{valid}` has no time zone offset"
                        ));
                    }
                    let description = item["description"].as_str().unwrap_or_default();
                    for attr in ["href=\"", "src=\""] {
                        for (i, _) in description.match_indices(attr) {
                            let url = &description[i + attr.len()..];
                            let url = &url[..url.find('"').unwrap_or(url.len())];
                            if !(url.starts_with("https://")
                                || url.starts_with("mailto:")
                                || url.starts_with("tel:"))
                            {
                                problems.push(format!(
                                    "{rel}: description links to `{url}`, not a full address"
                                ));
                            }
                        }
                    }
                }
                Some("Course") => {
                    courses += 1;
                    need(&mut problems, &item, "Course", COURSE_REQUIRED);
                    let offers = item["offers"].as_array().cloned().unwrap_or_default();
                    if offers.is_empty() {
                        problems.push(format!("{rel}: Course has no `offers`"));
                    }
                    for o in &offers {
                        need(&mut problems, o, "Offer", OFFER_REQUIRED);
                        if !OFFER_CATEGORIES.contains(&o["category"].as_str().unwrap_or_default()) {
                            problems.push(format!("{rel}: offer category {}", o["category"]));
                        }
                    }
                    let instances = item["hasCourseInstance"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    if instances.is_empty() {
                        problems.push(format!("{rel}: Course has no `hasCourseInstance`"));
                    }
                    for i in &instances {
                        let mode = i["courseMode"].as_str().unwrap_or_default();
                        if !COURSE_MODES.contains(&mode) {
                            problems.push(format!(
                                "{rel}: courseMode `{mode}` is not one of {COURSE_MODES:?}"
                            ));
                        }
                        if get(i, "courseWorkload").is_none() && get(i, "courseSchedule").is_none()
                        {
                            problems.push(format!("{rel}: a CourseInstance has neither `courseWorkload` nor `courseSchedule`"));
                        }
                        if let Some(end) = i["endDate"].as_str()
                            && end.parse::<jiff::civil::Date>().is_ok_and(|d| d < today)
                        {
                            problems.push(format!("{rel}: a CourseInstance ended on {end}"));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    (problems, jobs, courses)
}

#[test]
fn the_example_sites_json_ld_has_what_job_and_course_rich_results_require() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    let repo = repo_root();
    std::fs::create_dir_all(&root).expect("site folder");
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).expect("site.yaml");
    for folder in ["content", "themes", "static"] {
        if repo.join(folder).is_dir() {
            copy_dir(&repo.join(folder), &root.join(folder));
        }
    }
    let opts = signpost::BuildOptions {
        today: Some(common::today()),
        ..signpost::BuildOptions::new(&root)
    };
    let report = common::build(&opts);
    common::assert_no_errors(&root, &report);
    let (problems, jobs, courses) = rich_result_problems(&root.join("public"), common::today());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        jobs >= 1 && courses >= 1,
        "{jobs} job postings, {courses} courses"
    );
}

#[test]
fn course_modes_past_dates_uk_closing_times_and_absolute_links_in_json_ld() {
    let site = with_real_theme("published/structured");
    // Built by the command with an empty time zone folder, as on a computer
    // without time zone data: the rules built into Signpost are used.
    let empty = tempfile::tempdir().expect("empty folder");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["build", "--today", common::TODAY])
        .current_dir(&site.root)
        .env("TZDIR", empty.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run signpost");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (problems, jobs, courses) = rich_result_problems(&site.output(), common::today());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!((jobs, courses), (1, 1));

    let course = json_ld(&site.read_output("training/recovery-course/index.html"))
        .into_iter()
        .find(|v| v["@type"] == "Course")
        .expect("a Course");
    insta::assert_snapshot!(
        "structured_course",
        serde_json::to_string_pretty(&course).expect("JSON")
    );
    let job = json_ld(&site.read_output("vacancies/summer-peer-worker/index.html"))
        .into_iter()
        .find(|v| v["@type"] == "JobPosting")
        .expect("a JobPosting");
    assert_eq!(job["validThrough"], "2027-07-01T23:59:59+01:00");
    let description = job["description"].as_str().expect("description");
    assert!(
        description.contains("href=\"https://example.test/training/recovery-course/\"")
            && description.contains("href=\"https://example.test/contact/\"")
            && description.contains("href=\"https://jobs.example.test/\""),
        "{description}"
    );
}

#[test]
fn front_matter_text_gets_the_same_smart_punctuation_as_page_text_with_one_setting() {
    let site = TestSite::new("published/smart_punctuation");
    site.build_ok();
    let html = site.read_output("drop-in/index.html");
    let title = common::text_of_class(&html, "content");
    assert_eq!(
        (
            common::strip_tags(
                &html[html.find("<h1>").expect("h1")..html.find("</h1>").expect("/h1")]
            ),
            common::text_of_class(&html, "summary"),
        ),
        (
            "Tony’s “drop-in” – every week".to_string(),
            "It’s open to anyone… no need to book.".to_string()
        ),
        "{html}"
    );
    assert_eq!(
        title,
        "Tony’s “drop-in” – every week. It’s open to anyone… no need to book."
    );
    assert!(
        html.contains("<title>Tony’s “drop-in” – every week |"),
        "{html}"
    );
    let feed = site.read_output("feed.xml");
    assert!(!feed.contains("Tony's"), "{feed}");

    // Off, it is off for both.
    let yaml = common::read_text(&site.path("site.yaml"));
    site.write(
        "site.yaml",
        &format!("{yaml}markdown:\n  smart_punctuation: false\n"),
    );
    site.build_ok();
    let html = site.read_output("drop-in/index.html");
    assert_eq!(
        common::text_of_class(&html, "summary"),
        "It&#x27;s open to anyone... no need to book."
    );
    assert!(
        common::text_of_class(&html, "content").starts_with("Tony's &quot;drop-in&quot; --"),
        "{html}"
    );
}
