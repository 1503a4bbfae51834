// Node binding benchmarks, run on demand (not part of the tests):
//
//   (cd bindings-node && npm ci && npm run build)
//   node benches/node/bench.mjs [tags|funnel]
//
// Reports medians: tag classification through the batch call beside a plain
// RegExp keyword-list match on the same tags, and the funnel over one
// million findings given as one JSON text beside the same findings as an
// Arrow IPC stream (apache-arrow's tableToIPC), timed in turn.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const fromBinding = createRequire(join(root, 'bindings-node', 'index.js'))
const k = fromBinding('./index.js')
// The Arrow package of the binding's lock file.
const arrow = fromBinding('apache-arrow')

// The median time of each run, timed in turn within each repetition, and the
// median over repetitions of the first run's time divided by each run's: on a
// shared machine whose speed drifts, runs timed side by side compare better
// than runs timed seconds apart.
function interleaved(runs, repeat) {
  const times = runs.map(() => [])
  for (let i = 0; i < repeat; i++) {
    runs.forEach((run, r) => {
      const start = process.hrtime.bigint()
      run()
      times[r].push(Number(process.hrtime.bigint() - start) / 1e9)
    })
  }
  const mid = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  return runs.map((_, r) => ({
    seconds: mid(times[r]),
    speedup: mid(times[0].map((t, i) => t / times[r][i])),
  }))
}

function tags() {
  const sample = readFileSync(join(root, 'benches', 'data', 'tags.txt'), 'utf8')
    .split('\n')
    .filter((t) => t && !t.startsWith('#'))
  const policy = new k.TagPolicy()
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  // The usual hand-written check: a keyword alone or before a variant.
  const pattern = new RegExp(`^(?:${policy.keywords.map(escape).join('|')})(?:[-_.].*)?$`, 'i')
  const joined = sample.join('\n')
  const n = sample.length
  let sink = 0
  const buffer = Buffer.from(joined)
  const [regex, batch, indexed, fromBuffer] = interleaved([
    () => { for (const t of sample) if (pattern.test(t)) sink++ },
    () => { sink += policy.classifyMany(joined).length },
    () => { sink += policy.classifyManyIndexed(joined).length },
    () => { sink += policy.classifyManyIndexed(buffer).length },
  ], 101)
  const ns = (run) => ((run.seconds / n) * 1e9).toFixed(1)
  console.log(`tags: ${n} tags`)
  console.log(`  RegExp keyword match:         ${ns(regex)} ns per tag`)
  console.log(`  TagPolicy.classifyMany:       ${ns(batch)} ns per tag (${batch.speedup.toFixed(2)}x the RegExp's speed)`)
  console.log(`  TagPolicy.classifyManyIndexed: ${ns(indexed)} ns per tag (${indexed.speedup.toFixed(2)}x the RegExp's speed)`)
  console.log(`    given a Buffer:              ${ns(fromBuffer)} ns per tag (${fromBuffer.speedup.toFixed(2)}x the RegExp's speed)`)
  return sink
}

function funnel() {
  let seed = 7
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  const images = 20000
  const ids = 100000
  const digests = Array.from({ length: images }, (_, i) => 'sha256:' + i.toString(16).padStart(64, '0'))
  const running = JSON.stringify(digests.map((d, i) => ({ digests: [d], scanned: true, monitored: i % 4 !== 0 })))
  const severities = ['critical', 'high', 'medium', 'low', 'unknown']
  const applicability = ['applicable', 'not_applicable', 'undetermined']
  const rows = Array.from({ length: 1_000_000 }, (_, i) => ({
    image: [digests[Math.floor(images * random() ** 3)]],
    vulnerability: `CVE-${2000 + (i % 25)}-${10000 + Math.floor(ids * random() ** 3)}`,
    package: { name: `pkg${i % 500}`, version: '1.0' },
    severity: severities[i % 5],
    applicability: applicability[i % 3],
    fix: i % 2 ? { state: 'fixed', versions: ['1.1'] } : { state: 'not_fixed' },
    runtime: i % 7 === 0 ? 'loaded' : 'not_observed',
  }))
  const findings = JSON.stringify(rows)
  // The same findings as an Arrow table, as apache-arrow builds one from
  // arrays (strings dictionary-encoded), and its IPC stream.
  const { tableFromArrays, tableToIPC, vectorFromArray, List, Field, Utf8 } = arrow
  const table = tableFromArrays({
    image: rows.map((r) => r.image[0]),
    vulnerability: rows.map((r) => r.vulnerability),
    package_name: rows.map((r) => r.package.name),
    package_version: rows.map((r) => r.package.version),
    severity: rows.map((r) => r.severity),
    applicability: rows.map((r) => r.applicability),
    fix_state: rows.map((r) => r.fix.state),
    runtime: rows.map((r) => r.runtime),
  }).assign(new arrow.Table({
    fix_versions: vectorFromArray(rows.map((r) => r.fix.versions ?? []), new List(new Field('item', new Utf8(), true))),
  }))
  const ipc = tableToIPC(table)
  const options = { runtimeValidation: true }
  const fromJson = k.computeFunnelJson(running, findings, options)
  const fromArrow = k.computeFunnelArrow(JSON.parse(running), ipc, options)
  if (JSON.stringify(fromJson) !== JSON.stringify(fromArrow)) throw new Error('the JSON and Arrow funnels differ')
  const runningObjects = JSON.parse(running)
  const [json, ipcRun] = interleaved([
    () => k.computeFunnelJson(running, findings, options),
    () => k.computeFunnelArrow(runningObjects, ipc, options),
  ], 7)
  const ms = (run) => (run.seconds * 1000).toFixed(0)
  console.log(`funnel: 1,000,000 findings over ${images} images, the same answer both ways`)
  console.log(`  computeFunnelJson (one JSON text, ${(findings.length / 1e6).toFixed(0)} MB): ${ms(json)} ms (${(json.seconds * 1e3).toFixed(0)} ns per finding)`)
  console.log(`  computeFunnelArrow (IPC stream, ${(ipc.length / 1e6).toFixed(0)} MB):  ${ms(ipcRun)} ms (${(ipcRun.seconds * 1e3).toFixed(0)} ns per finding; ${ipcRun.speedup.toFixed(1)}x the JSON path's speed)`)
}

// `node bench.mjs tags` or `node bench.mjs funnel` runs one of them.
const only = process.argv[2]
if (!only || only === 'tags') tags()
if (!only || only === 'funnel') funnel()
