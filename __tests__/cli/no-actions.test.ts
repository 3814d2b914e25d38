// The CLI runs outside GitHub Actions: nothing it can load, statically or on demand, imports
// the Actions runtime, @actions/core or @actions/github (scripts/bundle.mjs checks the bundle
// too). @actions/exec, a process runner that needs no runner, is shared by both edges.
import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const runtime = /^@actions\/(core|github)(\/|$)/

/** Every module specifier a source file imports, exports from, or imports dynamically. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm)].map(
    m => m[1] ?? m[2] ?? m[3]
  )
}

function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    const imports = specifiers(file)
    seen.set(file, imports)
    for (const s of imports) if (s.startsWith('.')) queue.push(join(dirname(file), s.replace(/\.js$/, '.ts')))
  }
  return seen
}

test('no module the CLI reaches imports @actions/core or @actions/github', () => {
  const graph = reachable(join(root, 'src/cli/index.ts'))
  // The walk did reach the domain (a sanity check that it follows imports, dynamic ones too).
  expect([...graph.keys()].map(f => relative(root, f))).toEqual(
    expect.arrayContaining([
      'src/cli/main.ts',
      'src/commands/run.ts',
      'src/commands/build.ts',
      'src/commands/merge.ts',
      'src/docker/cli.ts'
    ])
  )
  const offenders = [...graph].filter(([, imports]) => imports.some(s => runtime.test(s))).map(([f]) => relative(root, f))
  expect(offenders).toEqual([])
})

test('the walk does see @actions/core where it is (the action edge)', () => {
  const graph = reachable(join(root, 'src/index.ts'))
  expect([...graph].filter(([, imports]) => imports.some(s => runtime.test(s))).length).toBeGreaterThan(0)
})
