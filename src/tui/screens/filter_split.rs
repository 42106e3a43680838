//! Filtering long lists on every core: the Seguimiento search runs over tens of thousands of
//! rows on each key, and one core alone took most of the 5 ms a key may take.

use std::sync::OnceLock;

/// Below this many candidates one core is quicker than starting threads.
const SPLIT_FROM: usize = 8_192;

fn cores() -> usize {
    // Asked once: the answer reads the scheduler and cgroup limits.
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()).min(4))
}

/// The `candidates` for which `keep` holds, in their order.
pub fn filter(candidates: &[usize], keep: impl Fn(usize) -> bool + Sync) -> Vec<usize> {
    let threads = cores();
    if candidates.len() < SPLIT_FROM || threads < 2 {
        return candidates.iter().copied().filter(|&i| keep(i)).collect();
    }
    let keep = &keep;
    std::thread::scope(|s| {
        let parts: Vec<_> = candidates
            .chunks(candidates.len().div_ceil(threads))
            .map(|part| s.spawn(move || part.iter().copied().filter(|&i| keep(i)).collect::<Vec<usize>>()))
            .collect();
        let mut kept = Vec::new();
        for part in parts {
            // A panic in `keep` is the caller's, not lost rows.
            kept.extend(part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        kept
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_and_short_lists_keep_the_same_rows_in_order() {
        for n in [0, 10, super::SPLIT_FROM - 1, super::SPLIT_FROM, 50_001] {
            let all: Vec<usize> = (0..n).collect();
            let kept = super::filter(&all, |i| i % 3 == 1);
            assert_eq!(kept, all.iter().copied().filter(|i| i % 3 == 1).collect::<Vec<_>>(), "{n} rows");
        }
    }
}
