// How the merge finds the staged legs, counted on a fake registry: with platforms given
// it reads the staging tags directly (no tag list), the newest attempt present winning;
// without, it lists tags and stops once a lexically ordered list is past this run.
import { mergeConfig } from '../../testing/merge-config.js'
import { merge, type MergeConfig } from '../../src/commands/merge.js'
import type { RegistrySession } from '../../src/commands/session.js'
import { pastRun } from '../../src/commands/staged.js'
import { parsePlatformList } from '../../src/oci/platform.js'
import { RegistryClient } from '../../src/registry/client.js'
import { silentLogger } from '../../src/util/logger.js'
import { FakeRegistry } from '../../testing/fake-registry.js'
import { seedLeg } from '../../testing/fake-legs.js'

const SHA = 'c'.repeat(40)
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
    tags: ['1.0.0'],
    runKey: '77',
    git: { sha: SHA, ref: 'refs/heads/main' },
    ...overrides
  })
}

const tagListRequests = () => registry.apiRequests.filter(r => r.path.includes('/tags/list'))
const imageDigests = (tag: string) => JSON.parse(registry.manifest(REPO, tag)!.bytes.toString()).manifests.map((d: any) => d.digest)

describe('platforms given: the staging tags are read directly', () => {
  test('attempt 1: no tag list request at all, one GET per platform for the staging tags', async () => {
    const amd = seedLeg(registry, REPO, 'stage-77-1-linux-amd64', 'linux/amd64', SHA)
    const arm = seedLeg(registry, REPO, 'stage-77-1-linux-arm64', 'linux/arm64', SHA)
    const result = await merge(session, config({ platforms: parsePlatformList('linux/amd64,linux/arm64') }), silentLogger)
    expect(tagListRequests()).toEqual([])
    const stagingReads = registry.apiRequests.filter(r => r.method === 'GET' && r.path.includes('/manifests/stage-'))
    expect(stagingReads.map(r => `${r.method} ${r.path}`).sort()).toEqual([
      `GET /v2/${REPO}/manifests/stage-77-1-linux-amd64`,
      `GET /v2/${REPO}/manifests/stage-77-1-linux-arm64`
    ])
    expect(imageDigests('1.0.0')).toEqual([amd.image, arm.image])
    expect(result.cleaned.sort()).toEqual(['stage-77-1-linux-amd64', 'stage-77-1-linux-arm64'])
    expect(registry.tags(REPO).filter(t => t.startsWith('stage-'))).toEqual([])
  })

  test('attempts 1..3: the newest attempt present wins per platform, every attempt is cleaned up', async () => {
    seedLeg(registry, REPO, 'stage-77-1-linux-amd64', 'linux/amd64', SHA, 'amd attempt 1')
    const amd2 = seedLeg(registry, REPO, 'stage-77-2-linux-amd64', 'linux/amd64', SHA, 'amd attempt 2')
    const arm1 = seedLeg(registry, REPO, 'stage-77-1-linux-arm64', 'linux/arm64', SHA, 'arm attempt 1')
    // An attempt above the current one is not this merge's business.
    seedLeg(registry, REPO, 'stage-77-4-linux-arm64', 'linux/arm64', SHA, 'arm attempt 4')
    const result = await merge(session, config({ runAttempt: 3, platforms: parsePlatformList('linux/amd64,linux/arm64') }), silentLogger)
    expect(tagListRequests()).toEqual([])
    // GETs: the cleanup HEADs what it deletes afterwards.
    const probed = registry.apiRequests
      .filter(r => r.method === 'GET' && r.path.includes('/manifests/stage-'))
      .map(r => r.path.split('/').pop())
    expect(probed.sort()).toEqual([
      'stage-77-1-linux-amd64',
      'stage-77-1-linux-arm64',
      'stage-77-2-linux-amd64',
      'stage-77-2-linux-arm64',
      'stage-77-3-linux-amd64',
      'stage-77-3-linux-arm64'
    ])
    expect(imageDigests('1.0.0')).toEqual([amd2.image, arm1.image])
    expect(result.cleaned.sort()).toEqual(['stage-77-1-linux-amd64', 'stage-77-1-linux-arm64', 'stage-77-2-linux-amd64'])
    expect(registry.tags(REPO)).toContain('stage-77-4-linux-arm64')
  })

  test('a platform with no leg in any attempt fails, names what was looked for, and publishes nothing', async () => {
    seedLeg(registry, REPO, 'stage-77-1-linux-amd64', 'linux/amd64', SHA)
    await expect(
      merge(session, config({ runAttempt: 2, platforms: parsePlatformList('linux/amd64,linux/arm64') }), silentLogger)
    ).rejects.toThrow(
      'missing linux/arm64: required linux/amd64, linux/arm64; found linux/amd64; looked for stage-77-<1..2>-linux-arm64. Nothing was published.'
    )
    expect(registry.tags(REPO)).not.toContain('1.0.0')
  })
})

describe('every staged leg: the tags are listed', () => {
  test('pages of 1,000 with a Link header; the listing stops once the sorted list is past this run', async () => {
    const amd = seedLeg(registry, REPO, 'stage-77-1-linux-amd64', 'linux/amd64', SHA)
    const filler = registry.manifest(REPO, 'stage-77-1-linux-amd64')!.digest
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`)
    registry.seedTags(REPO, [...many('a-', 1500), ...many('x-', 3000)], filler)
    const result = await merge(session, config(), silentLogger)
    expect(result.platforms).toEqual(['linux/amd64'])
    expect(imageDigests('1.0.0')).toEqual([amd.image])
    // 1,500 "a-" tags fill page 1 and half of page 2, then the staging tag, then "x-": past the run after page 2 of 5.
    expect(tagListRequests().map(r => r.path)).toEqual([`/v2/${REPO}/tags/list?n=1000`, `/v2/${REPO}/tags/list?n=1000&last=a-00999`])
  })
})

describe('pastRun: when a tag listing may stop', () => {
  test.each<[string, string[], boolean]>([
    ['sorted, last tag after the run', ['a', 'stage-77-1-linux-amd64', 'x'], true],
    ['sorted, still inside the run', ['a', 'stage-77-1-linux-amd64'], false],
    ['sorted, before the run', ['a', 'main'], false],
    ['a later run sorts after', ['stage-76-1-linux-amd64', 'stage-78-1-linux-amd64'], true],
    ['a run key that extends this one is not past it', ['stage-77-1-linux-amd64', 'stage-770-1-linux-amd64'], true],
    ['unsorted: never', ['x', 'a', 'zz'], false],
    ['case-insensitive order counts as sorted', ['a', 'B', 'x'], true],
    ['empty page', [], false]
  ])('%s', (_, tags, stops) => {
    expect(pastRun('77')(tags)).toBe(stops)
  })

  test('an unsorted page early on keeps the listing going on every later page', () => {
    const stop = pastRun('77')
    expect(stop(['z', 'a'])).toBe(false)
    expect(stop(['z', 'a', 'zz', 'zzz'])).toBe(false)
  })
})
