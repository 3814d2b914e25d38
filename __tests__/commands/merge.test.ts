// The merge's rare branches, without Docker, against the fake registry: a run whose index
// a concurrent (or earlier) merge already published, staging tags deleted while this
// merge reads them, and a leg whose staging index vanished or is not whole yet.
import { mergeConfig } from '../../testing/merge-config.js'
import { merge, type MergeConfig, type MergeResult } from '../../src/commands/merge.js'
import type { RegistrySession } from '../../src/commands/session.js'
import { buildIndex } from '../../src/oci/manifest.js'
import { parsePlatform } from '../../src/oci/platform.js'
import { stagingTag } from '../../src/oci/staging.js'
import { MediaType } from '../../src/oci/types.js'
import { RegistryClient } from '../../src/registry/client.js'
import { silentLogger, type Logger } from '../../src/util/logger.js'
import { FakeRegistry, sha256 } from '../../testing/fake-registry.js'

const REPO = 'team/app'
const SHA = 'c'.repeat(40)
const OTHER_SHA = 'd'.repeat(40)
const TAGS = ['1.0', 'latest']

let registry: FakeRegistry
let session: RegistrySession

beforeEach(async () => {
  registry = await FakeRegistry.start()
  const client = new RegistryClient({ registry: registry.host, insecure: true, retry: { sleep: async () => {}, random: () => 1 } })
  session = { registry: registry.host, client }
})

afterEach(() => registry.close())

function config(extra: Partial<MergeConfig> = {}): MergeConfig {
  return mergeConfig({
    repository: REPO,
    tags: TAGS,
    runKey: '42',
    git: { sha: SHA, ref: 'refs/heads/main' },
    ...extra
  })
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = []
  return { ...silentLogger, warnings, warning: m => warnings.push(m) }
}

/** An image of the platform built from `revision`: its config blob and manifest, by digest only. */
function seedImage(platform: string, revision = SHA): { mediaType: string; digest: string; size: number } {
  const p = parsePlatform(platform)
  const labels = { 'org.opencontainers.image.revision': revision }
  const config = Buffer.from(JSON.stringify({ ...p, config: { Labels: labels } }))
  const configDigest = registry.seedBlob(REPO, config)
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: configDigest, size: config.length },
      layers: []
    })
  )
  const digest = registry.seedManifest(REPO, sha256(manifest), manifest, MediaType.OciManifest)
  return { mediaType: MediaType.OciManifest, digest, size: manifest.length }
}

/** What a build leg leaves: a one-entry index under its staging tag. */
function stage(
  platform: string,
  opts: { attempt?: number; revision?: string; image?: { mediaType: string; digest: string; size: number } } = {}
) {
  const image = opts.image ?? seedImage(platform, opts.revision)
  const index = buildIndex({ images: [{ ...image, platform: parsePlatform(platform) }], attestations: [] })
  const tag = stagingTag('42', opts.attempt ?? 1, parsePlatform(platform))
  registry.seedManifest(REPO, tag, Buffer.from(index.bytes), index.mediaType)
  return tag
}

/** A merge that found its index already under every tag and wrote nothing. */
function expectNoop(result: MergeResult, digest: string): void {
  expect(result.digest).toBe(digest)
  expect(result.published).toEqual([])
  expect(result.unchanged.sort()).toEqual(TAGS)
}

/** Requests made from now on (for "publishes nothing" checks). */
function requestsFrom(): () => string[] {
  const start = registry.requests.length
  return () => registry.requests.slice(start).map(r => `${r.method} ${r.path.split('?')[0]}`)
}

/** After this merge lists the tags, `tags` are deleted, as a concurrent merge's cleanup would. */
function untagAfterListing(tags: string[]): void {
  registry.afterRequest(request => {
    if (request.method === 'GET' && request.path.startsWith(`/v2/${REPO}/tags/list`)) registry.untag(REPO, tags)
  })
}

describe('merge of staged legs', () => {
  test('publishes the newest attempt of each leg under every tag, then deletes the staging indexes', async () => {
    const staged = [stage('linux/amd64'), stage('linux/arm64'), stage('linux/arm64', { attempt: 2 })]

    const result = await merge(session, config({ runAttempt: 2 }), silentLogger)

    expect(result.platforms).toEqual(['linux/amd64', 'linux/arm64'])
    expect(result.published.sort()).toEqual(TAGS)
    for (const tag of TAGS) expect(registry.manifest(REPO, tag)?.digest).toBe(result.digest)
    expect(result.cleaned.sort()).toEqual(staged.sort())
    expect(registry.tags(REPO)).toEqual(TAGS)
  })

  test('a required platform that is not staged is named with the tags looked for', async () => {
    stage('linux/amd64')
    const run = requestsFrom()

    await expect(
      merge(session, config({ runAttempt: 2, platforms: ['linux/amd64', 'linux/arm64'].map(p => parsePlatform(p)) }), silentLogger)
    ).rejects.toThrow(
      'missing linux/arm64: required linux/amd64, linux/arm64; found linux/amd64; looked for stage-42-<1..2>-linux-arm64. Nothing was published.'
    )
    expect(run().filter(r => r.startsWith('PUT') || r.startsWith('DELETE'))).toEqual([])
  })
})

