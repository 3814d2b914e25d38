// The run as the CI system the CLI runs in names it: run key, attempt, commit, ref, source URL.
// One RunContext for parseInputs, as the action's comes from GITHUB_* (config/github.ts).
//
// Each variable as its system documents it:
// - AWS CodeBuild, "Environment variables in build environments":
//   https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html
//   CODEBUILD_BUILD_ID (always set: how a CodeBuild build is recognised), CODEBUILD_RESOLVED_SOURCE_VERSION
//   (the commit id for CodeCommit, GitHub, GitHub Enterprise and Bitbucket sources; in CodePipeline
//   the source revision CodePipeline gives), CODEBUILD_WEBHOOK_TRIGGER (webhook builds only:
//   branch/<name>, tag/<name> or pr/<number>), CODEBUILD_SOURCE_REPO_URL (the repository's clone URL;
//   s3://... for S3 sources, possibly empty under CodePipeline), CODEBUILD_BATCH_BUILD_IDENTIFIER
//   (set in the builds of a batch: the build's identifier in the batch buildspec, so one per
//   leg, never a run key), CODEBUILD_INITIATOR (the entity that started the build: in a batch's
//   builds, the batch, e.g. <project>/AWSCodeBuild-<uuid>, which cypress-io/cypress-documentation#3143
//   uses as the batch's shared id).
// - AWS CodePipeline, "Variables reference": #{codepipeline.PipelineExecutionId}, the id of the
//   pipeline execution, the same in every action of one execution (and a retried stage):
//   https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-variables.html
//   The recipe maps it into each CodeBuild action's environment as PIPELINE_EXECUTION_ID.
// - GitLab CI/CD, "Predefined CI/CD variables reference":
//   https://docs.gitlab.com/ci/variables/predefined_variables/
//   GITLAB_CI ("true"), CI_PIPELINE_ID (the pipeline's instance-wide id), CI_COMMIT_SHA,
//   CI_COMMIT_TAG (tag pipelines only), CI_COMMIT_BRANCH (branch pipelines only, not in merge request
//   or tag pipelines), CI_MERGE_REQUEST_IID (merge request pipelines: the project-level id),
//   CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, CI_DEFAULT_BRANCH, CI_PROJECT_URL, CI_COMMIT_TIMESTAMP (ISO 8601).
// - GitHub Actions, "Variables reference": GITHUB_ACTIONS ("true"), then everything as the action reads it.
//   https://docs.github.com/en/actions/reference/workflows-and-actions/variables
import { execFileSync } from 'node:child_process'
import { githubRunContext } from '../config/github.js'
import { InputError, type RunContext } from '../config/inputs.js'
import type { GitContext } from '../git/context.js'
import type { EventContext } from '../metadata/context.js'

export type CiSystem = 'codebuild' | 'gitlab' | 'github' | 'git'

/** The CodePipeline execution id, as the recipe maps it (see README, "CodePipeline and CodeBuild"). */
export const PIPELINE_EXECUTION_ID = 'PIPELINE_EXECUTION_ID'

/** Runs git with arguments, returns its trimmed stdout, or undefined when it fails (no git, no repository). */
export type Git = (args: string[]) => string | undefined

export const runGit: Git = args => {
  try {
    const out = execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    return out === '' ? undefined : out
  } catch {
    return undefined
  }
}

export function detectCi(env: NodeJS.ProcessEnv): CiSystem {
  if (env.CODEBUILD_BUILD_ID) return 'codebuild'
  if (env.GITLAB_CI === 'true') return 'gitlab'
  if (env.GITHUB_ACTIONS === 'true') return 'github'
  return 'git'
}

/** What the CI system says about the commit; git fills in what it does not say. */
interface Facts {
  runKey?: string
  noRunKey: string
  sha?: string
  ref?: string
  prNumber?: number
  branch?: string
  defaultBranch?: string
  sourceUrl?: string
  commitTime?: string
}

/**
 * `attempt`: the --attempt flag (unset: 1, or GITHUB_RUN_ATTEMPT in a GitHub workflow). A
 * retried job re-stages under the same tag (a later attempt's tag wins in the merge).
 */
export function ciRunContext(env: NodeJS.ProcessEnv, attempt: string | undefined, git: Git = runGit): RunContext {
  const system = detectCi(env)
  const badAttempt = (raw: string) =>
    new InputError('attempt', `"${raw}" is not a whole number from 1: give 1, 2, ... (the job's retry), or leave it out`)
  if (system === 'github') {
    const github = githubRunContext(env)
    return attempt === undefined ? github : { ...github, attempt, badAttempt }
  }
  const facts = system === 'codebuild' ? codebuild(env) : system === 'gitlab' ? gitlab(env) : local()
  return { runKey: facts.runKey, noRunKey: facts.noRunKey, attempt, badAttempt, ...contexts(facts, git) }
}

