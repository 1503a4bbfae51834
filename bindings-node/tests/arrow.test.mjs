// Columnar input: the shared funnel and trend vectors given as Arrow IPC bytes
// (written by apache-arrow's tableToIPC, stream and file formats) give what
// the same data as objects gives, on the main thread and on a worker thread.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import {
  Bool, Field, List, TimestampMillisecond, Utf8, tableFromArrays, tableToIPC, vectorFromArray, makeTable, Table,
} from 'apache-arrow'

import { camelKeys, codeOf, section } from './support.mjs'

const k = createRequire(import.meta.url)('../index.js')

const strings = (values) => vectorFromArray(values, new Utf8())
const lists = (values) => vectorFromArray(values, new List(new Field('item', new Utf8(), true)))
const flags = (values) => vectorFromArray(values, new Bool())

// A finding a row: the columns of docs/columnar.md, by their default names,
// and any `extra` columns.
function findingsTable(occurrences, extra = {}) {
  const col = (f) => occurrences.map(f)
  return new Table({
    ...extra,
    image: lists(col((o) => o.image)),
    vulnerability: strings(col((o) => o.vulnerability)),
    aliases: lists(col((o) => o.aliases ?? [])),
    package_name: strings(col((o) => o.package?.name ?? '')),
    package_version: strings(col((o) => o.package?.version ?? '')),
    package_ecosystem: strings(col((o) => o.package?.ecosystem ?? null)),
    package_purl: strings(col((o) => o.package?.purl ?? null)),
    severity: strings(col((o) => o.severity ?? null)),
    severity_source: strings(col((o) => o.severity_source ?? null)),
    applicability: strings(col((o) => o.applicability ?? null)),
    fix_state: strings(col((o) => o.fix?.state ?? null)),
    fix_versions: lists(col((o) => o.fix?.versions ?? [])),
    runtime: strings(col((o) => o.runtime ?? null)),
    malicious: flags(col((o) => o.malicious ?? false)),
  })
}

// A running image a row per deployment (or one row without any).
function runningTable(images, extra = () => ({})) {
  const rows = images.flatMap((i) => (i.deployments?.length ? i.deployments : [null]).map((d) => ({ i, d })))
  const col = (f) => rows.map(f)
  return new Table({
    ...extra(rows.length),
    digest: lists(col(({ i }) => i.digests)),
    scanned: flags(col(({ i }) => i.scanned)),
    monitored: flags(col(({ i }) => i.monitored ?? false)),
    cluster: strings(col(({ d }) => d?.cluster ?? null)),
    namespace: strings(col(({ d }) => d?.namespace ?? null)),
    kind: strings(col(({ d }) => d?.kind ?? null)),
    workload: strings(col(({ d }) => d?.workload ?? null)),
    reference: strings(col(({ d }) => d?.reference ?? null)),
    container: strings(col(({ d }) => d?.container ?? null)),
  })
}

const CASES = section('funnel.json', 'cases', 15)

test('the funnel of IPC bytes is the funnel of objects, in both formats', () => {
  for (const c of CASES) {
    const options = { runtimeValidation: c.runtime_validation }
    const expected = k.computeFunnel(c.running, c.occurrences, options)
    const findings = findingsTable(c.occurrences)
    for (const format of ['stream', 'file']) {
      const bytes = tableToIPC(findings, format)
      assert.deepStrictEqual(k.computeFunnelArrow(c.running, bytes, options), expected, `${c.name} (${format})`)
      const running = tableToIPC(runningTable(c.running), format)
      assert.deepStrictEqual(k.computeFunnelArrow(running, bytes, options), expected, `${c.name} (${format}, running as IPC)`)
    }
  }
})

test('a Node Buffer holding the bytes reads the same', () => {
  const c = CASES[0]
  const options = { runtimeValidation: c.runtime_validation }
  const bytes = Buffer.from(tableToIPC(findingsTable(c.occurrences)))
  assert.deepStrictEqual(k.computeFunnelArrow(c.running, bytes, options), k.computeFunnel(c.running, c.occurrences, options))
})

