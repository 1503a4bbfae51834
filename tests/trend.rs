//! The trend vectors (`tests/vectors/trend.json`) and the trend's
//! invariants.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use chrono::{DateTime, Duration, Utc};
use kubesight::finding::FindingIndex;
use kubesight::finding::{Occurrence, RunningImage};
use kubesight::funnel::{FunnelAccumulator, RuntimeValidation};
use kubesight::trend::{DayState, Snapshot, Trend, TrendIndex, TrendOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

/// The options of a case: days, zone (by name, so that an unknown zone
/// gives its error code) and carry-forward.
fn options(case: &Value) -> Result<TrendOptions, String> {
    let o = &case["options"];
    let mut options = TrendOptions::default();
    if let Some(days) = o["days"].as_u64() {
        options = options.with_days(u32::try_from(days).unwrap());
    }
    if let Some(days) = o["carry_forward_days"].as_u64() {
        options = options.with_carry_forward(u32::try_from(days).unwrap());
    }
    if let Some(zone) = o["zone"].as_str() {
        options = options.in_zone(zone).map_err(|e| e.code().to_owned())?;
    }
    Ok(options)
}

fn trend_of(case: &Value) -> Result<Value, String> {
    let snapshots: Vec<Snapshot> =
        serde_json::from_value(case["snapshots"].clone()).map_err(|e| e.to_string())?;
    let now: DateTime<Utc> = case["now"].as_str().unwrap().parse().unwrap();
    let mut index = TrendIndex::new();
    for snapshot in &snapshots {
        index.add(snapshot);
    }
    let result = options(case).and_then(|o| index.trend(&o, now).map_err(|e| e.code().into()));
    match result {
        Ok(trend) => serde_json::to_value(&trend).map_err(|e| e.to_string()),
        Err(code) => Ok(json!({ "error": code })),
    }
}

#[test]
fn window_vectors() {
    support::check_section("trend.json", "windows", 30, trend_of);
}

#[test]
fn summary_vectors() {
    support::check_section("trend.json", "summary", 5, |case| {
        trend_of(case).map(|trend| trend["summary"].clone())
    });
}

#[test]
fn series_are_one_array_per_series_with_gaps_as_null() {
    let case = &support::vectors("trend.json")["windows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["name"]
                .as_str()
                .unwrap()
                .starts_with("a window with gaps")
        })
        .unwrap()
        .clone();
    let trend: Trend = serde_json::from_value(trend_of(case).unwrap()).unwrap();
    let series = serde_json::to_value(trend.series()).unwrap();
    assert_eq!(
        series["dates"],
        json!([
            "2026-11-22",
            "2026-11-23",
            "2026-11-24",
            "2026-11-25",
            "2026-11-26"
        ])
    );
    assert_eq!(series["running"], json!([2, null, 3, null, 4]));
    assert_eq!(series["unscanned"], json!([0, null, 0, null, 0]));
    assert_eq!(series["high"], json!([1, null, 1, null, 1]));
    assert_eq!(
        series["states"],
        json!(["complete", "missing", "complete", "missing", "complete"])
    );
}

const ZONES: [&str; 5] = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/Havana",
    "Asia/Kolkata",
];

fn digest(n: u8) -> String {
    format!("sha256:{n:064x}")
}

/// A generated snapshot: minutes after the base instant, complete or not,
/// partial or not, images `(id, scanned)` and findings `(image, id, alias,
/// severity)`.
type Generated = (
    u32,
    bool,
    bool,
    Vec<(u8, bool)>,
    Vec<(u8, u8, Option<u8>, u8)>,
);

