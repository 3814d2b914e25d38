// A leg built on the docker driver (classic image store) pushes Docker media types; a leg
// on BuildKit pushes OCI with an attestation. Staged and merged together, they give one
// OCI index whose children mix both: a valid OCI index.
import { merge, type MergeConfig } from '../../src/commands/merge.js'
import { stagePushed } from '../../src/commands/stage.js'
import { parsePlatform } from '../../src/oci/platform.js'
import { RegistryClient } from '../../src/registry/client.js'
import { silentLogger } from '../../src/util/logger.js'
import { FakeRegistry } from '../../testing/fake-registry.js'

const SHA = 'c'.repeat(40)
const REPO = 'team/app'
const DOCKER = {
  manifest: 'application/vnd.docker.distribution.manifest.v2+json',
  config: 'application/vnd.docker.container.image.v1+json',
  layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  list: 'application/vnd.docker.distribution.manifest.list.v2+json'
}
const OCI = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  index: 'application/vnd.oci.image.index.v1+json'
}

let registry: FakeRegistry
let client: RegistryClient

beforeEach(async () => {
  registry = await FakeRegistry.start()
  client = new RegistryClient({ registry: `http://${registry.host}`, retry: { attempts: 1 } })
})
afterEach(() => registry.close())

/** An image of `types`, seeded by digest, and under `tag` when given. */
function seedImage(architecture: string, types: { manifest: string; config: string; layer: string }, tag?: string) {
  const configBytes = JSON.stringify({
    os: 'linux',
    architecture,
    config: { Labels: { 'org.opencontainers.image.revision': SHA } },
    rootfs: { type: 'layers', diff_ids: [] }
  })
  const configDigest = registry.seedBlob(REPO, configBytes)
  const layerDigest = registry.seedBlob(REPO, `layer-${architecture}`)
  const manifest = {
    schemaVersion: 2,
    mediaType: types.manifest,
    config: { mediaType: types.config, digest: configDigest, size: Buffer.byteLength(configBytes) },
    layers: [{ mediaType: types.layer, digest: layerDigest, size: `layer-${architecture}`.length }]
  }
  const bytes = JSON.stringify(manifest)
  // A reference with ':' seeds the manifest by digest only.
  return { digest: registry.seedManifest(REPO, tag ?? 'by:digest', bytes, types.manifest), size: Buffer.byteLength(bytes) }
}

test('a Docker-typed fallback leg and an OCI leg with provenance merge into one OCI index', async () => {
  // The fallback leg: a bare Docker image under its build- tag, staged as a one-entry index.
  const arm = seedImage('arm64', DOCKER, 'build-7-1-linux-arm64')
  const staged = await stagePushed(client, REPO, arm.digest, parsePlatform('linux/arm64'), 'stage-7-1-linux-arm64')
  expect(registry.manifest(REPO, 'stage-7-1-linux-arm64')?.mediaType).toBe(DOCKER.list)
  expect(staged.image.descriptor.mediaType).toBe(DOCKER.manifest)

  // The BuildKit leg: an OCI index with the image and its attestation.
  const amd = seedImage('amd64', OCI)
  const attestation = seedImage('unknown', OCI)
  registry.seedManifest(
    REPO,
    'stage-7-1-linux-amd64',
    {
      schemaVersion: 2,
      mediaType: OCI.index,
      manifests: [
        { mediaType: OCI.manifest, digest: amd.digest, size: amd.size, platform: { os: 'linux', architecture: 'amd64' } },
        {
          mediaType: OCI.manifest,
          digest: attestation.digest,
          size: attestation.size,
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': amd.digest }
        }
      ]
    },
    OCI.index
  )

  const config: MergeConfig = {
    repository: REPO,
    platforms: [parsePlatform('linux/amd64'), parsePlatform('linux/arm64')],
    tags: ['1.0'],
    sources: [],
    attestations: 'keep',
    annotations: {},
    cleanup: false,
    platformTags: false,
    mirrors: [],
    createRepository: false,
    tagMutability: 'MUTABLE',
    runKey: '7',
    runAttempt: 1,
    git: { sha: SHA, ref: 'refs/tags/v1.0' }
  }
  const result = await merge({ registry: registry.host, client }, config, silentLogger)

  const published = JSON.parse(registry.manifest(REPO, '1.0')!.bytes.toString('utf8'))
  expect(result.mediaType).toBe(OCI.index)
  expect(published.mediaType).toBe(OCI.index)
  expect(published.manifests.map((m: { mediaType: string; digest: string }) => [m.mediaType, m.digest])).toEqual([
    [OCI.manifest, amd.digest],
    [DOCKER.manifest, arm.digest],
    [OCI.manifest, attestation.digest]
  ])
  expect(result.children.map(c => c.platform)).toEqual(['linux/amd64', 'linux/arm64'])
})
