import { ecrWildcardMatch } from '../../testing/ecr-wildcard.js'
import fc from 'fast-check'
import { formatPlatform, parsePlatform, parsePlatformList } from '../../src/oci/platform.js'
import { isValidTag } from '../../src/oci/reference.js'
import {
  buildTag,
  cacheTag,
  IMMUTABLE_EXCLUSION_FILTERS,
  newestLegs,
  parseStagingTag,
  stagingTag,
  stagingTagPattern,
  StagingError,
  validateRunKey
} from '../../src/oci/staging.js'
import type { Platform } from '../../src/oci/types.js'

const p = (s: string): Platform => parsePlatform(s)

describe('stagingTag', () => {
  test.each<[string, number, string, string]>([
    ['8812345', 1, 'linux/arm64', 'stage-8812345-1-linux-arm64'],
    ['8812345', 2, 'linux/arm/v7', 'stage-8812345-2-linux-arm-v7'],
    ['8812345', 1, 'linux/amd64', 'stage-8812345-1-linux-amd64'],
    ['run_1.a', 10, 'windows/amd64', 'stage-run_1.a-10-windows-amd64'],
    ['X', 3, 'linux/amd64/v3', 'stage-X-3-linux-amd64-v3']
  ])('(%s, %d, %s) -> %s', (runKey, attempt, platform, expected) => {
    expect(stagingTag(runKey, attempt, p(platform))).toBe(expected)
  })

  test.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('rejects attempt %d', attempt => {
    expect(() => stagingTag('1', attempt, p('linux/amd64'))).toThrow(StagingError)
    expect(() => stagingTag('1', attempt, p('linux/amd64'))).toThrow(/run attempt .* is invalid/)
  })

  test('rejects an invalid run key', () => {
    expect(() => stagingTag('a-b', 1, p('linux/amd64'))).toThrow(/run key "a-b" is invalid/)
  })

  test('the longest staging tag stays a valid tag', () => {
    const longest = stagingTag('k'.repeat(64), Number.MAX_SAFE_INTEGER, p('freebsd/mips64le'))
    expect(longest.length).toBeLessThanOrEqual(128)
    expect(isValidTag(longest)).toBe(true)
  })

  test('a tag over 128 characters is refused rather than written', () => {
    const odd: Platform = { os: 'linux', architecture: 'amd64', variant: 'v'.repeat(60) }
    expect(() => stagingTag('k'.repeat(64), 1, odd)).toThrow(/is not valid: it is \d+ characters long/)
  })
})

describe('parseStagingTag', () => {
  test.each<[string, string, { attempt: number; platform: string } | undefined]>([
    ['stage-8812345-1-linux-arm64', '8812345', { attempt: 1, platform: 'linux/arm64' }],
    ['stage-8812345-2-linux-arm-v7', '8812345', { attempt: 2, platform: 'linux/arm/v7' }],
    ['stage-8812345-12-windows-amd64', '8812345', { attempt: 12, platform: 'windows/amd64' }],
    ['stage-8812345-1-linux-arm64-v8.2', '8812345', { attempt: 1, platform: 'linux/arm64/v8.2' }],
    ['stage-r.1_x-3-linux-amd64', 'r.1_x', { attempt: 3, platform: 'linux/amd64' }],
    ['stage-8812345-1-linux-arm64', '881234', undefined],
    ['stage-8812345-1-linux-arm64', '88123456', undefined],
    ['stage-8812345-1-linux-arm64', '1', undefined],
    ['cache-linux-arm64', '8812345', undefined],
    ['latest', '8812345', undefined],
    ['stage-8812345-0-linux-arm64', '8812345', undefined],
    ['stage-8812345-01-linux-arm64', '8812345', undefined],
    ['stage-8812345-x-linux-arm64', '8812345', undefined],
    ['stage-8812345-1-linux', '8812345', undefined],
    ['stage-8812345-1-', '8812345', undefined],
    ['stage-8812345-1-linux-arm64-v8-x', '8812345', undefined],
    ['stage-8812345-1-linux-sparc', '8812345', undefined],
    ['stage-8812345-1-linux-aarch64', '8812345', undefined],
    ['stage-8812345-1-linux-arm', '8812345', undefined],
    ['stage-8812345-1-linux-arm64-v8', '8812345', undefined],
    ['stage-8812345-1-Linux-arm64', '8812345', undefined],
    ['stage-8812345-99999999999999999999-linux-arm64', '8812345', undefined]
  ])('%s (run key %s)', (tag, runKey, expected) => {
    const parsed = parseStagingTag(tag, runKey)
    expect(parsed && { attempt: parsed.attempt, platform: formatPlatform(parsed.platform) }).toEqual(expected)
  })

  const runKey = fc.stringMatching(/^[A-Za-z0-9_.]{1,64}$/)
  const platform = fc.constantFrom(
    ...parsePlatformList(
      'linux/amd64,linux/amd64/v2,linux/arm64,linux/arm64/v9,linux/arm/v6,linux/arm/v7,linux/386,linux/s390x,windows/amd64,linux/riscv64'
    )
  )
  const attempt = fc.integer({ min: 1, max: 1_000_000 })

  test('parses what stagingTag writes, for its own run key only', () => {
    fc.assert(
      fc.property(runKey, runKey, attempt, platform, (key, other, n, pl) => {
        const tag = stagingTag(key, n, pl)
        expect(parseStagingTag(tag, key)).toStrictEqual({ attempt: n, platform: pl })
        if (other !== key) expect(parseStagingTag(tag, other)).toBeUndefined()
      })
    )
  })
})

