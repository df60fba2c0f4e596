//! Deterministic randomness for the demo base: a hand-rolled xoshiro256** seeded through
//! SplitMix64, and the few distributions the generator draws from.
//!
//! Why hand-rolled: a demo base must be the same for the same seed on every machine and in
//! every future build. The `rand` crate's `StdRng` is explicitly not stable across versions,
//! and `f64::ln`/`f64::exp` call the platform's libm, whose last bit may differ between
//! systems and then flip a threshold comparison somewhere in a 100,000-customer base. So the
//! logarithm and exponential used here are computed from `+ − × ÷` and exact bit
//! manipulation only, which IEEE 754 rounds identically everywhere.

use std::f64::consts::SQRT_2;

/// ln 2 split in two (Cody and Waite): the high part has enough trailing zero bits that
/// multiplying it by an exponent is exact, so large arguments keep their precision.
const LN2_HI: f64 = 6.931_471_803_691_238e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;

/// One step of SplitMix64: turns a counter into well-mixed 64 bits. Used only to expand a
/// seed into xoshiro's 256-bit state, as its authors recommend.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** (Blackman and Vigna, 2018).
#[derive(Clone, Debug)]
pub(super) struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// An independent generator for one `stream` (a customer unit, the staff) of one seed, so
    /// that what one unit draws never shifts what another unit gets.
    pub(super) fn new(seed: u64, stream: u64) -> Rng {
        let mut state = seed;
        let mixed = splitmix64(&mut state);
        let mut state = mixed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let s = [
            splitmix64(&mut state),
            splitmix64(&mut state),
            splitmix64(&mut state),
            splitmix64(&mut state),
        ];
        Rng { s }
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1), with 53 random bits.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    fn open_unit(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi).
    pub(super) fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform whole number in [0, n); `n` must be positive. The multiply-shift maps 64 bits
    /// onto the range with a bias below 2^-40 for the small ranges used here.
    pub(super) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform whole number in [lo, hi].
    pub(super) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn in proportion to `weights` (not all zero).
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut ticket = self.below(total as usize) as u32;
        for (i, w) in weights.iter().enumerate() {
            if ticket < *w {
                return i;
            }
            ticket -= w;
        }
        weights.len() - 1
    }

    /// Exponential with the given mean: waiting times of a Poisson process.
    pub(super) fn exponential(&mut self, mean: f64) -> f64 {
        -mean * ln(self.open_unit())
    }

    /// Standard normal, by Marsaglia's polar method (needs no sine or cosine).
    pub(super) fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.unit() - 1.0;
            let v = 2.0 * self.unit() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * ln(s) / s).sqrt();
            }
        }
    }

    /// Gamma with `shape` and `scale` (mean shape × scale), by Marsaglia and Tsang (2000);
    /// shapes below one are boosted by U^(1/shape).
    pub(super) fn gamma(&mut self, shape: f64, scale: f64) -> f64 {
        if shape < 1.0 {
            let boost = exp(ln(self.open_unit()) / shape);
            return self.gamma(shape + 1.0, scale) * boost;
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.open_unit();
            if u < 1.0 - 0.0331 * x * x * x * x || ln(u) < 0.5 * x * x + d * (1.0 - v + ln(v)) {
                return d * v * scale;
            }
        }
    }

    /// Beta(a, b), as X / (X + Y) of two gammas.
    pub(super) fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a, 1.0);
        let y = self.gamma(b, 1.0);
        if x + y > 0.0 { x / (x + y) } else { 0.5 }
    }

    /// Poisson with a small mean (Knuth's product of uniforms); means above 30 are drawn
    /// from the normal approximation, which is plenty for counts of contacts.
    pub(super) fn poisson(&mut self, mean: f64) -> usize {
        if mean <= 0.0 {
            return 0;
        }
        if mean > 30.0 {
            let draw = mean + mean.sqrt() * self.normal();
            return draw.round().max(0.0) as usize;
        }
        let limit = exp(-mean);
        let mut product = self.open_unit();
        let mut count = 0;
        while product > limit {
            count += 1;
            product *= self.open_unit();
        }
        count
    }
}