test('dictionary-encoded strings, as tableFromArrays writes them, read the same', () => {
  const c = CASES.find((x) => x.occurrences.length >= 3 && x.occurrences.every((o) => o.image.length === 1))
  assert.ok(c, 'a case with one digest per finding')
  const table = tableFromArrays({
    image: c.occurrences.map((o) => o.image[0]),
    vulnerability: c.occurrences.map((o) => o.vulnerability),
    severity: c.occurrences.map((o) => o.severity ?? 'unknown'),
  })
  assert.equal(table.schema.fields[0].type.toString().startsWith('Dictionary'), true)
  const plain = c.occurrences.map((o) => ({ image: o.image, vulnerability: o.vulnerability, severity: o.severity ?? 'unknown' }))
  const options = { runtimeValidation: c.runtime_validation }
  assert.deepStrictEqual(k.computeFunnelArrow(c.running, tableToIPC(table), options), k.computeFunnel(c.running, plain, options))
})

test('the columns may have the caller\'s names', () => {
  const c = CASES[0]
  const options = { runtimeValidation: c.runtime_validation }
  const table = new Table({
    digest: lists(c.occurrences.map((o) => o.image)),
    cve: strings(c.occurrences.map((o) => o.vulnerability)),
    sev: strings(c.occurrences.map((o) => o.severity ?? null)),
    pkg: strings(c.occurrences.map((o) => o.package?.name ?? '')),
  })
  const plain = c.occurrences.map((o) => ({ image: o.image, vulnerability: o.vulnerability, severity: o.severity, package: { name: o.package?.name ?? '', version: '' } }))
  const got = k.computeFunnelArrow(c.running, tableToIPC(table), {
    ...options, columns: { image: 'digest', vulnerability: 'cve', severity: 'sev', packageName: 'pkg' },
  })
  assert.deepStrictEqual(got, k.computeFunnel(c.running, plain, options))
})

test('the asynchronous calls resolve to what the synchronous ones return', async () => {
  for (const c of CASES.slice(0, 6)) {
    const options = { runtimeValidation: c.runtime_validation }
    const bytes = tableToIPC(findingsTable(c.occurrences))
    assert.deepStrictEqual(await k.computeFunnelArrowAsync(c.running, bytes, options), k.computeFunnelArrow(c.running, bytes, options))
    const table = await k.vulnerabilityTableArrowAsync(c.running, bytes, options)
    assert.deepStrictEqual(table.rows(), k.vulnerabilityTable(c.running, c.occurrences, options).rows())
  }
})

test('the vulnerability table of IPC bytes is the table of objects', () => {
  for (const c of CASES) {
    const options = { runtimeValidation: c.runtime_validation }
    const expected = k.vulnerabilityTable(c.running, c.occurrences, options)
    const got = k.vulnerabilityTableArrow(c.running, tableToIPC(findingsTable(c.occurrences), 'file'), options)
    assert.deepStrictEqual(got.rows(), expected.rows(), c.name)
    assert.deepStrictEqual(got.maliciousPackages(), expected.maliciousPackages())
    assert.equal(got.length, expected.length)
  }
})

test('bad bytes and bad columns throw coded errors', async () => {
  const options = { runtimeValidation: true }
  assert.equal(codeOf(() => k.computeFunnelArrow([], new Uint8Array(0), options)), 'arrow_stream_failed')
  assert.equal(codeOf(() => k.computeFunnelArrow([], Buffer.from('{"image": []}'), options)), 'arrow_stream_failed')
  const bytes = tableToIPC(findingsTable(CASES[0].occurrences))
  assert.equal(codeOf(() => k.computeFunnelArrow([], bytes.subarray(0, bytes.length - 40), options)), 'arrow_stream_failed')
  const noId = tableToIPC(new Table({ image: strings(['sha256:' + 'a'.repeat(64)]) }))
  let error
  try { k.computeFunnelArrow([], noId, options) } catch (e) { error = e }
  assert.equal(error.code, 'missing_column')
  assert.equal(error.details.column, 'vulnerability')
  const wrong = tableToIPC(makeTable({ image: new Int32Array([1]), vulnerability: new Int32Array([2]) }))
  assert.equal(codeOf(() => k.computeFunnelArrow([], wrong, options)), 'wrong_column_type')
  assert.equal(codeOf(() => k.computeFunnelArrow([], bytes, { ...options, columns: { cvss: 'x' } })), 'unknown_column_field')
  await assert.rejects(k.computeFunnelArrowAsync([], new Uint8Array(3), options), (e) => e.code === 'arrow_stream_failed')
  await assert.rejects(k.vulnerabilityTableArrowAsync([], new Uint8Array(3), options), (e) => e.code === 'arrow_stream_failed')
  assert.equal(codeOf(() => k.vulnerabilityTableArrow([], bytes, {})), 'invalid_input')
})

