//! The finding model: what scanners, VEX documents and runtime sensors say
//! about the vulnerabilities of running images; and the kernel every
//! computation over findings shares: the [`FindingIndex`] of running images
//! and interned occurrences, the [`Interner`], alias groups and the
//! union-find behind them, and what was [`Skipped`].

pub(crate) mod aliases;
mod applicability;
mod fix;
mod index;
mod interner;
mod occurrence;
mod runtime_evidence;
pub(crate) mod union_find;
mod vulnerability;

pub use applicability::Applicability;
pub use fix::{Fix, FixState};
pub(crate) use index::fact;
pub use index::{FindingIndex, InternedOccurrence, OccurrenceFacts, Skip, Skipped};
pub use interner::Interner;
pub(crate) use interner::Names;
pub use occurrence::{CvssScore, Deployment, Occurrence, Package, RunningImage};
pub use runtime_evidence::RuntimeEvidence;
pub use vulnerability::{canonical_id, IdKind};
