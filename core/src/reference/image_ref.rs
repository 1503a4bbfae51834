//! Image references as written in a Pod spec: `name[:tag][@digest]`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::grammar::{is_domain, is_path_component};
use super::tag_syntax::validate_tag;
use super::{Digest, ReferenceError};

/// The registry Docker Hub references normalise to.
pub const DOCKER_HUB: &str = "docker.io";
const LEGACY_DOCKER_HUB: &str = "index.docker.io";
const OFFICIAL_PREFIX: &str = "library/";
/// The longest repository path allowed after normalisation.
pub const MAX_PATH_LENGTH: usize = 255;

/// A parsed, normalised image reference.
///
/// Parsing follows the grammar of the reference parser that Kubernetes,
/// containerd and Docker share, with Docker's normalisation: a name without a
/// registry is on `docker.io`, and a single-component Docker Hub name is in
/// `library/`. The first path component is a registry only if it is
/// `localhost`, contains `.` or `:`, or has an upper-case letter.
///
/// A reference may carry both a tag and a digest; the digest is what a
/// runtime pulls. [`Display`](fmt::Display) gives the fully qualified form
/// without adding an implicit tag; [`familiar`](Self::familiar) gives the form
/// `docker` prints.
///
/// ```
/// use kubesight::ImageRef;
///
/// let r = ImageRef::parse("nginx:1.25")?;
/// assert_eq!(r.domain(), "docker.io");
/// assert_eq!(r.path(), "library/nginx");
/// assert_eq!(r.tag(), Some("1.25"));
/// assert_eq!(r.to_string(), "docker.io/library/nginx:1.25");
/// assert_eq!(r.familiar(), "nginx:1.25");
///
/// // No `/`: `localhost:5000` is the repository `localhost` with tag `5000`.
/// assert_eq!(ImageRef::parse("localhost:5000")?.tag(), Some("5000"));
///
/// let err = ImageRef::parse("nginx:café").unwrap_err();
/// assert_eq!(err.code(), "invalid_tag_character");
/// # Ok::<(), kubesight::ReferenceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ImageRef {
    /// `domain/path[:tag]`.
    repo_tag: Box<str>,
    /// Where the domain ends (the `/` after it).
    domain_end: usize,
    /// Where the path ends (the `:` before the tag, or the end).
    path_end: usize,
    digest: Option<Digest>,
}