// Every snapshot's running images and findings in one table each, a row's
// snapshot named by its `taken_at`.
function snapshotTables(snapshots, format = 'stream') {
  const running = snapshots.flatMap((s) => (s.running ?? []).map((image) => ({ image, at: s.taken_at })))
  const found = snapshots.flatMap((s) => (s.occurrences ?? []).map((o) => ({ o, at: s.taken_at })))
  const images = running.map((r) => r.image)
  const rowsAt = running.flatMap((r) => (r.image.deployments?.length ? r.image.deployments : [null]).map(() => r.at))
  const headers = snapshots.map(({ running: _r, occurrences: _o, ...header }) => header)
  return {
    running: tableToIPC(runningTable(images, () => ({ taken_at: strings(rowsAt) })), format),
    findings: tableToIPC(findingsTable(found.map((f) => f.o), { taken_at: strings(found.map((f) => f.at)) }), format),
    headers,
  }
}

const TRENDS = section('trend.json', 'windows', 30).filter((c) => !('error' in (c.expect ?? {})))

test('the trend of IPC bytes is the trend of objects, on either thread', async () => {
  for (const [i, c] of TRENDS.entries()) {
    const options = { now: c.now, ...camelKeys(c.options ?? {}) }
    const expected = k.computeTrend(c.snapshots, options)
    const { running, findings, headers } = snapshotTables(c.snapshots, i % 2 ? 'file' : 'stream')
    const got = k.computeTrendArrow(running, findings, { ...options, snapshots: headers })
    assert.deepStrictEqual(got, expected, c.name)
    if (i < 4) {
      assert.deepStrictEqual(await k.computeTrendArrowAsync(running, findings, { ...options, snapshots: headers }), expected)
    }
  }
})

test('the trend reads timestamps, a column of the caller\'s name, and names a bad instant', async () => {
  const digest = 'sha256:' + 'ab'.repeat(32)
  // 1,795,000,000 s after the epoch is 2026-11-18T11:06:40Z.
  const at = vectorFromArray([new Date(1_795_000_000_000)], new TimestampMillisecond())
  const running = tableToIPC(new Table({ digest: lists([[digest]]), scanned: flags([true]), seen: at }))
  const findings = tableToIPC(new Table({
    image: lists([[digest]]), vulnerability: strings(['CVE-2024-1']), severity: strings(['high']), seen: at,
  }))
  const t = k.computeTrendArrow(running, findings, { now: '2026-11-18T12:00:00Z', days: 2, takenAt: 'seen' })
  assert.deepStrictEqual(t.series.states, ['missing', 'complete'])
  assert.deepStrictEqual(t.series.high, [null, 1])
  assert.equal(t.trend.days[1].snapshotTakenAt, '2026-11-18T11:06:40Z')
  const bad = tableToIPC(new Table({ image: lists([[digest]]), vulnerability: strings(['CVE-2024-1']), taken_at: strings(['yesterday']) }))
  let error
  try { k.computeTrendArrow(tableToIPC(new Table({ digest: lists([[digest]]), scanned: flags([true]), taken_at: strings(['2026-11-18T11:00:00Z']) })), bad, { now: '2026-11-18T12:00:00Z' }) } catch (e) { error = e }
  assert.equal(error?.code, 'invalid_column_value')
  assert.equal(error.details.column, 'taken_at')
  assert.equal(codeOf(() => k.computeTrendArrow(running, findings, { now: '2026-11-18T12:00:00Z' })), 'missing_column')
  assert.equal(codeOf(() => k.computeTrendArrow(running, findings, { takenAt: 'seen' })), 'invalid_input')
  await assert.rejects(k.computeTrendArrowAsync(new Uint8Array(3), findings, { now: '2026-11-18T12:00:00Z' }), (e) => e.code === 'arrow_stream_failed')
})
