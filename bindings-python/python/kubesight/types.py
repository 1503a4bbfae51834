"""The shapes of kubesight's results, generated from the core's types by
``cargo run -p kubesight-schema``: do not edit.

Each result is a :class:`~kubesight.Record`; these protocols say which
fields it holds, for type checkers and editors. A list reads as a tuple, an
object as a record; a field marked ``Optional`` may be absent (read it with
``record.get(name)``) or ``None``.
"""

from __future__ import annotations

from typing import Any, Literal, Mapping, Optional, Protocol, Union


class Result(Protocol):
    """What every result record has besides its fields."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible form, a fresh copy."""
        ...

    def get(self, key: str, default: Any = None) -> Any:
        """A field by name, ``default`` when the record leaves it out."""
        ...

    def __getitem__(self, key: str) -> Any: ...


Action = Literal["treat_as_security_incident", "trace_source", "isolate_workload", "force_redeployment", "check_retention_policies", "check_for_sideloading", "restore_from_trash", "terminate_workload", "check_pipeline_push", "restart_workload", "pin_immutable_references"]
"""A remediation action."""


Applicability = Literal["applicable", "not_applicable", "undetermined", "not_covered", "not_scanned", "rescan_required", "upgrade_required"]
"""Whether contextual analysis confirmed that a vulnerability can be
exploited where the package is used.
"""


class Artifact(Result, Protocol):
    """The artifact a registry holds for a reference."""
    @property
    def config_digest(self) -> Optional[Digest]:
        """The digest of the image configuration, comparable with a node-local
        image id.
        """
        ...
    @property
    def digest(self) -> Digest:
        """The digest the tag resolves to now: the expected digest."""
        ...
    @property
    def platform_digests(self) -> Optional[tuple[Digest, ...]]:
        """Other digests that name the same artifact: the platform manifests of a
        multi-platform index, which is what a runtime reports after pulling
        the index.
        """
        ...
    @property
    def tag_updated_at(self) -> Optional[str]:
        """When the tag was last pushed, if the registry reports it."""
        ...
    @property
    def url(self) -> Optional[str]:
        """A link to view the artifact in the registry."""
        ...


class CauseCount(Result, Protocol):
    """How many vulnerabilities one cause moved, with examples."""
    @property
    def cause(self) -> ChangeCause:
        """The cause."""
        ...
    @property
    def count(self) -> int:
        """Distinct vulnerabilities."""
        ...
    @property
    def examples(self) -> tuple[str, ...]:
        """Up to five of their ids, in id order."""
        ...
    @property
    def images(self) -> tuple[str, ...]:
        """Up to five images behind them, in digest order."""
        ...


ChangeCause = Literal["new_images_without_scanning", "new_vulnerability_disclosure", "cluster_configuration_change", "images_replaced", "images_stopped", "package_upgraded", "suppressed_by_vex", "no_longer_reported"]
"""Why a vulnerability entered or left a funnel stage. The first three are
the documentation's causes of a sudden increase; the others explain what
left, which the documentation does not name.
"""


class ChangeExplained(Result, Protocol):
    """The change between two states, explained."""
    @property
    def change(self) -> FunnelChange:
        """The funnel's change, with its threshold's sudden-increase flags and
        the causes found.
        """
        ...
    @property
    def new_images(self) -> int:
        """Images running after that did not run before."""
        ...
    @property
    def new_unscanned_images(self) -> int:
        """Of those, how many are unscanned."""
        ...
    @property
    def stages(self) -> tuple[StageMovements, ...]:
        """Per stage shown in both states, what entered and left."""
        ...
    @property
    def stopped_images(self) -> int:
        """Images that ran before and no longer run."""
        ...


ChangedFact = Literal["contextual_analysis", "sensors", "scan_coverage", "severity", "fix", "scanners"]
"""A fact that moved a vulnerability between stages on the same images."""


class Cluster(Result, Protocol):
    """A cluster as the runtime platform lists it. Only `name`, `controller`
    and `nodes` decide anything; the other fields are kept as the platform
    gave them, for display.
    """
    @property
    def controller(self) -> ControllerState:
        """The state of its runtime controller."""
        ...
    @property
    def controller_last_updated(self) -> Optional[str]:
        """When the controller last reported."""
        ...
    @property
    def controller_version(self) -> Optional[str]:
        """The controller's version."""
        ...
    @property
    def id(self) -> Optional[str]:
        """The platform's identifier of the cluster."""
        ...
    @property
    def monitored_at(self) -> Optional[str]:
        """When monitoring of the cluster started."""
        ...
    @property
    def name(self) -> str:
        """The cluster's name."""
        ...
    @property
    def node_counts(self) -> Optional[NodeCounts]:
        """The node counts the platform gives, which a cluster list gives
        without the nodes themselves.
        """
        ...
    @property
    def nodes(self) -> tuple[Node, ...]:
        """Its nodes, with their sensors."""
        ...
    @property
    def provider(self) -> Optional[str]:
        """Where it is hosted (`aws`, `kubernetes`, ...)."""
        ...
    @property
    def regions(self) -> Optional[tuple[str, ...]]:
        """The regions it is deployed in."""
        ...


class ClusterHealth(Result, Protocol):
    """The health of one cluster."""
    @property
    def cluster(self) -> str:
        """The cluster."""
        ...
    @property
    def controller(self) -> ControllerState:
        """Its controller's state."""
        ...
    @property
    def mode(self) -> ClusterMode:
        """How it is deployed."""
        ...
    @property
    def monitored_correctly(self) -> bool:
        """Whether the cluster is monitored correctly."""
        ...
    @property
    def nodes(self) -> Optional[tuple[NodeHealth, ...]]:
        """Per node, the sensor's state; `None` in controller-only mode, where
        node-level sensor details are not available.
        """
        ...
    @property
    def problems(self) -> tuple[HealthProblem, ...]:
        """Why not, when it is not."""
        ...


ClusterMode = Literal["not_installed", "controller_only", "controller_and_sensors"]
"""How a cluster is deployed."""


Column = Literal["priority", "id", "severity", "stage", "epss", "kev", "images", "workloads", "clusters", "loaded_images", "packages"]
"""A column to sort by."""


Condition = Literal["deleted_in_error", "unauthorized"]
"""The situation in which a conditional step applies."""


class ConfigurationChange(Result, Protocol):
    """What a batch configuration changed on one cluster."""
    @property
    def cluster(self) -> str:
        """The cluster."""
        ...
    @property
    def disabled(self) -> tuple[Scanner, ...]:
        """Scanners newly disabled."""
        ...
    @property
    def enabled(self) -> tuple[Scanner, ...]:
        """Scanners newly enabled."""
        ...
    @property
    def retention(self) -> Optional[tuple[Optional[int], Optional[int]]]:
        """The retention before and after, when it changed."""
        ...


ControllerState = Literal["running", "failed", "not_installed"]
"""The state of a cluster's runtime controller."""


class Coverage(Result, Protocol):
    """How many clusters have each scanner: the Clusters Configuration
    Security Coverage panel.
    """
    @property
    def by_scanner(self) -> Mapping[str, int]:
        """Per scanner, how many clusters have it enabled (every scanner listed)."""
        ...
    @property
    def clusters(self) -> int:
        """How many clusters there are."""
        ...
    @property
    def unconfigured(self) -> tuple[str, ...]:
        """Clusters with no scanner at all."""
        ...


class CriticalApplicable(Result, Protocol):
    """Critical vulnerabilities confirmed applicable, and the images holding
    them.
    """
    @property
    def images(self) -> int:
        """Distinct running images holding such an occurrence."""
        ...
    @property
    def vulnerabilities(self) -> int:
        """Distinct vulnerabilities (alias groups) with an occurrence that is
        both Critical and applicable.
        """
        ...


class CvssScore(Result, Protocol):
    """A CVSS score a scanner gave, with its source and vector when given."""
    @property
    def score(self) -> float:
        """The base score, 0 to 10."""
        ...
    @property
    def source(self) -> Optional[str]:
        """Who scored it (`nvd`, `ghsa`, a vendor), when the scanner says."""
        ...
    @property
    def vector(self) -> Optional[str]:
        """The vector string, when the scanner gives one."""
        ...
    @property
    def version(self) -> Optional[str]:
        """The CVSS version (`3.1`, `4.0`, ...), when the scanner says."""
        ...


class DayBucket(Result, Protocol):
    """One day of the window."""
    @property
    def carried_from(self) -> Optional[str]:
        """For a missing day filled by carry-forward, the day its numbers come
        from.
        """
        ...
    @property
    def counts(self) -> Optional[DayCounts]:
        """The numbers, when the day has them: complete and partial days, and
        carried days.
        """
        ...
    @property
    def date(self) -> str:
        """The calendar date, in the trend's zone."""
        ...
    @property
    def end(self) -> str:
        """The next day's first instant: the day is `[start, end)`, 23 or 25
        hours long across daylight-saving changes.
        """
        ...
    @property
    def missing_clusters(self) -> Optional[tuple[str, ...]]:
        """For a partial day, the clusters that did not report."""
        ...
    @property
    def skipped(self) -> Skipped:
        """Findings of the standing snapshot left out, and why."""
        ...
    @property
    def snapshot_taken_at(self) -> Optional[str]:
        """When the snapshot whose numbers stand was taken (for a carried day,
        the snapshot of the day carried from).
        """
        ...
    @property
    def snapshots(self) -> int:
        """How many snapshots fell on the day (all of them, standing or not)."""
        ...
    @property
    def start(self) -> str:
        """The day's first instant."""
        ...
    @property
    def state(self) -> DayState:
        """What the bucket can say."""
        ...


class DayCounts(Result, Protocol):
    """The numbers of one day."""
    @property
    def running(self) -> int:
        """Distinct running images."""
        ...
    @property
    def scanned(self) -> int:
        """Of those, scanned."""
        ...
    @property
    def unscanned(self) -> int:
        """Of those, not scanned: `scanned + unscanned = running`."""
        ...
    @property
    def vulnerabilities(self) -> SeverityCounts:
        """Distinct vulnerabilities (alias groups) on scanned running images,
        by the highest severity of each group, as the funnel counts them.
        """
        ...


DayState = Literal["complete", "calculating", "partial", "missing"]
"""What a day's bucket can say."""


class DayStates(Result, Protocol):
    """How many days of each state the window holds."""
    @property
    def calculating(self) -> int:
        """Calculating days."""
        ...
    @property
    def carried(self) -> int:
        """Missing days filled by carry-forward."""
        ...
    @property
    def complete(self) -> int:
        """Complete days."""
        ...
    @property
    def missing(self) -> int:
        """Missing days (carried or not)."""
        ...
    @property
    def partial(self) -> int:
        """Partial days."""
        ...


DayZone = str
"""An IANA time zone name (`UTC`, `Europe/Berlin`)."""


class Deployment(Result, Protocol):
    """One place a running image runs: a container of a workload, with the
    reference its spec deployed it by.
    """
    @property
    def cluster(self) -> str:
        """The cluster."""
        ...
    @property
    def container(self) -> Optional[str]:
        """The container's name, when known."""
        ...
    @property
    def kind(self) -> str:
        """The workload's kind as Kubernetes names it (`Deployment`, ...)."""
        ...
    @property
    def namespace(self) -> str:
        """The namespace."""
        ...
    @property
    def reference(self) -> Optional[str]:
        """The image reference as the Pod spec wrote it (`nginx:1.25`)."""
        ...
    @property
    def workload(self) -> str:
        """The workload's name."""
        ...


Digest = str
"""A content digest, `algorithm:hex` (`sha256:…`)."""


