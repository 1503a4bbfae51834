// Shared helpers: the behaviour cases in tests/vectors/ (the Rust and
// Python suites read them too), key casing, and the subset comparison.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
// Fixture paths in the vectors are relative to the repository root: third-party
// files under ../shared/fixtures/, the project's own under tests/fixtures/.
export const FIXTURES = root

export function vectors(name) {
  return JSON.parse(readFileSync(join(root, 'tests', 'vectors', name), 'utf8'))
}

export function section(name, key, atLeast) {
  const cases = vectors(name)[key]
  assert.ok(cases.length >= atLeast, `${name} ${key}: at least ${atLeast} cases`)
  return cases
}

export function fixture(path) {
  return readFileSync(join(FIXTURES, path))
}

const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
const snake = (k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

function renameKeys(value, rename) {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename))
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), renameKeys(v, rename)]))
}

/** Every key of `value` in camelCase: how users write input that holds no
 * map keyed by data, and how an error's details are named. */
export const camelKeys = (value) => renameKeys(value, camel)

/** Every key of `value` in snake_case, to compare a result with the vectors
 * (keys that are data, written in snake_case or lower case, are unchanged). */
export const snakeKeys = (value) => renameKeys(value, snake)

/** `actual` holds `expected`: objects key by key (extra keys are fine, a
 * missing one is not, even where null is expected),
 * arrays element by element with the same length, anything else equal. */
export function subset(expected, actual, at = '') {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${at}: expected an object, got ${JSON.stringify(actual)}`)
    for (const [k, v] of Object.entries(expected)) {
      // A field the result leaves out is not a field that is null.
      assert.ok(k in actual, `${at}.${k}: expected ${JSON.stringify(v)}, the result has no such field`)
      subset(v, actual[k], `${at}.${k}`)
    }
    return
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    expected.forEach((e, i) => subset(e, actual[i], `${at}[${i}]`))
    return
  }
  assert.deepStrictEqual(actual, expected, `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}

export function codeOf(call) {
  try {
    call()
  } catch (e) {
    assert.ok(e instanceof Error, 'an Error instance')
    return e.code
  }
  assert.fail('expected an error')
}