describe('newestLegs', () => {
  const tags = [
    'latest',
    'stage-77-1-linux-amd64',
    'stage-77-1-linux-arm64',
    'stage-77-2-linux-arm64',
    'stage-77-3-linux-arm64',
    'stage-77-2-linux-arm-v7',
    'stage-78-5-linux-amd64',
    'stage-7-9-linux-amd64',
    'cache-linux-amd64'
  ]

  test('takes per platform the highest attempt up to maxAttempt', () => {
    const legs = newestLegs(tags, '77', 2)
    expect([...legs.keys()].sort()).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64'])
    expect(legs.get('linux/amd64')).toStrictEqual({ tag: 'stage-77-1-linux-amd64', attempt: 1, platform: p('linux/amd64') })
    expect(legs.get('linux/arm64')).toStrictEqual({ tag: 'stage-77-2-linux-arm64', attempt: 2, platform: p('linux/arm64') })
    expect(legs.get('linux/arm/v7')?.tag).toBe('stage-77-2-linux-arm-v7')
  })

  test.each<[number, Record<string, string>]>([
    [0, {}],
    [1, { 'linux/amd64': 'stage-77-1-linux-amd64', 'linux/arm64': 'stage-77-1-linux-arm64' }],
    [3, { 'linux/amd64': 'stage-77-1-linux-amd64', 'linux/arm64': 'stage-77-3-linux-arm64', 'linux/arm/v7': 'stage-77-2-linux-arm-v7' }],
    [100, { 'linux/amd64': 'stage-77-1-linux-amd64', 'linux/arm64': 'stage-77-3-linux-arm64', 'linux/arm/v7': 'stage-77-2-linux-arm-v7' }]
  ])('maxAttempt %d', (maxAttempt, expected) => {
    const legs = newestLegs(tags, '77', maxAttempt)
    expect(Object.fromEntries([...legs].map(([k, v]) => [k, v.tag]))).toEqual(expected)
  })

  test('does not depend on the order tags are listed in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(tags, { minLength: tags.length }), shuffled => {
        expect(newestLegs(shuffled, '77', 3)).toEqual(newestLegs(tags, '77', 3))
      })
    )
  })
})

describe('cacheTag', () => {
  test.each<[string, string]>([
    ['linux/arm64', 'cache-linux-arm64'],
    ['linux/amd64', 'cache-linux-amd64'],
    ['linux/arm/v7', 'cache-linux-arm-v7'],
    ['windows/amd64', 'cache-windows-amd64']
  ])('%s -> %s', (platform, expected) => {
    expect(cacheTag(p(platform))).toBe(expected)
  })
})

