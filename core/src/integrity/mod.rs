//! Integrity: whether a running image is the artifact its registry of record
//! holds, and, when it is not, the violation with its severity, evidence,
//! location and recommendations.
//!
//! The entry point is [`IntegrityPolicy::assess`], which takes the
//! [`IntegrityFacts`] of one running container and returns an
//! [`IntegrityAssessment`].

mod assess;
pub(crate) mod error;
mod evidence;
mod facts;
mod reason;
mod recommendation;
mod status;
mod trust;

pub use assess::{IntegrityAssessment, IntegrityPolicy, Violation};
pub use error::IntegrityError;
pub use evidence::{DigestComparison, Evidence, Location, TagTimeline};
pub use facts::{Artifact, IntegrityFacts, RegistryAnswer, Workload, WorkloadKind};
pub use reason::Reason;
pub use recommendation::{recommendations, Action, Condition, Horizon, Recommendation};
pub use status::{IntegrityStatus, ViolationKind};
pub use trust::TrustedRegistries;
