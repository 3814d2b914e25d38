// No merge job, on the real stack: build legs given publish-when-complete (amd64 native,
// arm64 under QEMU) and nothing else. The leg that completes the set publishes; the other
// says it did not; concurrent legs publish one index; a re-run leg completes attempt 1's set.
import type { ActionRun } from '../../testing/action-runner.js'
import { expectSuccess, startScenario, type Scenario } from '../../testing/scenario.js'
import { uniqueRepository } from '../../testing/stack.js'

let s: Scenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

const SET = { 'publish-when-complete': 'linux/amd64,linux/arm64' }
const childDigest = (run: ActionRun): string => JSON.parse(run.outputs.metadata).legs[0].childDigest
const releaseTags = async (repository: string) => (await s.api.tags(repository)).filter(t => !/^(stage|build|cache)-/.test(t))

describe('two legs one after the other, no merge job', () => {
  const repository = uniqueRepository('complete')
  let first: ActionRun
  let second: ActionRun
  let tagsAfterFirst: string[]

  beforeAll(async () => {
    first = await s.leg(repository, 'linux/amd64', { inputs: SET })
    tagsAfterFirst = await releaseTags(repository)
    second = await s.leg(repository, 'linux/arm64', { inputs: SET })
  })

  test('the first leg succeeds, says it did not publish, and publishes nothing', () => {
    expectSuccess(first)
    expect(first.outputs.published).toBe('false')
    expect(first.outputs['staging-tag']).toBe('stage-4242-1-linux-amd64')
    expect(first.stdout).toContain('not staged yet: linux/arm64; looking once more in 5 s')
    expect(first.summary).toContain(
      'Not published: linux/arm64 is not staged for run 4242 yet. The leg that stages the last platform of linux/amd64, linux/arm64 publishes the index.'
    )
    expect(tagsAfterFirst).toEqual([])
  })

  test('the second leg completes the set and publishes the index under the default tags', () => {
    expectSuccess(second)
    expect(second.outputs.published).toBe('true')
    expect(second.outputs.platforms).toBe('linux/amd64,linux/arm64')
    expect(second.outputs.tags).toBe(`${s.stack.registry}/${repository}:main,${s.stack.registry}/${repository}:sha-0123456`)
    expect(second.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(second.summary).toContain(`Published ${s.stack.registry}/${repository}`)
  })

  test('the index holds both legs, in the order given, and the staging tags are cleaned up', async () => {
    const index = await s.api.manifest(repository, 'main')
    expect(index.digest).toBe(second.outputs.digest)
    expect(index.json.manifests.slice(0, 2).map((d: { digest: string }) => d.digest)).toEqual([childDigest(first), childDigest(second)])
    expect((await s.api.tags(repository)).filter(t => t.startsWith('stage-'))).toEqual([])
  })

  test.each([
    ['linux/amd64', 'x86_64'],
    ['linux/arm64', 'aarch64']
  ])('docker run --platform %s on the release tag prints %s', (platform, uname) => {
    const out = s.docker(['run', '--rm', '--pull', 'always', '--platform', platform, `${s.stack.registry}/${repository}:main`])
    expect(out.trim()).toBe(uname)
  })
})

test('two legs at once: both succeed, and what is published is one index', async () => {
  const repository = uniqueRepository('complete-race')
  const legs = await Promise.all([s.leg(repository, 'linux/amd64', { inputs: SET }), s.leg(repository, 'linux/arm64', { inputs: SET })])
  for (const leg of legs) expectSuccess(leg)
  const publishers = legs.filter(leg => leg.outputs.published === 'true')
  expect(publishers.length).toBeGreaterThanOrEqual(1)
  const digests = new Set(publishers.map(leg => leg.outputs.digest))
  expect(digests.size).toBe(1)
  const index = await s.api.manifest(repository, 'main')
  expect(digests).toEqual(new Set([index.digest]))
  expect(index.json.manifests.slice(0, 2).map((d: { digest: string }) => d.digest)).toEqual(legs.map(childDigest))
})

test('re-run failed jobs: the attempt-2 arm64 leg publishes with attempt 1 amd64 leg', async () => {
  const repository = uniqueRepository('complete-rerun')
  const amd = await s.leg(repository, 'linux/amd64', { inputs: SET })
  expectSuccess(amd)
  expect(amd.outputs.published).toBe('false')
  const arm = await s.leg(repository, 'linux/arm64', { inputs: SET, env: { GITHUB_RUN_ATTEMPT: '2' } })
  expectSuccess(arm)
  expect(arm.outputs.published).toBe('true')
  expect(JSON.parse(arm.outputs.metadata).legs[0].stagingTag).toBe('stage-4242-2-linux-arm64')
  const index = await s.api.manifest(repository, 'main')
  expect(index.digest).toBe(arm.outputs.digest)
  expect(index.json.manifests.slice(0, 2).map((d: { digest: string }) => d.digest)).toEqual([childDigest(amd), childDigest(arm)])
  expect((await s.api.tags(repository)).filter(t => t.startsWith('stage-'))).toEqual([])
})
