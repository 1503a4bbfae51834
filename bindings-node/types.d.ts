/* The shapes of kubesight's plain-object inputs and results: the Rust serde
 * forms with camelCase field names. Enum values are the stable codes. */

/** What every call throws for bad input (asynchronous calls reject with it):
 * `code` is the stable code, `details` what the error is about (the core
 * error's fields by name, a cause nested as `{ code, ... }`). */
export interface KubesightError extends Error { code: string; details: Record<string, unknown> }

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown'
export type TagRule =
  | 'no_tag' | 'digest_pinned' | 'keyword' | 'commit' | 'date' | 'pull_request' | 'full_version'
  | 'build_number' | 'keyword_variant' | 'partial_version' | 'variant' | 'not_keyword' | 'unrecognized'
export interface TagClass { rule: TagRule; mutability: 'mutable' | 'immutable'; isMutable: boolean; explanation: string }
export interface ImageRefParts { string: string; domain: string; path: string; name: string; tag: string | null; digest: string | null; familiar: string }
export interface ImageIdParts { string: string; digest: string; kind: 'repository_digest' | 'local_image_id'; repository: string | null }
export type Applicability = 'applicable' | 'not_applicable' | 'undetermined' | 'not_covered' | 'not_scanned' | 'rescan_required' | 'upgrade_required'
export type FixState = 'fixed' | 'not_fixed' | 'wont_fix' | 'unknown'
export type RuntimeEvidence = 'loaded' | 'not_observed' | 'unavailable'
export type IntegrityStatus = 'no_issues' | 'untrusted_registry' | 'invalid_image_source' | 'invalid_image_integrity'
export type ViolationKind = 'digest_mismatch' | 'missing_source' | 'post_deployment_tag_update'
export type InstallationStatus = 'no_runtime_installed' | 'controller_only' | 'full'
export type ScanStatus = 'no_running_images' | 'not_scanned' | 'partial' | 'scanned'
export type ControllerState = 'running' | 'failed' | 'not_installed'
export type SensorState = 'running' | 'failed' | 'failed_to_install' | 'disabled' | 'not_installed'
export type Scanner = 'sca' | 'contextual_analysis' | 'secrets' | 'applications' | 'services' | 'iac' | 'exposures'
export type DayState = 'complete' | 'calculating' | 'partial' | 'missing'
/** An instant: a `Date`, or an ISO-8601 string with an offset. */
export type Instant = Date | string

export interface RunningImage { digests: string[]; scanned: boolean; monitored?: boolean }
export interface Package { name: string; version: string; ecosystem?: string; purl?: string }
export interface Occurrence {
  image: string[]
  vulnerability: string
  aliases?: string[]
  package?: Package
  severity?: Severity
  severitySource?: string
  applicability?: Applicability
  fix?: { state?: FixState; versions?: string[] }
  runtime?: RuntimeEvidence
  malicious?: boolean
}
export interface StageCount { vulnerabilities: number; images: number }
export interface SeverityCounts { critical: number; high: number; medium: number; low: number; unknown: number }
export interface Funnel {
  all: StageCount
  criticalHigh: StageCount
  applicable: StageCount
  withFix: StageCount
  validatedInRuntime: StageCount | null
  undecided: { applicability: number; fix: number; runtime: number }
  bySeverity: SeverityCounts
  occurrences: number
}
export interface Skipped { malicious: number; notRunning: number; notScanned: number }
export interface FunnelResult { funnel: Funnel; skipped: Skipped }

export type RegistryAnswer =
  | { answer: 'found'; digest: string; platformDigests?: string[]; configDigest?: string; url?: string; tagUpdatedAt?: Instant }
  | { answer: 'not_found'; registryPath?: string }
  | { answer: 'unavailable'; reason: string }
export interface IntegrityFacts {
  image: string
  imageId: string
  registry: RegistryAnswer
  cluster: string
  namespace: string
  workload: { kind: string; name: string }
  node: string
  deployedAt?: Instant
  firstDetected?: Instant
}
export interface Violation {
  kind: ViolationKind
  severity: Severity
  image: string
  evidence: Record<string, unknown>
  location: Record<string, unknown>
  recommendations: Array<Record<string, unknown>>
}
export interface IntegrityAssessment {
  status: IntegrityStatus | null
  violation: Violation | null
  reasons: Array<Record<string, unknown>>
  [field: string]: unknown
}
export interface Highlights {
  maliciousPackages: { packages: number; images: number }
  criticalApplicable: { vulnerabilities: number; images: number }
  integrityViolations: { images: number; digestMismatch: number; missingSource: number; postDeploymentTagUpdate: number }
}

