//! The piece scheduler of a batch: work cut into pieces, taken in turn by
//! the calling thread and threads of rayon's pool, each taking the next
//! piece when it is free. A thread that starts late (waking one costs tens
//! of microseconds on a busy or virtual machine) takes fewer pieces instead
//! of holding the others up with a share of its own.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Runs `work` on each of `inputs` (a piece each) with up to `threads`
/// threads (the calling one and `threads - 1` of rayon's pool), and gives the
/// results in piece order.
///
/// `inputs` is drawn on the calling thread, in order, while the pool's
/// threads already work on the pieces drawn so far; once every piece is
/// drawn, the calling thread takes pieces too. Input that only the calling thread can make (text joined
/// while holding an interpreter's lock) so overlaps the work instead of
/// preceding it.
#[expect(
    clippy::expect_used,
    reason = "every piece has a result once the scope ends: `in_place_scope` returns after every \
              spawned loop and the calling thread's own, a loop stops only when the piece \
              counter has passed every piece, and every piece has its input"
)]
pub(crate) fn run_pieces<I, R>(
    inputs: impl ExactSizeIterator<Item = I>,
    threads: usize,
    work: impl Fn(&I) -> R + Sync,
) -> Vec<R>
where
    I: Send + Sync,
    R: Send + Sync,
{
    let count = inputs.len();
    let slots: Vec<OnceLock<I>> = (0..count).map(|_| OnceLock::new()).collect();
    let results: Vec<OnceLock<R>> = (0..count).map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    let take_pieces = || loop {
        let piece = next.fetch_add(1, Ordering::Relaxed);
        let (Some(input), Some(result)) = (slots.get(piece), results.get(piece)) else {
            break;
        };
        // Only this loop sets a piece's result, once: the counter hands each
        // piece out once.
        let _ = result.set(work(input.wait()));
    };
    rayon::in_place_scope(|scope| {
        for _ in 1..threads.min(count) {
            scope.spawn(|_| take_pieces());
        }
        // Every piece gets its input, so no thread waits for one that never
        // comes: `inputs` yields exactly `len()` items (its callers pass a
        // slice's iterator or a mapped range).
        for (slot, input) in slots.iter().zip(inputs) {
            let _ = slot.set(input);
        }
        take_pieces();
    });
    debug_assert!(results.iter().all(|r| r.get().is_some()));
    results
        .into_iter()
        .map(|r| r.into_inner().expect("every piece is taken once"))
        .collect()
}
