//! What the benchmarks share: their committed inputs, the size they run
//! at, and a deterministic generator for synthetic ones.

#![allow(dead_code, reason = "each benchmark uses a different part")]

/// The lines of `benches/data/<name>`.
pub(crate) fn data_lines(name: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../benches/data")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The share of the full size to generate: all of it under `cargo bench`,
/// a hundredth when the benchmark runs once as a test (`cargo test
/// --benches`, unoptimised), where it only has to work.
pub(crate) fn scale() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        1
    } else {
        100
    }
}

/// A small deterministic generator (xorshift64*).
pub(crate) struct Random(pub(crate) u64);

impl Random {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Skewed towards 0: `n * u^3` for uniform `u`.
    pub(crate) fn zipf_like(&mut self, n: u64) -> u64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64) * u * u * u) as u64
    }
}
