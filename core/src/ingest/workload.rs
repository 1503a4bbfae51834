//! The workload that owns a pod's controller, from Kubernetes' naming
//! conventions: a Deployment names its ReplicaSets `<deployment>-<hash>`,
//! a CronJob names its Jobs `<cronjob>-<minutes since the epoch>`.

/// The workload that owns a controller, as one record.
///
/// ```
/// use kubesight::ingest::OwningWorkload;
/// let owner = OwningWorkload::of("ReplicaSet", "web-7d4b9c8f6d");
/// assert_eq!((owner.kind.as_str(), owner.name.as_str()), ("Deployment", "web"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OwningWorkload {
    /// Its kind (`Deployment`, `CronJob`, or the controller's own).
    pub kind: String,
    /// Its name.
    pub name: String,
}

impl OwningWorkload {
    /// The workload that owns the controller `kind`/`name`.
    pub fn of(kind: &str, name: &str) -> Self {
        let (kind, name) = owning_workload(kind, name);
        OwningWorkload {
            kind: kind.to_owned(),
            name,
        }
    }
}

/// The owning workload's kind and name for a controller `kind`/`name`.
///
/// ```
/// use kubesight::ingest::owning_workload;
/// assert_eq!(owning_workload("ReplicaSet", "web-7d4b9c8f6d"), ("Deployment", "web".to_owned()));
/// assert_eq!(owning_workload("Job", "backup-28950120"), ("CronJob", "backup".to_owned()));
/// assert_eq!(owning_workload("ReplicaSet", "standalone"), ("ReplicaSet", "standalone".to_owned()));
/// assert_eq!(owning_workload("StatefulSet", "db"), ("StatefulSet", "db".to_owned()));
/// ```
pub fn owning_workload<'a>(kind: &'a str, name: &str) -> (&'a str, String) {
    let suffix = |name: &str| {
        name.rsplit_once('-')
            .map(|(base, s)| (base.to_owned(), s.to_owned()))
    };
    match (kind, suffix(name)) {
        // pod-template-hash: 1 to 10 characters of Kubernetes' safe
        // alphabet (no vowels, no 0, 1, 3), usually 8 to 10.
        ("ReplicaSet", Some((base, hash)))
            if !base.is_empty()
                && (1..=10).contains(&hash.len())
                && hash
                    .bytes()
                    .all(|b| b"bcdfghjklmnpqrstvwxz2456789".contains(&b)) =>
        {
            ("Deployment", base)
        }
        ("Job", Some((base, minutes)))
            if !base.is_empty()
                && (8..=10).contains(&minutes.len())
                && minutes.bytes().all(|b| b.is_ascii_digit()) =>
        {
            ("CronJob", base)
        }
        _ => (kind, name.to_owned()),
    }
}