describe('an index already published by a concurrent merge', () => {
  test('with nothing staged, a merge that would build the same index changes nothing', async () => {
    stage('linux/amd64')
    stage('linux/arm64')
    const first = await merge(session, config(), silentLogger)
    const logger = recordingLogger()
    const run = requestsFrom()

    const second = await merge(session, config(), logger)

    expectNoop(second, first.digest)
    expect(second.platforms).toEqual(['linux/amd64', 'linux/arm64'])
    expect(logger.warnings).toEqual([
      `no staging tag of run 42 is left; 1.0 already holds ${first.digest}, an index of commit ${SHA}: merging its images`
    ])
    expect(run().filter(r => r.startsWith('PUT') || r.startsWith('DELETE'))).toEqual([])
  })

  test('with nothing staged, an index of this commit that this merge would not build is refused', async () => {
    stage('linux/amd64')
    const first = await merge(session, config({ annotations: { 'org.example.note': 'first' } }), silentLogger)

    await expect(merge(session, config(), silentLogger)).rejects.toThrow(
      `no build leg is staged for run 42 in ${registry.host}/${REPO}: looked for tags stage-42-1-<os>-<arch>[-<variant>]. Did the build legs run with the same run-key and push: true? Nothing was published.`
    )
    for (const tag of TAGS) expect(registry.manifest(REPO, tag)?.digest).toBe(first.digest)
  })

  test('with nothing staged, tags holding an index of another commit are not adopted', async () => {
    stage('linux/amd64', { revision: OTHER_SHA })
    await merge(session, config({ git: { sha: OTHER_SHA, ref: 'refs/heads/main' } }), silentLogger)

    await expect(merge(session, config({ runAttempt: 3 }), silentLogger)).rejects.toThrow(
      'looked for tags stage-42-<1..3>-<os>-<arch>[-<variant>]'
    )
  })
})

describe('staging tags deleted while the merge reads them', () => {
  test('adopts the index the concurrent merge published, and publishes nothing new', async () => {
    const staged = [stage('linux/amd64'), stage('linux/arm64')]
    const concurrent = await merge(session, config({ cleanup: false }), silentLogger)
    untagAfterListing(staged)
    const logger = recordingLogger()
    const run = requestsFrom()

    const result = await merge(session, config(), logger)

    expectNoop(result, concurrent.digest)
    expect(result.cleaned).toEqual([])
    expect(logger.warnings).toEqual([
      `staging tags ${staged.join(', ')} were deleted while this merge read them (a concurrent merge of run 42 cleaned up); 1.0 already holds ${concurrent.digest}, an index of commit ${SHA}: merging its images`
    ])
    expect(run().filter(r => r.startsWith('PUT') || r.startsWith('DELETE'))).toEqual([])
  })

  test('fails, publishing nothing, when no release tag holds an index of this commit', async () => {
    const staged = [stage('linux/amd64'), stage('linux/arm64')]
    stage('linux/amd64', { attempt: 2, revision: OTHER_SHA })
    // The release tags hold an index of another commit: nothing to adopt.
    const other = registry.manifest(REPO, stagingTag('42', 2, parsePlatform('linux/amd64')))!
    registry.seedTags(REPO, TAGS, other.digest)
    untagAfterListing(staged)
    const run = requestsFrom()

    await expect(merge(session, config(), silentLogger)).rejects.toThrow(
      `staging tags ${staged.join(', ')} were deleted while this merge read them, and no release tag (1.0, latest) holds an index of commit ${SHA}: did another merge of run 42 publish other tags and clean up? Nothing was published.`
    )
    expect(run().filter(r => r.startsWith('PUT') || r.startsWith('DELETE'))).toEqual([])
    for (const tag of TAGS) expect(registry.manifest(REPO, tag)?.digest).toBe(other.digest)
  })
})

describe('a leg whose staging index vanished', () => {
  test('one leg deleted mid-read is named alone, and nothing is published', async () => {
    stage('linux/amd64')
    const arm = stage('linux/arm64')
    untagAfterListing([arm])
    const run = requestsFrom()

    await expect(merge(session, config(), silentLogger)).rejects.toThrow(
      `staging tags ${arm} were deleted while this merge read them, and no release tag (1.0, latest) holds an index of commit ${SHA}`
    )
    expect(run().filter(r => r.startsWith('PUT') || r.startsWith('DELETE'))).toEqual([])
    expect(registry.tags(REPO)).toEqual(['stage-42-1-linux-amd64'])
  })

  test('a staging index whose image is not in the registry yet is refused as still pushing', async () => {
    stage('linux/amd64')
    const missing = { mediaType: MediaType.OciManifest, digest: sha256('never pushed'), size: 12 }
    const arm = stage('linux/arm64', { image: missing })

    await expect(merge(session, config(), silentLogger)).rejects.toThrow(
      `staging tag ${arm} cannot be read whole (is its build leg still pushing? Wait for it, or re-run it)`
    )
    expect(TAGS.map(tag => registry.manifest(REPO, tag))).toEqual([undefined, undefined])
  })
})