export interface Node { name: string; labels?: Record<string, string>; sensor: SensorState; status?: string; id?: string; hostname?: string; architecture?: string; region?: string; internalIp?: string; internalDns?: string; sensorVersion?: string; sensorLastUpdated?: string; monitoredAt?: string }
export interface NodeCounts { nodes: number | null; running: number | null; failed: number | null; failedToInstall: number | null; disabled: number | null }
export interface Cluster { name: string; controller: ControllerState; nodes?: Node[]; id?: string; controllerVersion?: string; controllerLastUpdated?: string; monitoredAt?: string; provider?: string; regions?: string[]; nodeCounts?: NodeCounts }
export interface DisableLabel { key: string; value: string }
export interface Installation { status: InstallationStatus; connectedClusters: string[]; clustersWithSensors: string[]; [field: string]: unknown }
export interface ClusterHealth { cluster: string; controller: ControllerState; monitoredCorrectly: boolean; nodes: Array<{ node: string; sensor: SensorState }> | null; problems: Array<Record<string, unknown>>; [field: string]: unknown }
export interface ScanReport { status: ScanStatus; running: number; scanned: number; unscanned: number; unscannedImages: string[] }
export interface ScanConfiguration { scanners: Scanner[]; retentionDays?: number }
/** Scan configurations by cluster name. */
export type ScanConfigurations = Record<string, ScanConfiguration>
export interface Reconfigured { configurations: ScanConfigurations; changes: ConfigurationChange[] }
export interface ConfigurationChange { cluster: string; enabled: Scanner[]; disabled: Scanner[]; retention: [number | null, number | null] }
export interface Coverage { clusters: number; byScanner: Record<string, number> }
export interface Readiness { ready: boolean; unmet: Array<{ prerequisite: string; impact: string; action: string; clusters: string[] }> }
export interface ObservedImage { image: string; clusters: string[]; scannedWith?: Scanner[] }
export interface ScanPlan { scans: Array<{ image: string; scanners: Scanner[]; reason: string }>; [field: string]: unknown }

export interface Snapshot {
  takenAt: Instant
  state?: 'complete' | 'in_progress'
  clusters?: string[]
  expectedClusters?: string[]
  running: RunningImage[]
  occurrences?: Occurrence[]
}
export interface DayBucket {
  date: string
  start: string
  end: string
  state: DayState
  snapshotTakenAt: string | null
  carriedFrom: string | null
  missingClusters?: string[]
  snapshots: number
  counts: { running: number; scanned: number; unscanned: number; vulnerabilities: SeverityCounts } | null
  skipped: Skipped
}
export interface TrendResult {
  trend: { zone: string; days: DayBucket[]; outsideWindow: { before: number; afterNow: number }; summary: Record<string, unknown> }
  series: { dates: string[]; states: DayState[]; carried: boolean[]; running: Array<number | null>; scanned: Array<number | null>; unscanned: Array<number | null>; critical: Array<number | null>; high: Array<number | null>; medium: Array<number | null>; low: Array<number | null>; unknown: Array<number | null> }
}

export interface IngestWarning { code: string; at: string; message: string }
export interface ImageReport { artifact?: string; digests: string[]; workload?: { cluster?: string; namespace: string; kind: string; name: string }; occurrences: Occurrence[]; suppressed: number }
export interface Ingested { reports: ImageReport[]; warnings: IngestWarning[] }
export interface PodInventory { containers: Array<Record<string, unknown>>; warnings: IngestWarning[] }
export interface ListingPages { pages: number; entries: number; totalCount?: number; nextKey?: string }
export interface PlatformClusters { clusters: Cluster[]; listing: ListingPages; warnings: IngestWarning[] }
export type Risk = 'malicious' | 'untrusted_registry' | 'integrity_violation' | 'critical_applicable_cves'
export interface PlatformComponent { id?: string; name: string; version: string; ecosystem?: string; purl?: string }
export interface PlatformVulnerability { cveId?: string; xrayId?: string; severity: Severity; cvssV2?: number; cvssV3?: number; applicability: Applicability; components: PlatformComponent[] }
export interface PlatformMalicious { xrayId?: string; components: PlatformComponent[] }
export interface WorkloadLocation { cluster: string; namespace: string; name: string }
export type RuntimeStatus = 'running' | 'stopped' | 'unknown'
export interface PlatformImageTag { name: string; tag?: string; registry?: string; repositoryPath?: string; architecture?: string; imageDigest?: string; digests: string[]; runtimeStatus: RuntimeStatus; scanned: boolean; risks: Risk[]; vulnerabilities: PlatformVulnerability[]; maliciousPackages: PlatformMalicious[]; workloads: WorkloadLocation[] }
export interface PlatformEvidence { loaded: number; notObserved: number; unavailable: number; monitoredImages: number; unmatchedProcesses: number }
export interface PlatformImageTags { tags: PlatformImageTag[]; reports: ImageReport[]; runningImages: RunningImage[]; listing: ListingPages; evidence?: PlatformEvidence; warnings: IngestWarning[] }
export interface PlatformProcess { name: string; path?: string; arguments?: string; runtimeStatus: RuntimeStatus; risks: Risk[]; vulnerabilities: PlatformVulnerability[]; maliciousPackages: PlatformMalicious[]; processHash?: string; imageDigest?: string }
export interface PlatformWorkload { location: WorkloadLocation; runtimeStatus: RuntimeStatus; nodes: string[]; architecture?: string; risks: Risk[]; vulnerabilitiesCount?: number; processes: PlatformProcess[] }
export interface PlatformWorkloads { workloads: PlatformWorkload[]; listing: ListingPages; warnings: IngestWarning[] }
export interface PlatformImages { images: Array<Record<string, unknown>>; totalCount: number; scan: { status: ScanStatus; running: number; scanned: number }; warnings: IngestWarning[] }
export interface VexDocument { statements: Array<Record<string, unknown>>; warnings: IngestWarning[] }
export interface VexApplied { findings: Occurrence[]; outcome: VexOutcome }
export interface VexOutcome { notAffected: number; fixed: number; affected: number; underInvestigation: number; unusedStatements: number }
export interface RuntimeMarked { findings: Occurrence[]; marks: RuntimeMarks }
export interface OwningWorkload { kind: string; name: string }
export interface RuntimeMarks { loaded: number; notObserved: number; unmatched: number }
