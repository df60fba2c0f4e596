//! SplitMix64 and the Fisher–Yates shuffle it drives: the one reproducible source of
//! randomness the core's tests, its benches and the demo's tests share, so that a shuffled
//! order is the same permutation wherever it is taken.
// Each includer uses only part of it.
#![allow(dead_code)]

/// The next output of SplitMix64, advancing `state`.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Fisher–Yates with SplitMix64, for the order-independence tests.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    for i in (1..items.len()).rev() {
        let z = splitmix64(&mut state);
        items.swap(i, (z % (i as u64 + 1)) as usize);
    }
}
