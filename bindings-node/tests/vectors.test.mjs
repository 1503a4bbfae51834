// The behaviour cases of tests/vectors/, read by the Node binding: the same
// inputs must give the same answers as in Rust and Python. Inputs are given
// as the vectors write them (the binding reads snake_case field names as
// they are) and results are compared with their field names in snake_case;
// the funnel cases run once more with camelCase input, as users write it.
import { test } from 'node:test'
import { createRequire } from 'node:module'
import { section, vectors, camelKeys, snakeKeys, subset, codeOf, fixture } from './support.mjs'

const k = createRequire(import.meta.url)('../index.js')

test('references', () => {
  for (const c of section('references.json', 'cases', 150)) {
    if (c.error) {
      subset(c.error, codeOf(() => k.ImageRef.parse(c.input)), c.input)
      continue
    }
    const ref = k.ImageRef.parse(c.input)
    const { input, note, ...expected } = c
    subset(expected, ref.toJSON(), input)
    subset(true, k.ImageRef.parse(ref.toString()).equals(ref), input)
  }
})

test('tags', () => {
  for (const c of section('tags.json', 'cases', 100)) {
    const policy = () => c.policy === 'keywords_only'
      ? k.TagPolicy.keywordsOnly()
      : new k.TagPolicy(camelKeys(c.changes ?? {}))
    const call = c.reference !== undefined
      ? () => policy().classifyReference(k.ImageRef.parse(c.reference))
      : () => policy().classify(c.tag)
    if (c.error) {
      subset(c.error, codeOf(call), c.tag ?? c.reference)
      continue
    }
    const r = call()
    subset([c.rule, c.mutability], [r.rule, r.mutability], c.tag ?? c.reference)
  }
})

test('severity vocabulary', () => {
  for (const c of section('severity.json', 'cases', 15)) {
    subset(c.severity, k.severityFromVocabulary(c.word), c.word)
  }
})

test('integrity', () => {
  for (const c of section('integrity.json', 'cases', 20)) {
    const tags = c.policy.tags === 'keywords_only' ? k.TagPolicy.keywordsOnly() : undefined
    const policy = new k.IntegrityPolicy(c.policy.trusted, tags)
    subset(c.expect, snakeKeys(policy.assess(c.facts, c.observed_at)), c.name)
  }
})

test('funnel', () => {
  for (const c of section('funnel.json', 'cases', 15)) {
    const options = { runtimeValidation: c.runtime_validation }
    const result = k.computeFunnel(c.running, c.occurrences, options)
    subset(c.expect, snakeKeys(result), c.name)
    subset(result, k.computeFunnel(camelKeys(c.running), camelKeys(c.occurrences), options), c.name)
  }
})

test('highlights', () => {
  const running = vectors('highlights.json').running
  for (const c of section('highlights.json', 'cases', 3)) {
    subset(c.expect, snakeKeys(k.highlights(running, c.occurrences, c.violations)), c.name)
  }
})

test('runtime: scan status, installation, health', () => {
  for (const c of section('runtime.json', 'scan_status', 5)) subset(c.expect, snakeKeys(k.scanReport(c.running)), c.name)
  for (const c of section('runtime.json', 'installation', 4)) subset(c.expect, snakeKeys(k.installation(c.clusters)), c.name)
  for (const c of section('runtime.json', 'health', 7)) {
    subset(c.expect, snakeKeys(k.clusterHealth(c.cluster, c.label ?? undefined)), c.name)
  }
})

test('scanning: batch, readiness, plan', () => {
  for (const c of section('scanning.json', 'batch', 3)) {
    const configs = c.configurations
    let outcome
    try {
      const done = k.batchConfigure(configs, c.clusters, c.configuration)
      outcome = { changes: done.changes, coverage: k.coverage(done.configurations) }
    } catch (e) {
      outcome = { error: e.code, coverage: k.coverage(configs) }
    }
    subset(c.expect, snakeKeys(outcome), c.name)
  }
  for (const c of section('scanning.json', 'readiness', 4)) {
    subset(c.expect, snakeKeys(k.readiness(c.installation, c.configurations)), c.name)
  }
  for (const c of section('scanning.json', 'plan', 2)) {
    subset(c.expect, snakeKeys(k.scanPlan(c.images, c.configurations)), c.name)
  }
})

function trendOf(c) {
  const o = c.options
  try {
    // The options a case leaves out keep the core's defaults.
    return k.computeTrend(c.snapshots, { now: c.now, ...camelKeys(o) }).trend
  } catch (e) {
    return { error: e.code }
  }
}

test('trend', () => {
  for (const c of section('trend.json', 'windows', 30)) subset(c.expect, snakeKeys(trendOf(c)), c.name)
  for (const c of section('trend.json', 'summary', 5)) subset(c.expect, snakeKeys(trendOf(c).summary), c.name)
})

