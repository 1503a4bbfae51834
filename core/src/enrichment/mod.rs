//! Prioritization signals from outside the scan: FIRST's EPSS scores (the
//! probability of exploitation in the next 30 days) and CISA's Known
//! Exploited Vulnerabilities catalog. Read them with
//! [`ingest::epss`](crate::ingest::epss), [`ingest::kev`](crate::ingest::kev)
//! or from a Grype report ([`Ingested::enrichment`](crate::ingest::Ingested)),
//! merge them, and give them to the vulnerability table.
//!
//! Enrichment is optional: an id it does not list has no score, never a
//! score of zero.
//!
//! ```
//! use kubesight::enrichment::Enrichment;
//! let csv = "#model_version:v2025.03.14,score_date:2025-03-17T00:00:00+0000\n\
//!            cve,epss,percentile\nCVE-2021-44228,0.94358,0.99957\n";
//! let mut enrichment = kubesight::ingest::epss(csv)?.enrichment;
//! let kev = r#"{"catalogVersion": "2025.03.17", "dateReleased": "2025-03-17T14:00:00.000Z",
//!   "count": 1, "vulnerabilities": [{"cveID": "CVE-2021-44228", "dateAdded": "2021-12-10",
//!   "dueDate": "2021-12-24", "knownRansomwareCampaignUse": "Known"}]}"#;
//! enrichment.merge(kubesight::ingest::kev(kev)?.enrichment);
//! assert_eq!(enrichment.epss_of("cve-2021-44228").map(|e| e.score), Some(0.94358));
//! assert_eq!(enrichment.kev_of("CVE-2021-44228").and_then(|k| k.known_ransomware_use), Some(true));
//! assert!(enrichment.epss_of("CVE-2000-1").is_none(), "absent, not zero");
//! # Ok::<(), kubesight::ingest::IngestError>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::canonical_id;

/// One EPSS score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Epss {
    /// The probability of exploitation activity in the next 30 days, 0 to 1.
    pub score: f64,
    /// The score's percentile among all scored CVEs, 0 to 1, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentile: Option<f64>,
    /// The day the score is of (`2025-03-17`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<chrono::NaiveDate>,
}

/// One entry of the Known Exploited Vulnerabilities catalog.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KevEntry {
    /// The day CISA added it (`2021-12-10`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_added: Option<String>,
    /// The day federal agencies must have acted by, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// Whether it is known to be used in ransomware campaigns (`Known` is
    /// true, `Unknown` false); absent in catalogs before October 2023.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_ransomware_use: Option<bool>,
    /// The vendor or project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_project: Option<String>,
    /// The product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// The vulnerability's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerability_name: Option<String>,
    /// What to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_action: Option<String>,
    /// The catalog's notes (links, mostly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The CWE ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cwes: Vec<String>,
}

impl KevEntry {
    /// Fills the fields this entry lacks from `other`.
    fn fill(&mut self, other: KevEntry) {
        let fill = |a: &mut Option<String>, b: Option<String>| {
            if a.is_none() {
                *a = b;
            }
        };
        fill(&mut self.date_added, other.date_added);
        fill(&mut self.due_date, other.due_date);
        fill(&mut self.vendor_project, other.vendor_project);
        fill(&mut self.product, other.product);
        fill(&mut self.vulnerability_name, other.vulnerability_name);
        fill(&mut self.required_action, other.required_action);
        fill(&mut self.notes, other.notes);
        if self.known_ransomware_use.is_none() {
            self.known_ransomware_use = other.known_ransomware_use;
        }
        if self.cwes.is_empty() {
            self.cwes = other.cwes;
        }
    }
}

