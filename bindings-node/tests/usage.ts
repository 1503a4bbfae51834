// Compiled with `tsc --noEmit` by the test command: the declarations must
// describe how the package is used.
import {
  ImageRef, TagPolicy, IntegrityPolicy, computeFunnel, computeTrend, computeFunnelAsync, readGrype,
  vulnerabilityTable, imagesView, explainChange, readEpss, Enrichment,
  computeFunnelArrow, computeFunnelArrowAsync, vulnerabilityTableArrowAsync, computeTrendArrowAsync,
  type VulnerabilityTable,
  type TablePage, type ImagesPage, type ChangeExplained, type StopReason,
  type FunnelResult, type KubesightError, type TagRule, type TrendResult, type Ingested, type Severity,
} from '../index.js'

const ref: ImageRef = ImageRef.parse('nginx:1.25')
const tag: string | null = ref.tag
const rule: TagRule = new TagPolicy({ addKeywords: ['edge'] }).classify('edge').rule
const rules: TagRule[] = TagPolicy.keywordsOnly().classifyMany('latest\n1.2.3')
const policy = new IntegrityPolicy(['registry.acme.io'])
const status = policy.assess(
  {
    image: 'registry.acme.io/api:1.0', imageId: 'registry.acme.io/api@sha256:' + 'ab'.repeat(32),
    registry: { answer: 'not_found' }, cluster: 'c', namespace: 'n', workload: { kind: 'deployment', name: 'api' }, node: 'n1',
  },
  new Date(),
).status
const funnel: FunnelResult = computeFunnel([{ digests: [], scanned: true }], [{ image: [], vulnerability: 'CVE-2024-1', severity: 'high' }], { runtimeValidation: false })
const high: number = funnel.funnel.criticalHigh.vulnerabilities
const trend: TrendResult = computeTrend([], { now: new Date().toISOString(), days: 7 })
const running: Array<number | null> = trend.series.running
const pending: Promise<FunnelResult> = computeFunnelAsync('[]', '[]', { runtimeValidation: true })
const read: Ingested = readGrype(Buffer.from('{"matches": []}'))
const worst: Severity = 'critical'
let code = ''
try {
  ImageRef.parse('nginx:-bad')
} catch (e) {
  const error = e as KubesightError
  code = `${error.code}: ${String(error.details.reference)}`
}
const enrichment: Enrichment = readEpss('cve,epss\nCVE-2024-1,0.5\n').merged(new Enrichment({ kev: { 'CVE-2024-1': {} } }))
const table = vulnerabilityTable([], [], { runtimeValidation: true, enrichment })
const page: TablePage = table.query({ stage: 'applicable', severity: ['critical'], sort: [{ column: 'epss' }], limit: 10 })
const why: Array<StopReason | null | undefined> = page.rows.map((r) => r.stopped)
const epss: Array<number | undefined> = page.rows.map((r) => r.epss?.score)
const images: ImagesPage = imagesView([], []).query({ risk: ['malicious'], limit: 5 })
const changed: ChangeExplained = explainChange({ running: [], findings: [] }, { running: [], findings: [] })
const causes: string[] = changed.change.causes?.map((c) => c.cause) ?? []
const ipc = new Uint8Array(0)
const columnar: FunnelResult = computeFunnelArrow([], ipc, { runtimeValidation: true, columns: { vulnerability: 'cve' } })
const later: Promise<FunnelResult> = computeFunnelArrowAsync(ipc, ipc, { runtimeValidation: false })
const built: Promise<VulnerabilityTable> = vulnerabilityTableArrowAsync([], ipc, { runtimeValidation: true, enrichment })
const trended: Promise<TrendResult> = computeTrendArrowAsync(ipc, ipc, { now: '2026-11-18T12:00:00Z', takenAt: 'seen', snapshots: [{ takenAt: '2026-11-18T02:00:00Z' }] })
export { why, epss, images, causes, columnar, later, built, trended }
export { code, tag, rule, rules, status, high, running, pending, read, worst }
