// The merge: find this run's staged legs (or the given sources), verify them from their
// configs, publish one index under every tag, then delete the staging indexes.
import type { GitContext } from '../git/context.js'
import { indexAnnotations } from '../metadata/labels.js'
import { formatPlatform, platformsMatch } from '../oci/platform.js'
import { parseReference } from '../oci/reference.js'
import { stagingTagPattern } from '../oci/staging.js'
import type { Platform } from '../oci/types.js'
import { phase, type Logger } from '../util/logger.js'
import type { ManifestResult } from '../registry/client.js'
import { RegistryError } from '../registry/errors.js'
import { attestationKinds } from './attestations.js'
import { IncompleteImageError, inspectReference, type InspectedReference } from './inspect.js'
import { checkLatest, type LatestOutcome, type LatestPlan } from './latest.js'
import { mirrorFailure, publishMirrors, type MirrorResult, type MirrorTarget } from './mirror.js'
import { candidatesOf, indexFor, publishIndex, verifyCandidates, type Candidate, type PublishResult } from './publish.js'
import type { RegistrySession } from './session.js'
import type { StagedLeg } from './stage.js'
import { findStagedLegs, type StagedLegs } from './staged.js'

export interface MergeConfig {
  repository: string
  /** Required platforms, in index order; empty = every staged leg. */
  platforms: Platform[]
  tags: string[]
  /** Explicit references instead of staged legs. */
  sources: string[]
  attestations: 'keep' | 'strip'
  annotations: Record<string, string>
  cleanup: boolean
  /** Also tag each image manifest as `<tag>-<platform>`. */
  platformTags: boolean
  /** Other repositories (any registry) that get the same index under the same tags. */
  mirrors: MirrorTarget[]
  createRepository: boolean
  tagMutability: 'MUTABLE' | 'IMMUTABLE'
  runKey: string
  runAttempt: number
  git: GitContext
  /** The standard OCI annotations (title, version, ...): under the user's annotations. */
  standard?: Record<string, string>
  /** The floating tag among `tags` that must never go backwards, and how. */
  latest?: LatestPlan
}

export interface MergeResult extends PublishResult {
  registry: string
  repository: string
  tags: string[]
  platforms: string[]
  cleaned: string[]
  /** Whether the latest tag moved, and why (when the tags hold one). */
  latest?: LatestOutcome
  /** One per mirror, in input order: what it holds, or its error. */
  mirrors: MirrorResult[]
  /** Set when a mirror failed: the primary is published, the step must still fail. */
  mirrorFailure?: string
}

/** What a caller already knows about the legs, so the merge does not read it again. */
export interface MergeOptions {
  /** The legs this job just built and staged (one-job builds): published without reading them again. */
  built?: StagedLeg[]
  /** This run's staged legs as the caller found them (publish-when-complete): not looked up again. */
  located?: StagedLegs
  /** Masks a mirror's credentials at the edge. */
  maskSecret?: (secret: string) => void
}

