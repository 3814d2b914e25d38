// Staging: every leg's staging tag points to an index, so the merge can adopt its
// children and delete the staging index without touching them.
import { buildIndex } from '../oci/manifest.js'
import { formatPlatform, platformsMatch } from '../oci/platform.js'
import type { Platform } from '../oci/types.js'
import type { RegistryClient } from '../registry/client.js'
import { RegistryError } from '../registry/errors.js'
import { inspectReference, type InspectedImage, type InspectedReference } from './inspect.js'

export interface StagedLeg {
  tag: string
  /** The platform it was built (and staged) as. */
  platform: Platform
  /** What the staging tag points to. */
  digest: string
  image: InspectedImage
  /** The staging index as the merge would read it: a merge in the same job starts from here. */
  index: InspectedReference
}

/**
 * What a leg pushed was deleted before the leg read it back. Under publish-when-complete that is
 * another leg of the run: it completed the set, published this leg and cleaned up its staging tag.
 */
export class PushedIndexGoneError extends Error {}

/**
 * Checks what was pushed (by digest) against the platform it was built for, from its
 * config; a bare image gets a one-entry index of its own under the staging tag.
 */
export async function stagePushed(
  client: RegistryClient,
  repository: string,
  pushedDigest: string,
  platform: Platform,
  staging: string
): Promise<StagedLeg> {
  const pushed = await inspectReference(client, repository, pushedDigest).catch((error: unknown) => {
    if (error instanceof RegistryError && error.status === 404 && error.operation === `GET manifest ${repository}@${pushedDigest}`) {
      throw new PushedIndexGoneError(`${repository}@${pushedDigest} was deleted right after its push`, { cause: error })
    }
    throw error
  })
  const image = pushed.images.find(i => platformsMatch(platform, i.descriptor.platform!))
  if (!image || pushed.images.length !== 1) {
    const found = pushed.images.map(i => formatPlatform(i.descriptor.platform!)).join(', ') || 'no image'
    throw new Error(
      `the pushed build holds ${found}, not ${formatPlatform(platform)}: check the Dockerfile's FROM --platform and the builder`
    )
  }
  if (pushed.isIndex) return { tag: staging, platform, digest: pushed.digest, image, index: pushed }
  const built = buildIndex({ images: [image.descriptor], attestations: [] })
  const digest = await client.putManifest(repository, staging, built.bytes, built.mediaType)
  const index = {
    digest,
    mediaType: built.mediaType,
    isIndex: true,
    images: [image],
    attestations: [],
    claimed: new Map([[image.descriptor.digest, image.descriptor.platform!]])
  }
  return { tag: staging, platform, digest, image, index }
}
