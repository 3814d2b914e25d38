// publish-when-complete on a fake registry: the leg that completes the set publishes, a
// leg that does not looks once more after a pause (injected: no waiting), and a re-run
// leg completes the set from an earlier attempt's legs. No tag list is read where every
// staging tag's name is known.
import { mergeConfig } from '../../testing/merge-config.js'
import { jest } from '@jest/globals'
import { publishWhenComplete, RECHECK_PAUSE_MS } from '../../src/commands/complete.js'
import { PushedIndexGoneError, stagePushed } from '../../src/commands/stage.js'
import type { MergeConfig } from '../../src/commands/merge.js'
import type { RegistrySession } from '../../src/commands/session.js'
import { parsePlatformList } from '../../src/oci/platform.js'
import { RegistryClient } from '../../src/registry/client.js'
import { silentLogger } from '../../src/util/logger.js'
import { FakeRegistry } from '../../testing/fake-registry.js'
import { seedLeg } from '../../testing/fake-legs.js'

const SHA = 'd'.repeat(40)
const REPO = 'team/app'

let registry: FakeRegistry
let session: RegistrySession
beforeEach(async () => {
  registry = await FakeRegistry.start()
  session = { registry: registry.host, client: new RegistryClient({ registry: registry.url, retry: { attempts: 1 } }) }
})
afterEach(() => registry.close())

function config(overrides: Partial<MergeConfig> = {}): MergeConfig {
  return mergeConfig({
    repository: REPO,
    platforms: parsePlatformList('linux/amd64,linux/arm64'),
    tags: ['2.0.0', 'latest'],
    runKey: '91',
    git: { sha: SHA, ref: 'refs/tags/v2.0.0' },
    ...overrides
  })
}

const tagListRequests = () => registry.apiRequests.filter(r => r.path.includes('/tags/list'))

test('the leg that completes the set publishes at once, through the merge', async () => {
  const amd = seedLeg(registry, REPO, 'stage-91-1-linux-amd64', 'linux/amd64', SHA)
  const arm = seedLeg(registry, REPO, 'stage-91-1-linux-arm64', 'linux/arm64', SHA)
  const pause = jest.fn(async (_ms: number) => {})
  const outcome = await publishWhenComplete(session, config(), silentLogger, { pause })
  expect(outcome.published).toBe(true)
  expect(pause).not.toHaveBeenCalled()
  const published = JSON.parse(registry.manifest(REPO, 'latest')!.bytes.toString())
  expect(published.manifests.map((d: { digest: string }) => d.digest)).toEqual([amd.image, arm.image])
  expect(outcome.published && outcome.merge.tags).toEqual([`${registry.host}/${REPO}:2.0.0`, `${registry.host}/${REPO}:latest`])
  expect(registry.tags(REPO).filter(t => t.startsWith('stage-'))).toEqual([])
  expect(tagListRequests()).toEqual([])
  // The merge goes on from the legs the check found: each staging index is read once.
  for (const tag of ['stage-91-1-linux-amd64', 'stage-91-1-linux-arm64']) {
    expect(registry.apiRequests.filter(r => r.method === 'GET' && r.path.endsWith(`/manifests/${tag}`))).toHaveLength(1)
  }
})

