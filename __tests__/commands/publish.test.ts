// The one publishing path, without Docker: candidate checks against configs, the order
// of the index, and publishing under several tags (with one refusing) on a fake registry.
import type { InspectedImage } from '../../src/commands/inspect.js'
import { indexFor, publishIndex, PublishError, verifyCandidates, type Candidate } from '../../src/commands/publish.js'
import { parsePlatform } from '../../src/oci/platform.js'
import type { Platform } from '../../src/oci/types.js'
import { RegistryClient } from '../../src/registry/client.js'
import { silentLogger, type Logger } from '../../src/util/logger.js'
import { FakeRegistry } from '../../testing/fake-registry.js'

const SHA = 'a'.repeat(40)
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

function candidate(
  origin: string,
  actual: string,
  opts: { stagedAs?: string; claimed?: string; revision?: string; osVersion?: string; n?: number } = {}
): Candidate {
  const platform: Platform = { ...parsePlatform(actual), ...(opts.osVersion ? { 'os.version': opts.osVersion } : {}) }
  const digest = `sha256:${String(opts.n ?? origin.length).padStart(64, '0')}`
  const image: InspectedImage = {
    descriptor: { mediaType: OCI_MANIFEST, digest, size: 500, platform },
    config: { os: platform.os, architecture: platform.architecture },
    size: 1000,
    revision: 'revision' in opts ? opts.revision : SHA
  }
  return {
    origin,
    stagedAs: opts.stagedAs ? parsePlatform(opts.stagedAs) : undefined,
    claimed: opts.claimed ? parsePlatform(opts.claimed) : undefined,
    image,
    attestations: [
      {
        mediaType: OCI_MANIFEST,
        digest: `sha256:${String((opts.n ?? 0) + 100).padStart(64, '0')}`,
        size: 300,
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': digest }
      }
    ]
  }
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = []
  return { ...silentLogger, warnings, warning: m => warnings.push(m) }
}

describe('verifyCandidates', () => {
  const options = { revision: SHA, order: [] as Platform[], logger: silentLogger }

  test('orders linux/amd64 first, then by name; `order` wins when given', () => {
    const cs = [
      candidate('s-arm', 'linux/arm64', { n: 1 }),
      candidate('s-v7', 'linux/arm/v7', { n: 2 }),
      candidate('s-amd', 'linux/amd64', { n: 3 })
    ]
    expect(verifyCandidates(cs, options).map(c => c.origin)).toEqual(['s-amd', 's-v7', 's-arm'])
    expect(verifyCandidates(cs, { ...options, order: [parsePlatform('linux/arm64')] }).map(c => c.origin)).toEqual([
      's-arm',
      's-amd',
      's-v7'
    ])
  })

  test('an image staged as arm64 whose config says amd64 is refused, both named', () => {
    expect(() => verifyCandidates([candidate('stage-1-1-linux-arm64', 'linux/amd64', { stagedAs: 'linux/arm64' })], options)).toThrow(
      /^stage-1-1-linux-arm64 is staged as linux\/arm64 but its image config says linux\/amd64 \(sha256:0+21\): refusing to publish a mislabeled image$/
    )
  })

  test('an index descriptor that claims another platform than the config is refused', () => {
    expect(() => verifyCandidates([candidate('src', 'linux/arm/v7', { claimed: 'linux/arm/v6' })], options)).toThrow(
      'src is labelled linux/arm/v6 but its image config says linux/arm/v7'
    )
  })

  test('aarch64 and arm64/v8 are the same platform as arm64', () => {
    expect(verifyCandidates([candidate('a', 'linux/aarch64', { stagedAs: 'linux/arm64/v8' })], options)).toHaveLength(1)
  })

  test('two images of one platform are refused', () => {
    expect(() => verifyCandidates([candidate('one', 'linux/amd64', { n: 1 }), candidate('two', 'linux/amd64', { n: 2 })], options)).toThrow(
      'two and one are both linux/amd64: an index holds one image per platform'
    )
  })

  test('two Windows builds are two platforms', () => {
    const cs = [
      candidate('w22', 'windows/amd64', { osVersion: '10.0.20348.1', n: 1 }),
      candidate('w25', 'windows/amd64', { osVersion: '10.0.26100.1', n: 2 })
    ]
    expect(verifyCandidates(cs, options)).toHaveLength(2)
  })

  test('another commit is refused; a missing label is a warning', () => {
    expect(() => verifyCandidates([candidate('old', 'linux/amd64', { revision: 'b'.repeat(40) })], options)).toThrow(
      `old was built from commit ${'b'.repeat(40)}, not ${SHA} being merged`
    )
    const logger = recordingLogger()
    verifyCandidates([candidate('unlabelled', 'linux/amd64', { revision: undefined })], { ...options, logger })
    expect(logger.warnings).toEqual(['unlabelled has no org.opencontainers.image.revision label: its commit cannot be checked'])
  })
})

