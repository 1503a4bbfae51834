//! Errors of the reference area: image references, digests and runtime image ids.

use thiserror::Error;

use super::TagError;

/// Why a string is not a valid image reference, digest or runtime image id.
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize)]
#[non_exhaustive]
pub enum ReferenceError {
    /// The reference is the empty string.
    #[error("image reference is empty")]
    Empty,
    /// The reference has a tag or digest but no repository name.
    #[error("image reference `{}` has no repository name", .reference.escape_debug())]
    MissingName {
        /// The rejected reference.
        reference: String,
    },
    /// The reference is a 64-character hex string, which is an image id.
    #[error("image reference `{reference}` is a 64-character hexadecimal image id, not a repository name")]
    IdentifierAsName {
        /// The rejected reference.
        reference: String,
    },
    /// The repository path has upper-case letters.
    #[error("image reference `{}`: repository name `{}` must be lowercase", .reference.escape_debug(), .repository.escape_debug())]
    UppercaseRepository {
        /// The rejected reference.
        reference: String,
        /// The repository path as written.
        repository: String,
    },
    /// The repository path is longer than 255 characters after normalisation.
    #[error("image reference `{}`: repository path is {length} characters long; at most 255 are allowed", .reference.escape_debug())]
    NameTooLong {
        /// The rejected reference.
        reference: String,
        /// The length of the normalised path.
        length: usize,
    },
    /// The registry host (and port) is not valid.
    #[error("image reference `{}`: `{}` is not a valid registry host", .reference.escape_debug(), .domain.escape_debug())]
    InvalidDomain {
        /// The rejected reference.
        reference: String,
        /// The host part as written.
        domain: String,
    },
    /// A path component is not `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`.
    #[error("image reference `{}`: path component `{}` is not valid; components are lowercase letters and digits joined by `.`, `_`, `__` or `-`", .reference.escape_debug(), .component.escape_debug())]
    InvalidPathComponent {
        /// The rejected reference.
        reference: String,
        /// The first invalid component.
        component: String,
    },
    /// The tag is not valid; the code is the tag error's.
    #[error("image reference `{}`: {source}", .reference.escape_debug())]
    InvalidTag {
        /// The rejected reference.
        reference: String,
        /// What is wrong with the tag.
        #[serde(serialize_with = "crate::error_code::serialize_cause")]
        source: TagError,
    },
    /// The digest is not `algorithm:hex`.
    #[error("digest `{}` is not of the form `algorithm:hex`", .digest.escape_debug())]
    InvalidDigest {
        /// The rejected digest.
        digest: String,
    },
    /// The digest algorithm is well formed but not supported.
    #[error("digest `{}` uses the unsupported algorithm `{algorithm}`; supported are `sha256` and `sha512`", .digest.escape_debug())]
    UnsupportedDigestAlgorithm {
        /// The rejected digest.
        digest: String,
        /// The algorithm as written.
        algorithm: String,
    },
    /// The digest has the wrong number of hex characters for its algorithm.
    #[error("digest `{digest}` has {found} hex characters; `{algorithm}` needs {expected}")]
    DigestLength {
        /// The rejected digest.
        digest: String,
        /// The algorithm.
        algorithm: String,
        /// How many hex characters the algorithm needs.
        expected: usize,
        /// How many there are.
        found: usize,
    },
    /// The digest has upper-case hex characters.
    #[error("digest `{digest}` must be lowercase hex")]
    DigestUppercase {
        /// The rejected digest.
        digest: String,
    },
    /// The runtime image id is the empty string.
    #[error("runtime image id is empty")]
    EmptyImageId,
    /// The runtime image id is neither a repository digest nor an image id.
    #[error("runtime image id `{}` is not valid: {reason}", .image_id.escape_debug())]
    InvalidImageId {
        /// The rejected image id.
        image_id: String,
        /// Why.
        reason: &'static str,
    },
}

crate::error_code::error_codes! {
    ReferenceError {
        Empty => "empty_reference",
        MissingName => "missing_repository_name",
        IdentifierAsName => "repository_name_is_identifier",
        UppercaseRepository => "repository_name_uppercase",
        NameTooLong => "repository_name_too_long",
        InvalidDomain => "invalid_domain",
        InvalidPathComponent => "invalid_path_component",
        InvalidDigest => "invalid_digest",
        UnsupportedDigestAlgorithm => "digest_unsupported_algorithm",
        DigestLength => "digest_invalid_length",
        DigestUppercase => "digest_uppercase_hex",
        EmptyImageId => "empty_image_id",
        InvalidImageId => "invalid_image_id",
    }
    InvalidTag { source: TagError } => cause,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One of every variant; the match below stops compiling when a variant
    /// is added and not listed here.
    pub(crate) fn every_error() -> Vec<ReferenceError> {
        let r = || "ref".to_owned();
        let d = || "sha256:x".to_owned();
        let mut all = vec![
            ReferenceError::Empty,
            ReferenceError::MissingName { reference: r() },
            ReferenceError::IdentifierAsName { reference: r() },
            ReferenceError::UppercaseRepository {
                reference: r(),
                repository: "Foo".into(),
            },
            ReferenceError::NameTooLong {
                reference: r(),
                length: 256,
            },
            ReferenceError::InvalidDomain {
                reference: r(),
                domain: "-a".into(),
            },
            ReferenceError::InvalidPathComponent {
                reference: r(),
                component: "A".into(),
            },
            ReferenceError::InvalidDigest { digest: d() },
            ReferenceError::UnsupportedDigestAlgorithm {
                digest: d(),
                algorithm: "md5".into(),
            },
            ReferenceError::DigestLength {
                digest: d(),
                algorithm: "sha256".into(),
                expected: 64,
                found: 1,
            },
            ReferenceError::DigestUppercase { digest: d() },
            ReferenceError::EmptyImageId,
            ReferenceError::InvalidImageId {
                image_id: "x".into(),
                reason: "why",
            },
        ];
        all.extend(
            crate::reference::tag_error::tests::every_error()
                .into_iter()
                .map(|source| ReferenceError::InvalidTag {
                    reference: r(),
                    source,
                }),
        );
        for e in &all {
            match e {
                ReferenceError::Empty
                | ReferenceError::MissingName { .. }
                | ReferenceError::IdentifierAsName { .. }
                | ReferenceError::UppercaseRepository { .. }
                | ReferenceError::NameTooLong { .. }
                | ReferenceError::InvalidDomain { .. }
                | ReferenceError::InvalidPathComponent { .. }
                | ReferenceError::InvalidTag { .. }
                | ReferenceError::InvalidDigest { .. }
                | ReferenceError::UnsupportedDigestAlgorithm { .. }
                | ReferenceError::DigestLength { .. }
                | ReferenceError::DigestUppercase { .. }
                | ReferenceError::EmptyImageId
                | ReferenceError::InvalidImageId { .. } => {}
            }
        }
        all
    }

    #[test]
    fn codes_lists_every_code_once() {
        let mut produced: Vec<&str> = every_error().iter().map(ReferenceError::code).collect();
        produced.sort_unstable();
        produced.dedup();
        let mut listed = ReferenceError::CODES.to_vec();
        listed.sort_unstable();
        assert_eq!(produced, listed);
    }

    #[test]
    fn messages_follow_the_conventions() {
        for e in every_error() {
            crate::error_style::assert_message_style(&e.to_string());
        }
    }
}
