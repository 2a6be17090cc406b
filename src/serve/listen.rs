//! Accepting connections: one thread each, at most
//! [`Limits::max_connections`] of them, and an accept loop that never
//! gives up. When the computer runs out of file descriptors the connection
//! idle longest is closed and accepting goes on.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::http::{self, Action, Ctx};
use super::limits::{Admit, Limits, Slot, Table};
use super::reload;
use super::wire::{After, Conn, Fail, busy, write_reply};

/// Error numbers for "no file descriptors left" (EMFILE, ENFILE, and
/// Windows' WSAEMFILE).
const OUT_OF_DESCRIPTORS: [i32; 3] = [24, 23, 10024];

/// Everything the accept loop and its connections share.
#[derive(Clone)]
pub struct Listening {
    pub ctx: Ctx,
    pub limits: Limits,
    pub table: Table,
    pub stop: Arc<AtomicBool>,
}

impl Listening {
    /// Accepts until `stop` is set (and the loop woken by [`wake`]).
    pub fn accept_loop(self, listener: TcpListener) {
        while !self.stop.load(Ordering::Relaxed) {
            match listener.accept() {
                Ok((stream, _)) => {
                    if self.stop.load(Ordering::Relaxed) {
                        return;
                    }
                    self.admit(stream);
                }
                Err(e) => {
                    let out = e
                        .raw_os_error()
                        .is_some_and(|n| OUT_OF_DESCRIPTORS.contains(&n));
                    // Never spin: the error may last until a client goes.
                    if !out || self.table.evict_idle(8) == 0 {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
            }
        }
    }

    fn admit(&self, stream: TcpStream) {
        let slot = match self.table.admit() {
            Admit::Serve(slot) => slot,
            Admit::Busy => {
                let mut stream = stream;
                let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
                let _ = write_reply(&mut stream, &busy(), false, After::Close);
                return;
            }
        };
        let me = self.clone();
        let thread_slot = Arc::clone(&slot);
        let spawned = std::thread::Builder::new()
            .name("signpost-http".into())
            .stack_size(512 * 1024)
            .spawn(move || me.serve(stream, thread_slot));
        if spawned.is_err() {
            self.table.remove(&slot);
        }
    }

    /// Answers requests on one connection, one after another.
    fn serve(self, stream: TcpStream, slot: Arc<Slot>) {
        let _leave = Leave {
            table: &self.table,
            slot: &slot,
        };
        let _ = stream.set_write_timeout(Some(self.limits.write_timeout));
        let _ = stream.set_nodelay(true);
        let mut conn = Conn::new(stream, &slot, &self.stop);
        loop {
            let wanted = |r: &http::Request| http::wants_body(r, &self.ctx);
            let req = match conn.read_request(&self.limits, &wanted) {
                Ok(req) => req,
                Err(Fail::Gone) => return,
                Err(Fail::Answer(reply)) => {
                    let _ = write_reply(&mut conn.stream, &reply, false, After::Close);
                    conn.linger();
                    return;
                }
            };
            match http::handle(&req, &self.ctx) {
                Action::Reply(reply) => {
                    let close = !req.keep_alive || self.stop.load(Ordering::Relaxed);
                    let head = req.method == "HEAD";
                    let after = match (close, req.http11) {
                        (true, _) => After::Close,
                        (false, true) => After::Open,
                        (false, false) => After::OpenAsked,
                    };
                    if write_reply(&mut conn.stream, &reply, head, after).is_err() {
                        return;
                    }
                    if close {
                        conn.linger();
                        return;
                    }
                }
                Action::Events(events, version) => {
                    if !self.table.start_stream(&slot) {
                        return;
                    }
                    reload::stream(&mut conn.stream, events, version, &self.stop, &slot);
                    return;
                }
            }
        }
    }
}

/// Takes a connection off the table however its thread ends.
struct Leave<'a> {
    table: &'a Table,
    slot: &'a Arc<Slot>,
}

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        self.table.remove(self.slot);
    }
}

/// Wakes an accept loop blocked in `accept` (after `stop` is set).
pub fn wake(addr: SocketAddr) {
    let mut to = addr;
    if to.ip().is_unspecified() {
        to.set_ip(match to.ip() {
            std::net::IpAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            std::net::IpAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let _ = TcpStream::connect_timeout(&to, Duration::from_millis(500));
}
