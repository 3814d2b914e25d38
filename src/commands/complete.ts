// No merge job: a build leg that knows the platforms of its whole matrix publishes when
// its run is complete. After staging, it checks whether every platform of the set is
// staged for this run (any attempt up to this one, so a re-run leg completes the set from
// an earlier attempt's legs); the leg that completes the set runs the merge itself, on the
// legs it found (not read a second time).
import { formatPlatform, platformsMatch } from '../oci/platform.js'
import type { Platform } from '../oci/types.js'
import { phase, type Logger } from '../util/logger.js'
import { merge, type MergeConfig, type MergeResult } from './merge.js'
import type { RegistrySession } from './session.js'
import { findStagedLegs, readableDirectly, type StagedLegs } from './staged.js'

/** How long a leg that finds the set incomplete waits before it looks once more. */
export const RECHECK_PAUSE_MS = 5000

export type CompleteResult = { published: true; merge: MergeResult } | { published: false; missing: string[]; note: string }

export interface CompleteOptions {
  /** Masks a mirror's credentials at the edge. */
  maskSecret?: (secret: string) => void
  /** Waits before the second look (injectable, so tests do not wait). */
  pause?: (ms: number) => Promise<void>
  /** This leg's staging tag was taken by another leg's merge right after its push (LegResult.taken). */
  taken?: boolean
  /** The platforms this leg has just staged: one that a look finds gone was taken the same way, after the read-back. */
  staged?: readonly Platform[]
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

/** `config.platforms`: the whole set, in index order. */
export async function publishWhenComplete(
  session: RegistrySession,
  config: MergeConfig,
  logger: Logger,
  options: CompleteOptions = {}
): Promise<CompleteResult> {
  const look = () =>
    findStagedLegs(session.client, config.repository, config, config.platforms, { lexicalTags: !session.ecr, readListed: true })
  const set = config.platforms.map(formatPlatform).join(', ')
  // The set was complete and is published: the merge confirms it from the release tags (with
  // no staging tag left it adopts the index they hold, a no-op) or fails saying what is missing.
  const confirm = async (): Promise<CompleteResult> => {
    logger.info(`another leg of run ${config.runKey} published ${set} and cleaned up: confirming what the release tags hold`)
    return { published: true, merge: await merge(session, config, logger, { maskSecret: options.maskSecret }) }
  }
  if (options.taken) return confirm()
  // Only where each tag is read directly: a tag listing may not show this leg's tag yet.
  const ownGone = (found: StagedLegs) =>
    readableDirectly(config.platforms) && found.missing.some(p => options.staged?.some(own => platformsMatch(own, p)))
  const located = await phase(logger, `Check whether run ${config.runKey} is complete (${set})`, async () => {
    const first = await look()
    if (first.missing.length === 0 || ownGone(first)) return first
    // Two legs finishing together may each miss the other's tag (and a listing may lag
    // behind a push): one more look after a pause, so that the last of them publishes.
    logger.info(`not staged yet: ${first.missing.map(formatPlatform).join(', ')}; looking once more in ${RECHECK_PAUSE_MS / 1000} s`)
    await (options.pause ?? sleep)(RECHECK_PAUSE_MS)
    return look()
  })
  if (ownGone(located)) return confirm()
  const stillMissing = located.missing.map(formatPlatform)
  if (stillMissing.length > 0) {
    const note = `Not published: ${stillMissing.join(', ')} ${stillMissing.length === 1 ? 'is' : 'are'} not staged for run ${config.runKey} yet. The leg that stages the last platform of ${set} publishes the index.`
    logger.info(note)
    return { published: false, missing: stillMissing, note }
  }
  logger.info(`every platform of ${set} is staged for run ${config.runKey}: this leg publishes`)
  return { published: true, merge: await merge(session, config, logger, { located, maskSecret: options.maskSecret }) }
}
