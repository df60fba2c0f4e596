//! Work split across the machine's cores with scoped threads: the per-customer steps of a
//! pass over a million customers are independent and pure. No I/O; the threads end before
//! the function returns.

use std::num::NonZeroUsize;

/// How many threads a pass uses: the cores the process may run on.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// `items.iter().map(f).collect()`, in order, on every core. Small inputs stay on the
/// calling thread: spawning costs more than it saves.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_indexed(items.len(), |i| f(&items[i]))
}

/// `(0..n).map(f).collect()`, in order, on every core.
pub fn map_indexed<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    const SERIAL_BELOW: usize = 4096;
    let threads = threads();
    if threads == 1 || n < SERIAL_BELOW {
        return (0..n).map(f).collect();
    }
    let chunk = n.div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                let end = (start + chunk).min(n);
                scope.spawn(move || (start..end).map(f).collect::<Vec<R>>())
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for part in parts {
            match part.join() {
                Ok(values) => out.extend(values),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_same_as_a_serial_map(values in prop::collection::vec(any::<i32>(), 0..20_000)) {
            let serial: Vec<i64> = values.iter().map(|&v| i64::from(v) * 3 - 1).collect();
            prop_assert_eq!(super::map(&values, |&v| i64::from(v) * 3 - 1), serial);
        }
    }
}
