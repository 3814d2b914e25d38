// Turns reliability/results.json (written by __tests__/e2e/faults.test.ts) into a
// Markdown table: printed always, and written into README.md between
// <!-- reliability:start --> and <!-- reliability:end --> when both markers are there.
//
//   node scripts/reliability-table.mjs [results.json] [README.md]
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const resultsFile = process.argv[2] ?? join(root, 'reliability/results.json')
const readmeFile = process.argv[3] ?? join(root, 'README.md')
const START = '<!-- reliability:start -->'
const END = '<!-- reliability:end -->'

if (!existsSync(resultsFile)) {
  console.error(`${resultsFile} does not exist: run the faults test first (npx jest __tests__/e2e/faults.test.ts --selectProjects e2e)`)
  process.exit(1)
}
const results = JSON.parse(readFileSync(resultsFile, 'utf8'))
if (!Array.isArray(results.faultTypes)) {
  console.error(`${resultsFile} has no faultTypes list: is it from __tests__/e2e/faults.test.ts?`)
  process.exit(1)
}

const labels = {
  503: '503 Service Unavailable',
  500: '500 Internal Server Error',
  '429-retry-after': '429 with Retry-After',
  429: '429 without Retry-After',
  reset: 'connection reset',
  stall: '2 s stall',
  truncate: 'truncated body',
  401: '401 (expired token)'
}

const rows = results.faultTypes.map(f => [labels[f.faultType] ?? f.faultType, f.runs, f.successes, f.cleanFailures, f.wrongPublications])
const sum = i => results.faultTypes.reduce((total, f) => total + f[i], 0)
rows.push(['**total**', sum('runs'), sum('successes'), sum('cleanFailures'), sum('wrongPublications')].map(String))

const header = ['fault type', 'runs', 'successes', 'clean failures', 'wrong publications']
const table = [
  `| ${header.join(' | ')} |`,
  `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
  ...rows.map(row => `| ${row.join(' | ')} |`)
].join('\n')

// The bad-input cases, counted by scripts/reliability.sh beside the fault results.
const badInputFile = join(dirname(resultsFile), 'bad-input.json')
let badInput = ''
if (existsSync(badInputFile)) {
  const { cases, passed } = JSON.parse(readFileSync(badInputFile, 'utf8'))
  badInput = `\n\nBad input: ${cases} cases (invalid platforms, repository names, tags, modes, booleans, KEY=VALUE lines, secrets, sources, run keys), each asserting its exact error before any side effect: ${passed} passed.`
}

console.log(table + badInput)

if (!existsSync(readmeFile)) {
  console.error(`${readmeFile} does not exist: nothing written`)
  process.exit(0)
}
const readme = readFileSync(readmeFile, 'utf8')
const start = readme.indexOf(START)
const end = readme.indexOf(END)
if (start < 0 || end < 0 || end < start) {
  console.error(`${readmeFile} has no ${START} ... ${END} section: nothing written`)
  process.exit(0)
}
const updated = `${readme.slice(0, start + START.length)}\n${table}${badInput}\n${readme.slice(end)}`
if (updated !== readme) writeFileSync(readmeFile, updated)
console.error(`${readmeFile}: reliability section ${updated === readme ? 'already up to date' : 'updated'}`)
