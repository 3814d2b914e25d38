// mode: check's own inputs, from plain strings (the Action edge and a CLI edge both call these).
// Errors say the accepted form; the caller names the input.
import { parsePlatformList } from '../oci/platform.js'
import type { Platform } from '../oci/types.js'

export type FailOn = 'missing' | 'never'

/** What `platforms` means in mode: check when it is not given: the two Linux platforms of a Graviton migration. */
export const CHECK_DEFAULT_PLATFORMS = 'linux/amd64,linux/arm64'

/** manifests: one file, directory or glob per line, or comma-separated; at least one. */
export function parseManifestPatterns(raw: string | undefined): string[] {
  const patterns = (raw ?? '')
    .split(/[,\n]/)
    .map(p => p.trim())
    .filter(p => p !== '')
  if (patterns.filter(p => !p.startsWith('!')).length === 0)
    throw new Error('is required in mode: check: give the deployment files, one per line or comma-separated, e.g. k8s/**/*.yaml')
  return patterns
}

export function parseFailOn(raw: string | undefined): FailOn {
  const value = (raw ?? '').trim().toLowerCase() || 'missing'
  if (value !== 'missing' && value !== 'never')
    throw new Error(
      `"${raw}" is not one of missing, never: missing (default) fails the step when an image lacks a platform; never only warns`
    )
  return value
}

/** platforms in mode: check: the ones every image must have (default linux/amd64,linux/arm64). */
export function parseCheckPlatforms(raw: string | undefined): Platform[] {
  const platforms = parsePlatformList(raw?.trim() || CHECK_DEFAULT_PLATFORMS)
  if (platforms.length === 0) throw new Error('lists no platform: give os/arch entries, e.g. linux/amd64,linux/arm64')
  return platforms
}
