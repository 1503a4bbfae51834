"""kubesight: turns what a Kubernetes runtime sees into explained security
decisions.

Image references and tag mutability:

>>> import kubesight
>>> ref = kubesight.ImageRef.parse("nginx:1.25")
>>> str(ref), ref.familiar()
('docker.io/library/nginx:1.25', 'nginx:1.25')
>>> kubesight.TagPolicy().classify("stable-alpine").rule
'keyword_variant'

Every bad input raises one exception, carrying the core's stable code:

>>> try:
...     kubesight.ImageRef.parse("Nginx")
... except kubesight.KubesightError as e:
...     print(e.code)
repository_name_uppercase
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional, cast

from . import ingest
from ._convert import ArrowStream, Instant, Rows, instant
from ._enums import (
    Applicability,
    ChangeCause,
    ControllerState,
    DayState,
    FixState,
    InstallationStatus,
    IntegrityStatus,
    Mutability,
    RuntimeEvidence,
    ScanStatus,
    Scanner,
    SensorState,
    Severity,
    Stage,
    StopReason,
    TagRule,
    VexStatus,
    ViolationKind,
)
from ._native import (
    ImageId,
    ImageRef,
    InternalError,
    KubesightError,
    TagClass,
    TagPolicy,
    __version__,
    parse_digest,
)
from ._native import (
    IntegrityPolicy as _NativeIntegrityPolicy,
)
from . import _native, types
from ._partials import funnel_partial, merge_funnel_partials, read_funnel_partial
from ._record import Record
from ._table import (
    ArrowTable,
    Enrichment,
    ImagesView,
    VulnerabilityTable,
    explain_change,
    images_view,
    vulnerability_table,
)

__all__ = [
    "Applicability",
    "ArrowTable",
    "ChangeCause",
    "ControllerState",
    "DayState",
    "Enrichment",
    "FixState",
    "ImageId",
    "ImageRef",
    "ImagesView",
    "InstallationStatus",
    "IntegrityPolicy",
    "IntegrityStatus",
    "InternalError",
    "KubesightError",
    "Mutability",
    "Record",
    "RuntimeEvidence",
    "ScanStatus",
    "Scanner",
    "SensorState",
    "Severity",
    "Stage",
    "StopReason",
    "TagClass",
    "TagPolicy",
    "TagRule",
    "VexStatus",
    "ViolationKind",
    "VulnerabilityTable",
    "__version__",
    "batch_configure",
    "cluster_health",
    "coverage",
    "distinct_vulnerabilities",
    "explain_change",
    "ArrowStream",
    "Rows",
    "funnel",
    "funnel_partial",
    "highlights",
    "images_view",
    "ingest",
    "installation",
    "merge_funnel_partials",
    "parse_digest",
    "read_funnel_partial",
    "readiness",
    "scan_plan",
    "scan_report",
    "severity_from_vocabulary",
    "trend",
    "trend_of_columns",
    "trend_table",
    "vulnerability_table",
]


def distinct_vulnerabilities(findings: Iterable[Mapping[str, Any]]) -> int:
    """How many distinct vulnerabilities the findings name: ids that are
    aliases of each other count once, two CVE ids never merge.

    >>> distinct_vulnerabilities([
    ...     {"image": [], "vulnerability": "CVE-2024-1", "aliases": ["GHSA-aaaa-bbbb-cccc"]},
    ...     {"image": [], "vulnerability": "GHSA-aaaa-bbbb-cccc"},
    ...     {"image": [], "vulnerability": "cve-2024-2"}])
    2
    """
    count: int = _native.distinct_vulnerabilities(findings)
    return count


def severity_from_vocabulary(word: str) -> Optional[Severity]:
    """A scanner's severity word as a severity, or ``None`` outside the
    vocabulary.

    >>> severity_from_vocabulary("Negligible")
    <Severity.LOW: 'low'>
    >>> severity_from_vocabulary("catastrophic") is None
    True
    """
    code = _native.severity_from_vocabulary(word)
    return None if code is None else Severity(code)


class IntegrityPolicy:
    """Decides the integrity status of running containers.

    ``trusted_registries`` are registry patterns (``registry.acme.io``,
    ``*.jfrog.io``, ``ghcr.io/acme/``); an empty list trusts nothing.

    >>> from datetime import datetime, timezone
    >>> digest = "sha256:" + "ab" * 32
    >>> policy = IntegrityPolicy(["registry.acme.io"])
    >>> a = policy.assess({
    ...     "image": "registry.acme.io/shop/api:1.4.2",
    ...     "image_id": "registry.acme.io/shop/api@" + digest,
    ...     "registry": {"answer": "found", "digest": "sha256:" + "cd" * 32},
    ...     "cluster": "prod", "namespace": "shop",
    ...     "workload": {"kind": "deployment", "name": "api"}, "node": "n1",
    ... }, observed_at=datetime(2024, 5, 1, tzinfo=timezone.utc))
    >>> a.status, a.violation.kind, a.violation.severity
    ('invalid_image_integrity', 'digest_mismatch', 'critical')
    """

    __slots__ = ("_native",)

    def __init__(
        self, trusted_registries: Iterable[str], *, tag_policy: Optional[TagPolicy] = None
    ) -> None:
        self._native = _NativeIntegrityPolicy(list(trusted_registries), tag_policy=tag_policy)

    @property
    def trusted_registries(self) -> list[str]:
        """The trusted registry patterns."""
        return self._native.trusted_registries

    def assess(self, facts: Mapping[str, Any], *, observed_at: Instant) -> types.IntegrityAssessment:
        """Assesses one container (the serde form of ``IntegrityFacts``)."""
        at = instant(observed_at, "observed_at")
        return cast(types.IntegrityAssessment, Record(self._native.assess(facts, at), "IntegrityAssessment"))

    def assess_many(
        self, facts: Iterable[Mapping[str, Any]], *, observed_at: Instant
    ) -> list[types.IntegrityAssessment]:
        """Assesses many containers in one call (the GIL is released)."""
        at = instant(observed_at, "observed_at")
        return [cast(types.IntegrityAssessment, Record(a, "IntegrityAssessment")) for a in self._native.assess_many(facts, at)]

    def __repr__(self) -> str:
        return f"IntegrityPolicy({self.trusted_registries!r})"


def funnel(
    running_images: Rows,
    findings: Rows,
    *,
    runtime_validation: bool,
    columns: Optional[Mapping[str, str]] = None,
    running_columns: Optional[Mapping[str, str]] = None,
) -> types.FunnelResult:
    """The prioritization funnel: ``.funnel`` and ``.skipped``.

    ``running_images`` and ``findings`` are records (dicts), or columns: any
    object exporting an Arrow stream (pyarrow, polars, pandas, DuckDB) or
    the path of a Parquet file or folder, read in Rust without the GIL.
    ``columns`` and ``running_columns`` map the schema's fields to the
    data's column names (see ``docs/columnar.md``).

    >>> digest = "sha256:" + "ab" * 32
    >>> r = funnel([{"digests": [digest], "scanned": True}],
    ...            [{"image": [digest], "vulnerability": "CVE-2024-1", "severity": "high"}],
    ...            runtime_validation=False)
    >>> r.funnel.critical_high.vulnerabilities, r.funnel.validated_in_runtime
    (1, None)
    """
    return cast(types.FunnelResult, Record(
        _native.funnel(
            running_images, findings, runtime_validation=runtime_validation,
            columns=columns, running_columns=running_columns,
        ), "FunnelResult",
    ))


def highlights(
    running_images: Rows,
    findings: Rows,
    violations: Iterable[Mapping[str, Any]] = (),
    *,
    columns: Optional[Mapping[str, str]] = None,
    running_columns: Optional[Mapping[str, str]] = None,
) -> types.Highlights:
    """The live-assessment highlights: malicious packages, Critical &
    Applicable vulnerabilities and integrity violations, with their images.

    >>> digest = "sha256:" + "ab" * 32
    >>> h = highlights([{"digests": [digest], "scanned": True}],
    ...                [{"image": [digest], "vulnerability": "MAL-2024-1", "malicious": True,
    ...                  "package": {"name": "evil", "version": "1.0", "ecosystem": "npm"}}])
    >>> h.malicious_packages.packages, h.malicious_packages.images
    (1, 1)
    """
    return cast(types.Highlights, Record(_native.highlights(
        running_images, findings, violations, columns=columns, running_columns=running_columns,
    ), "Highlights"))


def installation(
    clusters: Iterable[Mapping[str, Any]], *, disable_label: Optional[Mapping[str, str]] = None
) -> types.Installation:
    """The installation status of a cluster inventory.

    >>> installation([{"name": "prod", "controller": "running",
    ...                "nodes": [{"name": "n1", "sensor": "running"}]}]).status
    'full'
    """
    return cast(types.Installation, Record(_native.installation(clusters, disable_label=disable_label), "Installation"))


def cluster_health(
    cluster: Mapping[str, Any], *, disable_label: Optional[Mapping[str, str]] = None
) -> types.ClusterHealth:
    """One cluster's controller and sensor health, with a verdict.

    >>> h = cluster_health({"name": "prod", "controller": "running", "nodes": [
    ...     {"name": "n1", "sensor": "running"},
    ...     {"name": "n2", "sensor": "failed"},
    ...     {"name": "n3", "sensor": "not_installed", "labels": {"disable_jfrog_runtime": "true"}}]})
    >>> h.monitored_correctly, [n.sensor for n in h.nodes]
    (False, ['running', 'failed', 'disabled'])
    """
    return cast(types.ClusterHealth, Record(_native.cluster_health(cluster, disable_label=disable_label), "ClusterHealth"))


def scan_report(running_images: Iterable[Mapping[str, Any]]) -> types.ScanReport:
    """The scan status of running images.

    >>> scan_report([]).status
    'no_running_images'
    """
    return cast(types.ScanReport, Record(_native.scan_report(running_images), "ScanReport"))


def batch_configure(
    configurations: Mapping[str, Any], clusters: Iterable[str], configuration: Mapping[str, Any]
) -> types.Reconfigured:
    """Applies one scan configuration to many clusters: ``.configurations``
    and ``.changes``; an unknown cluster raises and changes nothing.

    >>> done = batch_configure({"prod": {"scanners": ["sca"]}, "dev": {"scanners": []}},
    ...                        ["prod", "dev"], {"scanners": ["sca", "contextual_analysis"]})
    >>> sorted((c.cluster, c.enabled) for c in done.changes)
    [('dev', ('sca', 'contextual_analysis')), ('prod', ('contextual_analysis',))]
    >>> batch_configure({"prod": {"scanners": []}}, ["nope"], {"scanners": []})
    Traceback (most recent call last):
    ...
    kubesight.KubesightError: cluster `nope` is not in the configuration
    """
    return cast(types.Reconfigured, Record(
        _native.batch_configure(configurations, list(clusters), configuration), "Reconfigured",
    ))


def coverage(configurations: Mapping[str, Any]) -> types.Coverage:
    """How many clusters have each scanner.

    >>> coverage({"prod": {"scanners": ["sca", "secrets"]}, "dev": {"scanners": ["sca"]}}).clusters
    2
    """
    return cast(types.Coverage, Record(_native.coverage(configurations), "Coverage"))


def readiness(installation: Mapping[str, Any], configurations: Mapping[str, Any]) -> types.Readiness:
    """The dashboard's unmet prerequisites, each with its action.

    >>> status = installation([])
    >>> r = readiness(status, {})
    >>> r.ready, r.unmet[0].prerequisite
    (False, 'connected_cluster')
    """
    return cast(types.Readiness, Record(_native.readiness(installation, configurations), "Readiness"))


def scan_plan(images: Iterable[Mapping[str, Any]], configurations: Mapping[str, Any]) -> types.ScanPlan:
    """The running images that must be indexed and scanned, and why.

    >>> plan = scan_plan([{"image": "registry.acme.io/api:1.0", "clusters": ["prod"]},
    ...                   {"image": "registry.acme.io/web:2.0", "clusters": ["prod"],
    ...                    "scanned_with": ["sca"]}],
    ...                  {"prod": {"scanners": ["sca", "contextual_analysis"]}})
    >>> [(s.image, s.scanners, s.reason) for s in plan.scans]
    [('registry.acme.io/api:1.0', ('sca', 'contextual_analysis'), 'no_security_data'), ('registry.acme.io/web:2.0', ('contextual_analysis',), 'missing_scanners')]
    """
    return cast(types.ScanPlan, Record(_native.scan_plan(images, configurations), "ScanPlan"))


def trend(
    snapshots: Iterable[Mapping[str, Any]],
    *,
    now: Instant,
    days: Optional[int] = None,
    zone: Optional[str] = None,
    carry_forward_days: Optional[int] = None,
    flat_within_percent: Optional[int] = None,
) -> types.TrendResult:
    """The running-images trend: ``.trend`` (a bucket per day and the
    summary) and ``.series`` (one list per series, ready to plot). The
    window of ``days`` days (30 by default) ends on the day that contains
    ``now``, in the IANA ``zone`` (UTC by default); a complete day may fill
    ``carry_forward_days`` missing days after it (0 by default), and a
    series whose change is within ``flat_within_percent`` percent of its
    mean is flat (5 by default).

    >>> from datetime import datetime, timezone
    >>> digest = "sha256:" + "ab" * 32
    >>> t = trend([{"taken_at": "2026-11-24T02:00:00Z",
    ...             "running": [{"digests": [digest], "scanned": True}]}],
    ...           now=datetime(2026, 11, 26, 9, tzinfo=timezone.utc), days=3)
    >>> t.series.states
    ('complete', 'missing', 'calculating')
    >>> t.series.running
    (1, None, None)
    """
    return cast(types.TrendResult, Record(
        _native.trend(
            snapshots,
            now=instant(now, "now"),
            days=days,
            zone=zone,
            carry_forward_days=carry_forward_days,
            flat_within_percent=flat_within_percent,
        ), "TrendResult",
    ))


def trend_table(
    snapshots: Iterable[Mapping[str, Any]],
    *,
    now: Instant,
    days: Optional[int] = None,
    zone: Optional[str] = None,
    carry_forward_days: Optional[int] = None,
    flat_within_percent: Optional[int] = None,
) -> ArrowTable:
    """The series of :func:`trend` (same keywords) as an Arrow table, a row
    per day, oldest first: ``date``, ``state``, ``carried`` and the counts,
    null on a day without numbers.

    >>> from datetime import datetime, timezone
    >>> digest = "sha256:" + "ab" * 32
    >>> t = trend_table([{"taken_at": "2026-11-24T02:00:00Z",
    ...                   "running": [{"digests": [digest], "scanned": True}]}],
    ...                 now=datetime(2026, 11, 26, 9, tzinfo=timezone.utc), days=3)
    >>> t.num_rows, t.column_names[:4]
    (3, ['date', 'state', 'carried', 'running'])
    """
    return cast(ArrowTable, _native.trend(
        snapshots,
        now=instant(now, "now"),
        days=days,
        zone=zone,
        carry_forward_days=carry_forward_days,
        flat_within_percent=flat_within_percent,
        arrow=True,
    ))


def trend_of_columns(
    running_images: Rows,
    findings: Rows,
    *,
    now: Instant,
    snapshots: Optional[Iterable[Mapping[str, Any]]] = None,
    taken_at: str = "taken_at",
    columns: Optional[Mapping[str, str]] = None,
    running_columns: Optional[Mapping[str, str]] = None,
    days: Optional[int] = None,
    zone: Optional[str] = None,
    carry_forward_days: Optional[int] = None,
    flat_within_percent: Optional[int] = None,
) -> types.TrendResult:
    """:func:`trend` over snapshots given as columns: the running images and
    the findings of every snapshot in one table each (an Arrow stream or a
    Parquet path), each row with the instant its snapshot was taken in the
    column ``taken_at`` (a timestamp, or RFC 3339 text). Each instant is a
    snapshot; ``snapshots`` gives their state and clusters (records with a
    ``taken_at`` and no running images); an instant without one is a
    complete snapshot.
    """
    return cast(types.TrendResult, Record(
        _native.trend_of_columns(
            running_images, findings, now=instant(now, "now"),
            snapshots=snapshots,
            taken_at=taken_at, columns=columns, running_columns=running_columns, days=days,
            zone=zone, carry_forward_days=carry_forward_days,
            flat_within_percent=flat_within_percent,
        ), "TrendResult",
    ))
