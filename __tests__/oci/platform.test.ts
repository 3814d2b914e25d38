import fc from 'fast-check'
import {
  formatPlatform,
  InvalidPlatformError,
  parsePlatform,
  parsePlatformList,
  platformFromConfig,
  platformKey,
  platformsMatch,
  platformSlug,
  runnerPlatform,
  sortPlatforms
} from '../../src/oci/platform.js'
import type { ImageConfig, Platform } from '../../src/oci/types.js'

describe('parsePlatform', () => {
  test.each<[string, Platform]>([
    ['linux/amd64', { os: 'linux', architecture: 'amd64' }],
    ['linux/x86_64', { os: 'linux', architecture: 'amd64' }],
    ['linux/x86-64', { os: 'linux', architecture: 'amd64' }],
    ['linux/amd64/v1', { os: 'linux', architecture: 'amd64' }],
    ['linux/amd64/v3', { os: 'linux', architecture: 'amd64', variant: 'v3' }],
    ['linux/arm64', { os: 'linux', architecture: 'arm64' }],
    ['linux/aarch64', { os: 'linux', architecture: 'arm64' }],
    ['linux/arm64/v8', { os: 'linux', architecture: 'arm64' }],
    ['linux/aarch64/v8', { os: 'linux', architecture: 'arm64' }],
    ['linux/arm64/v9', { os: 'linux', architecture: 'arm64', variant: 'v9' }],
    ['linux/armhf', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/armel', { os: 'linux', architecture: 'arm', variant: 'v6' }],
    ['linux/arm', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/arm/v6', { os: 'linux', architecture: 'arm', variant: 'v6' }],
    ['linux/arm/7', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/arm/v8', { os: 'linux', architecture: 'arm', variant: 'v8' }],
    ['linux/i386', { os: 'linux', architecture: '386' }],
    ['linux/i686', { os: 'linux', architecture: '386' }],
    ['linux/386', { os: 'linux', architecture: '386' }],
    ['linux/i386/v2', { os: 'linux', architecture: '386' }],
    ['linux/ppc64le', { os: 'linux', architecture: 'ppc64le' }],
    ['linux/s390x', { os: 'linux', architecture: 's390x' }],
    ['linux/riscv64', { os: 'linux', architecture: 'riscv64' }],
    ['linux/mips64le', { os: 'linux', architecture: 'mips64le' }],
    ['linux/loong64', { os: 'linux', architecture: 'loong64' }],
    ['windows/amd64', { os: 'windows', architecture: 'amd64' }],
    ['darwin/arm64', { os: 'darwin', architecture: 'arm64' }],
    ['freebsd/amd64', { os: 'freebsd', architecture: 'amd64' }],
    ['  Linux/AMD64  ', { os: 'linux', architecture: 'amd64' }],
    ['LINUX/ARM/V7', { os: 'linux', architecture: 'arm', variant: 'v7' }]
  ])('%j -> %j', (input, expected) => {
    expect(parsePlatform(input)).toStrictEqual(expected)
  })

  test.each<[string, RegExp]>([
    ['', /it is not os\/arch\[\/variant\]/],
    ['linux', /it is not os\/arch\[\/variant\]/],
    ['linux/', /it is not os\/arch\[\/variant\]/],
    ['/amd64', /it is not os\/arch\[\/variant\]/],
    ['linux/arm/v7/extra', /it is not os\/arch\[\/variant\]/],
    ['plan9/amd64', /unknown os "plan9"/],
    ['linux/sparc', /unknown architecture "sparc"/],
    ['linux/mips', /unknown architecture "mips"/],
    ['linux/arm/v9', /unknown variant "v9" for architecture arm/],
    ['linux/amd64/v5', /unknown variant "v5" for architecture amd64/],
    ['linux/s390x/v1', /unknown variant "v1" for architecture s390x/],
    ['windows/amd64:10.0.20348', /unknown architecture "amd64:10.0.20348"/]
  ])('rejects %j', (input, problem) => {
    expect(() => parsePlatform(input)).toThrow(InvalidPlatformError)
    expect(() => parsePlatform(input)).toThrow(problem)
    expect(() => parsePlatform(input)).toThrow(`invalid platform "${input}": `)
    expect(() => parsePlatform(input)).toThrow(/e\.g\. linux\/amd64, linux\/arm64, linux\/arm\/v7$/)
  })

  const os = fc.constantFrom('linux', 'windows', 'darwin', 'freebsd')
  const archVariant = fc.constantFrom(
    'amd64',
    'x86_64',
    'x86-64',
    'amd64/v1',
    'amd64/v2',
    'aarch64',
    'arm64',
    'arm64/v8',
    'arm64/8',
    'arm64/v8.2',
    'armhf',
    'armel',
    'arm',
    'arm/v5',
    'arm/6',
    'arm/v7',
    'i386',
    'i686',
    '386',
    'ppc64le',
    's390x',
    'riscv64',
    'mips64le',
    'loong64'
  )
  const randomCase = (s: string, flips: boolean[]): string =>
    [...s].map((c, i) => (flips[i % Math.max(flips.length, 1)] ? c.toUpperCase() : c)).join('')
  const spelled = fc
    .tuple(os, archVariant, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.constantFrom('', ' ', '\t'))
    .map(([o, av, flips, pad]) => `${pad}${randomCase(`${o}/${av}`, flips)}${pad}`)

  test('normalisation is idempotent: parse(format(parse(x))) equals parse(x)', () => {
    fc.assert(
      fc.property(spelled, s => {
        const once = parsePlatform(s)
        expect(parsePlatform(formatPlatform(once))).toStrictEqual(once)
      })
    )
  })

  test('every spelling of a platform formats in lowercase canonical form', () => {
    fc.assert(
      fc.property(spelled, s => {
        expect(formatPlatform(parsePlatform(s))).toMatch(/^[a-z]+\/[a-z0-9]+(\/v[0-9.]+)?$/)
      })
    )
  })
})

describe('parsePlatformList', () => {
  test.each<[string, string[]]>([
    ['linux/amd64,linux/arm64', ['linux/amd64', 'linux/arm64']],
    ['linux/amd64\nlinux/arm/v7\n', ['linux/amd64', 'linux/arm/v7']],
    ['linux/amd64\r\nlinux/arm64\r\n', ['linux/amd64', 'linux/arm64']],
    [' linux/amd64 , , linux/aarch64 ,', ['linux/amd64', 'linux/arm64']],
    ['linux/arm64,\n\nlinux/amd64', ['linux/arm64', 'linux/amd64']],
    ['', []],
    [' , \n', []]
  ])('%j', (input, expected) => {
    expect(parsePlatformList(input).map(formatPlatform)).toEqual(expected)
  })

  test.each<[string, string]>([
    [
      'linux/aarch64,linux/arm64',
      'duplicate platform "linux/arm64" in platforms ("linux/aarch64" and "linux/arm64" are the same platform)'
    ],
    ['linux/amd64\nlinux/amd64', 'duplicate platform "linux/amd64" in platforms ("linux/amd64" is listed twice)'],
    ['linux/arm,linux/arm/v7', 'duplicate platform "linux/arm/v7" in platforms ("linux/arm" and "linux/arm/v7" are the same platform)'],
    [
      'linux/arm64/v8, linux/arm64',
      'duplicate platform "linux/arm64" in platforms ("linux/arm64/v8" and "linux/arm64" are the same platform)'
    ]
  ])('rejects duplicates in %j', (input, message) => {
    expect(() => parsePlatformList(input)).toThrow(new InvalidPlatformError(message))
  })

  test('reports the bad entry', () => {
    expect(() => parsePlatformList('linux/amd64,linux/sparc')).toThrow(/invalid platform "linux\/sparc": unknown architecture/)
  })
})

describe('formatPlatform, platformKey, platformSlug', () => {
  test.each<[Platform, string, string, string]>([
    [{ os: 'linux', architecture: 'amd64' }, 'linux/amd64', 'linux/amd64', 'linux-amd64'],
    [{ os: 'linux', architecture: 'arm64' }, 'linux/arm64', 'linux/arm64', 'linux-arm64'],
    [{ os: 'linux', architecture: 'arm', variant: 'v7' }, 'linux/arm/v7', 'linux/arm/v7', 'linux-arm-v7'],
    // Windows 2022 and 2025 are different platforms: key and slug carry the build.
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227' },
      'windows/amd64',
      'windows/amd64:10.0.20348.2227',
      'windows-amd64-20348'
    ],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.26100' },
      'windows/amd64',
      'windows/amd64:10.0.26100',
      'windows-amd64-26100'
    ],
    [{ os: 'windows', architecture: 'amd64' }, 'windows/amd64', 'windows/amd64', 'windows-amd64'],
    [{ os: 'linux', architecture: 'amd64', variant: '' }, 'linux/amd64', 'linux/amd64', 'linux-amd64']
  ])('%j', (p, formatted, key, slug) => {
    expect(formatPlatform(p)).toBe(formatted)
    expect(platformKey(p)).toBe(key)
    expect(platformSlug(p)).toBe(slug)
  })
})

describe('platformsMatch', () => {
  const p = (s: string): Platform => parsePlatform(s)
  test.each<[Platform, Parameters<typeof platformsMatch>[1], boolean]>([
    [p('linux/amd64'), { os: 'linux', architecture: 'amd64' }, true],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348' },
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2700' },
      true
    ],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348' },
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.26100.1' },
      false
    ],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2700' },
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348' },
      false
    ],
    [{ os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348' }, { os: 'windows', architecture: 'amd64' }, false],
    [p('linux/amd64'), { os: 'linux', architecture: 'x86_64' }, true],
    [p('linux/amd64'), { os: 'linux', architecture: 'amd64', variant: 'v1' }, true],
    [p('linux/amd64'), { os: 'linux', architecture: 'amd64', variant: 'v3' }, false],
    [p('linux/arm64'), { os: 'linux', architecture: 'arm64', variant: 'v8' }, true],
    [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, { os: 'linux', architecture: 'arm64' }, true],
    [p('linux/arm64'), { os: 'linux', architecture: 'aarch64' }, true],
    [p('linux/arm/v7'), { os: 'linux', architecture: 'arm' }, true],
    [p('linux/arm/v7'), { os: 'linux', architecture: 'arm', variant: 'v6' }, false],
    [p('linux/arm64'), { os: 'linux', architecture: 'amd64' }, false],
    [p('linux/amd64'), { os: 'windows', architecture: 'amd64' }, false],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' },
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' },
      true
    ],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' },
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' },
      false
    ],
    [{ os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' }, { os: 'windows', architecture: 'amd64' }, false],
    [{ os: 'windows', architecture: 'amd64' }, { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' }, true]
  ])('want %j, got %j -> %s', (want, got, expected) => {
    expect(platformsMatch(want, got)).toBe(expected)
  })

  test('accepts an image config as got', () => {
    const config: ImageConfig = { os: 'linux', architecture: 'arm', variant: 'v7', config: { Labels: null } }
    expect(platformsMatch(p('linux/armhf'), config)).toBe(true)
  })
})

describe('platformFromConfig', () => {
  test.each<[ImageConfig, Platform]>([
    [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'amd64' }
    ],
    [
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'arm64' }
    ],
    [
      { os: 'linux', architecture: 'arm' },
      { os: 'linux', architecture: 'arm', variant: 'v7' }
    ],
    [
      { os: 'Linux', architecture: 'x86_64', config: { Labels: { a: 'b' } } },
      { os: 'linux', architecture: 'amd64' }
    ],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227', 'os.features': ['win32k'] },
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227', 'os.features': ['win32k'] }
    ],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '', 'os.features': [] },
      { os: 'windows', architecture: 'amd64' }
    ],
    [
      { os: 'linux', architecture: 'mips' },
      { os: 'linux', architecture: 'mips' }
    ]
  ])('%j -> %j', (config, expected) => {
    expect(platformFromConfig(config)).toStrictEqual(expected)
  })

  test('does not share the os.features array with the config', () => {
    const config: ImageConfig = { os: 'windows', architecture: 'amd64', 'os.features': ['win32k'] }
    platformFromConfig(config)['os.features']?.push('x')
    expect(config['os.features']).toEqual(['win32k'])
  })
})

