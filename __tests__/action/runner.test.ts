import { checkPlatforms } from '../../src/config/inputs.js'
import { detectRunner } from '../../src/config/runner.js'
import { parsePlatform } from '../../src/oci/platform.js'

describe('detectRunner', () => {
  test.each([
    ['linux', 'x64', '6.8.0', { platform: { os: 'linux', architecture: 'amd64' }, windows: false }],
    ['linux', 'arm64', '6.8.0', { platform: { os: 'linux', architecture: 'arm64' }, windows: false }],
    ['win32', 'x64', '10.0.20348', { platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348' }, windows: true }],
    ['win32', 'x64', '10.0.26100', { platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.26100' }, windows: true }]
  ])('%s %s %s', (platform, arch, release, expected) => {
    expect(detectRunner(platform, arch, release)).toEqual(expected)
  })
})

describe('checkPlatforms', () => {
  const linux = detectRunner('linux', 'x64', '6.8.0')
  const windows2022 = detectRunner('win32', 'x64', '10.0.20348')
  const platforms = (list: string) => list.split(',').map(parsePlatform)

  test('Linux platforms on a Linux runner pass unchanged, emulated ones included', () => {
    expect(checkPlatforms({ platforms: platforms('linux/amd64,linux/arm64,linux/arm/v7'), secrets: [] }, linux)).toEqual(
      platforms('linux/amd64,linux/arm64,linux/arm/v7')
    )
  })

  test("a Windows leg gets its runner's os.version, so 2022 and 2025 legs stage apart", () => {
    expect(checkPlatforms({ platforms: platforms('windows/amd64'), secrets: [] }, windows2022)).toEqual([
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348' }
    ])
  })

  test.each([
    [
      'windows/amd64',
      linux,
      [],
      'input platforms: windows images cannot be built on a linux runner: build Windows images on windows-2022 or windows-2025 runners (a matrix of runners, then mode: merge)'
    ],
    [
      'linux/amd64',
      windows2022,
      [],
      'input platforms: linux images cannot be built on a Windows runner: build Linux images on a Linux runner (a matrix of runners, then mode: merge)'
    ],
    ['windows/arm64', windows2022, [], 'input platforms: a amd64 Windows runner cannot build windows/arm64'],
    [
      'windows/amd64',
      windows2022,
      [{ id: 'token', value: 'x' }],
      'input secrets: Windows legs build with docker build (no BuildKit), which has no build secrets'
    ]
  ])('%s is refused', (list, runner, secrets, message) => {
    expect(() => checkPlatforms({ platforms: platforms(list), secrets }, runner)).toThrow(message)
  })
})