class DigestComparison(Result, Protocol):
    """The runtime digest (actual) beside the registry digest (expected)."""
    @property
    def actual(self) -> Digest:
        """What the runtime runs."""
        ...
    @property
    def artifact_url(self) -> Optional[str]:
        """A link to view the expected artifact in the registry."""
        ...
    @property
    def basis(self) -> ImageIdKind:
        """Which kind of digest was compared: repository digests, or the image
        configuration digest when the runtime reported only a local image id.
        """
        ...
    @property
    def expected(self) -> Digest:
        """What the registry holds for the reference."""
        ...


Direction = Literal["rising", "falling", "flat", "insufficient_data"]
"""Which way a series moved over the window."""


class DisableLabel(Result, Protocol):
    """The label that disables the sensor on a node: `kubectl label nodes NODE
    disable_jfrog_runtime=true` by default.
    """
    @property
    def key(self) -> str:
        """The label's key."""
        ...
    @property
    def value(self) -> str:
        """The label's value."""
        ...


class EnrichmentData(Result, Protocol):
    """EPSS scores and KEV entries by CVE id (canonical, upper case), with the
    versions of the documents they came from. (Its schema is named
    `EnrichmentData`: the bindings' `Enrichment` is the object holding it.)
    """
    @property
    def epss(self) -> Mapping[str, Epss]:
        """EPSS scores by CVE id."""
        ...
    @property
    def epss_model_version(self) -> Optional[str]:
        """The EPSS model version (`v2025.03.14`), when the file says."""
        ...
    @property
    def epss_score_date(self) -> Optional[str]:
        """The day the EPSS scores are of, when the file says."""
        ...
    @property
    def kev(self) -> Mapping[str, KevEntry]:
        """KEV entries by CVE id."""
        ...
    @property
    def kev_catalog_version(self) -> Optional[str]:
        """The KEV catalog's version (`2025.03.17`), when given."""
        ...
    @property
    def kev_date_released(self) -> Optional[str]:
        """When the KEV catalog was released, when given."""
        ...


class EnvironmentState(Result, Protocol):
    """What was running and found at one moment (a day's snapshot)."""
    @property
    def findings(self) -> tuple[Occurrence, ...]:
        """The findings (after VEX)."""
        ...
    @property
    def running(self) -> tuple[RunningImage, ...]:
        """The running images."""
        ...
    @property
    def runtime_validation(self) -> RuntimeValidation:
        """Whether sensors were installed."""
        ...
    @property
    def suppressed(self) -> Optional[tuple[Occurrence, ...]]:
        """The findings VEX suppressed, when known: lets a vulnerability that
        left be told suppressed rather than no longer reported.
        """
        ...


class Epss(Result, Protocol):
    """One EPSS score."""
    @property
    def date(self) -> Optional[str]:
        """The day the score is of (`2025-03-17`), when given."""
        ...
    @property
    def percentile(self) -> Optional[float]:
        """The score's percentile among all scored CVEs, 0 to 1, when given."""
        ...
    @property
    def score(self) -> float:
        """The probability of exploitation activity in the next 30 days, 0 to 1."""
        ...


class EpssSignal(Result, Protocol):
    """The EPSS score of a row: the highest among its CVE ids."""
    @property
    def cve(self) -> str:
        """The CVE id scored."""
        ...
    @property
    def percentile(self) -> Optional[float]:
        """Its percentile, when given."""
        ...
    @property
    def score(self) -> float:
        """The probability of exploitation in the next 30 days, 0 to 1."""
        ...


class EvidenceDigestMismatch(Result, Protocol):
    """The running digest beside the registry's."""
    @property
    def digests(self) -> DigestComparison:
        """Actual and expected digests."""
        ...
    @property
    def kind(self) -> Literal["digest_mismatch"]: ...


class EvidenceMissingSource(Result, Protocol):
    """The artifact was not found where it was expected."""
    @property
    def kind(self) -> Literal["missing_source"]: ...
    @property
    def registry_path(self) -> str:
        """Where the image was expected to be found (`registry/path`)."""
        ...


class EvidencePostDeploymentTagUpdate(Result, Protocol):
    """The deployment and tag-update times, then the digests."""
    @property
    def digests(self) -> DigestComparison:
        """Actual and expected digests."""
        ...
    @property
    def kind(self) -> Literal["post_deployment_tag_update"]: ...
    @property
    def timeline(self) -> TagTimeline:
        """When the workload was deployed and when the tag was pushed again."""
        ...


Evidence = Union["EvidenceDigestMismatch", "EvidenceMissingSource", "EvidencePostDeploymentTagUpdate"]
"""What was found: forensic details specific to the violation's kind."""


class Fix(Result, Protocol):
    """The fix of a finding: its state and the fixed versions."""
    @property
    def state(self) -> FixState:
        """What the maintainer did."""
        ...
    @property
    def versions(self) -> Optional[tuple[str, ...]]:
        """The versions that fix it, as the scanner gives them."""
        ...


FixState = Literal["fixed", "not_fixed", "wont_fix", "unknown"]
"""What the package maintainer did about a vulnerability."""


class Funnel(Result, Protocol):
    """The prioritization funnel. Every stage is a subset of the one before."""
    @property
    def all(self) -> StageCount:
        """All distinct vulnerabilities on running images."""
        ...
    @property
    def applicable(self) -> StageCount:
        """Confirmed applicable."""
        ...
    @property
    def by_severity(self) -> SeverityCounts:
        """Distinct vulnerabilities by highest severity."""
        ...
    @property
    def critical_high(self) -> StageCount:
        """Critical or High."""
        ...
    @property
    def occurrences(self) -> int:
        """How many occurrences were counted."""
        ...
    @property
    def undecided(self) -> Undecided:
        """What could not be decided."""
        ...
    @property
    def validated_in_runtime(self) -> Optional[StageCount]:
        """Seen loaded at runtime; absent unless sensors are installed."""
        ...
    @property
    def with_fix(self) -> StageCount:
        """With a fix version."""
        ...


class FunnelChange(Result, Protocol):
    """The change between two funnels."""
    @property
    def causes(self) -> Optional[tuple[CauseCount, ...]]:
        """Explained from data: per cause, the distinct vulnerabilities that
        entered a stage, with examples (empty from counts alone).
        """
        ...
    @property
    def probable_causes(self) -> tuple[ProbableCause, ...]:
        """What a sudden increase may mean: from counts alone, every documented
        cause; explained from data, the documented causes found.
        """
        ...
    @property
    def stages(self) -> tuple[StageChange, ...]:
        """Each stage shown in both funnels."""
        ...
    @property
    def sudden_increase(self) -> bool:
        """Whether any stage increased suddenly."""
        ...


class FunnelResult(Result, Protocol):
    """A funnel and the occurrences it left out, with why."""
    @property
    def funnel(self) -> Funnel:
        """The funnel."""
        ...
    @property
    def skipped(self) -> Skipped:
        """What was left out."""
        ...


class HealthProblemControllerNotRunning(Result, Protocol):
    """The controller is not running."""
    @property
    def code(self) -> Literal["controller_not_running"]: ...
    @property
    def state(self) -> ControllerState:
        """Its state."""
        ...


class HealthProblemSensorFailed(Result, Protocol):
    """A sensor is installed but failing."""
    @property
    def code(self) -> Literal["sensor_failed"]: ...
    @property
    def node(self) -> str:
        """The node."""
        ...


class HealthProblemSensorFailedToInstall(Result, Protocol):
    """A sensor could not be installed."""
    @property
    def code(self) -> Literal["sensor_failed_to_install"]: ...
    @property
    def node(self) -> str:
        """The node."""
        ...


class HealthProblemSensorMissing(Result, Protocol):
    """Sensors run on other nodes, but not on this one, and it is not
    disabled on purpose.
    """
    @property
    def code(self) -> Literal["sensor_missing"]: ...
    @property
    def node(self) -> str:
        """The node."""
        ...


HealthProblem = Union["HealthProblemControllerNotRunning", "HealthProblemSensorFailed", "HealthProblemSensorFailedToInstall", "HealthProblemSensorMissing"]
"""Something that keeps a cluster from being monitored correctly."""


class Highlights(Result, Protocol):
    """The highlights widget."""
    @property
    def critical_applicable(self) -> CriticalApplicable:
        """Critical & Applicable CVEs."""
        ...
    @property
    def integrity_violations(self) -> IntegrityViolations:
        """Integrity violations."""
        ...
    @property
    def malicious_packages(self) -> MaliciousPackages:
        """Malicious packages."""
        ...


Horizon = Literal["immediate", "short_term", "long_term"]
"""When a step should be done."""


ImageColumn = Literal["risk", "digest", "critical", "high", "vulnerabilities", "critical_applicable", "malicious", "workloads", "clusters"]
"""A column of the images view to sort by."""


ImageIdKind = Literal["repository_digest", "local_image_id"]
"""What kind of digest a runtime image id carries, which decides whether it
can be compared with a registry's digest.
"""


class ImageIdParts(Result, Protocol):
    """An [`ImageId`]'s parts, borrowed from it."""
    @property
    def digest(self) -> str:
        """Its digest."""
        ...
    @property
    def kind(self) -> ImageIdKind:
        """Whether it is a repository digest or a node-local image id."""
        ...
    @property
    def repository(self) -> Optional[str]:
        """The repository it was pulled from, for a repository digest."""
        ...
    @property
    def string(self) -> str:
        """The id as [`Display`](std::fmt::Display) writes it."""
        ...


ImageIdString = str
"""A runtime image id as a container runtime reports it (`docker-pullable://nginx@sha256:…`)."""


class ImageIntegrity(Result, Protocol):
    """What the integrity assessments of an image's containers concluded: the
    worst of them (a violation over an untrusted registry over no issues
    over undetermined).
    """
    @property
    def severity(self) -> Optional[Severity]:
        """The violation's severity, when there is one."""
        ...
    @property
    def status(self) -> Optional[IntegrityStatus]:
        """The status, or none when it could not be determined."""
        ...
    @property
    def violation(self) -> Optional[ViolationKind]:
        """The violation's kind, when there is one."""
        ...


class ImageRefParts(Result, Protocol):
    """An [`ImageRef`]'s parts, borrowed from it."""
    @property
    def digest(self) -> Optional[str]:
        """The digest, if any."""
        ...
    @property
    def domain(self) -> str:
        """The registry host (`docker.io`)."""
        ...
    @property
    def familiar(self) -> str:
        """The short form users write (`nginx:1.25`)."""
        ...
    @property
    def name(self) -> str:
        """`domain/path`."""
        ...
    @property
    def path(self) -> str:
        """The repository path (`library/nginx`)."""
        ...
    @property
    def string(self) -> str:
        """The normalised reference."""
        ...
    @property
    def tag(self) -> Optional[str]:
        """The tag, if any."""
        ...


ImageRefString = str
"""An image reference, normalised (`docker.io/library/nginx:1.25`); read as written in a Pod spec."""


class ImageReport(Result, Protocol):
    """The findings of one scanned image."""
    @property
    def artifact(self) -> Optional[str]:
        """The image as the report names it (a reference or a path), if it
        does.
        """
        ...
    @property
    def digests(self) -> tuple[Digest, ...]:
        """The digests that identify it (repository digests, then the
        configuration digest); empty when the report names none.
        """
        ...
    @property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """Its occurrences, each carrying `digests` as its image."""
        ...
    @property
    def suppressed(self) -> int:
        """Findings a vendor or VEX statement in the report removed (not
        affected): never counted.
        """
        ...
    @property
    def workload(self) -> Optional[ReportWorkload]:
        """The workload, for formats that report per workload."""
        ...


