//! What a query of the vulnerability table asks for, and the page it gets.

use serde::{Deserialize, Serialize};

use super::row::{StopReason, VulnerabilityRow};
use crate::finding::{Applicability, FixState, RuntimeEvidence};
use crate::funnel::Stage;
use crate::Severity;

/// A column to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The documented priority: stage reached, then known exploited,
    /// severity, EPSS score, affected workloads, each highest first, then the
    /// id; `descending: false` reverses it.
    Priority,
    /// The row's id, in byte order.
    Id,
    /// The highest severity.
    Severity,
    /// The deepest stage reached.
    Stage,
    /// The EPSS score (rows without one below every score).
    Epss,
    /// Whether it is known exploited.
    Kev,
    /// How many images it is on.
    Images,
    /// How many workloads run those images.
    Workloads,
    /// How many clusters run those images.
    Clusters,
    /// On how many images it was seen loaded.
    LoadedImages,
    /// How many packages it is found in.
    Packages,
}

/// One sort key: a column and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SortKey {
    /// The column.
    pub column: Column,
    /// Highest first (the default).
    #[serde(default = "yes")]
    pub descending: bool,
}

fn yes() -> bool {
    true
}

/// What to show of a table: filters (all must hold; a list holds when the
/// row has any of its values), a sort and a page. The default shows every row
/// in priority order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct TableQuery {
    /// Rows that reached at least this stage: the drill-down from a funnel
    /// stage (`applicable` gives the Applicable stage's rows).
    pub stage: Option<Stage>,
    /// Rows whose deepest stage is exactly this one.
    pub stopped_at: Option<Stage>,
    /// Rows that stopped for one of these reasons.
    pub stopped: Vec<StopReason>,
    /// Rows of one of these severities.
    pub severity: Vec<Severity>,
    /// Rows with an occurrence of one of these applicabilities.
    pub applicability: Vec<Applicability>,
    /// Rows with an occurrence of one of these fix states.
    pub fix: Vec<FixState>,
    /// Rows with an occurrence of one of these runtime evidences.
    pub runtime: Vec<RuntimeEvidence>,
    /// Rows on an image running in this cluster.
    pub cluster: Option<String>,
    /// Rows on an image running in a namespace of this name.
    pub namespace: Option<String>,
    /// Rows on an image a workload of this name runs.
    pub workload: Option<String>,
    /// Rows on an image with this digest, or deployed by a reference
    /// containing this text.
    pub image: Option<String>,
    /// Rows found in a package whose name contains this text (any case).
    pub package: Option<String>,
    /// Rows whose id or an alias contains this text (any case).
    pub id: Option<String>,
    /// Rows known exploited (`true`) or not (`false`).
    pub kev: Option<bool>,
    /// Rows with an EPSS score of at least this.
    pub min_epss: Option<f64>,
    /// The sort, first key first; empty is the priority.
    pub sort: Vec<SortKey>,
    /// Rows to skip.
    pub offset: usize,
    /// The most rows to return; none returns every row after the offset.
    pub limit: Option<usize>,
    /// The most images listed per row (its `image_count` counts them all):
    /// a vulnerability on 40,000 images is a page of its own otherwise.
    /// Default 10; the table's `rows()` lists every image.
    #[serde(default = "ten")]
    pub images_per_row: usize,
}

fn ten() -> usize {
    10
}

impl Default for TableQuery {
    /// Every row, in priority order, ten images a row.
    fn default() -> Self {
        TableQuery {
            stage: None,
            stopped_at: None,
            stopped: Vec::new(),
            severity: Vec::new(),
            applicability: Vec::new(),
            fix: Vec::new(),
            runtime: Vec::new(),
            cluster: None,
            namespace: None,
            workload: None,
            image: None,
            package: None,
            id: None,
            kev: None,
            min_epss: None,
            sort: Vec::new(),
            offset: 0,
            limit: None,
            images_per_row: ten(),
        }
    }
}

/// One page of a query's rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TablePage {
    /// How many rows the filters keep, over all pages.
    pub total: u64,
    /// The offset asked for.
    pub offset: u64,
    /// The rows of this page, in order.
    pub rows: Vec<VulnerabilityRow>,
}
