// Build-leg options on the real stack: immutable repositories and their cache, legs
// without provenance (a one-entry staged index), and build-only runs for pull requests.
import { errorOf, expectSuccess, startScenario, type Scenario } from '../../testing/scenario.js'
import { uniqueRepository } from '../../testing/stack.js'

let s: Scenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

test('tag-mutability IMMUTABLE creates IMMUTABLE_WITH_EXCLUSION for the cache and staging tags, scan on push, AES256', async () => {
  const repository = uniqueRepository('immutable')
  expectSuccess(await s.leg(repository, 'linux/amd64', { inputs: { 'tag-mutability': 'IMMUTABLE' } }))
  expect(s.emulator.repositories.get(repository)).toMatchObject({
    mutability: 'IMMUTABLE_WITH_EXCLUSION',
    exclusions: ['cache-*', 'stage-*', 'build-*'].map(filter => ({ filterType: 'WILDCARD', filter })),
    scanOnPush: true,
    encryptionType: 'AES256'
  })
  expect(await s.api.tags(repository)).toContain('cache-linux-amd64')
})

test('an existing IMMUTABLE repository without the exclusion keeps the cache in <repository>-buildcache, and says so', async () => {
  const repository = uniqueRepository('locked')
  s.emulator.repositories.set(repository, { mutability: 'IMMUTABLE', exclusions: [], createdAt: Date.now() })
  const run = await s.leg(repository, 'linux/amd64')
  expectSuccess(run)
  expect(await s.api.tags(`${repository}-buildcache`)).toEqual(['cache-linux-amd64'])
  expect(await s.api.tags(repository)).not.toContain('cache-linux-amd64')
  expect(run.stdout).toMatch(/::warning::.*-buildcache/)
  expect(run.summary).toContain(`${repository}-buildcache`)
})

test('provenance false: the staging tag is a one-entry index of the pushed image', async () => {
  const repository = uniqueRepository('noprov')
  const run = await s.leg(repository, 'linux/arm64', { inputs: { provenance: 'false' } })
  expectSuccess(run)
  const staged = await s.api.manifest(repository, 'stage-4242-1-linux-arm64')
  expect(staged.json.manifests).toHaveLength(1)
  // Never a mixed index: the docker driver pushes Docker types without provenance, so a Docker list.
  const dockerChild = staged.json.manifests[0].mediaType === 'application/vnd.docker.distribution.manifest.v2+json'
  expect(staged.json.mediaType).toBe(
    dockerChild ? 'application/vnd.docker.distribution.manifest.list.v2+json' : 'application/vnd.oci.image.index.v1+json'
  )
  expect(staged.json.manifests[0].platform).toEqual({ architecture: 'arm64', os: 'linux' })
  expect(staged.digest).toBe(run.outputs.digest)
  const merged = await s.merge(repository, { tags: 'plain' })
  expectSuccess(merged)
  expect(s.docker(['run', '--rm', '--pull', 'always', '--platform', 'linux/arm64', `${s.stack.registry}/${repository}:plain`]).trim()).toBe(
    'aarch64'
  )
})

test('push false builds without creating or pushing anything', async () => {
  const repository = uniqueRepository('pr')
  const run = await s.leg(repository, 'linux/amd64', { inputs: { push: 'false' } })
  expectSuccess(run)
  expect(run.outputs['staging-tag']).toBe('')
  expect(s.emulator.calls.filter(c => c.body?.repositoryName === repository || c.body?.repositoryNames?.includes(repository))).toEqual([])
  expect(await s.api.tags(repository)).toEqual([])
})

test('create-repository false on a missing repository fails before building, naming the fix', async () => {
  const repository = uniqueRepository('absent')
  const run = await s.leg(repository, 'linux/amd64', { inputs: { 'create-repository': 'false' } })
  expect(run.exitCode).not.toBe(0)
  expect(errorOf(run)).toContain(`repository ${repository} does not exist`)
  expect(errorOf(run)).toContain('create-repository')
  expect(run.stdout).not.toContain('::group::Build')
})

test('builder: a named buildx builder is used as it is, and left in place', async () => {
  const repository = uniqueRepository('builder')
  const before = s.docker(['buildx', 'ls'])
  const run = await s.leg(repository, 'linux/arm64', { inputs: { builder: 'default' } })
  expectSuccess(run)
  expect(run.stdout).toContain('--builder default')
  expect(run.stdout).toContain('linux/arm64: emulated (builder)')
  expect(s.docker(['buildx', 'ls'])).toBe(before)
})

test('builder: an unknown builder is a clear error before anything is pushed', async () => {
  const repository = uniqueRepository('nobuilder')
  const run = await s.leg(repository, 'linux/amd64', { inputs: { builder: 'no-such-builder' } })
  expect(run.exitCode).not.toBe(0)
  expect(errorOf(run)).toMatch(/^input builder: buildx builder "no-such-builder" is not available: .*docker buildx create/)
  expect(await s.api.tags(repository)).toEqual([])
})

describe('without AWS credentials (a pull request from a fork)', () => {
  // No credentials anywhere; and no instance metadata lookup: this machine is not on EC2.
  const noAws = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_EC2_METADATA_DISABLED: 'true' }

  test('push false builds without the registry and its cache, and says so', async () => {
    const run = await s.leg(uniqueRepository('fork'), 'linux/amd64', { inputs: { push: 'false' }, env: noAws })
    expectSuccess(run)
    expect(run.stdout).toMatch(
      /::warning::no AWS credentials found: use aws-actions\/configure-aws-credentials.*push is false: building without the registry and its cache/
    )
    expect(run.stdout).toContain('::group::Build linux/amd64')
    expect(run.stdout).not.toContain('--cache-from')
    expect(run.outputs.digest).toBe('')
  })

  test('push true fails before building, with the set-up advice', async () => {
    const run = await s.leg(uniqueRepository('fork'), 'linux/amd64', { env: noAws })
    expect(run.exitCode).not.toBe(0)
    expect(errorOf(run)).toBe(
      'no AWS credentials found: use aws-actions/configure-aws-credentials (OIDC) before this step, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY'
    )
    expect(run.stdout).not.toContain('::group::Build')
  })
})

test('the summary says whether the registry cache was there: a miss first, then a hit', async () => {
  const repository = uniqueRepository('cache')
  const first = await s.leg(repository, 'linux/amd64', { env: { GITHUB_RUN_ID: '71' } })
  const second = await s.leg(repository, 'linux/amd64', { env: { GITHUB_RUN_ID: '72' } })
  expectSuccess(first)
  expectSuccess(second)
  expect(first.summary).toContain('miss (none yet)')
  expect(JSON.parse(first.outputs.metadata).legs[0].cacheImported).toBe(false)
  expect(second.summary).toMatch(/hit from <code>cache-linux-amd64<\/code> \(\d+ steps cached\)/)
  expect(JSON.parse(second.outputs.metadata).legs[0].cacheImported).toBe(true)
})
