// mirrors on the real stack: a merge publishes to the primary, then to the GHCR stand-in
// (its own registry and htpasswd user, logged in through `docker login` into the Docker
// config the action reads, as docker/login-action does) and to another repository of the
// primary registry: one digest everywhere, blobs really copied. Then a mirror that fails
// mid-copy (the fault proxy in front of the GHCR stand-in), and a re-run that completes it.
import type { Proxy } from '../../testing/proxy.js'
import { errorOf, expectSuccess, mirrorBehindFaultProxy, pushSources, startScenario, type Scenario } from '../../testing/scenario.js'
import { dockerLoginConfig, uniqueRepository, type Stack } from '../../testing/stack.js'
import type { ActionRun } from '../../testing/action-runner.js'

let s: Scenario
let dockerConfig: string
beforeAll(async () => {
  s = await startScenario()
  dockerConfig = dockerLoginConfig('mirror-login-', [s.stack.mirrorRegistry, s.stack])
})
afterAll(async () => {
  await s?.close()
})

describe('a merge with two mirrors', () => {
  const repository = uniqueRepository('mirrors')
  const ghcrRepository = uniqueRepository('ghcr')
  const sameRegistry = uniqueRepository('mirror-same')
  let run: ActionRun
  let ghcr: Stack['mirrorRegistry']

  beforeAll(async () => {
    ghcr = s.stack.mirrorRegistry
    const sources = await pushSources(s, repository)
    run = await s.merge(
      repository,
      {
        sources: sources.join('\n'),
        tags: '1.0',
        'platform-tags': 'true',
        mirrors: `${ghcr.registry}/${ghcrRepository}\n${s.stack.registry}/${sameRegistry}`
      },
      { DOCKER_CONFIG: dockerConfig }
    )
  })

  test('every mirror holds the same index digest under the tags, with blobs copied into the GHCR stand-in', async () => {
    expectSuccess(run)
    const mirrors = JSON.parse(run.outputs.mirrors)
    expect(mirrors.map((m: { reference: string }) => m.reference)).toEqual([
      `${ghcr.registry}/${ghcrRepository}`,
      `${s.stack.registry}/${sameRegistry}`
    ])
    for (const m of mirrors) {
      expect(m.digest).toBe(run.outputs.digest)
      expect([...m.tags].sort()).toEqual(['1.0', '1.0-amd64', '1.0-arm64'])
      expect(m.error).toBeUndefined()
    }
    // Two configs and two layers; across registries they are streamed, within one mounted.
    expect(mirrors[0].blobsCopied).toBe(4)
    expect(mirrors[0].bytesMoved).toBeGreaterThan(0)
    expect(mirrors[1]).toMatchObject({ blobsCopied: 4, bytesMoved: 0 })
    const same = await s.api.manifest(sameRegistry, '1.0')
    expect(same.digest).toBe(run.outputs.digest)
    const auth = `Basic ${Buffer.from(`${ghcr.username}:${ghcr.password}`).toString('base64')}`
    const res = await fetch(`https://${ghcr.registry}/v2/${ghcrRepository}/manifests/1.0`, {
      headers: { authorization: auth, accept: 'application/vnd.oci.image.index.v1+json' }
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('docker-content-digest')).toBe(run.outputs.digest)
    expect(run.summary).toContain(`${ghcr.registry}/${ghcrRepository}`)
    expect(run.everything()).not.toContain(ghcr.password)
  })

  test("the mirrors' requests go through the step's one connection pool, upload starts and mounts sharing its HTTP/2 connections", () => {
    const opened = (origin: string) =>
      run.stdout.split('\n').filter(line => line.startsWith('::debug::connection ') && line.endsWith(` opened to ${origin}`))
    // Counted by the pool: the mirror's client is the step's, not a fetch of its own.
    expect(opened(`https://${ghcr.registry}`).length).toBeGreaterThanOrEqual(1)
    // The second mirror is a repository of the primary: its HEADs, mount POSTs and PUTs all went
    // over the primary's one connection (a bodyless POST no longer opens one of its own).
    expect(opened(`https://${s.stack.registry}`)).toHaveLength(1)
  })
})

describe('a mirror that fails mid-copy, then a re-run', () => {
  const repository = uniqueRepository('mirror-fault-src')
  const mirrorRepository = uniqueRepository('mirror-fault')
  let ghcr: Stack['mirrorRegistry']
  let proxy: Proxy
  let proxiedConfig: string
  let sources: string

  beforeAll(async () => {
    ghcr = s.stack.mirrorRegistry
    ;({ proxy, dockerConfig: proxiedConfig } = await mirrorBehindFaultProxy(s.stack))
    sources = (await pushSources(s, repository)).join('\n')
  })
  afterAll(async () => {
    await proxy?.close()
  })

  const mergeWithMirror = () =>
    s.merge(repository, { sources, tags: '2.0', mirrors: `${proxy.host}/${mirrorRepository}` }, { DOCKER_CONFIG: proxiedConfig })

  test('every manifest PUT to the mirror fails: the primary is published, the step fails naming what the mirror holds', async () => {
    // Blobs go through; every manifest PUT fails, more times than any retry budget.
    proxy.inject({ method: 'PUT', path: /\/manifests\//, fault: '500', times: 1000 })
    const run = await mergeWithMirror()
    proxy.clearFaults()
    expect(run.exitCode).not.toBe(0)
    const reference = `${proxy.host}/${mirrorRepository}`
    expect(errorOf(run)).toContain('1 of 1 mirrors failed')
    expect(errorOf(run)).toContain(`The primary is published; mirrors hold: ${reference}: no tag. Re-run to complete them.`)
    // The primary holds the index; the mirror holds its blobs but no manifest.
    expect((await s.api.manifest(repository, '2.0')).digest).toBe(run.outputs.digest)
    const [mirror] = JSON.parse(run.outputs.mirrors)
    expect(mirror).toMatchObject({ reference, digest: run.outputs.digest, tags: [] })
    expect(mirror.error).toBeDefined()
    expect(mirror.blobsCopied).toBe(4)
    expect(proxy.requests.some(r => r.fault === '500' && r.method === 'PUT')).toBe(true)
    expect(run.everything()).not.toContain(ghcr.password)
  })

  test('the re-run without faults completes the mirror: same digest everywhere, only the missing manifests moved', async () => {
    proxy.resetLog()
    const run = await mergeWithMirror()
    expectSuccess(run)
    const [mirror] = JSON.parse(run.outputs.mirrors)
    expect(mirror).toMatchObject({ digest: run.outputs.digest, tags: ['2.0'], blobsCopied: 0, bytesMoved: 0 })
    expect(mirror.error).toBeUndefined()
    // No blob was uploaded again.
    expect(proxy.requests.filter(r => /\/blobs\/uploads\//.test(r.path))).toEqual([])
    const auth = `Basic ${Buffer.from(`${ghcr.username}:${ghcr.password}`).toString('base64')}`
    const res = await fetch(`https://${ghcr.registry}/v2/${mirrorRepository}/manifests/2.0`, {
      headers: { authorization: auth, accept: 'application/vnd.oci.image.index.v1+json' }
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('docker-content-digest')).toBe(run.outputs.digest)
    expect((await s.api.manifest(repository, '2.0')).digest).toBe(run.outputs.digest)
  })
})
