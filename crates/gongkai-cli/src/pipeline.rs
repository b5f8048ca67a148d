//! An ordered parallel map: `threads` workers take jobs in input order, and their results are
//! handed to a sink on the calling thread in input order, as soon as the next one is ready.
//!
//! Memory stays flat: a worker does not start job `i` until fewer than `window` jobs lie between
//! the last result written and `i`, so at most `window` results are ever held, however many jobs
//! there are. No deadlock is possible: the oldest unwritten job is always within the window, so
//! the worker that holds it never waits.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Run `work(i)` for `i` in `0..jobs` on `threads` threads; call `sink(i, result)` in order of `i`.
/// When the sink fails, the remaining jobs are abandoned and its error is returned.
pub fn run_ordered<T, E, W, S>(jobs: usize, threads: usize, window: usize, work: W, mut sink: S) -> Result<(), E>
where
    T: Send,
    W: Fn(usize) -> T + Sync,
    S: FnMut(usize, T) -> Result<(), E>,
{
    let threads = threads.clamp(1, jobs.max(1));
    let window = window.max(threads);
    if threads == 1 {
        for i in 0..jobs {
            sink(i, work(i))?;
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results the sink has taken (everything below is written).
    let written = Mutex::new(0usize);
    let advanced = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, T)>();

    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, written, advanced, work) = (&next, &stop, &written, &advanced, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= jobs {
                        break;
                    }
                    {
                        let mut done = written.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= *done + window && !stop.load(Ordering::SeqCst) {
                            done = advanced.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    if stop.load(Ordering::SeqCst) || tx.send((i, work(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);

        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let mut expected = 0usize;
        let mut result = Ok(());
        for (i, value) in rx.iter() {
            pending.insert(i, value);
            let before = expected;
            while let Some(value) = pending.remove(&expected) {
                if let Err(e) = sink(expected, value) {
                    result = Err(e);
                    break;
                }
                expected += 1;
            }
            if result.is_err() {
                break;
            }
            if expected != before {
                *written.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                advanced.notify_all();
            }
        }
        if result.is_err() {
            stop.store(true, Ordering::SeqCst);
            // Take the lock so that no worker misses the wake-up between its check and its wait.
            drop(written.lock().unwrap_or_else(|e| e.into_inner()));
            advanced.notify_all();
            drop(rx);
        }
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn results_come_in_input_order_and_memory_is_bounded() {
        for threads in [1, 2, 3, 8] {
            let in_flight = AtomicUsize::new(0);
            let peak = AtomicUsize::new(0);
            let mut seen = Vec::new();
            let r: Result<(), ()> = run_ordered(
                500,
                threads,
                6,
                |i| {
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    // Uneven work so that results complete out of order.
                    std::thread::sleep(std::time::Duration::from_micros(((i * 7919) % 13) as u64 * 20));
                    i * 2
                },
                |i, v| {
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    assert_eq!(v, i * 2);
                    seen.push(i);
                    Ok(())
                },
            );
            assert!(r.is_ok());
            assert_eq!(seen, (0..500).collect::<Vec<_>>());
            assert!(peak.load(Ordering::SeqCst) <= 6.max(threads), "threads {threads}: peak {peak:?}");
        }
    }

    #[test]
    fn a_failing_sink_stops_the_batch() {
        let done = AtomicUsize::new(0);
        let r = run_ordered(
            100_000,
            2,
            4,
            |i| {
                done.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i, _| if i == 10 { Err("closed") } else { Ok(()) },
        );
        assert_eq!(r, Err("closed"));
        assert!(done.load(Ordering::SeqCst) < 100);
    }

    #[test]
    fn no_jobs() {
        let r: Result<(), ()> = run_ordered(0, 4, 8, |i| i, |_, _| Ok(()));
        assert!(r.is_ok());
    }
}
