// mirrors of a real image on the real stack: two legs built by dist/ (amd64 native, arm64
// under QEMU), then a merge that publishes to the primary ECR (emulator account A, us-east-1)
// and mirrors to the ECR registry of a second account in another region
// (987654321098.dkr.ecr.us-west-2.amazonaws.com: its own registry, token and repositories,
// reached through the emulator's second account, which answers only the calls signed for
// us-west-2) and to the GHCR stand-in. One digest everywhere, and the mirrored index and its
// platform tags run under docker. Then a mirror in ECR Public (public.ecr.aws/<alias>/...), which
// only the action's process resolves to the stack (no hosts entry takes the name from the machine).
// Last, a blob chunk cut half-way by a reset on its way to the reference registry: the upload
// starts over and the mirror completes in the same run.
import { execFileSync } from 'node:child_process'
import type { ActionRun } from '../../testing/action-runner.js'
import type { Proxy } from '../../testing/proxy.js'
import { registryApi } from '../../testing/registry-api.js'
import { expectSuccess, mirrorBehindFaultProxy, pushSources, startScenario, type Scenario } from '../../testing/scenario.js'
import { dockerLoginConfig, resolveHostsEnv, uniqueRepository, type Stack } from '../../testing/stack.js'

let s: Scenario
let secondEcr: NonNullable<Stack['secondEcr']>
let dockerConfig: string
beforeAll(async () => {
  s = await startScenario()
  if (!s.stack.secondEcr) throw new Error('stack.json has no secondEcr: run scripts/stack.sh of this checkout')
  secondEcr = s.stack.secondEcr
  // The GHCR stand-in logged in as docker/login-action does; the ECR hosts need no login.
  dockerConfig = dockerLoginConfig('mirror-ecr-login-', [s.stack.mirrorRegistry])
})
afterAll(async () => {
  await s?.close()
})

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

