//! The finding model: what scanners, VEX documents and runtime sensors say
//! about the vulnerabilities of running images.

mod applicability;
mod fix;
mod occurrence;
mod runtime;
mod vulnerability;

pub use applicability::Applicability;
pub use fix::{Fix, FixState};
pub use occurrence::{Occurrence, Package, RunningImage};
pub use runtime::RuntimeEvidence;
pub use vulnerability::{canonical_id, IdKind};
