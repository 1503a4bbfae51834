//! The runtime platform's REST API, read from its responses as text: the
//! cluster list and a cluster's details, the image tags, the workloads, and
//! the live images listing. The platform's public API documentation is the
//! contract; where it disagrees with itself, every documented spelling is
//! accepted.
//!
//! Rules:
//! - **Pages.** Each response is one page (`pagination.next_key`,
//!   `total_count`). A reader takes the pages of one listing in order and
//!   merges them: an entry listed on two pages is read once
//!   (`duplicate_entry`); fewer entries than `total_count`, or a last page
//!   that names a next one, is a `partial_listing` warning; more, or pages
//!   that disagree on the total, `inconsistent_listing`. With several pages
//!   an error names the page (`invalid_page`, its cause inside).
//! - **Controller.** `running` runs; `stopped` is installed but not running
//!   (failed); no status, not installed; any other word is failed with an
//!   `unknown_status` warning.
//! - **Node status** decides the sensor, cross-checked with
//!   `sensor_installed`:
//!
//!   | status | sensor |
//!   |---|---|
//!   | `monitored_with_sensor`, `running_with_sensors` (the documentation's example), `running` | running |
//!   | `monitored` | not installed (the controller watches the node); with `sensor_installed: true`, failed, with an `inconsistent_listing` warning |
//!   | `failed` | failed |
//!   | `installation_failed`, `failed_to_install` | failed to install |
//!   | `disabled` | disabled |
//!   | none | not installed when `sensor_installed` is not true, else failed (`unknown_status`) |
//!   | any other word | failed (`unknown_status`) |
//!
//!   A running or failed sensor on a node whose `sensor_installed` is
//!   false keeps its status, with an `inconsistent_listing` warning.
//! - **Node counts** (`nodes_count`, `running_nodes_count`,
//!   `failed_nodes_count`, `failed_to_install_nodes_count`,
//!   `disabled_nodes_count`) are kept, and checked against the nodes
//!   listed (running: every node whose sensor has not failed, failed to
//!   install or been disabled); a disagreement is `inconsistent_listing`.
//!   The cluster list gives counts only: a `partial_listing` warning says to
//!   read each cluster's details. Provider, regions, versions and times are
//!   kept.
//! - **Image tags** are read from `image_tags` (the example) or
//!   `images_tags` (the field table). Components carry `id` (the example)
//!   or `component_id` (the table); the id's type gives the ecosystem and a
//!   package URL (`gav://g:a:v` is `pkg:maven/g/a@v`, `pypi://`, `npm://`,
//!   `go://`, `deb://`, `rpm://`, `alpine://`, ...). Each vulnerability is
//!   one occurrence per component, its id the CVE (the Xray id an alias),
//!   or the Xray id without one. The listing has no fix versions: fix
//!   states are unknown. Malicious packages are malicious-package findings.
//!   A tag without `image_digest` gets a stand-in digest
//!   ([`stand_in_digest`]) and a `no_image_digest` warning. `scan_info.sca`
//!   says whether it was scanned; a stopped tag is not a running image.
//! - **Applicability**: all seven documented values; `rescan_required` and
//!   `upgrade_required` are undecided (the funnel's `undecided`), never
//!   not applicable; an unknown word is undetermined (`unknown_status`).
//! - **Risks** (`malicious`, `untrusted_registry`, `integrity_violation`,
//!   `critical_applicable_cves`, also written `critical_applicable_cve` and
//!   `critical_applicable`) are kept as given; where findings can support a
//!   badge (malicious, critical applicable) and the listed findings
//!   disagree with it, an `inconsistent_listing` warning says so.
//! - **Workloads** give their processes (`processes`, or `Processes`),
//!   whose vulnerabilities are the runtime evidence of the image tags'
//!   findings ([`PlatformImageTags::apply_workloads`]).

mod clusters;
mod fields;
mod findings;
mod image_tags;
mod live_images;
mod pages;
mod risk;
mod workloads;

pub use clusters::{runtime_clusters, PlatformClusters};
pub use findings::{PlatformComponent, PlatformMalicious, PlatformVulnerability};
pub use image_tags::{
    runtime_image_tags, stand_in_digest, PlatformEvidence, PlatformImageTag, PlatformImageTags,
    RuntimeStatus, WorkloadLocation,
};
pub use live_images::{runtime_images, PlatformImage, PlatformImages, PlatformScan};
pub use pages::ListingPages;
pub use risk::Risk;
pub use workloads::{runtime_workloads, PlatformProcess, PlatformWorkload, PlatformWorkloads};
