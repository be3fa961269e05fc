//! Seeded randomness. Every random number in the model comes from a stream derived from the
//! scenario's seed; maths goes through `libm` so native and wasm builds agree to the last bit.

use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::{SplitMix64, Xoshiro256PlusPlus};

/// A named random stream.
#[derive(Clone, Debug)]
pub struct Stream(Xoshiro256PlusPlus);

/// Mix a seed and a stream number into a 64-bit seed (SplitMix64 finaliser).
pub fn mix(seed: u64, stream: u64) -> u64 {
    let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Stream {
    pub fn new(seed: u64, stream: u64) -> Self {
        Stream(Xoshiro256PlusPlus::seed_from_u64(mix(seed, stream)))
    }
    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * core::f64::consts::PI * u2)
    }
}

/// A small per-agent stream (8 bytes), so each merchant draws the same numbers in every run
/// that shares the seed (common random numbers: run and baseline differ only by the cuts).
#[derive(Clone, Debug)]
pub struct AgentStream(SplitMix64);

impl AgentStream {
    pub fn new(seed: u64, agent: u64) -> Self {
        AgentStream(SplitMix64::seed_from_u64(mix(seed ^ 0xA6E4_7000, agent)))
    }
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    /// Exponential with mean 1.
    pub fn exp1(&mut self) -> f64 {
        -libm::log(1.0 - self.uniform())
    }
    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * core::f64::consts::PI * u2)
    }
}

/// A uniform number in (0, 1) that depends only on `seed` and `key` (a hash, no stream state):
/// used for fixed traits such as a merchant's taste for each courier.
pub fn hash_uniform(seed: u64, key: u64) -> f64 {
    ((mix(seed ^ 0x7A57_E000, key) >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<f64> = (0..5)
            .map({
                let mut s = Stream::new(7, 1);
                move |_| s.uniform()
            })
            .collect();
        let b: Vec<f64> = (0..5)
            .map({
                let mut s = Stream::new(7, 1);
                move |_| s.uniform()
            })
            .collect();
        let c: Vec<f64> = (0..5)
            .map({
                let mut s = Stream::new(7, 2);
                move |_| s.uniform()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.iter().all(|x| (0.0..1.0).contains(x)));
    }

    #[test]
    fn normal_and_exponential_have_the_right_moments() {
        let mut s = Stream::new(1, 1);
        let xs: Vec<f64> = (0..20000).map(|_| s.normal()).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.03 && (var - 1.0).abs() < 0.05, "{mean} {var}");
        let mut a = AgentStream::new(1, 3);
        let m = (0..20000).map(|_| a.exp1()).sum::<f64>() / 20000.0;
        assert!((m - 1.0).abs() < 0.03, "{m}");
    }
}
