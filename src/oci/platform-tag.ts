// Per-platform tags: a release tag plus the platform, pointing at that platform's image
// manifest itself (Lambda, lifecycle rules and debugging take a plain image, not an index).
import { platformSlug } from './platform.js'
import { validateTag } from './reference.js'
import type { Platform } from './types.js'

/**
 * `<tag>-<arch>[-<variant>]` for Linux (1.2.3-arm64, 1.2.3-arm-v7),
 * `<tag>-<os>-<arch>[-<build>]` for others (1.2.3-windows-amd64-20348).
 */
export function platformTag(tag: string, platform: Platform): string {
  const slug = platformSlug(platform)
  return `${tag}-${platform.os === 'linux' ? slug.slice('linux-'.length) : slug}`
}

/** Throws (naming the tag and the platform) unless every tag/platform pair makes a valid tag, i.e. at most 128 characters. */
export function validatePlatformTags(tags: string[], platforms: Platform[]): void {
  for (const tag of tags) {
    for (const platform of platforms) {
      const name = platformTag(tag, platform)
      try {
        validateTag(name)
      } catch (error) {
        throw new Error(`the platform tag of "${tag}" for ${platformSlug(platform)} is invalid: ${(error as Error).message}`, {
          cause: error
        })
      }
    }
  }
}