describe('legs built by the action, merged with mirrors to a second ECR account and region and to the GHCR stand-in', () => {
  const repository = uniqueRepository('mirrors-ecr')
  const ecrRepository = `team/app-${repository.slice(repository.lastIndexOf('-') + 1)}`
  const ghcrRepository = uniqueRepository('ghcr-run')
  let run: ActionRun
  let ecrMirror: string
  let ghcrMirror: string
  let tagsBefore: string[]
  const pulled: string[] = []

  beforeAll(async () => {
    ecrMirror = `${secondEcr.registry}/${ecrRepository}`
    ghcrMirror = `${s.stack.mirrorRegistry.registry}/${ghcrRepository}`
    for (const platform of ['linux/amd64', 'linux/arm64']) expectSuccess(await s.leg(repository, platform))
    tagsBefore = await registryApi(secondEcr).tags(ecrRepository)
    run = await s.merge(
      repository,
      { tags: '1.0', 'platform-tags': 'true', mirrors: `${ecrMirror}\n${ghcrMirror}` },
      { DOCKER_CONFIG: dockerConfig }
    )
  })
  afterAll(() => {
    // The images these tests pulled into the shared engine.
    for (const ref of new Set(pulled)) {
      try {
        s.docker(['image', 'rm', ref])
      } catch {
        // Already gone, or still used by another test's container: harmless.
      }
    }
  })

  const dockerRun = (platform: string, ref: string): string => {
    pulled.push(ref)
    return s.docker(['run', '--rm', '--pull', 'always', '--platform', platform, ref]).trim()
  }

  test('both mirrors hold the primary digest under every tag, their blobs streamed from the primary', async () => {
    expectSuccess(run)
    expect(tagsBefore).toEqual([])
    const mirrors = JSON.parse(run.outputs.mirrors)
    expect(mirrors.map((m: { reference: string }) => m.reference)).toEqual([ecrMirror, ghcrMirror])
    for (const m of mirrors) {
      expect(m.error).toBeUndefined()
      expect(m.digest).toBe(run.outputs.digest)
      expect([...m.tags].sort()).toEqual(['1.0', '1.0-amd64', '1.0-arm64'])
      expect(m.blobsCopied).toBeGreaterThan(0)
      expect(m.bytesMoved).toBeGreaterThan(0)
    }
    const second = registryApi(secondEcr)
    expect((await second.manifest(ecrRepository, '1.0')).digest).toBe(run.outputs.digest)
    expect((await s.api.manifest(repository, '1.0')).digest).toBe(run.outputs.digest)
    expect((await registryApi(s.stack.mirrorRegistry).manifest(ghcrRepository, '1.0')).digest).toBe(run.outputs.digest)
    expect((await second.tags(ecrRepository)).sort()).toEqual(['1.0', '1.0-amd64', '1.0-arm64'])
  })

  test("the second account's repository was created through its own API calls (us-west-2), with its own token", async () => {
    const [a, b] = s.emulator.accounts
    expect(b).toMatchObject({ accountId: secondEcr.accountId, region: secondEcr.region })
    expect(b.repositories.has(ecrRepository)).toBe(true)
    expect(a.repositories.has(ecrRepository)).toBe(false)
    const login = b.calls.find(c => c.operation === 'GetAuthorizationToken')
    expect(login?.body.registryIds).toEqual([secondEcr.accountId])
    const create = b.calls.find(c => c.operation === 'CreateRepository')
    expect(create?.body).toMatchObject({ repositoryName: ecrRepository, registryId: secondEcr.accountId })
    // Account A was never asked about the second account or its repository.
    const mentionsB = (body: any) => JSON.stringify(body).includes(secondEcr.accountId) || JSON.stringify(body).includes(ecrRepository)
    expect(a.calls.filter(c => mentionsB(c.body))).toEqual([])
    // The second registry takes only its own token: A's would have been refused.
    expect(b.token).not.toBe(a.token)
    const withA = await fetch(`https://${secondEcr.registry}/v2/`, {
      headers: { authorization: `Basic ${Buffer.from(`AWS:${a.token}`).toString('base64')}` }
    })
    expect(withA.status).toBe(401)
    expect(run.everything()).not.toContain(b.token)
    expect(run.everything()).not.toContain(a.token)
    expect(run.summary).toContain(ecrMirror)
  })

  test.each([
    ['linux/amd64', 'x86_64'],
    ['linux/arm64', 'aarch64']
  ])('docker run --platform %s of the mirrored index prints %s, from each mirror', (platform, uname) => {
    expect(dockerRun(platform, `${ecrMirror}:1.0`)).toBe(uname)
    expect(dockerRun(platform, `${ghcrMirror}:1.0`)).toBe(uname)
  })

  test('the platform tag 1.0-arm64 is a single arm64 image manifest that runs, in the primary and the mirrors', async () => {
    for (const ref of [`${s.stack.registry}/${repository}:1.0-arm64`, `${ecrMirror}:1.0-arm64`]) {
      expect(dockerRun('linux/arm64', ref)).toBe('aarch64')
      expect(s.docker(['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', ref]).trim()).toBe('linux/arm64')
    }
    const second = registryApi(secondEcr)
    const manifest = await second.manifest(ecrRepository, '1.0-arm64')
    expect(manifest.mediaType).toBe(OCI_MANIFEST)
    expect(manifest.json.manifests).toBeUndefined()
    const config = await second.blobJson(ecrRepository, manifest.json.config.digest)
    expect({ os: config.os, architecture: config.architecture }).toEqual({ os: 'linux', architecture: 'arm64' })
  })
})

