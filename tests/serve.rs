//! The preview server (`signpost serve`), tested over real sockets: what it
//! serves, live reload over Server-Sent Events, the error panel, the file
//! watcher, path safety, the feedback endpoint and robustness.
//!
//! Every test copies `tests/fixtures/serve_site` into a temporary folder and
//! starts its own preview on a free port of 127.0.0.1. HTTP is spoken with a
//! tiny client over `std::net::TcpStream` that sends request lines exactly as
//! written (no normalisation), so the server's own path handling is tested.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use signpost::BuildOptions;
use signpost::serve::{Limits, Preview, ServeOptions};
use tempfile::TempDir;

#[path = "serve/clients.rs"]
mod clients;
#[path = "serve/cms.rs"]
mod cms;
#[path = "serve/feedback.rs"]
mod feedback;
#[path = "serve/hostile.rs"]
mod hostile;
#[path = "serve/panel.rs"]
mod panel;
#[path = "serve/saves.rs"]
mod saves;
#[path = "serve/search.rs"]
mod search;
#[path = "serve/streams.rs"]
mod streams;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve_site");

/// How long a test waits for something that should happen.
const EVENT_WAIT: Duration = Duration::from_secs(5);

/// Raw text of `site.yaml` that must never appear in a response.
const SITE_YAML_TEXT: &str = "base_url: https://serve.example.test/";

// ---------------------------------------------------------------------------
// The site and the server
// ---------------------------------------------------------------------------

/// A copy of the fixture site in a temporary folder (`<tmp>/site`), with
/// room beside it for files that are outside the site.
struct TestSite {
    tmp: TempDir,
    root: PathBuf,
}

impl TestSite {
    fn new() -> TestSite {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let root = tmp.path().join("site");
        copy_dir(Path::new(FIXTURE), &root);
        TestSite { tmp, root }
    }

    /// A path beside the site, outside it.
    fn outside(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).expect("create folder");
        }
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    /// Replaces `from` with `to` in a file (which must contain `from`).
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    fn serve(&self) -> Server {
        Server::start(&self.root, 0).expect("the preview starts")
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// A running preview: first build done, request threads answering.
struct Server {
    preview: Arc<Preview>,
    build: BuildOptions,
    root: PathBuf,
    notices: Vec<String>,
}

impl Server {
    fn start(root: &Path, port: u16) -> anyhow::Result<Server> {
        Server::start_with(root, port, Limits::default())
    }

    fn start_with(root: &Path, port: u16, limits: Limits) -> anyhow::Result<Server> {
        let opts = ServeOptions {
            root: root.to_path_buf(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port,
            drafts: false,
            today: None,
            limits,
        };
        let mut notices = Vec::new();
        let preview = Preview::start(&opts, &mut |msg| notices.push(msg))?;
        let build = preview.build_options(&opts);
        preview.rebuild(&build, None);
        // The handle is dropped: the threads end when the server stops.
        drop(preview.spawn_server()?);
        Ok(Server {
            preview: Arc::new(preview),
            build,
            root: root.to_path_buf(),
            notices,
        })
    }

    fn addr(&self) -> SocketAddr {
        self.preview.addr
    }

    fn get(&self, target: &str) -> Response {
        get(self.addr(), target)
    }

    fn events(&self) -> Sse {
        Sse::open(self.addr())
    }

    /// Starts `watch_forever` on a thread of its own. It never returns, so
    /// the thread lives as long as the test process.
    fn spawn_watcher(&self) {
        let preview = Arc::clone(&self.preview);
        let build = self.build.clone();
        std::thread::Builder::new()
            .name("test-watch".into())
            .spawn(move || {
                let _ = preview.watch_forever(&build, &mut |_, _| {});
            })
            .expect("spawn watcher");
    }

    /// Starts the watcher and waits until it is really watching: saves the
    /// home page unchanged until a rebuild is announced on `sse`, then
    /// waits for the event stream to go quiet.
    fn watch(&self, sse: &mut Sse) {
        self.spawn_watcher();
        self.warm_up(sse);
    }

    /// Like [`Server::watch`], and returns the paths of each change the
    /// watcher reports (as the terminal shows them).
    fn watch_reporting(&self, sse: &mut Sse) -> std::sync::mpsc::Receiver<Vec<String>> {
        let (tx, rx) = std::sync::mpsc::channel();
        let preview = Arc::clone(&self.preview);
        let build = self.build.clone();
        std::thread::Builder::new()
            .name("test-watch".into())
            .spawn(move || {
                let _ = preview.watch_forever(&build, &mut |change, _| {
                    let _ = tx.send(change.paths.clone());
                });
            })
            .expect("spawn watcher");
        self.warm_up(sse);
        while rx.try_recv().is_ok() {}
        rx
    }

    fn warm_up(&self, sse: &mut Sse) {
        let home = self.root.join("content/_index.md");
        let text = std::fs::read(&home).expect("read home page");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            std::fs::write(&home, &text).expect("touch home page");
            if sse.next_event(Duration::from_millis(300)).is_some() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the watcher never reported a change"
            );
        }
        sse.drain();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.preview.stop();
    }
}

