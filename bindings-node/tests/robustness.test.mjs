// Arbitrary input never crashes the process nor throws anything but an
// Error with a catalogued code and its details.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { vectors } from './support.mjs'

const k = createRequire(import.meta.url)('../index.js')
const codes = new Set([...Object.values(vectors('errors.json').areas).flat(), 'invalid_input'])

function generator(seed) {
  let s = seed >>> 0
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296)
  const pick = (xs) => xs[Math.floor(next() * xs.length)]
  const keys = ['digests', 'scanned', 'image', 'vulnerability', 'severity', 'name', 'controller', 'nodes',
    'takenAt', 'running', 'occurrences', 'fix', 'state', 'aliases', 'sensor', 'registry', 'answer', 'labels']
  const text = () => {
    const alphabet = ['a', 'Z', '0', ':', '/', '@', '-', '_', '.', ' ', '\n', '\u00e9', '\u0000', 'sha256:', 'latest', '{', '"']
    return Array.from({ length: Math.floor(next() * 12) }, () => pick(alphabet)).join('')
  }
  const value = (depth) => {
    const r = next()
    if (depth > 3 || r < 0.3) return pick([null, true, false, 0, -1, 1.5, 2 ** 40, text(), new Date(0), undefined])
    if (r < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1))
    const o = {}
    for (let i = 0; i < Math.floor(next() * 5); i++) o[next() < 0.7 ? pick(keys) : text()] = value(depth + 1)
    return o
  }
  return { text, value: () => value(0) }
}

function onlyCodedErrors(call) {
  try {
    call()
  } catch (e) {
    assert.ok(e instanceof Error, `an Error, not ${e}`)
    assert.ok(codes.has(e.code), `a catalogued code, not ${e.code} (${e.message})`)
    assert.ok(e.details !== null && typeof e.details === 'object', `details, not ${e.details}`)
  }
}

test('arbitrary strings', () => {
  const g = generator(7)
  const policy = new k.TagPolicy()
  const readers = [k.readTrivy, k.readGrype, k.readOsvScanner, k.readOpenvex, k.readCsafVex, k.readRuntimeClusters,
    k.readTrivyOperator, k.readJfrogSimpleJson, k.readJfrogXrayJson, k.readCyclonedxVex, k.readRuntimeImages]
  for (let i = 0; i < 500; i++) {
    const s = g.text()
    onlyCodedErrors(() => k.ImageRef.parse(s))
    onlyCodedErrors(() => k.ImageId.parse(s))
    onlyCodedErrors(() => k.parseDigest(s))
    onlyCodedErrors(() => policy.classify(s))
    onlyCodedErrors(() => policy.classifyMany(s))
    onlyCodedErrors(() => policy.classifyManyIndexed(Buffer.from(s)))
    onlyCodedErrors(() => k.ImageRef.parseManyText(s))
    for (const read of readers) onlyCodedErrors(() => read(s))
    onlyCodedErrors(() => k.readKubernetesPods(s, 'c'))
    onlyCodedErrors(() => k.computeFunnelJson(s, s, { runtimeValidation: true }))
  }
})

test('arbitrary values', () => {
  const g = generator(11)
  const policy = new k.IntegrityPolicy(['registry.acme.io'])
  for (let i = 0; i < 500; i++) {
    const a = g.value()
    const b = g.value()
    onlyCodedErrors(() => k.computeFunnel(a, b, { runtimeValidation: true }))
    onlyCodedErrors(() => k.highlights(a, b))
    onlyCodedErrors(() => k.installation(a))
    onlyCodedErrors(() => k.clusterHealth(a))
    onlyCodedErrors(() => k.scanReport(a))
    onlyCodedErrors(() => k.readiness(a, b))
    onlyCodedErrors(() => k.scanPlan(a, b))
    onlyCodedErrors(() => k.coverage(a))
    onlyCodedErrors(() => k.computeTrend(a, { now: '2026-11-26T00:00:00Z' }))
    onlyCodedErrors(() => k.computeTrend([], a))
    onlyCodedErrors(() => policy.assess(a, b))
    onlyCodedErrors(() => k.applyVex(a, b))
    onlyCodedErrors(() => k.markRuntime(a, b))
    onlyCodedErrors(() => k.distinctVulnerabilities(a))
  }
})