fn snapshot(base: DateTime<Utc>, generated: &Generated) -> Snapshot {
    let (minutes, complete, partial, images, findings) = generated;
    let severities = ["critical", "high", "medium", "low", "unknown"];
    let vulnerability = |v: u8| {
        if v % 3 == 2 {
            format!("GHSA-{v:04}-aaaa-bbbb")
        } else {
            format!("CVE-2024-{v}")
        }
    };
    serde_json::from_value(json!({
        "taken_at": (base + Duration::minutes(i64::from(*minutes))).to_rfc3339(),
        "state": if *complete { "complete" } else { "in_progress" },
        "clusters": ["a"],
        "expected_clusters": if *partial { vec!["a", "b"] } else { vec!["a"] },
        "running": images.iter().map(|(id, scanned)| json!({
            "digests": [digest(*id)], "scanned": scanned
        })).collect::<Vec<_>>(),
        "occurrences": findings.iter().map(|(image, v, alias, severity)| json!({
            "image": [digest(*image)],
            "vulnerability": vulnerability(*v),
            "aliases": alias.iter().map(|a| vulnerability(*a)).collect::<Vec<_>>(),
            "severity": severities[usize::from(*severity) % 5],
        })).collect::<Vec<_>>(),
    }))
    .unwrap()
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        0u32..(40 * 24 * 60),
        prop::bool::weighted(0.8),
        prop::bool::weighted(0.2),
        prop::collection::vec((0u8..8, prop::bool::weighted(0.8)), 0..6),
        prop::collection::vec((0u8..10, 0u8..9, prop::option::of(0u8..9), 0u8..5), 0..12),
    )
}

