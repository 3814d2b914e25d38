// mirrors on the real stack: a merge publishes to the primary, then to the GHCR stand-in
// (its own registry and htpasswd user, logged in through `docker login` into the Docker
// config the action reads, as docker/login-action does) and to another repository of the
// primary registry: one digest everywhere, blobs really copied. Then a mirror that fails
// mid-copy (the fault proxy in front of the GHCR stand-in), and a re-run that completes it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startProxy, type Proxy } from '../../testing/proxy.js'
import { errorOf, expectSuccess, SHA, startScenario, type Scenario } from '../../testing/scenario.js'
import { stackDir, uniqueRepository } from '../../testing/stack.js'
import { pushSyntheticImage } from '../../testing/synthetic-image.js'
import type { ActionRun } from '../../testing/action-runner.js'

interface MirrorStack {
  mirrorRegistry: { registry: string; username: string; password: string }
}

let s: Scenario
let dockerConfig: string
beforeAll(async () => {
  s = await startScenario()
  dockerConfig = mkdtempSync(join(tmpdir(), 'mirror-login-'))
  const login = (registry: string, username: string, password: string) =>
    execFileSync('docker', ['login', '--username', username, '--password-stdin', registry], {
      input: password,
      env: { ...process.env, DOCKER_CONFIG: dockerConfig },
      stdio: ['pipe', 'ignore', 'pipe']
    })
  const { mirrorRegistry } = s.stack as unknown as MirrorStack
  login(mirrorRegistry.registry, mirrorRegistry.username, mirrorRegistry.password)
  login(s.stack.registry, s.stack.username, s.stack.password)
})
afterAll(async () => {
  await s?.close()
})

describe('a merge with two mirrors', () => {
  const repository = uniqueRepository('mirrors')
  const ghcrRepository = uniqueRepository('ghcr')
  const sameRegistry = uniqueRepository('mirror-same')
  let run: ActionRun
  let ghcr: MirrorStack['mirrorRegistry']

  beforeAll(async () => {
    ghcr = (s.stack as unknown as MirrorStack).mirrorRegistry
    const labels = { 'org.opencontainers.image.revision': SHA }
    const sources: string[] = []
    for (const architecture of ['amd64', 'arm64']) {
      const image = await pushSyntheticImage(s.api, repository, { os: 'linux', architecture }, { labels })
      sources.push(`${s.stack.registry}/${repository}@${image.digest}`)
    }
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
})

describe('a mirror that fails mid-copy, then a re-run', () => {
  const repository = uniqueRepository('mirror-fault-src')
  const mirrorRepository = uniqueRepository('mirror-fault')
  let ghcr: MirrorStack['mirrorRegistry']
  let proxy: Proxy
  let proxiedConfig: string
  let sources: string

  beforeAll(async () => {
    ghcr = (s.stack as unknown as MirrorStack).mirrorRegistry
    // The proxy speaks TLS as registry.test:<port> (the primary's certificate) and forwards to the GHCR stand-in.
    const ca = readFileSync(s.stack.caCert, 'utf8')
    proxy = await startProxy({
      target: `https://${ghcr.registry}`,
      tls: { key: readFileSync(join(stackDir, 'registry/certs/tls.key'), 'utf8'), cert: ca },
      ca
    })
    // The Docker config docker/login-action would write for the proxied host.
    proxiedConfig = mkdtempSync(join(tmpdir(), 'mirror-fault-login-'))
    const auth = Buffer.from(`${ghcr.username}:${ghcr.password}`).toString('base64')
    writeFileSync(join(proxiedConfig, 'config.json'), JSON.stringify({ auths: { [proxy.host]: { auth } } }), { mode: 0o600 })
    const list: string[] = []
    for (const architecture of ['amd64', 'arm64']) {
      const image = await pushSyntheticImage(
        s.api,
        repository,
        { os: 'linux', architecture },
        { labels: { 'org.opencontainers.image.revision': SHA } }
      )
      list.push(`${s.stack.registry}/${repository}@${image.digest}`)
    }
    sources = list.join('\n')
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
