//! Runtime image ids: what a Pod's `status.containerStatuses[].imageID` holds.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Digest, ImageRef, ReferenceError};

/// What kind of digest a runtime image id carries, which decides whether it
/// can be compared with a registry's digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImageIdKind {
    /// A repository digest (`repo@sha256:…`): the manifest or index digest the
    /// runtime pulled, the same digest a registry reports for the tag.
    RepositoryDigest,
    /// A node-local image id (`sha256:…`, `docker://sha256:…`): the digest of
    /// the image configuration. A registry's manifest digest is a different
    /// hash of a different document, so the two are not comparable.
    LocalImageId,
}

impl ImageIdKind {
    /// The stable machine code (`repository_digest`, `local_image_id`).
    pub const fn code(self) -> &'static str {
        match self {
            ImageIdKind::RepositoryDigest => "repository_digest",
            ImageIdKind::LocalImageId => "local_image_id",
        }
    }
}

/// A parsed runtime image id.
///
/// Accepted forms, as runtimes report them:
///
/// | form | kind |
/// |---|---|
/// | `docker-pullable://nginx@sha256:…` (cri-dockerd) | repository digest |
/// | `docker.io/library/nginx@sha256:…` (containerd, CRI-O) | repository digest |
/// | `docker://sha256:…` (images without a repository digest) | local image id |
/// | `sha256:…` | local image id |
/// | 64 lower-case hex characters | local image id |
///
/// ```
/// use kubesight::{ImageId, ImageIdKind};
///
/// let hex = "7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa";
/// let pulled = ImageId::parse(&format!("docker-pullable://nginx@sha256:{hex}"))?;
/// assert_eq!(pulled.kind(), ImageIdKind::RepositoryDigest);
/// assert!(pulled.is_comparable());
/// assert_eq!(pulled.repository().map(|r| r.name()), Some("docker.io/library/nginx"));
///
/// let local = ImageId::parse(&format!("sha256:{hex}"))?;
/// assert!(!local.is_comparable());
/// # Ok::<(), kubesight::ReferenceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageId {
    kind: ImageIdKind,
    digest: Digest,
    repository: Option<ImageRef>,
}

const SCHEMES: [&str; 2] = ["docker-pullable://", "docker://"];

impl ImageId {
    /// Parses a runtime image id.
    ///
    /// # Errors
    /// `empty_image_id`; `invalid_image_id` for an unknown scheme or a
    /// reference without a digest; otherwise the reference or digest error
    /// that the id's text raises.
    pub fn parse(s: &str) -> Result<Self, ReferenceError> {
        if s.is_empty() {
            return Err(ReferenceError::EmptyImageId);
        }
        let invalid = |reason| ReferenceError::InvalidImageId {
            image_id: s.to_owned(),
            reason,
        };
        let rest = match SCHEMES.iter().find_map(|scheme| s.strip_prefix(scheme)) {
            Some(rest) => rest,
            None if s.contains("://") => {
                return Err(invalid(
                    "the scheme is neither `docker-pullable://` nor `docker://`",
                ))
            }
            None => s,
        };
        if rest.len() == 64 && rest.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Digest::parse(&format!("sha256:{rest}")).map(ImageId::local);
        }
        if !rest.contains(['/', '@']) && rest.contains(':') {
            return Digest::parse(rest).map(ImageId::local);
        }
        let repository = ImageRef::parse(rest)?;
        match repository.digest().cloned() {
            Some(digest) => Ok(ImageId {
                kind: ImageIdKind::RepositoryDigest,
                digest,
                repository: Some(repository),
            }),
            None => Err(invalid(
                "a repository without a digest does not identify an image",
            )),
        }
    }

    fn local(digest: Digest) -> Self {
        ImageId {
            kind: ImageIdKind::LocalImageId,
            digest,
            repository: None,
        }
    }

    /// What kind of id this is.
    pub fn kind(&self) -> ImageIdKind {
        self.kind
    }

    /// The digest the runtime reported.
    pub fn digest(&self) -> &Digest {
        &self.digest
    }

    /// For a repository digest, the repository it was pulled from (with the
    /// digest).
    pub fn repository(&self) -> Option<&ImageRef> {
        self.repository.as_ref()
    }

    /// Whether the digest can be compared with a registry's manifest digest.
    pub fn is_comparable(&self) -> bool {
        self.kind == ImageIdKind::RepositoryDigest
    }
}

impl fmt::Display for ImageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repository {
            Some(repository) => repository.fmt(f),
            None => self.digest.fmt(f),
        }
    }
}

impl FromStr for ImageId {
    type Err = ReferenceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ImageId::parse(s)
    }
}

impl Serialize for ImageId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ImageId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(deserializer)?;
        ImageId::parse(&s).map_err(serde::de::Error::custom)
    }
}
