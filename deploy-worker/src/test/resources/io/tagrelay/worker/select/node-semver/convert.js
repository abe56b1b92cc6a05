'use strict'
// Turns node-semver's range and comparison fixtures into tagrelay tag-choice cases.
// Usage: node convert.js <node-semver checkout> > tag-choice-cases.json
// See README.md next to this file for what each case means and which rows are skipped.
const path = require('path')

const checkout = process.argv[2]
if (!checkout) {
  console.error('usage: node convert.js <node-semver checkout>')
  process.exit(2)
}
const semver = require(path.resolve(checkout))
const fixture = (name) => require(path.resolve(checkout, 'test', 'fixtures', name))

// the OCI distribution spec's tag grammar
const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/
// lower than every version, so that every fixture version is an upgrade from it
const LOWEST = '0.0.0-0'

// node-semver's parseOptions: `true` or any non-object truthy value means loose
const isLoose = (options) =>
  (typeof options === 'object' && options !== null) ? Boolean(options.loose) : Boolean(options)
const includesPrereleases = (options) =>
  typeof options === 'object' && options !== null && Boolean(options.includePrerelease)

const cases = []
const skipped = { 'not an OCI tag': [], loose: [] }

function skip (file, index, row) {
  const tags = file === 'comparisons.js' ? row.slice(0, 2) : [row[1]]
  if (!tags.every((tag) => typeof tag === 'string' && OCI_TAG.test(tag))) {
    skipped['not an OCI tag'].push(`${file}[${index}]`)
    return true
  }
  if (isLoose(row[2])) {
    skipped.loose.push(`${file}[${index}]`)
    return true
  }
  return false
}

function check (condition, what) {
  if (!condition) {
    throw new Error(`node-semver disagrees with its own fixture: ${what}`)
  }
}

for (const [file, included] of [['range-include.js', true], ['range-exclude.js', false]]) {
  fixture(file).forEach((row, index) => {
    if (skip(file, index, row)) {
      return
    }
    const [range, version, options] = row
    check(semver.satisfies(version, range, options) === included, `${file}[${index}]`)
    cases.push({
      source: `${file}[${index}]`,
      running: LOWEST,
      pushed: [version],
      range,
      includePrereleases: includesPrereleases(options),
      chosen: included ? version : null
    })
  })
}

fixture('comparisons.js').forEach((row, index) => {
  const file = 'comparisons.js'
  if (skip(file, index, row)) {
    return
  }
  const [greater, lower] = row
  check(semver.gt(greater, lower), `${file}[${index}]`)
  const common = { range: '*', includePrereleases: true }
  cases.push({ source: `${file}[${index}] upgrade`, running: lower, pushed: [greater], ...common, chosen: greater })
  cases.push({ source: `${file}[${index}] no downgrade`, running: greater, pushed: [lower], ...common, chosen: null })
  cases.push({ source: `${file}[${index}] newest`, running: LOWEST, pushed: [lower, greater], ...common, chosen: greater })
})

// one case a line, so that a change of the fixtures reads as a short diff
const lines = [
  '{',
  ` "from": ${JSON.stringify(`npm/node-semver ${require(path.resolve(checkout, 'package.json')).version}`)},`,
  ` "skipped": ${JSON.stringify(skipped)},`,
  ' "cases": [',
  cases.map((c) => '  ' + JSON.stringify(c)).join(',\n'),
  ' ]',
  '}'
]
process.stdout.write(lines.join('\n') + '\n')
