//! The browser editor's local backend in the preview: each action of the
//! protocol over a real socket, saves that rebuild and reload, and what it
//! refuses: paths outside `content/` and `static/`, other sites, bodies
//! over the caps; a failed save leaves the file as it was.

use super::*;

use serde_json::{Value, json};

const API: &str = "/__signpost/cms/api/v1";

/// The serve fixture with the editor switched on.
fn cms_site() -> TestSite {
    let site = TestSite::new();
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}cms:\n  repo: serve-trust/site\n"),
    );
    site
}

/// POSTs an action as the CMS does, from the preview's own page.
fn action(server: &Server, body: &Value) -> (u16, Value) {
    let host = server.addr().to_string();
    let origin = format!("http://{host}");
    let r = send_with(
        server.addr(),
        "POST",
        API,
        &[
            ("Host", host.as_str()),
            ("Origin", origin.as_str()),
            ("Sec-Fetch-Site", "same-origin"),
            ("Content-Type", "application/json"),
        ],
        body.to_string().as_bytes(),
    );
    let value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
    (r.status, value)
}

fn persist(path: &str, raw: &str) -> Value {
    json!({
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "dataFiles": [{ "slug": "x", "path": path, "raw": raw }],
            "assets": [],
            "options": { "commitMessage": "Update", "useWorkflow": false, "status": "" }
        }
    })
}

const VISIT: &str =
    "---\ntitle: Visiting us\nsummary: How to find the building.\n---\nCome in by the side door.\n";

#[test]
fn the_editor_finds_the_preview_as_its_local_backend() {
    let site = cms_site();
    let server = site.serve();
    let config = server.get("/admin/config.yml").text();
    let url = format!("url: http://{}{API}", server.addr());
    assert!(config.contains(&url), "{config}");
    let (status, info) = action(&server, &json!({ "action": "info" }));
    assert_eq!(status, 200);
    assert_eq!(info["type"], "local_fs");
    assert_eq!(info["publish_modes"], json!(["simple"]));
    assert_eq!(info["repo"], "site");
    // The editor's page is a program of its own: no reload script, no panel.
    let admin = server.get("/admin/");
    assert_eq!(admin.status, 200);
    assert!(!admin.text().contains("livereload.js"), "{}", admin.text());
}

