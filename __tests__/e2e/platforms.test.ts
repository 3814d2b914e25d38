// Every runner: one job building several platforms under QEMU and publishing them
// through the merge path, a platform that cannot be emulated, and Windows legs
// (synthetic: no Windows engine here) merged with Linux ones.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stagePushed } from '../../src/commands/stage.js'
import { RegistryClient } from '../../src/registry/client.js'
import type { ActionRun } from '../../testing/action-runner.js'
import { errorOf, expectSuccess, SHA, startScenario, type Scenario } from '../../testing/scenario.js'
import { uniqueRepository } from '../../testing/stack.js'
import { pushSyntheticImage } from '../../testing/synthetic-image.js'

let s: Scenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

describe('one job, three platforms under QEMU', () => {
  const repository = uniqueRepository('qemu')
  let run: ActionRun

  beforeAll(async () => {
    run = await s.leg(repository, 'linux/amd64,linux/arm64,linux/arm/v7', { inputs: { tags: 'v1,stable' } })
  })

  test('publishes one index under both tags', () => {
    expectSuccess(run)
    expect(run.outputs.tags).toBe(`${s.stack.registry}/${repository}:v1,${s.stack.registry}/${repository}:stable`)
    expect(run.outputs.platforms).toBe('linux/amd64,linux/arm64,linux/arm/v7')
  })

  test.each([
    ['linux/amd64', 'x86_64'],
    ['linux/arm64', 'aarch64'],
    ['linux/arm/v7', 'armv7l']
  ])('docker run --platform %s prints %s', (platform, uname) => {
    const out = s.docker(['run', '--rm', '--pull', 'always', '--platform', platform, `${s.stack.registry}/${repository}:stable`])
    expect(out.trim()).toBe(uname)
  })

  test('the publish starts from the legs it just staged: no tag listing, no second read', () => {
    expect(run.stdout).not.toContain('/tags/list')
    expect(run.stdout.match(/::debug::GET \S+\/manifests\/stage-/g)).toBeNull()
  })

  test('per-platform cache refs and no staging tags left', async () => {
    const tags = await s.api.tags(repository)
    expect(tags).toEqual(expect.arrayContaining(['cache-linux-amd64', 'cache-linux-arm64', 'cache-linux-arm-v7', 'v1', 'stable']))
    expect(tags.filter(t => t.startsWith('stage-'))).toEqual([])
  })

  test('the summary says which platforms ran emulated and how long each took', () => {
    const metadata = JSON.parse(run.outputs.metadata)
    expect(metadata.legs.map((l: any) => [l.platform, l.emulated])).toEqual([
      ['linux/amd64', false],
      ['linux/arm64', true],
      ['linux/arm/v7', true]
    ])
    for (const leg of metadata.legs) expect(leg.buildSeconds).toBeGreaterThan(0)
    expect(run.summary).toContain('yes (QEMU)')
    expect(run.summary).toContain('Build seconds')
    // Emulation dominated: the summary points to the native recipe.
    expect(run.summary).toMatch(/Emulated platforms took [\d.]+ of [\d.]+ build seconds/)
    expect(run.summary).toContain('native matrix recipe')
  })
})

test('a platform the builder lacks and cannot set up: clear error, nothing pushed', async () => {
  const repository = uniqueRepository('noemu')
  // No riscv64 emulator registered, and no way to register one: PATH holds docker alone.
  if (existsSync('/proc/sys/fs/binfmt_misc/qemu-riscv64')) execFileSync('update-binfmts', ['--disable', 'qemu-riscv64'])
  const bin = mkdtempSync(join(tmpdir(), 'bin-'))
  symlinkSync(execFileSync('which', ['docker'], { encoding: 'utf8' }).trim(), join(bin, 'docker'))
  const run = await s.leg(repository, 'linux/amd64,linux/riscv64', { inputs: { tags: 'never' }, env: { PATH: bin } })
  expect(run.exitCode).not.toBe(0)
  expect(errorOf(run)).toMatch(
    /^linux\/riscv64 cannot be built on this linux\/amd64 runner: no QEMU emulator is registered for it \(binfmt_misc qemu-riscv64\)/
  )
  expect(errorOf(run)).toContain('docker/setup-qemu-action')
  expect(s.emulator.calls.filter(c => c.body?.repositoryName === repository)).toEqual([])
  expect(await s.api.tags(repository)).toEqual([])
})