class ImageRow(Result, Protocol):
    """One running image, identified by digest, never by tag."""
    @property
    def clusters(self) -> tuple[str, ...]:
        """The clusters running it, sorted."""
        ...
    @property
    def containers(self) -> int:
        """The containers running it (one per workload container)."""
        ...
    @property
    def critical_applicable(self) -> int:
        """Distinct vulnerabilities with an occurrence on it both Critical and
        applicable.
        """
        ...
    @property
    def digest(self) -> str:
        """Its digest (the first the inventory lists)."""
        ...
    @property
    def digests(self) -> tuple[str, ...]:
        """Every digest it is known by."""
        ...
    @property
    def integrity(self) -> Optional[ImageIntegrity]:
        """Its integrity, when assessments were given for it."""
        ...
    @property
    def malicious_packages(self) -> int:
        """Distinct malicious packages on it."""
        ...
    @property
    def monitored(self) -> bool:
        """Whether a runtime sensor watches it."""
        ...
    @property
    def namespaces(self) -> tuple[str, ...]:
        """The namespaces running it, sorted."""
        ...
    @property
    def references(self) -> tuple[str, ...]:
        """Its references as deployed, sorted."""
        ...
    @property
    def risks(self) -> tuple[Risk, ...]:
        """The risk badges the platform shows, in the platform's order."""
        ...
    @property
    def scanned(self) -> bool:
        """Whether a scan of it exists."""
        ...
    @property
    def tags(self) -> tuple[str, ...]:
        """The tags of those references, sorted."""
        ...
    @property
    def vulnerabilities(self) -> SeverityCounts:
        """Distinct vulnerabilities (alias groups) on it, by the highest
        severity of their occurrences on it.
        """
        ...
    @property
    def workloads(self) -> tuple[RowWorkload, ...]:
        """The workloads running it, sorted."""
        ...


class ImageSortKey(Result, Protocol):
    """One sort key of the images view."""
    @property
    def column(self) -> ImageColumn:
        """The column."""
        ...
    @property
    def descending(self) -> bool:
        """Highest first (the default)."""
        ...


class ImagesPage(Result, Protocol):
    """One page of the images view."""
    @property
    def offset(self) -> int:
        """The offset asked for."""
        ...
    @property
    def rows(self) -> tuple[ImageRow, ...]:
        """The rows of this page."""
        ...
    @property
    def total(self) -> int:
        """How many images the filters keep, over all pages."""
        ...


class ImagesQuery(Result, Protocol):
    """What to show of the images view: filters (all must hold), a sort and a
    page; the default shows every image, riskiest first.
    """
    @property
    def cluster(self) -> Optional[str]:
        """Images running in this cluster."""
        ...
    @property
    def image(self) -> Optional[str]:
        """Images with this digest, or deployed by a reference containing this
        text.
        """
        ...
    @property
    def limit(self) -> Optional[int]:
        """The most rows to return."""
        ...
    @property
    def namespace(self) -> Optional[str]:
        """Images running in a namespace of this name."""
        ...
    @property
    def offset(self) -> int:
        """Rows to skip."""
        ...
    @property
    def risk(self) -> tuple[Risk, ...]:
        """Images with one of these badges."""
        ...
    @property
    def scanned(self) -> Optional[bool]:
        """Scanned (`true`) or unscanned (`false`) images."""
        ...
    @property
    def severity(self) -> tuple[Severity, ...]:
        """Images with a vulnerability of one of these severities."""
        ...
    @property
    def sort(self) -> tuple[ImageSortKey, ...]:
        """The sort, first key first; empty is riskiest first."""
        ...
    @property
    def workload(self) -> Optional[str]:
        """Images a workload of this name runs."""
        ...


class IncreaseThreshold(Result, Protocol):
    """When an increase is sudden: by at least `absolute` vulnerabilities and by
    at least `percent` percent of the count before.
    """
    @property
    def absolute(self) -> int:
        """The smallest increase, in vulnerabilities, that can be sudden."""
        ...
    @property
    def percent(self) -> int:
        """The smallest increase, in percent of the count before, that can be
        sudden.
        """
        ...


class IngestWarning(Result, Protocol):
    """One warning, with where it arose."""
    @property
    def at(self) -> str:
        """Where in the document (a JSON path such as
        `Results[0].Vulnerabilities[3]`).
        """
        ...
    @property
    def code(self) -> WarningCode:
        """What kind."""
        ...
    @property
    def message(self) -> str:
        """What exactly."""
        ...


class Ingested(Result, Protocol):
    """Everything read from one document."""
    @property
    def enrichment(self) -> Optional[EnrichmentData]:
        """The EPSS scores and known-exploited entries the report carries (Grype
        writes them per match); empty for formats that carry none.
        """
        ...
    @property
    def reports(self) -> tuple[ImageReport, ...]:
        """One report per scanned image (per workload container for formats
        that report so).
        """
        ...
    @property
    def warnings(self) -> tuple[IngestWarning, ...]:
        """What was skipped or assumed, and why."""
        ...


class Installation(Result, Protocol):
    """The installation status and the clusters that made it so."""
    @property
    def clusters_with_sensors(self) -> tuple[str, ...]:
        """Connected clusters with at least one running sensor."""
        ...
    @property
    def connected_clusters(self) -> tuple[str, ...]:
        """Clusters whose controller runs (connected clusters)."""
        ...
    @property
    def status(self) -> InstallationStatus:
        """The status."""
        ...


InstallationStatus = Literal["no_runtime_installed", "controller_only", "full"]
"""The runtime deployment level across the clusters."""


class IntegrityAssessment(Result, Protocol):
    """The outcome of an integrity assessment, with the facts it rests on."""
    @property
    def image_digest(self) -> Optional[Digest]:
        """The digest of the running image assessed (the runtime's image id),
        which ties the assessment to a row of the images view.
        """
        ...
    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The facts, in the order they were checked."""
        ...
    @property
    def status(self) -> Optional[IntegrityStatus]:
        """The integrity status, or `None` when it cannot be determined (the
        registry was unavailable, or the runtime id cannot be compared).
        """
        ...
    @property
    def violation(self) -> Optional[Violation]:
        """The violation, when the status is one."""
        ...


class IntegrityFacts(Result, Protocol):
    """Everything an integrity assessment needs about one running container."""
    @property
    def cluster(self) -> str:
        """The Kubernetes cluster."""
        ...
    @property
    def deployed_at(self) -> Optional[str]:
        """When the workload was deployed (the container started), if known."""
        ...
    @property
    def first_detected(self) -> Optional[str]:
        """When this violation was first identified, if it was seen before;
        otherwise the assessment's observation time is used.
        """
        ...
    @property
    def image(self) -> ImageRefString:
        """The image as the Pod spec names it."""
        ...
    @property
    def image_id(self) -> ImageIdString:
        """What the runtime reports it is running (`imageID`)."""
        ...
    @property
    def namespace(self) -> str:
        """The namespace of the workload."""
        ...
    @property
    def node(self) -> str:
        """The node running the container."""
        ...
    @property
    def registry(self) -> RegistryAnswer:
        """What the registry of record answered for `image`."""
        ...
    @property
    def workload(self) -> Workload:
        """The workload that owns the container."""
        ...


IntegrityStatus = Literal["no_issues", "untrusted_registry", "invalid_image_source", "invalid_image_integrity"]
"""The integrity status of a running image, as the runtime platform tracks it."""


class IntegrityViolations(Result, Protocol):
    """Images with an integrity violation, by kind."""
    @property
    def digest_mismatch(self) -> int:
        """Distinct images with a Digest Mismatch."""
        ...
    @property
    def images(self) -> int:
        """Distinct images with any violation."""
        ...
    @property
    def missing_source(self) -> int:
        """Distinct images with a Missing Source."""
        ...
    @property
    def post_deployment_tag_update(self) -> int:
        """Distinct images with a Post-Deployment Tag Update."""
        ...


class KevEntry(Result, Protocol):
    """One entry of the Known Exploited Vulnerabilities catalog."""
    @property
    def cwes(self) -> Optional[tuple[str, ...]]:
        """The CWE ids."""
        ...
    @property
    def date_added(self) -> Optional[str]:
        """The day CISA added it (`2021-12-10`), when given."""
        ...
    @property
    def due_date(self) -> Optional[str]:
        """The day federal agencies must have acted by, when given."""
        ...
    @property
    def known_ransomware_use(self) -> Optional[bool]:
        """Whether it is known to be used in ransomware campaigns (`Known` is
        true, `Unknown` false); absent in catalogs before October 2023.
        """
        ...
    @property
    def notes(self) -> Optional[str]:
        """The catalog's notes (links, mostly)."""
        ...
    @property
    def product(self) -> Optional[str]:
        """The product."""
        ...
    @property
    def required_action(self) -> Optional[str]:
        """What to do."""
        ...
    @property
    def vendor_project(self) -> Optional[str]:
        """The vendor or project."""
        ...
    @property
    def vulnerability_name(self) -> Optional[str]:
        """The vulnerability's name."""
        ...


class KevSignal(Result, Protocol):
    """A row's entry in the Known Exploited Vulnerabilities catalog."""
    @property
    def cve(self) -> str:
        """The CVE id listed."""
        ...
    @property
    def date_added(self) -> Optional[str]:
        """The day it was added, when given."""
        ...
    @property
    def due_date(self) -> Optional[str]:
        """The day action was due, when given."""
        ...
    @property
    def known_ransomware_use(self) -> Optional[bool]:
        """Whether it is known to be used in ransomware campaigns, when the
        catalog says.
        """
        ...


class ListingPages(Result, Protocol):
    """What the pages of a listing say of the listing as a whole."""
    @property
    def entries(self) -> int:
        """How many distinct entries they held."""
        ...
    @property
    def next_key(self) -> Optional[str]:
        """The key of the next page, when the last page read names one: the
        listing goes on past what was read.
        """
        ...
    @property
    def pages(self) -> int:
        """How many pages were read."""
        ...
    @property
    def total_count(self) -> Optional[int]:
        """How many entries the platform says the listing has (`total_count`,
        top level or in `pagination`), when a page says.
        """
        ...


class Location(Result, Protocol):
    """Where the violation is: the infrastructure context of the container."""
    @property
    def cluster(self) -> str:
        """The Kubernetes cluster."""
        ...
    @property
    def first_detected(self) -> str:
        """When the violation was first identified."""
        ...
    @property
    def namespace(self) -> str:
        """The namespace of the workload."""
        ...
    @property
    def node(self) -> str:
        """The node running the container."""
        ...
    @property
    def workload(self) -> Workload:
        """The workload (Deployment, StatefulSet, ...)."""
        ...


class MaliciousPackageRow(Result, Protocol):
    """A malicious package found on running images: never a vulnerability row."""
    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the reports (`MAL-2024-1`, ...), sorted."""
        ...
    @property
    def images(self) -> tuple[RowImage, ...]:
        """The images holding it, with where they run."""
        ...
    @property
    def package(self) -> RowPackage:
        """The package."""
        ...
    @property
    def workload_count(self) -> int:
        """How many distinct workloads run those images."""
        ...


class MaliciousPackages(Result, Protocol):
    """Detected malicious packages and the images holding them."""
    @property
    def images(self) -> int:
        """Distinct running images holding one."""
        ...
    @property
    def packages(self) -> int:
        """Distinct packages (ecosystem, name, version)."""
        ...


class Movement(Result, Protocol):
    """One vulnerability that entered or left a stage, and why."""
    @property
    def cause(self) -> ChangeCause:
        """Why."""
        ...
    @property
    def facts(self) -> Optional[tuple[ChangedFact, ...]]:
        """For a configuration change: the facts that moved it."""
        ...
    @property
    def id(self) -> str:
        """The vulnerability's id (as the state it is in names it)."""
        ...
    @property
    def images(self) -> tuple[str, ...]:
        """The images behind it (digests), sorted."""
        ...


