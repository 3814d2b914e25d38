import * as core from '@actions/core'
import { buildLeg } from '../commands/build.js'
import { merge } from '../commands/merge.js'
import { openSession } from '../commands/session.js'
import { getInputs, InputError, type Inputs } from './inputs.js'
import { actionsLogger as logger } from './logger.js'
import { writeBuildOutputs, writeMergeOutputs } from './outputs.js'
import { saveLogin } from './state.js'

export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    checkRunner(inputs)
    const session = await logger.group!('Log in', () =>
      openSession({ ...inputs, logger, maskSecret: secret => core.setSecret(secret) })
    )
    if (inputs.mode === 'build') {
      if (session.credentials) saveLogin(session.registry, inputs.logout)
      const result = await buildLeg(session, { ...inputs, platform: inputs.platforms[0] }, logger)
      await writeBuildOutputs(result)
    } else {
      const result = await merge(session, inputs, logger)
      await writeMergeOutputs(result)
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

/** Runner-level checks that need no network: before any side effect. */
function checkRunner(inputs: Inputs): void {
  if (inputs.mode !== 'build') return
  if (inputs.platforms.length > 1) {
    throw new InputError('platforms', `lists ${inputs.platforms.length} platforms: a build leg builds one platform natively (use a matrix of runners, then mode: merge)`)
  }
  const wantsWindows = inputs.platforms[0].os === 'windows'
  const onWindows = process.platform === 'win32'
  if (wantsWindows !== onWindows) {
    throw new InputError('platforms', `${inputs.platforms[0].os} images cannot be built on a ${onWindows ? 'Windows' : process.platform} runner: build ${wantsWindows ? 'Windows images on windows-2022 or windows-2025' : 'Linux images on a Linux runner'}`)
  }
}
