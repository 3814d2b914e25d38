// The merge job on the real stack: legs built by dist/ (amd64 native, arm64 under QEMU),
// then `mode: merge` publishes one index, checked with docker, imagetools and the registry API.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { startNetwork } from '../../testing/network.js'
import { errorOf, expectSuccess, SHA, startScenario, type Scenario } from '../../testing/scenario.js'
import { uniqueRepository } from '../../testing/stack.js'
import type { ActionRun } from '../../testing/action-runner.js'

let s: Scenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

describe('two legs, then merge', () => {
  const repository = uniqueRepository('merge')
  let first: ActionRun
  let second: ActionRun
  let legDigests: Record<string, string>

  beforeAll(async () => {
    legDigests = {}
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const leg = await s.leg(repository, platform)
      expectSuccess(leg)
      legDigests[platform] = JSON.parse(leg.outputs.metadata).legs[0].childDigest
    }
    first = await s.merge(repository, { cleanup: 'false' })
    second = await s.merge(repository)
  })

  test('publishes an OCI index under the default tags from git', () => {
    expectSuccess(first)
    expect(first.outputs.tags).toBe(`${s.stack.registry}/${repository}:main,${s.stack.registry}/${repository}:sha-0123456`)
    expect(first.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(first.outputs.image).toBe(`${s.stack.registry}/${repository}@${first.outputs.digest}`)
    expect(first.outputs.platforms).toBe('linux/amd64,linux/arm64')
    expect(JSON.parse(first.outputs.manifest).mediaType).toBe(OCI_INDEX)
  })

  test.each([
    ['linux/amd64', 'x86_64'],
    ['linux/arm64', 'aarch64']
  ])('docker run --platform %s on the release tag prints %s', (platform, uname) => {
    const out = s.docker(['run', '--rm', '--pull', 'always', '--platform', platform, `${s.stack.registry}/${repository}:main`])
    expect(out.trim()).toBe(uname)
  })

  test('imagetools inspect lists both platforms and the attestations', () => {
    const out = s.docker(['buildx', 'imagetools', 'inspect', `${s.stack.registry}/${repository}:sha-0123456`])
    expect(out).toContain(`Digest:    ${first.outputs.digest}`)
    const platforms = [...out.matchAll(/Platform:\s+(\S+)/g)].map(m => m[1])
    expect(platforms).toEqual(['linux/amd64', 'linux/arm64', 'unknown/unknown', 'unknown/unknown'])
  })

  test("the index adopts the legs' images in order, then their attestations, with git annotations", async () => {
    const index = await s.api.manifest(repository, 'main')
    const m = index.json.manifests
    expect(m.slice(0, 2).map((d: any) => d.digest)).toEqual([legDigests['linux/amd64'], legDigests['linux/arm64']])
    expect(m.slice(2).map((d: any) => d.annotations['vnd.docker.reference.digest'])).toEqual([
      legDigests['linux/amd64'],
      legDigests['linux/arm64']
    ])
    expect(index.json.annotations).toMatchObject({
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.source': 'https://github.com/acme/app'
    })
  })

  test('the same merge again succeeds with the same digest, then cleans up', () => {
    expectSuccess(second)
    expect(second.outputs.digest).toBe(first.outputs.digest)
    expect(second.stdout).toContain('already holds')
  })

  test('staging tags are gone, the children are still pullable by digest', async () => {
    const tags = await s.api.tags(repository)
    expect(tags.filter(t => t.startsWith('stage-'))).toEqual([])
    expect(tags).toEqual(expect.arrayContaining(['main', 'sha-0123456']))
    for (const digest of Object.values(legDigests)) {
      expect((await s.api.manifest(repository, digest)).status).toBe(200)
      const out = s.docker(['run', '--rm', '--pull', 'always', `${s.stack.registry}/${repository}@${digest}`])
      expect(out.trim()).toMatch(/^(x86_64|aarch64)$/)
    }
  })

  test('the job summary has the platform table, the tags and a pull command', () => {
    expect(first.summary).toContain(legDigests['linux/arm64'])
    expect(first.summary).toContain(`docker pull ${s.stack.registry}/${repository}:main`)
    expect(first.summary).toContain('linux/amd64')
  })

  test('attestations: strip publishes no unknown/unknown entry', async () => {
    const stripped = await s.merge(repository, {
      sources: `${s.stack.registry}/${repository}:main`,
      tags: 'stripped',
      attestations: 'strip'
    })
    expectSuccess(stripped)
    const index = await s.api.manifest(repository, 'stripped')
    expect(index.json.manifests.map((d: any) => `${d.platform.os}/${d.platform.architecture}`)).toEqual(['linux/amd64', 'linux/arm64'])
  })

  test('sources by digest work without staging tags', async () => {
    const sources = [legDigests['linux/arm64'], legDigests['linux/amd64']].map(d => `${s.stack.registry}/${repository}@${d}`).join(',')
    const run = await s.merge(repository, { sources, tags: 'from-sources' }, { GITHUB_RUN_ID: '999' })
    expectSuccess(run)
    const index = await s.api.manifest(repository, 'from-sources')
    expect(index.json.manifests.map((d: any) => d.digest)).toEqual([legDigests['linux/amd64'], legDigests['linux/arm64']])
  })

  test('with the ECR API over TLS (as on AWS), the login goes over the one connection the step opened at start-up', async () => {
    const ca = readFileSync(s.stack.caCert, 'utf8')
    const key = readFileSync(join(dirname(s.stack.caCert), 'tls.key'), 'utf8')
    const ecrApi = await startNetwork({ target: s.emulator.endpoint, tls: { key, cert: ca }, ca })
    try {
      const run = await s.merge(
        repository,
        { sources: `${s.stack.registry}/${repository}:main`, tags: 'over-tls' },
        { AWS_ENDPOINT_URL_ECR: ecrApi.url }
      )
      expectSuccess(run)
      expect(run.stdout).toContain('::debug::ECR API: the login went over the connection opened at start-up')
      expect(ecrApi.requests.map(r => r.method)).toEqual(['POST'])
      expect(ecrApi.connections).toHaveLength(1)
      const index = await s.api.manifest(repository, 'over-tls')
      expect(index.json.manifests.slice(0, 2).map((d: any) => d.digest)).toEqual([legDigests['linux/amd64'], legDigests['linux/arm64']])
    } finally {
      await ecrApi.close()
    }
  })
})

