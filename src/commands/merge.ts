// The merge: find this run's staged legs (or the given sources), verify them from their
// configs, publish one index under every tag, then delete the staging indexes.
import { gitAnnotations, type GitContext } from '../git/context.js'
import { formatPlatform, platformSlug, platformsMatch } from '../oci/platform.js'
import { parseReference } from '../oci/reference.js'
import { newestLegs, parseStagingTag, type StagingLeg } from '../oci/staging.js'
import type { Platform } from '../oci/types.js'
import { phase, type Logger } from '../util/logger.js'
import { RegistryError } from '../registry/errors.js'
import { IncompleteImageError, inspectReference, type InspectedReference } from './inspect.js'
import { candidatesOf, indexFor, publishIndex, verifyCandidates, type Candidate, type PublishResult } from './publish.js'
import type { RegistrySession } from './session.js'
import type { StagedLeg } from './stage.js'

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
  runKey: string
  runAttempt: number
  git: GitContext
}

export interface MergeResult extends PublishResult {
  registry: string
  repository: string
  tags: string[]
  platforms: string[]
  cleaned: string[]
}

/** `built`: the legs this job just built and staged (one-job builds): published without reading them again. */
export async function merge(session: RegistrySession, config: MergeConfig, logger: Logger, built?: StagedLeg[]): Promise<MergeResult> {
  const { client, registry } = session
  const { repository } = config
  const currentTags = new Map<string, string | undefined>()

  const candidates = await phase(logger, 'Find and verify the images', async () => {
    // What the release tags hold now is fetched alongside, so publishing is one round trip.
    const [found] = await Promise.all([
      config.sources.length > 0 ? fromSources(session, config) : built ? fromBuild(built) : fromStagingTags(session, config),
      Promise.all(config.tags.map(async tag => currentTags.set(tag, (await client.headManifest(repository, tag))?.digest)))
    ])
    // Adopting what a concurrent merge published: the release tags as they are now.
    for (const [tag, digest] of found.adopted?.current ?? []) currentTags.set(tag, digest)
    if (found.adopted) logger.warning(found.adopted.notice)
    const verified = verifyCandidates(found.candidates, { revision: config.git.sha || undefined, order: config.platforms, logger })
    requireAll(config.platforms, verified, found.lookedFor)
    for (const c of verified) logger.info(`${formatPlatform(c.image.descriptor.platform!)}: ${c.image.descriptor.digest} from ${c.origin}`)
    return { verified, staged: found.staged, adopted: found.adopted }
  })

  const selected =
    config.platforms.length > 0
      ? candidates.verified.filter(c => config.platforms.some(p => platformsMatch(p, c.image.descriptor.platform!)))
      : candidates.verified
  const index = indexFor(selected, config.attestations, { ...gitAnnotations(config.git), ...config.annotations })
  if (candidates.adopted?.onlyIfSame && index.digest !== candidates.adopted.digest) throw new Error(candidates.adopted.onlyIfSame)
  const result = await phase(
    logger,
    `Publish ${index.digest} under ${config.tags.length === 1 ? 'one tag' : `${config.tags.length} tags`}`,
    async () => {
      const published = await publishIndex(client, repository, index, config.tags, currentTags, selected)
      for (const tag of published.unchanged) logger.info(`${tag} already holds ${index.digest}`)
      for (const tag of published.published) logger.info(`published ${registry}/${repository}:${tag}`)
      return published
    }
  )

  const cleaned =
    config.cleanup && candidates.staged.length > 0
      ? await phase(logger, 'Clean up staging tags', () => cleanUp(session, config, candidates.staged, result, logger))
      : []
  return {
    ...result,
    registry,
    repository,
    tags: config.tags.map(tag => `${registry}/${repository}:${tag}`),
    platforms: selected.map(c => formatPlatform(c.image.descriptor.platform!)),
    cleaned
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

async function fromStagingTags(session: RegistrySession, config: MergeConfig): Promise<Found> {
  const allTags = await session.client.listTags(config.repository)
  const staged = allTags.filter(tag => parseStagingTag(tag, config.runKey) !== undefined)
  const legs = newestLegs(allTags, config.runKey, config.runAttempt)
  const all = [...legs.values()]
  const wanted: StagingLeg[] =
    config.platforms.length > 0 ? all.filter(leg => config.platforms.some(p => platformsMatch(p, leg.platform))) : all
  const attempts = config.runAttempt === 1 ? '1' : `<1..${config.runAttempt}>`
  const lookedFor = (p: Platform): string => `stage-${config.runKey}-${attempts}-${platformSlug(p)}`
  const noneStaged = `no build leg is staged for run ${config.runKey} in ${session.registry}/${config.repository}: looked for tags stage-${config.runKey}-${attempts}-<os>-<arch>[-<variant>]. Did the build legs run with the same run-key and push: true? Nothing was published.`
  if (wanted.length === 0) {
    // A merge of this run that already published (and cleaned up) leaves the tags holding its index: then this merge is a no-op.
    const adopted = await alreadyPublished(session, config, `no staging tag of run ${config.runKey} is left`, noneStaged)
    if (adopted) return { candidates: adopted.candidates, adopted: adopted.adopted, staged, lookedFor }
    if (config.platforms.length === 0) throw new Error(noneStaged)
  }
  const read = await Promise.all(wanted.map(leg => inspectStaged(session, config.repository, leg.tag)))
  const vanished = wanted.filter((_, i) => read[i] === undefined).map(leg => leg.tag)
  if (vanished.length > 0) {
    // Listed, then gone: a concurrent merge of this run published them and cleaned up.
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

/** A staging tag read whole; undefined when it is gone (deleted since it was listed). */
async function inspectStaged(session: RegistrySession, repository: string, tag: string): Promise<InspectedReference | undefined> {
  try {
    return await inspectReference(session.client, repository, tag)
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
 * in ECR through BatchDeleteImage by tag (deleting the tag of an index leaves its
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
    if (session.ecr) {
      // The SDK module is already loaded when session.ecr is set; only ECR merges need this one.
      const { deleteTags } = await import('../ecr/repository.js')
      const outcome = await deleteTags(session.ecr, { repository: config.repository, tags: staged, registryId: session.registryId, logger })
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
