// What the runner is: detected first, so that the inputs are checked against what it can build.
import type { Runner } from '../commands/build.js'
import { runnerPlatform } from '../oci/platform.js'

/** windows-2022 is build 10.0.20348, windows-2025 10.0.26100: Windows images only run on their build. */
export function detectRunner(nodePlatform: string, nodeArch: string, osRelease: string): Runner {
  const windows = nodePlatform === 'win32'
  const platform = runnerPlatform(nodeArch, nodePlatform)
  if (windows) platform['os.version'] = osRelease
  return { platform, windows }
}
