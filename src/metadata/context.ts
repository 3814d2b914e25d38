// The facts of the triggering event the tag rules and labels read, as plain data, from the
// runner's environment and the event payload (a CLI can fill it from git).
import { pullRequestHead } from '../git/context.js'

export interface RepositoryFacts {
  name?: string
  description?: string
  htmlUrl?: string
  /** SPDX id, e.g. MIT */
  license?: string
  defaultBranch?: string
}

export interface EventContext {
  /** push, pull_request, pull_request_target, schedule, workflow_dispatch, ... */
  eventName: string
  /** refs/heads/x, refs/tags/v1.2.3, refs/pull/12/merge */
  ref: string
  /** The commit images are labelled with and sha- tags name: for pull requests, the PR's head. */
  sha: string
  /** pull_request: the target branch; push of a tag: the payload's base_ref (unreliable, kept for compatibility). */
  baseRef?: string
  /** The commit time, when the payload has it. */
  commitDate?: Date
  repository: RepositoryFacts
}

/** The parts of a GitHub event payload read here. */
export interface EventPayload {
  base_ref?: unknown
  pull_request?: { number?: unknown; head?: { sha?: unknown }; base?: { ref?: unknown } }
  head_commit?: { timestamp?: unknown } | null
  repository?: {
    name?: unknown
    description?: unknown
    html_url?: unknown
    default_branch?: unknown
    license?: { spdx_id?: unknown } | null
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

export function eventContextFrom(env: NodeJS.ProcessEnv, payload: EventPayload = {}): EventContext {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const ref = env.GITHUB_REF ?? ''
  const repo = payload.repository ?? {}
  const timestamp = text(payload.head_commit?.timestamp)
  const license = text(repo.license?.spdx_id)
  const baseRef = ref.startsWith('refs/tags/')
    ? text(payload.base_ref)?.replace(/^refs\/heads\//, '')
    : ref.startsWith('refs/pull/')
      ? text(payload.pull_request?.base?.ref)
      : undefined
  return {
    eventName,
    ref,
    sha: pullRequestHead(eventName, payload) ?? env.GITHUB_SHA ?? '',
    baseRef,
    commitDate: timestamp && !Number.isNaN(Date.parse(timestamp)) ? new Date(timestamp) : undefined,
    repository: {
      name: text(repo.name) ?? env.GITHUB_REPOSITORY?.split('/')[1],
      description: text(repo.description),
      htmlUrl:
        text(repo.html_url) ??
        (env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}` : undefined),
      // NOASSERTION is GitHub's "a licence we could not identify": no licence to state.
      license: license === 'NOASSERTION' ? undefined : license,
      defaultBranch: text(repo.default_branch)
    }
  }
}
