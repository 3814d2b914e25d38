// No merge job: a build leg that knows the platforms of its whole matrix publishes when
// its run is complete. After staging, it checks whether every platform of the set is
// staged for this run (any attempt up to this one, so a re-run leg completes the set from
// an earlier attempt's legs); the leg that completes the set runs the merge itself, on the
// legs it found (not read a second time).
import { formatPlatform } from '../oci/platform.js'
import { phase, type Logger } from '../util/logger.js'
import { merge, type MergeConfig, type MergeResult } from './merge.js'
import type { RegistrySession } from './session.js'
import { findStagedLegs } from './staged.js'

/** How long a leg that finds the set incomplete waits before it looks once more. */
export const RECHECK_PAUSE_MS = 5000

export type CompleteResult = { published: true; merge: MergeResult } | { published: false; missing: string[]; note: string }

export interface CompleteOptions {
  /** Masks a mirror's credentials at the edge. */
  maskSecret?: (secret: string) => void
  /** Waits before the second look (injectable, so tests do not wait). */
  pause?: (ms: number) => Promise<void>
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
  const located = await phase(logger, `Check whether run ${config.runKey} is complete (${set})`, async () => {
    const first = await look()
    if (first.missing.length === 0) return first
    // Two legs finishing together may each miss the other's tag (and a listing may lag
    // behind a push): one more look after a pause, so that the last of them publishes.
    logger.info(`not staged yet: ${first.missing.map(formatPlatform).join(', ')}; looking once more in ${RECHECK_PAUSE_MS / 1000} s`)
    await (options.pause ?? sleep)(RECHECK_PAUSE_MS)
    return look()
  })
  const stillMissing = located.missing.map(formatPlatform)
  if (stillMissing.length > 0) {
    const note = `Not published: ${stillMissing.join(', ')} ${stillMissing.length === 1 ? 'is' : 'are'} not staged for run ${config.runKey} yet. The leg that stages the last platform of ${set} publishes the index.`
    logger.info(note)
    return { published: false, missing: stillMissing, note }
  }
  logger.info(`every platform of ${set} is staged for run ${config.runKey}: this leg publishes`)
  return { published: true, merge: await merge(session, config, logger, { located, maskSecret: options.maskSecret }) }
}