// ---------------------------------------------------------------------------
// A tiny HTTP/1.1 client
// ---------------------------------------------------------------------------

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    s.set_write_timeout(Some(Duration::from_secs(10)))
        .expect("write timeout");
    s
}

/// Sends `raw` as it is and reads the whole response (the request must ask
/// for `Connection: close`).
fn send(addr: SocketAddr, raw: &[u8]) -> Response {
    let mut s = connect(addr);
    s.write_all(raw).expect("send request");
    let mut buf = Vec::new();
    if let Err(e) = s.read_to_end(&mut buf) {
        panic!(
            "reading the response failed ({e}) after {:?}",
            String::from_utf8_lossy(&buf)
        );
    }
    let is_head = raw.starts_with(b"HEAD ");
    parse_response(&buf, is_head)
}

fn parse_response(buf: &[u8], is_head: bool) -> Response {
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no complete response: {:?}", String::from_utf8_lossy(buf)));
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut resp = Response {
        status,
        headers,
        body: buf[split + 4..].to_vec(),
    };
    if resp
        .header("Transfer-Encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        resp.body = dechunk(&resp.body);
    } else if !is_head && let Some(n) = resp.header("Content-Length") {
        let n: usize = n.parse().expect("Content-Length is a number");
        assert!(resp.body.len() >= n, "body shorter than Content-Length");
        resp.body.truncate(n);
    }
    resp
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16)
            .expect("chunk size");
        if size == 0 {
            return out;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
}

fn request(method: &str, target: &str) -> String {
    format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
}

fn get(addr: SocketAddr, target: &str) -> Response {
    send(addr, request("GET", target).as_bytes())
}

/// POSTs `body` to the feedback endpoint.
fn post(
    addr: SocketAddr,
    content_type: Option<&str>,
    accept: Option<&str>,
    body: &[u8],
) -> Response {
    let mut raw = format!(
        "POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(t) = content_type {
        raw.push_str(&format!("Content-Type: {t}\r\n"));
    }
    if let Some(a) = accept {
        raw.push_str(&format!("Accept: {a}\r\n"));
    }
    raw.push_str("\r\n");
    let mut bytes = raw.into_bytes();
    bytes.extend_from_slice(body);
    send(addr, &bytes)
}

const FORM: &str = "application/x-www-form-urlencoded";

/// Sends one request with exactly these headers (and `Connection: close`).
fn send_with(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut raw = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        raw.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() {
        raw.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    raw.push_str("\r\n");
    let mut bytes = raw.into_bytes();
    bytes.extend_from_slice(body);
    send(addr, &bytes)
}

// ---------------------------------------------------------------------------
// Server-Sent Events
// ---------------------------------------------------------------------------

/// An open `/__signpost/events` stream.
struct Sse {
    reader: BufReader<TcpStream>,
    /// A line read in part when a read timed out.
    partial: Vec<u8>,
    event: Option<String>,
    data: String,
}

impl Sse {
    /// Opens the stream and reads its head and the `hello` event.
    fn open(addr: SocketAddr) -> Sse {
        let mut s = connect(addr);
        s.write_all(request("GET", "/__signpost/events").as_bytes())
            .expect("send events request");
        let mut sse = Sse {
            reader: BufReader::new(s),
            partial: Vec::new(),
            event: None,
            data: String::new(),
        };
        let deadline = Instant::now() + EVENT_WAIT;
        let status = sse.line(deadline).expect("status line of the event stream");
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        let mut headers = Vec::new();
        loop {
            let line = sse.line(deadline).expect("head of the event stream");
            if line.is_empty() {
                break;
            }
            headers.push(line.to_ascii_lowercase());
        }
        assert!(
            headers
                .iter()
                .any(|h| h == "content-type: text/event-stream"),
            "{headers:?}"
        );
        let hello = sse.next_event(EVENT_WAIT).expect("hello event");
        assert_eq!(hello.0, "hello");
        sse
    }

    /// The next whole line, without its line ending; `None` on timeout.
    fn line(&mut self, deadline: Instant) -> Option<String> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .expect("read timeout");
            match self.reader.read_until(b'\n', &mut self.partial) {
                Ok(0) => panic!("the event stream was closed"),
                Ok(_) if self.partial.ends_with(b"\n") => {
                    let line = String::from_utf8_lossy(&self.partial)
                        .trim_end_matches(['\r', '\n'])
                        .to_string();
                    self.partial.clear();
                    return Some(line);
                }
                Ok(_) => {}
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return None;
                }
                Err(e) => panic!("reading the event stream: {e}"),
            }
        }
    }

    /// The next event as (name, data), or `None` if none comes in time.
    fn next_event(&mut self, timeout: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + timeout;
        loop {
            let line = self.line(deadline)?;
            if line.is_empty() {
                if let Some(event) = self.event.take() {
                    return Some((event, std::mem::take(&mut self.data)));
                }
                self.data.clear();
            } else if let Some(name) = line.strip_prefix("event:") {
                self.event = Some(name.trim().to_string());
            } else if let Some(data) = line.strip_prefix("data:") {
                self.data = data.trim().to_string();
            }
        }
    }

    /// Waits for an event other than `hello`; fails the test if none comes.
    fn expect_event(&mut self, what: &str) -> (String, String) {
        let deadline = Instant::now() + EVENT_WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next_event(left) {
                Some((name, _)) if name == "hello" => continue,
                Some(ev) => return ev,
                None => panic!("no event within {EVENT_WAIT:?} after {what}"),
            }
        }
    }

    /// Waits for a `reload` event, ignoring others.
    fn expect_reload(&mut self, what: &str) -> String {
        let deadline = Instant::now() + EVENT_WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next_event(left) {
                Some((name, data)) if name == "reload" => return data,
                Some(_) => continue,
                None => panic!("no reload event within {EVENT_WAIT:?} after {what}"),
            }
        }
    }

    /// Reads events until the stream has been quiet for a while.
    fn drain(&mut self) {
        while self.next_event(Duration::from_millis(800)).is_some() {}
    }
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

