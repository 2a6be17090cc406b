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