describe('sortPlatforms', () => {
  test('puts linux/amd64 first, then the rest by name, without changing the input', () => {
    const input = parsePlatformList('linux/s390x,linux/arm64,windows/amd64,linux/arm/v7,linux/amd64,linux/386')
    const sorted = sortPlatforms(input)
    expect(sorted.map(formatPlatform)).toEqual(['linux/amd64', 'linux/386', 'linux/arm/v7', 'linux/arm64', 'linux/s390x', 'windows/amd64'])
    expect(input.map(formatPlatform)[0]).toBe('linux/s390x')
  })

  test('orders windows versions of one platform by os.version', () => {
    const a: Platform = { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' }
    const b: Platform = { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' }
    expect(sortPlatforms([a, b])).toEqual([b, a])
  })

  test('is a permutation with linux/amd64 first whenever present', () => {
    const all = parsePlatformList('linux/amd64,linux/arm64,linux/arm/v7,linux/386,linux/ppc64le,windows/amd64,linux/riscv64')
    fc.assert(
      fc.property(fc.shuffledSubarray(all), ps => {
        const sorted = sortPlatforms(ps)
        expect([...sorted.map(formatPlatform)].sort()).toEqual([...ps.map(formatPlatform)].sort())
        expect(sortPlatforms([...ps].reverse())).toEqual(sorted)
        if (ps.some(p => formatPlatform(p) === 'linux/amd64')) expect(formatPlatform(sorted[0])).toBe('linux/amd64')
      })
    )
  })
})

describe('runnerPlatform', () => {
  test.each<[string, string, Platform]>([
    ['x64', 'linux', { os: 'linux', architecture: 'amd64' }],
    ['arm64', 'linux', { os: 'linux', architecture: 'arm64' }],
    ['arm', 'linux', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['ia32', 'linux', { os: 'linux', architecture: '386' }],
    ['x64', 'win32', { os: 'windows', architecture: 'amd64' }],
    ['arm64', 'darwin', { os: 'linux', architecture: 'arm64' }],
    ['x64', 'darwin', { os: 'linux', architecture: 'amd64' }],
    ['ppc64', 'linux', { os: 'linux', architecture: 'ppc64le' }],
    ['s390x', 'linux', { os: 'linux', architecture: 's390x' }]
  ])('%s on %s', (arch, platform, expected) => {
    expect(runnerPlatform(arch, platform)).toStrictEqual(expected)
  })

  test.each([
    ['mips', 'linux'],
    ['x64', 'aix'],
    ['constructor', 'linux'],
    ['x64', 'toString']
  ])('rejects %s on %s', (arch, platform) => {
    expect(() => runnerPlatform(arch, platform)).toThrow(InvalidPlatformError)
    expect(() => runnerPlatform(arch, platform)).toThrow(`this runner (${platform}/${arch}) has no supported container platform`)
  })
})