export async function merge(
  session: RegistrySession,
  config: MergeConfig,
  logger: Logger,
  { built, located, maskSecret = () => {} }: MergeOptions = {}
): Promise<MergeResult> {
  const { client, registry } = session
  const { repository } = config
  const currentTags = new Map<string, string | undefined>()

  const candidates = await phase(logger, 'Find and verify the images', async () => {
    // What the release tags hold now (and the version under latest) is fetched alongside, so publishing is one round trip.
    const guarded = config.latest && config.tags.includes(config.latest.tag) ? config.latest : undefined
    const [found, , latest] = await Promise.all([
      config.sources.length > 0 ? fromSources(session, config) : built ? fromBuild(built) : fromStagingTags(session, config, located),
      Promise.all(config.tags.map(async tag => currentTags.set(tag, (await client.headManifest(repository, tag))?.digest))),
      guarded ? checkLatest(client, repository, guarded) : undefined
    ])
    // Adopting what a concurrent merge published: the release tags as they are now.
    for (const [tag, digest] of found.adopted?.current ?? []) currentTags.set(tag, digest)
    if (found.adopted) logger.warning(found.adopted.notice)
    const verified = verifyCandidates(found.candidates, { revision: config.git.sha || undefined, order: config.platforms, logger })
    requireAll(config.platforms, verified, found.lookedFor)
    for (const c of verified) logger.info(`${formatPlatform(c.image.descriptor.platform!)}: ${c.image.descriptor.digest} from ${c.origin}`)
    if (latest) logger.info(latest.reason)
    return { verified, staged: found.staged, adopted: found.adopted, latest }
  })
  const latest = candidates.latest
  const tags = latest && !latest.move ? config.tags.filter(tag => tag !== latest.tag) : config.tags

  const selected =
    config.platforms.length > 0
      ? candidates.verified.filter(c => config.platforms.some(p => platformsMatch(p, c.image.descriptor.platform!)))
      : candidates.verified
  const index = indexFor(selected, config.attestations, indexAnnotations(config))
  if (candidates.adopted?.onlyIfSame && index.digest !== candidates.adopted.digest) throw new Error(candidates.adopted.onlyIfSame)
  const kinds = Promise.all(
    selected.map(c => (config.attestations === 'keep' ? attestationKinds(client, repository, c.attestations) : Promise.resolve([])))
  )
  const published = await phase(
    logger,
    `Publish ${index.digest} under ${tags.length === 1 ? 'one tag' : `${tags.length} tags`}`,
    async () => {
      const published = await publishIndex(client, repository, index, tags, currentTags, selected, {
        platformTags: config.platformTags
      })
      const image = new Map(published.platformTags.map(p => [p.tag, p.digest]))
      for (const tag of published.unchanged) logger.info(`${tag} already holds ${image.get(tag) ?? index.digest}`)
      for (const tag of published.published) logger.info(`published ${registry}/${repository}:${tag}`)
      return published
    }
  )
  const children = await kinds.then(k => published.children.map((c, i) => ({ ...c, attestationKinds: k[i] })))
  const result = { ...published, children }

  // The primary first; then the mirrors, each on its own.
  const mirrors =
    config.mirrors.length > 0
      ? await phase(logger, `Publish to ${config.mirrors.length} mirror${config.mirrors.length === 1 ? '' : 's'}`, () =>
          publishMirrors({ client, repository }, index, selected, config.mirrors, {
            ...config,
            tags,
            logger,
            maskSecret,
            fetch: session.fetch
          })
        )
      : []
  // With no tag left to publish (only a latest that stays), the staged legs are all there is: they stay.
  const cleaned =
    config.cleanup && candidates.staged.length > 0 && tags.length > 0
      ? await phase(logger, 'Clean up staging tags', () => cleanUp(session, config, candidates.staged, result, logger))
      : []
  return {
    ...result,
    registry,
    repository,
    tags: [...tags, ...result.platformTags.map(p => p.tag)].map(tag => `${registry}/${repository}:${tag}`),
    platforms: selected.map(c => formatPlatform(c.image.descriptor.platform!)),
    cleaned,
    latest,
    mirrors,
    mirrorFailure: mirrorFailure(mirrors)
  }
}

interface Found {
  candidates: Candidate[]
  /** Every staging tag of this run (all attempts), for the cleanup. */
  staged: string[]
  /** What was searched for a platform, for the error when it is missing. */
  lookedFor: (p: Platform) => string
  /** The staged legs were gone: what the release tags already hold for this commit was taken instead. */
  adopted?: Adopted
}

interface Adopted {
  digest: string
  current: Map<string, string | undefined>
  notice: string
  /** Without proof of a concurrent merge, only a no-op succeeds: this error unless the new index is the one the tags hold. */
  onlyIfSame?: string
}