describe('a mirror in ECR Public: logged in and its repository created through the ECR Public API (us-east-1)', () => {
  const repository = uniqueRepository('mirror-public-src')
  const name = `app-${repository.slice(repository.lastIndexOf('-') + 1)}`
  let ecrPublic: NonNullable<Stack['ecrPublic']>
  let mirror: string
  let run: ActionRun

  /** The digest a tag of the ECR Public stand-in holds, asked with curl at the stand-in's address. */
  const publicDigest = (tag: string): string | undefined => {
    const headers = execFileSync(
      'curl',
      [
        '-s',
        '-K',
        '-',
        '--resolve',
        `public.ecr.aws:443:${ecrPublic.address}`,
        '-H',
        'Accept: application/vnd.oci.image.index.v1+json',
        '-o',
        '/dev/null',
        '-D',
        '-',
        `https://public.ecr.aws/v2/emulated/${name}/manifests/${tag}`
      ],
      { input: `user = "${ecrPublic.username}:${ecrPublic.password}"\n`, encoding: 'utf8' }
    )
    return /^docker-content-digest:\s*(\S+)/im.exec(headers)?.[1]
  }

  beforeAll(async () => {
    if (!s.stack.ecrPublic) throw new Error('stack.json has no ecrPublic: run scripts/stack.sh of this checkout')
    ecrPublic = s.stack.ecrPublic
    // The emulator's account publishes under the alias `emulated`.
    mirror = `public.ecr.aws/emulated/${name}`
    const sources = await pushSources(s, repository)
    run = await s.merge(
      repository,
      { sources: sources.join('\n'), tags: '3.0', mirrors: mirror },
      resolveHostsEnv({ 'public.ecr.aws': ecrPublic.address })
    )
  })

  test('the mirror holds the primary digest under the tag, its repository created under the name without the alias', () => {
    expectSuccess(run)
    const [result] = JSON.parse(run.outputs.mirrors)
    expect(result).toMatchObject({ reference: mirror, digest: run.outputs.digest, tags: ['3.0'] })
    expect(result.error).toBeUndefined()
    expect(result.blobsCopied).toBe(4)
    expect(publicDigest('3.0')).toBe(run.outputs.digest)
    expect(s.emulator.publicRepositories.has(name)).toBe(true)
    const publicCalls = s.emulator.calls.filter(c => c.operation.startsWith('ecr-public:'))
    expect(publicCalls.map(c => c.operation)).toEqual(
      expect.arrayContaining(['ecr-public:GetAuthorizationToken', 'ecr-public:DescribeRepositories', 'ecr-public:CreateRepository'])
    )
    expect(publicCalls.find(c => c.operation === 'ecr-public:CreateRepository')?.body).toMatchObject({ repositoryName: name })
    // No private ECR repository was made for it.
    expect([...s.emulator.repositories.keys()].filter(r => r.includes(name))).toEqual([])
    expect(run.everything()).not.toContain(ecrPublic.password)
  })
})

describe('a blob chunk cut half-way by a reset on its way to the reference registry (the GHCR stand-in)', () => {
  const repository = uniqueRepository('mirror-cut-src')
  const mirrorRepository = uniqueRepository('mirror-cut')
  let proxy: Proxy
  let run: ActionRun

  beforeAll(async () => {
    const behindProxy = await mirrorBehindFaultProxy(s.stack)
    proxy = behindProxy.proxy
    const sources = await pushSources(s, repository)
    // The first blob PATCH: half its bytes reach the registry, then both connections drop.
    proxy.inject({ method: 'PATCH', path: /\/blobs\/uploads\//, fault: 'cut-request', times: 1 })
    run = await s.merge(
      repository,
      { sources: sources.join('\n'), tags: '4.0', mirrors: `${proxy.host}/${mirrorRepository}` },
      { DOCKER_CONFIG: behindProxy.dockerConfig }
    )
  })
  afterAll(async () => {
    await proxy?.close()
  })

  test('the refused retry starts the upload over; the mirror holds the digest in the same run', async () => {
    expectSuccess(run)
    const [mirror] = JSON.parse(run.outputs.mirrors)
    expect(mirror).toMatchObject({ digest: run.outputs.digest, tags: ['4.0'], blobsCopied: 4 })
    expect(mirror.error).toBeUndefined()
    const cut = proxy.requests.findIndex(r => r.fault === 'cut-request')
    expect(cut).toBeGreaterThanOrEqual(0)
    // What came after the cut on that upload: the retried PATCH refused, the status asked, a fresh upload.
    const upload = proxy.requests[cut].path.split('?')[0]
    const after = proxy.requests.slice(cut + 1)
    expect(after.filter(r => r.path.startsWith(upload)).map(r => `${r.method} ${r.status}`)).toEqual(
      expect.arrayContaining(['PATCH 404', 'GET 404'])
    )
    expect(after.some(r => r.method === 'POST' && /\/blobs\/uploads\/$/.test(r.path.split('?')[0]))).toBe(true)
    expect((await registryApi(s.stack.mirrorRegistry).manifest(mirrorRepository, '4.0')).digest).toBe(run.outputs.digest)
  })
})
