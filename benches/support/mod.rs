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

/// The facts of a synthetic occurrence, from one random byte: every
/// severity, applicability, fix state and runtime evidence, in the mix the
/// funnel and table benchmarks share.
pub(crate) fn facts(f: u8) -> kubesight::finding::OccurrenceFacts {
    use kubesight::finding::{Applicability, FixState, RuntimeEvidence};
    kubesight::finding::OccurrenceFacts {
        severity: kubesight::Severity::ALL[usize::from(f / 3 % 5)],
        applicability: if f & 0x10 != 0 {
            Applicability::Applicable
        } else if f & 0x20 != 0 {
            Applicability::Undetermined
        } else {
            Applicability::NotApplicable
        },
        fix_state: if f & 0x80 != 0 {
            FixState::Unknown
        } else if f & 0x40 != 0 {
            FixState::Fixed
        } else {
            FixState::NotFixed
        },
        fix_available: f & 0xC0 == 0x40,
        runtime: [
            RuntimeEvidence::Loaded,
            RuntimeEvidence::NotObserved,
            RuntimeEvidence::Unavailable,
        ][usize::from(f % 3)],
    }
}