const READERS = {
  trivy: k.readTrivy,
  trivy_operator: k.readTrivyOperator,
  grype: k.readGrype,
  osv_scanner: k.readOsvScanner,
  jfrog_simple_json: k.readJfrogSimpleJson,
  jfrog_xray_json: k.readJfrogXrayJson,
  openvex: k.readOpenvex,
  cyclonedx_vex: k.readCyclonedxVex,
  csaf_vex: k.readCsafVex,
}

function ingestSummary(read) {
  const occurrences = read.reports.flatMap((r) => r.occurrences)
  const count = (f) => (v) => occurrences.filter((o) => f(o) === v).length
  const tally = (values, f) => Object.fromEntries(values.map((v) => [v, count(f)(v)]))
  const summary = {
    reports: read.reports.length,
    occurrences: occurrences.length,
    distinct_vulnerabilities: k.distinctVulnerabilities(occurrences),
    suppressed: read.reports.reduce((n, r) => n + r.suppressed, 0),
    fix_available: occurrences.filter((o) => o.fix.state === 'fixed' && (o.fix.versions ?? []).length > 0).length,
    digests: read.reports.map((r) => r.digests),
    artifacts: read.reports.map((r) => r.artifact ?? null),
    workloads: read.reports.map((r) => r.workload ?? null),
    severities: tally(['critical', 'high', 'medium', 'low', 'unknown'], (o) => o.severity),
    fix_states: tally(['fixed', 'not_fixed', 'wont_fix', 'unknown'], (o) => o.fix.state),
    applicability: tally(['applicable', 'not_applicable', 'undetermined', 'not_covered', 'not_scanned'], (o) => o.applicability),
    malicious: occurrences.filter((o) => o.malicious).length,
    aliases: occurrences.map((o) => o.aliases ?? []),
    severity_sources: [...new Set(occurrences.map((o) => o.severitySource).filter(Boolean))].sort(),
    fix_versions: occurrences.map((o) => o.fix.versions ?? []),
    warnings: read.warnings.map((w) => w.code),
  }
  if (read.reports.every((r) => r.digests.length > 0)) {
    const running = read.reports.map((r) => ({ digests: r.digests, scanned: true, monitored: false }))
    summary.funnel = k.computeFunnel(running, occurrences, { runtimeValidation: false }).funnel
  }
  return summary
}

function vexSummary(d) {
  return {
    statements: d.statements.length,
    statuses: d.statements.map((s) => s.status),
    products: d.statements.reduce((n, s) => n + s.products.length, 0),
    images: d.statements.flatMap((s) => s.products.map((p) => p.image).filter(Boolean)),
    warnings: d.warnings.length,
    messages: d.warnings.map((w) => w.message),
  }
}

// What applying VEX left: [vulnerability, package, applicability], sorted.
const remainingOf = (applied) => applied.findings
  .map((o) => [o.vulnerability, o.package.name, o.applicability])
  .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))

test('ingest: every fixture gives the numbers read off the file', () => {
  for (const c of section('ingest.json', 'cases', 28)) {
    subset(c.expect, snakeKeys(ingestSummary(READERS[c.format](fixture(c.fixture)))), c.name)
  }
})

test('ingest: VEX documents, applied', () => {
  for (const c of section('ingest.json', 'vex', 18)) subset(c.expect, vexSummary(READERS[c.format](fixture(c.fixture))), c.name)
  for (const c of section('ingest.json', 'vex_applied', 5)) {
    const applied = k.applyVex(c.occurrences, READERS[c.format](fixture(c.fixture)))
    subset(c.expect, snakeKeys({ outcome: applied.outcome, remaining: remainingOf(applied) }), c.name)
  }
})

test('ingest: inline documents of every shape', () => {
  for (const c of section('ingest.json', 'shapes', 18)) {
    subset(c.expect, snakeKeys(ingestSummary(READERS[c.format](c.text))), c.name)
  }
})

test('ingest: inline VEX documents, applied', () => {
  for (const c of section('ingest.json', 'vex_shapes', 6)) {
    const document = READERS[c.format](c.text)
    const outcome = vexSummary(document)
    if (c.occurrences) {
      const applied = k.applyVex(c.occurrences, document)
      Object.assign(outcome, { outcome: applied.outcome, remaining: remainingOf(applied) })
    }
    subset(c.expect, snakeKeys(outcome), c.name)
  }
})

test('ingest: a runtime-filtered scan marks what was loaded', () => {
  for (const c of section('ingest.json', 'runtime_pairs', 1)) {
    const read = READERS[c.format]
    const full = read(fixture(c.full)).reports.flatMap((r) => r.occurrences)
    const filtered = read(fixture(c.filtered)).reports.flatMap((r) => r.occurrences)
    const marked = k.markRuntime(full, filtered)
    const loaded = marked.findings.filter((o) => o.runtime === 'loaded')
    subset(c.expect, snakeKeys({
      marks: marked.marks,
      loadedVulnerabilities: k.distinctVulnerabilities(loaded),
      loadedCriticalHigh: k.distinctVulnerabilities(loaded.filter((o) => o.severity === 'critical' || o.severity === 'high')),
      allVulnerabilities: k.distinctVulnerabilities(marked.findings),
    }), c.name)
  }
})

