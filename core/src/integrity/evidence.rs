//! The explainability view of a violation: what was found, and where.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Workload;
use crate::{Digest, ImageIdKind};

/// What was found: forensic details specific to the violation's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// The running digest beside the registry's.
    DigestMismatch {
        /// Actual and expected digests.
        digests: DigestComparison,
    },
    /// The artifact was not found where it was expected.
    MissingSource {
        /// Where the image was expected to be found (`registry/path`).
        registry_path: String,
    },
    /// The deployment and tag-update times, then the digests.
    PostDeploymentTagUpdate {
        /// When the workload was deployed and when the tag was pushed again.
        timeline: TagTimeline,
        /// Actual and expected digests.
        digests: DigestComparison,
    },
}

impl Evidence {
    /// The status indicator of the evidence: `Digest Mismatch`, `Artifact Not
    /// Found`, or for a tag update `Tag Updated After Deployment` (`Tag
    /// Updated Before Deployment` when the timeline shows the node ran an
    /// image it had cached).
    pub fn headline(&self) -> &'static str {
        match self {
            Evidence::DigestMismatch { .. } => "Digest Mismatch",
            Evidence::MissingSource { .. } => "Artifact Not Found",
            Evidence::PostDeploymentTagUpdate { timeline, .. }
                if timeline.elapsed_seconds.is_some_and(|s| s < 0) =>
            {
                "Tag Updated Before Deployment"
            }
            Evidence::PostDeploymentTagUpdate { .. } => "Tag Updated After Deployment",
        }
    }
}

/// The runtime digest (actual) beside the registry digest (expected).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DigestComparison {
    /// What the runtime runs.
    pub actual: Digest,
    /// What the registry holds for the reference.
    pub expected: Digest,
    /// Which kind of digest was compared: repository digests, or the image
    /// configuration digest when the runtime reported only a local image id.
    pub basis: ImageIdKind,
    /// A link to view the expected artifact in the registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact_url: Option<String>,
}

/// When the workload was deployed and when its tag was pushed again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TagTimeline {
    /// When the workload was deployed, if known.
    pub deployed_at: Option<DateTime<Utc>>,
    /// When the tag was last pushed, if the registry reports it.
    pub tag_updated_at: Option<DateTime<Utc>>,
    /// `tag_updated_at - deployed_at` in seconds, when both are known.
    /// Negative when the tag was pushed before the deployment, which means the
    /// node ran an image it had cached.
    pub elapsed_seconds: Option<i64>,
}

impl TagTimeline {
    /// A timeline from the two instants; computes the elapsed time.
    pub fn new(deployed_at: Option<DateTime<Utc>>, tag_updated_at: Option<DateTime<Utc>>) -> Self {
        let elapsed_seconds = match (deployed_at, tag_updated_at) {
            (Some(deployed), Some(updated)) => Some((updated - deployed).num_seconds()),
            _ => None,
        };
        TagTimeline {
            deployed_at,
            tag_updated_at,
            elapsed_seconds,
        }
    }

    /// The elapsed time for people: `2d 3h 15m after deployment`.
    pub fn describe_elapsed(&self) -> String {
        match self.elapsed_seconds {
            None => "elapsed time unknown".to_owned(),
            Some(s) if s >= 0 => format!("{} after deployment", format_duration(s.unsigned_abs())),
            Some(s) => format!("{} before deployment", format_duration(s.unsigned_abs())),
        }
    }
}

/// `2d 3h 15m`, `45s`: the two largest non-zero units.
pub(crate) fn format_duration(seconds: u64) -> String {
    let units = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")];
    let mut rest = seconds;
    let parts: Vec<String> = units
        .iter()
        .filter_map(|&(size, unit)| {
            let n = rest / size;
            rest %= size;
            (n > 0).then(|| format!("{n}{unit}"))
        })
        .take(2)
        .collect();
    if parts.is_empty() {
        "0s".to_owned()
    } else {
        parts.join(" ")
    }
}

/// Where the violation is: the infrastructure context of the container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Location {
    /// When the violation was first identified.
    pub first_detected: DateTime<Utc>,
    /// The Kubernetes cluster.
    pub cluster: String,
    /// The namespace of the workload.
    pub namespace: String,
    /// The workload (Deployment, StatefulSet, ...).
    pub workload: Workload,
    /// The node running the container.
    pub node: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_show_two_units() {
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration(45), "45s");
        assert_eq!(format_duration(3 * 86_400 + 4 * 3_600 + 5 * 60), "3d 4h");
        assert_eq!(format_duration(3_600 + 1), "1h 1s");
    }

    #[test]
    fn elapsed_is_signed() {
        let t = |s: &str| Some(s.parse::<DateTime<Utc>>().unwrap());
        let after = TagTimeline::new(t("2024-01-01T00:00:00Z"), t("2024-01-02T01:00:00Z"));
        assert_eq!(after.elapsed_seconds, Some(90_000));
        assert_eq!(after.describe_elapsed(), "1d 1h after deployment");
        let before = TagTimeline::new(t("2024-01-02T00:00:00Z"), t("2024-01-01T00:00:00Z"));
        assert_eq!(before.describe_elapsed(), "1d before deployment");
        assert_eq!(
            TagTimeline::new(None, t("2024-01-01T00:00:00Z")).elapsed_seconds,
            None
        );
    }

    #[test]
    fn the_headline_follows_the_timeline() {
        let t = |s: &str| Some(s.parse::<DateTime<Utc>>().unwrap());
        let d = crate::Digest::parse(&format!("sha256:{}", "a".repeat(64))).unwrap();
        let digests = DigestComparison {
            actual: d.clone(),
            expected: d,
            basis: ImageIdKind::RepositoryDigest,
            artifact_url: None,
        };
        let update = |timeline| Evidence::PostDeploymentTagUpdate {
            timeline,
            digests: digests.clone(),
        };
        let before = update(TagTimeline::new(
            t("2024-01-02T00:00:00Z"),
            t("2024-01-01T00:00:00Z"),
        ));
        assert_eq!(before.headline(), "Tag Updated Before Deployment");
        let after = update(TagTimeline::new(
            t("2024-01-01T00:00:00Z"),
            t("2024-01-02T00:00:00Z"),
        ));
        assert_eq!(after.headline(), "Tag Updated After Deployment");
        assert_eq!(
            update(TagTimeline::new(None, None)).headline(),
            "Tag Updated After Deployment"
        );
    }
}
