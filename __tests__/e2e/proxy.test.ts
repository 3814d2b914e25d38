// Behind a proxy: a merge run by dist/ with HTTPS_PROXY/HTTP_PROXY set sends its ECR API
// calls (the emulator, over AWS_ENDPOINT_URL_ECR) and its registry calls through the
// stack's tinyproxy; NO_PROXY hosts go direct; a proxy that refuses fails the step with an
// error naming the proxy (without its credentials) and the variable it came from.
import { errorOf, expectSuccess, SHA, startScenario, type Scenario } from '../../testing/scenario.js'
import { startRefusingProxy, type RefusingProxy } from '../../testing/refusing-proxy.js'
import { proxyLogOffset, proxyTargets, uniqueRepository } from '../../testing/stack.js'
import { pushSyntheticImage, type SyntheticPlatform } from '../../testing/synthetic-image.js'

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

let s: Scenario
let refusing: RefusingProxy
let emulatorHost: string

beforeAll(async () => {
  s = await startScenario()
  refusing = await startRefusingProxy(403)
  emulatorHost = new URL(s.emulator.endpoint).host
})
afterAll(async () => {
  await refusing?.close()
  await s?.close()
})

/** Two synthetic legs staged for run `runKey`, straight into the registry (no build needed). */
async function stageLegs(runKey: string): Promise<string> {
  const repository = uniqueRepository('proxy')
  const platforms: [string, SyntheticPlatform][] = [
    ['linux-amd64', { os: 'linux', architecture: 'amd64' }],
    ['linux-arm64', { os: 'linux', architecture: 'arm64' }]
  ]
  for (const [slug, platform] of platforms) {
    const image = await pushSyntheticImage(s.api, repository, platform, { labels: { 'org.opencontainers.image.revision': SHA } })
    const index = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: image.mediaType, digest: image.digest, size: image.size, platform }]
    }
    await s.api.putManifest(repository, `stage-${runKey}-1-${slug}`, JSON.stringify(index), OCI_INDEX)
  }
  // The merge's cleanup deletes through BatchDeleteImage: the repository must exist in ECR.
  s.emulator.repositories.set(repository, { mutability: 'MUTABLE', exclusions: [], createdAt: Date.now() })
  return repository
}

function proxyEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { HTTPS_PROXY: url, HTTP_PROXY: url, ...extra }
}

test('every ECR API and registry call of a merge goes through the proxy', async () => {
  const repository = await stageLegs('7001')
  const calls = s.emulator.calls.length
  const offset = proxyLogOffset(s.stack)
  const run = await s.merge(repository, {}, { GITHUB_RUN_ID: '7001', ...proxyEnv(s.stack.proxy.url) })
  expectSuccess(run)
  expect(run.stdout).toContain(`proxy: HTTPS through ${s.stack.proxy.url} (from HTTPS_PROXY)`)
  const targets = new Set(proxyTargets(offset, s.stack))
  // The action talked to exactly these two hosts, and the proxy carried both.
  expect([...targets].sort()).toEqual([emulatorHost, s.stack.registry].sort())
  expect(s.emulator.calls.length).toBeGreaterThan(calls)
  expect((await s.api.manifest(repository, 'main')).json.mediaType).toBe(OCI_INDEX)
})

test('NO_PROXY hosts go direct: the registry here, the ECR API still through the proxy', async () => {
  const repository = await stageLegs('7002')
  const offset = proxyLogOffset(s.stack)
  const registryHost = s.stack.registry.split(':')[0]
  const run = await s.merge(repository, {}, { GITHUB_RUN_ID: '7002', ...proxyEnv(s.stack.proxy.url, { no_proxy: `.${registryHost}` }) })
  expectSuccess(run)
  expect(proxyTargets(offset, s.stack)).toEqual(expect.arrayContaining([emulatorHost]))
  expect(proxyTargets(offset, s.stack)).not.toContain(s.stack.registry)
})

test('NO_PROXY=* sends everything direct', async () => {
  const repository = await stageLegs('7003')
  const offset = proxyLogOffset(s.stack)
  const run = await s.merge(repository, {}, { GITHUB_RUN_ID: '7003', ...proxyEnv(refusing.url, { NO_PROXY: '*' }) })
  expectSuccess(run)
  expect(proxyTargets(offset, s.stack)).toEqual([])
  expect(refusing.targets).toEqual([])
})

test('a proxy that refuses fails the step with an error naming it, never its password', async () => {
  const repository = await stageLegs('7004')
  const withPassword = refusing.url.replace('http://', 'http://proxyuser:hunter2-proxy@')
  const run = await s.merge(repository, {}, { GITHUB_RUN_ID: '7004', ...proxyEnv(withPassword) })
  expect(run.exitCode).not.toBe(0)
  // The first call is GetAuthorizationToken, to the emulator's plain-http endpoint: HTTP_PROXY's.
  expect(errorOf(run)).toContain(`the proxy ${refusing.url} (from HTTP_PROXY) refused to connect to ${emulatorHost} (HTTP 403)`)
  expect(errorOf(run)).toContain('NO_PROXY')
  expect(refusing.targets).toContain(emulatorHost)
  expect(run.everything()).not.toContain('hunter2-proxy')
  expect(run.stdout).toContain('::add-mask::hunter2-proxy')
})

test('registry calls have no direct fallback: a refusing proxy for the registry fails the merge, naming HTTPS_PROXY', async () => {
  const repository = await stageLegs('7005')
  refusing.targets.length = 0
  const run = await s.merge(repository, {}, { GITHUB_RUN_ID: '7005', ...proxyEnv(refusing.url, { NO_PROXY: '127.0.0.1' }) })
  expect(run.exitCode).not.toBe(0)
  expect(errorOf(run)).toContain(`the proxy ${refusing.url} (from HTTPS_PROXY) refused to connect to ${s.stack.registry} (HTTP 403)`)
  expect(new Set(refusing.targets)).toEqual(new Set([s.stack.registry]))
})
