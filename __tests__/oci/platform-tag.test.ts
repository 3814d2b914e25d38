// Per-platform tags: the name each platform's image gets beside a release tag, and the 128-character limit.
import { platformTag, validatePlatformTags } from '../../src/oci/platform-tag.js'
import { parsePlatform } from '../../src/oci/platform.js'
import type { Platform } from '../../src/oci/types.js'

describe('platformTag', () => {
  test.each([
    ['linux/amd64', undefined, '1.2.3-amd64'],
    ['linux/arm64', undefined, '1.2.3-arm64'],
    ['linux/arm/v7', undefined, '1.2.3-arm-v7'],
    ['linux/arm64/v8', undefined, '1.2.3-arm64'],
    ['windows/amd64', '10.0.20348.2700', '1.2.3-windows-amd64-20348'],
    ['windows/amd64', undefined, '1.2.3-windows-amd64'],
    ['freebsd/amd64', undefined, '1.2.3-freebsd-amd64']
  ])('%s (os.version %s) -> %s', (platform, osVersion, tag) => {
    const p: Platform = { ...parsePlatform(platform), ...(osVersion ? { 'os.version': osVersion } : {}) }
    expect(platformTag('1.2.3', p)).toBe(tag)
  })
})

describe('validatePlatformTags', () => {
  const platforms = [parsePlatform('linux/amd64'), parsePlatform('linux/arm/v7')]

  test('a tag that fits with every platform passes, exactly at 128', () => {
    expect(() => validatePlatformTags(['1.0', 't'.repeat(121)], platforms)).not.toThrow()
  })

  test('one character more fails, naming the tag, the platform and the length', () => {
    expect(() => validatePlatformTags(['t'.repeat(122)], platforms)).toThrow(
      `the platform tag of "${'t'.repeat(122)}" for linux-arm-v7 is invalid: tag "${'t'.repeat(122)}-arm-v7" is not valid: it is 129 characters long`
    )
  })
})