Mutability = Literal["mutable", "immutable"]
"""Whether a tag can point at different images over time."""


class Node(Result, Protocol):
    """A node of a cluster. Only `name`, `labels` and `sensor` decide
    anything; the other fields are kept as the platform gave them.
    """
    @property
    def architecture(self) -> Optional[str]:
        """Its architecture (`amd64`, `arm64`)."""
        ...
    @property
    def hostname(self) -> Optional[str]:
        """Its host name."""
        ...
    @property
    def id(self) -> Optional[str]:
        """The platform's identifier of the node."""
        ...
    @property
    def internal_dns(self) -> Optional[str]:
        """Its internal DNS name."""
        ...
    @property
    def internal_ip(self) -> Optional[str]:
        """Its internal IP address."""
        ...
    @property
    def labels(self) -> Optional[Mapping[str, str]]:
        """The node's Kubernetes labels."""
        ...
    @property
    def monitored_at(self) -> Optional[str]:
        """When monitoring of the node started."""
        ...
    @property
    def name(self) -> str:
        """The node's name."""
        ...
    @property
    def region(self) -> Optional[str]:
        """Its region."""
        ...
    @property
    def sensor(self) -> SensorState:
        """The sensor's state, as reported."""
        ...
    @property
    def sensor_last_updated(self) -> Optional[str]:
        """When the sensor last reported."""
        ...
    @property
    def sensor_version(self) -> Optional[str]:
        """The sensor's version."""
        ...
    @property
    def status(self) -> Optional[str]:
        """The node's status word exactly as the platform wrote it
        (`monitored_with_sensor`, `running_with_sensors`, ...).
        """
        ...


class NodeCounts(Result, Protocol):
    """The node counts of a cluster, as the platform gives them (each `None`
    when the listing leaves it out).
    """
    @property
    def disabled(self) -> Optional[int]:
        """Nodes whose sensor is disabled (`disabled_nodes_count`)."""
        ...
    @property
    def failed(self) -> Optional[int]:
        """Nodes whose sensor failed (`failed_nodes_count`)."""
        ...
    @property
    def failed_to_install(self) -> Optional[int]:
        """Nodes whose sensor failed to install (`failed_to_install_nodes_count`)."""
        ...
    @property
    def nodes(self) -> Optional[int]:
        """Nodes in all (`nodes_count`)."""
        ...
    @property
    def running(self) -> Optional[int]:
        """Nodes running (`running_nodes_count`)."""
        ...


class NodeHealth(Result, Protocol):
    """One node's sensor, once the disable label is taken into account."""
    @property
    def node(self) -> str:
        """The node."""
        ...
    @property
    def sensor(self) -> SensorState:
        """The sensor's effective state."""
        ...


class ObservedImage(Result, Protocol):
    """A runtime-observed image and the security data it already has."""
    @property
    def clusters(self) -> tuple[str, ...]:
        """The clusters it runs on."""
        ...
    @property
    def image(self) -> str:
        """The image, as a reference or digest."""
        ...
    @property
    def scanned_with(self) -> tuple[Scanner, ...]:
        """The scanners whose results exist for it."""
        ...


class Occurrence(Result, Protocol):
    """One vulnerability in one package of one image: the unit every scanner
    reports and every count starts from.
    """
    @property
    def aliases(self) -> Optional[tuple[str, ...]]:
        """Other ids of the same vulnerability (GHSA for a CVE, ...)."""
        ...
    @property
    def applicability(self) -> Applicability:
        """What contextual analysis concluded."""
        ...
    @property
    def cvss(self) -> Optional[tuple[CvssScore, ...]]:
        """CVSS scores, as the scanner gave them (none when it gave none)."""
        ...
    @property
    def fix(self) -> Fix:
        """Whether a fix exists."""
        ...
    @property
    def image(self) -> tuple[Digest, ...]:
        """The digests that identify the image (repository, manifest or
        configuration digests): a runtime reports one kind and a scanner
        another, so any shared digest makes two images one. Never the tag.
        """
        ...
    @property
    def malicious(self) -> bool:
        """Whether this is a malicious-package finding, counted in the
        highlights and never as a CVE in the funnel.
        """
        ...
    @property
    def package(self) -> Package:
        """The affected package (empty when the source does not name one)."""
        ...
    @property
    def runtime(self) -> RuntimeEvidence:
        """Whether the package was seen loaded at runtime."""
        ...
    @property
    def severity(self) -> Severity:
        """The severity, mapped from the scanner's vocabulary."""
        ...
    @property
    def severity_source(self) -> Optional[str]:
        """Where the severity came from (`nvd`, `debian`, `ghsa`, ...)."""
        ...
    @property
    def vulnerability(self) -> str:
        """The vulnerability id as the scanner gives it."""
        ...


Outlook = Literal["improving", "worsening", "steady", "not_judged"]
"""What the direction means for security posture."""


class OutsideWindow(Result, Protocol):
    """Snapshots that fell in no bucket."""
    @property
    def after_now(self) -> int:
        """Taken after `now`."""
        ...
    @property
    def before(self) -> int:
        """Taken before the window's first day."""
        ...


class OwningWorkload(Result, Protocol):
    """The workload that owns a controller, as one record."""
    @property
    def kind(self) -> str:
        """Its kind (`Deployment`, `CronJob`, or the controller's own)."""
        ...
    @property
    def name(self) -> str:
        """Its name."""
        ...


class Package(Result, Protocol):
    """A package as a scanner names it."""
    @property
    def ecosystem(self) -> Optional[str]:
        """Its ecosystem (`npm`, `deb`, `go`, ...), when known."""
        ...
    @property
    def name(self) -> str:
        """Its name."""
        ...
    @property
    def purl(self) -> Optional[str]:
        """Its package URL, when known."""
        ...
    @property
    def version(self) -> str:
        """Its installed version."""
        ...


PlanReason = Literal["no_security_data", "missing_scanners"]
"""Why an image is in the plan."""


class PlannedScan(Result, Protocol):
    """One image to scan."""
    @property
    def image(self) -> str:
        """The image."""
        ...
    @property
    def reason(self) -> PlanReason:
        """Why."""
        ...
    @property
    def scanners(self) -> tuple[Scanner, ...]:
        """The scanners to run."""
        ...


class PlatformClusters(Result, Protocol):
    """The clusters of a listing."""
    @property
    def clusters(self) -> tuple[Cluster, ...]:
        """The clusters, in the listing's order."""
        ...
    @property
    def listing(self) -> ListingPages:
        """What the pages say of the listing as a whole."""
        ...
    @property
    def warnings(self) -> tuple[IngestWarning, ...]:
        """What was assumed, and why."""
        ...


class PlatformComponent(Result, Protocol):
    """A component as the platform names it."""
    @property
    def ecosystem(self) -> Optional[str]:
        """Its ecosystem, from the id's type (`gav` is `maven`, `pypi`, `npm`,
        `go` is `golang`, ...).
        """
        ...
    @property
    def id(self) -> Optional[str]:
        """The Xray component id (`gav://com.thoughtworks.xstream:xstream:1.4.5`),
        from `component_id` or `id`.
        """
        ...
    @property
    def name(self) -> str:
        """Its name."""
        ...
    @property
    def purl(self) -> Optional[str]:
        """Its package URL, for the types that have one."""
        ...
    @property
    def version(self) -> str:
        """Its version."""
        ...


class PlatformEvidence(Result, Protocol):
    """What the workloads listing told of the image tags' findings."""
    @property
    def loaded(self) -> int:
        """Occurrences a running process holds: loaded."""
        ...
    @property
    def monitored_images(self) -> int:
        """Running images watched by a sensor on a node they run on."""
        ...
    @property
    def not_observed(self) -> int:
        """Occurrences of watched images that no running process holds: not
        observed.
        """
        ...
    @property
    def unavailable(self) -> int:
        """Occurrences of images no sensor watches: no evidence either way."""
        ...
    @property
    def unmatched_processes(self) -> int:
        """Processes tied to no image tag (no digest in common, and a workload
        that runs several tags or none).
        """
        ...


class PlatformImage(Result, Protocol):
    """One live image as the platform lists it."""
    @property
    def clusters(self) -> int:
        """How many clusters run it."""
        ...
    @property
    def name(self) -> str:
        """The image name."""
        ...
    @property
    def registry(self) -> str:
        """Its registry."""
        ...
    @property
    def repository_path(self) -> str:
        """Its repository path."""
        ...
    @property
    def riskiest_tag(self) -> Optional[str]:
        """The tag with the highest risk."""
        ...
    @property
    def scanned(self) -> bool:
        """Whether that tag was scanned."""
        ...
    @property
    def vulnerabilities(self) -> SeverityCounts:
        """The riskiest tag's vulnerabilities by severity."""
        ...
    @property
    def workloads(self) -> int:
        """How many workloads run it."""
        ...


class PlatformImageTag(Result, Protocol):
    """One image tag as the platform lists it."""
    @property
    def architecture(self) -> Optional[str]:
        """The architecture (`amd64`, `arm64`)."""
        ...
    @property
    def digests(self) -> tuple[Digest, ...]:
        """The digests its findings and running image carry: the image digest,
        or without one a stand-in (see [`stand_in_digest`]).
        """
        ...
    @property
    def image_digest(self) -> Optional[Digest]:
        """The image digest, when the listing gives it."""
        ...
    @property
    def malicious_packages(self) -> tuple[PlatformMalicious, ...]:
        """Its malicious packages."""
        ...
    @property
    def name(self) -> str:
        """The image name."""
        ...
    @property
    def registry(self) -> Optional[str]:
        """The registry."""
        ...
    @property
    def repository_path(self) -> Optional[str]:
        """The path in the registry (as expected in Artifactory)."""
        ...
    @property
    def risks(self) -> tuple[Risk, ...]:
        """The platform's risk badges."""
        ...
    @property
    def runtime_status(self) -> RuntimeStatus:
        """Whether it runs."""
        ...
    @property
    def scanned(self) -> bool:
        """Whether it was scanned for vulnerabilities (`scan_info.sca`)."""
        ...
    @property
    def tag(self) -> Optional[str]:
        """The tag."""
        ...
    @property
    def vulnerabilities(self) -> tuple[PlatformVulnerability, ...]:
        """Its vulnerabilities."""
        ...
    @property
    def workloads(self) -> tuple[WorkloadLocation, ...]:
        """The workloads that run it."""
        ...


class PlatformImageTags(Result, Protocol):
    """The image tags of a listing, and the finding model they give."""
    @property
    def evidence(self) -> Optional[PlatformEvidence]:
        """The runtime evidence a workloads listing gave, once applied."""
        ...
    @property
    def listing(self) -> ListingPages:
        """What the pages say of the listing as a whole."""
        ...
    @property
    def reports(self) -> tuple[ImageReport, ...]:
        """Per tag, its findings as a report (artifact: the tag as text)."""
        ...
    @property
    def running_images(self) -> tuple[RunningImage, ...]:
        """The tags that run (running or unknown), as running images: scanned
        as `scan_info` says, monitored once a workload listing says so
        ([`PlatformImageTags::apply_workloads`]).
        """
        ...
    @property
    def tags(self) -> tuple[PlatformImageTag, ...]:
        """The tags, in the listing's order."""
        ...
    @property
    def warnings(self) -> tuple[IngestWarning, ...]:
        """What was assumed, and why."""
        ...


