// What the binding adds: error codes, batch calls, async calls, dates,
// camelCase, buffers.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { vectors, codeOf, fixture, camelKeys } from './support.mjs'

const k = createRequire(import.meta.url)('../index.js')
const DIGEST = 'sha256:' + 'ab'.repeat(32)
const codes = new Set(Object.values(vectors('errors.json').areas).flat())

test('the declared unions are the core\'s codes', () => {
  const declarations = readFileSync(new URL('../types.d.ts', import.meta.url), 'utf8')
  for (const [name, codes] of Object.entries(k.enumerationCodes())) {
    const line = declarations.split('\n').find((l) => l.startsWith(`export type ${name} = `))
    assert.ok(line, `types.d.ts declares ${name}`)
    const declared = [...line.matchAll(/"([a-z_]+)"/g)].map((m) => m[1])
    assert.deepEqual([...declared].sort(), [...codes].sort(), name)
  }
})

test('the binding codes are catalogued', () => {
  const catalogued = vectors('errors.json').areas.binding
  for (const code of k.bindingErrorCodes()) assert.ok(catalogued.includes(code), code)
})

test('errors are Error instances whose code is in the catalogue', () => {
  const calls = [
    () => k.ImageRef.parse('nginx:-bad'),
    () => new k.TagPolicy().classify(''),
    () => k.ImageId.parse('nope'),
    () => k.parseDigest('md5:00'),
    () => new k.IntegrityPolicy(['*']),
    () => k.batchConfigure({ prod: { scanners: [] } }, ['nope'], { scanners: ['sca'] }),
    () => k.computeTrend([], { now: '2026-11-26T00:00:00Z', days: 0 }),
    () => k.computeTrend([], { now: '2026-11-26T00:00:00Z', zone: 'Mars/Olympus' }),
    () => k.readGrype('{}'),
    () => k.readTrivy('not json'),
    () => k.computeFunnel([{ digests: 7 }], [], { runtimeValidation: false }),
    () => k.computeFunnelJson('[', '[]', { runtimeValidation: false }),
  ]
  for (const call of calls) {
    const code = codeOf(call)
    assert.ok(codes.has(code), `${code} is a catalogued code`)
  }
  assert.equal(codeOf(() => k.ImageRef.parse('nginx:-bad')), 'invalid_tag_start')
})

const detailsCalls = {
  parse_reference: (input) => k.ImageRef.parse(input),
  parse_image_id: (input) => k.ImageId.parse(input),
  parse_digest: (input) => k.parseDigest(input),
  classify_tag: (input) => new k.TagPolicy().classify(input),
  trusted_registries: (input) => new k.IntegrityPolicy(input),
  read_grype: (input) => k.readGrype(input),
}

for (const c of vectors('errors.json').details) {
  test(`${c.call}(${JSON.stringify(c.input)}) throws ${c.error} with its details`, () => {
    assert.throws(() => detailsCalls[c.call](c.input), (e) => {
      assert.ok(e instanceof Error)
      assert.equal(e.code, c.error)
      assert.deepEqual(e.details, camelKeys(c.details))
      return true
    })
  })
}

test('binding errors name the argument; async errors carry details too', async () => {
  assert.throws(() => k.computeFunnel([{ digests: 7 }], [], { runtimeValidation: false }), (e) => e.code === 'invalid_input' && e.details.argument === 'runningImages')
  assert.throws(() => k.ImageId.parse('nope'), (e) => e.details.imageId === 'nope')
  await assert.rejects(k.computeTrendAsync('[]', { now: '2026-11-26T00:00:00Z', zone: 'Mars/Olympus' }), (e) => {
    assert.equal(e.code, 'unknown_time_zone')
    assert.deepEqual(e.details, { zone: 'Mars/Olympus' })
    return true
  })
  await assert.rejects(k.computeFunnelAsync('[', '[]', { runtimeValidation: true }), (e) => e.code === 'invalid_input' && e.details.argument === 'runningImages')
})

test('batch calls equal single calls', () => {
  const policy = new k.TagPolicy()
  const tags = ['latest', '1.2.3', 'stable-alpine', 'main-3f2a9c1', 'pr-12']
  assert.deepEqual(policy.classifyMany(tags.join('\n')), tags.map((t) => policy.classify(t).rule))
  assert.deepEqual(policy.classifyMany(Buffer.from(tags.join('\n'))), tags.map((t) => policy.classify(t).rule))
  assert.deepEqual(policy.classifyMany(''), [])
  assert.equal(codeOf(() => policy.classifyMany('latest\n\nstable')), 'empty_tag')
  // A batch large enough to be split over threads answers in order, and the
  // first invalid tag in order is the error.
  const shapes = ['latest', '1.2.3', 'stable-alpine', 'main-3f2a9c1', '20.8.1-slim-bookworm', 'pr-7', 'v2']
  const large = Array.from({ length: 20000 }, (_, i) => (i % 11 ? shapes[i % shapes.length] : `1.${i}.0`))
  const rules = k.tagRules()
  const expected = large.map((t) => policy.classify(t).rule)
  assert.deepEqual(policy.classifyMany(large.join('\n')), expected)
  assert.deepEqual([...policy.classifyManyIndexed(Buffer.from(large.join('\n')))].map((i) => rules[i]), expected)
  const broken = [...large.slice(0, 15000), '-late', ...large.slice(15000, 19000), 'caf\u00e9']
  assert.equal(codeOf(() => policy.classifyMany(broken.join('\n'))), 'invalid_tag_start')
  const refs = ['nginx', 'ghcr.io/acme/api:1.2', 'registry.k8s.io/pause:3.9']
  const many = k.ImageRef.parseManyText(refs.join('\n'))
  assert.deepEqual(many.map(String), refs.map((r) => String(k.ImageRef.parse(r))))
})

