import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { preflight, preflightLeg, PreflightError, type PreflightInput } from '../../src/check/preflight.js'
import { locateImage, PlatformLookup } from '../../src/check/platforms.js'
import { MediaType, type Platform } from '../../src/oci/types.js'
import { RegistryClient } from '../../src/registry/client.js'
import type { Logger } from '../../src/util/logger.js'
import { FakeRegistry, type FakeRegistryOptions } from '../../testing/fake-registry.js'

let servers: FakeRegistry[] = []
afterEach(async () => {
  await Promise.all(servers.map(s => s.close()))
  servers = []
})

async function fake(opts: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const server = await FakeRegistry.start(opts)
  servers.push(server)
  return server
}

const amd64: Platform = { os: 'linux', architecture: 'amd64' }
const arm64: Platform = { os: 'linux', architecture: 'arm64' }
const riscv64: Platform = { os: 'linux', architecture: 'riscv64' }

function lookupFor(concurrency?: number): PlatformLookup {
  return new PlatformLookup({
    concurrency,
    clientFor: registry => new RegistryClient({ registry, insecure: true, retry: { attempts: 1 } })
  })
}

/** Seeds an index of images for these platforms (plus an attestation manifest) under repo:tag. */
function seedIndex(server: FakeRegistry, repo: string, tag: string, platforms: Platform[]): void {
  const manifests = platforms.map((platform, i) => ({
    mediaType: MediaType.OciManifest,
    digest: `sha256:${String(i).repeat(64)}`,
    size: 100,
    platform
  }))
  manifests.push({
    mediaType: MediaType.OciManifest,
    digest: `sha256:${'f'.repeat(64)}`,
    size: 100,
    platform: { os: 'unknown', architecture: 'unknown' }
  })
  server.seedManifest(repo, tag, { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests }, MediaType.OciIndex)
}

/** Seeds a single-platform image: a manifest and its config blob. */
function seedSingle(server: FakeRegistry, repo: string, tag: string, platform: Platform): void {
  const config = JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [] } })
  const digest = server.seedBlob(repo, config)
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest, size: config.length },
    layers: []
  }
  server.seedManifest(repo, tag, manifest, MediaType.OciManifest)
}

function input(dockerfile: string, platforms: Platform[], extra: Partial<PreflightInput> = {}): PreflightInput {
  return { dockerfile, fileName: 'Dockerfile', buildArgs: {}, platforms, runner: amd64, ...extra }
}

describe('locateImage', () => {
  it.each([
    ['python:3.12-slim', 'registry-1.docker.io', 'library/python', '3.12-slim'],
    ['bitnami/redis', 'registry-1.docker.io', 'bitnami/redis', 'latest'],
    ['docker.io/library/alpine:3', 'registry-1.docker.io', 'library/alpine', '3'],
    ['ghcr.io/org/app:1', 'ghcr.io', 'org/app', '1'],
    ['localhost:5000/app', 'localhost:5000', 'app', 'latest'],
    [`alpine@sha256:${'a'.repeat(64)}`, 'registry-1.docker.io', 'library/alpine', `sha256:${'a'.repeat(64)}`]
  ])('%s', (image, registry, repository, reference) => {
    expect(locateImage(image)).toEqual({ registry, repository, reference })
  })
})