/// The numbers the funnel gives for one snapshot, knowing every alias the
/// whole index saw.
fn funnel_counts(snapshot: &Snapshot, all: &[Snapshot]) -> Value {
    let running: Vec<RunningImage> = snapshot.running.clone();
    let mut index = FindingIndex::new(&running);
    for o in all.iter().flat_map(|s| &s.occurrences) {
        for alias in &o.aliases {
            index.add_alias(&o.vulnerability, alias);
        }
    }
    let occurrences: Vec<Occurrence> = snapshot.occurrences.clone();
    let (interned, _) = index.intern_all(&occurrences);
    let mut accumulator = FunnelAccumulator::for_index(&index);
    accumulator.add_all(&interned);
    let funnel = accumulator.finish(&index, RuntimeValidation::Unavailable);
    json!({
        "running": index.images(),
        "scanned": index.scanned_images(),
        "unscanned": index.images() - index.scanned_images(),
        "vulnerabilities": funnel.by_severity,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn buckets_are_contiguous_and_hold_every_snapshot_of_the_window_once(
        zone in 0usize..ZONES.len(),
        days in 1u32..40,
        carry in 0u32..3,
        now_minutes in 0u32..(40 * 24 * 60),
        generated in prop::collection::vec(generated(), 0..12),
    ) {
        let base: DateTime<Utc> = "2026-03-01T00:00:00Z".parse().unwrap();
        let now = base + Duration::minutes(i64::from(now_minutes));
        let snapshots: Vec<Snapshot> = generated.iter().map(|g| snapshot(base, g)).collect();
        let mut index = TrendIndex::new();
        for s in &snapshots {
            index.add(s);
        }
        let options = TrendOptions::default()
            .with_days(days)
            .with_carry_forward(carry)
            .in_zone(ZONES[zone])
            .unwrap();
        let trend = index.trend(&options, now).unwrap();

        prop_assert_eq!(trend.days.len(), days as usize);
        let last = trend.days.last().unwrap();
        prop_assert!(last.start <= now && now < last.end, "the last day holds now");
        for pair in trend.days.windows(2) {
            prop_assert_eq!(pair[0].date.succ_opt().unwrap(), pair[1].date);
            prop_assert_eq!(pair[0].end, pair[1].start);
        }
        let first_start = trend.days[0].start;
        let inside: Vec<&Snapshot> = snapshots
            .iter()
            .filter(|s| s.taken_at >= first_start && s.taken_at <= now)
            .collect();
        for s in &inside {
            let holding = trend
                .days
                .iter()
                .filter(|d| d.start <= s.taken_at && s.taken_at < d.end)
                .count();
            prop_assert_eq!(holding, 1);
        }
        let counted: u32 = trend.days.iter().map(|d| d.snapshots).sum();
        prop_assert_eq!(counted as usize, inside.len());
        let outside = trend.outside_window;
        prop_assert_eq!(
            (outside.before + outside.after_now) as usize,
            snapshots.len() - inside.len()
        );

        for day in &trend.days {
            match day.state {
                DayState::Complete | DayState::Partial => {
                    let counts = day.counts.unwrap();
                    prop_assert_eq!(counts.scanned + counts.unscanned, counts.running);
                    // The standing snapshot's numbers are the funnel's.
                    let standing = snapshots
                        .iter()
                        .filter(|s| Some(s.taken_at) == day.snapshot_taken_at)
                        .find(|s| {
                            serde_json::to_value(counts).unwrap() == funnel_counts(s, &snapshots)
                        });
                    prop_assert!(standing.is_some(), "{}: {:?}", day.date, counts);
                }
                DayState::Calculating => prop_assert!(day.counts.is_none()),
                DayState::Missing => prop_assert_eq!(day.counts.is_some(), day.carried_from.is_some()),
            }
        }
    }
}

#[test]
fn interned_snapshots_give_the_trend_full_snapshots_give() {
    use kubesight::trend::{ScanFinding, SnapshotHeader, SnapshotImage, SnapshotState};
    use kubesight::Severity;

    let case = support::vectors("trend.json")["windows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["name"]
                .as_str()
                .unwrap()
                .starts_with("unscanned images count")
        })
        .unwrap()
        .clone();
    let expected = trend_of(&case).unwrap();

    // The same snapshot, its scans interned by the caller: image 1 found a
    // critical CVE, image 3 a low one, image 2 was not scanned.
    let mut index = TrendIndex::new();
    let one = index.intern_scan([ScanFinding {
        vulnerability: "CVE-2024-1",
        severity: Severity::Critical,
    }]);
    let three = index.intern_scan([ScanFinding {
        vulnerability: "CVE-2024-4",
        severity: Severity::Low,
    }]);
    let digests: Vec<String> = (1..=3).map(digest).collect();
    let header = SnapshotHeader {
        taken_at: "2026-11-25T02:00:00Z".parse().unwrap(),
        state: SnapshotState::Complete,
        missing_clusters: Vec::new(),
    };
    fn image(digest: &str, scan: Option<kubesight::trend::ScanId>) -> SnapshotImage<'_> {
        SnapshotImage {
            digest,
            other_digests: &[],
            scan,
        }
    }
    index
        .add_interned(
            header,
            [
                image(&digests[0], Some(one)),
                image(&digests[1], None),
                image(&digests[2], Some(three)),
            ],
        )
        .unwrap();
    let now = "2026-11-26T10:00:00Z".parse().unwrap();
    let trend = index.trend(&options(&case).unwrap(), now).unwrap();
    let actual = serde_json::to_value(&trend).unwrap();
    assert_eq!(actual["days"][0]["counts"], expected["days"][0]["counts"]);
    assert_eq!(actual["days"][0]["state"], "complete");

    // A scan is its findings: the same findings in another order are the
    // same scan.
    let again = index.intern_scan([ScanFinding {
        vulnerability: "cve-2024-1",
        severity: Severity::Critical,
    }]);
    assert_eq!(again, one);
    assert_eq!(index.scans(), 2);
}

#[test]
fn a_scan_from_another_index_is_an_error() {
    use kubesight::trend::{ScanFinding, SnapshotHeader, SnapshotImage, SnapshotState};

    let mut other = TrendIndex::new();
    other.intern_scan([]);
    let foreign = other.intern_scan([ScanFinding {
        vulnerability: "CVE-2024-1",
        severity: kubesight::Severity::High,
    }]);
    let mut index = TrendIndex::new();
    let error = index
        .add_interned(
            SnapshotHeader {
                taken_at: "2026-11-25T02:00:00Z".parse().unwrap(),
                state: SnapshotState::Complete,
                missing_clusters: Vec::new(),
            },
            [SnapshotImage {
                digest: &digest(1),
                other_digests: &[],
                scan: Some(foreign),
            }],
        )
        .unwrap_err();
    assert_eq!(error.code(), "unknown_scan");
    assert_eq!(index.snapshots(), 0, "nothing was added");
}