class PlatformImages(Result, Protocol):
    """The live images of a listing."""
    @property
    def images(self) -> tuple[PlatformImage, ...]:
        """The images of this page."""
        ...
    @property
    def scan(self) -> PlatformScan:
        """The scan status of the listed images. Over one page of a longer
        listing it is the page's status, and a warning says so.
        """
        ...
    @property
    def total_count(self) -> int:
        """How many images the platform has in all."""
        ...
    @property
    def warnings(self) -> tuple[IngestWarning, ...]:
        """What was assumed, and why."""
        ...


class PlatformMalicious(Result, Protocol):
    """A malicious package as the platform lists it."""
    @property
    def components(self) -> tuple[PlatformComponent, ...]:
        """The malicious components."""
        ...
    @property
    def xray_id(self) -> Optional[str]:
        """The Xray id."""
        ...


class PlatformProcess(Result, Protocol):
    """A process of a workload."""
    @property
    def arguments(self) -> Optional[str]:
        """Its arguments."""
        ...
    @property
    def image_digest(self) -> Optional[Digest]:
        """The image it runs from, when given."""
        ...
    @property
    def malicious_packages(self) -> tuple[PlatformMalicious, ...]:
        """The malicious packages of what it runs."""
        ...
    @property
    def name(self) -> str:
        """Its name."""
        ...
    @property
    def path(self) -> Optional[str]:
        """The executable's path."""
        ...
    @property
    def process_hash(self) -> Optional[str]:
        """The SHA-256 of its executable."""
        ...
    @property
    def risks(self) -> tuple[Risk, ...]:
        """Its risk badges."""
        ...
    @property
    def runtime_status(self) -> RuntimeStatus:
        """Whether it runs."""
        ...
    @property
    def vulnerabilities(self) -> tuple[PlatformVulnerability, ...]:
        """The vulnerabilities of what it runs."""
        ...


class PlatformScan(Result, Protocol):
    """The scan status of a listing's images, with the counts behind it."""
    @property
    def running(self) -> int:
        """Images listed."""
        ...
    @property
    def scanned(self) -> int:
        """Of those, scanned."""
        ...
    @property
    def status(self) -> ScanStatus:
        """The status."""
        ...


class PlatformVulnerability(Result, Protocol):
    """A vulnerability as the platform lists it."""
    @property
    def applicability(self) -> Applicability:
        """What contextual analysis concluded."""
        ...
    @property
    def components(self) -> tuple[PlatformComponent, ...]:
        """The components it was found in."""
        ...
    @property
    def cve_id(self) -> Optional[str]:
        """The CVE id, when it has one."""
        ...
    @property
    def cvss_v2(self) -> Optional[float]:
        """The CVSS v2 score, when given."""
        ...
    @property
    def cvss_v3(self) -> Optional[float]:
        """The CVSS v3 score, when given."""
        ...
    @property
    def severity(self) -> Severity:
        """The severity."""
        ...
    @property
    def xray_id(self) -> Optional[str]:
        """The Xray id."""
        ...


class PlatformWorkload(Result, Protocol):
    """A workload as the platform lists it."""
    @property
    def architecture(self) -> Optional[str]:
        """Its architecture."""
        ...
    @property
    def location(self) -> WorkloadLocation:
        """Where it runs."""
        ...
    @property
    def nodes(self) -> tuple[str, ...]:
        """The nodes it runs on."""
        ...
    @property
    def processes(self) -> tuple[PlatformProcess, ...]:
        """Its processes."""
        ...
    @property
    def risks(self) -> tuple[Risk, ...]:
        """Its risk badges."""
        ...
    @property
    def runtime_status(self) -> RuntimeStatus:
        """Whether it runs."""
        ...
    @property
    def vulnerabilities_count(self) -> Optional[int]:
        """The platform's count of its processes' vulnerabilities."""
        ...


class PlatformWorkloads(Result, Protocol):
    """The workloads of a listing."""
    @property
    def listing(self) -> ListingPages:
        """What the pages say of the listing as a whole."""
        ...
    @property
    def warnings(self) -> tuple[IngestWarning, ...]:
        """What was assumed, and why."""
        ...
    @property
    def workloads(self) -> tuple[PlatformWorkload, ...]:
        """The workloads, in the listing's order."""
        ...


class PodInventory(Result, Protocol):
    """The containers of a Pod list, and what could not be read."""
    @property
    def containers(self) -> tuple[RunningContainer, ...]:
        """The running containers."""
        ...
    @property
    def warnings(self) -> tuple[IngestWarning, ...]:
        """What was skipped, and why."""
        ...


Prerequisite = Literal["connected_cluster", "automatic_scanning", "runtime_sensors"]
"""A prerequisite of the dashboard."""


ProbableCause = Literal["new_images_without_scanning", "new_vulnerability_disclosure", "cluster_configuration_change"]
"""What a sudden increase in the funnel may indicate."""


class Purl(Result, Protocol):
    """A parsed package URL."""
    @property
    def kind(self) -> str:
        """The package type (`npm`, `deb`, `oci`, ...), lower case."""
        ...
    @property
    def name(self) -> str:
        """The name."""
        ...
    @property
    def namespace(self) -> Optional[str]:
        """The namespace, if any (`org.springframework.boot`, `@babel`)."""
        ...
    @property
    def version(self) -> Optional[str]:
        """The version; `None` matches every version."""
        ...


class Readiness(Result, Protocol):
    """Whether the dashboard can show complete data."""
    @property
    def complete_data(self) -> bool:
        """Whether the data is complete (a connected cluster, and scanning with
        SCA and contextual analysis everywhere); the runtime stage may still
        be missing.
        """
        ...
    @property
    def ready(self) -> bool:
        """Whether every prerequisite is met, runtime sensors included."""
        ...
    @property
    def unmet(self) -> tuple[Unmet, ...]:
        """The unmet prerequisites, in the documentation's order."""
        ...


class ReasonRegistryTrusted(Result, Protocol):
    """The image's registry matches a trusted pattern."""
    @property
    def code(self) -> Literal["registry_trusted"]: ...
    @property
    def pattern(self) -> str:
        """The pattern that trusts it."""
        ...
    @property
    def registry(self) -> str:
        """The image's registry host."""
        ...


class ReasonRegistryNotTrusted(Result, Protocol):
    """The image's registry matches no trusted pattern."""
    @property
    def code(self) -> Literal["registry_not_trusted"]: ...
    @property
    def registry(self) -> str:
        """The image's registry host."""
        ...


class ReasonRegistryUnavailable(Result, Protocol):
    """The registry of record could not be asked."""
    @property
    def code(self) -> Literal["registry_unavailable"]: ...
    @property
    def detail(self) -> str:
        """What went wrong."""
        ...


class ReasonArtifactNotFound(Result, Protocol):
    """The registry of record has no artifact for the reference."""
    @property
    def code(self) -> Literal["artifact_not_found"]: ...
    @property
    def registry_path(self) -> str:
        """Where the artifact was expected."""
        ...


class ReasonRuntimeIdNotComparable(Result, Protocol):
    """The runtime reported only a node-local image id and the registry gave
    no configuration digest, so nothing can be compared.
    """
    @property
    def code(self) -> Literal["runtime_id_not_comparable"]: ...
    @property
    def image_id(self) -> ImageIdString:
        """The runtime's image id."""
        ...


class ReasonDigestMatches(Result, Protocol):
    """The running digest is one of the artifact's."""
    @property
    def basis(self) -> ImageIdKind:
        """Which kind of digest was compared."""
        ...
    @property
    def code(self) -> Literal["digest_matches"]: ...
    @property
    def digest(self) -> Digest:
        """The running digest."""
        ...


class ReasonDigestDiffers(Result, Protocol):
    """The running digest is not the artifact's."""
    @property
    def actual(self) -> Digest:
        """The running digest."""
        ...
    @property
    def basis(self) -> ImageIdKind:
        """Which kind of digest was compared."""
        ...
    @property
    def code(self) -> Literal["digest_differs"]: ...
    @property
    def expected(self) -> Digest:
        """The artifact's digest."""
        ...


class ReasonTagClassified(Result, Protocol):
    """How the tag was classified, which decides the violation's kind."""
    @property
    def code(self) -> Literal["tag_classified"]: ...
    @property
    def tag(self) -> Optional[str]:
        """The tag, if the reference has one."""
        ...


Reason = Union["ReasonRegistryTrusted", "ReasonRegistryNotTrusted", "ReasonRegistryUnavailable", "ReasonArtifactNotFound", "ReasonRuntimeIdNotComparable", "ReasonDigestMatches", "ReasonDigestDiffers", "ReasonTagClassified"]
"""One fact that led to an integrity status, in the order it was checked."""


class Recommendation(Result, Protocol):
    """One remediation step."""
    @property
    def action(self) -> Action:
        """What to do, as a stable code."""
        ...
    @property
    def condition(self) -> Optional[Condition]:
        """The situation in which the step applies, if it is conditional."""
        ...
    @property
    def horizon(self) -> Optional[Horizon]:
        """When to do it, where the documentation says."""
        ...
    @property
    def step(self) -> int:
        """The position of the step, from 1."""
        ...
    @property
    def text(self) -> str:
        """The step in words."""
        ...


class Reconfigured(Result, Protocol):
    """Configurations after a batch change, and what changed."""
    @property
    def changes(self) -> tuple[ConfigurationChange, ...]:
        """What changed, cluster by cluster."""
        ...
    @property
    def configurations(self) -> ScanConfigurations:
        """Every cluster's configuration, after the change."""
        ...


class RegistryAnswerFound(Artifact, Protocol):
    """The artifact exists."""
    @property
    def answer(self) -> Literal["found"]: ...


class RegistryAnswerNotFound(Result, Protocol):
    """No artifact exists at the reference."""
    @property
    def answer(self) -> Literal["not_found"]: ...
    @property
    def registry_path(self) -> Optional[str]:
        """Where the artifact was expected, if the registry names it
        differently from the reference (a remote repository's path, say).
        """
        ...


class RegistryAnswerUnavailable(Result, Protocol):
    """The registry could not be asked (down, timeout, no credentials)."""
    @property
    def answer(self) -> Literal["unavailable"]: ...
    @property
    def reason(self) -> str:
        """What went wrong."""
        ...


RegistryAnswer = Union["RegistryAnswerFound", "RegistryAnswerNotFound", "RegistryAnswerUnavailable"]
"""The answer of the registry of record for a spec reference."""


class ReportWorkload(Result, Protocol):
    """The Kubernetes workload a report belongs to, when the format says
    (where it runs, unlike [`integrity::Workload`](crate::integrity::Workload),
    which owns one container).
    """
    @property
    def cluster(self) -> Optional[str]:
        """The cluster, when named."""
        ...
    @property
    def kind(self) -> str:
        """Its kind (`Deployment`, `StatefulSet`, ...)."""
        ...
    @property
    def name(self) -> str:
        """Its name."""
        ...
    @property
    def namespace(self) -> str:
        """Its namespace."""
        ...


Risk = Literal["malicious", "untrusted_registry", "integrity_violation", "critical_applicable_cves"]
"""A risk badge of an image tag, workload or process."""