fn has_error_panel(html: &str) -> bool {
    html.contains("role=\"alert\"") || html.contains("id=\"signpost-errors\"")
}

const LIVE_RELOAD: &str = "<script src=\"/__signpost/livereload.js\"";

/// Every file under `dir`, as (relative path, bytes).
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read folder") {
            let p = entry.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .expect("under dir")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&p).expect("read file")));
            }
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------
// Serving
// ---------------------------------------------------------------------------

#[test]
fn pages_and_assets_are_served_with_the_right_types_and_status() {
    let site = TestSite::new();
    let server = site.serve();
    assert!(server.preview.url.starts_with("http://127.0.0.1:"));
    assert_ne!(server.addr().port(), 0, "port 0 becomes a real port");

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("Cache-Control"), Some("no-store"));
    assert!(
        home.text().contains("Original home text."),
        "{}",
        home.text()
    );

    let page = server.get("/guides/first-steps/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.text().contains("<h1>First steps</h1>"),
        "{}",
        page.text()
    );
    assert!(
        page.text().contains("href=\"/guides/next-steps/\""),
        "{}",
        page.text()
    );

    let section = server.get("/guides/");
    assert_eq!(section.status, 200);
    assert!(section.text().contains("Next steps"), "{}", section.text());

    let css = server.get("/css/site.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert_eq!(css.header("Cache-Control"), Some("no-store"));
    assert_eq!(css.text(), site.read("themes/default/static/css/site.css"));

    let image = server.get("/building-map.png");
    assert_eq!(image.status, 200);
    assert_eq!(image.header("Content-Type"), Some("image/png"));
    assert_eq!(image.header("Cache-Control"), Some("no-store"));
    assert_eq!(
        image.body,
        std::fs::read(site.path("content/building-map.png")).expect("read image")
    );
    let visit = server.get("/visit/");
    assert!(
        visit.text().contains("src=\"/building-map.png\""),
        "{}",
        visit.text()
    );

    // HEAD: the same headers, no body.
    let head = send(
        server.addr(),
        request("HEAD", "/guides/first-steps/").as_bytes(),
    );
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(head.header("Cache-Control"), Some("no-store"));
    assert_eq!(
        head.header("Content-Length"),
        Some(page.body.len().to_string().as_str())
    );
    assert!(head.body.is_empty(), "HEAD sent a body: {}", head.text());

    // A folder without its slash is redirected.
    let redirect = server.get("/guides");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/guides/"));
    let redirect = server.get("/guides/first-steps");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/guides/first-steps/"));

    // Unknown addresses get the site's own 404 page.
    for missing in [
        "/no-such-page/",
        "/guides/missing/",
        "/nothing.css",
        "/site.yaml",
    ] {
        let r = server.get(missing);
        assert_eq!(r.status, 404, "{missing}");
        assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
        assert!(
            r.text()
                .contains("Serve test site: this page could not be found."),
            "{missing}: {}",
            r.text()
        );
    }

    // Other methods are refused.
    let put = send(server.addr(), request("PUT", "/").as_bytes());
    assert_eq!(put.status, 405);
}

#[test]
fn the_preview_never_writes_to_public() {
    let site = TestSite::new();
    let server = site.serve();
    let mut sse = server.events();
    server.watch(&mut sse);
    for target in ["/", "/guides/", "/guides/first-steps/", "/css/site.css"] {
        assert_eq!(server.get(target).status, 200, "{target}");
    }
    site.edit(
        "content/guides/first-steps.md",
        "Original first steps text.",
        "Edited first steps text.",
    );
    sse.expect_reload("editing a page");
    assert!(
        !site.path("public").exists(),
        "the preview wrote a public/ folder"
    );
    let names: Vec<String> = std::fs::read_dir(&site.root)
        .expect("read root")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    for name in &names {
        assert!(
            ["site.yaml", "content", "themes"].contains(&name.as_str()),
            "the preview wrote {name} into the site folder"
        );
    }
}