/// Natural logarithm from arithmetic only (see the module docs). Accurate to a few ulps for
/// positive finite `x`; −∞ for zero, NaN for negatives.
pub(super) fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    let (mut x, mut exponent) = (x, 0i64);
    if x < f64::MIN_POSITIVE {
        // Subnormal: scale into the normal range first.
        x *= (1u64 << 54) as f64;
        exponent -= 54;
    }
    let bits = x.to_bits();
    exponent += ((bits >> 52) & 0x7FF) as i64 - 1023;
    // The mantissa as a number in [1, 2), then folded into [√½, √2) so the series below
    // converges fast.
    let mut m = f64::from_bits((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
    if m > SQRT_2 {
        m *= 0.5;
        exponent += 1;
    }
    // ln m = 2 atanh s = 2 (s + s³/3 + s⁵/5 + …) with s = (m − 1)/(m + 1), |s| < 0.172.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut term = s;
    let mut sum = 0.0;
    let mut k = 1.0;
    // Eleven terms: the next one is below 2^-55 of the sum.
    while k < 22.0 {
        sum += term / k;
        term *= s2;
        k += 2.0;
    }
    let e = exponent as f64;
    e * LN2_HI + (e * LN2_LO + 2.0 * sum)
}

/// e^x from arithmetic only (see the module docs). Accurate to a few ulps.
pub(super) fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.0 {
        return f64::INFINITY;
    }
    if x < -745.0 {
        return 0.0;
    }
    // x = k ln 2 + r with |r| ≤ ½ ln 2; e^r by its Taylor series, then scaled by 2^k.
    let k = (x * std::f64::consts::LOG2_E).round();
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let mut term = 1.0;
    let mut sum = 1.0;
    let mut n = 1.0;
    // Terms up to r^14/14!: the next one is below 2^-55 of the sum.
    while n < 15.0 {
        term *= r / n;
        sum += term;
        n += 1.0;
    }
    let k = k as i64;
    // 2^k built from its bits, in two halves so that k near the ends of the range (where
    // 2^k alone would overflow or be subnormal) still works.
    let half = k / 2;
    let pow2 = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    sum * pow2(half) * pow2(k - half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_output() {
        // The reference values for seed 1234567 published with Vigna's C code.
        let mut state = 1_234_567;
        let got: Vec<u64> = (0..5).map(|_| splitmix64(&mut state)).collect();
        assert_eq!(
            got,
            [
                6_457_827_717_110_365_317,
                3_203_168_211_198_807_973,
                9_817_491_932_198_370_423,
                4_593_380_528_125_082_431,
                16_408_922_859_458_223_821,
            ]
        );
    }

    #[test]
    fn xoshiro256starstar_matches_the_reference_output() {
        let mut rng = Rng { s: [1, 2, 3, 4] };
        let got: Vec<u64> = (0..6).map(|_| rng.next_u64()).collect();
        assert_eq!(
            got,
            [
                11_520,
                0,
                1_509_978_240,
                1_215_971_899_390_074_240,
                1_216_172_134_540_287_360,
                607_988_272_756_665_600,
            ]
        );
    }

    #[test]
    fn the_arithmetic_logarithm_and_exponential_agree_with_libm() {
        for x in [
            1e-300, 1e-20, 2.2e-16, 0.001, 0.3, 0.5, 0.999, 1.0, 1.5, 2.0, 7.0, 1e10, 1e300,
        ] {
            let (ours, theirs) = (ln(x), x.ln());
            assert!(
                (ours - theirs).abs() <= 4.0 * f64::EPSILON * theirs.abs().max(1.0),
                "ln {x}: {ours} vs {theirs}"
            );
        }
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(f64::MIN_POSITIVE / 8.0).is_finite());
        for x in [-700.0, -30.0, -1.0, -1e-9, 0.0, 0.5, 1.0, 3.3, 50.0, 700.0] {
            let (ours, theirs) = (exp(x), x.exp());
            assert!(
                (ours - theirs).abs() <= 8.0 * f64::EPSILON * theirs,
                "exp {x}: {ours} vs {theirs}"
            );
        }
    }

    #[test]
    fn distributions_have_the_intended_means() {
        let mut rng = Rng::new(7, 0);
        let n = 40_000;
        let mean = |rng: &mut Rng, f: &dyn Fn(&mut Rng) -> f64| {
            (0..n).map(|_| f(rng)).sum::<f64>() / f64::from(n)
        };
        let close = |got: f64, want: f64| (got - want).abs() < 0.03 * want.abs().max(1.0);
        assert!(close(mean(&mut rng, &|r| r.gamma(0.6, 2.0)), 1.2));
        assert!(close(mean(&mut rng, &|r| r.gamma(4.0, 0.5)), 2.0));
        assert!(close(mean(&mut rng, &|r| r.beta(1.2, 3.8)), 0.24));
        assert!(close(mean(&mut rng, &|r| r.exponential(3.0)), 3.0));
        assert!(close(mean(&mut rng, &|r| r.poisson(2.5) as f64), 2.5));
        assert!(close(mean(&mut rng, &|r| r.normal()), 0.0));
    }

    #[test]
    fn streams_of_one_seed_are_independent_and_repeatable() {
        let draw = |seed, stream| {
            let mut rng = Rng::new(seed, stream);
            (0..4).map(|_| rng.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(1, 2), draw(1, 2));
        assert_ne!(draw(1, 2), draw(1, 3));
        assert_ne!(draw(1, 2), draw(2, 2));
    }
}