test('a leg that does not complete the set looks once more after the pause, then leaves without publishing', async () => {
  seedLeg(registry, REPO, 'stage-91-1-linux-amd64', 'linux/amd64', SHA)
  const pause = jest.fn(async (_ms: number) => {})
  const outcome = await publishWhenComplete(session, config(), silentLogger, { pause })
  expect(pause.mock.calls).toEqual([[RECHECK_PAUSE_MS]])
  expect(outcome).toEqual({
    published: false,
    missing: ['linux/arm64'],
    note: 'Not published: linux/arm64 is not staged for run 91 yet. The leg that stages the last platform of linux/amd64, linux/arm64 publishes the index.'
  })
  // Two looks at arm64, and nothing written.
  expect(registry.apiRequests.filter(r => r.path.endsWith('/manifests/stage-91-1-linux-arm64'))).toHaveLength(2)
  expect(registry.apiRequests.filter(r => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([])
  expect(registry.tags(REPO)).toEqual(['stage-91-1-linux-amd64'])
})

test('two legs finishing together: the other leg staged during the pause, so this one publishes', async () => {
  seedLeg(registry, REPO, 'stage-91-1-linux-amd64', 'linux/amd64', SHA)
  const pause = jest.fn(async (_ms: number) => {
    seedLeg(registry, REPO, 'stage-91-1-linux-arm64', 'linux/arm64', SHA)
  })
  const outcome = await publishWhenComplete(session, config(), silentLogger, { pause })
  expect(pause).toHaveBeenCalledTimes(1)
  expect(outcome.published).toBe(true)
  expect(registry.manifest(REPO, '2.0.0')?.digest).toBe(outcome.published ? outcome.merge.digest : 'none')
})

test("a staging tag caught mid-push (buildx's tag briefly on a child manifest) is not staged yet: the leg looks again", async () => {
  seedLeg(registry, REPO, 'stage-91-1-linux-amd64', 'linux/amd64', SHA)
  // The other leg's push has put the tag on its attestation manifest for now: not an index.
  registry.seedManifest(
    REPO,
    'stage-91-1-linux-arm64',
    { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: {}, layers: [] },
    'application/vnd.oci.image.manifest.v1+json'
  )
  const pause = jest.fn(async (_ms: number) => {
    seedLeg(registry, REPO, 'stage-91-1-linux-arm64', 'linux/arm64', SHA)
  })
  const outcome = await publishWhenComplete(session, config(), silentLogger, { pause })
  expect(pause).toHaveBeenCalledTimes(1)
  expect(outcome.published).toBe(true)
  expect(outcome.published && outcome.merge.platforms).toEqual(['linux/amd64', 'linux/arm64'])
})

test('two legs that both complete the set both merge the same bytes, and both succeed', async () => {
  seedLeg(registry, REPO, 'stage-91-1-linux-amd64', 'linux/amd64', SHA)
  seedLeg(registry, REPO, 'stage-91-1-linux-arm64', 'linux/arm64', SHA)
  const [a, b] = await Promise.all([
    publishWhenComplete(session, config(), silentLogger, { pause: async () => {} }),
    publishWhenComplete(session, config(), silentLogger, { pause: async () => {} })
  ])
  expect(a.published && b.published).toBe(true)
  expect(a.published && b.published && a.merge.digest === b.merge.digest).toBe(true)
  expect(registry.manifest(REPO, 'latest')?.digest).toBe(a.published ? a.merge.digest : 'none')
})

test('re-run failed jobs: the attempt-2 leg completes the set from attempt 1 (the newest attempt of each platform)', async () => {
  const amd1 = seedLeg(registry, REPO, 'stage-91-1-linux-amd64', 'linux/amd64', SHA)
  seedLeg(registry, REPO, 'stage-91-1-linux-arm64', 'linux/arm64', 'e'.repeat(40), 'failed attempt')
  const arm2 = seedLeg(registry, REPO, 'stage-91-2-linux-arm64', 'linux/arm64', SHA)
  const outcome = await publishWhenComplete(session, config({ runAttempt: 2 }), silentLogger, { pause: async () => {} })
  expect(outcome.published).toBe(true)
  const published = JSON.parse(registry.manifest(REPO, '2.0.0')!.bytes.toString())
  expect(published.manifests.map((d: { digest: string }) => d.digest)).toEqual([amd1.image, arm2.image])
  expect(tagListRequests()).toEqual([])
})

test('the listing path (a Windows platform without os.version) also waits for a tag caught mid-push', async () => {
  const windows = { platforms: parsePlatformList('linux/amd64,windows/amd64') }
  seedLeg(registry, REPO, 'stage-91-1-linux-amd64', 'linux/amd64', SHA)
  // The Windows leg's tag ends in its build number, so only the tag list finds it; its push has the tag on the image for now.
  registry.seedManifest(
    REPO,
    'stage-91-1-windows-amd64-20348',
    { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: {}, layers: [] },
    'application/vnd.oci.image.manifest.v1+json'
  )
  const pause = jest.fn(async (_ms: number) => {
    seedLeg(registry, REPO, 'stage-91-1-windows-amd64-20348', 'windows/amd64', SHA, 'windows leg', '10.0.20348.2700')
  })
  const outcome = await publishWhenComplete(session, config(windows), silentLogger, { pause })
  expect(pause).toHaveBeenCalledTimes(1)
  expect(tagListRequests()).toHaveLength(2)
  expect(outcome.published).toBe(true)
  const published = JSON.parse(registry.manifest(REPO, '2.0.0')!.bytes.toString())
  expect(published.manifests.map((d: { platform: object }) => d.platform)).toEqual([
    { os: 'linux', architecture: 'amd64' },
    { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2700' }
  ])
  // Each leg the second look found was read once, by the check, and not again by the merge.
  expect(registry.apiRequests.filter(r => r.method === 'GET' && r.path.endsWith('/manifests/stage-91-1-linux-amd64'))).toHaveLength(2)
})

describe("a leg whose staging tag another leg's merge took right after its push", () => {
  test('reading back what it pushed says the index is gone (PushedIndexGoneError), not a registry failure', async () => {
    const gone = `sha256:${'a'.repeat(64)}`
    const read = stagePushed(session.client, REPO, gone, parsePlatformList('linux/amd64')[0], 'stage-91-1-linux-amd64')
    await expect(read).rejects.toBeInstanceOf(PushedIndexGoneError)
    await expect(read).rejects.toThrow(`${REPO}@${gone} was deleted right after its push`)
  })

  test('another 404 on the way (a child manifest missing) stays what it is', async () => {
    const index = registry.seedManifest(
      REPO,
      'stage-91-1-linux-amd64',
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: `sha256:${'b'.repeat(64)}`,
            size: 10,
            platform: { os: 'linux', architecture: 'amd64' }
          }
        ]
      },
      'application/vnd.oci.image.index.v1+json'
    )
    const read = stagePushed(session.client, REPO, index, parsePlatformList('linux/amd64')[0], 'stage-91-1-linux-amd64')
    await expect(read).rejects.not.toBeInstanceOf(PushedIndexGoneError)
    await expect(read).rejects.toThrow('404')
  })

  test('its publish-when-complete confirms what the other leg published: the same index, nothing written', async () => {
    const amd = seedLeg(registry, REPO, 'stage-91-1-linux-amd64', 'linux/amd64', SHA)
    const arm = seedLeg(registry, REPO, 'stage-91-1-linux-arm64', 'linux/arm64', SHA)
    const other = await publishWhenComplete(session, config(), silentLogger, { pause: async () => {} })
    expect(other.published).toBe(true)
    expect(registry.tags(REPO).filter(t => t.startsWith('stage-'))).toEqual([])
    const writesBefore = registry.apiRequests.filter(r => r.method !== 'GET' && r.method !== 'HEAD').length

    const pause = jest.fn(async (_ms: number) => {})
    const outcome = await publishWhenComplete(session, config(), silentLogger, { pause, taken: true })
    expect(outcome.published).toBe(true)
    expect(outcome.published && outcome.merge.digest).toBe(other.published && other.merge.digest)
    expect(outcome.published && outcome.merge.children.map(c => c.digest)).toEqual([amd.image, arm.image])
    // No look at the staging tags, no pause: the merge adopts what the release tags hold, and writes nothing.
    expect(pause).not.toHaveBeenCalled()
    expect(registry.apiRequests.filter(r => r.method !== 'GET' && r.method !== 'HEAD')).toHaveLength(writesBefore)
  })

  test('its own staging tag gone at the check (taken after the read-back): it confirms at once, without the pause', async () => {
    seedLeg(registry, REPO, 'stage-91-1-linux-amd64', 'linux/amd64', SHA)
    seedLeg(registry, REPO, 'stage-91-1-linux-arm64', 'linux/arm64', SHA)
    const other = await publishWhenComplete(session, config(), silentLogger, { pause: async () => {} })
    const pause = jest.fn(async (_ms: number) => {})
    const outcome = await publishWhenComplete(session, config(), silentLogger, { pause, staged: parsePlatformList('linux/amd64') })
    expect(pause).not.toHaveBeenCalled()
    expect(outcome.published && outcome.merge.digest).toBe(other.published && other.merge.digest)
  })

  test("when the release tags do not hold this commit's index, the leg fails saying so: nothing is published", async () => {
    await expect(publishWhenComplete(session, config(), silentLogger, { pause: async () => {}, taken: true })).rejects.toThrow(
      'missing linux/amd64, linux/arm64: required linux/amd64, linux/arm64; found nothing; looked for stage-91-1-linux-amd64, stage-91-1-linux-arm64. Nothing was published.'
    )
    expect(registry.apiRequests.filter(r => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([])
  })
})