impl ImageRef {
    /// Parses and normalises a reference.
    ///
    /// # Errors
    /// A [`ReferenceError`] whose code says what is wrong: `empty_reference`,
    /// `missing_repository_name`, `repository_name_is_identifier`,
    /// `repository_name_uppercase`, `repository_name_too_long`,
    /// `invalid_domain`, `invalid_path_component`, a tag error code
    /// (`empty_tag`, `invalid_tag_character`, ...), or a digest error code
    /// (`invalid_digest`, `digest_uppercase_hex`, `digest_invalid_length`,
    /// `digest_unsupported_algorithm`).
    pub fn parse(s: &str) -> Result<Self, ReferenceError> {
        if s.is_empty() {
            return Err(ReferenceError::Empty);
        }
        if s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(ReferenceError::IdentifierAsName {
                reference: s.to_owned(),
            });
        }
        let (name_tag, digest) = match s.split_once('@') {
            Some((name_tag, digest)) => (name_tag, Some(digest)),
            None => (s, None),
        };
        let (name, tag) = match name_tag.rsplit_once(':') {
            Some((name, tag)) if !tag.contains('/') => (name, Some(tag)),
            _ => (name_tag, None),
        };
        if name.is_empty() {
            return Err(ReferenceError::MissingName {
                reference: s.to_owned(),
            });
        }
        let (domain, path) = split_domain(name);
        if path.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(ReferenceError::UppercaseRepository {
                reference: s.to_owned(),
                repository: path.to_owned(),
            });
        }
        if !is_domain(domain) {
            return Err(ReferenceError::InvalidDomain {
                reference: s.to_owned(),
                domain: domain.to_owned(),
            });
        }
        if let Some(component) = path.split('/').find(|c| !is_path_component(c)) {
            return Err(ReferenceError::InvalidPathComponent {
                reference: s.to_owned(),
                component: component.to_owned(),
            });
        }
        let official = domain == DOCKER_HUB && !path.contains('/');
        let path_len = path.len() + if official { OFFICIAL_PREFIX.len() } else { 0 };
        if path_len > MAX_PATH_LENGTH {
            return Err(ReferenceError::NameTooLong {
                reference: s.to_owned(),
                length: path_len,
            });
        }
        if let Some(tag) = tag {
            validate_tag(tag).map_err(|source| ReferenceError::InvalidTag {
                reference: s.to_owned(),
                source,
            })?;
        }
        let digest = digest.map(Digest::parse).transpose()?;

        let mut repo_tag =
            String::with_capacity(domain.len() + 1 + path_len + tag.map_or(0, |t| t.len() + 1));
        repo_tag.push_str(domain);
        repo_tag.push('/');
        if official {
            repo_tag.push_str(OFFICIAL_PREFIX);
        }
        repo_tag.push_str(path);
        let path_end = repo_tag.len();
        if let Some(tag) = tag {
            repo_tag.push(':');
            repo_tag.push_str(tag);
        }
        Ok(ImageRef {
            repo_tag: repo_tag.into_boxed_str(),
            domain_end: domain.len(),
            path_end,
            digest,
        })
    }

    /// The registry host, with its port if any (`docker.io`, `localhost:5000`).
    pub fn domain(&self) -> &str {
        self.repo_tag.get(..self.domain_end).unwrap_or_default()
    }

    /// The repository path inside the registry (`library/nginx`).
    pub fn path(&self) -> &str {
        self.repo_tag
            .get(self.domain_end + 1..self.path_end)
            .unwrap_or_default()
    }

    /// The fully qualified repository name, `domain/path`.
    pub fn name(&self) -> &str {
        self.repo_tag.get(..self.path_end).unwrap_or_default()
    }

    /// The tag, if the reference has one. No implicit `latest` is added.
    pub fn tag(&self) -> Option<&str> {
        self.repo_tag
            .get(self.path_end + 1..)
            .filter(|t| !t.is_empty())
    }

    /// The digest, if the reference pins one.
    pub fn digest(&self) -> Option<&Digest> {
        self.digest.as_ref()
    }

    /// The reference as `docker` prints it: without `docker.io/`, and without
    /// `library/` for official images.
    ///
    /// Like Docker's, this form does not always parse back to the same
    /// reference: `docker.io/foo.bar/app` prints as `foo.bar/app`, which names
    /// the registry `foo.bar`. Use [`Display`](fmt::Display) to store or
    /// compare references.
    pub fn familiar(&self) -> String {
        let mut out = String::with_capacity(self.repo_tag.len() + 72);
        let path = self.path();
        if self.domain() == DOCKER_HUB {
            match path.strip_prefix(OFFICIAL_PREFIX) {
                Some(rest) if !rest.contains('/') => out.push_str(rest),
                _ => out.push_str(path),
            }
        } else {
            out.push_str(self.name());
        }
        if let Some(tag) = self.tag() {
            out.push(':');
            out.push_str(tag);
        }
        if let Some(digest) = &self.digest {
            out.push('@');
            out.push_str(digest.as_str());
        }
        out
    }
}

/// Splits a name into registry and path the way Docker does.
fn split_domain(name: &str) -> (&str, &str) {
    match name.split_once('/') {
        None => (DOCKER_HUB, name),
        Some((LEGACY_DOCKER_HUB, rest)) => (DOCKER_HUB, rest),
        Some((first, rest))
            if first == "localhost"
                || first.contains(['.', ':'])
                || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            (first, rest)
        }
        Some(_) => (DOCKER_HUB, name),
    }
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repo_tag)?;
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

impl FromStr for ImageRef {
    type Err = ReferenceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ImageRef::parse(s)
    }
}

impl TryFrom<&str> for ImageRef {
    type Error = ReferenceError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        ImageRef::parse(s)
    }
}

impl Serialize for ImageRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ImageRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(deserializer)?;
        ImageRef::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_tag_and_digest() {
        let digest = format!("sha256:{}", "a".repeat(64));
        let r = ImageRef::parse(&format!("nginx:1.25@{digest}")).unwrap();
        assert_eq!(r.tag(), Some("1.25"));
        assert_eq!(r.digest().map(Digest::as_str), Some(digest.as_str()));
        assert_eq!(
            r.to_string(),
            format!("docker.io/library/nginx:1.25@{digest}")
        );
    }

    #[test]
    fn library_counts_towards_the_path_limit() {
        let at_limit = "a".repeat(MAX_PATH_LENGTH - OFFICIAL_PREFIX.len());
        assert!(ImageRef::parse(&at_limit).is_ok());
        let over = format!("{at_limit}a");
        assert_eq!(
            ImageRef::parse(&over).unwrap_err().code(),
            "repository_name_too_long"
        );
    }

    #[test]
    fn serde_is_the_normalised_string() {
        let r = ImageRef::parse("index.docker.io/nginx").unwrap();
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            "\"docker.io/library/nginx\""
        );
        let back: ImageRef = serde_json::from_str("\"docker.io/library/nginx\"").unwrap();
        assert_eq!(back, r);
        assert!(serde_json::from_str::<ImageRef>("\"Nginx\"").is_err());
    }
}