#[test]
fn pages_are_listed_and_read_and_a_section_s_own_page_is_left_out_of_its_folder() {
    let site = cms_site();
    let server = site.serve();
    let (status, list) = action(
        &server,
        &json!({ "action": "entriesByFolder", "params": { "branch": "main", "folder": "content/guides", "extension": "md", "depth": 1 } }),
    );
    assert_eq!(status, 200, "{list}");
    let paths: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|e| e["file"]["path"].as_str())
        .collect();
    assert!(!paths.is_empty() && paths.iter().all(|p| p.starts_with("content/guides/")));
    assert!(!paths.contains(&"content/guides/_index.md"), "{paths:?}");
    let (status, entry) = action(
        &server,
        &json!({ "action": "getEntry", "params": { "branch": "main", "path": "content/visit.md" } }),
    );
    assert_eq!(status, 200);
    assert_eq!(entry["data"], site.read("content/visit.md"));
    assert!(entry["file"]["id"].is_string());
    let (_, missing) = action(
        &server,
        &json!({ "action": "getEntry", "params": { "branch": "main", "path": "content/nope.md" } }),
    );
    assert_eq!(missing["data"], Value::Null);
    let (_, both) = action(
        &server,
        &json!({ "action": "entriesByFiles", "params": { "branch": "main", "files": [{ "path": "content/visit.md" }, { "path": "content/_index.md" }] } }),
    );
    assert_eq!(both.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_save_writes_the_page_and_the_preview_rebuilds_and_reloads() {
    let site = cms_site();
    let server = site.serve();
    let mut sse = server.events();
    server.watch(&mut sse);
    let raw = VISIT.replace("side door", "front door, past the café");
    let (status, answer) = action(&server, &persist("content/visit.md", &raw));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(site.read("content/visit.md"), raw);
    let (event, _) = sse.expect_event("a save from the editor");
    assert_eq!(event, "reload");
    assert!(server.get("/visit/").text().contains("past the café"));
    // A new page in a new folder.
    let (status, _) = action(&server, &persist("content/guides/new-guide.md", VISIT));
    assert_eq!(status, 200);
    assert_eq!(site.read("content/guides/new-guide.md"), VISIT);
}

#[test]
fn pictures_are_uploaded_listed_read_and_deleted() {
    let site = cms_site();
    let server = site.serve();
    let png = std::fs::read(site.path("content/building-map.png")).expect("png");
    let encoded = {
        // The test's own encoder, so the server's is checked against it.
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for c in png.chunks(3) {
            let n = (u32::from(c[0]) << 16)
                | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                | u32::from(*c.get(2).unwrap_or(&0));
            for i in 0..4 {
                out.push(if i <= c.len() {
                    char::from(A[((n >> (18 - 6 * i)) & 63) as usize])
                } else {
                    '='
                });
            }
        }
        out
    };
    let (status, file) = action(
        &server,
        &json!({ "action": "persistMedia", "params": { "branch": "main", "asset": { "path": "static/images/map.png", "content": encoded, "encoding": "base64" }, "options": { "commitMessage": "Upload" } } }),
    );
    assert_eq!(status, 200, "{file}");
    assert_eq!(
        std::fs::read(site.path("static/images/map.png")).expect("saved"),
        png
    );
    assert_eq!(file["name"], "map.png");
    let (_, media) = action(
        &server,
        &json!({ "action": "getMedia", "params": { "branch": "main", "mediaFolder": "static/images" } }),
    );
    assert_eq!(media[0]["path"], "static/images/map.png");
    assert_eq!(media[0]["content"], encoded.as_str());
    let (status, _) = action(
        &server,
        &json!({ "action": "deleteFile", "params": { "branch": "main", "path": "static/images/map.png", "options": { "commitMessage": "Delete" } } }),
    );
    assert_eq!(status, 200);
    assert!(!site.path("static/images/map.png").exists());
    let (status, _) = action(
        &server,
        &json!({ "action": "deleteFiles", "params": { "branch": "main", "paths": ["content/visit.md"], "options": { "commitMessage": "Delete" } } }),
    );
    assert_eq!(status, 200);
    assert!(!site.path("content/visit.md").exists());
    let (status, _) = action(
        &server,
        &json!({ "action": "unpublishedEntries", "params": {} }),
    );
    assert_eq!(status, 422);
}

/// Paths that must never be read, written or deleted.
const OUTSIDE: &[&str] = &[
    "site.yaml",
    "../outside.md",
    "content/../site.yaml",
    "content/../../outside.md",
    "/etc/passwd",
    "content/./visit.md",
    "content//visit.md",
    "content/.hidden.md",
    "static/.git/config",
    ".signpost/feedback.jsonl",
    "themes/default/templates/base.html",
    "content\\..\\site.yaml",
    "c:/windows/win.ini",
    "content/a\u{0}.md",
    "",
];

#[test]
fn paths_outside_content_and_static_are_refused_by_every_action() {
    let site = cms_site();
    let server = site.serve();
    std::fs::write(site.outside("outside.md"), "secret").expect("outside file");
    let yaml = site.read("site.yaml");
    for path in OUTSIDE {
        for body in [
            json!({ "action": "getEntry", "params": { "path": path } }),
            json!({ "action": "getMediaFile", "params": { "path": path } }),
            json!({ "action": "entriesByFolder", "params": { "folder": path, "extension": "md", "depth": 1 } }),
            json!({ "action": "getMedia", "params": { "mediaFolder": path } }),
            persist(path, VISIT),
            json!({ "action": "persistMedia", "params": { "asset": { "path": path, "content": "aGk=", "encoding": "base64" } } }),
            json!({ "action": "deleteFile", "params": { "path": path } }),
            json!({ "action": "deleteFiles", "params": { "paths": ["content/visit.md", path] } }),
        ] {
            let (status, answer) = action(&server, &body);
            assert_eq!(status, 403, "{path:?} {body}: {answer}");
            assert!(
                answer["error"]
                    .as_str()
                    .is_some_and(|e| e.contains("inside content/ and static/")),
                "{answer}"
            );
        }
    }
    assert_eq!(site.read("site.yaml"), yaml);
    assert_eq!(
        std::fs::read_to_string(site.outside("outside.md")).expect("kept"),
        "secret"
    );
    assert!(
        site.path("content/visit.md").exists(),
        "deleteFiles checks every path first"
    );
    // Pages are saved only as markdown inside content/.
    let (status, _) = action(&server, &persist("static/page.md", VISIT));
    assert_eq!(status, 403);
    let (status, _) = action(&server, &persist("content/visit.html", VISIT));
    assert_eq!(status, 403);
}

#[cfg(unix)]
#[test]
fn a_shortcut_out_of_the_site_is_not_followed() {
    let site = cms_site();
    let outside = site.outside("elsewhere");
    std::fs::create_dir_all(&outside).expect("folder");
    std::fs::write(outside.join("secret.md"), "secret").expect("file");
    std::os::unix::fs::symlink(&outside, site.path("content/linked")).expect("symlink");
    let server = site.serve();
    for body in [
        json!({ "action": "getEntry", "params": { "path": "content/linked/secret.md" } }),
        persist("content/linked/secret.md", VISIT),
        json!({ "action": "entriesByFolder", "params": { "folder": "content/linked", "extension": "md", "depth": 1 } }),
    ] {
        let (status, answer) = action(&server, &body);
        assert_eq!(status, 403, "{body}: {answer}");
        assert!(
            answer["error"].as_str().unwrap_or("").contains("shortcut"),
            "{answer}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(outside.join("secret.md")).expect("kept"),
        "secret"
    );
}

#[test]
fn requests_from_another_site_are_refused_and_change_nothing() {
    let site = cms_site();
    let server = site.serve();
    let before = site.read("content/visit.md");
    let host = server.addr().to_string();
    let own = format!("http://{host}");
    let body = persist("content/visit.md", "---\ntitle: Hacked\nsummary: x\n---\n").to_string();
    for (headers, why) in [
        (
            vec![
                ("Host", host.as_str()),
                ("Origin", "https://evil.example"),
                ("Content-Type", "application/json"),
            ],
            "another site's origin",
        ),
        (
            vec![
                ("Host", host.as_str()),
                ("Sec-Fetch-Site", "cross-site"),
                ("Content-Type", "application/json"),
            ],
            "a cross-site fetch",
        ),
        (
            vec![
                ("Host", host.as_str()),
                ("Origin", own.as_str()),
                ("Content-Type", "text/plain"),
            ],
            "not JSON (what a form on another site can send)",
        ),
        (
            vec![
                ("Host", "evil.example"),
                ("Content-Type", "application/json"),
            ],
            "another host name (DNS rebinding)",
        ),
    ] {
        let r = send_with(server.addr(), "POST", API, &headers, body.as_bytes());
        assert_eq!(r.status, 403, "{why}: {}", r.text());
    }
    assert_eq!(site.read("content/visit.md"), before);
    let r = server.get(API);
    assert_eq!(r.status, 405);
}

#[test]
fn a_failed_save_leaves_the_file_as_it_was() {
    let site = cms_site();
    let server = site.serve();
    let before = site.read("content/visit.md");
    // A good page with a picture that may not be saved: nothing is written.
    let mut body = persist("content/visit.md", "---\ntitle: Changed\nsummary: x\n---\n");
    body["params"]["assets"] =
        json!([{ "path": "../evil.png", "content": "aGk=", "encoding": "base64" }]);
    let (status, _) = action(&server, &body);
    assert_eq!(status, 403);
    // A picture that is not base64.
    body["params"]["assets"] =
        json!([{ "path": "content/x.png", "content": "not base64!", "encoding": "base64" }]);
    let (status, answer) = action(&server, &body);
    assert_eq!(status, 413, "{answer}");
    // A page where a folder is.
    std::fs::create_dir_all(site.path("content/folder.md")).expect("folder");
    let (status, answer) = action(&server, &persist("content/folder.md", VISIT));
    assert_eq!(status, 409, "{answer}");
    // A page over the cap.
    let big = format!(
        "---\ntitle: Big\nsummary: x\n---\n{}",
        "words ".repeat(200_000)
    );
    let (status, answer) = action(&server, &persist("content/visit.md", &big));
    assert_eq!(status, 413, "{answer}");
    assert_eq!(site.read("content/visit.md"), before);
    assert!(!site.path("content/x.png").exists());
    // No half-written file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.path("content"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("signpost-saving"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_body_over_the_editor_s_cap_is_refused_before_it_is_read() {
    let site = cms_site();
    let server = site.serve();
    let host = server.addr().to_string();
    let raw = format!(
        "POST {API} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        15 * 1024 * 1024
    );
    let r = send(server.addr(), raw.as_bytes());
    assert_eq!(r.status, 413);
    assert!(r.text().contains("at most 10 MB"), "{}", r.text());
    // Another site's request gets only the small cap, before anything else.
    let raw = format!(
        "POST {API} HTTP/1.1\r\nHost: {host}\r\nOrigin: https://evil.example\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        1024 * 1024
    );
    let r = send(server.addr(), raw.as_bytes());
    assert_eq!(r.status, 413);
    assert!(r.text().contains("at most 16 KB"), "{}", r.text());
    // The feedback form keeps its own, smaller cap.
    let r = post(server.addr(), Some(FORM), None, &vec![b'a'; 20 * 1024]);
    assert_eq!(r.status, 413);
}

#[test]
fn the_preview_serves_the_cms_script_from_node_modules_when_it_is_there() {
    let site = cms_site();
    let without = site.serve();
    let admin = without.get("/admin/").text();
    assert!(admin.contains("https://unpkg.com/decap-cms@"), "{admin}");
    drop(without);
    site.write(
        "node_modules/decap-cms/dist/decap-cms.js",
        "window.CMS_LOCAL = 1;",
    );
    site.write(
        "node_modules/decap-cms/dist/103.decap-cms.js",
        "/* a chunk */",
    );
    site.write("node_modules/secret.txt", "secret");
    let server = site.serve();
    let admin = server.get("/admin/").text();
    assert!(
        admin.contains("<script src=\"/__signpost/cms/app/decap-cms.js\"></script>"),
        "{admin}"
    );
    let script = server.get("/__signpost/cms/app/decap-cms.js");
    assert_eq!(script.status, 200);
    assert_eq!(script.text(), "window.CMS_LOCAL = 1;");
    assert_eq!(
        server.get("/__signpost/cms/app/103.decap-cms.js").status,
        200
    );
    for bad in [
        "/__signpost/cms/app/../secret.txt",
        "/__signpost/cms/app/..%2fsecret.txt",
        "/__signpost/cms/app/.hidden",
        "/__signpost/cms/app/",
    ] {
        let r = server.get(bad);
        assert!(!r.text().contains("secret"), "{bad}");
        assert_ne!(r.status, 200, "{bad}");
    }
}

// ---------------------------------------------------------------------------
// Round trip: every kind saved as the CMS sends it, then built
// ---------------------------------------------------------------------------

/// A copy of the example site (its settings, content and theme).
fn example_site() -> TestSite {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content", "themes"] {
        copy_dir(&repo.join(dir), &root.join(dir));
    }
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).expect("site.yaml");
    TestSite { tmp, root }
}