#[test]
fn html_pages_get_the_live_reload_script_and_build_output_does_not() {
    let site = TestSite::new();
    let server = site.serve();

    for target in ["/", "/guides/", "/guides/first-steps/", "/no-such-page/"] {
        let html = server.get(target).text();
        let script = html
            .find(LIVE_RELOAD)
            .unwrap_or_else(|| panic!("{target} has no live-reload script: {html}"));
        let end = html.rfind("</body>").expect("</body>");
        assert!(script < end, "{target}: the script is not inside <body>");
        assert_eq!(html.matches(LIVE_RELOAD).count(), 1, "{target}");
        assert!(!has_error_panel(&html), "{target}");
    }
    // The form posts to the preview.
    let home = server.get("/").text();
    assert!(home.contains("action=\"/__signpost/feedback\""), "{home}");

    let css = server.get("/css/site.css").text();
    assert!(!css.contains("__signpost"), "{css}");

    let js = server.get("/__signpost/livereload.js");
    assert_eq!(js.status, 200);
    assert_eq!(
        js.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.text().contains("EventSource"), "{}", js.text());

    // A normal build of the same site has nothing of the preview in it.
    let out = site.outside("built");
    let report = signpost::build(&BuildOptions {
        output: Some(out.clone()),
        ..BuildOptions::new(&site.root)
    })
    .expect("build");
    assert!(report.written, "{:?}", report.diagnostics);
    let files = files_under(&out);
    assert!(files.iter().any(|(n, _)| n == "index.html"), "{files:?}");
    for (name, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("__signpost"), "{name} mentions __signpost");
        assert!(!text.contains("livereload"), "{name} mentions livereload");
    }
}

// ---------------------------------------------------------------------------
// Live reload and the watcher
// ---------------------------------------------------------------------------

#[test]
fn saving_a_page_sends_a_reload_event_and_serves_the_new_text() {
    let site = TestSite::new();
    let server = site.serve();
    let mut sse = server.events();
    server.watch(&mut sse);

    site.edit(
        "content/guides/first-steps.md",
        "Original first steps text.",
        "Updated first steps text.",
    );
    let (event, version) = sse.expect_event("saving a page");
    assert_eq!(event, "reload");

    let page = server.get("/guides/first-steps/").text();
    assert!(page.contains("Updated first steps text."), "{page}");
    assert!(!page.contains("Original first steps text."), "{page}");
    assert!(
        page.contains(&format!("data-version=\"{version}\"")),
        "the page carries the version the event announced ({version}): {page}"
    );
}

#[test]
fn changing_only_css_sends_a_css_event() {
    let site = TestSite::new();
    let server = site.serve();
    let mut sse = server.events();
    server.watch(&mut sse);

    site.edit(
        "themes/default/static/css/site.css",
        "color: #212b32;",
        "color: #005eb8;",
    );
    let (event, _) = sse.expect_event("saving a stylesheet");
    assert_eq!(event, "css");
    let css = server.get("/css/site.css").text();
    assert!(css.contains("#005eb8"), "{css}");

    // A page change after it is a reload again.
    site.edit(
        "content/visit.md",
        "Original visit text.",
        "New visit text.",
    );
    let (event, _) = sse.expect_event("saving a page");
    assert_eq!(event, "reload");
}

#[test]
fn an_invalid_edit_shows_the_error_panel_and_a_fix_clears_it() {
    let site = TestSite::new();
    let server = site.serve();
    let mut sse = server.events();
    server.watch(&mut sse);

    site.edit(
        "content/guides/first-steps.md",
        "summary: How to take",
        "sumary: How to take",
    );
    sse.expect_reload("saving a mistake");
    for target in ["/", "/guides/first-steps/"] {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}");
        let html = r.text();
        assert!(has_error_panel(&html), "{target}: {html}");
        assert!(
            html.contains("content/guides/first-steps.md, line 3"),
            "{target}: the panel names the file and line: {html}"
        );
        assert!(
            html.contains("<code>sumary</code>"),
            "{target}: the panel names the field: {html}"
        );
        assert!(
            html.contains("is not a field"),
            "{target}: the panel says what is wrong: {html}"
        );
        let panel = html.find("role=\"alert\"").expect("panel");
        let body = html.find("<body>").expect("<body>");
        assert!(body < panel, "{target}: the panel is inside <body>");
    }
    // The last good version is still served under the panel.
    let page = server.get("/guides/first-steps/").text();
    assert!(page.contains("Original first steps text."), "{page}");

    site.edit(
        "content/guides/first-steps.md",
        "sumary: How to take",
        "summary: How to take",
    );
    sse.expect_reload("fixing the mistake");
    for target in ["/", "/guides/first-steps/"] {
        let html = server.get(target).text();
        assert!(!has_error_panel(&html), "{target}: {html}");
    }
}

#[test]
fn the_server_keeps_running_when_the_first_build_fails() {
    let site = TestSite::new();
    site.edit(
        "content/guides/first-steps.md",
        "summary: How to take",
        "sumary: How to take",
    );
    let server = site.serve();
    for target in ["/", "/guides/first-steps/", "/anything/at/all/"] {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}");
        let html = r.text();
        assert!(has_error_panel(&html), "{target}: {html}");
        assert!(
            html.contains("content/guides/first-steps.md, line 3"),
            "{target}: {html}"
        );
        assert!(html.contains(LIVE_RELOAD), "{target}: {html}");
    }

    let mut sse = server.events();
    server.watch(&mut sse);
    site.edit(
        "content/guides/first-steps.md",
        "sumary: How to take",
        "summary: How to take",
    );
    sse.expect_reload("fixing the mistake");
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.text().contains("Original home text."),
        "{}",
        home.text()
    );
    assert!(!has_error_panel(&home.text()), "{}", home.text());
    assert_eq!(server.get("/anything/at/all/").status, 404);
}

