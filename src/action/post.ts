import { cleanupRun } from '../commands/cleanup.js'
import { actionsLogger } from './logger.js'
import { loadCreatedBuilder, loadLogin } from './state.js'

/** The post step: remove the builder the main step created, log out of what it logged in to. Never fails the job. */
export async function cleanup(): Promise<void> {
  await cleanupRun({ builder: loadCreatedBuilder(), ...loadLogin() }, actionsLogger)
}