test('a Windows platform on a Linux runner is refused before anything happens', async () => {
  const run = await s.leg(uniqueRepository('win'), 'windows/amd64')
  expect(errorOf(run)).toBe(
    'input platforms: windows images cannot be built on a linux runner: build Windows images on windows-2022 or windows-2025 runners (a matrix of runners, then mode: merge)'
  )
  expect(run.stdout).not.toContain('::group::Log in')
})

describe('Windows legs merge with Linux legs', () => {
  const repository = uniqueRepository('windows')
  const windows = {
    2022: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2700', 'os.features': ['win32k'] },
    2025: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.26100.3000' }
  }
  let merged: ActionRun

  beforeAll(async () => {
    expectSuccess(await s.leg(repository, 'linux/amd64'))
    // What a Windows leg does after `docker push`: stage the pushed image as a one-entry index.
    const client = new RegistryClient({
      registry: s.stack.registry,
      credentials: { username: s.stack.username, password: s.stack.password }
    })
    for (const [year, platform] of Object.entries(windows)) {
      const image = await pushSyntheticImage(s.api, repository, platform, {
        labels: { 'org.opencontainers.image.revision': SHA },
        content: year
      })
      const build = platform['os.version'].split('.')[2]
      await stagePushed(
        client,
        repository,
        image.digest,
        { os: 'windows', architecture: 'amd64', 'os.version': `10.0.${build}` },
        `stage-4242-1-windows-amd64-${build}`
      )
    }
    merged = await s.merge(repository, { tags: 'multi-os' })
  })

  test('the index holds Linux first, then both Windows builds with os.version and os.features', async () => {
    expectSuccess(merged)
    const index = await s.api.manifest(repository, 'multi-os')
    const platforms = index.json.manifests.filter((d: any) => d.platform.os !== 'unknown').map((d: any) => d.platform)
    expect(platforms).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'amd64', os: 'windows', 'os.version': '10.0.20348.2700', 'os.features': ['win32k'] },
      { architecture: 'amd64', os: 'windows', 'os.version': '10.0.26100.3000' }
    ])
  })

  test('imagetools sees the Windows entries with their versions', () => {
    const out = s.docker(['buildx', 'imagetools', 'inspect', `${s.stack.registry}/${repository}:multi-os`])
    const windowsEntries = [...out.matchAll(/Platform:\s+windows\/amd64\s+OSVersion:\s+(\S+)/g)].map(m => m[1])
    expect(windowsEntries).toEqual(['10.0.20348.2700', '10.0.26100.3000'])
  })

  test('a Windows leg whose image is another build is refused', async () => {
    const repo = uniqueRepository('winmismatch')
    const image = await pushSyntheticImage(s.api, repo, windows[2025], { labels: { 'org.opencontainers.image.revision': SHA } })
    const staged = await s.api.manifest(repo, image.digest)
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: staged.json.mediaType,
          digest: image.digest,
          size: image.size,
          platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348' }
        }
      ]
    }
    await s.api.putManifest(repo, 'stage-4242-1-windows-amd64-20348', JSON.stringify(index), index.mediaType)
    const run = await s.merge(repo, { tags: 'never' })
    expect(errorOf(run)).toContain('stage-4242-1-windows-amd64-20348 is staged as windows/amd64 but its image config says windows/amd64')
    expect(await s.api.tags(repo)).not.toContain('never')
  })
})
