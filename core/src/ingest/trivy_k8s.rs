//! Trivy's Kubernetes report, `trivy k8s --format json`: `ClusterName` with
//! `Resources` (`--report all`: one resource per scan of a workload's image,
//! and per misconfiguration scan), `Findings` (`--report summary`, the
//! default: one per workload, the results and metadata of its images
//! merged), or, before Trivy 0.45, `Vulnerabilities` (one per workload).
//! Trivy leaves empty lists out: `ClusterName` alone is a cluster without
//! findings.
//!
//! Rules:
//! - A resource is a workload (`Namespace`, `Kind`, `Name`, the cluster).
//!   Its `Metadata` (one object from Trivy 0.46, a list from 0.57) names its
//!   images: an entry with an `ImageID` or `RepoDigests` is one image, its
//!   digests read as in a Trivy report.
//! - Results map to images by what Trivy writes. An OS result's `Target` is
//!   `<image> (<os> <version>)`: it names its image, the entry whose
//!   `Reference`, `RepoTags` or `RepoDigests` is that image. Trivy appends
//!   one image's results after another, its OS result first, so a result
//!   naming no image (a language target, `app/package-lock.json`) belongs
//!   to the image of the OS result before it. That holds when every image
//!   of the resource is named by an OS result; when one is not (an image
//!   without OS packages), results naming no image cannot be told apart and
//!   go to a report without a digest, with a `no_image_digest` warning
//!   (`--report all` has one resource per image). A resource with one image
//!   has all its results on it.
//! - One report per image, also without findings (the image was scanned).
//!   An OS result naming an image without metadata (older reports), and the
//!   vulnerable results of a resource without images (the cluster's own
//!   components), are reports without a digest, with a `no_image_digest`
//!   warning.
//! - The summary repeats an image's results for each container running it:
//!   a result already read for an image is read once.
//! - Resources without vulnerabilities (misconfigurations, RBAC) are no
//!   reports; a resource's `Error` (its scan failed) is a `partial_listing`
//!   warning.

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::null::or_default;
use super::trivy_results::{
    at_paths, digests, empty_report, image_of_target, no_digest_warning, read_results, Metadata,
};
use super::{ImageReport, Ingested, ReportWorkload, WarningCode};
use crate::ImageRef;

#[derive(Deserialize)]
struct Resource<'a> {
    #[serde(rename = "Namespace", default)]
    namespace: String,
    #[serde(rename = "Kind", default)]
    kind: String,
    #[serde(rename = "Name", default)]
    name: String,
    #[serde(rename = "Metadata", default, deserialize_with = "or_default")]
    metadata: Metadatas,
    #[serde(rename = "Results", borrow, default, deserialize_with = "or_default")]
    results: Vec<&'a RawValue>,
    #[serde(rename = "Error", default)]
    error: Option<String>,
}

/// `Metadata`: a list since Trivy 0.57, one object before.
#[derive(Deserialize)]
#[serde(untagged)]
enum Metadatas {
    Many(Vec<Metadata>),
    One(Metadata),
}

impl Default for Metadatas {
    fn default() -> Self {
        Metadatas::Many(Vec::new())
    }
}

/// What a result says of itself, before it is read.
#[derive(Deserialize)]
struct Head {
    #[serde(rename = "Target", default)]
    target: String,
    #[serde(rename = "Class")]
    class: Option<String>,
    #[serde(rename = "Vulnerabilities", default, deserialize_with = "or_default")]
    vulnerabilities: Vec<IgnoredAny>,
    #[serde(
        rename = "ExperimentalModifiedFindings",
        default,
        deserialize_with = "or_default"
    )]
    modified: Vec<IgnoredAny>,
}

impl Head {
    /// The image an OS result names.
    fn image(&self) -> Option<&str> {
        match self.class.as_deref() {
            Some("os-pkgs") | None => image_of_target(&self.target),
            Some(_) => None,
        }
    }

    fn has_findings(&self) -> bool {
        !self.vulnerabilities.is_empty() || !self.modified.is_empty()
    }
}

