//! What is known about one running container: the inputs of an assessment.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Digest, ImageId, ImageRef};

/// Everything an integrity assessment needs about one running container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IntegrityFacts {
    /// The image as the Pod spec names it.
    pub image: ImageRef,
    /// What the runtime reports it is running (`imageID`).
    pub image_id: ImageId,
    /// What the registry of record answered for `image`.
    pub registry: RegistryAnswer,
    /// The Kubernetes cluster.
    pub cluster: String,
    /// The namespace of the workload.
    pub namespace: String,
    /// The workload that owns the container.
    pub workload: Workload,
    /// The node running the container.
    pub node: String,
    /// When the workload was deployed (the container started), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployed_at: Option<DateTime<Utc>>,
    /// When this violation was first identified, if it was seen before;
    /// otherwise the assessment's observation time is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_detected: Option<DateTime<Utc>>,
}

/// The answer of the registry of record for a spec reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum RegistryAnswer {
    /// The artifact exists.
    Found(Artifact),
    /// No artifact exists at the reference.
    NotFound {
        /// Where the artifact was expected, if the registry names it
        /// differently from the reference (a remote repository's path, say).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        registry_path: Option<String>,
    },
    /// The registry could not be asked (down, timeout, no credentials).
    Unavailable {
        /// What went wrong.
        reason: String,
    },
}

/// The artifact a registry holds for a reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Artifact {
    /// The digest the tag resolves to now: the expected digest.
    pub digest: Digest,
    /// Other digests that name the same artifact: the platform manifests of a
    /// multi-platform index, which is what a runtime reports after pulling
    /// the index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platform_digests: Vec<Digest>,
    /// The digest of the image configuration, comparable with a node-local
    /// image id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_digest: Option<Digest>,
    /// A link to view the artifact in the registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the tag was last pushed, if the registry reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_updated_at: Option<DateTime<Utc>>,
}

impl Artifact {
    /// An artifact known only by its digest.
    pub fn new(digest: Digest) -> Self {
        Artifact {
            digest,
            platform_digests: Vec::new(),
            config_digest: None,
            url: None,
            tag_updated_at: None,
        }
    }

    /// Whether `digest` names this artifact (its digest or a platform digest).
    pub fn has_digest(&self, digest: &Digest) -> bool {
        self.digest == *digest || self.platform_digests.contains(digest)
    }
}

/// The Kubernetes workload that owns a container.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Workload {
    /// The workload's kind.
    pub kind: WorkloadKind,
    /// The workload's name.
    pub name: String,
}

impl fmt::Display for Workload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.kind, self.name)
    }
}

/// The kind of a Kubernetes workload.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkloadKind {
    /// A Deployment.
    Deployment,
    /// A StatefulSet.
    StatefulSet,
    /// A DaemonSet.
    DaemonSet,
    /// A ReplicaSet not owned by a Deployment.
    ReplicaSet,
    /// A Job.
    Job,
    /// A CronJob.
    CronJob,
    /// A bare Pod.
    Pod,
    /// Any other kind, as Kubernetes names it (`Rollout`, ...).
    #[serde(untagged)]
    Other(String),
}

impl WorkloadKind {
    /// The kind as Kubernetes names it (`Deployment`, `StatefulSet`, ...).
    pub fn kubernetes_name(&self) -> &str {
        match self {
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::StatefulSet => "StatefulSet",
            WorkloadKind::DaemonSet => "DaemonSet",
            WorkloadKind::ReplicaSet => "ReplicaSet",
            WorkloadKind::Job => "Job",
            WorkloadKind::CronJob => "CronJob",
            WorkloadKind::Pod => "Pod",
            WorkloadKind::Other(kind) => kind,
        }
    }
}

impl fmt::Display for WorkloadKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kubernetes_name())
    }
}
