// What the runner is and what it can build: checked before any side effect.
import { runnerPlatform } from '../oci/platform.js'
import type { Platform } from '../oci/types.js'
import type { Runner } from '../commands/build.js'
import { InputError, type Inputs } from './inputs.js'

/** windows-2022 is build 10.0.20348, windows-2025 10.0.26100: Windows images only run on their build. */
export function detectRunner(nodePlatform: string, nodeArch: string, osRelease: string): Runner {
  const windows = nodePlatform === 'win32'
  const platform = runnerPlatform(nodeArch, nodePlatform)
  if (windows) platform['os.version'] = osRelease
  return { platform, windows }
}

/**
 * The platforms a build job may build here: Linux on Linux runners (natively or under
 * QEMU), one Windows platform, the runner's own with its os.version, on Windows runners.
 */
export function checkPlatforms(inputs: Pick<Inputs, 'platforms' | 'secrets'>, runner: Runner): Platform[] {
  return inputs.platforms.map(p => {
    const wantsWindows = p.os === 'windows'
    if (wantsWindows !== runner.windows) {
      throw new InputError(
        'platforms',
        `${p.os} images cannot be built on a ${runner.windows ? 'Windows' : runner.platform.os} runner: build ${wantsWindows ? 'Windows images on windows-2022 or windows-2025 runners' : 'Linux images on a Linux runner'} (a matrix of runners, then mode: merge)`
      )
    }
    if (!wantsWindows) return p
    if (inputs.platforms.length > 1)
      throw new InputError('platforms', "a Windows leg builds one platform: its runner's own (windows/amd64)")
    if (p.architecture !== runner.platform.architecture)
      throw new InputError('platforms', `a ${runner.platform.architecture} Windows runner cannot build windows/${p.architecture}`)
    if (inputs.secrets.length > 0)
      throw new InputError('secrets', 'Windows legs build with docker build (no BuildKit), which has no build secrets')
    return { ...p, 'os.version': runner.platform['os.version'] }
  })
}
