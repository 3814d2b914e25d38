// The run context per CI system, from each system's variables as it sets them (see the
// sources in src/cli/ci-context.ts), with git filling in only what the system does not say.
import { ciRunContext, detectCi, webUrl, type Git } from '../../src/cli/ci-context.js'
import { InputError } from '../../src/config/inputs.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const LOCAL_SHA = 'fedcba9876543210fedcba9876543210fedcba98'

/** A checkout on branch main at LOCAL_SHA, with an origin that carries a token; `calls` records what was asked. */
function fakeGit(answers: Record<string, string | undefined> = {}): Git & { calls: string[] } {
  const base: Record<string, string | undefined> = {
    'rev-parse HEAD': LOCAL_SHA,
    'symbolic-ref -q HEAD': 'refs/heads/main',
    'remote get-url origin': 'https://oauth2:glpat-SECRET@gitlab.example.com/acme/app.git',
    [`show -s --format=%cI ${LOCAL_SHA}`]: '2024-05-01T10:00:00+02:00',
    [`show -s --format=%cI ${SHA}`]: '2024-06-01T08:00:00Z',
    ...answers
  }
  const calls: string[] = []
  const git = (args: string[]) => {
    calls.push(args.join(' '))
    return base[args.join(' ')]
  }
  return Object.assign(git, { calls })
}

const CODEBUILD = {
  CODEBUILD_BUILD_ID: 'app-arm64:b1e6661e-e4f2-4156-9ab9-82a19EXAMPLE',
  CODEBUILD_INITIATOR: 'codepipeline/app-pipeline',
  CODEBUILD_RESOLVED_SOURCE_VERSION: SHA,
  CODEBUILD_SOURCE_REPO_URL: 'https://github.com/acme/app.git'
}

describe('detectCi', () => {
  test.each([
    [{ CODEBUILD_BUILD_ID: 'p:1' }, 'codebuild'],
    [{ GITLAB_CI: 'true' }, 'gitlab'],
    [{ GITHUB_ACTIONS: 'true' }, 'github'],
    [{}, 'git'],
    [{ GITLAB_CI: 'false' }, 'git']
  ] as const)('%j is %s', (env, system) => {
    expect(detectCi(env)).toBe(system)
  })
})

describe('CodeBuild', () => {
  test('under CodePipeline: the run key is the execution id mapped in (its hex digits), the commit the resolved source version', () => {
    const git = fakeGit()
    const context = ciRunContext({ ...CODEBUILD, PIPELINE_EXECUTION_ID: '3F2504E0-4F89-11D3-9A0C-0305E82C3301' }, undefined, git)
    expect(context.runKey).toBe('3f2504e04f8911d39a0c0305e82c3301')
    expect(context.attempt).toBeUndefined()
    expect(context.git).toEqual({
      sha: SHA,
      ref: 'refs/heads/main',
      branch: 'main',
      prNumber: undefined,
      sourceUrl: 'https://github.com/acme/app',
      commitTime: '2024-06-01T08:00:00.000Z'
    })
    expect(context.event).toMatchObject({ eventName: 'push', ref: 'refs/heads/main', sha: SHA, repository: { name: 'app' } })
  })

  test.each([
    ['branch/main', 'refs/heads/main', undefined, 'main'],
    ['branch/feature/x', 'refs/heads/feature/x', undefined, 'feature/x'],
    ['tag/v1.2.3', 'refs/tags/v1.2.3', undefined, undefined],
    ['pr/42', 'refs/pull/42/merge', 42, undefined]
  ])('a webhook build triggered by %s: ref %s', (trigger, ref, prNumber, branch) => {
    const git = fakeGit({ 'symbolic-ref -q HEAD': undefined })
    const context = ciRunContext({ ...CODEBUILD, CODEBUILD_WEBHOOK_TRIGGER: trigger, PIPELINE_EXECUTION_ID: 'run_1' }, undefined, git)
    expect([context.git.ref, context.git.prNumber, context.git.branch]).toEqual([ref, prNumber, branch])
    expect(context.event.eventName).toBe(prNumber ? 'pull_request' : 'push')
    expect(context.runKey).toBe('run_1')
  })

  test("a batch build: the batch's id from the initiator every build of the batch shares", () => {
    const batch = {
      ...CODEBUILD,
      CODEBUILD_BATCH_BUILD_IDENTIFIER: 'build_arm64',
      CODEBUILD_INITIATOR: 'app/AWSCodeBuild-a14fc8e3-b5d6-42f9-9067-345d48a8f0fd'
    }
    expect(ciRunContext(batch, undefined, fakeGit()).runKey).toBe('a14fc8e3b5d642f99067345d48a8f0fd')
    const other = {
      ...batch,
      CODEBUILD_BATCH_BUILD_IDENTIFIER: 'build_amd64',
      CODEBUILD_BUILD_ID: 'app:0c1d2e3f-0000-4000-8000-000000000001'
    }
    expect(ciRunContext(other, undefined, fakeGit()).runKey).toBe('a14fc8e3b5d642f99067345d48a8f0fd')
  })

  test('neither: no run key, and the error says how to get one', () => {
    const context = ciRunContext(CODEBUILD, undefined, fakeGit())
    expect(context.runKey).toBeUndefined()
    expect(context.noRunKey).toBe(
      'is empty and this CodeBuild build names no run: map #{codepipeline.PipelineExecutionId} to the environment variable PIPELINE_EXECUTION_ID in each CodeBuild action of the pipeline (the legs and the merge), run the legs as one batch build, or give --run-key, e.g. --run-key nightly_42'
    )
  })

  test('a source version that is no commit (an S3 source) leaves the commit to git; an s3:// source to the remote', () => {
    const env = { ...CODEBUILD, CODEBUILD_RESOLVED_SOURCE_VERSION: 'Xy9pL2', CODEBUILD_SOURCE_REPO_URL: 's3://bucket/src.zip' }
    const context = ciRunContext(env, undefined, fakeGit())
    expect(context.git.sha).toBe(LOCAL_SHA)
    expect(context.git.sourceUrl).toBe('https://gitlab.example.com/acme/app')
  })
})

