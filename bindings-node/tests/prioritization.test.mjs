// The prioritization vectors (tests/vectors/prioritization.json) read by the
// Node binding: the vulnerability table, the images view, the explained
// change and the EPSS and KEV readers, with the same answers as in Rust and
// Python; and the table's invariants on generated findings.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { section, snakeKeys, subset, codeOf, fixture, camelKeys } from './support.mjs'

const k = createRequire(import.meta.url)('../index.js')

test('vulnerability table', () => {
  for (const c of section('prioritization.json', 'table', 6)) {
    const options = { runtimeValidation: c.runtime_validation, enrichment: c.enrichment }
    const table = k.vulnerabilityTable(c.running, c.findings, options)
    const actual = { page: snakeKeys(table.query(c.query)), malicious: snakeKeys(table.maliciousPackages()) }
    subset(c.expect, actual, c.name)
  }
})

test('the table reads camelCase queries as users write them', () => {
  const c = section('prioritization.json', 'table', 6).find((c) => c.query?.stopped_at)
  const table = k.vulnerabilityTable(c.running, c.findings, { runtimeValidation: c.runtime_validation })
  subset(c.expect.page.rows.length, table.query(camelKeys(c.query)).rows.length, c.name)
})

test('images view', () => {
  for (const c of section('prioritization.json', 'images', 2)) {
    const view = k.imagesView(c.running, c.findings, c.integrity)
    subset(c.expect, snakeKeys(view.query(c.query)), c.name)
  }
})

test('explained change', () => {
  for (const c of section('prioritization.json', 'change', 3)) {
    subset(c.expect, snakeKeys(k.explainChange(c.before, c.after, c.threshold)), c.name)
  }
})

/** An enrichment's JSON form with snake_case field names; its maps are
 * keyed by CVE ids, which stay as they are. */
function enrichmentForm(e) {
  const { epss, kev, ...rest } = e.toJSON()
  const values = (m) => Object.fromEntries(Object.entries(m ?? {}).map(([id, v]) => [id, snakeKeys(v)]))
  return { enrichment: { ...snakeKeys(rest), epss: values(epss), kev: values(kev) }, warnings: snakeKeys(e.warnings) }
}

test('EPSS and KEV readers', () => {
  for (const c of section('prioritization.json', 'enrichment', 5)) {
    const read = c.reader === 'epss' ? k.readEpss : k.readKev
    if (c.error) {
      subset(c.error, codeOf(() => read(c.text)), c.name)
      continue
    }
    subset(c.expect, enrichmentForm(read(Buffer.from(c.text))), c.name)
  }
})

test('an enrichment object merges and feeds the table', () => {
  const both = k.readEpss('cve,epss\nCVE-2024-1,0.7\n').merged(k.readKev('{"vulnerabilities": [{"cveID": "CVE-2024-1"}]}'))
  assert.deepEqual([both.epssCount, both.kevCount], [1, 1])
  assert.equal(both.epss('cve-2024-1').score, 0.7)
  assert.equal(both.epss('CVE-2000-1'), null)
  const digest = 'sha256:' + 'ab'.repeat(32)
  const table = k.vulnerabilityTable([{ digests: [digest], scanned: true }],
    [{ image: [digest], vulnerability: 'CVE-2024-1', severity: 'high' }], { runtimeValidation: false, enrichment: both })
  const [row] = table.rows()
  assert.equal(row.epss.score, 0.7)
  assert.equal(row.kev.cve, 'CVE-2024-1')
  // Its JSON form reads back.
  assert.equal(new k.Enrichment(both.toJSON()).epssCount, 1)
})

test('Grype reports carry EPSS and known-exploited data', () => {
  const read = k.readGrype(fixture('../shared/fixtures/defectdojo/anchore_grype/many_vulns_with_epss_values.json'))
  assert.equal(read.enrichment.epss['CVE-2022-28391'].score, 0.0719)
})

test('bad options and queries are coded errors naming the argument', () => {
  assert.equal(codeOf(() => k.vulnerabilityTable([], [], {})), 'invalid_input')
  const table = k.vulnerabilityTable([], [], { runtimeValidation: true })
  assert.equal(codeOf(() => table.query({ stage: 'nowhere' })), 'invalid_input')
  assert.equal(codeOf(() => table.query({ sort: [{ column: 'colour' }] })), 'invalid_input')
  assert.equal(codeOf(() => k.readEpss('not,epss\n')), 'unrecognized_document')
})

function random(seed) {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296)
}

test('rows by stage are the funnel, and filters compose', () => {
  const digests = Array.from({ length: 6 }, (_, i) => 'sha256:' + i.toString(16).padStart(2, '0').repeat(32))
  const running = digests.map((d, i) => ({ digests: [d], scanned: i < 5, monitored: i % 2 === 0 }))
  const pick = (next, xs) => xs[Math.floor(next() * xs.length)]
  for (let seed = 1; seed <= 60; seed++) {
    const next = random(seed)
    const findings = Array.from({ length: Math.floor(next() * 50) }, () => ({
      image: [pick(next, digests)],
      vulnerability: `CVE-2024-${Math.floor(next() * 15)}`,
      aliases: next() < 0.2 ? [`GHSA-${Math.floor(next() * 5)}`] : [],
      severity: pick(next, ['critical', 'high', 'medium', 'low', 'unknown']),
      applicability: pick(next, ['applicable', 'not_applicable', 'undetermined', 'not_scanned']),
      fix: pick(next, [{ state: 'fixed', versions: ['2'] }, { state: 'not_fixed' }, { state: 'unknown' }]),
      runtime: pick(next, ['loaded', 'not_observed', 'unavailable']),
    }))
    const available = seed % 2 === 0
    const { funnel } = k.computeFunnel(running, findings, { runtimeValidation: available })
    const table = k.vulnerabilityTable(running, findings, { runtimeValidation: available })
    const stages = { all: 'all', critical_high: 'criticalHigh', applicable: 'applicable', with_fix: 'withFix' }
    if (available) stages.validated_in_runtime = 'validatedInRuntime'
    const expected = Object.fromEntries(Object.entries(stages).map(([code, field]) => [code, funnel[field].vulnerabilities]))
    assert.deepEqual(table.stageCounts(), expected, `seed ${seed}`)
    const ids = (page) => new Set(page.rows.map((r) => r.id))
    const a = { severity: ['critical', 'high'] }
    const b = { applicability: ['applicable'], runtime: ['loaded'] }
    const both = ids(table.query({ ...a, ...b }))
    const inter = [...ids(table.query(a))].filter((id) => ids(table.query(b)).has(id))
    assert.deepEqual([...both].sort(), inter.sort(), `seed ${seed}`)
  }
})