/// A page as the CMS writes it: its YAML library's style (plain where it
/// can, double quotes where a `: ` or `#` needs them, lists indented under
/// their key), fields in the form's order, the text after the fields.
fn as_cms_writes(fields: &str, body: &str) -> String {
    format!("---\n{fields}---\n{body}\n")
}

/// A one-pixel PNG.
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

#[test]
fn every_kind_saved_through_the_editor_builds_with_no_findings() {
    let site = example_site();
    let server = site.serve();
    let pages = [
        (
            "content/new-page.md",
            as_cms_writes(
                "title: Groups near you\nsummary: Where our peer support groups meet each week.\n",
                "## Meeting places\n\nGroups meet in **libraries** and community centres.",
            ),
        ),
        (
            "content/services/memory-service.md",
            as_cms_writes(
                "title: Memory service\nsummary: An example of a team that supports people with memory problems.\nlocalities:\n  - City\n  - County south\nwho_it_is_for: People with memory problems, and their families or carers.\nhow_to_be_referred: Ask your GP to refer you.\ncontact: Email [memory@example.org](mailto:memory@example.org).\nteam_members:\n  - tony-mitchell\n  - drew-szmit\n",
                "## About the service\n\nThe team sees people at home.",
            ),
        ),
        (
            "content/training/refresher-course.md",
            as_cms_writes(
                "title: Refresher course\nsummary: A one-day course for peer support workers who trained some time ago.\nformat: In person\nduration: One day\naudience: Peer support workers who trained more than two years ago.\nlearning_outcomes:\n  - Reflect on your practice\ntopics:\n  - What has changed\nhow_to_book: Email [peer.support@example.org](mailto:peer.support@example.org).\ndates:\n  - start: 2027-05-04\n    end: 2027-05-04\n    note: Places available\ntotal_hours: 6.5\nis_free: true\n",
                "## What the day is like\n\nA mix of talks and group work.",
            ),
        ),
        (
            "content/vacancies/peer-support-worker-wards.md",
            as_cms_writes(
                "title: Peer support worker, wards (example)\nsummary: An example vacancy on the wards.\nclosing_date: 2027-04-30\nlocation: Inpatient wards, City\npay: \"Band 3 (example: £24,000 a year)\"\nhours: 37.5 hours a week\neligibility_criteria:\n  - Be able to work shifts\nhow_to_apply: Apply on [the Trust's recruitment website](https://example.org/jobs).\napply_url: https://example.org/jobs\nposted: 2026-11-20\nemployment_type: part_time\nsalary_min: 24000\nsalary_max: 26000\ncourse: peer-support-course\n",
                "## About the job\n\nYou will work on the wards.",
            ),
        ),
        (
            "content/vacancies/_index.md",
            site.read("content/vacancies/_index.md").replace(
                "  - Value diversity",
                "  - Be willing to learn\n  - Value diversity",
            ),
        ),
    ];
    for (path, raw) in &pages {
        let (status, answer) = action(&server, &persist(path, raw));
        assert_eq!(status, 200, "{path}: {answer}");
    }
    // A team member with a photo, sent with the page as the CMS sends it.
    let mut body = persist(
        "content/team/sam-jones.md",
        &as_cms_writes(
            "name: Sam Jones\nrole: Peer support worker\nphoto: sam-jones.png\nphoto_alt: Sam smiling, in a blue jumper\nbio: Sam supports people on the wards.\n",
            "Sam joined the team in 2025.",
        ),
    );
    body["params"]["assets"] =
        json!([{ "path": "content/team/sam-jones.png", "content": PNG, "encoding": "base64" }]);
    let (status, answer) = action(&server, &body);
    assert_eq!(status, 200, "{answer}");
    // An edit of an existing page, in the form's order (which is not the
    // file's: `course` comes before `apply_url` in it).
    let vacancy = "content/vacancies/peer-support-worker-community.md";
    let before = site.read(vacancy);
    let edited = before
        .replace("closing_date: 2027-03-31", "closing_date: 2027-04-15")
        .replace("course: peer-support-course\n", "")
        .replace(
            "salary_max: 26000\n",
            "salary_max: 26000\ncourse: peer-support-course\n",
        )
        .replace(
            "pay: \"Band 3 (example: £24,000 to £26,000 a year)\"",
            "pay: 'Band 3 (example: £24,000 to £26,000 a year)'",
        );
    let (status, _) = action(&server, &persist(vacancy, &edited));
    assert_eq!(status, 200);
    let after = site.read(vacancy);
    assert_eq!(
        after,
        before.replace("closing_date: 2027-03-31", "closing_date: 2027-04-15"),
        "the file keeps its order and quoting; only the date changed"
    );
    drop(server);

    let report = signpost::build(&BuildOptions {
        today: Some("2026-11-24".parse().expect("date")),
        ..BuildOptions::new(&site.root)
    })
    .expect("build");
    let findings: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| format!("{}: {} {}", d.file.display(), d.code, d.message))
        .collect();
    assert!(findings.is_empty(), "{findings:#?}");
    let public = site.path("public");
    let read = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap_or_default();
    assert!(read("team/sam-jones/index.html").contains("Sam smiling, in a blue jumper"));
    assert!(public.join("team/sam-jones.png").is_file());
    assert!(read("services/memory-service/index.html").contains("Tony Mitchell"));
    assert!(read("vacancies/index.html").contains("Be willing to learn"));
}
