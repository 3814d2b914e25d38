// The CLI (dist/cli/index.js, on Node 20) on the real stack (ECR through the emulator: the
// registry comes from the credentials' account, as in a pipeline), as pipelines run it: legs built
// with CodeBuild's environment and merged with GitLab's under one run key; a merge by the CLI
// of legs the action built, and the reverse (one staging contract); --password-stdin against a
// non-ECR registry; bad flags with their exact errors; every byte written scanned for secrets.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { startNetwork } from '../../testing/network.js'
import { expectCliSuccess, runCli, type CliRun } from '../../testing/cli-runner.js'
import { expectSuccess, SHA, startScenario, type Scenario } from '../../testing/scenario.js'
import { uniqueRepository } from '../../testing/stack.js'

let s: Scenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

/** The scenario's AWS settings (the ECR emulator) without the GitHub runner's variables. */
function awsEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { ...s.env(), ...extra }
  delete env.GITHUB_SHA
  return env
}

const EXECUTION_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301'
const RUN_KEY = '3f2504e04f8911d39a0c0305e82c3301'

/** A CodeBuild project's build started by CodePipeline from a push to main, as the recipe configures it. */
const codebuild = (project: string) => ({
  CODEBUILD_BUILD_ID: `${project}:b1e6661e-e4f2-4156-9ab9-82a19e000001`,
  CODEBUILD_INITIATOR: 'codepipeline/app-pipeline',
  CODEBUILD_RESOLVED_SOURCE_VERSION: SHA,
  CODEBUILD_WEBHOOK_TRIGGER: 'branch/main',
  CODEBUILD_SOURCE_REPO_URL: 'https://github.com/acme/app.git',
  PIPELINE_EXECUTION_ID: EXECUTION_ID
})

/** A GitLab job of a pipeline on main whose id is the same run key (one staging contract across systems). */
const gitlab = (pipeline: string) => ({
  GITLAB_CI: 'true',
  CI_PIPELINE_ID: pipeline,
  CI_COMMIT_SHA: SHA,
  CI_COMMIT_BRANCH: 'main',
  CI_DEFAULT_BRANCH: 'main',
  CI_PROJECT_URL: 'https://gitlab.com/acme/app',
  CI_COMMIT_TIMESTAMP: '2024-06-01T10:00:00+02:00'
})

