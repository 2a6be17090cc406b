//! Live reload over Server-Sent Events: every open tab keeps a connection to
//! `/__signpost/events` and is told to reload, or to swap its stylesheets
//! when only CSS changed. The script is added to preview responses only.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::limits::Slot;

pub const EVENTS_PATH: &str = "/__signpost/events";
pub const SCRIPT_PATH: &str = "/__signpost/livereload.js";

/// What open tabs are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Reload,
    Css,
}

/// One tab's queue of events, each with the site version it announces.
type Client = Sender<(Event, u64)>;

/// The open event streams.
#[derive(Clone, Default)]
pub struct Broadcaster {
    clients: Arc<Mutex<Vec<Client>>>,
}

impl Broadcaster {
    /// Tells every open tab; forgets tabs that have gone.
    pub fn send(&self, event: Event, version: u64) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send((event, version)).is_ok());
        }
    }

    pub fn subscribe(&self) -> Receiver<(Event, u64)> {
        let (tx, rx) = channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    pub fn client_count(&self) -> usize {
        self.clients.lock().map_or(0, |c| c.len())
    }
}

/// Streams events to one tab until it goes away, the preview stops, or
/// the table needs its place (too many streams). A comment line every 15
/// seconds keeps proxies from closing the stream.
pub fn stream(
    out: &mut TcpStream,
    events: Receiver<(Event, u64)>,
    version: u64,
    stop: &AtomicBool,
    slot: &Slot,
) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\nX-Accel-Buffering: no\r\n\r\n";
    // `retry` makes the browser reconnect quickly after a server restart.
    let hello = format!("retry: 500\nevent: hello\ndata: {version}\n\n");
    if out
        .write_all(head.as_bytes())
        .and_then(|_| out.write_all(hello.as_bytes()))
        .and_then(|_| out.flush())
        .is_err()
    {
        return;
    }
    let mut quiet = Duration::ZERO;
    // Reads only look whether the tab has gone, so they must not wait.
    if out
        .set_read_timeout(Some(Duration::from_millis(1)))
        .is_err()
    {
        return;
    }
    while !stop.load(Ordering::Relaxed) && !slot.evicted() && !gone(out) {
        // As often as a reading connection looks (`SLICE`), so a stream
        // told to make room goes as quickly.
        let msg = match events.recv_timeout(super::wire::SLICE) {
            Ok((Event::Reload, v)) => format!("event: reload\ndata: {v}\n\n"),
            Ok((Event::Css, v)) => format!("event: css\ndata: {v}\n\n"),
            Err(RecvTimeoutError::Timeout) => {
                quiet += super::wire::SLICE;
                if quiet < Duration::from_secs(15) {
                    continue;
                }
                ": keep-alive\n\n".to_string()
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        quiet = Duration::ZERO;
        if out
            .write_all(msg.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// Whether the tab has closed its end. It never sends anything, so a read
/// that ends the stream (0 bytes) or fails means it has gone; a write into
/// a closed socket may still succeed for a while.
fn gone(stream: &mut TcpStream) -> bool {
    let mut buf = [0u8; 256];
    match stream.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !matches!(
            e.kind(),
            ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
        ),
    }
}

/// The script added to every HTML page the preview serves.
pub const SCRIPT: &str = r#"// Signpost preview: reloads this tab when the site is rebuilt.
(function () {
  if (!window.EventSource) return;
  var me = document.currentScript;
  var seen = me && me.getAttribute("data-version");
  var source = new EventSource("/__signpost/events");
  source.addEventListener("hello", function (e) {
    // A rebuild since this page loaded, or a restarted server: catch up.
    if (seen !== null && e.data !== seen) location.reload();
    seen = e.data;
  });
  source.addEventListener("reload", function (e) {
    seen = e.data;
    location.reload();
  });
  source.addEventListener("css", function (e) {
    seen = e.data;
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("signpost", e.data);
      links[i].href = url.toString();
    }
  });
})();
"#;
