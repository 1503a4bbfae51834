// The documentation's Node examples, run as written: every ```js block of
// the root README, of docs/*.md and of this package's README is a complete
// CommonJS program that requires 'kubesight'. Each block runs in a Node
// process of its own, with 'kubesight' pointed at the addon built here, so
// a rejected promise or a failed assertion fails its test.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const addon = join(here, '..', 'index.js')

// Pages that must show at least one Node example.
const REQUIRED = ['README.md', 'docs/node.md', 'bindings-node/README.md']

function pages() {
  const docs = join(root, 'docs')
  const found = existsSync(docs)
    ? readdirSync(docs)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => `docs/${name}`)
    : []
  return [...new Set(['README.md', ...found, ...REQUIRED])]
}

/** The ```js blocks of a Markdown text, with the line each starts on. */
function jsBlocks(text) {
  const blocks = []
  const lines = text.split('\n')
  let open = null
  lines.forEach((line, i) => {
    if (open === null) {
      if (/^```js\s*$/.test(line)) open = { line: i + 1, code: [] }
    } else if (/^```\s*$/.test(line)) {
      blocks.push({ line: open.line, code: open.code.join('\n') })
      open = null
    } else {
      open.code.push(line)
    }
  })
  assert.equal(open, null, 'a ```js block is not closed')
  return blocks
}

/** The block with require('kubesight') pointed at the local addon, and
 * the packages the examples use beside it at the binding's own. */
function localized(code) {
  const arrow = join(here, '..', 'node_modules', 'apache-arrow')
  return code
    .replace(/require\((['"])kubesight\1\)/g, () => `require(${JSON.stringify(addon)})`)
    .replace(/require\((['"])apache-arrow\1\)/g, () => `require(${JSON.stringify(arrow)})`)
}

for (const page of pages()) {
  const path = join(root, page)
  const text = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const blocks = jsBlocks(text)

  if (REQUIRED.includes(page)) {
    test(`${page} has a Node example`, () => {
      assert.ok(existsSync(path), `${page} does not exist`)
      assert.ok(blocks.length > 0, `${page} has no \`\`\`js block`)
    })
  }

  blocks.forEach((block, i) => {
    test(`${page} js block ${i + 1} (line ${block.line})`, () => {
      assert.match(block.code, /require\((['"])kubesight\1\)/, 'the example requires kubesight')
      const run = spawnSync(process.execPath, ['-e', localized(block.code)], {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      })
      assert.equal(run.error, undefined, String(run.error))
      assert.equal(run.status, 0, `${page}:${block.line} failed:\n${run.stderr}${run.stdout}`)
    })
  })
}
