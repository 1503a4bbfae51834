//! Integrity statuses and the violations they map to.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Severity, TagClass};

/// The integrity status of a running image, as the runtime platform tracks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IntegrityStatus {
    /// The image digest matches the registry of record: no violation.
    NoIssues,
    /// The image comes from a registry that is not trusted. A separate risk,
    /// not an integrity violation.
    UntrustedRegistry,
    /// The source artifact was not found in the registry: Missing Source.
    InvalidImageSource,
    /// The running digest differs from the registry's: Digest Mismatch or
    /// Post-Deployment Tag Update, depending on the tag.
    InvalidImageIntegrity,
}

impl IntegrityStatus {
    /// Every status.
    pub const ALL: [IntegrityStatus; 4] = [
        IntegrityStatus::NoIssues,
        IntegrityStatus::UntrustedRegistry,
        IntegrityStatus::InvalidImageSource,
        IntegrityStatus::InvalidImageIntegrity,
    ];

    /// The stable machine code (`no_issues`, `untrusted_registry`, ...).
    pub const fn code(self) -> &'static str {
        match self {
            IntegrityStatus::NoIssues => "no_issues",
            IntegrityStatus::UntrustedRegistry => "untrusted_registry",
            IntegrityStatus::InvalidImageSource => "invalid_image_source",
            IntegrityStatus::InvalidImageIntegrity => "invalid_image_integrity",
        }
    }

    /// The documentation's name (`No Issues`, `Untrusted Registry`, ...).
    pub const fn display_name(self) -> &'static str {
        match self {
            IntegrityStatus::NoIssues => "No Issues",
            IntegrityStatus::UntrustedRegistry => "Untrusted Registry",
            IntegrityStatus::InvalidImageSource => "Invalid Image Source",
            IntegrityStatus::InvalidImageIntegrity => "Invalid Image Integrity",
        }
    }

    /// The violation this status is, given how the image's tag was classified.
    ///
    /// Invalid Image Source is Missing Source; Invalid Image Integrity is
    /// Post-Deployment Tag Update when the tag is mutable and Digest Mismatch
    /// when it is immutable or the spec pinned a digest. No Issues and
    /// Untrusted Registry are not violations.
    ///
    /// ```
    /// use kubesight::{integrity::{IntegrityStatus, ViolationKind}, TagPolicy};
    /// let policy = TagPolicy::new();
    /// let latest = policy.classify("latest")?;
    /// let pinned = policy.classify("1.25.3")?;
    /// assert_eq!(IntegrityStatus::InvalidImageIntegrity.violation(latest), Some(ViolationKind::PostDeploymentTagUpdate));
    /// assert_eq!(IntegrityStatus::InvalidImageIntegrity.violation(pinned), Some(ViolationKind::DigestMismatch));
    /// assert_eq!(IntegrityStatus::UntrustedRegistry.violation(latest), None);
    /// # Ok::<(), kubesight::TagError>(())
    /// ```
    pub const fn violation(self, tag: TagClass) -> Option<ViolationKind> {
        match self {
            IntegrityStatus::NoIssues | IntegrityStatus::UntrustedRegistry => None,
            IntegrityStatus::InvalidImageSource => Some(ViolationKind::MissingSource),
            IntegrityStatus::InvalidImageIntegrity if tag.is_mutable() => {
                Some(ViolationKind::PostDeploymentTagUpdate)
            }
            IntegrityStatus::InvalidImageIntegrity => Some(ViolationKind::DigestMismatch),
        }
    }
}

impl fmt::Display for IntegrityStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// An integrity violation's kind, each with a fixed severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ViolationKind {
    /// The running digest differs from the registry's for an immutable tag or
    /// a pinned digest (Critical).
    DigestMismatch,
    /// The source artifact is not in the registry (High).
    MissingSource,
    /// A mutable tag was pushed again after the workload was deployed (Medium).
    PostDeploymentTagUpdate,
}

impl ViolationKind {
    /// Every kind, most severe first.
    pub const ALL: [ViolationKind; 3] = [
        ViolationKind::DigestMismatch,
        ViolationKind::MissingSource,
        ViolationKind::PostDeploymentTagUpdate,
    ];

    /// The stable machine code (`digest_mismatch`, `missing_source`,
    /// `post_deployment_tag_update`).
    pub const fn code(self) -> &'static str {
        match self {
            ViolationKind::DigestMismatch => "digest_mismatch",
            ViolationKind::MissingSource => "missing_source",
            ViolationKind::PostDeploymentTagUpdate => "post_deployment_tag_update",
        }
    }

    /// The documentation's name (`Digest Mismatch`, ...).
    pub const fn display_name(self) -> &'static str {
        match self {
            ViolationKind::DigestMismatch => "Digest Mismatch",
            ViolationKind::MissingSource => "Missing Source",
            ViolationKind::PostDeploymentTagUpdate => "Post-Deployment Tag Update",
        }
    }

    /// The severity: Critical, High and Medium respectively.
    pub const fn severity(self) -> Severity {
        match self {
            ViolationKind::DigestMismatch => Severity::Critical,
            ViolationKind::MissingSource => Severity::High,
            ViolationKind::PostDeploymentTagUpdate => Severity::Medium,
        }
    }
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}
