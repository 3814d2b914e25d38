import * as core from '@actions/core'
import { release } from 'node:os'
import { build } from '../commands/build.js'
import { merge } from '../commands/merge.js'
import { openSession, type RegistrySession } from '../commands/session.js'
import { AwsNotConfiguredError } from '../ecr/call.js'
import { getInputs, type Inputs } from './inputs.js'
import { actionsLogger as logger } from './logger.js'
import { writeBuildOutputs, writeMergeOutputs } from './outputs.js'
import { checkPlatforms, detectRunner } from './runner.js'
import { saveLogin } from './state.js'

export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    const runner = detectRunner(process.platform, process.arch, release())
    if (inputs.mode === 'build') inputs.platforms = checkPlatforms(inputs, runner)
    const session = await logger.group!('Log in', () => login(inputs))
    if (inputs.mode === 'merge') {
      await writeMergeOutputs(await merge(session!, inputs, logger))
      return
    }
    if (session?.credentials) saveLogin(session.registry, inputs.logout)
    const built = await build(session, inputs, runner, logger)
    // One job, several platforms: its staged legs go through the same merge as a matrix's.
    if (built.legs.length > 1 && session && inputs.push) {
      await writeMergeOutputs(await merge(session, { ...inputs, sources: [], cleanup: true }, logger, built.staged), built)
    } else {
      await writeBuildOutputs(built)
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

/**
 * A build that pushes nothing goes on without AWS credentials (a pull request from a fork
 * has none): it builds without the registry and its cache, and says so. Anything else needs them.
 */
async function login(inputs: Inputs): Promise<RegistrySession | undefined> {
  try {
    return await openSession({ ...inputs, logger, maskSecret: secret => core.setSecret(secret) })
  } catch (error) {
    if (inputs.mode === 'build' && !inputs.push && error instanceof AwsNotConfiguredError) {
      core.warning(`${error.message}. push is false: building without the registry and its cache`)
      return undefined
    }
    throw error
  }
}