class RowImage(Result, Protocol):
    """An image a vulnerability is on, and where it runs."""
    @property
    def clusters(self) -> tuple[str, ...]:
        """The clusters running it, sorted."""
        ...
    @property
    def digest(self) -> str:
        """Its digest (one of them, when it has several)."""
        ...
    @property
    def loaded(self) -> bool:
        """Whether the vulnerable package was seen loaded on this image."""
        ...
    @property
    def namespaces(self) -> tuple[str, ...]:
        """The namespaces running it, sorted."""
        ...
    @property
    def references(self) -> tuple[str, ...]:
        """Its references as deployed (`nginx:1.25`), sorted."""
        ...
    @property
    def workloads(self) -> tuple[RowWorkload, ...]:
        """The workloads running it, sorted."""
        ...


class RowPackage(Result, Protocol):
    """A package a vulnerability is found in."""
    @property
    def ecosystem(self) -> Optional[str]:
        """Its ecosystem, when known."""
        ...
    @property
    def fixed_versions(self) -> tuple[str, ...]:
        """The versions that fix it, as the scanners gave them."""
        ...
    @property
    def name(self) -> str:
        """Its name."""
        ...
    @property
    def purl(self) -> Optional[str]:
        """Its package URL, when known."""
        ...
    @property
    def version(self) -> str:
        """Its installed version."""
        ...


class RowWorkload(Result, Protocol):
    """A workload running an image."""
    @property
    def cluster(self) -> str:
        """The cluster."""
        ...
    @property
    def kind(self) -> str:
        """The kind as Kubernetes names it."""
        ...
    @property
    def name(self) -> str:
        """The name."""
        ...
    @property
    def namespace(self) -> str:
        """The namespace."""
        ...


class RunningContainer(Result, Protocol):
    """One running container."""
    @property
    def cluster(self) -> str:
        """The cluster, as the caller named it."""
        ...
    @property
    def container(self) -> str:
        """The container."""
        ...
    @property
    def image(self) -> ImageRefString:
        """The image as the pod spec references it."""
        ...
    @property
    def image_id(self) -> Optional[ImageIdString]:
        """The image id the runtime reports, when it reports one."""
        ...
    @property
    def namespace(self) -> str:
        """The pod's namespace."""
        ...
    @property
    def node(self) -> str:
        """The node it runs on."""
        ...
    @property
    def pod(self) -> str:
        """The pod."""
        ...
    @property
    def started_at(self) -> Optional[str]:
        """When the container started."""
        ...
    @property
    def workload(self) -> Workload:
        """The workload that owns the pod."""
        ...


class RunningImage(Result, Protocol):
    """A running image: its identity, and whether it was scanned and is
    watched by a runtime sensor.
    """
    @property
    def deployments(self) -> Optional[tuple[Deployment, ...]]:
        """Where it runs, one entry per workload container running it: what the
        vulnerability table and the images view show as "where it runs".
        Empty when the inventory does not say.
        """
        ...
    @property
    def digests(self) -> tuple[Digest, ...]:
        """The digests that identify it."""
        ...
    @property
    def monitored(self) -> bool:
        """Whether a runtime sensor watches at least one node it runs on; when
        not, its findings have no runtime evidence.
        """
        ...
    @property
    def scanned(self) -> bool:
        """Whether a scan of it exists."""
        ...


RuntimeEvidence = Literal["loaded", "not_observed", "unavailable"]
"""Whether the vulnerable package was seen loaded or executed at runtime."""


class RuntimeMarked(Result, Protocol):
    """A full scan's findings marked from a runtime-filtered one, and the counts."""
    @property
    def findings(self) -> tuple[Occurrence, ...]:
        """The full scan's findings, each marked."""
        ...
    @property
    def marks(self) -> RuntimeMarks:
        """What marking found."""
        ...


class RuntimeMarks(Result, Protocol):
    """What marking found."""
    @property
    def loaded(self) -> int:
        """Occurrences marked loaded."""
        ...
    @property
    def not_observed(self) -> int:
        """Occurrences marked not observed."""
        ...
    @property
    def unmatched(self) -> int:
        """Distinct (vulnerability, package, version) of the filtered scan with
        no occurrence in the full one
        (scans of different images, or of different database versions).
        """
        ...


RuntimeStatus = Literal["running", "stopped", "unknown"]
"""Whether an image tag or workload runs, as the platform says."""


RuntimeValidation = Literal["available", "unavailable"]
"""Whether the installation can validate vulnerabilities in runtime (its
status is `full`: runtime sensors are installed). Without, the funnel's
Validated in Runtime stage is absent, not zero.
"""


class ScanConfiguration(Result, Protocol):
    """The scan configuration of one cluster."""
    @property
    def retention_days(self) -> Optional[int]:
        """How many days scan results are kept, if set."""
        ...
    @property
    def scanners(self) -> tuple[Scanner, ...]:
        """The scanners enabled."""
        ...


ScanConfigurations = Mapping[str, "ScanConfiguration"]
"""The scan configuration of every cluster."""


class ScanPlan(Result, Protocol):
    """The scan plan."""
    @property
    def not_covered(self) -> tuple[str, ...]:
        """Images none of whose clusters has automatic scanning configured: the
        plan cannot cover them (one reason a scan status stays partial).
        """
        ...
    @property
    def scans(self) -> tuple[PlannedScan, ...]:
        """The images to scan, in the order given."""
        ...
    @property
    def up_to_date(self) -> int:
        """Images that already have every configured scanner's results."""
        ...


class ScanReport(Result, Protocol):
    """The scan status with the counts behind it."""
    @property
    def running(self) -> int:
        """Distinct running images (images sharing a digest are one)."""
        ...
    @property
    def scanned(self) -> int:
        """Of those, scanned."""
        ...
    @property
    def status(self) -> ScanStatus:
        """The status."""
        ...
    @property
    def unscanned(self) -> int:
        """Of those, not scanned (`scanned + unscanned = running`)."""
        ...
    @property
    def unscanned_images(self) -> tuple[str, ...]:
        """A digest of each unscanned image, sorted."""
        ...


ScanStatus = Literal["no_running_images", "not_scanned", "partial", "scanned"]
"""Whether running images have been scanned."""


Scanner = Literal["sca", "contextual_analysis", "secrets", "applications", "services", "iac", "exposures"]
"""A scanner that automatic scanning can run on runtime-observed images."""


SensorState = Literal["running", "failed", "failed_to_install", "disabled", "not_installed"]
"""The state of a node's runtime sensor."""


Series = Literal["running", "scanned", "unscanned", "critical", "high", "medium", "low", "unknown"]
"""One series of the chart."""


class SeriesSummary(Result, Protocol):
    """One series over the window's complete days."""
    @property
    def direction(self) -> Direction:
        """Which way it moved: the least-squares line through the complete
        days, from the first complete day to the last.
        """
        ...
    @property
    def first(self) -> Optional[int]:
        """Its value on the first complete day."""
        ...
    @property
    def fitted_change(self) -> Optional[float]:
        """The change along the fitted line from the first complete day to the
        last.
        """
        ...
    @property
    def last(self) -> Optional[int]:
        """Its value on the last complete day."""
        ...
    @property
    def outlook(self) -> Outlook:
        """What that means."""
        ...
    @property
    def series(self) -> Series:
        """The series."""
        ...


Severity = Literal["unknown", "low", "medium", "high", "critical"]
"""How serious a finding or violation is.

Ordered so that `Critical > High > Medium > Low > Unknown`: sorting in
descending order puts the most urgent first, and `max()` over a group gives
its worst severity (an `Unknown` never beats a known level).
"""


class SeverityCounts(Result, Protocol):
    """Counts by severity: distinct vulnerabilities by their group's highest
    severity in the funnel and the trend, findings in a platform listing.
    """
    @property
    def critical(self) -> int:
        """Critical."""
        ...
    @property
    def high(self) -> int:
        """High."""
        ...
    @property
    def low(self) -> int:
        """Low."""
        ...
    @property
    def medium(self) -> int:
        """Medium."""
        ...
    @property
    def unknown(self) -> int:
        """Unknown."""
        ...


class Skipped(Result, Protocol):
    """How many occurrences were left out, and why."""
    @property
    def malicious(self) -> int:
        """Malicious-package findings."""
        ...
    @property
    def not_running(self) -> int:
        """Findings on images that are not running."""
        ...
    @property
    def not_scanned(self) -> int:
        """Findings on running images the inventory says were not scanned."""
        ...


class Snapshot(Result, Protocol):
    """The running images at one instant."""
    @property
    def clusters(self) -> tuple[str, ...]:
        """The clusters that reported into it."""
        ...
    @property
    def expected_clusters(self) -> tuple[str, ...]:
        """The clusters that should have reported; empty when the caller does
        not know, and then the snapshot counts as covering every cluster.
        """
        ...
    @property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """The vulnerabilities of the running images' latest scans. Only the
        vulnerability id, its aliases and its severity are read; findings on
        images not running, on images not scanned, and malicious-package
        findings are left out, as the funnel leaves them out.
        """
        ...
    @property
    def running(self) -> tuple[RunningImage, ...]:
        """The running images, and whether each was scanned (none when left
        out: a snapshot that found nothing running).
        """
        ...
    @property
    def state(self) -> SnapshotState:
        """Whether its computation finished."""
        ...
    @property
    def taken_at(self) -> str:
        """When it was taken."""
        ...


SnapshotState = Literal["complete", "in_progress"]
"""Whether a snapshot's computation finished."""


class SortKey(Result, Protocol):
    """One sort key: a column and its direction."""
    @property
    def column(self) -> Column:
        """The column."""
        ...
    @property
    def descending(self) -> bool:
        """Highest first (the default)."""
        ...


Stage = Literal["all", "critical_high", "applicable", "with_fix", "validated_in_runtime"]
"""A stage of the funnel. Each is cumulative: a vulnerability reaches a
stage only if one of its occurrences meets that stage and every stage
before it.
"""


class StageChange(Result, Protocol):
    """How one stage changed."""
    @property
    def after(self) -> int:
        """Distinct vulnerabilities after."""
        ...
    @property
    def before(self) -> int:
        """Distinct vulnerabilities before."""
        ...
    @property
    def delta(self) -> int:
        """`after - before`."""
        ...
    @property
    def stage(self) -> Stage:
        """The stage."""
        ...
    @property
    def sudden_increase(self) -> bool:
        """Whether the increase passes the threshold."""
        ...


class StageCount(Result, Protocol):
    """Distinct vulnerabilities and distinct images at one stage."""
    @property
    def images(self) -> int:
        """Distinct images holding an occurrence at this stage."""
        ...
    @property
    def vulnerabilities(self) -> int:
        """Distinct vulnerabilities (alias groups) at this stage."""
        ...


class StageMovements(Result, Protocol):
    """What entered and left one stage."""
    @property
    def after(self) -> int:
        """Vulnerabilities at this stage after."""
        ...
    @property
    def before(self) -> int:
        """Vulnerabilities at this stage before."""
        ...
    @property
    def entered(self) -> tuple[Movement, ...]:
        """What entered, in id order."""
        ...
    @property
    def entered_by_cause(self) -> tuple[CauseCount, ...]:
        """What entered, by cause."""
        ...
    @property
    def left(self) -> tuple[Movement, ...]:
        """What left, in id order."""
        ...
    @property
    def left_by_cause(self) -> tuple[CauseCount, ...]:
        """What left, by cause."""
        ...
    @property
    def stage(self) -> Stage:
        """The stage."""
        ...


StopReason = Literal["not_critical_high", "not_applicable", "applicability_undecided", "no_fix", "fix_unknown", "not_loaded", "runtime_unavailable"]
"""Why a vulnerability stopped before the next stage of the funnel."""


