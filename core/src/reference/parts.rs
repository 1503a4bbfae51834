//! The parts of a reference and of an image id as one record: the form
//! every binding gives (`to_dict()` in Python, `toJSON()` in Node), so the
//! fields are the same everywhere.

use serde::Serialize;

use super::{ImageId, ImageIdKind, ImageRef};

/// An [`ImageRef`]'s parts, borrowed from it.
///
/// ```
/// use kubesight::ImageRef;
/// let r = ImageRef::parse("nginx:1.25")?;
/// let parts = serde_json::to_value(r.parts())?;
/// assert_eq!(parts, serde_json::json!({
///     "string": "docker.io/library/nginx:1.25", "domain": "docker.io",
///     "path": "library/nginx", "name": "docker.io/library/nginx", "tag": "1.25",
///     "digest": null, "familiar": "nginx:1.25"}));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImageRefParts<'a> {
    /// The normalised reference.
    pub string: String,
    /// The registry host (`docker.io`).
    pub domain: &'a str,
    /// The repository path (`library/nginx`).
    pub path: &'a str,
    /// `domain/path`.
    pub name: &'a str,
    /// The tag, if any.
    pub tag: Option<&'a str>,
    /// The digest, if any.
    pub digest: Option<&'a str>,
    /// The short form users write (`nginx:1.25`).
    pub familiar: String,
}

/// An [`ImageId`]'s parts, borrowed from it.
///
/// ```
/// use kubesight::ImageId;
/// let hex = "ab".repeat(32);
/// let id = ImageId::parse(&format!("docker-pullable://nginx@sha256:{hex}"))?;
/// let parts = serde_json::to_value(id.parts())?;
/// assert_eq!(parts["kind"], "repository_digest");
/// assert_eq!(parts["repository"], format!("docker.io/library/nginx@sha256:{hex}"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImageIdParts<'a> {
    /// The id as [`Display`](std::fmt::Display) writes it.
    pub string: String,
    /// Its digest.
    pub digest: &'a str,
    /// Whether it is a repository digest or a node-local image id.
    pub kind: ImageIdKind,
    /// The repository it was pulled from, for a repository digest.
    pub repository: Option<String>,
}

impl ImageRef {
    /// The reference's parts as one record.
    pub fn parts(&self) -> ImageRefParts<'_> {
        ImageRefParts {
            string: self.to_string(),
            domain: self.domain(),
            path: self.path(),
            name: self.name(),
            tag: self.tag(),
            digest: self.digest().map(|d| d.as_str()),
            familiar: self.familiar(),
        }
    }
}

impl ImageId {
    /// The id's parts as one record.
    pub fn parts(&self) -> ImageIdParts<'_> {
        ImageIdParts {
            string: self.to_string(),
            digest: self.digest().as_str(),
            kind: self.kind(),
            repository: self.repository().map(ToString::to_string),
        }
    }
}
