//! A Kubernetes Pod list (`kubectl get pods -A -o json`): the containers
//! that run, with where they run and which image they run.
//!
//! Rules:
//! - A container runs when its status says `running`; a pod that is not
//!   `Running` contributes the containers that still run (none, for
//!   `Succeeded` and `Failed`). Init containers are not running workloads.
//! - The image is the pod spec's reference; the runtime's `imageID` is kept
//!   as the runtime reports it (a repository digest, or a node-local id).
//! - The workload is the first controller owner, a ReplicaSet resolved to its
//!   Deployment and a Job to its CronJob; a pod without owner is its own.
//! - kubectl does not name the cluster: the caller does.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{owning_workload, IngestError, IngestWarning, WarningCode};
use crate::finding::{Deployment, RunningImage};
use crate::integrity::{IntegrityFacts, RegistryAnswer, Workload, WorkloadKind};
use crate::{ImageId, ImageRef};

const FORMAT: &str = "Kubernetes Pod list";

/// One running container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RunningContainer {
    /// The cluster, as the caller named it.
    pub cluster: String,
    /// The pod's namespace.
    pub namespace: String,
    /// The pod.
    pub pod: String,
    /// The container.
    pub container: String,
    /// The workload that owns the pod.
    pub workload: Workload,
    /// The node it runs on.
    pub node: String,
    /// The image as the pod spec references it.
    pub image: ImageRef,
    /// The image id the runtime reports, when it reports one.
    pub image_id: Option<ImageId>,
    /// When the container started.
    pub started_at: Option<DateTime<Utc>>,
}

impl RunningContainer {
    /// The integrity facts of this container, given what the registry
    /// answered for its reference; `None` without an image id.
    pub fn facts(&self, registry: RegistryAnswer) -> Option<IntegrityFacts> {
        Some(IntegrityFacts {
            image: self.image.clone(),
            image_id: self.image_id.clone()?,
            registry,
            cluster: self.cluster.clone(),
            namespace: self.namespace.clone(),
            workload: self.workload.clone(),
            node: self.node.clone(),
            deployed_at: self.started_at,
            first_detected: None,
        })
    }
}

/// The containers of a Pod list, and what could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PodInventory {
    /// The running containers.
    pub containers: Vec<RunningContainer>,
    /// What was skipped, and why.
    pub warnings: Vec<IngestWarning>,
}

impl PodInventory {
    /// The distinct running images (by repository digest, the kind of id
    /// registries and scanners name), marked scanned when `scanned` says so
    /// of the digest, and watched when `monitored` says so of any of their
    /// containers (a sensor runs on its node). Containers whose runtime
    /// reports a node-local id cannot be matched to scans and are left out.
    pub fn running_images(
        &self,
        scanned: impl Fn(&crate::Digest) -> bool,
        monitored: impl Fn(&RunningContainer) -> bool,
    ) -> Vec<RunningImage> {
        let mut images: Vec<RunningImage> = Vec::new();
        for container in &self.containers {
            let Some(id) = container.image_id.as_ref().filter(|id| id.is_comparable()) else {
                continue;
            };
            let digest = id.digest();
            let watched = monitored(container);
            let deployment = Deployment {
                reference: Some(container.image.to_string()),
                cluster: container.cluster.clone(),
                namespace: container.namespace.clone(),
                kind: container.workload.kind.kubernetes_name().to_owned(),
                workload: container.workload.name.clone(),
                container: Some(container.container.clone()),
            };
            match images.iter_mut().find(|i| i.digests.contains(digest)) {
                Some(image) => {
                    image.monitored |= watched;
                    if !image.deployments.contains(&deployment) {
                        image.deployments.push(deployment);
                    }
                }
                None => images.push(RunningImage {
                    digests: vec![digest.clone()],
                    scanned: scanned(digest),
                    monitored: watched,
                    deployments: vec![deployment],
                }),
            }
        }
        images
    }
}

fn kind_of(kind: &str) -> WorkloadKind {
    match kind {
        "Deployment" => WorkloadKind::Deployment,
        "StatefulSet" => WorkloadKind::StatefulSet,
        "DaemonSet" => WorkloadKind::DaemonSet,
        "ReplicaSet" => WorkloadKind::ReplicaSet,
        "Job" => WorkloadKind::Job,
        "CronJob" => WorkloadKind::CronJob,
        "Pod" => WorkloadKind::Pod,
        other => WorkloadKind::Other(other.to_owned()),
    }
}

