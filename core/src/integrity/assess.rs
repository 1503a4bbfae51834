//! Deriving the integrity status of a running container from the facts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::evidence::{DigestComparison, Evidence, Location, TagTimeline};
use super::recommendation::{recommendations, Recommendation};
use super::{
    IntegrityFacts, IntegrityStatus, Reason, RegistryAnswer, TrustedRegistries, ViolationKind,
};
use crate::{Digest, ImageIdKind, ImageRef, Severity, TagClass, TagPolicy};

/// How integrity is judged: which registries are trusted, and which tags move.
///
/// ```
/// use kubesight::integrity::{IntegrityFacts, IntegrityPolicy, TrustedRegistries, ViolationKind};
///
/// let policy = IntegrityPolicy::new(TrustedRegistries::new(["registry.acme.io"])?);
/// let hex = |c: &str| c.repeat(64);
/// let facts: IntegrityFacts = serde_json::from_value(serde_json::json!({
///     "image": "registry.acme.io/shop/api:1.4.2",
///     "image_id": format!("registry.acme.io/shop/api@sha256:{}", hex("a")),
///     "registry": {"answer": "found", "digest": format!("sha256:{}", hex("b"))},
///     "cluster": "prod-eu", "namespace": "shop", "node": "node-1",
///     "workload": {"kind": "deployment", "name": "api"}
/// }))?;
/// let now = "2024-05-01T12:00:00Z".parse()?;
/// let assessment = policy.assess(&facts, now);
/// let violation = assessment.violation.expect("a violation");
/// assert_eq!(violation.kind, ViolationKind::DigestMismatch);
/// assert_eq!(violation.severity.code(), "critical");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IntegrityPolicy {
    /// The registries whose images are trusted.
    pub trusted: TrustedRegistries,
    /// The tag policy that decides between Digest Mismatch and
    /// Post-Deployment Tag Update.
    #[serde(default)]
    pub tags: TagPolicy,
}

/// The outcome of an integrity assessment, with the facts it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IntegrityAssessment {
    /// The integrity status, or `None` when it cannot be determined (the
    /// registry was unavailable, or the runtime id cannot be compared).
    pub status: Option<IntegrityStatus>,
    /// The facts, in the order they were checked.
    pub reasons: Vec<Reason>,
    /// The violation, when the status is one.
    pub violation: Option<Violation>,
    /// The digest of the running image assessed (the runtime's image id),
    /// which ties the assessment to a row of the images view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_digest: Option<crate::Digest>,
}

impl IntegrityAssessment {
    /// Whether a status could be determined.
    pub fn is_determined(&self) -> bool {
        self.status.is_some()
    }

    /// The status code, or `cannot_determine`.
    pub fn status_code(&self) -> &'static str {
        self.status
            .map_or("cannot_determine", IntegrityStatus::code)
    }
}

/// An integrity violation, explained: evidence, location, recommendations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Violation {
    /// The kind of violation.
    pub kind: ViolationKind,
    /// Its severity (follows from the kind).
    pub severity: Severity,
    /// The image as the Pod spec names it.
    pub image: ImageRef,
    /// What was found.
    pub evidence: Evidence,
    /// Where it was found.
    pub location: Location,
    /// What to do, in order.
    pub recommendations: Vec<Recommendation>,
}

impl IntegrityPolicy {
    /// A policy trusting `trusted`, with the default tag policy.
    pub fn new(trusted: TrustedRegistries) -> Self {
        IntegrityPolicy {
            trusted,
            tags: TagPolicy::new(),
        }
    }

    /// The same policy with another tag policy.
    pub fn with_tag_policy(mut self, tags: TagPolicy) -> Self {
        self.tags = tags;
        self
    }

    /// Derives the integrity status of one running container.
    ///
    /// In order: an image from an untrusted registry is Untrusted Registry; a
    /// registry that could not be asked leaves the status undetermined; an
    /// artifact that does not exist is Invalid Image Source (Missing Source).
    /// Otherwise the runtime's repository digest is compared with the
    /// artifact's digest and platform digests; a node-local image id is
    /// compared with the artifact's configuration digest if the registry gave
    /// one, and otherwise leaves the status undetermined (comparing a
    /// configuration digest with a manifest digest would raise a false
    /// Critical). A difference is Invalid Image Integrity, whose violation
    /// kind follows from the tag's mutability.
    ///
    /// `observed_at` is the time of this observation; it stands as the first
    /// detection when the facts do not carry an earlier one.
    pub fn assess(
        &self,
        facts: &IntegrityFacts,
        observed_at: DateTime<Utc>,
    ) -> IntegrityAssessment {
        let mut assessment = self.assess_facts(facts, observed_at);
        assessment.image_digest = Some(facts.image_id.digest().clone());
        assessment
    }

