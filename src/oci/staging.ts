// The tags this action writes besides the release tags, and their one owner: each leg
// pushes its image as stage-<runKey>-<attempt>-<platform slug> (a bare image first under
// build-<...>), the merge job finds the newest, and the registry cache lives under
// cache-<platform slug>. IMMUTABLE repositories exclude all three from immutability.
import { parsePlatform, platformKey, platformSlug } from './platform.js'
import { validateTag } from './reference.js'
import type { Platform } from './types.js'

export class StagingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StagingError'
  }
}

export interface StagingLeg {
  tag: string
  attempt: number
  platform: Platform
}

export const STAGE_TAG_PREFIX = 'stage-'
export const BUILD_TAG_PREFIX = 'build-'
export const CACHE_TAG_PREFIX = 'cache-'

/**
 * The wildcard filters an IMMUTABLE repository created by the action excludes from
 * immutability: cache tags are rewritten by every build; staging and build tags are the
 * action's own, per run, and a leg whose push met a transient error writes its tag again.
 */
export const IMMUTABLE_EXCLUSION_FILTERS: readonly string[] = [CACHE_TAG_PREFIX, STAGE_TAG_PREFIX, BUILD_TAG_PREFIX].map(p => `${p}*`)

// No '-' in a run key, so the tag splits unambiguously at the first dashes.
const RUN_KEY_RE = /^[A-Za-z0-9_.]{1,64}$/

export function validateRunKey(k: string): void {
  if (!RUN_KEY_RE.test(k)) {
    throw new StagingError(`run key "${k}" is invalid: use 1 to 64 letters, digits, "_" or "." (no "-"), e.g. \${{ github.run_id }}`)
  }
}

export function stagingTag(runKey: string, attempt: number, p: Platform): string {
  validateRunKey(runKey)
  if (!Number.isSafeInteger(attempt) || attempt < 1) {
    throw new StagingError(`run attempt ${attempt} is invalid: it must be a whole number from 1`)
  }
  const tag = `${STAGE_TAG_PREFIX}${runKey}-${attempt}-${platformSlug(p)}`
  validateTag(tag)
  return tag
}

/** The attempt and platform of a staging tag of this run key; undefined for any other tag. */
export function parseStagingTag(tag: string, runKey: string): { attempt: number; platform: Platform } | undefined {
  const prefix = `${STAGE_TAG_PREFIX}${runKey}-`
  if (!tag.startsWith(prefix)) return undefined
  const match = /^([1-9][0-9]*)-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z0-9.]+))?$/.exec(tag.slice(prefix.length))
  if (match === null) return undefined
  const [, attemptText, os, arch, variant] = match
  const attempt = Number(attemptText)
  if (!Number.isSafeInteger(attempt)) return undefined
  // Windows legs end in their build number (windows-amd64-20348): 2022 and 2025 legs stage apart.
  if (os === 'windows' && variant !== undefined && /^[0-9]+$/.test(variant)) {
    const platform: Platform = { os, architecture: arch, 'os.version': `10.0.${variant}` }
    return platformSlug(platform) === `${os}-${arch}-${variant}` && arch === 'amd64' ? { attempt, platform } : undefined
  }
  const slug = variant === undefined ? `${os}-${arch}` : `${os}-${arch}-${variant}`
  let platform: Platform
  try {
    platform = parsePlatform(variant === undefined ? `${os}/${arch}` : `${os}/${arch}/${variant}`)
  } catch {
    return undefined
  }
  // Only the canonical slug is ours: linux-aarch64 or linux-arm (no variant) are never written.
  return platformSlug(platform) === slug ? { attempt, platform } : undefined
}

/** Per platform (keyed by platformKey), the leg of the highest attempt not above maxAttempt. */
export function newestLegs(tags: string[], runKey: string, maxAttempt: number): Map<string, StagingLeg> {
  const legs = new Map<string, StagingLeg>()
  for (const tag of tags) {
    const parsed = parseStagingTag(tag, runKey)
    if (parsed === undefined || parsed.attempt > maxAttempt) continue
    const key = platformKey(parsed.platform)
    const current = legs.get(key)
    if (current === undefined || parsed.attempt > current.attempt) legs.set(key, { tag, ...parsed })
  }
  return legs
}

/** The tag a bare image is pushed under before it is staged: build-<run>-<attempt>-<platform>. */
export function buildTag(staging: string): string {
  if (!staging.startsWith(STAGE_TAG_PREFIX)) throw new StagingError(`"${staging}" is not a staging tag`)
  return `${BUILD_TAG_PREFIX}${staging.slice(STAGE_TAG_PREFIX.length)}`
}

export function cacheTag(p: Platform): string {
  return `${CACHE_TAG_PREFIX}${platformSlug(p)}`
}

/**
 * What the merge looks for, for the error when a leg is missing: the staging tag of the
 * platform (or <os>-<arch>[-<variant>] for any) over the attempts searched.
 */
export function stagingTagPattern(runKey: string, maxAttempt: number, p?: Platform): string {
  const attempts = maxAttempt === 1 ? '1' : `<1..${maxAttempt}>`
  return `${STAGE_TAG_PREFIX}${runKey}-${attempts}-${p ? platformSlug(p) : '<os>-<arch>[-<variant>]'}`
}