#[test]
fn atomic_saves_and_new_deleted_and_renamed_files_are_picked_up() {
    let site = TestSite::new();
    let server = site.serve();
    let mut sse = server.events();
    server.watch(&mut sse);

    // An atomic save: write a temporary file, then rename it over the page.
    let text = site
        .read("content/guides/first-steps.md")
        .replace("Original first steps text.", "Atomically saved text.");
    let temp = site.path("content/guides/.first-steps.md.tmp-save");
    std::fs::write(&temp, text).expect("write temporary file");
    std::fs::rename(&temp, site.path("content/guides/first-steps.md")).expect("rename over");
    sse.expect_reload("an atomic save");
    let page = server.get("/guides/first-steps/").text();
    assert!(page.contains("Atomically saved text."), "{page}");

    // A new page.
    site.write(
        "content/guides/third-steps.md",
        "---\ntitle: Third steps\nsummary: After the next steps.\n---\nThird steps text.\n",
    );
    sse.expect_reload("a new page");
    let third = server.get("/guides/third-steps/");
    assert_eq!(third.status, 200);
    assert!(
        third.text().contains("Third steps text."),
        "{}",
        third.text()
    );
    assert!(server.get("/guides/").text().contains("Third steps"));

    // Deleted.
    std::fs::remove_file(site.path("content/guides/third-steps.md")).expect("delete");
    sse.expect_reload("deleting a page");
    let gone = server.get("/guides/third-steps/");
    assert_eq!(gone.status, 404);
    assert!(!server.get("/guides/").text().contains("Third steps"));

    // A new folder moved in whole, then renamed.
    let staged = site.outside("news");
    std::fs::create_dir_all(&staged).expect("create folder");
    std::fs::write(
        staged.join("_index.md"),
        "---\ntitle: News\nsummary: The latest news.\n---\nAll the news.\n",
    )
    .expect("write");
    std::fs::write(
        staged.join("item.md"),
        "---\ntitle: A news item\nsummary: Something happened.\n---\nNews item text.\n",
    )
    .expect("write");
    std::fs::rename(&staged, site.path("content/news")).expect("move folder in");
    sse.expect_reload("a new folder");
    let item = server.get("/news/item/");
    assert_eq!(item.status, 200);
    assert!(item.text().contains("News item text."), "{}", item.text());

    std::fs::rename(site.path("content/news"), site.path("content/updates"))
        .expect("rename folder");
    sse.expect_reload("renaming a folder");
    let moved = server.get("/updates/item/");
    assert_eq!(moved.status, 200);
    assert!(moved.text().contains("News item text."), "{}", moved.text());
    assert_eq!(server.get("/news/item/").status, 404);
    assert_eq!(server.get("/news/").status, 404);

    // Editing inside the renamed folder is still seen.
    site.edit(
        "content/updates/item.md",
        "News item text.",
        "Edited news item text.",
    );
    sse.expect_reload("editing inside a renamed folder");
    let edited = server.get("/updates/item/").text();
    assert!(edited.contains("Edited news item text."), "{edited}");
}

/// The preview's warnings list in a served page (empty when there is none).
fn warnings_in(page: &str) -> &str {
    let Some(start) = page.find("<aside id=\"signpost-warnings\"") else {
        return "";
    };
    let end = page[start..]
        .find("</aside>")
        .map_or(page.len(), |e| start + e);
    &page[start..end]
}

#[test]
fn saving_the_word_list_checks_spelling_again_wherever_site_yaml_puts_it() {
    let site = TestSite::new();
    site.edit(
        "content/guides/first-steps.md",
        "Original first steps text.",
        "Original first steps text, led by Zorblaxton and Quimbeley.",
    );
    let server = site.serve();
    let mut sse = server.events();
    server.watch(&mut sse);
    // The page's warnings once the preview has reloaded after `what`.
    let mut warnings_after = |what: &str| {
        if !what.is_empty() {
            sse.expect_reload(what);
        }
        warnings_in(&server.get("/guides/first-steps/").text()).to_string()
    };
    let warnings = warnings_after("");
    assert!(
        warnings.contains("Zorblaxton"),
        "the unknown name is a spelling warning at first: {warnings}"
    );

    // `words.txt` in the site's folder, read when site.yaml names no list.
    site.write("words.txt", "Zorblaxton\n");
    let warnings = warnings_after("saving words.txt");
    assert!(!warnings.contains("Zorblaxton"), "{warnings}");
    assert!(warnings.contains("Quimbeley"), "{warnings}");

    // A list site.yaml names in a folder of its own is watched too, once
    // the preview has read the new setting.
    site.write("docs/words.txt", "");
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}writing:\n  word_list: docs/words.txt\n"),
    );
    let warnings = warnings_after("naming another word list in site.yaml");
    assert!(
        warnings.contains("Zorblaxton"),
        "words.txt is no longer read: {warnings}"
    );
    site.write("docs/words.txt", "Zorblaxton\nQuimbeley\n");
    let warnings = warnings_after("saving docs/words.txt");
    assert!(
        !warnings.contains("Zorblaxton") && !warnings.contains("Quimbeley"),
        "{warnings}"
    );
}