/// Whose a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// The image of the resource's metadata entry at this index.
    Image(usize),
    /// An image an OS result names but no metadata entry does.
    Named(usize),
    /// The resource itself, which names no image.
    Resource,
    /// No image that can be told.
    Unattributed,
}

/// Reads the resources of one list (`key`) of a Kubernetes report.
pub(super) fn read(cluster: &str, key: &str, resources: &[&RawValue], ingested: &mut Ingested) {
    for (i, raw) in resources.iter().enumerate() {
        let at = format!("{key}[{i}]");
        match serde_json::from_str::<Resource<'_>>(raw.get()) {
            Ok(resource) => read_resource(cluster, &at, &resource, ingested),
            Err(e) => ingested.warn(WarningCode::UnparsableEntry, at, e.to_string()),
        }
    }
}

fn names_an_image(metadata: &Metadata) -> bool {
    metadata.image_id.as_deref().is_some_and(|i| !i.is_empty())
        || metadata.repo_digests.iter().any(|d| !d.is_empty())
}

/// Whether `a` and `b` name one image: the same text, the same normalised
/// reference, or the same digest.
fn same_image(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (ImageRef::parse(a), ImageRef::parse(b)) {
        (Ok(a), Ok(b)) => a == b || (a.digest().is_some() && a.digest() == b.digest()),
        _ => false,
    }
}

fn is_named(metadata: &Metadata, image: &str) -> bool {
    metadata
        .reference
        .iter()
        .chain(&metadata.repo_tags)
        .chain(&metadata.repo_digests)
        .any(|name| !name.is_empty() && same_image(name, image))
}

