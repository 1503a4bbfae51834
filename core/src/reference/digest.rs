//! Content digests: `sha256:<64 hex>` and `sha512:<128 hex>`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ReferenceError;

/// A supported digest algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DigestAlgorithm {
    /// SHA-256, 64 hex characters.
    Sha256,
    /// SHA-512, 128 hex characters.
    Sha512,
}

impl DigestAlgorithm {
    /// The name as written in a digest (`sha256`, `sha512`).
    pub const fn name(self) -> &'static str {
        match self {
            DigestAlgorithm::Sha256 => "sha256",
            DigestAlgorithm::Sha512 => "sha512",
        }
    }

    /// How many hex characters a digest of this algorithm has.
    pub const fn hex_len(self) -> usize {
        match self {
            DigestAlgorithm::Sha256 => 64,
            DigestAlgorithm::Sha512 => 128,
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "sha256" => Some(DigestAlgorithm::Sha256),
            "sha512" => Some(DigestAlgorithm::Sha512),
            _ => None,
        }
    }
}

/// A validated content digest such as `sha256:3f2a…`.
///
/// ```
/// use kubesight::{Digest, DigestAlgorithm};
/// let d: Digest = format!("sha256:{}", "ab".repeat(32)).parse()?;
/// assert_eq!(d.algorithm(), DigestAlgorithm::Sha256);
/// assert_eq!(d.hex().len(), 64);
/// let err = format!("sha256:{}", "AB".repeat(32)).parse::<Digest>().unwrap_err();
/// assert_eq!(err.code(), "digest_uppercase_hex");
/// # Ok::<(), kubesight::ReferenceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Digest(Box<str>);

impl Digest {
    /// The `sha256:` digest whose value is `bytes`.
    pub(crate) fn of_sha256(bytes: &[u8; 32]) -> Digest {
        let mut text = String::with_capacity(71);
        text.push_str("sha256:");
        for b in bytes {
            for nibble in [b >> 4, b & 15] {
                text.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
            }
        }
        Digest(text.into_boxed_str())
    }

    /// Parses `algorithm:hex`.
    ///
    /// # Errors
    /// `invalid_digest` when the text is not `algorithm:hex`;
    /// `digest_unsupported_algorithm` for a well-formed algorithm other than
    /// `sha256` and `sha512`; `digest_invalid_length` and
    /// `digest_uppercase_hex` for a supported algorithm with the wrong length
    /// or upper-case hex.
    pub fn parse(s: &str) -> Result<Self, ReferenceError> {
        let invalid = || ReferenceError::InvalidDigest {
            digest: s.to_owned(),
        };
        let (algorithm, hex) = s.split_once(':').ok_or_else(invalid)?;
        if !is_algorithm(algorithm) || hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(invalid());
        }
        let Some(known) = DigestAlgorithm::from_name(algorithm) else {
            return Err(ReferenceError::UnsupportedDigestAlgorithm {
                digest: s.to_owned(),
                algorithm: algorithm.to_owned(),
            });
        };
        if hex.len() != known.hex_len() {
            return Err(ReferenceError::DigestLength {
                digest: s.to_owned(),
                algorithm: algorithm.to_owned(),
                expected: known.hex_len(),
                found: hex.len(),
            });
        }
        if hex.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(ReferenceError::DigestUppercase {
                digest: s.to_owned(),
            });
        }
        Ok(Digest(s.into()))
    }

    /// The algorithm.
    pub fn algorithm(&self) -> DigestAlgorithm {
        if self.0.starts_with("sha512:") {
            DigestAlgorithm::Sha512
        } else {
            DigestAlgorithm::Sha256
        }
    }

    /// The hex characters after the `:`.
    pub fn hex(&self) -> &str {
        self.0.split_once(':').map_or("", |(_, hex)| hex)
    }

    /// The whole digest, `algorithm:hex`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 12 hex characters, as container tools show an id.
    pub fn short(&self) -> &str {
        let hex = self.hex();
        hex.get(..12).unwrap_or(hex)
    }
}

/// `[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*`
fn is_algorithm(s: &str) -> bool {
    s.split(['-', '_', '+', '.']).all(|component| {
        let mut bytes = component.bytes();
        bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
            && bytes.all(|b| b.is_ascii_alphanumeric())
    })
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Digest {
    type Err = ReferenceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Digest::parse(s)
    }
}

impl AsRef<str> for Digest {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Digest::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha512_is_supported() {
        let d = Digest::parse(&format!("sha512:{}", "0".repeat(128))).unwrap();
        assert_eq!(d.algorithm(), DigestAlgorithm::Sha512);
        assert_eq!(d.short(), "000000000000");
    }

    #[test]
    fn three_distinct_errors() {
        let code = |s: String| Digest::parse(&s).unwrap_err().code();
        assert_eq!(
            code(format!("sha256:{}", "A".repeat(64))),
            "digest_uppercase_hex"
        );
        assert_eq!(
            code(format!("sha256:{}", "a".repeat(63))),
            "digest_invalid_length"
        );
        assert_eq!(
            code(format!("md5:{}", "a".repeat(32))),
            "digest_unsupported_algorithm"
        );
        assert_eq!(code("sha256".into()), "invalid_digest");
        assert_eq!(code("sha256:xyz".into()), "invalid_digest");
        assert_eq!(code(format!("1sha:{}", "a".repeat(64))), "invalid_digest");
    }
}