    fn assess_facts(
        &self,
        facts: &IntegrityFacts,
        observed_at: DateTime<Utc>,
    ) -> IntegrityAssessment {
        let mut reasons = Vec::with_capacity(3);
        let registry = facts.image.domain().to_owned();
        let Some(pattern) = self.trusted.matching(&facts.image) else {
            reasons.push(Reason::RegistryNotTrusted { registry });
            return outcome(Some(IntegrityStatus::UntrustedRegistry), reasons, None);
        };
        reasons.push(Reason::RegistryTrusted {
            registry,
            pattern: pattern.to_owned(),
        });

        let artifact = match &facts.registry {
            RegistryAnswer::Unavailable { reason } => {
                reasons.push(Reason::RegistryUnavailable {
                    detail: reason.clone(),
                });
                return outcome(None, reasons, None);
            }
            RegistryAnswer::NotFound { registry_path } => {
                let registry_path = registry_path
                    .clone()
                    .unwrap_or_else(|| facts.image.name().to_owned());
                reasons.push(Reason::ArtifactNotFound {
                    registry_path: registry_path.clone(),
                });
                let violation = self.violation(
                    facts,
                    ViolationKind::MissingSource,
                    Evidence::MissingSource { registry_path },
                    observed_at,
                );
                return outcome(
                    Some(IntegrityStatus::InvalidImageSource),
                    reasons,
                    Some(violation),
                );
            }
            RegistryAnswer::Found(artifact) => artifact,
        };

        let actual = facts.image_id.digest();
        let (matches, expected, basis) = if facts.image_id.is_comparable() {
            (
                artifact.has_digest(actual),
                &artifact.digest,
                ImageIdKind::RepositoryDigest,
            )
        } else if let Some(config) = &artifact.config_digest {
            (actual == config, config, ImageIdKind::LocalImageId)
        } else {
            reasons.push(Reason::RuntimeIdNotComparable {
                image_id: facts.image_id.clone(),
            });
            return outcome(None, reasons, None);
        };
        if matches {
            reasons.push(Reason::DigestMatches {
                digest: actual.clone(),
                basis,
            });
            return outcome(Some(IntegrityStatus::NoIssues), reasons, None);
        }

        reasons.push(Reason::DigestDiffers {
            actual: actual.clone(),
            expected: expected.clone(),
            basis,
        });
        let tag = self.tags.classify_reference(&facts.image);
        reasons.push(Reason::TagClassified {
            tag: facts.image.tag().map(str::to_owned),
            class: tag,
        });
        let status = IntegrityStatus::InvalidImageIntegrity;
        let kind = status
            .violation(tag)
            .unwrap_or(ViolationKind::DigestMismatch);
        let digests = comparison(actual, expected, basis, artifact.url.clone());
        let evidence = match kind {
            ViolationKind::PostDeploymentTagUpdate => Evidence::PostDeploymentTagUpdate {
                timeline: TagTimeline::new(facts.deployed_at, artifact.tag_updated_at),
                digests,
            },
            ViolationKind::DigestMismatch | ViolationKind::MissingSource => {
                Evidence::DigestMismatch { digests }
            }
        };
        let violation = self.violation(facts, kind, evidence, observed_at);
        outcome(Some(status), reasons, Some(violation))
    }

    /// Classifies the tag the way [`assess`](Self::assess) does.
    pub fn classify_tag(&self, image: &ImageRef) -> TagClass {
        self.tags.classify_reference(image)
    }

    fn violation(
        &self,
        facts: &IntegrityFacts,
        kind: ViolationKind,
        evidence: Evidence,
        observed_at: DateTime<Utc>,
    ) -> Violation {
        Violation {
            kind,
            severity: kind.severity(),
            image: facts.image.clone(),
            evidence,
            location: Location {
                first_detected: facts.first_detected.unwrap_or(observed_at),
                cluster: facts.cluster.clone(),
                namespace: facts.namespace.clone(),
                workload: facts.workload.clone(),
                node: facts.node.clone(),
            },
            recommendations: recommendations(kind),
        }
    }
}

fn comparison(
    actual: &Digest,
    expected: &Digest,
    basis: ImageIdKind,
    artifact_url: Option<String>,
) -> DigestComparison {
    DigestComparison {
        actual: actual.clone(),
        expected: expected.clone(),
        basis,
        artifact_url,
    }
}

fn outcome(
    status: Option<IntegrityStatus>,
    reasons: Vec<Reason>,
    violation: Option<Violation>,
) -> IntegrityAssessment {
    IntegrityAssessment {
        status,
        reasons,
        violation,
        image_digest: None,
    }
}
