//! Scan configuration per cluster, batch configuration, and the coverage
//! summary.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::ScanningError;

/// A scanner that automatic scanning can run on runtime-observed images.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scanner {
    /// Software composition analysis (vulnerabilities of packages).
    Sca,
    /// Vulnerabilities contextual analysis (applicability).
    ContextualAnalysis,
    /// Secrets.
    Secrets,
    /// Applications.
    Applications,
    /// Services.
    Services,
    /// Infrastructure as code.
    Iac,
    /// Exposures.
    Exposures,
}

impl Scanner {
    /// Every scanner.
    pub const ALL: [Scanner; 7] = [
        Scanner::Sca,
        Scanner::ContextualAnalysis,
        Scanner::Secrets,
        Scanner::Applications,
        Scanner::Services,
        Scanner::Iac,
        Scanner::Exposures,
    ];

    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            Scanner::Sca => "sca",
            Scanner::ContextualAnalysis => "contextual_analysis",
            Scanner::Secrets => "secrets",
            Scanner::Applications => "applications",
            Scanner::Services => "services",
            Scanner::Iac => "iac",
            Scanner::Exposures => "exposures",
        }
    }
}

/// The scan configuration of one cluster.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScanConfiguration {
    /// The scanners enabled.
    #[serde(default)]
    pub scanners: BTreeSet<Scanner>,
    /// How many days scan results are kept, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
}

impl ScanConfiguration {
    /// Whether automatic scanning is enabled at all.
    pub fn is_enabled(&self) -> bool {
        !self.scanners.is_empty()
    }
}

/// What a batch configuration changed on one cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConfigurationChange {
    /// The cluster.
    pub cluster: String,
    /// Scanners newly enabled.
    pub enabled: Vec<Scanner>,
    /// Scanners newly disabled.
    pub disabled: Vec<Scanner>,
    /// The retention before and after, when it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<(Option<u32>, Option<u32>)>,
}

/// How many clusters have each scanner: the Clusters Configuration
/// Security Coverage panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Coverage {
    /// How many clusters there are.
    pub clusters: u64,
    /// Per scanner, how many clusters have it enabled (every scanner listed).
    pub by_scanner: BTreeMap<Scanner, u64>,
    /// Clusters with no scanner at all.
    pub unconfigured: Vec<String>,
}

/// Configurations after a batch change, and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reconfigured {
    /// Every cluster's configuration, after the change.
    pub configurations: ScanConfigurations,
    /// What changed, cluster by cluster.
    pub changes: Vec<ConfigurationChange>,
}

/// The scan configuration of every cluster.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct ScanConfigurations {
    clusters: BTreeMap<String, ScanConfiguration>,
}

impl ScanConfigurations {
    /// No cluster.
    pub fn new() -> Self {
        ScanConfigurations::default()
    }

    /// Sets one cluster's configuration (adding the cluster if new).
    pub fn set(&mut self, cluster: &str, configuration: ScanConfiguration) {
        self.clusters.insert(cluster.to_owned(), configuration);
    }

    /// One cluster's configuration.
    pub fn get(&self, cluster: &str) -> Option<&ScanConfiguration> {
        self.clusters.get(cluster)
    }

    /// Every cluster with its configuration, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ScanConfiguration)> {
        self.clusters
            .iter()
            .map(|(name, config)| (name.as_str(), config))
    }

    /// Applies `configuration` to every cluster in `clusters` at once and
    /// reports what changed on each (clusters already so configured report
    /// nothing). Nothing changes if a cluster is unknown.
    ///
    /// # Errors
    /// `unknown_cluster` when a named cluster is not in the configuration.
    pub fn batch_configure(
        &mut self,
        clusters: &[&str],
        configuration: &ScanConfiguration,
    ) -> Result<Vec<ConfigurationChange>, ScanningError> {
        if let Some(unknown) = clusters.iter().find(|c| !self.clusters.contains_key(**c)) {
            return Err(ScanningError::UnknownCluster {
                cluster: (*unknown).to_owned(),
            });
        }
        let mut changes = Vec::new();
        let selected: BTreeSet<&str> = clusters.iter().copied().collect();
        for cluster in selected {
            let Some(current) = self.clusters.get_mut(cluster) else {
                continue;
            };
            let enabled: Vec<Scanner> = configuration
                .scanners
                .difference(&current.scanners)
                .copied()
                .collect();
            let disabled: Vec<Scanner> = current
                .scanners
                .difference(&configuration.scanners)
                .copied()
                .collect();
            let retention = (current.retention_days != configuration.retention_days)
                .then_some((current.retention_days, configuration.retention_days));
            if !enabled.is_empty() || !disabled.is_empty() || retention.is_some() {
                changes.push(ConfigurationChange {
                    cluster: cluster.to_owned(),
                    enabled,
                    disabled,
                    retention,
                });
            }
            *current = configuration.clone();
        }
        Ok(changes)
    }

    /// [`batch_configure`](Self::batch_configure) on owned configurations:
    /// the configurations after it, and the changes, in one record.
    ///
    /// # Errors
    /// `unknown_cluster` when a named cluster is not in the configuration.
    pub fn reconfigured(
        mut self,
        clusters: &[&str],
        configuration: &ScanConfiguration,
    ) -> Result<Reconfigured, ScanningError> {
        let changes = self.batch_configure(clusters, configuration)?;
        Ok(Reconfigured {
            configurations: self,
            changes,
        })
    }

    /// The coverage summary.
    pub fn coverage(&self) -> Coverage {
        let mut by_scanner: BTreeMap<Scanner, u64> = Scanner::ALL.iter().map(|&s| (s, 0)).collect();
        for configuration in self.clusters.values() {
            for scanner in &configuration.scanners {
                if let Some(n) = by_scanner.get_mut(scanner) {
                    *n += 1;
                }
            }
        }
        Coverage {
            clusters: self.clusters.len() as u64,
            by_scanner,
            unconfigured: self
                .clusters
                .iter()
                .filter(|(_, c)| !c.is_enabled())
                .map(|(name, _)| name.clone())
                .collect(),
        }
    }
}