test('re-run: amd64 from attempt 1 and arm64 from attempt 2 merge in attempt 2', async () => {
  const repository = uniqueRepository('rerun')
  // Attempt 1: both legs, but arm64 "failed" after staging a leg of another commit.
  expectSuccess(await s.leg(repository, 'linux/amd64'))
  expectSuccess(await s.leg(repository, 'linux/arm64', { env: { GITHUB_SHA: 'f'.repeat(40) } }))
  const retried = await s.leg(repository, 'linux/arm64', { env: { GITHUB_RUN_ATTEMPT: '2' } })
  expectSuccess(retried)
  const merged = await s.merge(repository, { tags: 'rerun' }, { GITHUB_RUN_ATTEMPT: '2' })
  expectSuccess(merged)
  const index = await s.api.manifest(repository, 'rerun')
  const arm = index.json.manifests.find((d: any) => d.platform.architecture === 'arm64')
  expect(arm.digest).toBe(JSON.parse(retried.outputs.metadata).legs[0].childDigest)
  expect((await s.api.tags(repository)).filter(t => t.startsWith('stage-'))).toEqual([])
})

test('a missing leg fails, names the platform, and publishes nothing', async () => {
  const repository = uniqueRepository('missing')
  expectSuccess(await s.leg(repository, 'linux/amd64'))
  const run = await s.merge(repository, { platforms: 'linux/amd64,linux/arm64', tags: 'never' })
  expect(run.exitCode).not.toBe(0)
  expect(errorOf(run)).toBe(
    'missing linux/arm64: required linux/amd64, linux/arm64; found linux/amd64; looked for stage-4242-1-linux-arm64. Nothing was published.'
  )
  expect(await s.api.tags(repository)).not.toContain('never')
  expect(await s.api.tags(repository)).toContain('stage-4242-1-linux-amd64')
})

test('a mislabeled leg (amd64 staged as arm64) is refused with both platforms named', async () => {
  const repository = uniqueRepository('mislabel')
  const leg = await s.leg(repository, 'linux/amd64')
  expectSuccess(leg)
  const staged = await s.api.manifest(repository, 'stage-4242-1-linux-amd64')
  await s.api.putManifest(repository, 'stage-4242-1-linux-arm64', JSON.stringify(staged.json), OCI_INDEX)
  const run = await s.merge(repository, { tags: 'never' })
  expect(run.exitCode).not.toBe(0)
  expect(errorOf(run)).toContain('stage-4242-1-linux-arm64 is staged as linux/arm64 but its image config says linux/amd64')
  expect(await s.api.tags(repository)).not.toContain('never')
})