#[test]
fn editor_swap_files_do_not_trigger_a_rebuild() {
    let site = TestSite::new();
    let server = site.serve();
    let mut sse = server.events();
    server.watch(&mut sse);

    site.write("content/.x.md.swp", "swap");
    site.write("content/x.md~", "backup");
    site.write("content/4913", "");
    std::fs::remove_file(site.path("content/4913")).expect("remove 4913");
    site.write("content/guides/.first-steps.md.swp", "swap");
    site.write("content/guides/first-steps.md~", "backup");
    if let Some(ev) = sse.next_event(Duration::from_millis(1200)) {
        panic!("an editor's temporary files caused an event: {ev:?}");
    }
    // The ignored files are not served either.
    assert_eq!(server.get("/x.md~").status, 404);

    // The watcher is still working.
    site.edit(
        "content/visit.md",
        "Original visit text.",
        "Still watching.",
    );
    sse.expect_reload("a real edit after the swap files");
}

#[test]
fn the_watcher_survives_a_deleted_and_recreated_content_folder() {
    let site = TestSite::new();
    let server = site.serve();
    let mut sse = server.events();
    server.watch(&mut sse);

    // Moved away and back.
    let away = site.outside("content-away");
    std::fs::rename(site.path("content"), &away).expect("move content away");
    sse.expect_reload("moving content/ away");
    sse.drain();
    std::fs::rename(&away, site.path("content")).expect("move content back");
    sse.expect_reload("moving content/ back");
    sse.drain();
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(!has_error_panel(&home.text()), "{}", home.text());

    site.edit(
        "content/guides/first-steps.md",
        "Original first steps text.",
        "Text after moving back.",
    );
    sse.expect_reload("editing after content/ came back");
    let page = server.get("/guides/first-steps/").text();
    assert!(page.contains("Text after moving back."), "{page}");

    // Deleted, and a new folder put in its place.
    std::fs::remove_dir_all(site.path("content")).expect("delete content");
    sse.expect_reload("deleting content/");
    sse.drain();
    let fresh = site.outside("content-fresh");
    copy_dir(&Path::new(FIXTURE).join("content"), &fresh);
    std::fs::rename(&fresh, site.path("content")).expect("recreate content");
    sse.expect_reload("recreating content/");
    sse.drain();
    site.edit(
        "content/guides/next-steps.md",
        "Original next steps text.",
        "Text after recreating.",
    );
    sse.expect_reload("editing after content/ was recreated");
    let page = server.get("/guides/next-steps/").text();
    assert!(page.contains("Text after recreating."), "{page}");
    assert!(!has_error_panel(&page), "{page}");
}

// ---------------------------------------------------------------------------
// Path safety
// ---------------------------------------------------------------------------

const SECRET: &str = "SECRET-MARKER-outside-the-site-7f3a";

fn assert_refused(server: &Server, target: &str) {
    let r = send(server.addr(), request("GET", target).as_bytes());
    let body = r.text();
    assert!(
        r.status == 400 || r.status == 404,
        "{target:?} answered {}: {body}",
        r.status
    );
    assert!(
        !body.contains(SECRET),
        "{target:?} leaked the secret: {body}"
    );
    assert!(
        !body.contains(SITE_YAML_TEXT),
        "{target:?} leaked site.yaml: {body}"
    );
    assert!(
        !body.contains("root:x:0:0"),
        "{target:?} leaked a system file"
    );
}

#[test]
fn traversal_attempts_never_return_file_contents() {
    let site = TestSite::new();
    std::fs::write(site.outside("secret.txt"), SECRET).expect("write secret");
    let server = site.serve();
    let secret_abs = site
        .outside("secret.txt")
        .to_string_lossy()
        .replace('\\', "/");
    let root_abs = site.root.to_string_lossy().replace('\\', "/");

    let mut targets: Vec<String> = [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/site.yaml",
        "/%2e%2e%2fsite.yaml",
        "/..%2fsite.yaml",
        "/..%5csite.yaml",
        "/..\\site.yaml",
        "/.%2e/site.yaml",
        "/guides/../../site.yaml",
        "/guides/%2e%2e/%2e%2e/site.yaml",
        "/./site.yaml",
        "/site.yaml",
        "/content/_index.md",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/../../secret.txt",
        "/%00",
        "/a%00b",
        "/site.yaml%00.html",
        "//etc/passwd",
        "///etc/passwd",
        "/%252e%252e/site.yaml",
        "/%252e%252e%252fsite.yaml",
        "/%c0%ae%c0%ae/site.yaml",
        "/%zz",
        "/etc/passwd",
        "/c:/windows/win.ini",
        "/C:%5cWindows%5cwin.ini",
        "C:\\site.yaml",
        "site.yaml",
        "../site.yaml",
        "http://127.0.0.1/../site.yaml",
        "*",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Absolute paths of this machine, asked for as they are.
    targets.push(secret_abs.clone());
    targets.push(format!("/{}", secret_abs.trim_start_matches('/')));
    targets.push(format!("{root_abs}/site.yaml"));
    targets.push(format!("/{}/site.yaml", root_abs.trim_start_matches('/')));

    for target in &targets {
        assert_refused(&server, target);
    }
    // The server is still fine afterwards.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_symlink_in_content_to_a_file_outside_the_site_is_not_served() {
    let site = TestSite::new();
    let outside_dir = site.outside("private");
    std::fs::create_dir_all(&outside_dir).expect("create folder");
    std::fs::write(outside_dir.join("secret.txt"), SECRET).expect("write secret");
    if !make_symlink_file(
        &outside_dir.join("secret.txt"),
        &site.path("content/leak.txt"),
    ) || !make_symlink_dir(&outside_dir, &site.path("content/leak-dir"))
    {
        // Straight to stderr: the harness captures `eprintln!`, so CI's log
        // would not show that this test did not run.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED a_symlink_in_content_to_a_file_outside_the_site_is_not_served: symlinks cannot be made here"
        );
        return;
    }
    let server = site.serve();
    for target in [
        "/leak.txt",
        "/leak-dir/secret.txt",
        "/leak-dir/",
        "/%6ceak.txt",
    ] {
        assert_refused(&server, target);
    }
}

