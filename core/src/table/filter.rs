//! A query's filters, resolved once against a table.

use super::build::{Quick, Row, VulnerabilityTable};
use super::request::TableQuery;
use super::row::StopReason;
use crate::finding::{Applicability, FixState, RuntimeEvidence};
use crate::Severity;

/// A query's filters, resolved against one table's names once.
pub(crate) struct Filter<'q> {
    query: &'q TableQuery,
    severity: u8,
    applicability: u8,
    fix: u8,
    runtime: u8,
    stopped: u8,
    cluster: Option<Option<u32>>,
    namespace: Option<Option<u32>>,
    workloads: Option<Vec<u32>>,
    images: Option<Vec<bool>>,
    package: Option<String>,
    id: Option<String>,
    /// Whether a filter reads more than the rows' quick facts.
    pub(crate) slow: bool,
}

fn mask<T: PartialEq>(chosen: &[T], all: &[T]) -> u8 {
    all.iter()
        .enumerate()
        .filter(|(_, v)| chosen.contains(v))
        .fold(0, |m, (i, _)| m | (1 << i))
}

impl<'q> Filter<'q> {
    pub(crate) fn of(table: &VulnerabilityTable, query: &'q TableQuery) -> Filter<'q> {
        let places = &table.places;
        let images = query.image.as_ref().map(|text| {
            (0..places.images())
                .filter_map(|i| u32::try_from(i).ok())
                .map(|i| {
                    places.digest(i) == text.as_str()
                        || places.references(i).any(|r| r.contains(text.as_str()))
                })
                .collect()
        });
        let workloads = query.workload.as_ref().map(|name| {
            (0..places.workload_count())
                .filter_map(|i| u32::try_from(i).ok())
                .filter(|&w| places.workload_name(w) == name.as_str())
                .collect()
        });
        Filter {
            query,
            severity: mask(&query.severity, &Severity::ALL),
            applicability: mask(&query.applicability, &Applicability::ALL),
            fix: mask(&query.fix, &FixState::ALL),
            runtime: mask(&query.runtime, &RuntimeEvidence::ALL),
            stopped: mask(&query.stopped, &StopReason::ALL),
            cluster: query.cluster.as_ref().map(|c| places.clusters.get(c)),
            namespace: query.namespace.as_ref().map(|n| places.namespaces.get(n)),
            workloads,
            images,
            package: query.package.as_ref().map(|p| p.to_lowercase()),
            id: query.id.as_ref().map(|i| i.to_lowercase()),
            slow: query.id.is_some()
                || query.package.is_some()
                || query.cluster.is_some()
                || query.namespace.is_some()
                || query.workload.is_some()
                || query.image.is_some(),
        }
    }

    /// The filters over the facts every row keeps in sixteen bytes.
    pub(crate) fn keeps_quick(&self, row: &Quick) -> bool {
        let q = self.query;
        let has = |m: u8, bit: u8| bit < 8 && m & (1 << bit) != 0;
        !(q.stage.is_some_and(|s| row.stage < s.depth())
            || q.stopped_at.is_some_and(|s| row.stage != s.depth())
            || (!q.stopped.is_empty() && !has(self.stopped, row.stopped))
            || (!q.severity.is_empty() && !has(self.severity, row.severity))
            || (!q.applicability.is_empty() && row.applicability & self.applicability == 0)
            || (!q.fix.is_empty() && row.fix & self.fix == 0)
            || (!q.runtime.is_empty() && row.runtime & self.runtime == 0)
            || q.kev.is_some_and(|k| k != row.kev)
            || q.min_epss
                .is_some_and(|min| row.epss < min || row.epss < 0.0))
    }

    /// The filters that read a row's ids, packages and images.
    pub(crate) fn keeps(&self, table: &VulnerabilityTable, row: &Row) -> bool {
        if let Some(text) = &self.id {
            let matches = VulnerabilityTable::slice(&table.members, row.members)
                .iter()
                .filter_map(|&m| table.names.name(m))
                .any(|n| n.to_lowercase().contains(text.as_str()));
            if !matches {
                return false;
            }
        }
        if let Some(text) = &self.package {
            let matches = VulnerabilityTable::slice(&table.row_packages, row.packages)
                .iter()
                .filter_map(|&(p, _)| table.packages.get(p as usize))
                .any(|p| p.name.to_lowercase().contains(text.as_str()));
            if !matches {
                return false;
            }
        }
        if self.cluster.is_none()
            && self.namespace.is_none()
            && self.workloads.is_none()
            && self.images.is_none()
        {
            return true;
        }
        let places = VulnerabilityTable::slice(&table.row_images, row.images)
            .iter()
            .map(|&p| p >> 1);
        let mut cluster_ok = self.cluster.is_none();
        let mut namespace_ok = self.namespace.is_none();
        let mut workload_ok = self.workloads.is_none();
        let mut image_ok = self.images.is_none();
        let at = &table.places;
        for image in places {
            if let Some(c) = self.cluster {
                cluster_ok |= c.is_some_and(|c| at.clusters_of(image).contains(&c));
            }
            if let Some(n) = self.namespace {
                namespace_ok |= n.is_some_and(|n| at.namespaces_of(image).contains(&n));
            }
            if let Some(w) = &self.workloads {
                workload_ok |= at.workloads_of(image).iter().any(|x| w.contains(x));
            }
            if let Some(i) = &self.images {
                image_ok |= i.get(image as usize).copied().unwrap_or(false);
            }
        }
        cluster_ok && namespace_ok && workload_ok && image_ok
    }
}
