//! The facts an integrity assessment rests on, each with a stable code.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Digest, ImageId, ImageIdKind, TagClass};

/// One fact that led to an integrity status, in the order it was checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// The image's registry matches a trusted pattern.
    RegistryTrusted {
        /// The image's registry host.
        registry: String,
        /// The pattern that trusts it.
        pattern: String,
    },
    /// The image's registry matches no trusted pattern.
    RegistryNotTrusted {
        /// The image's registry host.
        registry: String,
    },
    /// The registry of record could not be asked.
    RegistryUnavailable {
        /// What went wrong.
        detail: String,
    },
    /// The registry of record has no artifact for the reference.
    ArtifactNotFound {
        /// Where the artifact was expected.
        registry_path: String,
    },
    /// The runtime reported only a node-local image id and the registry gave
    /// no configuration digest, so nothing can be compared.
    RuntimeIdNotComparable {
        /// The runtime's image id.
        image_id: ImageId,
    },
    /// The running digest is one of the artifact's.
    DigestMatches {
        /// The running digest.
        digest: Digest,
        /// Which kind of digest was compared.
        basis: ImageIdKind,
    },
    /// The running digest is not the artifact's.
    DigestDiffers {
        /// The running digest.
        actual: Digest,
        /// The artifact's digest.
        expected: Digest,
        /// Which kind of digest was compared.
        basis: ImageIdKind,
    },
    /// How the tag was classified, which decides the violation's kind.
    TagClassified {
        /// The tag, if the reference has one.
        tag: Option<String>,
        /// The classification.
        class: TagClass,
    },
}

impl Reason {
    /// The stable machine code of the reason.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::RegistryTrusted { .. } => "registry_trusted",
            Reason::RegistryNotTrusted { .. } => "registry_not_trusted",
            Reason::RegistryUnavailable { .. } => "registry_unavailable",
            Reason::ArtifactNotFound { .. } => "artifact_not_found",
            Reason::RuntimeIdNotComparable { .. } => "runtime_id_not_comparable",
            Reason::DigestMatches { .. } => "digest_matches",
            Reason::DigestDiffers { .. } => "digest_differs",
            Reason::TagClassified { .. } => "tag_classified",
        }
    }
}

fn basis_words(basis: ImageIdKind) -> &'static str {
    match basis {
        ImageIdKind::RepositoryDigest => "repository digest",
        ImageIdKind::LocalImageId => "image configuration digest",
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::RegistryTrusted { registry, pattern } => {
                write!(f, "registry `{registry}` is trusted by `{pattern}`")
            }
            Reason::RegistryNotTrusted { registry } => {
                write!(f, "registry `{registry}` is not a trusted registry")
            }
            Reason::RegistryUnavailable { detail } => {
                write!(f, "the registry of record could not be asked: {detail}")
            }
            Reason::ArtifactNotFound { registry_path } => {
                write!(f, "no artifact was found at `{registry_path}`")
            }
            Reason::RuntimeIdNotComparable { image_id } => write!(
                f,
                "the runtime reported the local image id `{image_id}`, which cannot be compared with a registry's manifest digest, and the registry gave no configuration digest"
            ),
            Reason::DigestMatches { digest, basis } => {
                write!(f, "the running {} `{digest}` matches the registry", basis_words(*basis))
            }
            Reason::DigestDiffers {
                actual,
                expected,
                basis,
            } => write!(
                f,
                "the running {} `{actual}` differs from the registry's `{expected}`",
                basis_words(*basis)
            ),
            Reason::TagClassified { tag, class } => match tag {
                Some(tag) => write!(f, "tag `{tag}` is {} ({}): {}", class.mutability(), class.rule(), class.explanation()),
                None => write!(f, "{} ({}): {}", class.mutability(), class.rule(), class.explanation()),
            },
        }
    }
}