fn read_resource(cluster: &str, at: &str, resource: &Resource<'_>, ingested: &mut Ingested) {
    let shown = format!("{}/{}", resource.kind, resource.name);
    if let Some(error) = resource.error.as_deref().filter(|e| !e.is_empty()) {
        ingested.warn(
            WarningCode::PartialListing,
            at,
            format!("the scan of {shown} failed: {}", error.escape_debug()),
        );
    }
    let entries: Vec<(String, &Metadata)> = match &resource.metadata {
        Metadatas::One(metadata) => vec![(format!("{at}.Metadata"), metadata)],
        Metadatas::Many(list) => list
            .iter()
            .enumerate()
            .map(|(k, m)| (format!("{at}.Metadata[{k}]"), m))
            .collect(),
    };
    let images: Vec<(String, &Metadata)> = entries
        .into_iter()
        .filter(|(_, m)| names_an_image(m))
        .collect();
    let mut heads: Vec<(String, &RawValue, Head)> = Vec::new();
    for (path, raw) in at_paths(&resource.results, at) {
        match serde_json::from_str::<Head>(raw.get()) {
            Ok(head) => heads.push((path, raw, head)),
            Err(e) => ingested.warn(WarningCode::UnparsableEntry, path, e.to_string()),
        }
    }
    let mut unknown: Vec<&str> = Vec::new();
    let named: Vec<Option<Owner>> = heads
        .iter()
        .map(|(_, _, head)| {
            let image = head.image()?;
            if let Some(k) = images.iter().position(|(_, m)| is_named(m, image)) {
                return Some(Owner::Image(k));
            }
            let k = match unknown.iter().position(|u| same_image(u, image)) {
                Some(k) => k,
                None => {
                    unknown.push(image);
                    unknown.len() - 1
                }
            };
            Some(Owner::Named(k))
        })
        .collect();
    let single = images.len() == 1 && unknown.is_empty();
    let follow = (0..images.len()).all(|k| named.contains(&Some(Owner::Image(k))));
    let leading = if images.is_empty() {
        Owner::Resource
    } else {
        Owner::Unattributed
    };
    let mut current = None;
    let owners: Vec<Owner> = named
        .iter()
        .map(|named| match (single, named) {
            (true, _) => Owner::Image(0),
            (false, Some(owner)) => {
                current = Some(*owner);
                *owner
            }
            (false, None) if follow => current.unwrap_or(leading),
            (false, None) => Owner::Unattributed,
        })
        .collect();
    let results_of = |owner: Owner| {
        let mut seen: Vec<&str> = Vec::new();
        let mut results = Vec::new();
        let mut findings = false;
        for ((path, raw, head), _) in heads.iter().zip(&owners).filter(|(_, o)| **o == owner) {
            if seen.contains(&raw.get()) {
                continue;
            }
            seen.push(raw.get());
            findings |= head.has_findings();
            results.push((path.clone(), *raw));
        }
        (results, findings)
    };
    let workload = ReportWorkload {
        cluster: Some(cluster.to_owned()),
        namespace: resource.namespace.clone(),
        kind: resource.kind.clone(),
        name: resource.name.clone(),
    };
    let push = |mut report: ImageReport, results, ingested: &mut Ingested| {
        report.workload = Some(workload.clone());
        read_results(results, &mut report, ingested);
        report.artifact = report
            .artifact
            .map(|a| image_of_target(&a).map_or(a.clone(), str::to_owned));
        ingested.reports.push(report);
    };
    for (k, (path, metadata)) in images.iter().enumerate() {
        let (results, _) = results_of(Owner::Image(k));
        let digests = digests(metadata, path, ingested);
        let artifact = metadata
            .reference
            .iter()
            .chain(&metadata.repo_tags)
            .find(|name| !name.is_empty())
            .cloned();
        let report = empty_report(artifact, digests);
        // Every digest of the entry malformed: warned about, and said here.
        no_digest_warning(&report, path, ingested);
        push(report, results, ingested);
    }
    for (k, image) in unknown.iter().enumerate() {
        let (results, _) = results_of(Owner::Named(k));
        let report = empty_report(Some((*image).to_owned()), Vec::new());
        no_digest_warning(&report, at, ingested);
        push(report, results, ingested);
    }
    let (results, findings) = results_of(Owner::Resource);
    if findings {
        let mut report = empty_report(None, Vec::new());
        report.artifact = heads.first().map(|(_, _, h)| h.target.clone());
        no_digest_warning(&report, at, ingested);
        push(report, results, ingested);
    }
    let (results, findings) = results_of(Owner::Unattributed);
    if findings {
        let targets: Vec<String> = results
            .iter()
            .filter_map(|(path, _)| heads.iter().find(|(p, _, _)| p == path))
            .map(|(_, _, h)| format!("`{}`", h.target.escape_debug()))
            .collect();
        ingested.warn(
            WarningCode::NoImageDigest,
            at,
            format!(
                "the results {} of {shown} name none of its {} images, so their findings \
                 match no running image (`--report all` reports each image apart)",
                targets.join(", "),
                images.len() + unknown.len()
            ),
        );
        push(empty_report(None, Vec::new()), results, ingested);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_is_named_the_way_trivy_and_kubernetes_write_it() {
        assert!(same_image("nginx:1.25", "docker.io/library/nginx:1.25"));
        assert!(same_image(
            "nginx:1.25",
            "index.docker.io/library/nginx:1.25"
        ));
        let digest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
        assert!(same_image(
            &format!("nginx@{digest}"),
            &format!("docker.io/library/nginx:1.25@{digest}")
        ));
        assert!(!same_image("nginx:1.25", "nginx:1.26"));
        assert!(!same_image("nginx", "Deployment/web"));
    }

    #[test]
    fn only_os_results_name_an_image() {
        let head = |class: Option<&str>, target: &str| Head {
            target: target.into(),
            class: class.map(String::from),
            vulnerabilities: Vec::new(),
            modified: Vec::new(),
        };
        assert_eq!(
            head(Some("os-pkgs"), "nginx:1.25 (debian 12.5)").image(),
            Some("nginx:1.25")
        );
        assert_eq!(
            head(None, "nginx:1.25 (debian 12.5)").image(),
            Some("nginx:1.25")
        );
        assert_eq!(
            head(Some("lang-pkgs"), "lib/x (copy).jar (java)").image(),
            None
        );
        assert_eq!(head(Some("os-pkgs"), "node-1").image(), None);
    }
}