function dockerAuths(run: CliRun): Record<string, unknown> {
  const file = join(run.dockerConfigDir, 'config.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { auths?: Record<string, unknown> }).auths ?? {}
}

describe('legs built with CodeBuild variables, merged with GitLab variables, one run key', () => {
  const repository = uniqueRepository('cli')
  const legs: CliRun[] = []
  let merged: CliRun

  beforeAll(async () => {
    for (const [project, platform] of [
      ['app-amd64', 'linux/amd64'],
      ['app-arm64', 'linux/arm64']
    ]) {
      legs.push(
        await runCli({
          args: ['build', '--repository', repository, '--platforms', platform, '--context', s.context, '--json'],
          env: awsEnv(codebuild(project))
        })
      )
    }
    merged = await runCli({
      args: ['merge', '--repository', repository, '--json'],
      env: awsEnv(gitlab(RUN_KEY))
    })
  })

  test('each leg stages under the pipeline execution id, the outputs as JSON on stdout', () => {
    for (const [i, slug] of ['linux-amd64', 'linux-arm64'].entries()) {
      expectCliSuccess(legs[i])
      expect(legs[i].outputs['staging-tag']).toBe(`stage-${RUN_KEY}-1-${slug}`)
      expect(legs[i].outputs.published).toBe('false')
      expect(legs[i].outputs.image).toBe(`${s.stack.registry}/${repository}@${legs[i].outputs.digest}`)
      expect(legs[i].stderr).toContain('==> Log in')
    }
  })

  test('the merge publishes both legs under the tags from the branch and the commit', () => {
    expectCliSuccess(merged)
    expect(merged.outputs.platforms).toBe('linux/amd64,linux/arm64')
    expect(merged.outputs.tags).toBe(`${s.stack.registry}/${repository}:main,${s.stack.registry}/${repository}:sha-0123456`)
    expect(merged.outputs.published).toBe('true')
  })

  test("the index carries the legs' images, the commit and GitLab's project URL", async () => {
    const index = await s.api.manifest(repository, 'main')
    expect(index.digest).toBe(merged.outputs.digest)
    const childDigests = legs.map(leg => (JSON.parse(leg.outputs.metadata) as { legs: { childDigest: string }[] }).legs[0].childDigest)
    expect(index.json.manifests.slice(0, 2).map((d: { digest: string }) => d.digest)).toEqual(childDigests)
    expect(index.json.annotations).toMatchObject({
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.source': 'https://gitlab.com/acme/app',
      'org.opencontainers.image.created': '2024-06-01T08:00:00.000Z'
    })
    expect((await s.api.tags(repository)).filter(t => t.startsWith('stage-'))).toEqual([])
  })

  test.each([
    ['linux/amd64', 'x86_64'],
    ['linux/arm64', 'aarch64']
  ])('docker run --platform %s on the release tag prints %s', (platform, uname) => {
    expect(s.docker(['run', '--rm', '--pull', 'always', '--platform', platform, `${s.stack.registry}/${repository}:main`]).trim()).toBe(
      uname
    )
  })

  test('check: a Deployment running the published image has both platforms, not linux/arm/v7 (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-check-'))
    const file = join(dir, 'deploy.yaml')
    writeFileSync(
      file,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${s.stack.registry}/${repository}:main\n`
    )
    const ready = await runCli({ args: ['check', '--manifests', file, '--json'], env: awsEnv(gitlab(RUN_KEY)) })
    expectCliSuccess(ready)
    expect(ready.outputs).toEqual({ ready: 'true', missing: '[]' })
    const arm = await runCli({
      args: ['check', '--manifests', file, '--platforms', 'linux/arm/v7', '--json'],
      env: awsEnv(gitlab(RUN_KEY))
    })
    expect(arm.exitCode).toBe(1)
    expect(arm.stderr).toContain(`missing: ${s.stack.registry}/${repository}:main: has no linux/arm/v7: it has linux/amd64, linux/arm64`)
    expect(arm.stderr).toContain(`  used in ${file}:9, Deployment web, container app`)
    expect(JSON.parse(arm.stdout)).toMatchObject({ ready: 'false' })
    rmSync(dir, { recursive: true, force: true })
  })

  test('no byte written holds the ECR token; the legs logged docker out when they ended', () => {
    for (const run of [...legs, merged]) {
      expect(run.everything()).not.toContain(s.stack.password)
      expect(run.everything()).not.toContain(Buffer.from(`${s.stack.username}:${s.stack.password}`).toString('base64'))
    }
    for (const leg of legs) {
      expect(leg.stderr).toContain(`logged out of ${s.stack.registry}`)
      expect(dockerAuths(leg)).toEqual({})
    }
  })
})

describe('one staging contract: the action and the CLI merge each other’s legs', () => {
  test('legs built by the action, merged by the CLI (anywhere: --run-key; the ECR API over TLS, its connection opened at start)', async () => {
    const repository = uniqueRepository('cli-of-action')
    for (const platform of ['linux/amd64', 'linux/arm64']) expectSuccess(await s.leg(repository, platform))
    const ca = readFileSync(s.stack.caCert, 'utf8')
    const key = readFileSync(join(dirname(s.stack.caCert), 'tls.key'), 'utf8')
    const ecrApi = await startNetwork({ target: s.emulator.endpoint, tls: { key, cert: ca }, ca })
    let merged: CliRun
    try {
      merged = await runCli({
        args: ['merge', '--repository', repository, '--run-key', '4242', '--tags', '1.0', '--json'],
        env: awsEnv({ AWS_ENDPOINT_URL_ECR: ecrApi.url, ECR_PUBLISH_DEBUG: '1' })
      })
      expect(ecrApi.connections).toHaveLength(1)
    } finally {
      await ecrApi.close()
    }
    expectCliSuccess(merged)
    expect(merged.stderr).toContain('debug: ECR API: the login went over the connection opened at start-up')
    expect(merged.outputs.platforms).toBe('linux/amd64,linux/arm64')
    expect(merged.outputs.tags).toBe(`${s.stack.registry}/${repository}:1.0`)
    expect((await s.api.manifest(repository, '1.0')).digest).toBe(merged.outputs.digest)
  })

  test('legs built by the CLI (GitLab), merged by the action', async () => {
    const repository = uniqueRepository('action-of-cli')
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const leg = await runCli({
        args: ['build', '--repository', repository, '--platforms', platform, '--context', s.context],
        env: awsEnv(gitlab('5151'))
      })
      expectCliSuccess(leg)
      expect(leg.stdout).toBe(
        `staged ${platform}: ${s.stack.registry}/${repository}:stage-5151-1-${platform.replace('/', '-')}\nimage ${s.stack.registry}/${repository}@${/sha256:[0-9a-f]{64}/.exec(leg.stdout)?.[0]}\n`
      )
    }
    const merged = await s.merge(repository, { 'run-key': '5151' })
    expectSuccess(merged)
    expect(merged.outputs.platforms).toBe('linux/amd64,linux/arm64')
    expect(merged.outputs.tags).toBe(`${s.stack.registry}/${repository}:main,${s.stack.registry}/${repository}:sha-0123456`)
  })
})

describe('--password-stdin: a non-ECR registry', () => {
  test('a leg and a merge log in with the password from stdin, which appears in no byte written', async () => {
    const mirror = s.stack.mirrorRegistry
    const repository = uniqueRepository('cli-stdin')
    const login = ['--registry', mirror.registry, '--username', mirror.username, '--password-stdin', '--repository', repository]
    const leg = await runCli({
      args: ['build', ...login, '--platforms', 'linux/amd64', '--context', s.context, '--run-key', 'laptop_1'],
      stdin: `${mirror.password}\n`,
      env: { NO_COLOR: '1' }
    })
    expectCliSuccess(leg)
    const merged = await runCli({ args: ['merge', ...login, '--run-key', 'laptop_1', '--tags', '1.0', '--json'], stdin: mirror.password })
    expectCliSuccess(merged)
    expect(merged.outputs.tags).toBe(`${mirror.registry}/${repository}:1.0`)
    for (const run of [leg, merged]) {
      expect(run.everything()).not.toContain(mirror.password)
      expect(run.everything()).not.toContain(Buffer.from(`${mirror.username}:${mirror.password}`).toString('base64'))
    }
    expect(dockerAuths(leg)).toEqual({})
  })
})

describe('bad flags: exit 2 and the exact error, before anything runs', () => {
  const cases: [string, string[], Record<string, string>, string][] = [
    ['an unknown command', ['publish'], {}, 'error: "publish" is not a command: use build, merge, check (ecr-publish --help)'],
    [
      'a build flag to merge',
      ['merge', '--context', '.'],
      {},
      'error: --context is not a flag of merge, only of build (ecr-publish merge --help)'
    ],
    [
      'a password in argv',
      ['build', '--password', 'hunter2'],
      {},
      'error: --password does not exist (a value in argv shows in process lists): pipe it to --password-stdin'
    ],
    [
      'a flag without its value',
      ['build', '--repository'],
      {},
      'error: --repository needs a value: --repository <value> or --repository=<value>'
    ],
    [
      'CodeBuild without a run key',
      ['merge', '--repository', 'team/app'],
      { CODEBUILD_BUILD_ID: 'app:1', CODEBUILD_RESOLVED_SOURCE_VERSION: SHA },
      'error: input run-key: is empty and this CodeBuild build names no run: map #{codepipeline.PipelineExecutionId} to the environment variable PIPELINE_EXECUTION_ID in each CodeBuild action of the pipeline (the legs and the merge), run the legs as one batch build, or give --run-key, e.g. --run-key nightly_42'
    ],
    [
      'a bad tag',
      ['merge', '--repository', 'team/app', '--run-key', 'r1', '--tags', '-x'],
      {},
      'error: input tags: tag "-x" is not valid: it starts with "-"; a tag is 1 to 128 of A-Z a-z 0-9 _ . - and must not start with . or -'
    ]
  ]
  test.each(cases)('%s', async (_, args, env, message) => {
    const run = await runCli({ args, env })
    expect([run.exitCode, run.stdout, run.stderr]).toEqual([2, '', `${message}\n`])
  })
})