class TablePage(Result, Protocol):
    """One page of a query's rows."""
    @property
    def offset(self) -> int:
        """The offset asked for."""
        ...
    @property
    def rows(self) -> tuple[VulnerabilityRow, ...]:
        """The rows of this page, in order."""
        ...
    @property
    def total(self) -> int:
        """How many rows the filters keep, over all pages."""
        ...


class TableQuery(Result, Protocol):
    """What to show of a table: filters (all must hold; a list holds when the
    row has any of its values), a sort and a page. The default shows every row
    in priority order.
    """
    @property
    def applicability(self) -> tuple[Applicability, ...]:
        """Rows with an occurrence of one of these applicabilities."""
        ...
    @property
    def cluster(self) -> Optional[str]:
        """Rows on an image running in this cluster."""
        ...
    @property
    def fix(self) -> tuple[FixState, ...]:
        """Rows with an occurrence of one of these fix states."""
        ...
    @property
    def id(self) -> Optional[str]:
        """Rows whose id or an alias contains this text (any case)."""
        ...
    @property
    def image(self) -> Optional[str]:
        """Rows on an image with this digest, or deployed by a reference
        containing this text.
        """
        ...
    @property
    def images_per_row(self) -> int:
        """The most images listed per row (its `image_count` counts them all):
        a vulnerability on 40,000 images is a page of its own otherwise.
        Default 10; the table's `rows()` lists every image.
        """
        ...
    @property
    def kev(self) -> Optional[bool]:
        """Rows known exploited (`true`) or not (`false`)."""
        ...
    @property
    def limit(self) -> Optional[int]:
        """The most rows to return; none returns every row after the offset."""
        ...
    @property
    def min_epss(self) -> Optional[float]:
        """Rows with an EPSS score of at least this."""
        ...
    @property
    def namespace(self) -> Optional[str]:
        """Rows on an image running in a namespace of this name."""
        ...
    @property
    def offset(self) -> int:
        """Rows to skip."""
        ...
    @property
    def package(self) -> Optional[str]:
        """Rows found in a package whose name contains this text (any case)."""
        ...
    @property
    def runtime(self) -> tuple[RuntimeEvidence, ...]:
        """Rows with an occurrence of one of these runtime evidences."""
        ...
    @property
    def severity(self) -> tuple[Severity, ...]:
        """Rows of one of these severities."""
        ...
    @property
    def sort(self) -> tuple[SortKey, ...]:
        """The sort, first key first; empty is the priority."""
        ...
    @property
    def stage(self) -> Optional[Stage]:
        """Rows that reached at least this stage: the drill-down from a funnel
        stage (`applicable` gives the Applicable stage's rows).
        """
        ...
    @property
    def stopped(self) -> tuple[StopReason, ...]:
        """Rows that stopped for one of these reasons."""
        ...
    @property
    def stopped_at(self) -> Optional[Stage]:
        """Rows whose deepest stage is exactly this one."""
        ...
    @property
    def workload(self) -> Optional[str]:
        """Rows on an image a workload of this name runs."""
        ...


class TagClass(Result, Protocol):
    """Whether a tag is mutable, and the rule that decided it."""
    @property
    def explanation(self) -> str: ...
    @property
    def is_mutable(self) -> bool: ...
    @property
    def mutability(self) -> Mutability: ...
    @property
    def rule(self) -> TagRule: ...


class TagPolicyWords(Result, Protocol):
    """Decides whether an image tag is mutable, with the rule that decided.

    The default policy ([`TagPolicy::new`]) applies these rules, first match wins:

    | rule | mutable | examples |
    |---|---|---|
    | `no_tag` | yes | `nginx` (Kubernetes pulls `latest`) |
    | `digest_pinned` | no | `nginx:1.25@sha256:…` |
    | `keyword` | yes | `latest`, `Stable`, `nightly`, `lts` |
    | `commit` | no | `3f2a9c1`, `sha-3f2a9c1`, `main-3f2a9c1` |
    | `date` | no | `20240101`, `nightly-2024-01-01`, `2024.01.15` |
    | `pull_request` | yes | `pr-123` |
    | `full_version` | no | `1.2.3`, `v1.2.3-alpine`, `1.0.0-rc.1`, `1.2.3.4` |
    | `build_number` | no | `build-1234`, `nightly-42` |
    | `keyword_variant` | yes | `stable-alpine`, `3-latest`, `1.4.0-SNAPSHOT` |
    | `partial_version` | yes | `1`, `v1.2`, `3-alpine`, `1.25-alpine` |
    | `variant` | yes | `alpine`, `bookworm-slim`, `alpine3.19` |
    | `unrecognized` | no | anything else |

    A tag is cut into tokens at `-` and `_`. Keywords match a whole token
    regardless of case. A keyword followed by a date, build number or commit
    names one build (`nightly-20240101` is immutable). Commits are 7 to 64
    lower-case hex characters with at least one letter.

    [`TagPolicy::keywords_only`] reproduces the product documentation
    literally: only the keyword list is mutable. Both presets accept added and
    removed keywords.
    """
    @property
    def keywords(self) -> WordSet: ...
    @property
    def keywords_only(self) -> bool: ...
    @property
    def variants(self) -> WordSet: ...


TagRule = Literal["no_tag", "digest_pinned", "keyword", "keyword_variant", "pull_request", "partial_version", "variant", "full_version", "commit", "date", "build_number", "not_keyword", "unrecognized"]
"""The rule that decided a tag's mutability. Each has a stable code and a
sentence that explains it.
"""


class TagTimeline(Result, Protocol):
    """When the workload was deployed and when its tag was pushed again."""
    @property
    def deployed_at(self) -> Optional[str]:
        """When the workload was deployed, if known."""
        ...
    @property
    def elapsed_seconds(self) -> Optional[int]:
        """`tag_updated_at - deployed_at` in seconds, when both are known.
        Negative when the tag was pushed before the deployment, which means the
        node ran an image it had cached.
        """
        ...
    @property
    def tag_updated_at(self) -> Optional[str]:
        """When the tag was last pushed, if the registry reports it."""
        ...


class Trend(Result, Protocol):
    """The trend over a window of days."""
    @property
    def days(self) -> tuple[DayBucket, ...]:
        """One bucket per day, oldest first, the last one today."""
        ...
    @property
    def outside_window(self) -> OutsideWindow:
        """Snapshots that fell in no bucket."""
        ...
    @property
    def summary(self) -> TrendSummary:
        """What the window says, for the reader."""
        ...
    @property
    def zone(self) -> DayZone:
        """The zone whose calendar days make the buckets."""
        ...


class TrendRequest(Result, Protocol):
    """A trend asked for as the bindings ask it: the instant whose day ends the
    window, and each option only when given (the others keep
    [`TrendOptions`]' defaults, written once, there).
    """
    @property
    def carry_forward_days(self) -> Optional[int]:
        """How many missing days a complete day may fill, flagged (0 by
        default).
        """
        ...
    @property
    def days(self) -> Optional[int]:
        """How many days the window holds (30 by default)."""
        ...
    @property
    def flat_within_percent(self) -> Optional[int]:
        """Within what percent of its mean a series' change is flat (5 by
        default).
        """
        ...
    @property
    def now(self) -> str:
        """The day that contains it ends the window."""
        ...
    @property
    def zone(self) -> Optional[str]:
        """The IANA zone of the days (`UTC` by default)."""
        ...


class TrendResult(Result, Protocol):
    """A trend and its numbers as one array per series: what a chart reads."""
    @property
    def series(self) -> TrendSeries:
        """The same numbers, one array per series."""
        ...
    @property
    def trend(self) -> Trend:
        """The trend, day by day."""
        ...


class TrendSeries(Result, Protocol):
    """The trend as one array per series, index `i` being `dates[i]`: `null`
    where a day has no numbers, so a chart draws a gap, never a zero.
    """
    @property
    def carried(self) -> tuple[bool, ...]:
        """Whether each day's numbers were carried forward."""
        ...
    @property
    def critical(self) -> tuple[Optional[int], ...]:
        """Critical vulnerabilities."""
        ...
    @property
    def dates(self) -> tuple[str, ...]:
        """The dates."""
        ...
    @property
    def high(self) -> tuple[Optional[int], ...]:
        """High."""
        ...
    @property
    def low(self) -> tuple[Optional[int], ...]:
        """Low."""
        ...
    @property
    def medium(self) -> tuple[Optional[int], ...]:
        """Medium."""
        ...
    @property
    def running(self) -> tuple[Optional[int], ...]:
        """Running images."""
        ...
    @property
    def scanned(self) -> tuple[Optional[int], ...]:
        """Scanned images."""
        ...
    @property
    def states(self) -> tuple[DayState, ...]:
        """Each day's state."""
        ...
    @property
    def unknown(self) -> tuple[Optional[int], ...]:
        """Unknown severity."""
        ...
    @property
    def unscanned(self) -> tuple[Optional[int], ...]:
        """Unscanned images."""
        ...


class TrendSummary(Result, Protocol):
    """What the window says."""
    @property
    def days(self) -> DayStates:
        """How many days of each state."""
        ...
    @property
    def series(self) -> tuple[SeriesSummary, ...]:
        """Every series, in chart order."""
        ...
    @property
    def warning_signs(self) -> tuple[WarningSign, ...]:
        """The warning signs that show, most severe first."""
        ...


class Undecided(Result, Protocol):
    """Vulnerabilities the funnel could not take further because a fact was
    missing: a missing contextual-analysis run shows here instead of
    silently shrinking the funnel.
    """
    @property
    def applicability(self) -> int:
        """Critical or High, stopped because applicability is undetermined, not
        covered or not scanned.
        """
        ...
    @property
    def fix(self) -> int:
        """Applicable, stopped because the fix state is unknown."""
        ...
    @property
    def runtime(self) -> int:
        """Fixable, stopped because no sensor watches the image (only counted
        when the runtime stage is shown).
        """
        ...


class Unmet(Result, Protocol):
    """An unmet prerequisite."""
    @property
    def action(self) -> str:
        """What to do."""
        ...
    @property
    def clusters(self) -> Optional[tuple[str, ...]]:
        """The clusters concerned (for automatic scanning: connected clusters
        without SCA or contextual analysis).
        """
        ...
    @property
    def impact(self) -> str:
        """What the dashboard lacks."""
        ...
    @property
    def prerequisite(self) -> Prerequisite:
        """Which."""
        ...


class VexApplied(Result, Protocol):
    """Findings after a VEX document, and what applying it did."""
    @property
    def findings(self) -> tuple[Occurrence, ...]:
        """The findings that remain, updated."""
        ...
    @property
    def outcome(self) -> VexOutcome:
        """What applying did."""
        ...


class VexDocument(Result, Protocol):
    """A VEX document as statements."""
    @property
    def statements(self) -> tuple[VexStatement, ...]:
        """Its statements, in document order."""
        ...
    @property
    def warnings(self) -> tuple[IngestWarning, ...]:
        """What could not be read (a product named only by a CPE or a name,
        which no finding can be matched to, say).
        """
        ...


class VexOutcome(Result, Protocol):
    """What applying a VEX document did."""
    @property
    def affected(self) -> int:
        """Occurrences confirmed affected (now applicable)."""
        ...
    @property
    def fixed(self) -> int:
        """Occurrences removed as fixed."""
        ...
    @property
    def not_affected(self) -> int:
        """Occurrences removed as not affected."""
        ...
    @property
    def under_investigation(self) -> int:
        """Occurrences now undetermined, under investigation."""
        ...
    @property
    def unused_statements(self) -> int:
        """Statements that applied to no occurrence."""
        ...