describe('preflight against a registry', () => {
  it('passes when the index has the platform, skipping attestation entries', async () => {
    const server = await fake()
    seedIndex(server, 'base/python', '3.12-slim', [amd64, arm64])
    const result = await preflight(input(`FROM ${server.host}/base/python:3.12-slim`, [arm64]), lookupFor())
    expect(result).toEqual({ missing: [], warnings: [], checked: 1 })
  })

  it("the default anonymous clients go through the transport given (the step's connection pool)", async () => {
    const server = await fake()
    seedIndex(server, 'base/python', '3.12-slim', [amd64, arm64])
    const sent: string[] = []
    // The fake registry speaks plain HTTP: the transport under test takes the request and carries it there.
    const pool = (async (url: URL | string, init?: RequestInit) => {
      sent.push(String(url))
      return fetch(String(url).replace(/^https:/, 'http:'), init)
    }) as typeof fetch
    const result = await preflight(input(`FROM ${server.host}/base/python:3.12-slim`, [arm64]), new PlatformLookup({ fetch: pool }))
    expect(result).toEqual({ missing: [], warnings: [], checked: 1 })
    expect(sent).toContain(`https://${server.host}/v2/base/python/manifests/3.12-slim`)
  })

  it('names the image, line, platform and the platforms it has when one is missing', async () => {
    const server = await fake()
    seedIndex(server, 'base/python', '3.12-slim', [amd64, arm64, { os: 'linux', architecture: 'arm', variant: 'v7' }])
    const result = await preflight(input(`# syntax=docker/dockerfile:1\nFROM ${server.host}/base/python:3.12-slim`, [riscv64]), lookupFor())
    expect(result.missing).toEqual([
      `FROM ${server.host}/base/python:3.12-slim (Dockerfile:2) has no linux/riscv64: it has linux/amd64, linux/arm64, linux/arm/v7`
    ])
  })

  it("reads a single manifest's config for its one platform", async () => {
    const server = await fake()
    seedSingle(server, 'base/tool', '1', { os: 'linux', architecture: 'x86_64' } as Platform)
    const ok = await preflight(input(`FROM ${server.host}/base/tool:1`, [amd64]), lookupFor())
    expect(ok).toEqual({ missing: [], warnings: [], checked: 1 })
    const missing = await preflight(input(`FROM ${server.host}/base/tool:1`, [arm64]), lookupFor())
    expect(missing.missing).toEqual([`FROM ${server.host}/base/tool:1 (Dockerfile:1) has no linux/arm64: it has linux/amd64`])
  })

  it('checks a $BUILDPLATFORM stage for the runner, not the target', async () => {
    const server = await fake()
    seedIndex(server, 'base/go', '1', [amd64])
    seedIndex(server, 'base/run', '1', [amd64, arm64])
    const dockerfile = `FROM --platform=$BUILDPLATFORM ${server.host}/base/go:1 AS b\nFROM ${server.host}/base/run:1\nCOPY --from=b / /`
    expect(await preflight(input(dockerfile, [arm64]), lookupFor())).toEqual({ missing: [], warnings: [], checked: 2 })
    const onArm = await preflight(input(dockerfile, [arm64], { runner: arm64 }), lookupFor())
    expect(onArm.missing).toEqual([
      `FROM ${server.host}/base/go:1 (Dockerfile:1) has no linux/arm64 (its stage runs on $BUILDPLATFORM, this runner's platform): it has linux/amd64`
    ])
  })

  it('warns, and does not fail, when the registry refuses anonymous access (401)', async () => {
    const server = await fake({ auth: { mode: 'basic', username: 'u', password: 'p' } })
    seedIndex(server, 'private/base', '1', [amd64])
    const result = await preflight(input(`FROM ${server.host}/private/base:1`, [arm64]), lookupFor())
    expect(result.missing).toEqual([])
    expect(result.checked).toBe(0)
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]).toMatch(
      new RegExp(`^pre-flight: cannot check FROM ${server.host}/private/base:1 \\(Dockerfile:1\\): .*401.*; building anyway$`, 's')
    )
  })

  it('warns on a Dockerfile it cannot read', async () => {
    const result = await preflight(input('FROM alpine AS a', [arm64], { target: 'nope' }), lookupFor())
    expect(result).toEqual({
      missing: [],
      warnings: ['pre-flight: cannot read Dockerfile: the target "nope" is not a stage of the Dockerfile; building without the check'],
      checked: 0
    })
  })

  it('asks once per image across legs and stages (cached per run)', async () => {
    const server = await fake()
    seedIndex(server, 'base/a', '1', [amd64, arm64])
    const lookup = lookupFor(1)
    const dockerfile = `FROM ${server.host}/base/a:1 AS x\nFROM ${server.host}/base/a:1\nCOPY --from=x / /`
    await preflight(input(dockerfile, [amd64, arm64]), lookup)
    await preflight(input(dockerfile, [arm64]), lookup)
    expect(server.apiRequests.filter(r => r.method === 'GET')).toHaveLength(1)
  })
})