async function fromStagingTags(session: RegistrySession, config: MergeConfig, known?: StagedLegs): Promise<Found> {
  const located =
    known ?? (await findStagedLegs(session.client, config.repository, config, config.platforms, { lexicalTags: !session.ecr }))
  const { staged } = located
  const wanted = located.legs
  const lookedFor = (p: Platform): string => stagingTagPattern(config.runKey, config.runAttempt, p)
  const noneStaged = `no build leg is staged for run ${config.runKey} in ${session.registry}/${config.repository}: looked for tags ${stagingTagPattern(config.runKey, config.runAttempt)}. Did the build legs run with the same run-key and push: true? Nothing was published.`
  if (wanted.length === 0 || located.missing.length > 0) {
    // A merge of this run that already published (and cleaned up) leaves the tags holding its index: then this merge is a no-op.
    const why =
      wanted.length === 0
        ? `no staging tag of run ${config.runKey} is left`
        : `no staging tag of run ${config.runKey} is left for ${located.missing.map(formatPlatform).join(', ')}`
    const adopted = await alreadyPublished(session, config, why, wanted.length === 0 ? noneStaged : `${why}. Nothing was published.`)
    if (adopted) return { candidates: adopted.candidates, adopted: adopted.adopted, staged, lookedFor }
    if (config.platforms.length === 0) throw new Error(noneStaged)
  }
  const read = await Promise.all(wanted.map(leg => inspectStaged(session, config.repository, leg.tag, leg.manifest)))
  const vanished = wanted.filter((_, i) => read[i] === undefined).map(leg => leg.tag)
  if (vanished.length > 0) {
    // Found, then gone: a concurrent merge of this run published them and cleaned up.
    const adopted = await alreadyPublished(
      session,
      config,
      `staging tags ${vanished.join(', ')} were deleted while this merge read them (a concurrent merge of run ${config.runKey} cleaned up)`
    )
    if (adopted) return { candidates: adopted.candidates, adopted: adopted.adopted, staged, lookedFor }
    throw new Error(
      `staging tags ${vanished.join(', ')} were deleted while this merge read them, and no release tag (${config.tags.join(', ')}) holds an index of commit ${config.git.sha || '(unknown)'}: did another merge of run ${config.runKey} publish other tags and clean up? Nothing was published.`
    )
  }
  const inspected = read as InspectedReference[]
  const candidates = inspected.flatMap((leg, i) => {
    if (leg.images.length !== 1) {
      throw new Error(`staging tag ${wanted[i].tag} holds ${leg.images.length} images; a leg stages exactly one`)
    }
    return candidatesOf(wanted[i].tag, leg, wanted[i].platform, leg.claimed)
  })
  return { candidates, staged, lookedFor }
}

function fromBuild(built: StagedLeg[]): Found {
  return {
    candidates: built.flatMap(leg => candidatesOf(leg.tag, leg.index, leg.platform, leg.index.claimed)),
    staged: built.map(leg => leg.tag),
    lookedFor: () => `the legs this job built (${built.map(leg => leg.tag).join(', ')})`
  }
}

async function fromSources(session: RegistrySession, config: MergeConfig): Promise<Found> {
  const inspected = await Promise.all(
    config.sources.map(async source => {
      const ref = parseReference(source)
      if (ref.registry !== session.registry || ref.repository !== config.repository) {
        throw new Error(
          `source ${source} is not in ${session.registry}/${config.repository}: the merge moves manifests, not blobs, so sources must be in the target repository`
        )
      }
      const reference = ref.digest ?? ref.tag ?? 'latest'
      const result = await inspectReference(session.client, config.repository, reference).catch(error => {
        throw new Error(`source ${source} cannot be used: ${(error as Error).message}. Nothing was published.`)
      })
      return { source, result }
    })
  )
  const candidates = inspected.flatMap(({ source, result }) => candidatesOf(source, result, undefined, result.claimed))
  return { candidates, staged: [], lookedFor: () => `sources ${config.sources.join(', ')}` }
}

/** A staging tag read whole (from its index when already fetched); undefined when it is gone (deleted since it was listed). */
async function inspectStaged(
  session: RegistrySession,
  repository: string,
  tag: string,
  fetched?: ManifestResult
): Promise<InspectedReference | undefined> {
  try {
    return await inspectReference(session.client, repository, tag, fetched)
  } catch (error) {
    const notFound = error instanceof RegistryError && error.status === 404
    if (notFound && (await session.client.headManifest(repository, tag).catch(() => null)) === undefined) return undefined
    if (!notFound && !(error instanceof IncompleteImageError)) throw error
    throw new Error(
      `staging tag ${tag} cannot be read whole (is its build leg still pushing? Wait for it, or re-run it): ${(error as Error).message}. Nothing was published.`,
      { cause: error }
    )
  }
}

