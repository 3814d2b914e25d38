// Bundles the entry points with ncc: the action's main and post steps, and the CLI. `--check`
// bundles into a temporary folder and fails when the committed dist/ differs (CI runs it: a
// stale dist/ never lands), or when the CLI bundle carries @actions/* (it runs outside Actions).
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const entries = { main: 'src/index.ts', post: 'src/post.ts', cli: 'src/cli/index.ts' }
const check = process.argv.includes('--check')
const out = check ? mkdtempSync(join(tmpdir(), 'dist-')) : (process.argv[2] ?? 'dist')

for (const [name, entry] of Object.entries(entries)) {
  // ncc leaves chunks of an earlier bundle in place: start each entry's folder empty.
  rmSync(join(out, name), { recursive: true, force: true })
  execFileSync('npx', ['ncc', 'build', entry, '-o', join(out, name), '--license', 'licenses.txt', '--quiet'], { stdio: 'inherit' })
}

function files(dir) {
  return readdirSync(dir).flatMap(f => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]))
}

// The CLI must not load the Actions runtime (@actions/core, @actions/github and core's
// http-client) at run time: no module of theirs is in its bundle (webpack names each module it
// concatenates by its path). @actions/exec, a process runner with no Actions runtime, is shared.
const runtime = /node_modules\/@actions\/(core|github|http-client)\//
const actionsInCli = files(join(out, 'cli')).filter(f => f.endsWith('.js') && runtime.test(readFileSync(f, 'utf8')))
if (actionsInCli.length > 0) {
  console.error(
    `the CLI bundle carries the Actions runtime (${actionsInCli.map(f => relative(out, f)).join(', ')}): keep src/cli and what it imports free of @actions/core and @actions/github`
  )
  process.exit(1)
}
chmodSync(join(out, 'cli', 'index.js'), 0o755)

if (check) {
  const fresh = files(out)
    .map(f => relative(out, f))
    .sort()
  const committed = existsSync('dist')
    ? files('dist')
        .map(f => relative('dist', f))
        .sort()
    : []
  const stale = [...new Set([...fresh, ...committed])].filter(
    f => !fresh.includes(f) || !committed.includes(f) || !readFileSync(join(out, f)).equals(readFileSync(join('dist', f)))
  )
  rmSync(out, { recursive: true, force: true })
  if (stale.length > 0) {
    console.error(`dist/ is stale (${stale.join(', ')}): run 'npm run bundle' and commit dist/`)
    process.exit(1)
  }
  console.log('dist/ matches a fresh bundle')
}
