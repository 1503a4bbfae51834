// Node binding benchmarks, run on demand (not part of the tests):
//
//   (cd bindings-node && npm ci && npm run build)
//   node benches/node/bench.mjs
//
// Reports medians: tag classification through the batch call beside a plain
// RegExp keyword-list match on the same tags, and the funnel over one
// million findings given as one JSON text.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const k = createRequire(import.meta.url)(join(root, 'bindings-node', 'index.js'))

function median(run, repeat) {
  const times = []
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint()
    run()
    times.push(Number(process.hrtime.bigint() - start) / 1e9)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
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
  const regexNs = (median(() => { for (const t of sample) if (pattern.test(t)) sink++ }, 51) / n) * 1e9
  const batchNs = (median(() => { sink += policy.classifyMany(joined).length }, 51) / n) * 1e9
  const indexedNs = (median(() => { sink += policy.classifyManyIndexed(joined).length }, 51) / n) * 1e9
  const buffer = Buffer.from(joined)
  const bufferNs = (median(() => { sink += policy.classifyManyIndexed(buffer).length }, 51) / n) * 1e9
  console.log(`tags: ${n} tags`)
  console.log(`  RegExp keyword match:         ${regexNs.toFixed(1)} ns per tag`)
  console.log(`  TagPolicy.classifyMany:       ${batchNs.toFixed(1)} ns per tag (${(regexNs / batchNs).toFixed(2)}x the RegExp's speed)`)
  console.log(`  TagPolicy.classifyManyIndexed: ${indexedNs.toFixed(1)} ns per tag (${(regexNs / indexedNs).toFixed(2)}x the RegExp's speed)`)
  console.log(`    given a Buffer:              ${bufferNs.toFixed(1)} ns per tag (${(regexNs / bufferNs).toFixed(2)}x the RegExp's speed)`)
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
  const findings = JSON.stringify(Array.from({ length: 1_000_000 }, (_, i) => ({
    image: [digests[Math.floor(images * random() ** 3)]],
    vulnerability: `CVE-${2000 + (i % 25)}-${10000 + Math.floor(ids * random() ** 3)}`,
    package: { name: `pkg${i % 500}`, version: '1.0' },
    severity: severities[i % 5],
    applicability: applicability[i % 3],
    fix: i % 2 ? { state: 'fixed', versions: ['1.1'] } : { state: 'not_fixed' },
    runtime: i % 7 === 0 ? 'loaded' : 'not_observed',
  })))
  const seconds = median(() => k.computeFunnelJson(running, findings, { runtimeValidation: true }), 5)
  console.log(`funnel: 1,000,000 findings as one JSON text (${(findings.length / 1e6).toFixed(0)} MB) over ${images} images`)
  console.log(`  computeFunnelJson:            ${(seconds * 1000).toFixed(0)} ms (${(seconds * 1e3).toFixed(0)} ns per finding)`)
}

tags()
funnel()