describe('indexFor', () => {
  test('images first, then their attestations in the same order; strip drops them', () => {
    const cs = [candidate('a', 'linux/amd64', { n: 1 }), candidate('b', 'linux/arm64', { n: 2 })]
    const kept = indexFor(cs, 'keep', {}).index.manifests.map(d => d.digest)
    expect(kept).toEqual([
      cs[0].image.descriptor.digest,
      cs[1].image.descriptor.digest,
      cs[0].attestations[0].digest,
      cs[1].attestations[0].digest
    ])
    expect(indexFor(cs, 'strip', {}).index.manifests).toHaveLength(2)
  })
})

describe('publishIndex', () => {
  let registry: FakeRegistry
  let client: RegistryClient
  beforeEach(async () => {
    registry = await FakeRegistry.start()
    client = new RegistryClient({ registry: `http://${registry.host}`, retry: { attempts: 1 } })
  })
  afterEach(() => registry.close())

  const cs = () => [candidate('a', 'linux/amd64', { n: 1 })]

  test('PUTs every tag but those that already hold the digest', async () => {
    const index = indexFor(cs(), 'strip', {})
    const result = await publishIndex(client, 'team/app', index, ['1.0', 'latest'], new Map([['latest', index.digest]]), cs())
    expect(result).toMatchObject({ digest: index.digest, published: ['1.0'], unchanged: ['latest'] })
    expect(registry.requests.filter(r => r.method === 'PUT').map(r => r.path)).toEqual(['/v2/team/app/manifests/1.0'])
  })

  test('a refused tag: the error names it, the digest it holds, and what was published', async () => {
    const index = indexFor(cs(), 'strip', {})
    const held = `sha256:${'e'.repeat(64)}`
    registry.fault(
      { method: 'PUT', path: '/v2/team/app/manifests/1' },
      {
        status: 400,
        body: JSON.stringify({ errors: [{ code: 'TAG_INVALID', message: 'tag 1 is immutable' }] }),
        contentType: 'application/json'
      }
    )
    const failure = publishIndex(client, 'team/app', index, ['1.0.0', '1'], new Map([['1', held]]), cs())
    await expect(failure).rejects.toThrow(`tag 1 (it holds ${held}; the new index is ${index.digest}: an immutable tag cannot move)`)
    await expect(failure).rejects.toThrow('Published: 1.0.0')
    await expect(failure).rejects.toBeInstanceOf(PublishError)
  })

  test('platform tags: each image manifest itself under <tag>-<arch>, beside the index; unchanged ones are left', async () => {
    const amd = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'c', digest: `sha256:${'1'.repeat(64)}`, size: 1 },
      layers: []
    }
    const arm = { ...amd, config: { ...amd.config, digest: `sha256:${'2'.repeat(64)}` } }
    const amdDigest = registry.seedManifest('team/app', 'build-amd', amd, OCI_MANIFEST)
    const armBytes = Buffer.from(JSON.stringify(arm))
    const armDigest = registry.seedManifest('team/app', 'build-arm', armBytes, OCI_MANIFEST)
    const images = [candidate('a', 'linux/amd64'), candidate('b', 'linux/arm64')]
    images[0].image.descriptor.digest = amdDigest
    images[1].image.descriptor.digest = armDigest
    registry.seedTags('team/app', ['1.0-amd64'], amdDigest)
    const index = indexFor(images, 'strip', {})
    // arm64's bytes are given (as a mirror has them); amd64's are read from the repository.
    const result = await publishIndex(client, 'team/app', index, ['1.0'], new Map(), images, {
      platformTags: true,
      manifests: new Map([[armDigest, armBytes]])
    })
    expect(result.platformTags).toEqual([
      { tag: '1.0-amd64', platform: 'linux/amd64', digest: amdDigest },
      { tag: '1.0-arm64', platform: 'linux/arm64', digest: armDigest }
    ])
    expect(result.published.sort()).toEqual(['1.0', '1.0-arm64'])
    expect(result.unchanged).toEqual(['1.0-amd64'])
    expect(registry.manifest('team/app', '1.0-arm64')).toMatchObject({ digest: armDigest, mediaType: OCI_MANIFEST })
    expect(registry.manifest('team/app', '1.0')?.digest).toBe(index.digest)
    expect(registry.requests.filter(r => r.method === 'GET' && r.path.includes('/manifests/')).map(r => r.path)).toEqual([
      `/v2/team/app/manifests/${amdDigest}`
    ])
  })

  test('platform tags too long for 128 characters fail before any PUT', async () => {
    const index = indexFor(cs(), 'strip', {})
    await expect(publishIndex(client, 'team/app', index, ['t'.repeat(123)], new Map(), cs(), { platformTags: true })).rejects.toThrow(
      'is not valid: it is 129 characters long'
    )
    expect(registry.requests.filter(r => r.method === 'PUT')).toEqual([])
  })
})
