// The end of a run: remove the builder the run created, log out of what it logged in to.
// The action's post step and the CLI (when its process ends) both call it. Never throws.
import { removeBuilder } from '../docker/builder.js'
import { dockerLogout } from '../docker/login.js'
import type { Logger } from '../util/logger.js'

export interface CleanupState {
  /** A buildx builder the run created. */
  builder?: string
  /** The registry the run logged docker in to, and whether to log out of it. */
  registry?: string
  logout: boolean
}

export async function cleanupRun(state: CleanupState, logger: Logger): Promise<void> {
  if (state.builder) await removeCreatedBuilder(state.builder, logger)
  if (!state.registry || !state.logout) return
  try {
    await dockerLogout(state.registry)
    logger.info(`logged out of ${state.registry}`)
  } catch (error) {
    logger.warning(`logout: ${(error as Error).message}`)
  }
}

/** The builder (container and state volume) the run created, also after it failed. */
async function removeCreatedBuilder(builder: string, logger: Logger): Promise<void> {
  try {
    const removed = await removeBuilder(builder)
    if (removed.ok) logger.info(`removed the buildx builder ${builder}`)
    else logger.warning(`could not remove the buildx builder ${builder}: ${removed.detail} (remove it with docker buildx rm ${builder})`)
  } catch (error) {
    logger.warning(`could not remove the buildx builder ${builder}: ${(error as Error).message}`)
  }
}
