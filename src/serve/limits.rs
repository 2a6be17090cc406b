//! How much the preview gives any one client, and the table of open
//! connections that keeps the total in bounds: when it is full, or the
//! computer has no file descriptors left, the connection idle the longest
//! is closed to make room, so the preview always answers someone new.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
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

/// One open connection, as the table sees it.
#[derive(Debug)]
pub struct Slot {
    /// Milliseconds since the table started at which it became idle, plus
    /// one; 0 while it is busy.
    idle_since: AtomicU64,
    evict: AtomicBool,
    /// The connection has become an event stream.
    stream: AtomicBool,
    started: Instant,
}

impl Slot {
    pub fn set_idle(&self, idle: bool) {
        let v = if idle {
            self.started.elapsed().as_millis() as u64 + 1
        } else {
            0
        };
        self.idle_since.store(v, Ordering::Relaxed);
    }

    pub fn evicted(&self) -> bool {
        self.evict.load(Ordering::Relaxed)
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

    /// Marks `slot` as an event stream, telling the oldest streams to close
    /// when there are more than the cap.
    pub fn start_stream(&self, slot: &Arc<Slot>) {
        let Ok(slots) = self.slots.lock() else {
            return;
        };
        slot.stream.store(true, Ordering::Relaxed);
        let streams: Vec<&Arc<Slot>> = slots
            .iter()
            .filter(|s| s.stream.load(Ordering::Relaxed) && !s.evicted())
            .collect();
        // Slots are in the order they came, so the first are the oldest.
        let over = streams.len().saturating_sub(self.max_streams);
        for s in streams
            .into_iter()
            .filter(|s| !Arc::ptr_eq(s, slot))
            .take(over)
        {
            s.evict.store(true, Ordering::Relaxed);
        }
    }

    pub fn len(&self) -> usize {
        self.slots.lock().map_or(0, |s| s.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Makes room for a new connection, telling the one idle longest to
    /// close when the table is full. Connections told to close take a
    /// moment to go (they look every [`super::wire::SLICE`]), so up to a
    /// quarter more may be open meanwhile; beyond that the new one waits
    /// for them. With nothing idle to close, the answer is "busy".
    pub fn admit(&self) -> Admit {
        let hard = self.max + (self.max / 4).max(1);
        let until = Instant::now() + super::wire::SLICE * 4;
        loop {
            let Ok(mut slots) = self.slots.lock() else {
                return Admit::Busy;
            };
            let n = slots.len();
            let leaving = slots.iter().any(|s| s.evicted());
            let room = n < self.max || (n < hard && (evict_idlest(&slots) || leaving));
            if room {
                // Idle until it has sent a request.
                let slot = Arc::new(Slot {
                    idle_since: AtomicU64::new(0),
                    evict: AtomicBool::new(false),
                    stream: AtomicBool::new(false),
                    started: self.started,
                });
                slot.set_idle(true);
                slots.push(Arc::clone(&slot));
                return Admit::Serve(slot);
            }
            if !(leaving || evict_idlest(&slots)) || Instant::now() >= until {
                return Admit::Busy;
            }
            drop(slots);
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Closes up to `count` of the connections idle longest, to free file
    /// descriptors, and waits a moment for them to go. Returns how many
    /// were told to close.
    pub fn evict_idle(&self, count: usize) -> usize {
        let Ok(slots) = self.slots.lock() else {
            return 0;
        };
        let before = slots.len();
        let told = (0..count).take_while(|_| evict_idlest(&slots)).count();
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
}

fn evict_idlest(slots: &[Arc<Slot>]) -> bool {
    let idlest = slots
        .iter()
        .filter(|s| !s.evicted())
        .filter_map(|s| match s.idle_since.load(Ordering::Relaxed) {
            0 => None,
            t => Some((t, s)),
        })
        .min_by_key(|(t, _)| *t);
    match idlest {
        Some((_, s)) => {
            s.evict.store(true, Ordering::Relaxed);
            true
        }
        None => false,
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
        b.set_idle(false);
        // Nothing idle left to close (`a` is still going): busy.
        assert!(matches!(table.admit(), Admit::Busy));
        table.remove(&a);
        assert_eq!(table.len(), 2);
        c.set_idle(false);
        assert!(matches!(table.admit(), Admit::Busy));
    }
}
