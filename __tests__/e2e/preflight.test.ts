// The build leg's pre-flight against the real registry: a base image without the leg's
// platform fails before any build, naming it; one with the platform builds.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { errorOf, expectSuccess, startScenario, type Scenario } from '../../testing/scenario.js'
import { uniqueRepository } from '../../testing/stack.js'
import { pushSyntheticImage } from '../../testing/synthetic-image.js'

let s: Scenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

/**
 * A context whose Dockerfile starts FROM `base` and copies one file: no RUN, so no emulation
 * is needed (and no `# syntax=` line: its frontend would come from Docker Hub, out of reach here).
 */
function context(base: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-preflight-'))
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${base}\nCOPY marker /marker\n`)
  writeFileSync(join(dir, 'marker'), 'preflight\n')
  return dir
}

test('an arm64 leg whose base image is amd64-only fails before building, with the message, and pushes nothing', async () => {
  const baseRepository = uniqueRepository('pf-base-amd')
  await pushSyntheticImage(s.api, baseRepository, { os: 'linux', architecture: 'amd64' }, { tag: '1' })
  const base = `${s.stack.registry}/${baseRepository}:1`
  const repository = uniqueRepository('pf-amd')
  const run = await s.leg(repository, 'linux/arm64', { inputs: { context: context(base), tags: 'never' } })
  expect(run.exitCode).not.toBe(0)
  expect(errorOf(run)).toBe(`FROM ${base} (Dockerfile:1) has no linux/arm64: it has linux/amd64`)
  // Failed in the check phase: no build started, no repository created, nothing pushed.
  expect(run.stdout).not.toContain('::group::Build linux/arm64')
  expect(run.stdout).not.toContain('docker buildx build')
  expect(await s.api.tags(repository)).toEqual([])
})

test('preflight: false skips the check (the build itself then meets the image)', async () => {
  const baseRepository = uniqueRepository('pf-base-off')
  await pushSyntheticImage(s.api, baseRepository, { os: 'linux', architecture: 'amd64' }, { tag: '1' })
  const base = `${s.stack.registry}/${baseRepository}:1`
  const run = await s.leg(uniqueRepository('pf-off'), 'linux/arm64', {
    inputs: { context: context(base), tags: 'never', preflight: 'false' }
  })
  expect(run.stdout).not.toContain('pre-flight:')
  expect(errorOf(run)).not.toContain('has no linux/arm64: it has')
  // The build itself started (and met the image).
  expect(run.stdout).toContain('::group::Build linux/arm64')
})

test('a base image with both platforms builds the arm64 leg', async () => {
  const baseRepository = uniqueRepository('pf-base-both')
  const images = await Promise.all(
    (['amd64', 'arm64'] as const).map(async architecture => ({
      image: await pushSyntheticImage(s.api, baseRepository, { os: 'linux', architecture }),
      architecture
    }))
  )
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: images.map(({ image, architecture }) => ({
      mediaType: image.mediaType,
      digest: image.digest,
      size: image.size,
      platform: { os: 'linux', architecture }
    }))
  }
  await s.api.putManifest(baseRepository, '1', JSON.stringify(index), index.mediaType)
  const base = `${s.stack.registry}/${baseRepository}:1`
  const repository = uniqueRepository('pf-both')
  const run = await s.leg(repository, 'linux/arm64', { inputs: { context: context(base), tags: 'ok' } })
  expectSuccess(run)
  expect(run.stdout).toContain('::group::Build linux/arm64')
  expect(run.stdout).toContain('pre-flight: 1 base image(s) checked for linux/arm64 in ')
  expect((await s.api.tags(repository)).some(t => t.startsWith('stage-'))).toBe(true)
})
