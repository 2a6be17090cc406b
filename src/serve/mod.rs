//! `signpost serve`: a local preview that rebuilds in memory as files are
//! saved, tells open tabs to reload, shows mistakes in the page, and
//! collects the feedback form's submissions. It never writes to `public/`.

pub mod cms;
mod feedback;
mod feedback_list;
pub mod guard;
pub mod http;
pub mod limits;
mod listen;
pub mod panel;
mod reload;
pub mod search;
pub mod session;
pub mod state;
mod watch;
mod wire;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, RwLock};

use anyhow::{Context, Result};

use crate::BuildOptions;
use crate::render::THANKS_PATH;

pub use limits::Limits;
pub use reload::{Broadcaster, Event};
pub use watch::{Change, is_relevant};

/// How to run the preview.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
    pub today: Option<jiff::civil::Date>,
    /// What any one client may use.
    pub limits: Limits,
}

/// A running preview server.
pub struct Preview {
    pub addr: SocketAddr,
    pub url: String,
    listener: TcpListener,
    listening: listen::Listening,
    /// Kept between rebuilds for incremental work; `None` after a failed build.
    session: Mutex<Option<session::Session>>,
}

/// How many ports after the asked-for one are tried when it is taken.
const PORT_TRIES: u16 = 20;

impl Preview {
    /// Binds the server (trying the next ports if needed) and does the
    /// first build. `notice` receives what a person should be told.
    pub fn start(opts: &ServeOptions, notice: &mut dyn FnMut(String)) -> Result<Preview> {
        let mut last_err = None;
        let mut server = None;
        for port in opts.port..opts.port.saturating_add(PORT_TRIES) {
            match TcpListener::bind(SocketAddr::new(opts.bind, port)) {
                Ok(s) => {
                    server = Some(s);
                    break;
                }
                Err(e) => {
                    if port != 0 {
                        notice(format!(
                            "Port {port} is already in use; trying {}.",
                            port + 1
                        ));
                    }
                    last_err = Some(e);
                    if port == 0 {
                        break;
                    }
                }
            }
        }
        let listener = match server {
            Some(s) => s,
            None => anyhow::bail!(
                "could not start the preview on {} ports from {}: {}",
                PORT_TRIES,
                opts.port,
                last_err.map(|e| e.to_string()).unwrap_or_default()
            ),
        };
        let addr = listener
            .local_addr()
            .context("the preview server has no network address")?;
        let host = if addr.ip().is_unspecified() {
            "localhost".to_string()
        } else {
            addr.ip().to_string()
        };
        let url = match addr.ip() {
            IpAddr::V6(_) if !addr.ip().is_unspecified() => {
                format!("http://[{host}]:{}/", addr.port())
            }
            _ => format!("http://{host}:{}/", addr.port()),
        };
        let ctx = http::Ctx {
            root: opts.root.clone(),
            guard: guard::Guard::new(addr),
            shared: Arc::default(),
            reload: Broadcaster::default(),
            feedback: feedback::Store::new(
                opts.root.join(".signpost").join("feedback.jsonl"),
                THANKS_PATH.to_string(),
                &opts.limits,
            ),
            search: search::Live::start(),
        };
        // A computer allowing few open files (macOS Terminal: 256) runs out
        // of them before the table is full otherwise.
        let max_connections = limits::connections_for_open_files()
            .map_or(opts.limits.max_connections, |n| {
                n.min(opts.limits.max_connections)
            });
        Ok(Preview {
            addr,
            url,
            listener,
            listening: listen::Listening {
                ctx,
                table: limits::Table::new(max_connections, opts.limits.max_event_streams),
                limits: opts.limits.clone(),
                stop: Arc::default(),
            },
            session: Mutex::new(None),
        })
    }