test('async calls resolve to the sync answers and reject with the same codes', async () => {
  const running = JSON.stringify([{ digests: [DIGEST], scanned: true, monitored: true }])
  const findings = JSON.stringify(
    Array.from({ length: 500 }, (_, i) => ({ image: [DIGEST], vulnerability: `CVE-2024-${i % 120}`, severity: ['critical', 'high', 'low'][i % 3], applicability: 'applicable', fix: { state: 'fixed', versions: ['2'] }, runtime: 'loaded' })),
  )
  const sync = k.computeFunnelJson(running, findings, { runtimeValidation: true })
  assert.deepEqual(await k.computeFunnelAsync(running, Buffer.from(findings), { runtimeValidation: true }), sync)
  assert.equal(sync.funnel.validatedInRuntime.vulnerabilities, 80)
  await assert.rejects(k.computeFunnelAsync('[', findings, { runtimeValidation: true }), (e) => e instanceof Error && e.code === 'invalid_input')

  const snapshots = JSON.stringify([{ takenAt: '2026-11-24T02:00:00Z', running: [{ digests: [DIGEST], scanned: true }] }])
  const options = { now: '2026-11-26T09:00:00+01:00', days: 3, zone: 'Europe/Berlin' }
  assert.deepEqual(await k.computeTrendAsync(snapshots, options), k.computeTrendJson(snapshots, options))
  await assert.rejects(k.computeTrendAsync(snapshots, { ...options, zone: 'Nowhere' }), (e) => e.code === 'unknown_time_zone')
})

test('dates cross as Date or ISO-8601 with an offset; without an offset they are refused', () => {
  const facts = {
    image: 'registry.acme.io/api:1.0',
    imageId: 'registry.acme.io/api@' + DIGEST,
    registry: { answer: 'found', digest: DIGEST },
    cluster: 'c', namespace: 'n', workload: { kind: 'deployment', name: 'api' }, node: 'n1',
    deployedAt: new Date('2024-05-01T10:00:00Z'),
  }
  const policy = new k.IntegrityPolicy(['registry.acme.io'])
  assert.equal(policy.assess(facts, new Date('2024-05-02T00:00:00Z')).status, 'no_issues')
  assert.equal(policy.assess(facts, '2024-05-02T02:00:00+02:00').status, 'no_issues')
  assert.equal(codeOf(() => policy.assess(facts, '2024-05-02T00:00:00')), 'invalid_input')
  assert.equal(codeOf(() => policy.assess({ ...facts, deployedAt: '2024-05-01T10:00:00' }, new Date())), 'invalid_input')
})

test('results use camelCase field names; data keys stay as given', () => {
  const cluster = { name: 'prod_eu', controller: 'running', nodes: [{ name: 'n1', sensor: 'not_installed', labels: { disable_jfrog_runtime: 'true', team_name: 'x' } }] }
  const health = k.clusterHealth(cluster)
  assert.equal(health.monitoredCorrectly, true)
  assert.equal(health.nodes[0].sensor, 'disabled', 'the label key was read as given')
  const done = k.batchConfigure({ prod_eu: { scanners: ['sca'] } }, ['prod_eu'], { scanners: ['sca', 'secrets'], retentionDays: 30 })
  assert.deepEqual(Object.keys(done.configurations), ['prod_eu'])
  assert.equal(done.configurations.prod_eu.retentionDays, 30)
  const mixed = k.batchConfigure({ prodEU: { scanners: [] } }, ['prodEU'], { scanners: ['sca'], retentionDays: 7 })
  assert.deepEqual(Object.keys(mixed.configurations), ['prodEU'], 'a cluster name with capitals is data, not a field')
  const labelled = { name: 'c', controller: 'running', nodes: [{ name: 'n', sensor: 'not_installed', labels: { teamName: 'x', disable_jfrog_runtime: 'true' } }] }
  assert.equal(k.clusterHealth(labelled).nodes[0].sensor, 'disabled')
  assert.equal(k.clusterHealth(labelled, { key: 'teamName', value: 'x' }).nodes[0].sensor, 'disabled', 'a label key with capitals is read as given')
  const byScanner = k.coverage(done.configurations).byScanner
  assert.equal(byScanner.sca, 1)
  assert.equal(byScanner.contextual_analysis, 0, 'scanner codes stay codes')
})

test('readers take strings or buffers', () => {
  const bytes = fixture('../shared/fixtures/trivy/alpine-39.json.golden')
  assert.deepEqual(k.readTrivy(bytes), k.readTrivy(bytes.toString('utf8')))
  assert.equal(codeOf(() => k.readTrivy(Buffer.from([0xff, 0xfe]))), 'invalid_input')
})

test('a tag policy writes camelCase JSON and reads it back', () => {
  const policy = new k.TagPolicy({ addKeywords: ['edge'] })
  const json = policy.toJSON()
  assert.deepEqual(Object.keys(json).sort(), ['keywords', 'keywordsOnly', 'variants'])
  assert.equal(json.keywordsOnly, false)
  const again = k.TagPolicy.fromJSON(JSON.parse(JSON.stringify(policy)))
  assert.equal(again.classify('edge').rule, 'keyword')
  assert.equal(k.TagPolicy.fromJSON(k.TagPolicy.keywordsOnly().toJSON()).classify('1.2.3').rule, 'not_keyword')
  assert.equal(codeOf(() => k.TagPolicy.fromJSON({ keywords: 7 })), 'invalid_input')
})

test('a buffer that is not UTF-8 names its argument', () => {
  try {
    k.readGrype(Buffer.from([0xff, 0xfe]))
    assert.fail('expected an error')
  } catch (e) {
    assert.equal(e.code, 'invalid_input')
    assert.equal(e.details.argument, 'document')
  }
})
