// Finding this run's staged legs. A staging tag's name follows from the run key, the
// attempt and the platform, so with platforms given each leg is read directly: every
// attempt from the current one down to 1, in parallel, the newest present winning. The
// tag list, which grows with the repository, is read only when a tag name is not known:
// "every staged leg" (no platforms), or a Windows platform (its tag ends in the build number).
import { isIndexMediaType } from '../oci/manifest.js'
import { platformsMatch } from '../oci/platform.js'
import { newestLegs, parseStagingTag, STAGE_TAG_PREFIX, stagingTag, type StagingLeg } from '../oci/staging.js'
import type { Platform } from '../oci/types.js'
import type { ManifestResult, RegistryClient } from '../registry/client.js'
import { RegistryError } from '../registry/errors.js'

export interface StagingRun {
  runKey: string
  runAttempt: number
}

export interface FoundLeg extends StagingLeg {
  /** The staging index, when finding the leg read it (a direct read). */
  manifest?: ManifestResult
}

export interface StagedLegs {
  /** The newest leg of each platform found (of the wanted platforms, when given). */
  legs: FoundLeg[]
  /** Every staging tag of this run that was seen (all attempts), for the cleanup. */
  staged: string[]
  /** Wanted platforms no leg was found for. */
  missing: Platform[]
}

export interface FindOptions {
  /**
   * The registry lists tags in lexical order, as the distribution spec requires: the listing
   * may stop once a page passes this run's staging tags (checked, not assumed: see pastRun).
   * ECR does not document its order, so its listing always reads every page.
   */
  lexicalTags: boolean
  /**
   * Read each listed leg's staging index, and count a tag that does not hold one yet as not
   * staged (see stagedIndex). For publish-when-complete, where other legs may be mid-push;
   * a merge job runs after its legs and reads them itself, beside the release tags.
   */
  readListed?: boolean
}

/** Whether every platform's staging tag name is known (a Windows platform's needs its os.version). */
export function readableDirectly(platforms: readonly Platform[]): boolean {
  return platforms.length > 0 && platforms.every(p => p.os !== 'windows' || p['os.version'] !== undefined)
}

/** This run's newest staged leg of each wanted platform (of every staged platform when none is given). */
export async function findStagedLegs(
  client: RegistryClient,
  repository: string,
  run: StagingRun,
  platforms: readonly Platform[],
  options: FindOptions
): Promise<StagedLegs> {
  return readableDirectly(platforms)
    ? readStaged(client, repository, run, platforms)
    : listStaged(client, repository, run, platforms, options)
}

async function readStaged(
  client: RegistryClient,
  repository: string,
  run: StagingRun,
  platforms: readonly Platform[]
): Promise<StagedLegs> {
  const attempts = Array.from({ length: run.runAttempt }, (_, i) => run.runAttempt - i)
  const perPlatform = await Promise.all(
    platforms.map(platform =>
      Promise.all(
        attempts.map(async attempt => {
          const tag = stagingTag(run.runKey, attempt, platform)
          const manifest = await stagedIndex(client, repository, tag)
          return manifest ? { tag, attempt, platform, manifest } : undefined
        })
      )
    )
  )
  const present = perPlatform.map(found => found.filter(leg => leg !== undefined))
  return {
    // Attempts are newest first: the first present is the newest.
    legs: present.flatMap(found => found.slice(0, 1)),
    staged: present.flat().map(leg => leg.tag),
    missing: platforms.filter((_, i) => present[i].length === 0)
  }
}

async function listStaged(
  client: RegistryClient,
  repository: string,
  run: StagingRun,
  platforms: readonly Platform[],
  options: FindOptions
): Promise<StagedLegs> {
  const tags = await client.listTags(repository, options.lexicalTags ? pastRun(run.runKey) : undefined)
  const all = [...newestLegs(tags, run.runKey, run.runAttempt).values()]
  const listed: FoundLeg[] = platforms.length > 0 ? all.filter(leg => platforms.some(p => platformsMatch(p, leg.platform))) : all
  const legs = options.readListed ? await readEach(client, repository, listed) : listed
  return {
    legs,
    staged: tags.filter(tag => parseStagingTag(tag, run.runKey) !== undefined),
    missing: platforms.filter(p => !legs.some(leg => platformsMatch(p, leg.platform)))
  }
}

/** The listed legs whose tags hold their staging index, with it. */
async function readEach(client: RegistryClient, repository: string, listed: readonly FoundLeg[]): Promise<FoundLeg[]> {
  const read = await Promise.all(listed.map(leg => stagedIndex(client, repository, leg.tag)))
  return listed.flatMap((leg, i) => (read[i] ? [{ ...leg, manifest: read[i] }] : []))
}

/**
 * The staging index under a leg's tag; undefined when the tag is absent or does not hold an
 * index yet. A leg's staging tag always ends on an index, but while buildx pushes it the tag
 * can point for a moment at one of its child manifests (the image or the attestation): that
 * leg is not staged yet (a publish-when-complete leg then looks once more).
 */
async function stagedIndex(client: RegistryClient, repository: string, tag: string): Promise<ManifestResult | undefined> {
  const manifest = await getIfPresent(client, repository, tag)
  return manifest && isIndexMediaType(manifest.mediaType) ? manifest : undefined
}

/** The manifest under a tag; undefined when the tag (or the repository) does not exist. */
async function getIfPresent(client: RegistryClient, repository: string, tag: string): Promise<ManifestResult | undefined> {
  try {
    return await client.getManifest(repository, tag)
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return undefined
    throw error
  }
}

type Order = (a: string, b: string) => number
const byteOrder: Order = (a, b) => (a < b ? -1 : a > b ? 1 : 0)
// The spec's wording is "lexical (case-insensitive alphanumeric) order"; the reference registry sorts bytes.
const caseInsensitive: Order = (a, b) => byteOrder(a.toLowerCase(), b.toLowerCase())

/**
 * A stop rule for a tag listing: true once the tags so far are sorted (in byte or
 * case-insensitive order) and the last one sorts after every staging tag of this run.
 * A registry that does not sort fails the check on its first unsorted page and is read whole.
 */
export function pastRun(runKey: string): (tags: readonly string[]) => boolean {
  const prefix = `${STAGE_TAG_PREFIX}${runKey}-`
  const sorted = new Map<Order, boolean>([
    [byteOrder, true],
    [caseInsensitive, true]
  ])
  let checked = 0
  return tags => {
    for (const order of sorted.keys()) {
      for (let i = Math.max(checked, 1); i < tags.length && sorted.get(order); i++) {
        if (order(tags[i - 1], tags[i]) > 0) sorted.set(order, false)
      }
    }
    checked = tags.length
    const last = tags[tags.length - 1]
    if (last === undefined) return false
    return [...sorted].some(([order, ok]) => ok && order(last, prefix) > 0 && order(last.slice(0, prefix.length), prefix) !== 0)
  }
}
