//! The binary wire form of a [`PortablePartial`]: what workers of a Dask or
//! Spark job send to the machine that merges them. Compact (lengths as
//! varints, one byte per stage, severity and stop reasons), versioned, and
//! checked: a partial of another version, one cut short or one changed on
//! the way is an error with a stable code, never a wrong funnel.
//!
//! The layout (version 1), integers little-endian:
//!
//! | bytes | what |
//! |---|---|
//! | 4 | `KSFP` |
//! | 2 | the version |
//! | varints | occurrences, then skipped: malicious, not running, not scanned |
//! | varint, then each | vulnerabilities: the id (varint length, UTF-8), stage, severity, stop bits (a byte each) |
//! | varint, then each | images: one digest (varint length, UTF-8), the deepest stage |
//! | varint, then each | alias pairs: two ids |
//! | 4 | CRC-32 (IEEE) of every byte before it |

use super::accumulator::{PortablePartial, PortableVulnerability};
use crate::finding::Skipped;

/// The first bytes of every partial.
const MAGIC: &[u8; 4] = b"KSFP";

/// The version this build writes and reads.
pub const PARTIAL_VERSION: u16 = 1;

/// The deepest stage a partial may name (Validated in Runtime).
const MAX_STAGE: u8 = 5;
/// The highest severity a partial may name (its position plus one).
const MAX_SEVERITY: u8 = 5;
/// Every stop-reason bit.
const STOP_BITS: u8 = 0b111;

/// Why bytes are not a partial this build can merge.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[non_exhaustive]
pub enum PartialError {
    /// The bytes do not start as a partial does.
    #[error("not a kubesight funnel partial: it starts with {found}, not `KSFP`")]
    Unrecognized {
        /// The first bytes, in hex.
        found: String,
    },
    /// A partial of a version this build does not read.
    #[error("a funnel partial of version {version}; this build reads version {supported}")]
    UnsupportedVersion {
        /// The partial's version.
        version: u16,
        /// The version this build reads and writes.
        supported: u16,
    },
    /// The partial was cut short, changed on the way, or holds a value no
    /// partial holds.
    #[error("the funnel partial is corrupted: {reason}")]
    Corrupted {
        /// What is wrong with it.
        reason: String,
    },
}

crate::error_code::error_codes! {
    PartialError {
        Unrecognized => "partial_unrecognized",
        UnsupportedVersion => "partial_version_unsupported",
        Corrupted => "partial_corrupted",
    }
}

fn corrupted(reason: impl Into<String>) -> PartialError {
    PartialError::Corrupted {
        reason: reason.into(),
    }
}

