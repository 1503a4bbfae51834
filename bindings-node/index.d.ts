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
/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/** A runtime image id as a container runtime reports it. */
export declare class ImageId {
  /** Parses an image id (`docker-pullable://nginx@sha256:…`, `sha256:…`). */
  static parse(imageId: string): ImageId
  /** Its digest. */
  get digest(): string
  /** `repository_digest` or `local_image_id`. */
  get kind(): 'repository_digest' | 'local_image_id'
  /** Whether it can be compared with a registry's digest. */
  isComparable(): boolean
  /** The repository, for a repository digest. */
  get repository(): string | null
  /** The fields as a plain object (what `JSON.stringify` writes). */
  toJSON(): ImageIdParts
  /** The id as reported. */
  toString(): string
}

/**
 * An image reference as written in a Pod spec, normalised
 * (`nginx:1.25` is `docker.io/library/nginx:1.25`).
 */
export declare class ImageRef {
  /** Parses a reference; throws an `Error` whose `code` names the reason. */
  static parse(reference: string): ImageRef
  /**
   * Parses many references given as one newline-separated string or
   * buffer; the first bad one throws.
   */
  static parseManyText(references: string | Buffer): Array<ImageRef>
  /** The registry host (`docker.io`). */
  get domain(): string
  /** The repository path (`library/nginx`). */
  get path(): string
  /** `domain/path`. */
  get name(): string
  /** The tag, if any. */
  get tag(): string | null
  /** The digest, if any. */
  get digest(): string | null
  /** The short form users write (`nginx:1.25`). */
  familiar(): string
  /** The normalised reference. */
  toString(): string
  /** The fields as a plain object (what `JSON.stringify` writes). */
  toJSON(): ImageRefParts
  /** Whether two references are the same. */
  equals(other: ImageRef): boolean
}

/**
 * Decides the integrity status of running containers. `trustedRegistries`
 * are registry patterns (`registry.acme.io`, `*.jfrog.io`,
 * `ghcr.io/acme/`); an empty list trusts nothing.
 */
export declare class IntegrityPolicy {
  /**
   * A policy trusting `trustedRegistries`, classifying tags with
   * `tagPolicy` (the default policy when absent).
   */
  constructor(trustedRegistries: Array<string>, tagPolicy?: TagPolicy | undefined | null)
  /** The trusted registry patterns. */
  get trustedRegistries(): Array<string>
  /**
   * Assesses one container (`IntegrityFacts`) as observed at
   * `observedAt` (a `Date` or an ISO-8601 string with an offset).
   */
  assess(facts: IntegrityFacts, observedAt: Date | string): IntegrityAssessment
  /** Assesses many containers in one call. */
  assessMany(facts: IntegrityFacts[], observedAt: Date | string): IntegrityAssessment[]
}

/** Decides whether tags are mutable. */
export declare class TagPolicy {
  /** The default policy, with words added or removed. */
  constructor(options?: TagPolicyOptions | undefined | null)
  /** Only the documented keywords make a tag mutable. */
  static keywordsOnly(): TagPolicy
  /** The channel keywords, sorted. */
  get keywords(): Array<string>
  /** The variant words, sorted. */
  get variants(): Array<string>
  /** Classifies one tag; throws for a tag that is not valid tag syntax. */
  classify(tag: string): TagClass
  /** Classifies the tag of a reference. */
  classifyReference(reference: ImageRef): TagClass
  /**
   * Classifies many tags given as one newline-separated string or
   * buffer, crossing into the addon once: the rule code of each tag, in
   * order. The first invalid tag throws.
   */
  classifyMany(tags: string | Buffer): TagRule[]
  /**
   * Classifies many tags given as one newline-separated string or buffer
   * into one byte per tag: the index of its rule in `tagRules()`. The
   * fastest batch: no string is created per tag. The first invalid tag
   * throws.
   */
  classifyManyIndexed(tags: string | Buffer): Uint8Array
  /** The policy's words, as an object `TagPolicy.fromJSON` reads back. */
  toJSON(): any
  /** A policy from its `toJSON()` form. */
  static fromJSON(data: any): TagPolicy
}

/** Applies a VEX document (as read) to findings: what remains and the outcome. */
export declare function applyVex(findings: Occurrence[], document: VexDocument): VexApplied

/**
 * Gives image tags (as read) the runtime evidence of a workloads listing
 * (as read) with the clusters' sensors: the image tags, updated.
 */
export declare function applyWorkloads(imageTags: PlatformImageTags, workloads: PlatformWorkloads, clusters: Cluster[], disableLabel?: DisableLabel): PlatformImageTags

/**
 * Applies one scan configuration to many clusters; an unknown cluster
 * throws and changes nothing.
 */
export declare function batchConfigure(configurations: ScanConfigurations, clusters: string[], configuration: ScanConfiguration): Reconfigured

/** The codes the binding raises itself, besides the core's. */
export declare function bindingErrorCodes(): Array<string>

/** One cluster's controller and sensor health, with a verdict. */
export declare function clusterHealth(cluster: Cluster, disableLabel?: DisableLabel): ClusterHealth

/** The prioritization funnel over `findings` on `runningImages`. */
export declare function computeFunnel(runningImages: RunningImage[], findings: Occurrence[], options: FunnelOptions): FunnelResult

/**
 * The funnel over JSON text, computed on a worker thread: resolves to the
 * same result as `computeFunnelJson`.
 */
export declare function computeFunnelAsync(runningImages: string | Buffer, findings: string | Buffer, options: FunnelOptions): Promise<FunnelResult>

