// A runner as GitHub ships it: the classic image store and buildx's `docker` driver (the
// stack's second engine, through DOCKER_HOST), with DEFAULT inputs. The action tries to create
// a docker-container builder; BuildKit's image cannot be pulled here, so the legs build on
// the docker driver (inline cache, no attestations), say so once, and the merge publishes them.
import type { ActionRun } from '../../testing/action-runner.js'
import { expectSuccess, startScenario, type Scenario } from '../../testing/scenario.js'
import { dockerClient, uniqueRepository } from '../../testing/stack.js'

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json'
const FALLBACK_WARNING = '::warning::Building with the docker driver on the classic image store'

let s: Scenario
let classic: (args: string[]) => string
let host: string
const repository = uniqueRepository('classic')
const legs: Record<string, ActionRun> = {}
let merged: ActionRun

beforeAll(async () => {
  s = await startScenario()
  host = s.stack.classicDocker.host
  classic = dockerClient(s.stack, { host })
  for (const platform of ['linux/amd64', 'linux/arm64']) {
    legs[platform] = await s.leg(repository, platform, { env: { DOCKER_HOST: host } })
    expectSuccess(legs[platform])
  }
  merged = await s.merge(repository, { cleanup: 'false' })
})

afterAll(async () => {
  await s?.close()
})

describe.each([
  ['linux/amd64', 'amd64'],
  ['linux/arm64', 'arm64']
])('a %s leg on the classic engine', (platform, arch) => {
  test('falls back to the docker driver and says so once, in a warning and the summary, with how to get it back', () => {
    const run = legs[platform]
    expect(run.stdout).toContain('creating the docker-container builder')
    expect(run.stdout.split('\n').filter(line => line.startsWith(FALLBACK_WARNING))).toHaveLength(1)
    expect(run.summary.match(/Lost: the registry cache export/g)).toHaveLength(1)
    expect(run.summary).toContain('add docker/setup-buildx-action')
    expect(run.summary).toContain('set buildkit-image')
    // The Builder column: which builder and why.
    expect(run.summary).toContain('<th>Builder</th>')
    expect(run.summary).toContain('the docker-container builder could not be created')
    expect(JSON.parse(run.outputs.metadata).legs[0].builder).toContain('docker driver')
  })

  test('builds with inline cache and the registry cache read, without attestations', () => {
    const run = legs[platform]
    expect(run.stdout).toContain('--cache-to type=inline')
    expect(run.stdout).toContain(`--cache-from type=registry,ref=${s.stack.registry}/${repository}:cache-linux-${arch}`)
    expect(run.stdout).toContain('--provenance=false')
  })

  test('stages a one-entry index of the Docker-typed image pushed under the build- tag', async () => {
    const run = legs[platform]
    const staged = await s.api.manifest(repository, run.outputs['staging-tag'])
    expect(staged.json.manifests).toHaveLength(1)
    expect(staged.json.manifests[0].mediaType).toBe(DOCKER_MANIFEST)
    const built = await s.api.manifest(repository, run.outputs['staging-tag'].replace(/^stage-/, 'build-'))
    expect(built.digest).toBe(staged.json.manifests[0].digest)
    const config = await s.api.blobJson(repository, built.json.config.digest)
    expect({ os: config.os, architecture: config.architecture }).toEqual({ os: 'linux', architecture: arch })
  })

  test('the post step has no builder to remove (creation failed and was cleaned up at once)', () => {
    const run = legs[platform]
    expect(run.post?.exitCode).toBe(0)
    expect(run.state['created-builder']).toBeUndefined()
    expect(run.post?.stdout ?? '').not.toContain('::warning::')
  })
})

test('the merge publishes both legs in one OCI index of Docker-typed children', async () => {
  expectSuccess(merged)
  expect(merged.outputs.platforms).toBe('linux/amd64,linux/arm64')
  const index = await s.api.manifest(repository, 'main')
  expect(index.json.mediaType).toBe('application/vnd.oci.image.index.v1+json')
  expect(index.json.manifests.map((m: { mediaType: string }) => m.mediaType)).toEqual([DOCKER_MANIFEST, DOCKER_MANIFEST])
})

test.each([
  ['linux/amd64', 'x86_64'],
  ['linux/arm64', 'aarch64']
])('docker run --platform %s of the published image prints %s', (platform, uname) => {
  const out = classic(['run', '--rm', '--pull', 'always', '--platform', platform, `${s.stack.registry}/${repository}:main`])
  expect(out.trim()).toBe(uname)
})

test('a second build of a leg (a re-run) succeeds on the same engine', async () => {
  const again = await s.leg(repository, 'linux/amd64', { env: { DOCKER_HOST: host, GITHUB_RUN_ATTEMPT: '2' } })
  expectSuccess(again)
  expect(again.outputs['staging-tag']).toBe('stage-4242-2-linux-amd64')
  const staged = await s.api.manifest(repository, again.outputs['staging-tag'])
  expect(staged.status).toBe(200)
})
