import * as core from '@actions/core'
import { release } from 'node:os'
import { build, type Runner } from '../commands/build.js'
import { merge } from '../commands/merge.js'
import { openSession } from '../commands/session.js'
import { runnerPlatform } from '../oci/platform.js'
import { getInputs, InputError, type Inputs } from './inputs.js'
import { actionsLogger as logger } from './logger.js'
import { writeBuildOutputs, writeMergeOutputs } from './outputs.js'
import { saveLogin } from './state.js'

export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    const runner = detectRunner()
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
      await writeMergeOutputs(await merge(session, { ...inputs, sources: [], cleanup: true }, logger), built)
    } else {
      await writeBuildOutputs(built)
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

function detectRunner(): Runner {
  const windows = process.platform === 'win32'
  const platform = runnerPlatform(process.arch, process.platform)
  // windows-2022 is build 20348, windows-2025 26100: Windows images only run on their build.
  if (windows) platform['os.version'] = release()
  return { platform, windows }
}

/** Runner-level checks that need no network: before any side effect. */
function checkPlatforms(inputs: Inputs, runner: Runner): Inputs['platforms'] {
  return inputs.platforms.map(p => {
    const wantsWindows = p.os === 'windows'
    if (wantsWindows !== runner.windows) {
      throw new InputError(
        'platforms',
        `${p.os} images cannot be built on a ${runner.windows ? 'Windows' : process.platform} runner: build ${wantsWindows ? 'Windows images on windows-2022 or windows-2025 runners' : 'Linux images on a Linux runner'} (a matrix of runners, then mode: merge)`
      )
    }
    if (!wantsWindows) return p
    if (inputs.platforms.length > 1) throw new InputError('platforms', 'a Windows leg builds one platform: its runner\'s own (windows/amd64)')
    if (p.architecture !== runner.platform.architecture) throw new InputError('platforms', `a ${runner.platform.architecture} Windows runner cannot build windows/${p.architecture}`)
    if (inputs.secrets.length > 0) throw new InputError('secrets', 'Windows legs build with docker build (no BuildKit), which has no build secrets')
    return { ...p, 'os.version': runner.platform['os.version'] }
  })
}
