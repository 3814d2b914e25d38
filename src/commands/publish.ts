// The one publishing path: verified images in, one index out, under every tag.
// The matrix merge and the one-job multi-platform build both end here.
import { buildIndex, type BuiltIndex } from '../oci/manifest.js'
import { formatPlatform, platformKey, platformsMatch, sortPlatforms } from '../oci/platform.js'
import { platformTag, validatePlatformTags } from '../oci/platform-tag.js'
import type { Descriptor, Platform } from '../oci/types.js'
import type { RegistryClient } from '../registry/client.js'
import type { Logger } from '../util/logger.js'
import type { InspectedImage, InspectedReference } from './inspect.js'

/** One image to publish, and where it came from. */
export interface Candidate {
  /** Where it was found: a staging tag or a source reference (named in errors). */
  origin: string
  /** The platform the leg was staged as; undefined for explicit sources. */
  stagedAs?: Platform
  /** The platform an index descriptor claimed for it, when it came from an index. */
  claimed?: Platform
  image: InspectedImage
  /** Its attestation manifests (provenance), from the same index. */
  attestations: Descriptor[]
}

export interface PublishedChild {
  platform: string
  digest: string
  size: number
  attestation?: string
  /** What its attestations attest as published (provenance, sbom); empty when stripped or none. */
  attestationKinds?: string[]
  origin: string
}

export interface PublishResult {
  digest: string
  mediaType: string
  manifest: string
  size: number
  /** Tags whose PUT this run made, and tags that already held this index. */
  published: string[]
  unchanged: string[]
  children: PublishedChild[]
  /** With platform tags: each one, the platform and the image manifest it points at. */
  platformTags: PlatformTag[]
}

export interface PlatformTag {
  tag: string
  platform: string
  digest: string
}

export interface PublishOptions {
  /** Also tag each image manifest as `<tag>-<platform>` (platform-tags: true). */
  platformTags?: boolean
  /** The image manifests' bytes by digest, when the caller has them; otherwise read from `repository`. */
  manifests?: Map<string, Uint8Array>
}

/** One tag to write: the bytes it must hold. */
interface TagTarget {
  tag: string
  digest: string
  bytes: Uint8Array
  mediaType: string
}

/** Some tags could not be published; the message names those that were. */
export class PublishError extends Error {
  constructor(
    message: string,
    /** The tags that hold the index after all (a mirror reports what it holds). */
    readonly published: string[] = []
  ) {
    super(message)
    this.name = 'PublishError'
  }
}

/** Every image of a staged leg or source, with its attestations, as candidates. */
export function candidatesOf(
  origin: string,
  inspected: InspectedReference,
  stagedAs?: Platform,
  claimed?: Map<string, Platform>
): Candidate[] {
  return inspected.images.map(image => ({
    origin,
    stagedAs,
    claimed: claimed?.get(image.descriptor.digest),
    image,
    attestations: inspected.attestations.filter(a => a.annotations?.['vnd.docker.reference.digest'] === image.descriptor.digest)
  }))
}

/**
 * Checks each candidate against what its config says, refuses duplicates and foreign
 * revisions, and orders them: `order` first (in that order), the rest amd64 first.
 */
export function verifyCandidates(candidates: Candidate[], options: { revision?: string; order: Platform[]; logger: Logger }): Candidate[] {
  const byPlatform = new Map<string, Candidate>()
  for (const candidate of candidates) {
    const actual = candidate.image.descriptor.platform!
    for (const [what, expected] of [
      ['staged as', candidate.stagedAs],
      ['labelled', candidate.claimed]
    ] as const) {
      if (expected && !platformsMatch(expected, actual)) {
        throw new Error(
          `${candidate.origin} is ${what} ${formatPlatform(expected)} but its image config says ${formatPlatform(actual)} (${candidate.image.descriptor.digest}): refusing to publish a mislabeled image`
        )
      }
    }
    const revision = candidate.image.revision
    if (options.revision && revision && revision !== options.revision) {
      throw new Error(
        `${candidate.origin} was built from commit ${revision}, not ${options.revision} being merged: refusing to mix commits in one index (re-run its build leg)`
      )
    }
    if (options.revision && !revision)
      options.logger.warning(`${candidate.origin} has no org.opencontainers.image.revision label: its commit cannot be checked`)
    const key = platformKey(actual)
    const duplicate = byPlatform.get(key)
    if (duplicate)
      throw new Error(`${candidate.origin} and ${duplicate.origin} are both ${describe(actual)}: an index holds one image per platform`)
    byPlatform.set(key, candidate)
  }
  const ordered: Candidate[] = []
  for (const wanted of options.order) {
    const match = [...byPlatform.entries()].find(([, c]) => platformsMatch(wanted, c.image.descriptor.platform!))
    if (match) {
      ordered.push(match[1])
      byPlatform.delete(match[0])
    }
  }
  const remaining = [...byPlatform.values()]
  const rest = sortPlatforms(remaining.map(c => c.image.descriptor.platform!)).map(p =>
    remaining.find(c => c.image.descriptor.platform === p)!
  )
  return [...ordered, ...rest]
}

