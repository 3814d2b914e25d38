// `latest` never goes backwards: whether publishing version V may move `latest`, given the
// version the index under `latest` carries now (its org.opencontainers.image.version).
import { compareSemver, parseLooseVersion, type SemVer } from './semver.js'

export type LatestPolicy = 'highest' | 'always'

export interface LatestDecision {
  move: boolean
  /** One sentence for the log and the summary. */
  reason: string
}

/**
 * `published`: the version being published (undefined: not a version); `current`: the
 * version annotation of the index `latest` holds now (undefined: no such tag or no annotation).
 */
export function decideLatest(
  policy: LatestPolicy,
  latestTag: string,
  published: SemVer | string | undefined,
  current: string | undefined
): LatestDecision {
  if (policy === 'always') return { move: true, reason: `latest-policy is always: ${latestTag} moves to this image` }
  const v = typeof published === 'string' ? parseLooseVersion(published) : published
  const shown = typeof published === 'string' ? published : published?.raw
  if (v === undefined)
    return {
      move: true,
      reason: `${shown ? `version "${shown}" is` : 'this image has'} no semver version to compare: ${latestTag} moves as the tags say`
    }
  if (v.prerelease.length > 0) return { move: false, reason: `${v.version} is a pre-release: ${latestTag} does not move` }
  if (current === undefined) return { move: true, reason: `${latestTag} holds no versioned image yet: it moves to ${v.version}` }
  const c = parseLooseVersion(current)
  if (c === undefined) return { move: true, reason: `${latestTag} holds version "${current}", not semver: it moves to ${v.version}` }
  if (compareSemver(v, c) < 0)
    return { move: false, reason: `${latestTag} holds ${current}, higher than ${v.version}: ${latestTag} stays (latest-policy: highest)` }
  return { move: true, reason: `${v.version} is not lower than ${current}, which ${latestTag} held: ${latestTag} moves to ${v.version}` }
}