/**
 * The funnel over findings given as one JSON text (a string or a UTF-8
 * buffer, camelCase keys), read in the addon: the fast path for large
 * inputs.
 */
export declare function computeFunnelJson(runningImages: string | Buffer, findings: string | Buffer, options: FunnelOptions): FunnelResult

/**
 * The running-images trend: a bucket per day with the summary (`trend`),
 * and one array per series (`series`).
 */
export declare function computeTrend(snapshots: Snapshot[], options: TrendOptions): TrendResult

/** The trend over JSON text, computed on a worker thread. */
export declare function computeTrendAsync(snapshots: string | Buffer, options: TrendOptions): Promise<TrendResult>

/** The trend over snapshots given as one JSON text. */
export declare function computeTrendJson(snapshots: string | Buffer, options: TrendOptions): TrendResult

/** How many clusters have each scanner. */
export declare function coverage(configurations: ScanConfigurations): Coverage

/**
 * How many distinct vulnerabilities the findings name (aliases count once,
 * two CVE ids never merge).
 */
export declare function distinctVulnerabilities(findings: Occurrence[]): number

/** Options of the funnel. */
export interface FunnelOptions {
  /**
   * Whether runtime sensors are installed (the installation status is
   * `full`): without them the last stage is absent, not zero.
   */
  runtimeValidation: boolean
}

/** The live-assessment highlights. */
export declare function highlights(runningImages: RunningImage[], findings: Occurrence[], violations?: Violation[]): Highlights

/** The installation status of a cluster inventory. */
export declare function installation(clusters: Cluster[], disableLabel?: DisableLabel): Installation

/**
 * Marks a full scan's findings loaded or not observed from a
 * runtime-filtered scan of the same image.
 */
export declare function markRuntime(full: Occurrence[], filtered: Occurrence[]): RuntimeMarked

/**
 * The workload that owns a controller: `ReplicaSet` `web-7d4b9c8f6d` is
 * `Deployment` `web`.
 */
export declare function owningWorkload(kind: string, name: string): OwningWorkload

/** Parses a content digest (`sha256:<64 hex>`), returning its canonical form. */
export declare function parseDigest(digest: string): string

/** Reads a CSAF VEX document. */
export declare function readCsafVex(document: string | Buffer): VexDocument

/** Reads a CycloneDX document's VEX statements. */
export declare function readCyclonedxVex(document: string | Buffer): VexDocument

/** Reads a Grype JSON report, or a kubevuln manifest holding one. */
export declare function readGrype(document: string | Buffer): Ingested

/** The dashboard's unmet prerequisites. */
export declare function readiness(installation: Installation, configurations: ScanConfigurations): Readiness

/** Reads JFrog CLI simple-json output. */
export declare function readJfrogSimpleJson(document: string | Buffer): Ingested

/** Reads JFrog Xray scan JSON (`jf scan --format json`). */
export declare function readJfrogXrayJson(document: string | Buffer): Ingested

/** Reads a Kubernetes Pod list (`kubectl get pods -A -o json`) from `cluster`. */
export declare function readKubernetesPods(document: string | Buffer, cluster: string): PodInventory

/** Reads an OpenVEX document. */
export declare function readOpenvex(document: string | Buffer): VexDocument

/** Reads an osv-scanner JSON report. */
export declare function readOsvScanner(document: string | Buffer): Ingested

/** Reads the runtime platform's cluster listing: one page or its pages, merged. */
export declare function readRuntimeClusters(pages: string | Buffer | Array<string | Buffer>): PlatformClusters

/** Reads the runtime platform's live images listing. */
export declare function readRuntimeImages(document: string | Buffer): PlatformImages

/** Reads the runtime platform's image tags listing: one page or its pages, merged. */
export declare function readRuntimeImageTags(pages: string | Buffer | Array<string | Buffer>): PlatformImageTags

/** Reads the runtime platform's workloads listing: one page or its pages, merged. */
export declare function readRuntimeWorkloads(pages: string | Buffer | Array<string | Buffer>): PlatformWorkloads

/** Reads a Trivy JSON report: an image's, the older list, or `trivy k8s` (`--report all` or `summary`, and the older shape). */
export declare function readTrivy(document: string | Buffer): Ingested

/** Reads Trivy Operator VulnerabilityReports and ClusterVulnerabilityReports (one, a list, a JSON array, or a dump). */
export declare function readTrivyOperator(document: string | Buffer): Ingested

/** The running images that must be indexed and scanned, and why. */
export declare function scanPlan(images: ObservedImage[], configurations: ScanConfigurations): ScanPlan

/** The scan status of running images. */
export declare function scanReport(runningImages: RunningImage[]): ScanReport

/**
 * A scanner's severity word as a severity code, or `null` outside the
 * vocabulary.
 */
export declare function severityFromVocabulary(word: string): Severity | null

/** The policy's options: words to add to or remove from the defaults. */
export interface TagPolicyOptions {
  /** Channel keywords to add. */
  addKeywords?: Array<string>
  /** Channel keywords to remove. */
  removeKeywords?: Array<string>
  /** Variant words to add. */
  addVariants?: Array<string>
  /** Variant words to remove. */
  removeVariants?: Array<string>
}

/** Every tag rule code, in the core's order. */
export declare function tagRules(): TagRule[]

/** Options of the trend. */
export interface TrendOptions {
  /**
   * The day that contains it ends the window (`Date` or an ISO-8601
   * string with an offset).
   */
  now: Date | string
  /** Days in the window (30 by default). */
  days?: number
  /** IANA time zone of the days (`UTC` by default). */
  zone?: string
  /** Missing days a complete day may fill, flagged (0 by default). */
  carryForwardDays?: number
}