/** Images in order, then their attestations in the same order (or none). */
export function indexFor(candidates: Candidate[], attestations: 'keep' | 'strip', annotations: Record<string, string>): BuiltIndex {
  return buildIndex({
    images: candidates.map(c => c.image.descriptor),
    attestations: attestations === 'keep' ? candidates.flatMap(c => c.attestations) : [],
    annotations
  })
}

/**
 * PUTs the index under every tag (and, with platform tags, each image manifest under its
 * platform tags) in parallel. A tag that already holds these exact bytes is left alone
 * (re-runs on IMMUTABLE repositories pass). `current` maps a tag to the digest it held
 * before, fetched ahead so that this step is one round trip.
 */
export async function publishIndex(
  client: RegistryClient,
  repository: string,
  index: BuiltIndex,
  tags: string[],
  current: Map<string, string | undefined>,
  candidates: Candidate[],
  options: PublishOptions = {}
): Promise<PublishResult> {
  const perPlatform = options.platformTags ? await platformTargets(client, repository, tags, current, candidates, options.manifests) : []
  const targets: TagTarget[] = [
    ...tags.map(tag => ({ tag, digest: index.digest, bytes: index.bytes, mediaType: index.mediaType })),
    ...perPlatform.map(p => p.target)
  ]
  const unchanged = targets.filter(t => current.get(t.tag) === t.digest).map(t => t.tag)
  // Platform tags first, then the release tags: a registry re-linking an image manifest
  // (a PUT under its platform tag) may refuse an index that references it meanwhile.
  const images = targets.filter(t => t.digest !== index.digest && current.get(t.tag) !== t.digest)
  const indexes = targets.filter(t => t.digest === index.digest && current.get(t.tag) !== t.digest)
  const put = (wave: TagTarget[]) => Promise.allSettled(wave.map(t => client.putManifest(repository, t.tag, t.bytes, t.mediaType)))
  const toWrite = [...images, ...indexes]
  const outcomes = [...(await put(images)), ...(await put(indexes))]
  const published = toWrite.filter((_, i) => outcomes[i].status === 'fulfilled').map(t => t.tag)
  const failures = toWrite
    .map((target, i) => ({ target, outcome: outcomes[i] }))
    .filter((f): f is { target: TagTarget; outcome: PromiseRejectedResult } => f.outcome.status === 'rejected')
  if (failures.length > 0) {
    const reasons = failures.map(({ target, outcome }) => {
      const before = current.get(target.tag)
      const held = before
        ? ` (it holds ${before}; the new ${target.digest === index.digest ? 'index' : 'image'} is ${target.digest}: an immutable tag cannot move)`
        : ''
      return `tag ${target.tag}${held}: ${(outcome.reason as Error).message}`
    })
    const done = [...unchanged, ...published]
    throw new PublishError(
      `publishing ${index.digest} failed for ${failures.length} of ${targets.length} tags: ${reasons.join('; ')}. ${done.length ? `Published: ${done.join(', ')}` : 'No tag was published'}`,
      done
    )
  }
  return {
    digest: index.digest,
    mediaType: index.mediaType,
    manifest: Buffer.from(index.bytes).toString('utf8'),
    size: index.bytes.length,
    published,
    unchanged,
    children: candidates.map(c => ({
      platform: describe(c.image.descriptor.platform!),
      digest: c.image.descriptor.digest,
      size: c.image.size,
      attestation: c.attestations[0]?.digest,
      origin: c.origin
    })),
    platformTags: perPlatform.map(p => p.tag)
  }
}

/**
 * Every release tag once per image: `<tag>-<platform>` -> that image manifest's own bytes.
 * What those tags hold now is read here (one round trip, beside the manifests' bytes).
 */
async function platformTargets(
  client: RegistryClient,
  repository: string,
  tags: string[],
  current: Map<string, string | undefined>,
  candidates: Candidate[],
  manifests?: Map<string, Uint8Array>
): Promise<{ target: TagTarget; tag: PlatformTag }[]> {
  validatePlatformTags(
    tags,
    candidates.map(c => c.image.descriptor.platform!)
  )
  const pairs = candidates.flatMap(c => tags.map(tag => ({ c, tag: platformTag(tag, c.image.descriptor.platform!) })))
  const [bytes] = await Promise.all([
    Promise.all(
      candidates.map(
        async c => manifests?.get(c.image.descriptor.digest) ?? (await client.getManifest(repository, c.image.descriptor.digest)).bytes
      )
    ),
    Promise.all(
      pairs.filter(p => !current.has(p.tag)).map(async p => current.set(p.tag, (await client.headManifest(repository, p.tag))?.digest))
    )
  ])
  return pairs.map(({ c, tag }) => {
    const { digest, mediaType, platform } = c.image.descriptor
    return {
      target: { tag, digest, mediaType, bytes: bytes[candidates.indexOf(c)] },
      tag: { tag, platform: describe(platform!), digest }
    }
  })
}

function describe(p: Platform): string {
  return p['os.version'] ? `${formatPlatform(p)} (${p['os.version']})` : formatPlatform(p)
}