describe('validateRunKey', () => {
  test.each(['1', '8812345', 'a.b_C', 'k'.repeat(64)])('accepts %s', k => {
    expect(() => validateRunKey(k)).not.toThrow()
  })

  test.each(['', 'a-b', 'k'.repeat(65), 'a b', 'a/b', 'é', '1\n'])('rejects %j', k => {
    expect(() => validateRunKey(k)).toThrow(StagingError)
    expect(() => validateRunKey(k)).toThrow(`run key "${k}" is invalid: use 1 to 64 letters, digits, "_" or "." (no "-")`)
  })
})

describe('Windows legs stage apart by build number', () => {
  const ltsc2022 = { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2700' }
  const ltsc2025 = { os: 'windows', architecture: 'amd64', 'os.version': '10.0.26100.3000' }

  test('the tag ends in the build number and parses back to a matching platform', () => {
    expect(stagingTag('77', 1, ltsc2022)).toBe('stage-77-1-windows-amd64-20348')
    expect(parseStagingTag('stage-77-1-windows-amd64-20348', '77')).toEqual({
      attempt: 1,
      platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348' }
    })
  })

  test('newestLegs keeps both Windows builds', () => {
    const legs = newestLegs([stagingTag('77', 1, ltsc2022), stagingTag('77', 1, ltsc2025), 'stage-77-1-linux-amd64'], '77', 1)
    expect([...legs.values()].map(l => l.tag).sort()).toEqual([
      'stage-77-1-linux-amd64',
      'stage-77-1-windows-amd64-20348',
      'stage-77-1-windows-amd64-26100'
    ])
  })

  test('a build suffix on a Linux slug is not a staging tag', () => {
    expect(parseStagingTag('stage-77-1-linux-amd64-20348', '77')).toBeUndefined()
  })
})

describe('the tags the action writes', () => {
  const matchesFilter = ecrWildcardMatch
  const excluded = (tag: string): boolean => IMMUTABLE_EXCLUSION_FILTERS.some(f => matchesFilter(f, tag))
  const runKey = fc.stringMatching(/^[A-Za-z0-9_.]{1,64}$/)
  const attempt = fc.integer({ min: 1, max: 1_000_000 })
  const platform = fc.constantFrom(
    ...parsePlatformList('linux/amd64,linux/amd64/v3,linux/arm64,linux/arm/v7,linux/386,linux/ppc64le,windows/amd64'),
    { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2700' }
  )

  test('staging, build and cache tags are all excluded from immutability', () => {
    fc.assert(
      fc.property(runKey, attempt, platform, (key, n, pl) => {
        const staging = stagingTag(key, n, pl)
        for (const tag of [staging, buildTag(staging), cacheTag(pl)]) {
          expect(isValidTag(tag)).toBe(true)
          expect(excluded(tag)).toBe(true)
        }
      })
    )
  })

  test('release tags are not excluded', () => {
    for (const tag of ['latest', '1.2.3', 'sha-abc1234', 'main', 'pr-12', 'staged', 'builder', 'cached']) expect(excluded(tag)).toBe(false)
  })

  test('the exclusion filters are exactly the three prefixes', () => {
    expect(IMMUTABLE_EXCLUSION_FILTERS).toEqual(['cache-*', 'stage-*', 'build-*'])
  })

  test('buildTag takes a staging tag only', () => {
    expect(buildTag('stage-9-2-linux-arm-v7')).toBe('build-9-2-linux-arm-v7')
    expect(() => buildTag('latest')).toThrow(StagingError)
  })

  test.each<[number, string | undefined, string]>([
    [1, 'linux/arm64', 'stage-42-1-linux-arm64'],
    [3, 'linux/arm/v7', 'stage-42-<1..3>-linux-arm-v7'],
    [1, undefined, 'stage-42-1-<os>-<arch>[-<variant>]']
  ])('stagingTagPattern(42, %d, %s) = %s', (maxAttempt, pl, expected) => {
    expect(stagingTagPattern('42', maxAttempt, pl === undefined ? undefined : p(pl))).toBe(expected)
  })
})