describe('preflightLeg', () => {
  it('throws PreflightError before building, and logs the warnings of checks that could not run', async () => {
    const server = await fake()
    seedIndex(server, 'base/amd', '1', [amd64])
    const dir = await mkdtemp(join(tmpdir(), 'preflight-'))
    await writeFile(join(dir, 'Dockerfile'), `FROM ${server.host}/base/amd:1\nFROM ${server.host}/base/gone:1\nCOPY --from=0 / /\n`)
    const warnings: string[] = []
    const logger: Logger = { info: () => {}, warning: m => warnings.push(m), debug: () => {} }
    const err = await preflightLeg(
      { context: dir, buildArgs: {}, platforms: [arm64], runner: amd64, target: undefined },
      lookupFor(),
      logger
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PreflightError)
    expect((err as Error).message).toBe(`FROM ${server.host}/base/amd:1 (Dockerfile:1) has no linux/arm64: it has linux/amd64`)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`cannot check FROM ${server.host}/base/gone:1 (Dockerfile:2)`)
  })

  it('warns and goes on when the Dockerfile is missing', async () => {
    const warnings: string[] = []
    const logger: Logger = { info: () => {}, warning: m => warnings.push(m), debug: () => {} }
    await preflightLeg({ context: '/nonexistent-dir', buildArgs: {}, platforms: [arm64], runner: amd64 }, lookupFor(), logger)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^pre-flight: cannot read \/nonexistent-dir\/Dockerfile: .*; building without the check$/)
  })
})

describe('the # syntax= frontend', () => {
  it('is checked for the build platform, not the target: a warning when it lacks it, never a failure', async () => {
    const server = await fake()
    seedIndex(server, 'base/app', '1', [amd64, arm64])
    seedSingle(server, 'frontends/dockerfile', 'amd', amd64)
    const dockerfile = `# syntax=${server.host}/frontends/dockerfile:amd\nFROM ${server.host}/base/app:1`
    // An arm64 leg on an amd64 runner: the frontend runs on amd64, which it has.
    expect(await preflight(input(dockerfile, [arm64]), lookupFor())).toEqual({ missing: [], warnings: [], checked: 1 })
    // On an arm64 runner it lacks the build platform: a warning, the leg goes on.
    const onArm = await preflight(input(dockerfile, [arm64], { runner: arm64 }), lookupFor())
    expect(onArm.missing).toEqual([])
    expect(onArm.warnings).toEqual([
      `pre-flight: the frontend # syntax=${server.host}/frontends/dockerfile:amd (Dockerfile:1) has no linux/arm64, the build platform it runs on: it has linux/amd64; the build may fail or run it under emulation`
    ])
  })

  it('BUILDKIT_SYNTAX overrides the directive; a frontend that cannot be read is a warning', async () => {
    const server = await fake()
    seedIndex(server, 'base/app', '1', [amd64, arm64])
    const result = await preflight(
      input(`# syntax=docker/dockerfile:1\nFROM ${server.host}/base/app:1`, [arm64], {
        buildArgs: { BUILDKIT_SYNTAX: `${server.host}/frontends/none:1` }
      }),
      lookupFor()
    )
    expect(result.missing).toEqual([])
    expect(result.warnings).toEqual([
      expect.stringMatching(
        new RegExp(`^pre-flight: cannot check the frontend build-arg BUILDKIT_SYNTAX=${server.host}/frontends/none:1: .*; building anyway$`)
      )
    ])
  })
})
