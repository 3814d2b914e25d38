// The `manifests` input's files: paths, directories (their YAML and JSON files) and globs
// (`*`, `**`, `?`, `[...]`, `{a,b}`; a leading `!` excludes), relative to the workspace.
// A pattern that matches nothing is an error naming the input: a typo must not pass as "ready".
import { readdir, stat } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'

/** Folders never walked: they hold no deployment files of the repository's own. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules'])
/** Files a directory entry brings in. */
const DEPLOYMENT_FILE = /\.(ya?ml|json)$/i
/** Files walked per pattern before giving up (a pattern over the whole disk, a link loop). */
const MAX_WALKED = 100_000

export class ManifestsError extends Error {
  constructor(message: string) {
    super(`input manifests: ${message}`)
    this.name = 'ManifestsError'
  }
}

const isGlob = (pattern: string) => /[*?[\]{}]/.test(pattern)

/** The files the patterns name, relative to `cwd` with `/`, sorted, each once. */
export async function expandManifests(patterns: string[], cwd: string): Promise<string[]> {
  const files = new Set<string>()
  for (const pattern of patterns.filter(p => !p.startsWith('!'))) {
    const matched = await expandOne(pattern, cwd)
    if (matched.length === 0)
      throw new ManifestsError(
        isGlob(pattern)
          ? `"${pattern}" matches no file: give files, directories or globs of deployment files relative to the workspace, e.g. k8s/**/*.yaml`
          : `"${pattern}" is no file or directory with YAML or JSON files: give files, directories or globs relative to the workspace, e.g. k8s/**/*.yaml`
      )
    for (const file of matched) files.add(file)
  }
  const excluded = patterns.filter(p => p.startsWith('!')).map(p => globToRegExp(p.slice(1)))
  return [...files].filter(file => !excluded.some(re => re.test(file))).sort()
}

async function expandOne(pattern: string, cwd: string): Promise<string[]> {
  const normalised = pattern.replace(/\\/g, '/').replace(/^\.\//, '')
  if (!isGlob(normalised)) {
    const info = await stat(resolve(cwd, normalised)).catch(() => undefined)
    if (info?.isFile()) return [normalised]
    if (info?.isDirectory()) return (await walk(resolve(cwd, normalised), cwd)).filter(f => DEPLOYMENT_FILE.test(f))
    return []
  }
  // Walk from the folder before the first glob segment.
  const segments = normalised.split('/')
  const firstGlob = segments.findIndex(isGlob)
  const base = segments.slice(0, firstGlob).join('/')
  const re = globToRegExp(normalised)
  return (await walk(join(cwd, base), cwd)).filter(file => re.test(file))
}

/** Every file under `dir` (symbolic links to folders not followed), as paths relative to `cwd`. */
async function walk(dir: string, cwd: string): Promise<string[]> {
  const files: string[] = []
  const pending = [dir]
  while (pending.length > 0) {
    const current = pending.pop() as string
    const entries = await readdir(current, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(path)
      } else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile())) {
        files.push(relative(cwd, path).split(sep).join('/'))
        if (files.length > MAX_WALKED)
          throw new ManifestsError(`more than ${MAX_WALKED} files under ${relative(cwd, dir) || '.'}: narrow the globs`)
      }
    }
  }
  return files
}

/** A glob as a regular expression over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = ''
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '')
  for (let i = 0; i < g.length; i++) {
    const c = g[i]
    if (c === '*' && g[i + 1] === '*') {
      // `**/` is any number of folders (none included); a trailing `**` is anything below.
      if (g[i + 2] === '/') {
        re += '(?:[^/]*/)*'
        i += 2
      } else {
        re += '.*'
        i += 1
      }
    } else if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else if (c === '{') {
      const end = g.indexOf('}', i)
      if (end === -1) re += '\\{'
      else {
        re += `(?:${g
          .slice(i + 1, end)
          .split(',')
          .map(alt =>
            alt
              .replace(/[.+^$()|[\]\\]/g, '\\$&')
              .replace(/\*/g, '[^/]*')
              .replace(/\?/g, '[^/]')
          )
          .join('|')})`
        i = end
      }
    } else if (c === '[') {
      const end = g.indexOf(']', i + 1)
      if (end === -1) re += '\\['
      else {
        const body = g
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')
        re += `[${body}]`
        i = end
      }
    } else re += c.replace(/[.+^$()|\\\]}]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}