const KINDS = { deployment: 'Deployment', stateful_set: 'StatefulSet', daemon_set: 'DaemonSet', replica_set: 'ReplicaSet', job: 'Job', cron_job: 'CronJob', pod: 'Pod' }

function podsSummary(read) {
  return {
    containers: read.containers.map((c) => ({
      pod: c.pod,
      container: c.container,
      workload: `${KINDS[c.workload.kind] ?? c.workload.kind}/${c.workload.name}`,
      node: c.node,
      image: c.image,
      image_id_kind: c.imageId == null ? null : k.ImageId.parse(c.imageId).kind,
      started_at: c.startedAt ?? null,
    })),
    warnings: read.warnings.length,
  }
}

test('ingest: Pod lists', () => {
  for (const c of section('ingest.json', 'pods', 2)) {
    const doc = c.fixture ? fixture(c.fixture) : c.text
    subset(c.expect, podsSummary(k.readKubernetesPods(doc, c.cluster)), c.name)
  }
})

function platformSummary(listing, doc) {
  if (listing === 'clusters') {
    const read = k.readRuntimeClusters(doc)
    return { clusters: read.clusters, warnings: read.warnings.map((w) => w.code), installation: k.installation(read.clusters).status }
  }
  const read = k.readRuntimeImages(doc)
  const { status, running, scanned } = read.scan
  return { scan_status: status, running, scanned, critical: read.images.map((i) => i.vulnerabilities.critical), warnings: read.warnings.map((w) => w.code) }
}

const pagesOf = (c, key) => (c[key] ?? []).map((p) => (p.startsWith('{') || p.startsWith('[') ? p : fixture(p)))

// What a platform export gives (the section's `about`).
function exportSummary(c) {
  const clusters = k.readRuntimeClusters(pagesOf(c, 'clusters'))
  let tags = k.readRuntimeImageTags(pagesOf(c, 'image_tags'))
  let workloads = null
  if (c.workloads?.length) {
    workloads = k.readRuntimeWorkloads(pagesOf(c, 'workloads'))
    tags = k.applyWorkloads(tags, workloads, clusters.clusters)
  }
  const installation = k.installation(clusters.clusters).status
  const occurrences = tags.reports.flatMap((r) => r.occurrences)
  const funnel = k.computeFunnel(tags.runningImages, occurrences, { runtimeValidation: installation === 'full' }).funnel
  const scan = k.scanReport(tags.runningImages)
  const derived = tags.tags.map((t) => [
    ...(t.maliciousPackages.length ? ['malicious'] : []),
    ...(t.vulnerabilities.some((v) => v.severity === 'critical' && v.applicability === 'applicable') ? ['critical_applicable_cves'] : []),
  ])
  return {
    clusters: clusters.clusters.map((x) => x.name),
    installation,
    health: clusters.clusters.map((x) => k.clusterHealth(x)),
    tags: tags.tags.length,
    occurrences: occurrences.length,
    purls: occurrences.filter((o) => o.package.purl).map((o) => o.package.purl),
    applicability: occurrences.filter((o) => !o.malicious).map((o) => o.applicability),
    scanStatus: scan.status,
    running: scan.running,
    scanned: scan.scanned,
    funnel,
    highlights: k.highlights(tags.runningImages, occurrences, []),
    risks: tags.tags.map((t) => t.risks),
    derivedRisks: derived,
    evidence: tags.evidence ?? null,
    listing: { clusters: clusters.listing, imageTags: tags.listing, workloads: workloads?.listing ?? null },
    processes: workloads ? workloads.workloads.reduce((n, w) => n + w.processes.length, 0) : null,
    warnings: [...clusters.warnings, ...tags.warnings, ...(workloads?.warnings ?? [])].map((w) => w.code),
  }
}

test('ingest: platform exports', () => {
  for (const c of section('ingest.json', 'platform_export', 8)) {
    let outcome
    try {
      outcome = exportSummary(c)
    } catch (e) {
      outcome = { error: e.code }
    }
    subset(c.expect, snakeKeys(outcome), c.name)
  }
})

test('ingest: platform listings', () => {
  for (const c of section('ingest.json', 'platform', 5)) {
    const doc = c.fixture ? fixture(c.fixture) : c.text
    subset(c.expect, snakeKeys(platformSummary(c.listing, doc)), c.name)
  }
})

test('ingest: broken documents', () => {
  for (const c of section('ingest.json', 'errors', 17)) {
    let outcome
    try {
      if (c.format === 'kubernetes_pods') outcome = podsSummary(k.readKubernetesPods(c.text, 'c'))
      else if (c.format.startsWith('runtime_')) outcome = platformSummary(c.format.slice('runtime_'.length), c.text)
      else if (['openvex', 'cyclonedx_vex', 'csaf_vex'].includes(c.format)) outcome = vexSummary(READERS[c.format](c.text))
      else outcome = ingestSummary(READERS[c.format](c.text))
    } catch (e) {
      outcome = { error: e.code }
    }
    subset(c.expect, outcome, c.name)
  }
})
