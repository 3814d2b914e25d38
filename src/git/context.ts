// The git facts a run is about, as plain data. The action fills it from the
// runner's environment; a CLI can fill it from `git` itself.
export interface GitContext {
  /** Full commit sha being built or merged. */
  sha: string
  /** refs/heads/x, refs/tags/v1.2.3, refs/pull/12/merge */
  ref: string
  prNumber?: number
  /** https://github.com/owner/repo, when known. */
  sourceUrl?: string
  /** ISO 8601 commit time, when known: it keeps the index bytes reproducible. */
  commitTime?: string
  /** The branch built (a pull request's head branch) and the repository's default branch, when known: they scope the build cache. */
  branch?: string
  defaultBranch?: string
}

/** Index annotations from the git context (OCI pre-defined keys). */
export function gitAnnotations(git: GitContext): Record<string, string> {
  const annotations: Record<string, string> = { 'org.opencontainers.image.revision': git.sha }
  if (git.sourceUrl) annotations['org.opencontainers.image.source'] = git.sourceUrl
  if (git.commitTime) annotations['org.opencontainers.image.created'] = git.commitTime
  return annotations
}

/** The parts of a GitHub event payload the context reads. */
export interface GitHubEvent {
  number?: unknown
  pull_request?: { number?: unknown; head?: { sha?: unknown } }
  head_commit?: { timestamp?: string } | null
  repository?: Record<string, unknown>
}

/**
 * A pull request's head commit: the one the author pushed and reviewers saw. GITHUB_SHA
 * names a merge commit that exists only for this run (metadata-action#206), so sha- tags
 * and the revision label name the head instead, in the legs and in the merge's check alike.
 */
export function pullRequestHead(eventName: string | undefined, event: Pick<GitHubEvent, 'pull_request'>): string | undefined {
  const sha = event.pull_request?.head?.sha
  return eventName?.startsWith('pull_request') && typeof sha === 'string' && sha !== '' ? sha : undefined
}

/** Reads the context from the variables every GitHub runner sets (and the event payload). */
export function gitContextFromEnv(env: NodeJS.ProcessEnv, event: GitHubEvent = {}): GitContext {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
  const prNumber = event.pull_request?.number ?? event.number
  const commitTime: string | undefined = event.head_commit?.timestamp ?? undefined
  const ref = env.GITHUB_REF ?? ''
  const branch = env.GITHUB_HEAD_REF || (ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined)
  const defaultBranch = event.repository?.default_branch
  return {
    sha: pullRequestHead(env.GITHUB_EVENT_NAME, event) ?? env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    prNumber: typeof prNumber === 'number' ? prNumber : undefined,
    sourceUrl: env.GITHUB_REPOSITORY ? `${server}/${env.GITHUB_REPOSITORY}` : undefined,
    commitTime: commitTime ? new Date(commitTime).toISOString() : undefined,
    // Only when known, so that a context without them reads as before.
    ...(branch ? { branch } : {}),
    ...(typeof defaultBranch === 'string' && defaultBranch ? { defaultBranch } : {})
  }
}