impl PortablePartial {
    /// The partial in its binary wire form.
    ///
    /// ```
    /// use kubesight::funnel::PortablePartial;
    /// let partial = PortablePartial::default();
    /// let bytes = partial.to_bytes();
    /// assert_eq!(&bytes[..4], b"KSFP");
    /// assert_eq!(PortablePartial::from_bytes(&bytes)?, partial);
    /// # Ok::<(), kubesight::funnel::PartialError>(())
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let names: usize = self.vulnerabilities.iter().map(|v| v.id.len() + 5).sum();
        let mut out = Vec::with_capacity(names + self.images.len() * 80 + 32);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&PARTIAL_VERSION.to_le_bytes());
        for n in [
            self.occurrences,
            self.skipped.malicious,
            self.skipped.not_running,
            self.skipped.not_scanned,
        ] {
            varint(&mut out, n);
        }
        varint(&mut out, self.vulnerabilities.len() as u64);
        for v in &self.vulnerabilities {
            text(&mut out, &v.id);
            out.extend_from_slice(&[v.stage, v.severity, v.stopped]);
        }
        varint(&mut out, self.images.len() as u64);
        for (digest, stage) in &self.images {
            text(&mut out, digest);
            out.push(*stage);
        }
        varint(&mut out, self.aliases.len() as u64);
        for (a, b) in &self.aliases {
            text(&mut out, a);
            text(&mut out, b);
        }
        let sum = crc32fast::hash(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// A partial from its binary wire form, checked whole before anything
    /// of it is used.
    pub fn from_bytes(bytes: &[u8]) -> Result<PortablePartial, PartialError> {
        if bytes.get(..4) != Some(&MAGIC[..]) {
            let found: String = bytes.iter().take(4).map(|b| format!("{b:02x}")).collect();
            return Err(PartialError::Unrecognized {
                found: if found.is_empty() {
                    "nothing".to_owned()
                } else {
                    format!("0x{found}")
                },
            });
        }
        let version = bytes
            .get(4..6)
            .and_then(|b| <[u8; 2]>::try_from(b).ok())
            .map(u16::from_le_bytes)
            .ok_or_else(|| corrupted("it ends after its first bytes"))?;
        if version != PARTIAL_VERSION {
            return Err(PartialError::UnsupportedVersion {
                version,
                supported: PARTIAL_VERSION,
            });
        }
        let body_end = bytes
            .len()
            .checked_sub(4)
            .filter(|&end| end >= 6)
            .ok_or_else(|| corrupted("it is cut short"))?;
        let (body, sum) = bytes.split_at(body_end);
        let expected = sum
            .try_into()
            .map(u32::from_le_bytes)
            .map_err(|_| corrupted("it is cut short"))?;
        if crc32fast::hash(body) != expected {
            return Err(corrupted(
                "its checksum does not match (cut short or changed on the way)",
            ));
        }
        let mut reader = Reader { bytes: body, at: 6 };
        let partial = reader.partial()?;
        if reader.at != body.len() {
            return Err(corrupted("bytes follow its last entry"));
        }
        partial.validate()?;
        Ok(partial)
    }

    /// Checks the values a partial from elsewhere holds (its JSON form
    /// included): stages, severities and stop bits no funnel writes are a
    /// `partial_corrupted` error.
    pub fn validate(&self) -> Result<(), PartialError> {
        for v in &self.vulnerabilities {
            if v.stage == 0 || v.stage > MAX_STAGE {
                return Err(corrupted(format!("`{}` has stage {}", v.id, v.stage)));
            }
            if v.severity > MAX_SEVERITY {
                return Err(corrupted(format!("`{}` has severity {}", v.id, v.severity)));
            }
            if v.stopped & !STOP_BITS != 0 {
                return Err(corrupted(format!("`{}` has stop bits {}", v.id, v.stopped)));
            }
        }
        if let Some((digest, stage)) = self.images.iter().find(|(_, s)| *s == 0 || *s > MAX_STAGE) {
            return Err(corrupted(format!("image `{digest}` has stage {stage}")));
        }
        Ok(())
    }
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn text(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Reads a body that passed its checksum: a malformed one is still an
/// error, never a panic or an allocation its lengths ask for.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, PartialError> {
        let b = self
            .bytes
            .get(self.at)
            .copied()
            .ok_or_else(|| corrupted("an entry is cut short"))?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, PartialError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(corrupted("a number runs past 64 bits"))
    }

    /// A count of entries, each at least `least` bytes long: never more than
    /// the bytes left could hold.
    fn count(&mut self, least: usize) -> Result<usize, PartialError> {
        let n = usize::try_from(self.varint()?).unwrap_or(usize::MAX);
        if n > (self.bytes.len() - self.at.min(self.bytes.len())) / least {
            return Err(corrupted("a count is larger than the bytes that follow"));
        }
        Ok(n)
    }

    fn text(&mut self) -> Result<String, PartialError> {
        let n = usize::try_from(self.varint()?).unwrap_or(usize::MAX);
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| corrupted("a name runs past the end"))?;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or_else(|| corrupted("a name runs past the end"))?;
        self.at = end;
        std::str::from_utf8(s)
            .map(str::to_owned)
            .map_err(|_| corrupted("a name is not UTF-8"))
    }

    fn partial(&mut self) -> Result<PortablePartial, PartialError> {
        let occurrences = self.varint()?;
        let skipped = Skipped {
            malicious: self.varint()?,
            not_running: self.varint()?,
            not_scanned: self.varint()?,
        };
        let n = self.count(4)?;
        let mut vulnerabilities = Vec::with_capacity(n);
        for _ in 0..n {
            vulnerabilities.push(PortableVulnerability {
                id: self.text()?,
                stage: self.byte()?,
                severity: self.byte()?,
                stopped: self.byte()?,
            });
        }
        let n = self.count(2)?;
        let mut images = Vec::with_capacity(n);
        for _ in 0..n {
            images.push((self.text()?, self.byte()?));
        }
        let n = self.count(2)?;
        let mut aliases = Vec::with_capacity(n);
        for _ in 0..n {
            aliases.push((self.text()?, self.text()?));
        }
        Ok(PortablePartial {
            vulnerabilities,
            images,
            aliases,
            occurrences,
            skipped,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn every_error() -> Vec<PartialError> {
        vec![
            PartialError::Unrecognized {
                found: "0x7b227675".into(),
            },
            PartialError::UnsupportedVersion {
                version: 2,
                supported: PARTIAL_VERSION,
            },
            PartialError::Corrupted {
                reason: "its checksum does not match".into(),
            },
        ]
    }

    #[test]
    fn codes_and_messages() {
        let all = every_error();
        for e in &all {
            crate::error_style::assert_message_style(&e.to_string());
        }
        let produced: Vec<&str> = all.iter().map(PartialError::code).collect();
        assert_eq!(produced, PartialError::CODES);
    }

    fn partial() -> impl Strategy<Value = PortablePartial> {
        let id = "[A-Z]{3}-[0-9]{1,6}";
        (
            proptest::collection::vec((id, 1..=5u8, 0..=5u8, 0..=7u8), 0..20),
            proptest::collection::vec(("sha256:[0-9a-f]{8}", 1..=5u8), 0..10),
            proptest::collection::vec((id, id), 0..5),
            any::<u64>(),
            any::<(u64, u64, u64)>(),
        )
            .prop_map(
                |(vulnerabilities, images, aliases, occurrences, (m, r, s))| PortablePartial {
                    vulnerabilities: vulnerabilities
                        .into_iter()
                        .map(|(id, stage, severity, stopped)| PortableVulnerability {
                            id,
                            stage,
                            severity,
                            stopped,
                        })
                        .collect(),
                    images,
                    aliases,
                    occurrences,
                    skipped: Skipped {
                        malicious: m,
                        not_running: r,
                        not_scanned: s,
                    },
                },
            )
    }

    proptest! {
        #[test]
        fn round_trips(p in partial()) {
            prop_assert_eq!(PortablePartial::from_bytes(&p.to_bytes()), Ok(p));
        }

        #[test]
        fn any_change_or_cut_is_an_error(p in partial(), at in any::<prop::sample::Index>(), flip in 1..=255u8, cut in any::<prop::sample::Index>()) {
            let bytes = p.to_bytes();
            let mut changed = bytes.clone();
            let i = at.index(changed.len());
            if let Some(b) = changed.get_mut(i) {
                *b ^= flip;
            }
            prop_assert!(PortablePartial::from_bytes(&changed).is_err(), "byte {} changed", i);
            let short = bytes.get(..cut.index(bytes.len())).unwrap_or_default();
            prop_assert!(PortablePartial::from_bytes(short).is_err());
        }
    }

    #[test]
    fn another_version_or_other_bytes_say_so() {
        let mut bytes = PortablePartial::default().to_bytes();
        if let Some(v) = bytes.get_mut(4) {
            *v = 2;
        }
        let code = |b: &[u8]| PortablePartial::from_bytes(b).map_err(|e| e.code());
        assert_eq!(code(&bytes), Err("partial_version_unsupported"));
        assert_eq!(
            code(b"{\"vulnerabilities\": []}"),
            Err("partial_unrecognized")
        );
        assert_eq!(code(b""), Err("partial_unrecognized"));
        assert_eq!(code(b"KSFP"), Err("partial_corrupted"));
        let e = PortablePartial::from_bytes(b"{\"v").unwrap_err();
        assert_eq!(
            e.to_string(),
            "not a kubesight funnel partial: it starts with 0x7b2276, not `KSFP`"
        );
    }

    #[test]
    fn values_no_funnel_writes_are_refused() {
        let mut p = PortablePartial::default();
        p.vulnerabilities.push(PortableVulnerability {
            id: "CVE-2024-1".into(),
            stage: 9,
            severity: 1,
            stopped: 0,
        });
        let e = PortablePartial::from_bytes(&p.to_bytes()).unwrap_err();
        assert_eq!(e.code(), "partial_corrupted");
        assert_eq!(
            e.to_string(),
            "the funnel partial is corrupted: `CVE-2024-1` has stage 9"
        );
    }
}