#[cfg(unix)]
fn make_symlink_file(target: &Path, link: &Path) -> bool {
    std::os::unix::fs::symlink(target, link).is_ok()
}

#[cfg(unix)]
fn make_symlink_dir(target: &Path, link: &Path) -> bool {
    std::os::unix::fs::symlink(target, link).is_ok()
}

#[cfg(windows)]
fn make_symlink_file(target: &Path, link: &Path) -> bool {
    std::os::windows::fs::symlink_file(target, link).is_ok()
}

#[cfg(windows)]
fn make_symlink_dir(target: &Path, link: &Path) -> bool {
    std::os::windows::fs::symlink_dir(target, link).is_ok()
}

// ---------------------------------------------------------------------------
// Feedback
// ---------------------------------------------------------------------------

#[test]
fn feedback_posts_are_appended_to_the_jsonl_file_and_listed() {
    let site = TestSite::new();
    let server = site.serve();
    let addr = server.addr();

    let r = post(
        addr,
        Some(FORM),
        None,
        b"page_url=%2Fvisit%2F&page_title=Visit+us&useful=no&problem=The+map+is+too+small",
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("Location"), Some("/feedback/thanks/"));
    let thanks = server.get("/feedback/thanks/");
    assert_eq!(thanks.status, 200);
    assert!(
        thanks.text().contains("Thank you for your feedback."),
        "{}",
        thanks.text()
    );

    let r = post(
        addr,
        Some("application/x-www-form-urlencoded; charset=UTF-8"),
        Some("application/json"),
        b"page_url=%2F&page_title=Welcome&useful=yes&problem=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("Content-Type"), Some("application/json"));
    let json: serde_json::Value = serde_json::from_slice(&r.body).expect("JSON reply");
    assert_eq!(json["ok"], true);

    // The honeypot field marks spam.
    let r = post(
        addr,
        Some(FORM),
        Some("application/json"),
        b"page_url=%2Fguides%2F&page_title=Guides&useful=yes&website=http%3A%2F%2Fspam.example",
    );
    assert_eq!(r.status, 200, "{}", r.text());

    let file = site.path(".signpost/feedback.jsonl");
    let text = std::fs::read_to_string(&file).expect("feedback.jsonl exists");
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(records.len(), 3, "{text}");
    let first = &records[0];
    assert_eq!(first["page_url"], "/visit/");
    assert_eq!(first["page_title"], "Visit us");
    assert_eq!(first["useful"], "no");
    assert_eq!(first["problem"], "The map is too small");
    assert_eq!(first["spam"], false);
    let received = first["received"].as_str().expect("received is text");
    assert!(
        received.parse::<jiff::Timestamp>().is_ok(),
        "received is a timestamp: {received}"
    );
    assert_eq!(records[1]["problem"], "<script>alert(1)</script>");
    assert_eq!(records[1]["spam"], false);
    assert_eq!(records[2]["page_url"], "/guides/");
    assert_eq!(records[2]["spam"], true);

    let list = server.get("/__signpost/feedback/");
    assert_eq!(list.status, 200);
    assert_eq!(
        list.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    let html = list.text();
    assert!(html.contains("3 submissions"), "{html}");
    assert!(html.contains("The map is too small"), "{html}");
    assert!(html.contains("Visit us"), "{html}");
    assert!(
        html.contains("<td>yes</td></tr>"),
        "the spam one is marked: {html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>alert(1)"), "{html}");
    // Newest first.
    let newest = html.find("Guides").expect("newest");
    let oldest = html.find("Visit us").expect("oldest");
    assert!(newest < oldest, "{html}");
}

#[test]
fn feedback_bodies_over_16_kib_get_413_and_non_form_posts_get_400_and_get_gets_405() {
    let site = TestSite::new();
    let server = site.serve();
    let addr = server.addr();
    let jsonl = site.path(".signpost/feedback.jsonl");

    // Exactly 16 KiB is accepted; one byte more is not.
    let prefix = "useful=yes&problem=";
    let at_limit = format!("{prefix}{}", "a".repeat(16 * 1024 - prefix.len()));
    assert_eq!(at_limit.len(), 16 * 1024);
    let r = post(
        addr,
        Some(FORM),
        Some("application/json"),
        at_limit.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());

    let over = format!("{at_limit}a");
    let r = post(addr, Some(FORM), Some("application/json"), over.as_bytes());
    assert_eq!(r.status, 413, "{}", r.text());
    let r = post(addr, Some(FORM), None, "x".repeat(200_000).as_bytes());
    assert_eq!(r.status, 413, "{}", r.text());

    // Chunked, so that the length is not known in advance.
    let big = "useful=yes&problem=".to_string() + &"b".repeat(20_000);
    let mut raw = format!(
        "POST /__signpost/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: {FORM}\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .into_bytes();
    for piece in big.as_bytes().chunks(4096) {
        raw.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        raw.extend_from_slice(piece);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let r = send(addr, &raw);
    assert_eq!(r.status, 413, "{}", r.text());

    // Not a form.
    let r = post(addr, Some("application/json"), None, br#"{"useful":"yes"}"#);
    assert_eq!(r.status, 400, "{}", r.text());
    let r = post(addr, Some("text/plain"), None, b"useful=yes");
    assert_eq!(r.status, 400, "{}", r.text());
    let r = post(addr, None, None, b"useful=yes");
    assert_eq!(r.status, 400, "{}", r.text());
    let r = post(addr, Some(FORM), None, b"useful=%zz");
    assert_eq!(r.status, 400, "{}", r.text());

    // Other methods.
    let r = server.get("/__signpost/feedback");
    assert_eq!(r.status, 405, "{}", r.text());
    let r = send(addr, request("PUT", "/__signpost/feedback").as_bytes());
    assert_eq!(r.status, 405, "{}", r.text());

    // Only the one good submission was kept.
    let text = std::fs::read_to_string(&jsonl).expect("feedback.jsonl");
    assert_eq!(text.lines().count(), 1, "{text}");
}

// ---------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------

#[test]
fn a_hundred_idle_connections_do_not_block_other_requests() {
    let site = TestSite::new();
    let server = site.serve();
    let mut sse = server.events();
    server.watch(&mut sse);

    let mut idle = Vec::with_capacity(100);
    for i in 0..100 {
        let mut s = connect(server.addr());
        if i % 2 == 1 {
            s.write_all(b"GET /gui").expect("half a request line");
        }
        idle.push(s);
    }

    let start = Instant::now();
    let r = server.get("/guides/");
    assert_eq!(r.status, 200);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "a request took {:?} with idle connections open",
        start.elapsed()
    );
    let start = Instant::now();
    assert_eq!(server.get("/css/site.css").status, 200);
    assert!(start.elapsed() < Duration::from_secs(3));

    site.edit(
        "content/guides/first-steps.md",
        "Original first steps text.",
        "Edited while idle connections are open.",
    );
    sse.expect_reload("an edit with idle connections open");
    let page = server.get("/guides/first-steps/").text();
    assert!(
        page.contains("Edited while idle connections are open."),
        "{page}"
    );

    // A second stream opened now also works.
    let mut second = server.events();
    site.edit("content/visit.md", "Original visit text.", "Second edit.");
    sse.expect_reload("a second edit");
    second.expect_reload("a second edit, on the second stream");
    drop(idle);
}

#[test]
fn a_port_in_use_moves_to_the_next_one() {
    let site = TestSite::new();
    let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a port");
    let port = taken.local_addr().expect("local addr").port();
    let server = Server::start(&site.root, port).expect("the preview starts");
    assert_ne!(server.addr().port(), port);
    assert!(
        server
            .preview
            .url
            .contains(&format!(":{}/", server.addr().port()))
    );
    assert!(
        server
            .notices
            .iter()
            .any(|n| n.contains(&port.to_string()) && n.contains("in use")),
        "{:?}",
        server.notices
    );
    assert_eq!(server.get("/").status, 200);
    drop(taken);
}

#[test]
fn stopping_the_preview_ends_every_thread_and_closes_every_connection() {
    let site = TestSite::new();
    let opts = ServeOptions {
        root: site.root.clone(),
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        drafts: false,
        today: None,
        limits: Limits::default(),
    };
    let preview = Preview::start(&opts, &mut |_| {}).expect("start");
    let build = preview.build_options(&opts);
    preview.rebuild(&build, None);
    let accept = preview.spawn_server().expect("serve");
    assert_eq!(get(preview.addr, "/").status, 200);
    let mut idle = connect(preview.addr);
    let mut sse = Sse::open(preview.addr);
    preview.stop();
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline && (!accept.is_finished() || preview.connections() > 0) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        accept.is_finished(),
        "the accept thread still runs after stop()"
    );
    assert_eq!(
        preview.connections(),
        0,
        "connections still open after stop()"
    );
    let mut buf = [0u8; 64];
    assert_eq!(
        idle.read(&mut buf).unwrap_or(0),
        0,
        "an idle connection was left open"
    );
    let mut rest = Vec::new();
    let _ = sse.reader.read_to_end(&mut rest);
}
