// Release tags derived from the git context, in the spirit of docker/metadata-action.
import { isValidTag, TAG_MAX } from './reference.js'

export class TagError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TagError'
  }
}

/** ref as GitHub gives it: refs/tags/v1.2.3, refs/heads/feature/x, refs/pull/12/merge. */
export interface GitRef {
  ref: string
  sha: string
  prNumber?: number
}

const NUMBER = '(0|[1-9][0-9]*)'
const IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*'
const SEMVER_RE = new RegExp(`^v?${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENTIFIERS}))?(?:\\+(${IDENTIFIERS}))?$`)

/** Maps any string to a valid tag: other characters become '-'; throws when nothing is left. */
export function sanitizeTag(s: string): string {
  const tag = s
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, TAG_MAX)
  if (tag === '') throw new TagError(`cannot make a tag from "${s}": it has no letters, digits or _`)
  return tag
}

// Build metadata ('+' is not allowed in tags) becomes '_'. A pre-release or a build with
// metadata is one specific build, so it does not move latest, major or major.minor.
function semverTags(name: string): string[] | undefined {
  const m = SEMVER_RE.exec(name)
  if (m === null) return undefined
  const [, major, minor, patch, pre, build] = m
  const core = `${major}.${minor}.${patch}`
  if (pre === undefined && build === undefined) return [core, `${major}.${minor}`, major, 'latest']
  return [`${core}${pre !== undefined ? `-${pre}` : ''}${build !== undefined ? `_${build}` : ''}`]
}

function sanitizedOrNone(s: string): string[] {
  try {
    return [sanitizeTag(s)]
  } catch {
    return []
  }
}

function refTags(g: GitRef): string[] {
  if (g.prNumber !== undefined) {
    if (!Number.isSafeInteger(g.prNumber) || g.prNumber < 1)
      throw new TagError(`pull request number ${g.prNumber} is not a positive whole number`)
    return [`pr-${g.prNumber}`]
  }
  const pull = /^refs\/pull\/([0-9]+)\//.exec(g.ref)
  if (pull !== null) return [`pr-${pull[1]}`]
  if (g.ref.startsWith('refs/tags/')) {
    const name = g.ref.slice('refs/tags/'.length)
    return semverTags(name) ?? sanitizedOrNone(name)
  }
  if (g.ref.startsWith('refs/heads/')) return sanitizedOrNone(g.ref.slice('refs/heads/'.length))
  return sanitizedOrNone(g.ref.replace(/^refs\//, ''))
}

/** The default release tags for a push or pull request, ending with sha-<7 hex>. */
export function defaultTags(g: GitRef): string[] {
  if (!/^[0-9a-f]{7,64}$/i.test(g.sha)) {
    throw new TagError(`commit sha "${g.sha}" is not a git commit id (7 to 64 hex digits)`)
  }
  const tags = [...refTags(g), `sha-${g.sha.slice(0, 7).toLowerCase()}`]
  return [...new Set(tags.filter(isValidTag))]
}
