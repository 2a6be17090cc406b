//! How much the preview gives any one client, and the table of open
//! connections that keeps the total in bounds: when it is full, or the
//! computer has no file descriptors left, the connection idle the longest
//! is closed to make room, so the preview always answers someone new.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Limits on clients. The defaults suit a browser on the same computer.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connections open at once (event streams of open tabs included).
    pub max_connections: usize,
    /// Live-reload event streams open at once (one per open tab); opening
    /// one more closes the oldest, so streams never crowd out pages. At
    /// most half of `max_connections`.
    pub max_event_streams: usize,
    /// Bytes in a request's line and headers.
    pub max_head: usize,
    /// How long a connection may wait before sending a request.
    pub idle_timeout: Duration,
    /// How long a request may take to arrive once it has started.
    pub request_timeout: Duration,
    /// How long writing an answer may be stuck (a client not reading).
    pub write_timeout: Duration,
    /// Feedback submissions saved per minute (a burst of this many is fine).
    pub feedback_per_minute: u32,
    /// How large `.signpost/feedback.jsonl` may grow.
    pub feedback_store_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 256,
            max_event_streams: 32,
            max_head: 64 * 1024,
            idle_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            feedback_per_minute: 30,
            feedback_store_bytes: 5 * 1024 * 1024,
        }
    }
}

/// How many connections the process's file limit leaves room for: a
/// quarter of the descriptors, and 16 more, are kept for reading the
/// site's files and watching them. `None` where the limit is not known.
pub fn connections_for_open_files() -> Option<usize> {
    let files = open_file_limit()?;
    Some((files - files / 4).saturating_sub(16).max(4))
}

#[cfg(unix)]
fn open_file_limit() -> Option<usize> {
    let lim = rustix::process::getrlimit(rustix::process::Resource::Nofile);
    lim.current
        .filter(|n| *n > 0)
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<usize> {
    None
}

/// One open connection, as the table sees it: idle (since when), busy, an
/// event stream, or told to close, all in one atomic value so a connection
/// told to close can never go on to become busy.
#[derive(Debug)]
pub struct Slot {
    state: AtomicU64,
    started: Instant,
}

const BUSY: u64 = 0;
const STREAM: u64 = 1;
const EVICTED: u64 = u64::MAX;
/// A new connection is not closed for lack of file descriptors until it
/// has had this long to send its request (it may be the one just made).
const GRACE: Duration = Duration::from_millis(200);

impl Slot {
    fn now(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    /// Waiting for a request (idle states are "since when" + 2).
    pub fn set_idle(&self) {
        let since = self.now() + 2;
        let _ = self
            .state
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
                (s != EVICTED).then_some(since)
            });
    }

    /// Working on a request; `false` if it was told to close first.
    pub fn set_busy(&self) -> bool {
        self.to(BUSY)
    }

    fn to(&self, state: u64) -> bool {
        self.state
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
                (s != EVICTED).then_some(state)
            })
            .is_ok()
    }

    pub fn evicted(&self) -> bool {
        self.state.load(Ordering::Acquire) == EVICTED
    }

    /// Tells it to close if it is still in `state`.
    fn evict_if(&self, state: u64) -> bool {
        self.state
            .compare_exchange(state, EVICTED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }
}

/// The open connections.
#[derive(Debug, Clone)]
pub struct Table {
    slots: Arc<Mutex<Vec<Arc<Slot>>>>,
    started: Instant,
    max: usize,
    max_streams: usize,
}

/// What to do with a new connection.
pub enum Admit {
    Serve(Arc<Slot>),
    /// Every connection is busy: answer "busy" and close.
    Busy,
}

impl Table {
    pub fn new(max: usize, max_streams: usize) -> Table {
        let max = max.max(1);
        Table {
            slots: Arc::default(),
            started: Instant::now(),
            max,
            max_streams: max_streams.min(max / 2).max(1),
        }
    }

    /// Makes `slot` an event stream, telling the oldest streams to close
    /// when there are more than the cap. `false` if it was told to close.
    pub fn start_stream(&self, slot: &Arc<Slot>) -> bool {
        let Ok(slots) = self.slots.lock() else {
            return false;
        };
        if !slot.to(STREAM) {
            return false;
        }
        let streams: Vec<&Arc<Slot>> = slots
            .iter()
            .filter(|s| s.state.load(Ordering::Acquire) == STREAM)
            .collect();
        // Slots are in the order they came, so the first are the oldest.
        let over = streams.len().saturating_sub(self.max_streams);
        for s in streams
            .into_iter()
            .filter(|s| !Arc::ptr_eq(s, slot))
            .take(over)
        {
            s.evict_if(STREAM);
        }
        true
    }

