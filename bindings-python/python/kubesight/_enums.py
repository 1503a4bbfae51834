"""The core's enumerations as ``str`` enums whose values are the stable
codes, so results compare, filter and group by plain strings as well."""

from __future__ import annotations

from enum import Enum


class _Code(str, Enum):
    def __str__(self) -> str:
        return str(self.value)


class Severity(_Code):
    """A vulnerability's severity, most severe first."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    UNKNOWN = "unknown"


class Mutability(_Code):
    """Whether a tag may point to other content later."""

    MUTABLE = "mutable"
    IMMUTABLE = "immutable"


class TagRule(_Code):
    """The rule that classified a tag."""

    NO_TAG = "no_tag"
    DIGEST_PINNED = "digest_pinned"
    KEYWORD = "keyword"
    KEYWORD_VARIANT = "keyword_variant"
    PULL_REQUEST = "pull_request"
    PARTIAL_VERSION = "partial_version"
    VARIANT = "variant"
    FULL_VERSION = "full_version"
    COMMIT = "commit"
    DATE = "date"
    BUILD_NUMBER = "build_number"
    NOT_KEYWORD = "not_keyword"
    UNRECOGNIZED = "unrecognized"


class IntegrityStatus(_Code):
    """A running image's integrity status."""

    NO_ISSUES = "no_issues"
    INVALID_IMAGE_SOURCE = "invalid_image_source"
    INVALID_IMAGE_INTEGRITY = "invalid_image_integrity"
    UNTRUSTED_REGISTRY = "untrusted_registry"


class ViolationKind(_Code):
    """The kind of an integrity violation."""

    MISSING_SOURCE = "missing_source"
    DIGEST_MISMATCH = "digest_mismatch"
    POST_DEPLOYMENT_TAG_UPDATE = "post_deployment_tag_update"


class Applicability(_Code):
    """What contextual analysis concluded about a finding."""

    APPLICABLE = "applicable"
    NOT_APPLICABLE = "not_applicable"
    UNDETERMINED = "undetermined"
    NOT_COVERED = "not_covered"
    NOT_SCANNED = "not_scanned"
    RESCAN_REQUIRED = "rescan_required"
    UPGRADE_REQUIRED = "upgrade_required"


class FixState(_Code):
    """What the maintainer did about a vulnerability."""

    FIXED = "fixed"
    NOT_FIXED = "not_fixed"
    WONT_FIX = "wont_fix"
    UNKNOWN = "unknown"


class RuntimeEvidence(_Code):
    """What runtime sensors saw of a package."""

    LOADED = "loaded"
    NOT_OBSERVED = "not_observed"
    UNAVAILABLE = "unavailable"


class Stage(_Code):
    """A stage of the prioritization funnel, in funnel order."""

    ALL = "all"
    CRITICAL_HIGH = "critical_high"
    APPLICABLE = "applicable"
    WITH_FIX = "with_fix"
    VALIDATED_IN_RUNTIME = "validated_in_runtime"


class StopReason(_Code):
    """Why a vulnerability stopped before the next stage of the funnel."""

    NOT_CRITICAL_HIGH = "not_critical_high"
    NOT_APPLICABLE = "not_applicable"
    APPLICABILITY_UNDECIDED = "applicability_undecided"
    NO_FIX = "no_fix"
    FIX_UNKNOWN = "fix_unknown"
    NOT_LOADED = "not_loaded"
    RUNTIME_UNAVAILABLE = "runtime_unavailable"


class ChangeCause(_Code):
    """Why a vulnerability entered or left a funnel stage: the documented
    causes of a sudden increase, and what explains a decrease."""

    NEW_IMAGES_WITHOUT_SCANNING = "new_images_without_scanning"
    NEW_VULNERABILITY_DISCLOSURE = "new_vulnerability_disclosure"
    CLUSTER_CONFIGURATION_CHANGE = "cluster_configuration_change"
    IMAGES_REPLACED = "images_replaced"
    IMAGES_STOPPED = "images_stopped"
    PACKAGE_UPGRADED = "package_upgraded"
    SUPPRESSED_BY_VEX = "suppressed_by_vex"
    NO_LONGER_REPORTED = "no_longer_reported"


class InstallationStatus(_Code):
    """How much of the runtime is installed."""

    NO_RUNTIME_INSTALLED = "no_runtime_installed"
    CONTROLLER_ONLY = "controller_only"
    FULL = "full"


class ScanStatus(_Code):
    """Whether the running images were scanned."""

    NO_RUNNING_IMAGES = "no_running_images"
    NOT_SCANNED = "not_scanned"
    PARTIAL = "partial"
    SCANNED = "scanned"


class ControllerState(_Code):
    """A cluster's runtime controller."""

    RUNNING = "running"
    FAILED = "failed"
    NOT_INSTALLED = "not_installed"


class SensorState(_Code):
    """A node's runtime sensor."""

    RUNNING = "running"
    FAILED = "failed"
    FAILED_TO_INSTALL = "failed_to_install"
    DISABLED = "disabled"
    NOT_INSTALLED = "not_installed"


class Scanner(_Code):
    """A scanner of the automatic scanning configuration."""

    SCA = "sca"
    CONTEXTUAL_ANALYSIS = "contextual_analysis"
    SECRETS = "secrets"
    APPLICATIONS = "applications"
    SERVICES = "services"
    IAC = "iac"
    EXPOSURES = "exposures"


class DayState(_Code):
    """What a day of the trend can say."""

    COMPLETE = "complete"
    CALCULATING = "calculating"
    PARTIAL = "partial"
    MISSING = "missing"


class VexStatus(_Code):
    """What a VEX statement says of its products."""

    NOT_AFFECTED = "not_affected"
    AFFECTED = "affected"
    FIXED = "fixed"
    UNDER_INVESTIGATION = "under_investigation"