class VexProduct(Result, Protocol):
    """A product a statement names."""
    @property
    def image(self) -> Optional[Digest]:
        """An image, by digest; `None` for any image."""
        ...
    @property
    def package(self) -> Optional[Purl]:
        """A package; `None` for every package of the image."""
        ...


class VexStatement(Result, Protocol):
    """One statement."""
    @property
    def aliases(self) -> tuple[str, ...]:
        """Its aliases, when the document gives them."""
        ...
    @property
    def justification(self) -> Optional[str]:
        """Why, when it says (`vulnerable_code_not_present`, ...)."""
        ...
    @property
    def products(self) -> tuple[VexProduct, ...]:
        """The products it speaks of."""
        ...
    @property
    def status(self) -> VexStatus:
        """What it says."""
        ...
    @property
    def vulnerability(self) -> str:
        """The vulnerability id."""
        ...


VexStatus = Literal["not_affected", "affected", "fixed", "under_investigation"]
"""What a statement says of its products."""


class Violation(Result, Protocol):
    """An integrity violation, explained: evidence, location, recommendations."""
    @property
    def evidence(self) -> Evidence:
        """What was found."""
        ...
    @property
    def image(self) -> ImageRefString:
        """The image as the Pod spec names it."""
        ...
    @property
    def kind(self) -> ViolationKind:
        """The kind of violation."""
        ...
    @property
    def location(self) -> Location:
        """Where it was found."""
        ...
    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """What to do, in order."""
        ...
    @property
    def severity(self) -> Severity:
        """Its severity (follows from the kind)."""
        ...


ViolationKind = Literal["digest_mismatch", "missing_source", "post_deployment_tag_update"]
"""An integrity violation's kind, each with a fixed severity."""


class VulnerabilityRow(Result, Protocol):
    """One distinct vulnerability (alias group) on scanned running images."""
    @property
    def aliases(self) -> tuple[str, ...]:
        """The group's other ids, sorted."""
        ...
    @property
    def applicability(self) -> tuple[Applicability, ...]:
        """What contextual analysis concluded, over its occurrences."""
        ...
    @property
    def cluster_count(self) -> int:
        """How many clusters run those images."""
        ...
    @property
    def cvss(self) -> tuple[CvssScore, ...]:
        """CVSS scores the scanners gave."""
        ...
    @property
    def epss(self) -> Optional[EpssSignal]:
        """Its EPSS score, when enrichment scores one of its CVE ids."""
        ...
    @property
    def fix_states(self) -> tuple[FixState, ...]:
        """The fix states of its occurrences."""
        ...
    @property
    def id(self) -> str:
        """The group's id: its CVE id when it has one, else its smallest id in
        byte order.
        """
        ...
    @property
    def image_count(self) -> int:
        """How many images it is on."""
        ...
    @property
    def images(self) -> tuple[RowImage, ...]:
        """The images it is on, with where they run."""
        ...
    @property
    def kev(self) -> Optional[KevSignal]:
        """Its KEV entry, when one of its CVE ids is known exploited."""
        ...
    @property
    def loaded_images(self) -> int:
        """On how many of its images the package was seen loaded."""
        ...
    @property
    def packages(self) -> tuple[RowPackage, ...]:
        """The packages it is found in."""
        ...
    @property
    def runtime(self) -> tuple[RuntimeEvidence, ...]:
        """What the runtime sensors saw, over its occurrences."""
        ...
    @property
    def severity(self) -> Severity:
        """The highest severity of its occurrences."""
        ...
    @property
    def severity_sources(self) -> tuple[str, ...]:
        """Where the severities came from (`nvd`, `debian`, ...), sorted."""
        ...
    @property
    def stage(self) -> Stage:
        """The deepest funnel stage reached (one occurrence meeting every stage
        up to it, as the funnel counts).
        """
        ...
    @property
    def stopped(self) -> Optional[StopReason]:
        """Why it went no further; absent at the last stage shown."""
        ...
    @property
    def workload_count(self) -> int:
        """How many distinct workloads run those images."""
        ...


WarningCode = Literal["unparsable_entry", "unknown_severity", "unknown_fix_status", "no_image_digest", "invalid_digest", "unknown_status", "partial_listing", "inconsistent_listing", "duplicate_entry"]
"""What an adapter noticed and worked around."""


class WarningSignRisingUnscanned(Result, Protocol):
    """Unscanned images are rising."""
    @property
    def first(self) -> int:
        """On the first complete day."""
        ...
    @property
    def kind(self) -> Literal["rising_unscanned"]: ...
    @property
    def last(self) -> int:
        """On the last complete day."""
        ...


class WarningSignRisingVulnerabilities(Result, Protocol):
    """Vulnerabilities of one severity are rising."""
    @property
    def first(self) -> int:
        """On the first complete day."""
        ...
    @property
    def kind(self) -> Literal["rising_vulnerabilities"]: ...
    @property
    def last(self) -> int:
        """On the last complete day."""
        ...
    @property
    def severity(self) -> Severity:
        """The severity."""
        ...


WarningSign = Union["WarningSignRisingUnscanned", "WarningSignRisingVulnerabilities"]
"""A documented warning sign: "a rising count of unscanned images or
increasing vulnerability numbers may indicate that new workloads are
being deployed without adequate scan coverage".
"""


class WordChanges(Result, Protocol):
    """Words to add to or remove from a policy, for [`TagPolicy::with_changes`]:
    the options the bindings' policy constructors take. Every list is
    optional in its serde form.
    """
    @property
    def add_keywords(self) -> tuple[str, ...]:
        """Channel keywords to add (each a valid tag; any case)."""
        ...
    @property
    def add_variants(self) -> tuple[str, ...]:
        """Variant words to add (each a valid tag; any case)."""
        ...
    @property
    def remove_keywords(self) -> tuple[str, ...]:
        """Channel keywords to remove (any case)."""
        ...
    @property
    def remove_variants(self) -> tuple[str, ...]:
        """Variant words to remove (any case)."""
        ...


WordSet = tuple[str, ...]
"""A set of ASCII words, looked up without regard to case, without allocating.

Words are kept lower-case in buckets keyed by their first letter and
length, so a lookup compares against one candidate at most, usually.
"""


class Workload(Result, Protocol):
    """The Kubernetes workload that owns a container."""
    @property
    def kind(self) -> WorkloadKind:
        """The workload's kind."""
        ...
    @property
    def name(self) -> str:
        """The workload's name."""
        ...


WorkloadKind = Union[Literal["deployment"], Literal["stateful_set"], Literal["daemon_set"], Literal["replica_set"], Literal["job"], Literal["cron_job"], Literal["pod"], str]
"""The kind of a Kubernetes workload."""


class WorkloadLocation(Result, Protocol):
    """Where a workload runs, as a listing names it."""
    @property
    def cluster(self) -> str:
        """The cluster."""
        ...
    @property
    def name(self) -> str:
        """The workload's name."""
        ...
    @property
    def namespace(self) -> str:
        """The namespace."""
        ...


__all__ = [
    "Result",
    "Action",
    "Applicability",
    "Artifact",
    "CauseCount",
    "ChangeCause",
    "ChangeExplained",
    "ChangedFact",
    "Cluster",
    "ClusterHealth",
    "ClusterMode",
    "Column",
    "Condition",
    "ConfigurationChange",
    "ControllerState",
    "Coverage",
    "CriticalApplicable",
    "CvssScore",
    "DayBucket",
    "DayCounts",
    "DayState",
    "DayStates",
    "DayZone",
    "Deployment",
    "Digest",
    "DigestComparison",
    "Direction",
    "DisableLabel",
    "EnrichmentData",
    "EnvironmentState",
    "Epss",
    "EpssSignal",
    "EvidenceDigestMismatch",
    "EvidenceMissingSource",
    "EvidencePostDeploymentTagUpdate",
    "Evidence",
    "Fix",
    "FixState",
    "Funnel",
    "FunnelChange",
    "FunnelResult",
    "HealthProblemControllerNotRunning",
    "HealthProblemSensorFailed",
    "HealthProblemSensorFailedToInstall",
    "HealthProblemSensorMissing",
    "HealthProblem",
    "Highlights",
    "Horizon",
    "ImageColumn",
    "ImageIdKind",
    "ImageIdParts",
    "ImageIdString",
    "ImageIntegrity",
    "ImageRefParts",
    "ImageRefString",
    "ImageReport",
    "ImageRow",
    "ImageSortKey",
    "ImagesPage",
    "ImagesQuery",
    "IncreaseThreshold",
    "IngestWarning",
    "Ingested",
    "Installation",
    "InstallationStatus",
    "IntegrityAssessment",
    "IntegrityFacts",
    "IntegrityStatus",
    "IntegrityViolations",
    "KevEntry",
    "KevSignal",
    "ListingPages",
    "Location",
    "MaliciousPackageRow",
    "MaliciousPackages",
    "Movement",
    "Mutability",
    "Node",
    "NodeCounts",
    "NodeHealth",
    "ObservedImage",
    "Occurrence",
    "Outlook",
    "OutsideWindow",
    "OwningWorkload",
    "Package",
    "PlanReason",
    "PlannedScan",
    "PlatformClusters",
    "PlatformComponent",
    "PlatformEvidence",
    "PlatformImage",
    "PlatformImageTag",
    "PlatformImageTags",
    "PlatformImages",
    "PlatformMalicious",
    "PlatformProcess",
    "PlatformScan",
    "PlatformVulnerability",
    "PlatformWorkload",
    "PlatformWorkloads",
    "PodInventory",
    "Prerequisite",
    "ProbableCause",
    "Purl",
    "Readiness",
    "ReasonRegistryTrusted",
    "ReasonRegistryNotTrusted",
    "ReasonRegistryUnavailable",
    "ReasonArtifactNotFound",
    "ReasonRuntimeIdNotComparable",
    "ReasonDigestMatches",
    "ReasonDigestDiffers",
    "ReasonTagClassified",
    "Reason",
    "Recommendation",
    "Reconfigured",
    "RegistryAnswerFound",
    "RegistryAnswerNotFound",
    "RegistryAnswerUnavailable",
    "RegistryAnswer",
    "ReportWorkload",
    "Risk",
    "RowImage",
    "RowPackage",
    "RowWorkload",
    "RunningContainer",
    "RunningImage",
    "RuntimeEvidence",
    "RuntimeMarked",
    "RuntimeMarks",
    "RuntimeStatus",
    "RuntimeValidation",
    "ScanConfiguration",
    "ScanConfigurations",
    "ScanPlan",
    "ScanReport",
    "ScanStatus",
    "Scanner",
    "SensorState",
    "Series",
    "SeriesSummary",
    "Severity",
    "SeverityCounts",
    "Skipped",
    "Snapshot",
    "SnapshotState",
    "SortKey",
    "Stage",
    "StageChange",
    "StageCount",
    "StageMovements",
    "StopReason",
    "TablePage",
    "TableQuery",
    "TagClass",
    "TagPolicyWords",
    "TagRule",
    "TagTimeline",
    "Trend",
    "TrendRequest",
    "TrendResult",
    "TrendSeries",
    "TrendSummary",
    "Undecided",
    "Unmet",
    "VexApplied",
    "VexDocument",
    "VexOutcome",
    "VexProduct",
    "VexStatement",
    "VexStatus",
    "Violation",
    "ViolationKind",
    "VulnerabilityRow",
    "WarningCode",
    "WarningSignRisingUnscanned",
    "WarningSignRisingVulnerabilities",
    "WarningSign",
    "WordChanges",
    "WordSet",
    "Workload",
    "WorkloadKind",
    "WorkloadLocation",
]
