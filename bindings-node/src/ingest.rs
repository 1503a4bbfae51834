//! The readers: scanner reports, VEX, Pod lists, platform listings.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{from_js, json_value, text};
use crate::error::{raise, throwing};
use kubesight::finding::Occurrence;
use kubesight::ingest;

macro_rules! reader {
    ($(#[$doc:meta] $name:ident => $path:path, $ty:literal;)*) => {$(
        #[$doc]
        #[napi(ts_args_type = "document: string | Buffer", ts_return_type = $ty)]
        pub fn $name(env: Env, document: Either<String, Buffer>) -> Result<Value> {
            throwing(&env, || json_value(&$path(text(&document, "document")?).map_err(raise)?))
        }
    )*};
}

reader! {
    #[doc = "Reads a Trivy JSON report: an image's, the older list, or `trivy k8s` (`--report all` or `summary`, and the older shape)."]
    read_trivy => ingest::trivy, "Ingested";
    #[doc = "Reads Trivy Operator VulnerabilityReports and ClusterVulnerabilityReports (one, a list, a JSON array, or a dump)."]
    read_trivy_operator => ingest::trivy_operator, "Ingested";
    #[doc = "Reads a Grype JSON report, or a kubevuln manifest holding one."]
    read_grype => ingest::grype, "Ingested";
    #[doc = "Reads an osv-scanner JSON report."]
    read_osv_scanner => ingest::osv_scanner, "Ingested";
    #[doc = "Reads JFrog CLI simple-json output."]
    read_jfrog_simple_json => ingest::jfrog_simple_json, "Ingested";
    #[doc = "Reads JFrog Xray scan JSON (`jf scan --format json`)."]
    read_jfrog_xray_json => ingest::jfrog_xray_json, "Ingested";
    #[doc = "Reads the runtime platform's live images listing."]
    read_runtime_images => ingest::runtime_images, "PlatformImages";
    #[doc = "Reads an OpenVEX document."]
    read_openvex => ingest::vex::openvex, "VexDocument";
    #[doc = "Reads a CycloneDX document's VEX statements."]
    read_cyclonedx_vex => ingest::vex::cyclonedx_vex, "VexDocument";
    #[doc = "Reads a CSAF VEX document."]
    read_csaf_vex => ingest::vex::csaf_vex, "VexDocument";
}

/// Reads a Kubernetes Pod list (`kubectl get pods -A -o json`) from `cluster`.
#[napi(
    ts_args_type = "document: string | Buffer, cluster: string",
    ts_return_type = "PodInventory"
)]
pub fn read_kubernetes_pods(
    env: Env,
    document: Either<String, Buffer>,
    cluster: String,
) -> Result<Value> {
    throwing(&env, || {
        json_value(&ingest::kubernetes_pods(text(&document, "document")?, &cluster).map_err(raise)?)
    })
}

/// One page or a list of pages, each a string or a UTF-8 Buffer.
type Pages = Either<Either<String, Buffer>, Vec<Either<String, Buffer>>>;

fn page_texts(pages: &Pages) -> crate::error::Coded<Vec<&str>> {
    match pages {
        Either::A(one) => Ok(vec![text(one, "pages")?]),
        Either::B(many) => many.iter().map(|page| text(page, "pages")).collect(),
    }
}

macro_rules! paged_reader {
    ($(#[$doc:meta] $name:ident => $path:path, $ty:literal;)*) => {$(
        #[$doc]
        #[napi(
            ts_args_type = "pages: string | Buffer | Array<string | Buffer>",
            ts_return_type = $ty
        )]
        pub fn $name(env: Env, pages: Pages) -> Result<Value> {
            throwing(&env, || json_value(&$path(&page_texts(&pages)?).map_err(raise)?))
        }
    )*};
}

paged_reader! {
    #[doc = "Reads the runtime platform's cluster listing: one page or its pages, merged."]
    read_runtime_clusters => ingest::runtime_clusters, "PlatformClusters";
    #[doc = "Reads the runtime platform's image tags listing: one page or its pages, merged."]
    read_runtime_image_tags => ingest::runtime_image_tags, "PlatformImageTags";
    #[doc = "Reads the runtime platform's workloads listing: one page or its pages, merged."]
    read_runtime_workloads => ingest::runtime_workloads, "PlatformWorkloads";
}

/// Gives image tags (as read) the runtime evidence of a workloads listing
/// (as read) with the clusters' sensors: the image tags, updated.
#[napi(
    ts_args_type = "imageTags: PlatformImageTagsInput, workloads: PlatformWorkloads, clusters: ClusterInput[], disableLabel?: DisableLabel",
    ts_return_type = "PlatformImageTags"
)]
pub fn apply_workloads(
    env: Env,
    image_tags: Unknown<'_>,
    workloads: Unknown<'_>,
    clusters: Unknown<'_>,
    disable_label: Option<Unknown<'_>>,
) -> Result<Value> {
    throwing(&env, || {
        let mut tags: ingest::PlatformImageTags = from_js(&env, image_tags, "imageTags")?;
        let workloads: ingest::PlatformWorkloads = from_js(&env, workloads, "workloads")?;
        let clusters: Vec<kubesight::runtime::Cluster> = from_js(&env, clusters, "clusters")?;
        let label = match disable_label {
            Some(l) => from_js(&env, l, "disableLabel")?,
            None => kubesight::runtime::DisableLabel::default(),
        };
        tags.apply_workloads(&workloads, &clusters, &label);
        json_value(&tags)
    })
}

/// Applies a VEX document (as read) to findings: what remains and the outcome.
#[napi(
    ts_args_type = "findings: OccurrenceInput[], document: VexDocumentInput",
    ts_return_type = "VexApplied"
)]
pub fn apply_vex(env: Env, findings: Unknown<'_>, document: Unknown<'_>) -> Result<Value> {
    throwing(&env, || {
        let occurrences: Vec<Occurrence> = from_js(&env, findings, "findings")?;
        let document: ingest::vex::VexDocument = from_js(&env, document, "document")?;
        json_value(&ingest::vex::VexApplied::apply(occurrences, &document))
    })
}

/// Marks a full scan's findings loaded or not observed from a
/// runtime-filtered scan of the same image.
#[napi(
    ts_args_type = "full: OccurrenceInput[], filtered: OccurrenceInput[]",
    ts_return_type = "RuntimeMarked"
)]
pub fn mark_runtime(env: Env, full: Unknown<'_>, filtered: Unknown<'_>) -> Result<Value> {
    throwing(&env, || {
        let occurrences: Vec<Occurrence> = from_js(&env, full, "full")?;
        let filtered: Vec<Occurrence> = from_js(&env, filtered, "filtered")?;
        json_value(&ingest::RuntimeMarked::mark(occurrences, &filtered))
    })
}

/// The workload that owns a controller: `ReplicaSet` `web-7d4b9c8f6d` is
/// `Deployment` `web`.
#[napi(ts_return_type = "OwningWorkload")]
pub fn owning_workload(env: Env, kind: String, name: String) -> Result<Value> {
    throwing(&env, || {
        json_value(&ingest::OwningWorkload::of(&kind, &name))
    })
}