function codebuild(env: NodeJS.ProcessEnv): Facts {
  const trigger = env.CODEBUILD_WEBHOOK_TRIGGER ?? ''
  const [kind, ...rest] = trigger.split('/')
  const name = rest.join('/')
  const pr = kind === 'pr' && /^[1-9][0-9]*$/.test(name) ? Number(name) : undefined
  return {
    runKey: codebuildRunKey(env),
    noRunKey: `is empty and this CodeBuild build names no run: map #{codepipeline.PipelineExecutionId} to the environment variable ${PIPELINE_EXECUTION_ID} in each CodeBuild action of the pipeline (the legs and the merge), run the legs as one batch build, or give --run-key, e.g. --run-key nightly_42`,
    sha: commitSha(env.CODEBUILD_RESOLVED_SOURCE_VERSION),
    ref:
      kind === 'branch' && name
        ? `refs/heads/${name}`
        : kind === 'tag' && name
          ? `refs/tags/${name}`
          : pr
            ? `refs/pull/${pr}/merge`
            : undefined,
    prNumber: pr,
    branch: kind === 'branch' && name ? name : undefined,
    sourceUrl: webUrl(env.CODEBUILD_SOURCE_REPO_URL)
  }
}

/**
 * The pipeline execution id the recipe maps in, else a batch build's id (every build of the batch
 * has the same initiator). A UUID has '-', which a run key may not: the key is its 32 hex digits.
 */
function codebuildRunKey(env: NodeJS.ProcessEnv): string | undefined {
  const execution = env[PIPELINE_EXECUTION_ID]?.trim()
  if (execution) return uuidKey(execution) ?? execution
  if (!env.CODEBUILD_BATCH_BUILD_IDENTIFIER) return undefined
  const batch = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(env.CODEBUILD_INITIATOR ?? '')
  return batch ? uuidKey(batch[1]) : undefined
}

function uuidKey(value: string): string | undefined {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.replace(/-/g, '').toLowerCase() : undefined
}

function gitlab(env: NodeJS.ProcessEnv): Facts {
  const mr = /^[1-9][0-9]*$/.test(env.CI_MERGE_REQUEST_IID ?? '') ? Number(env.CI_MERGE_REQUEST_IID) : undefined
  const tag = env.CI_COMMIT_TAG || undefined
  const branch = env.CI_COMMIT_BRANCH || env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME || undefined
  return {
    runKey: env.CI_PIPELINE_ID || undefined,
    noRunKey: 'is empty and CI_PIPELINE_ID is not set: give --run-key, e.g. --run-key nightly_42',
    sha: commitSha(env.CI_COMMIT_SHA),
    // A merge request names no ref of its own: refs/pull/<iid>/merge is how the tag rules know one (pr-<iid>).
    ref: tag ? `refs/tags/${tag}` : mr ? `refs/pull/${mr}/merge` : env.CI_COMMIT_BRANCH ? `refs/heads/${env.CI_COMMIT_BRANCH}` : undefined,
    prNumber: mr,
    branch,
    defaultBranch: env.CI_DEFAULT_BRANCH || undefined,
    sourceUrl: webUrl(env.CI_PROJECT_URL),
    commitTime: isoTime(env.CI_COMMIT_TIMESTAMP)
  }
}

function local(): Facts {
  return {
    noRunKey: 'is empty and no CI system names this run: give --run-key, e.g. --run-key nightly_42 (the same for the legs and the merge)'
  }
}

/** The git and event contexts from the facts, the rest from the checkout: commit, ref, remote, commit time. */
function contexts(facts: Facts, git: Git): { git: GitContext; event: EventContext } {
  const sha = facts.sha ?? commitSha(git(['rev-parse', 'HEAD'])) ?? ''
  const ref = facts.ref ?? localRef(git)
  const branch = facts.branch ?? (ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined)
  const sourceUrl = facts.sourceUrl ?? webUrl(git(['remote', 'get-url', 'origin']))
  const commitTime = facts.commitTime ?? (sha ? isoTime(git(['show', '-s', '--format=%cI', sha])) : undefined)
  const name = sourceUrl?.split('/').pop()
  return {
    git: {
      sha,
      ref,
      prNumber: facts.prNumber,
      sourceUrl,
      commitTime,
      ...(branch ? { branch } : {}),
      ...(facts.defaultBranch ? { defaultBranch: facts.defaultBranch } : {})
    },
    event: {
      eventName: ref.startsWith('refs/pull/') ? 'pull_request' : 'push',
      ref,
      sha,
      commitDate: commitTime ? new Date(commitTime) : undefined,
      repository: { name, htmlUrl: sourceUrl, defaultBranch: facts.defaultBranch }
    }
  }
}

/** The checkout's branch, else a tag on HEAD, else none (a detached HEAD). */
function localRef(git: Git): string {
  const branch = git(['symbolic-ref', '-q', 'HEAD'])
  if (branch?.startsWith('refs/heads/')) return branch
  const tag = git(['describe', '--tags', '--exact-match', 'HEAD'])
  return tag ? `refs/tags/${tag}` : ''
}

function commitSha(value: string | undefined): string | undefined {
  const v = value?.trim().toLowerCase()
  return v && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(v) ? v : undefined
}

function isoTime(value: string | undefined): string | undefined {
  return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined
}

/**
 * A repository's web address from its clone URL: https with no user or token (a CI clone URL may
 * carry one), no .git; git@host:owner/repo too. Anything else (s3://, a local path): none.
 */
export function webUrl(value: string | undefined): string | undefined {
  const v = value?.trim()
  if (!v) return undefined
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(v)
  const candidate = scp ? `https://${scp[1]}/${scp[2]}` : v.replace(/^ssh:\/\/[^@/]+@/, 'https://')
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  const path = url.pathname.replace(/\.git$/, '').replace(/\/+$/, '')
  return path ? `${url.protocol}//${url.host}${path}` : undefined
}
