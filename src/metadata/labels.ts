// The standard OCI labels (on images) and annotations (on the index), as metadata-action
// sets them, and its output formats: one `key=value` per line, sorted by key.
import { gitAnnotations, type GitContext } from '../git/context.js'
import type { EventContext } from './context.js'

export const OCI = {
  title: 'org.opencontainers.image.title',
  description: 'org.opencontainers.image.description',
  url: 'org.opencontainers.image.url',
  source: 'org.opencontainers.image.source',
  version: 'org.opencontainers.image.version',
  created: 'org.opencontainers.image.created',
  revision: 'org.opencontainers.image.revision',
  licenses: 'org.opencontainers.image.licenses'
} as const

/**
 * title, description, url, source, version, created, revision, licenses. Unknown facts are
 * left out rather than set empty. `created` is the commit time, so that re-runs build the same
 * bytes; without one there is no `created`.
 */
export function standardLabels(ctx: EventContext, version: string | undefined): Record<string, string> {
  const r = ctx.repository
  const entries: [string, string | undefined][] = [
    [OCI.title, r.name],
    [OCI.description, r.description],
    [OCI.url, r.htmlUrl],
    [OCI.source, r.htmlUrl],
    [OCI.version, version],
    [OCI.created, ctx.commitDate?.toISOString()],
    [OCI.revision, ctx.sha || undefined],
    [OCI.licenses, r.license]
  ]
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''))
}

/** The user's entries win over the standard ones. */
export function withStandard(standard: Record<string, string>, user: Record<string, string>): Record<string, string> {
  return { ...standard, ...user }
}

/** metadata-action's `labels` output: `key=value` lines sorted by key. */
export function formatLabels(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map(key => `${key}=${labels[key]}`)
    .join('\n')
}

/** metadata-action's `annotations` output, at the index level: `index:key=value` lines sorted by key. */
export function formatAnnotations(annotations: Record<string, string>): string {
  return Object.keys(annotations)
    .sort()
    .map(key => `index:${key}=${annotations[key]}`)
    .join('\n')
}

/**
 * The user's labels, plus the commit (the merge checks it) and, when known, the source
 * repository and the other standard labels (as docker/metadata-action sets them); user labels win over those.
 */
export function imageLabels(
  labels: Record<string, string>,
  git: GitContext,
  standard: Record<string, string> = {}
): Record<string, string> {
  const source: Record<string, string> = git.sourceUrl ? { 'org.opencontainers.image.source': git.sourceUrl } : {}
  return { ...source, ...standard, ...labels, 'org.opencontainers.image.revision': git.sha }
}

/** The index's annotations: from git, the standard OCI ones, then the user's (which win). */
export function indexAnnotations(config: {
  git: GitContext
  standard?: Record<string, string>
  annotations: Record<string, string>
}): Record<string, string> {
  return { ...gitAnnotations(config.git), ...config.standard, ...config.annotations }
}