/**
 * What the release tags hold now, when it is an index of this very commit: a concurrent
 * (or earlier) merge of this run published it. Without onlyIfSame, any tag's index
 * will do; with it, every tag must hold the same one, and the merge must rebuild it exactly.
 */
async function alreadyPublished(
  session: RegistrySession,
  config: MergeConfig,
  why: string,
  onlyIfSame?: string
): Promise<{ candidates: Candidate[]; adopted: Adopted } | undefined> {
  const sha = config.git.sha
  if (!sha || config.tags.length === 0) return undefined
  const heads = await Promise.all(
    config.tags.map(async tag => [tag, (await session.client.headManifest(config.repository, tag))?.digest] as const)
  )
  const digests = [...new Set(heads.map(([, digest]) => digest))]
  if (onlyIfSame && (digests.length !== 1 || digests[0] === undefined)) return undefined
  for (const digest of digests) {
    if (digest === undefined) continue
    const inspected = await inspectReference(session.client, config.repository, digest).catch(() => undefined)
    if (!inspected?.isIndex || inspected.images.length === 0 || inspected.images.some(image => image.revision !== sha)) continue
    const tag = heads.find(([, d]) => d === digest)![0]
    return {
      candidates: candidatesOf(`${tag}@${digest}`, inspected, undefined, inspected.claimed),
      adopted: {
        digest,
        current: new Map(heads),
        notice: `${why}; ${tag} already holds ${digest}, an index of commit ${sha}: merging its images`,
        onlyIfSame
      }
    }
  }
  return undefined
}

function requireAll(required: Platform[], found: Candidate[], lookedFor: (p: Platform) => string): void {
  const missing = required.filter(p => !found.some(c => platformsMatch(p, c.image.descriptor.platform!)))
  if (missing.length === 0) return
  const have = found.map(c => formatPlatform(c.image.descriptor.platform!))
  throw new Error(
    `missing ${missing.map(formatPlatform).join(', ')}: required ${required.map(formatPlatform).join(', ')}; found ${have.length ? have.join(', ') : 'nothing'}; looked for ${[...new Set(missing.map(lookedFor))].join(', ')}. Nothing was published.`
  )
}

/**
 * Deletes this run's staging indexes, never what the published index references:
 * in ECR (and ECR Public) through BatchDeleteImage by tag (deleting the tag of an index leaves its
 * children, which the new index references); elsewhere by digest.
 */
async function cleanUp(
  session: RegistrySession,
  config: MergeConfig,
  staged: string[],
  result: PublishResult,
  logger: Logger
): Promise<string[]> {
  const protectedDigests = new Set([
    result.digest,
    ...result.children.map(c => c.digest),
    ...result.children.flatMap(c => (c.attestation ? [c.attestation] : []))
  ])
  try {
    if (session.ecr || session.ecrPublic) {
      // The SDK modules are already loaded when session.ecr(Public) is set; only ECR merges need these.
      const outcome = session.ecr
        ? await (
            await import('../ecr/repository.js')
          ).deleteTags(session.ecr, {
            repository: config.repository,
            tags: staged,
            registryId: session.registryId,
            logger
          })
        : await (
            await import('../ecr/public.js')
          ).deletePublicTags(session.ecrPublic!, { repository: config.repository, tags: staged, logger })
      for (const failure of outcome.failures)
        logger.warning(`could not delete staging tag ${failure.tag}: ${failure.code} ${failure.reason}`)
      return outcome.deleted
    }
    const heads = await Promise.all(staged.map(async tag => ({ tag, head: await session.client.headManifest(config.repository, tag) })))
    const deletable = heads.filter(h => h.head && !protectedDigests.has(h.head.digest))
    await Promise.all(deletable.map(h => session.client.deleteManifest(config.repository, h.head!.digest)))
    return deletable.map(h => h.tag)
  } catch (error) {
    logger.warning(`the index is published, but cleaning up the staging tags failed: ${(error as Error).message}`)
    return []
  }
}
