import * as core from '@actions/core'
import { release } from 'node:os'
import { build } from '../commands/build.js'
import { merge } from '../commands/merge.js'
import { openSession } from '../commands/session.js'
import { getInputs } from './inputs.js'
import { actionsLogger as logger } from './logger.js'
import { writeBuildOutputs, writeMergeOutputs } from './outputs.js'
import { checkPlatforms, detectRunner } from './runner.js'
import { saveLogin } from './state.js'

export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    const runner = detectRunner(process.platform, process.arch, release())
    if (inputs.mode === 'build') inputs.platforms = checkPlatforms(inputs, runner)
    const session = await logger.group!('Log in', () => openSession({ ...inputs, logger, maskSecret: secret => core.setSecret(secret) }))
    if (inputs.mode === 'merge') {
      await writeMergeOutputs(await merge(session, inputs, logger))
      return
    }
    if (session.credentials) saveLogin(session.registry, inputs.logout)
    const built = await build(session, inputs, runner, logger)
    // One job, several platforms: its staged legs go through the same merge as a matrix's.
    if (built.legs.length > 1 && inputs.push) {
      await writeMergeOutputs(await merge(session, { ...inputs, sources: [], cleanup: true }, logger, built.staged), built)
    } else {
      await writeBuildOutputs(built)
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
