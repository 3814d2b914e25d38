// Reads what a reference holds, down to each image's config blob: the platform of an
// image is taken from its config, never from a tag name or an index descriptor.
import { MAX_CONFIG_BYTES } from '../oci/digest.js'
import { isAttestation, parseManifest } from '../oci/manifest.js'
import { platformFromConfig } from '../oci/platform.js'
import type { Descriptor, ImageConfig, ImageManifest, Platform } from '../oci/types.js'
import type { RegistryClient } from '../registry/client.js'
import { RegistryError } from '../registry/errors.js'

/** A manifest or config blob an image needs is not in the repository (not pushed yet, or from elsewhere). */
export class IncompleteImageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IncompleteImageError'
  }
}

export interface InspectedImage {
  /** The descriptor to put in an index, platform (and os.version) from the config. */
  descriptor: Descriptor
  config: ImageConfig
  /** Manifest + config + layers, in bytes. */
  size: number
  /** The org.opencontainers.image.revision label, when set. */
  revision?: string
}

export interface InspectedReference {
  digest: string
  mediaType: string
  isIndex: boolean
  images: InspectedImage[]
  /** Attestation manifests of an index (buildx provenance), as they stand in it. */
  attestations: Descriptor[]
  /** The platform the index's descriptor claims for each image digest (checked against the config). */
  claimed: Map<string, Platform>
}

export async function inspectReference(client: RegistryClient, repository: string, reference: string): Promise<InspectedReference> {
  const fetched = await client.getManifest(repository, reference)
  const parsed = parseManifest(fetched.bytes, fetched.mediaType)
  if (parsed.kind === 'manifest') {
    const descriptor = { mediaType: parsed.mediaType, digest: fetched.digest, size: fetched.size }
    const image = await readImage(client, repository, descriptor, parsed.manifest)
    return { digest: fetched.digest, mediaType: parsed.mediaType, isIndex: false, images: [image], attestations: [], claimed: new Map() }
  }
  const children = parsed.index.manifests
  const nested = children.find(child => child.mediaType.includes('index') || child.mediaType.includes('manifest.list'))
  if (nested)
    throw new Error(
      `${repository}@${fetched.digest} holds a nested index (${nested.digest}): only images and attestations are supported as children`
    )
  const images = await Promise.all(
    children
      .filter(child => !isAttestation(child))
      .map(child =>
        readImage(client, repository, child).catch(error => {
          // A child from another repository (or not pushed yet) is not here: the index cannot be adopted.
          if (isNotFound(error, 'GET manifest')) {
            throw new IncompleteImageError(
              `${repository}@${fetched.digest} lists ${child.digest}, which is not in ${repository} (${error.message}): an index can only use images of its own repository`
            )
          }
          throw error
        })
      )
  )
  const claimed = new Map(children.filter(c => c.platform && !isAttestation(c)).map(c => [c.digest, c.platform!]))
  return {
    digest: fetched.digest,
    mediaType: parsed.mediaType,
    isIndex: true,
    images,
    attestations: children.filter(isAttestation),
    claimed
  }
}

export async function readImage(
  client: RegistryClient,
  repository: string,
  descriptor: Descriptor,
  manifest?: ImageManifest
): Promise<InspectedImage> {
  if (!manifest) {
    const fetched = await client.getManifest(repository, descriptor.digest)
    const parsed = parseManifest(fetched.bytes, fetched.mediaType)
    if (parsed.kind !== 'manifest') throw new Error(`${repository}@${descriptor.digest} is an index where an image manifest was expected`)
    manifest = parsed.manifest
  }
  const blob = await client.getBlob(repository, manifest.config.digest, MAX_CONFIG_BYTES).catch(error => {
    if (isNotFound(error, 'GET blob'))
      throw new IncompleteImageError(
        `the config blob of ${repository}@${descriptor.digest} is missing (${error.message}): the image is incomplete`
      )
    throw error
  })
  const config = parseConfig(blob, `${repository}@${descriptor.digest}`)
  const size = descriptor.size + manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0)
  const labels = config.config?.Labels ?? {}
  return {
    descriptor: { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size, platform: platformFromConfig(config) },
    config,
    size,
    revision: labels['org.opencontainers.image.revision']
  }
}

function parseConfig(bytes: Uint8Array, where: string): ImageConfig {
  let config: ImageConfig
  try {
    config = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    throw new Error(`the config blob of ${where} is not JSON: it is not a container image`)
  }
  if (typeof config?.os !== 'string' || typeof config?.architecture !== 'string') {
    throw new Error(`the config blob of ${where} has no os/architecture: it is not a container image`)
  }
  return config
}

function isNotFound(error: unknown, operation: string): error is RegistryError {
  return error instanceof RegistryError && error.status === 404 && error.operation.startsWith(operation)
}