fn text<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(value, |v, key| v.get(*key))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// Reads a Pod list; `cluster` names the cluster it came from.
///
/// ```
/// let pods = r#"{"kind": "List", "items": [{"kind": "Pod",
///   "metadata": {"name": "web-7d4b9c8f6d-x2x9k", "namespace": "shop",
///     "ownerReferences": [{"kind": "ReplicaSet", "name": "web-7d4b9c8f6d", "controller": true}]},
///   "spec": {"nodeName": "node-1", "containers": [{"name": "app", "image": "nginx:1.25"}]},
///   "status": {"phase": "Running", "containerStatuses": [{"name": "app", "image": "docker.io/library/nginx:1.25",
///     "imageID": "docker.io/library/nginx@sha256:f78909c2b360d866b3220655c0b079838258b8891a12ac25fc670f0cbb54229f",
///     "state": {"running": {"startedAt": "2024-05-01T10:00:00Z"}}}]}}]}"#;
/// let inventory = kubesight::ingest::kubernetes_pods(pods, "prod-eu")?;
/// let container = &inventory.containers[0];
/// assert_eq!(container.workload.to_string(), "Deployment/web");
/// assert_eq!(container.image.to_string(), "docker.io/library/nginx:1.25");
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn kubernetes_pods(document: &str, cluster: &str) -> Result<PodInventory, IngestError> {
    let value: Value = serde_json::from_str(document).map_err(|e| IngestError::json(&e))?;
    let pods: Vec<&Value> = match value.get("items").and_then(Value::as_array) {
        Some(items) => items.iter().collect(),
        None if value.get("kind").and_then(Value::as_str) == Some("Pod") => vec![&value],
        None => {
            return Err(IngestError::UnrecognizedDocument {
                format: FORMAT,
                reason: "neither a list with `items` nor a Pod".into(),
            })
        }
    };
    let mut inventory = PodInventory::default();
    for (i, pod) in pods.into_iter().enumerate() {
        let at = format!("items[{i}]");
        let warn = |inventory: &mut PodInventory, at: String, message: String| {
            inventory.warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at,
                message,
            });
        };
        let (Some(name), Some(namespace)) = (
            text(pod, &["metadata", "name"]),
            text(pod, &["metadata", "namespace"]),
        ) else {
            warn(&mut inventory, at, "a pod without name or namespace".into());
            continue;
        };
        let owner = pod
            .get("metadata")
            .and_then(|m| m.get("ownerReferences"))
            .and_then(Value::as_array)
            .and_then(|owners| {
                owners
                    .iter()
                    .find(|o| o.get("controller").and_then(Value::as_bool) == Some(true))
                    .or_else(|| owners.first())
            });
        let workload = match owner.and_then(|o| Some((text(o, &["kind"])?, text(o, &["name"])?))) {
            Some((kind, owner_name)) => {
                let (kind, owner_name) = owning_workload(kind, owner_name);
                Workload {
                    kind: kind_of(kind),
                    name: owner_name,
                }
            }
            None => Workload {
                kind: WorkloadKind::Pod,
                name: name.to_owned(),
            },
        };
        let node = text(pod, &["spec", "nodeName"]).unwrap_or_default();
        let specs = pod
            .get("spec")
            .and_then(|s| s.get("containers"))
            .and_then(Value::as_array);
        let statuses = pod
            .get("status")
            .and_then(|s| s.get("containerStatuses"))
            .and_then(Value::as_array);
        for (j, status) in statuses.into_iter().flatten().enumerate() {
            let at = format!("{at}.status.containerStatuses[{j}]");
            let Some(running) = status.get("state").and_then(|s| s.get("running")) else {
                continue;
            };
            let Some(container) = text(status, &["name"]) else {
                warn(&mut inventory, at, "a container status without name".into());
                continue;
            };
            let spec_image = specs
                .into_iter()
                .flatten()
                .find(|c| text(c, &["name"]) == Some(container))
                .and_then(|c| text(c, &["image"]))
                .or_else(|| text(status, &["image"]));
            let Some(image) = spec_image.and_then(|i| ImageRef::parse(i).ok()) else {
                warn(
                    &mut inventory,
                    at,
                    format!("container {container}: no image reference that parses"),
                );
                continue;
            };
            let image_id = match text(status, &["imageID"]).map(ImageId::parse) {
                Some(Ok(id)) => Some(id),
                Some(Err(e)) => {
                    warn(
                        &mut inventory,
                        at.clone(),
                        format!("container {container}: {e}"),
                    );
                    None
                }
                None => None,
            };
            let started_at = text(running, &["startedAt"]).and_then(|t| t.parse().ok());
            inventory.containers.push(RunningContainer {
                cluster: cluster.to_owned(),
                namespace: namespace.to_owned(),
                pod: name.to_owned(),
                container: container.to_owned(),
                workload: workload.clone(),
                node: node.to_owned(),
                image,
                image_id,
                started_at,
            });
        }
    }
    Ok(inventory)
}