describe('GitLab CI', () => {
  const GITLAB = {
    GITLAB_CI: 'true',
    CI_PIPELINE_ID: '1234567',
    CI_COMMIT_SHA: SHA,
    CI_PROJECT_URL: 'https://gitlab.com/acme/app',
    CI_DEFAULT_BRANCH: 'main',
    CI_COMMIT_TIMESTAMP: '2024-06-01T10:00:00+02:00'
  }

  test('a branch pipeline', () => {
    const git = fakeGit()
    const context = ciRunContext({ ...GITLAB, CI_COMMIT_BRANCH: 'main' }, undefined, git)
    expect(context.runKey).toBe('1234567')
    expect(context.git).toEqual({
      sha: SHA,
      ref: 'refs/heads/main',
      branch: 'main',
      defaultBranch: 'main',
      prNumber: undefined,
      sourceUrl: 'https://gitlab.com/acme/app',
      commitTime: '2024-06-01T08:00:00.000Z'
    })
    expect(context.event.repository).toEqual({ name: 'app', htmlUrl: 'https://gitlab.com/acme/app', defaultBranch: 'main' })
    // Everything came from the variables: git was not asked.
    expect(git.calls).toEqual([])
  })

  test('a tag pipeline (no CI_COMMIT_BRANCH)', () => {
    const context = ciRunContext({ ...GITLAB, CI_COMMIT_TAG: 'v1.2.3' }, undefined, fakeGit())
    expect([context.git.ref, context.git.branch]).toEqual(['refs/tags/v1.2.3', undefined])
  })

  test('a merge request pipeline: pr-<iid>, the source branch for the cache', () => {
    const env = { ...GITLAB, CI_MERGE_REQUEST_IID: '17', CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature/x' }
    const context = ciRunContext(env, undefined, fakeGit())
    expect([context.git.ref, context.git.prNumber, context.git.branch, context.event.eventName]).toEqual([
      'refs/pull/17/merge',
      17,
      'feature/x',
      'pull_request'
    ])
  })

  test('a retried job: --attempt', () => {
    expect(ciRunContext({ ...GITLAB, CI_COMMIT_BRANCH: 'main' }, '2', fakeGit()).attempt).toBe('2')
  })
})

describe('GitHub Actions', () => {
  const GITHUB = {
    GITHUB_ACTIONS: 'true',
    GITHUB_RUN_ID: '8812345',
    GITHUB_RUN_ATTEMPT: '3',
    GITHUB_SHA: SHA,
    GITHUB_REF: 'refs/tags/v1.0.0'
  }

  test("as the action reads it; --attempt overrides the runner's", () => {
    const git = fakeGit()
    const context = ciRunContext(GITHUB, undefined, git)
    expect([context.runKey, context.attempt, context.git.sha, context.git.ref]).toEqual(['8812345', '3', SHA, 'refs/tags/v1.0.0'])
    expect(ciRunContext(GITHUB, '4', git).attempt).toBe('4')
    expect(git.calls).toEqual([])
  })
})

describe('anywhere: git', () => {
  test('commit, branch, commit time and a token-free remote from the checkout; no run key', () => {
    const context = ciRunContext({}, undefined, fakeGit())
    expect(context.runKey).toBeUndefined()
    expect(context.noRunKey).toBe(
      'is empty and no CI system names this run: give --run-key, e.g. --run-key nightly_42 (the same for the legs and the merge)'
    )
    expect(context.git).toEqual({
      sha: LOCAL_SHA,
      ref: 'refs/heads/main',
      branch: 'main',
      prNumber: undefined,
      sourceUrl: 'https://gitlab.example.com/acme/app',
      commitTime: '2024-05-01T08:00:00.000Z'
    })
    expect(JSON.stringify(context)).not.toContain('SECRET')
  })

  test('a detached HEAD on a tag', () => {
    const context = ciRunContext(
      {},
      undefined,
      fakeGit({ 'symbolic-ref -q HEAD': undefined, 'describe --tags --exact-match HEAD': 'v2.0.0' })
    )
    expect(context.git.ref).toBe('refs/tags/v2.0.0')
  })

  test('no git at all: empty commit and ref (tags must then be given)', () => {
    const context = ciRunContext({}, undefined, () => undefined)
    expect([context.git.sha, context.git.ref, context.git.sourceUrl]).toEqual(['', '', undefined])
  })

  test('a bad --attempt is an error naming it', () => {
    const context = ciRunContext({}, 'x', fakeGit())
    expect(context.badAttempt('x')).toEqual(
      new InputError('attempt', '"x" is not a whole number from 1: give 1, 2, ... (the job\'s retry), or leave it out')
    )
  })
})

describe('webUrl', () => {
  test.each([
    ['https://github.com/acme/app.git', 'https://github.com/acme/app'],
    ['https://x-access-token:ghs_abc@github.com/acme/app', 'https://github.com/acme/app'],
    ['git@github.com:acme/app.git', 'https://github.com/acme/app'],
    ['ssh://git@gitlab.com/acme/app.git', 'https://gitlab.com/acme/app'],
    ['https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app', 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app'],
    ['s3://bucket/key.zip', undefined],
    ['/srv/git/app', undefined],
    ['', undefined],
    [undefined, undefined]
  ])('%s -> %s', (input, url) => {
    expect(webUrl(input)).toBe(url)
  })
})
