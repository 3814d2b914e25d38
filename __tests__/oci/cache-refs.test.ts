// Branch-aware cache tags: the default branch keeps today's tag, other branches read their
// own then the default's, pull requests write nothing, and branch tags never collide with
// a default tag (the lifecycle rule's pattern tells them apart).
import { BRANCH_CACHE_PATTERN, branchCacheTag, cacheTags } from '../../src/oci/cache-refs.js'
import { parsePlatform } from '../../src/oci/platform.js'
import { ecrWildcardMatch as wildcardMatch } from '../../testing/ecr-wildcard.js'

const amd64 = parsePlatform('linux/amd64')
const armv7 = parsePlatform('linux/arm/v7')

describe('cacheTags', () => {
  test('the default branch reads and writes the historical tag', () => {
    expect(cacheTags(amd64, { branch: 'main', defaultBranch: 'main', pullRequest: false })).toEqual({
      from: ['cache-linux-amd64'],
      to: 'cache-linux-amd64'
    })
  })

  test('a tag push (no branch) and an unknown default branch keep the historical tag', () => {
    expect(cacheTags(armv7, { defaultBranch: 'main', pullRequest: false })).toEqual({
      from: ['cache-linux-arm-v7'],
      to: 'cache-linux-arm-v7'
    })
    expect(cacheTags(armv7, { branch: 'feature/x', pullRequest: false })).toEqual({
      from: ['cache-linux-arm-v7'],
      to: 'cache-linux-arm-v7'
    })
  })

  test('a feature branch reads its own tag, then the default branch, and writes its own', () => {
    const tags = cacheTags(amd64, { branch: 'feature/Login', defaultBranch: 'main', pullRequest: false })
    expect(tags.from).toEqual([branchCacheTag(amd64, 'feature/Login'), 'cache-linux-amd64'])
    expect(tags.to).toBe(tags.from[0])
    expect(tags.to).toMatch(/^cache-linux-amd64-feature-login\.[0-9a-f]{8}$/)
  })

  test('a pull request reads the same tags and writes none', () => {
    const tags = cacheTags(amd64, { branch: 'feature/Login', defaultBranch: 'main', pullRequest: true })
    expect(tags).toEqual({ from: [branchCacheTag(amd64, 'feature/Login'), 'cache-linux-amd64'], to: undefined })
    expect(cacheTags(amd64, { branch: 'main', defaultBranch: 'main', pullRequest: true })).toEqual({ from: ['cache-linux-amd64'] })
  })
})

describe('branchCacheTag', () => {
  test('branches that sanitise alike still get different tags', () => {
    expect(branchCacheTag(amd64, 'feature/x')).not.toBe(branchCacheTag(amd64, 'feature-x'))
  })

  test('a branch named like a variant never yields a default tag', () => {
    expect(branchCacheTag(parsePlatform('linux/arm'), 'v7')).not.toBe('cache-linux-arm-v7')
  })

  test.each(['main', 'feature/very/' + 'long-'.repeat(40), '---', 'ümlaut', 'a'.repeat(300), 'release/1.2'])(
    'a valid tag of at most 128 characters, matched by the lifecycle pattern, for %j',
    branch => {
      const tag = branchCacheTag(armv7, branch)
      expect(tag.length).toBeLessThanOrEqual(128)
      expect(tag).toMatch(/^cache-linux-arm-v7-[a-z0-9_.-]+$/)
      expect(wildcardMatch(BRANCH_CACHE_PATTERN, tag)).toBe(true)
    }
  )

  test('default tags are never matched by the lifecycle pattern', () => {
    for (const p of ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/riscv64'])
      expect(wildcardMatch(BRANCH_CACHE_PATTERN, cacheTags(parsePlatform(p), { pullRequest: false }).to!)).toBe(false)
  })
})