    pub fn len(&self) -> usize {
        self.slots.lock().map_or(0, |s| s.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Makes room for a new connection, telling the one idle longest to
    /// close when the table is full: each connection let in over the cap
    /// has one told to close, which goes within [`super::wire::SLICE`]. Up
    /// to a quarter more may be open meanwhile; beyond that the new one
    /// waits briefly for them. With nothing idle to close, "busy".
    pub fn admit(&self) -> Admit {
        let hard = self.max + (self.max / 4).max(1);
        let until = Instant::now() + super::wire::SLICE * 2;
        loop {
            let Ok(mut slots) = self.slots.lock() else {
                return Admit::Busy;
            };
            let n = slots.len();
            let leaving = slots.iter().filter(|s| s.evicted()).count();
            let staying = n - leaving;
            let room = n < hard && (staying < self.max || self.evict_idlest(&slots, false));
            if room {
                // Idle (and closable to make room) until it has sent a request.
                let slot = Arc::new(Slot {
                    state: AtomicU64::new(BUSY),
                    started: self.started,
                });
                slot.set_idle();
                slots.push(Arc::clone(&slot));
                return Admit::Serve(slot);
            }
            // Only when some are known to be going, and only briefly.
            if leaving == 0 || Instant::now() >= until {
                return Admit::Busy;
            }
            drop(slots);
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Closes up to `count` of the connections idle longest, to free file
    /// descriptors, and waits a moment for them to go. Connections newer
    /// than [`GRACE`] are spared: the one just accepted is among them.
    /// Returns how many were told to close.
    pub fn evict_idle(&self, count: usize) -> usize {
        let Ok(slots) = self.slots.lock() else {
            return 0;
        };
        let before = slots.len();
        let told = (0..count)
            .take_while(|_| self.evict_idlest(&slots, true))
            .count();
        drop(slots);
        let until = Instant::now() + super::wire::SLICE * 2;
        while told > 0 && self.len() + told > before && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(2));
        }
        told
    }

    pub fn remove(&self, slot: &Arc<Slot>) {
        if let Ok(mut slots) = self.slots.lock() {
            slots.retain(|s| !Arc::ptr_eq(s, slot));
        }
    }

    fn evict_idlest(&self, slots: &[Arc<Slot>], spare_new: bool) -> bool {
        let now = self.started.elapsed().as_millis() as u64 + 2;
        let grace = GRACE.as_millis() as u64;
        let mut idle: Vec<(u64, &Arc<Slot>)> = slots
            .iter()
            .map(|s| (s.state.load(Ordering::Acquire), s))
            .filter(|(t, _)| *t != BUSY && *t != STREAM && *t != EVICTED)
            .filter(|(t, _)| !spare_new || t.saturating_add(grace) <= now)
            .collect();
        idle.sort_by_key(|(t, _)| *t);
        // One that turned busy meanwhile keeps its request.
        idle.into_iter().any(|(t, s)| s.evict_if(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_table_closes_the_connection_idle_longest() {
        let table = Table::new(2, 1);
        let Admit::Serve(a) = table.admit() else {
            panic!("a")
        };
        std::thread::sleep(Duration::from_millis(5));
        let Admit::Serve(b) = table.admit() else {
            panic!("b")
        };
        let Admit::Serve(c) = table.admit() else {
            panic!("c")
        };
        assert!(a.evicted() && !b.evicted() && !c.evicted());
        assert!(b.set_busy());
        // Nothing idle left to close (`a` is still going): busy.
        assert!(matches!(table.admit(), Admit::Busy));
        table.remove(&a);
        assert_eq!(table.len(), 2);
        assert!(c.set_busy());
        assert!(matches!(table.admit(), Admit::Busy));
        // Told to close while idle: it can no longer become busy.
        let d = Slot {
            state: AtomicU64::new(5),
            started: Instant::now(),
        };
        assert!(d.evict_if(5) && !d.set_busy() && d.evicted());
    }

    #[test]
    fn out_of_file_descriptors_the_connection_just_accepted_is_not_the_one_closed() {
        let table = Table::new(4, 1);
        let Admit::Serve(new) = table.admit() else {
            panic!("new")
        };
        assert_eq!(table.evict_idle(8), 0);
        assert!(!new.evicted());
        std::thread::sleep(GRACE + Duration::from_millis(20));
        assert_eq!(table.evict_idle(8), 1);
        assert!(new.evicted());
    }
}
