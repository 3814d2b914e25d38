// Staged build legs seeded straight into a FakeRegistry: a config naming the platform and
// the commit, an image manifest, and a one-entry index under the staging tag, as a leg leaves them.
import type { FakeRegistry } from './fake-registry.js'

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

export interface SeededLeg {
  /** What the staging tag points to. */
  index: string
  /** The image manifest in it. */
  image: string
}

/**
 * Seeds `tag` as a staged leg of `platform` (os/arch[/variant]) built from commit `sha`;
 * `osVersion` for a Windows leg (in the config and the index's descriptor, as buildx writes it).
 */
export function seedLeg(
  registry: FakeRegistry,
  repo: string,
  tag: string,
  platform: string,
  sha: string,
  content = tag,
  osVersion?: string
): SeededLeg {
  const [os, architecture, variant] = platform.split('/')
  const version = osVersion ? { 'os.version': osVersion } : {}
  const config = JSON.stringify({
    os,
    architecture,
    ...(variant ? { variant } : {}),
    ...version,
    config: { Labels: { 'org.opencontainers.image.revision': sha, 'test.content': content } },
    rootfs: { type: 'layers', diff_ids: [] }
  })
  const configDigest = registry.seedBlob(repo, config)
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: Buffer.byteLength(config) },
    layers: []
  })
  const image = registry.seedManifest(repo, `sha256:x`, manifest, OCI_MANIFEST)
  const descriptorPlatform = { os, architecture, ...(variant ? { variant } : {}), ...version }
  const index = registry.seedManifest(
    repo,
    tag,
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: OCI_MANIFEST, digest: image, size: Buffer.byteLength(manifest), platform: descriptorPlatform }]
    },
    OCI_INDEX
  )
  return { index, image }
}