    /// The build options the preview uses: served at its own address, with
    /// the form posting to the preview.
    pub fn build_options(&self, opts: &ServeOptions) -> BuildOptions {
        BuildOptions {
            root: opts.root.clone(),
            output: None,
            base_url: Some(self.url.clone()),
            drafts: opts.drafts,
            today: opts.today,
            feedback_endpoint: Some(feedback::POST_PATH.to_string()),
            // Stable names, so a changed stylesheet can be swapped in place.
            fingerprint: false,
            // What is previewed is what was written, easy to read in the
            // browser's tools; links stay as the server can serve them.
            minify: false,
            relative_urls: false,
            // Editors see spelling and reading-score findings as they write.
            writing: true,
        }
    }

    pub fn shared(&self) -> &state::Shared {
        &self.listening.ctx.shared
    }

    pub fn broadcaster(&self) -> &Broadcaster {
        &self.listening.ctx.reload
    }

    /// Answers requests on a thread of its own (and one per connection)
    /// until [`Preview::stop`]. Event streams are connections too.
    pub fn spawn_server(&self) -> std::io::Result<std::thread::JoinHandle<()>> {
        let listener = self.listener.try_clone()?;
        let listening = self.listening.clone();
        std::thread::Builder::new()
            .name("signpost-accept".into())
            .spawn(move || listening.accept_loop(listener))
    }

    /// How many connections are open now.
    pub fn connections(&self) -> usize {
        self.listening.table.len()
    }

    /// Stops accepting; every connection closes within a moment.
    pub fn stop(&self) {
        self.listening.stop.store(true, Ordering::Relaxed);
        listen::wake(self.addr);
    }

    /// Rebuilds, then tells open tabs what to do.
    pub fn rebuild(&self, opts: &BuildOptions, change: Option<&Change>) -> state::Outcome {
        let mut search_on = false;
        let outcome = match self.session.lock() {
            Ok(mut session) => {
                let outcome =
                    state::rebuild(opts, &mut session, change, &self.listening.ctx.shared);
                search_on = session
                    .as_ref()
                    .is_some_and(session::Session::search_enabled);
                outcome
            }
            Err(poisoned) => state::rebuild(
                opts,
                &mut poisoned.into_inner(),
                None,
                &self.listening.ctx.shared,
            ),
        };
        let (version, files) = self
            .listening
            .ctx
            .shared
            .read()
            .map_or((0, None), |s| (s.version, Some(Arc::clone(&s.files))));
        if let Some(files) = files.filter(|_| outcome.ok) {
            // With search off, the indexer is not asked to read the whole
            // site again only to find that out: on a large site that took
            // the CPU the next rebuild needed.
            match search_on {
                true => self.listening.ctx.search.update(opts, files),
                false => self.listening.ctx.search.clear(),
            }
        }
        let event = match change {
            Some(c) if c.css_only() && outcome.ok => Event::Css,
            _ => Event::Reload,
        };
        self.listening.ctx.reload.send(event, version);
        outcome
    }

    /// Watches the site and rebuilds on every change, until the process ends.
    /// `report` is told the outcome of each rebuild.
    pub fn watch_forever(
        &self,
        opts: &BuildOptions,
        report: &mut dyn FnMut(&Change, &state::Outcome),
    ) -> Result<()> {
        let extra: watch::Extra =
            Arc::new(RwLock::new(self.extra_files().unwrap_or_else(|| {
                vec![crate::config::writing::DEFAULT_WORD_LIST.to_string()]
            })));
        let (mut watcher, changes) = watch::watch(&opts.root, Arc::clone(&extra))
            .context("could not watch the site's files for changes")?;
        for change in changes {
            watch::rewatch(&mut watcher, &opts.root, &change);
            let outcome = self.rebuild(opts, Some(&change));
            // `site.yaml` may now name another word list.
            if let Some(files) = self.extra_files()
                && let Ok(mut watched) = extra.write()
                && *watched != files
            {
                watch::watch_extra(&mut watcher, &opts.root, &files);
                *watched = files;
            }
            report(&change, &outcome);
        }
        Ok(())
    }

    /// The files outside the watched folders that the last good build read,
    /// if there is one.
    fn extra_files(&self) -> Option<Vec<String>> {
        let session = self.session.lock().ok()?;
        session.as_ref().map(session::Session::extra_files)
    }
}