/// EPSS scores and KEV entries by CVE id (canonical, upper case), with the
/// versions of the documents they came from. (Its schema is named
/// `EnrichmentData`: the bindings' `Enrichment` is the object holding it.)
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "EnrichmentData"))]
pub struct Enrichment {
    /// EPSS scores by CVE id.
    #[serde(default)]
    pub epss: BTreeMap<String, Epss>,
    /// KEV entries by CVE id.
    #[serde(default)]
    pub kev: BTreeMap<String, KevEntry>,
    /// The EPSS model version (`v2025.03.14`), when the file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epss_model_version: Option<String>,
    /// The day the EPSS scores are of, when the file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epss_score_date: Option<String>,
    /// The KEV catalog's version (`2025.03.17`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kev_catalog_version: Option<String>,
    /// When the KEV catalog was released, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kev_date_released: Option<String>,
}

impl Enrichment {
    /// Whether it holds no score and no entry.
    pub fn is_empty(&self) -> bool {
        self.epss.is_empty() && self.kev.is_empty()
    }

    /// The EPSS score of `id` (any case), if scored.
    pub fn epss_of(&self, id: &str) -> Option<&Epss> {
        self.epss.get(canonical_id(id).as_ref())
    }

    /// The KEV entry of `id` (any case), if listed.
    pub fn kev_of(&self, id: &str) -> Option<&KevEntry> {
        self.kev.get(canonical_id(id).as_ref())
    }

    /// Adds `other`'s scores and entries. For an id scored in both, the
    /// score of the later day wins (a dated score over an undated one; on the
    /// same day or neither dated, the one already here stays). For an id
    /// listed in both catalogs, the entry here stays and takes the fields it
    /// lacks from `other`'s. Document versions already here stay.
    pub fn merge(&mut self, other: Enrichment) {
        for (id, score) in other.epss {
            match self.epss.get_mut(&id) {
                Some(here) => {
                    if score.date.is_some() && score.date > here.date {
                        *here = score;
                    }
                }
                None => {
                    self.epss.insert(id, score);
                }
            }
        }
        for (id, entry) in other.kev {
            match self.kev.get_mut(&id) {
                Some(here) => here.fill(entry),
                None => {
                    self.kev.insert(id, entry);
                }
            }
        }
        let keep = |a: &mut Option<String>, b: Option<String>| {
            if a.is_none() {
                *a = b;
            }
        };
        keep(&mut self.epss_model_version, other.epss_model_version);
        keep(&mut self.epss_score_date, other.epss_score_date);
        keep(&mut self.kev_catalog_version, other.kev_catalog_version);
        keep(&mut self.kev_date_released, other.kev_date_released);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(score: f64, date: Option<&str>) -> Epss {
        Epss {
            score,
            percentile: None,
            date: date.and_then(|d| d.parse().ok()),
        }
    }

    #[test]
    fn the_later_score_wins_and_kev_fields_fill_in() {
        let mut a = Enrichment::default();
        a.epss
            .insert("CVE-1".into(), score(0.1, Some("2025-01-01")));
        a.epss.insert("CVE-2".into(), score(0.2, None));
        a.kev.insert(
            "CVE-1".into(),
            KevEntry {
                date_added: Some("2024-01-01".into()),
                ..KevEntry::default()
            },
        );
        let mut b = Enrichment::default();
        b.epss
            .insert("CVE-1".into(), score(0.5, Some("2025-02-01")));
        b.epss.insert("CVE-2".into(), score(0.9, None));
        b.kev.insert(
            "CVE-1".into(),
            KevEntry {
                date_added: Some("1999-01-01".into()),
                known_ransomware_use: Some(true),
                ..KevEntry::default()
            },
        );
        a.merge(b);
        assert_eq!(a.epss_of("CVE-1").map(|e| e.score), Some(0.5));
        assert_eq!(a.epss_of("CVE-2").map(|e| e.score), Some(0.2));
        let kev = a.kev_of("cve-1").unwrap();
        assert_eq!(kev.date_added.as_deref(), Some("2024-01-01"));
        assert_eq!(kev.known_ransomware_use, Some(true));
    }
}
