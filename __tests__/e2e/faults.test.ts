// Faults: merges (and two build legs) through a fault proxy in front of the registry and
// another in front of the ECR API emulator. Every fault type, transient and persistent:
// a transient fault is retried away; a persistent one fails the run with an error that
// names the operation and the last status, and never leaves a tag pointing at a
// manifest whose children are missing. Each run is recorded in reliability/results.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { ActionRun } from '../../testing/action-runner.js'
import { startProxy, type FaultKind, type FaultRule, type Proxy } from '../../testing/proxy.js'
import { errorOf, expectSuccess, SHA, startScenario, type Scenario } from '../../testing/scenario.js'
import { loadStack, projectRoot, stackDir, uniqueRepository } from '../../testing/stack.js'
import { pushSyntheticImage, type SyntheticPlatform } from '../../testing/synthetic-image.js'

type Kind = 'transient' | 'persistent'
type Outcome = 'success' | 'clean-failure' | 'wrong-publication'

interface RunRecord {
  case: string
  faultType: FaultKind
  kind: Kind
  outcome: Outcome
}

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const ACCEPT = [
  OCI_INDEX,
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')
const FAULT_TYPES: FaultKind[] = ['503', '500', '429-retry-after', '429', 'reset', 'stall', 'truncate', '401']
const PERSISTENT = 1000

const stack = loadStack()
const authorization = `Basic ${Buffer.from(`${stack.username}:${stack.password}`).toString('base64')}`
const results: RunRecord[] = []
let registryProxy: Proxy
let ecrProxy: Proxy
let router: OperationRouter
let s: Scenario

// ---------------------------------------------------------------------------------
// Plumbing: the ECR API proxy sees each operation as its own path.

interface OperationRouter {
  url: string
  close(): Promise<void>
}

/**
 * The AWS SDK POSTs every ECR operation to `/`; this front rewrites the path to
 * `/<Operation>` (from X-Amz-Target) before the fault proxy, so faults can target
 * GetAuthorizationToken or BatchDeleteImage alone. The emulator ignores the path.
 */
async function startOperationRouter(target: string): Promise<OperationRouter> {
  const server = http.createServer((req, res) => {
    const operation =
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() || 'unknown'
    const upstream = http.request(new URL(`/${operation}`, target), { method: req.method, headers: req.headers }, answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
      // A cut answer upstream stays a cut answer here.
      answer.on('aborted', () => res.destroy())
      answer.on('error', () => res.destroy())
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

// ---------------------------------------------------------------------------------
// Checks against the registry itself, never through the proxies or the action.

/**
 * One request straight to the registry. Retried on 401 and 5xx: other test runs on this
 * machine re-provision the stack (stack.sh rewrites htpasswd), and a refused read of the
 * registry says nothing about what it holds.
 */
async function registry(path: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`https://${stack.registry}/v2/${path}`, {
      ...init,
      headers: { authorization, accept: ACCEPT, ...(init.headers ?? {}) }
    })
    if ((res.status !== 401 && res.status < 500) || attempt === 5) return res
    await res.body?.cancel()
    await new Promise(resolve => setTimeout(resolve, 200 * attempt))
  }
}

const direct = {
  async manifest(repository: string, reference: string): Promise<{ status: number; digest?: string; json?: any }> {
    const res = await registry(`${repository}/manifests/${reference}`)
    if (res.status !== 200) {
      await res.body?.cancel()
      return { status: res.status }
    }
    return { status: 200, digest: res.headers.get('docker-content-digest') ?? undefined, json: await res.json() }
  },
  async tags(repository: string): Promise<string[]> {
    const res = await registry(`${repository}/tags/list?n=10000`)
    if (res.status === 404) return []
    if (res.status !== 200) throw new Error(`tags of ${repository}: ${res.status}`)
    return ((await res.json()) as { tags?: string[] }).tags ?? []
  },
  async putManifest(repository: string, reference: string, body: string, mediaType: string): Promise<void> {
    const res = await registry(`${repository}/manifests/${reference}`, { method: 'PUT', body, headers: { 'content-type': mediaType } })
    if (res.status !== 201) throw new Error(`PUT manifest ${repository}:${reference}: ${res.status} ${await res.text()}`)
    await res.body?.cancel()
  }
}

/** Blobs an image manifest names that the registry cannot serve. */
async function missingBlobs(repository: string, manifest: any, where: string): Promise<string[]> {
  const problems: string[] = []
  for (const blob of [manifest.config, ...(manifest.layers ?? [])].filter(Boolean)) {
    const res = await registry(`${repository}/blobs/${blob.digest}`, { method: 'HEAD' })
    if (res.status !== 200) problems.push(`${where}: blob ${blob.digest} answers ${res.status}`)
  }
  return problems
}

/**
 * The invariant no fault may break: every tag's manifest is fetchable, every child of
 * every index is fetchable, and every image's config and layers are there. [] when it holds.
 */
async function repositoryProblems(repository: string): Promise<string[]> {
  const problems: string[] = []
  for (const tag of await direct.tags(repository)) {
    const top = await direct.manifest(repository, tag)
    if (top.status !== 200) {
      problems.push(`tag ${tag} answers ${top.status}`)
      continue
    }
    if (Array.isArray(top.json.manifests)) {
      for (const child of top.json.manifests) {
        const m = await direct.manifest(repository, child.digest)
        if (m.status !== 200) problems.push(`tag ${tag}: child ${child.digest} answers ${m.status}`)
        else problems.push(...(await missingBlobs(repository, m.json, `tag ${tag} child ${child.digest}`)))
      }
    } else {
      problems.push(...(await missingBlobs(repository, top.json, `tag ${tag}`)))
    }
  }
  return problems
}

/** What each requested tag points to in the registry (undefined: no such tag). */
async function tagDigests(repository: string, tags: string[]): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>()
  for (const tag of tags) {
    const m = await direct.manifest(repository, tag)
    out.set(tag, m.status === 200 && m.json.mediaType === OCI_INDEX ? m.digest : m.status === 404 ? undefined : `status ${m.status}`)
  }
  return out
}

/** The tags a failed run says it published (`Published: a, b`), none when it says nothing. */
function reportedPublished(error: string): string[] {
  const m = /Published: ([^.]+?)\.?$/.exec(error)
  return m ? m[1].split(',').map(t => t.trim()) : []
}

/**
 * success: exit 0 and the run's index under every tag. clean-failure: a non-zero exit with
 * an ::error::, and the registry holds the index under every tag or exactly the tags the
 * error reported as published (the rest absent). Anything else, or any broken tag in the
 * repository, is a wrong publication.
 */
async function judge(run: ActionRun, repository: string, tags: string[]): Promise<{ outcome: Outcome; why: string }> {
  const problems = await repositoryProblems(repository)
  if (problems.length > 0) return { outcome: 'wrong-publication', why: problems.join('; ') }
  const held = await tagDigests(repository, tags)
  const values = [...held.values()]
  const everywhere = values.every(d => d !== undefined && d === values[0] && d.startsWith('sha256:'))
  if (run.exitCode === 0) {
    return everywhere && values[0] === run.outputs.digest
      ? { outcome: 'success', why: '' }
      : { outcome: 'wrong-publication', why: `succeeded, but the tags hold ${JSON.stringify([...held])}` }
  }
  const error = errorOf(run)
  if (error === '') return { outcome: 'wrong-publication', why: `exit ${run.exitCode} without an ::error::\n${run.stdout}\n${run.stderr}` }
  if (everywhere) return { outcome: 'clean-failure', why: '' }
  const published = reportedPublished(error)
  const announced = /publishing (sha256:[a-f0-9]{64}) failed/.exec(error)?.[1]
  const exact = tags.every(tag => (published.includes(tag) ? held.get(tag) === announced : held.get(tag) === undefined))
  return exact
    ? { outcome: 'clean-failure', why: '' }
    : {
        outcome: 'wrong-publication',
        why: `error reported ${JSON.stringify(published)} published, the tags hold ${JSON.stringify([...held])}: ${error}`
      }
}

/** Milliseconds of every `retrying <operation> in <ms>ms` line whose operation starts with `prefix`. */
function retryWaits(run: ActionRun, prefix: string): number[] {
  return [...run.stdout.matchAll(/^retrying (.+?) in (\d+)ms \(attempt/gm)].filter(m => m[1].startsWith(prefix)).map(m => Number(m[2]))
}

// ---------------------------------------------------------------------------------
// Staged legs: synthetic images, and one real build leg; each merge stages its own copy.

interface Legs {
  repository: string
  /** Staging index (bytes) per platform slug. */
  indexes: Map<string, string>
  /** Image digests, in the order the index lists them. */
  images: string[]
}

let synthetic: Legs
let built: Legs

async function syntheticLegs(): Promise<Legs> {
  const repository = uniqueRepository('faults-synthetic')
  const indexes = new Map<string, string>()
  const images: string[] = []
  const platforms: [string, SyntheticPlatform][] = [
    ['linux-amd64', { os: 'linux', architecture: 'amd64' }],
    ['linux-arm64', { os: 'linux', architecture: 'arm64' }]
  ]
  for (const [slug, platform] of platforms) {
    const image = await pushSyntheticImage(s.api, repository, platform, { labels: { 'org.opencontainers.image.revision': SHA } })
    images.push(image.digest)
    const index = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: image.mediaType, digest: image.digest, size: image.size, platform }]
    }
    indexes.set(slug, JSON.stringify(index))
  }
  // The merge's cleanup deletes through BatchDeleteImage: the repository must exist in ECR.
  s.emulator.repositories.set(repository, { mutability: 'MUTABLE', exclusions: [], createdAt: Date.now() })
  return { repository, indexes, images }
}

/** Stages the legs for one merge under its own run key, straight into the registry. */
async function stage(legs: Legs, runKey: string): Promise<string[]> {
  const tags: string[] = []
  for (const [slug, index] of legs.indexes) {
    const tag = `stage-${runKey}-1-${slug}`
    await direct.putManifest(legs.repository, tag, index, OCI_INDEX)
    tags.push(tag)
  }
  return tags
}

function inject(rules: { registry?: FaultRule[]; ecr?: FaultRule[] }): void {
  registryProxy.clearFaults()
  ecrProxy.clearFaults()
  for (const rule of rules.registry ?? []) registryProxy.inject(rule)
  for (const rule of rules.ecr ?? []) ecrProxy.inject(rule)
  registryProxy.resetLog()
  ecrProxy.resetLog()
}

function faultsDelivered(proxy: Proxy): number {
  return proxy.requests.filter(r => r.fault !== undefined).length
}

const env = (runKey: string) => ({ AWS_ENDPOINT_URL_ECR: router.url, GITHUB_RUN_ID: runKey })

beforeAll(async () => {
  const certs = join(stackDir, 'registry/certs')
  const ca = readFileSync(stack.caCert, 'utf8')
  registryProxy = await startProxy({
    target: `https://${stack.registry}`,
    tls: { key: readFileSync(join(certs, 'tls.key'), 'utf8'), cert: ca },
    ca
  })
  // The emulator hands out the fault proxy as the registry's proxyEndpoint.
  s = await startScenario({ registryUrl: registryProxy.url })
  ecrProxy = await startProxy({ target: s.emulator.endpoint })
  router = await startOperationRouter(ecrProxy.url)
  synthetic = await syntheticLegs()
})

afterAll(async () => {
  await router?.close()
  await ecrProxy?.close()
  await s?.close()
  await registryProxy?.close()
  writeResults()
})

// ---------------------------------------------------------------------------------
// Build legs: BuildKit's push and the action's own staging calls through the faults.

/** The build-leg tests below, counted with the merge cases before results.json is written. */
const BUILD_LEG_CASES = 3

describe('build legs through the fault proxy', () => {
  const repository = uniqueRepository('faults-built')

  async function leg(name: string, faultType: FaultKind, runKey: string, rules: { registry?: FaultRule[]; ecr?: FaultRule[] }) {
    inject(rules)
    const run = await s.leg(repository, 'linux/amd64', { inputs: { cache: 'none' }, env: env(runKey) })
    const delivered = { registry: faultsDelivered(registryProxy), ecr: faultsDelivered(ecrProxy) }
    registryProxy.clearFaults()
    ecrProxy.clearFaults()
    const problems = await repositoryProblems(repository)
    const staged = await direct.manifest(repository, `stage-${runKey}-1-linux-amd64`)
    const ok = run.exitCode === 0 && staged.status === 200 && staged.digest === run.outputs.digest && problems.length === 0
    const outcome: Outcome = ok ? 'success' : run.exitCode !== 0 && problems.length === 0 ? 'clean-failure' : 'wrong-publication'
    results.push({ case: name, faultType, kind: 'transient', outcome })
    expectSuccess(run)
    expect(problems).toEqual([])
    expect(staged.status).toBe(200)
    expect(staged.digest).toBe(run.outputs.digest)
    return { run, delivered, staged }
  }
  const timeout = 300_000

  test(
    "503 on BuildKit's manifest PUT, on the leg's own blob GET and on DescribeRepositories: the leg stages",
    async () => {
      const { run, delivered, staged } = await leg('build leg: 503 on push, staging and ECR', '503', 'leg503', {
        registry: [
          // Only BuildKit PUTs manifests by digest; only the action GETs blobs.
          { method: 'PUT', path: /\/manifests\/sha256:/, fault: '503', times: 1 },
          { method: 'GET', path: /\/blobs\//, fault: '503', times: 2 }
        ],
        ecr: [{ path: /^\/DescribeRepositories/, fault: '503', times: 1 }]
      })
      expect(delivered).toEqual({ registry: 3, ecr: 1 })
      expect(retryWaits(run, 'GET blob')).toHaveLength(2)
      // BuildKit retried its own PUT.
      expect(run.stdout).toMatch(/retrying in 1s/)
      // The legs the merges below stage again: the real one, with its attestation.
      const attestations = staged.json.manifests.filter((m: any) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')
      expect(attestations).toHaveLength(1)
      built = {
        repository,
        indexes: new Map([['linux-amd64', JSON.stringify(staged.json)]]),
        images: staged.json.manifests.filter((m: any) => m.platform?.architecture === 'amd64').map((m: any) => m.digest)
      }
    },
    timeout
  )

  test(
    "connection resets on BuildKit's blob HEAD, on the leg's own blob GET and on GetAuthorizationToken: the leg stages",
    async () => {
      const { run, delivered } = await leg('build leg: resets on push, staging and ECR', 'reset', 'legreset', {
        registry: [
          { method: 'HEAD', path: /\/blobs\//, fault: 'reset', times: 1 },
          { method: 'GET', path: /\/blobs\//, fault: 'reset', times: 1 }
        ],
        ecr: [{ path: /^\/GetAuthorizationToken/, fault: 'reset', times: 1 }]
      })
      expect(delivered).toEqual({ registry: 2, ecr: 1 })
      expect(retryWaits(run, 'GET blob')).toHaveLength(1)
    },
    timeout
  )
  test(
    "503 on the engine's own push of the result (which does not retry): the action builds again from cache and the leg stages",
    async () => {
      const { run, delivered } = await leg('build leg: 503 on the engine push', '503', 'legengine', {
        // After BuildKit's push the engine pushes the result itself: its first manifest GET.
        registry: [{ method: 'GET', path: /\/manifests\//, fault: '503', times: 1 }]
      })
      expect(delivered).toEqual({ registry: 1, ecr: 0 })
      expect(run.stdout).toMatch(/retrying docker buildx build linux\/amd64 in \d+ms \(attempt 2\/3\): .*503/)
    },
    timeout
  )
})

// ---------------------------------------------------------------------------------
// Merges: one per fault type and kind, each with its own staged legs and tags.

interface Context {
  repository: string
  tags: string[]
  staging: string[]
  host: string
  /** GetAuthorizationToken calls the emulator answered during the run. */
  logins: number
}

interface Case {
  name: string
  fault: FaultKind
  kind: Kind
  legs: () => Legs
  registry?: FaultRule[]
  ecr?: FaultRule[]
  expect: Exclude<Outcome, 'wrong-publication'>
  /** Substrings of the ::error:: line. */
  error?: (c: Context) => string[]
  check?: (run: ActionRun, c: Context) => void | Promise<void>
}

const GET_MANIFESTS: Pick<FaultRule, 'method' | 'path'> = { method: 'GET', path: /\/manifests\// }
const PUT_MANIFESTS: Pick<FaultRule, 'method' | 'path'> = { method: 'PUT', path: /\/manifests\// }
const GET_BLOBS: Pick<FaultRule, 'method' | 'path'> = { method: 'GET', path: /\/blobs\// }
const TAGS_LIST: Pick<FaultRule, 'method' | 'path'> = { method: 'GET', path: /\/tags\/list/ }
const AUTH_TOKEN = { path: /^\/GetAuthorizationToken/ }
const BATCH_DELETE = { path: /^\/BatchDeleteImage/ }

async function stagingLeft(c: Context): Promise<string[]> {
  return (await direct.tags(c.repository)).filter(t => c.staging.includes(t))
}

const cases: Case[] = [
  {
    name: '503 on the release tag PUTs and on BatchDeleteImage',
    fault: '503',
    kind: 'transient',
    legs: () => built,
    registry: [{ ...PUT_MANIFESTS, fault: '503', times: 2 }],
    ecr: [{ ...BATCH_DELETE, fault: '503', times: 1 }],
    expect: 'success',
    check: async (run, c) => {
      expect(retryWaits(run, 'PUT manifest')).toHaveLength(2)
      expect(await stagingLeft(c)).toEqual([])
    }
  },
  {
    name: '500 on the staging manifest GETs and on GetAuthorizationToken',
    fault: '500',
    kind: 'transient',
    legs: () => synthetic,
    registry: [{ ...GET_MANIFESTS, fault: '500', times: 2 }],
    ecr: [{ ...AUTH_TOKEN, fault: '500', times: 1 }],
    expect: 'success',
    check: run => expect(retryWaits(run, 'GET manifest')).toHaveLength(2)
  },
  {
    name: '429 without Retry-After on the tag list and on BatchDeleteImage',
    fault: '429',
    kind: 'transient',
    legs: () => synthetic,
    registry: [{ ...TAGS_LIST, fault: '429', times: 2 }],
    ecr: [{ ...BATCH_DELETE, fault: '429', times: 1 }],
    expect: 'success',
    check: async (run, c) => {
      expect(retryWaits(run, 'list tags')).toHaveLength(2)
      expect(await stagingLeft(c)).toEqual([])
    }
  },
  {
    name: '429 with Retry-After: 1 on the config blob GET and on GetAuthorizationToken',
    fault: '429-retry-after',
    kind: 'transient',
    legs: () => synthetic,
    registry: [{ ...GET_BLOBS, fault: '429-retry-after', retryAfterSeconds: 1, times: 1 }],
    ecr: [{ ...AUTH_TOKEN, fault: '429-retry-after', retryAfterSeconds: 1, times: 1 }],
    expect: 'success',
    check: run => {
      const waits = retryWaits(run, 'GET blob')
      expect(waits).toHaveLength(1)
      // The server asked for a second: the action waited (at least) that long.
      expect(waits[0]).toBeGreaterThanOrEqual(1000)
    }
  },
  {
    name: 'connection resets on manifest GET and PUT, blob GET and GetAuthorizationToken',
    fault: 'reset',
    kind: 'transient',
    legs: () => built,
    registry: [
      { ...GET_MANIFESTS, fault: 'reset', times: 1 },
      { ...PUT_MANIFESTS, fault: 'reset', times: 1 },
      { ...GET_BLOBS, fault: 'reset', times: 1 }
    ],
    ecr: [{ ...AUTH_TOKEN, fault: 'reset', times: 1 }],
    expect: 'success',
    check: run => {
      for (const operation of ['GET manifest', 'PUT manifest', 'GET blob']) expect(retryWaits(run, operation)).toHaveLength(1)
    }
  },
  {
    name: '2 s stalls on the staging manifest GETs and on BatchDeleteImage',
    fault: 'stall',
    kind: 'transient',
    legs: () => synthetic,
    registry: [{ ...GET_MANIFESTS, fault: 'stall', stallMs: 2000, times: 2 }],
    ecr: [{ ...BATCH_DELETE, fault: 'stall', stallMs: 2000, times: 1 }],
    expect: 'success',
    // A stall shorter than the request timeout is slowness, not a failure: nothing is retried.
    check: async (run, c) => {
      expect(retryWaits(run, '')).toEqual([])
      expect(await stagingLeft(c)).toEqual([])
    }
  },
  {
    name: 'truncated bodies on manifest and blob GETs and on GetAuthorizationToken',
    fault: 'truncate',
    kind: 'transient',
    legs: () => synthetic,
    registry: [
      { ...GET_MANIFESTS, fault: 'truncate', times: 2 },
      { ...GET_BLOBS, fault: 'truncate', times: 1 }
    ],
    ecr: [{ ...AUTH_TOKEN, fault: 'truncate', times: 1 }],
    expect: 'success',
    check: run => {
      expect(retryWaits(run, 'GET manifest')).toHaveLength(2)
      expect(retryWaits(run, 'GET blob')).toHaveLength(1)
    }
  },
  {
    name: '401 once on a manifest GET: the ECR token is refreshed',
    fault: '401',
    kind: 'transient',
    legs: () => synthetic,
    registry: [{ ...GET_MANIFESTS, fault: '401', times: 1 }],
    expect: 'success',
    check: (run, c) => {
      expect(run.stdout).toContain(`registry ${c.host} refused the credentials; refreshing them`)
      expect(c.logins).toBe(2)
    }
  },

  // Persistent faults: the default retry budget (5 attempts, 250 ms base) runs out in seconds.
  {
    name: "persistent 503 on one release tag's PUT: the other tag is published and reported",
    fault: '503',
    kind: 'persistent',
    legs: () => synthetic,
    registry: [{ method: 'PUT', path: /\/manifests\/503-persistent-\d+-b$/, fault: '503', times: PERSISTENT }],
    expect: 'clean-failure',
    error: c => [`PUT manifest ${c.repository}:${c.tags[1]} failed after 5 attempts: 503 Service Unavailable`, `Published: ${c.tags[0]}`],
    check: async (_run, c) => {
      const held = await tagDigests(c.repository, c.tags)
      expect(held.get(c.tags[0])).toMatch(/^sha256:/)
      expect(held.get(c.tags[1])).toBeUndefined()
    }
  },
  {
    name: 'persistent 503 on BatchDeleteImage: published, staging tags left with a warning',
    fault: '503',
    kind: 'persistent',
    legs: () => synthetic,
    ecr: [{ ...BATCH_DELETE, fault: '503', times: PERSISTENT }],
    expect: 'success',
    check: async (run, c) => {
      expect(run.stdout).toMatch(
        /^::warning::the index is published, but cleaning up the staging tags failed: ECR BatchDeleteImage failed after 5 attempts: UnknownError \(HTTP 503\)$/m
      )
      expect((await stagingLeft(c)).sort()).toEqual([...c.staging].sort())
    }
  },
  {
    name: 'persistent 500 on every release tag PUT: nothing is published',
    fault: '500',
    kind: 'persistent',
    legs: () => synthetic,
    registry: [{ ...PUT_MANIFESTS, fault: '500', times: PERSISTENT }],
    expect: 'clean-failure',
    error: c => [
      ...c.tags.map(tag => `PUT manifest ${c.repository}:${tag} failed after 5 attempts: 500 Internal Server Error`),
      'No tag was published'
    ]
  },
  {
    name: 'persistent 500 on GetAuthorizationToken: the login fails, nothing is touched',
    fault: '500',
    kind: 'persistent',
    legs: () => synthetic,
    ecr: [{ ...AUTH_TOKEN, fault: '500', times: PERSISTENT }],
    expect: 'clean-failure',
    // The SDK cannot parse the proxy's error body: the status is what is left to name.
    error: () => ['ECR GetAuthorizationToken failed after 5 attempts: UnknownError (HTTP 500)'],
    check: () => expect(registryProxy.requests).toEqual([])
  },
  {
    name: 'persistent 429 on the tag list',
    fault: '429',
    kind: 'persistent',
    legs: () => synthetic,
    registry: [{ ...TAGS_LIST, fault: '429', times: PERSISTENT }],
    expect: 'clean-failure',
    error: c => [`list tags ${c.repository} failed after 5 attempts: 429 Too Many Requests`]
  },
  {
    name: 'persistent 429 with Retry-After: 1 on the config blob GETs',
    fault: '429-retry-after',
    kind: 'persistent',
    legs: () => synthetic,
    registry: [{ ...GET_BLOBS, fault: '429-retry-after', retryAfterSeconds: 1, times: PERSISTENT }],
    expect: 'clean-failure',
    error: c => [`GET blob ${c.repository}@sha256:`, 'failed after 5 attempts: 429 Too Many Requests'],
    check: run => {
      const waits = retryWaits(run, 'GET blob')
      expect(waits.length).toBeGreaterThanOrEqual(4)
      for (const ms of waits) expect(ms).toBeGreaterThanOrEqual(1000)
    }
  },
  {
    name: 'persistent connection resets on the manifest GETs',
    fault: 'reset',
    kind: 'persistent',
    legs: () => synthetic,
    registry: [{ ...GET_MANIFESTS, fault: 'reset', times: PERSISTENT }],
    expect: 'clean-failure',
    error: c => [`GET manifest ${c.repository}:stage-`, 'failed after 5 attempts', `connection to ${c.host} failed`]
  },
  {
    name: 'persistent 2 s stalls on the release tag PUTs: slow, not failed',
    fault: 'stall',
    kind: 'persistent',
    legs: () => synthetic,
    // Only the release tags: the emulator's own registry calls go through this proxy too.
    registry: [{ method: 'PUT', path: /\/manifests\/stall-persistent-\d+-[ab]$/, fault: 'stall', stallMs: 2000, times: PERSISTENT }],
    expect: 'success',
    check: run => expect(retryWaits(run, '')).toEqual([])
  },
  {
    name: 'persistent truncated bodies on the config blob GETs',
    fault: 'truncate',
    kind: 'persistent',
    legs: () => synthetic,
    registry: [{ ...GET_BLOBS, fault: 'truncate', times: PERSISTENT }],
    expect: 'clean-failure',
    error: c => [`GET blob ${c.repository}@sha256:`, 'failed after 5 attempts']
  },
  {
    name: 'persistent 401 on the release tag PUTs: one refresh, then a clear failure',
    fault: '401',
    kind: 'persistent',
    legs: () => synthetic,
    registry: [{ ...PUT_MANIFESTS, fault: '401', times: PERSISTENT }],
    expect: 'clean-failure',
    error: c => [
      ...c.tags.map(tag => `PUT manifest ${c.repository}:${tag}: 401 Unauthorized`),
      `authentication to ${c.host} failed`,
      'No tag was published'
    ],
    check: (run, c) => {
      expect(run.stdout.split('\n').filter(l => l.includes('refused the credentials; refreshing them'))).toHaveLength(1)
      expect(c.logins).toBe(2)
    }
  }
]

const counter = new Map<string, number>()

describe.each(cases.map(c => [`${c.kind} ${c.fault}: ${c.name}`, c] as const))('merge, %s', (_title, c) => {
  test(`${c.expect === 'success' ? 'succeeds' : 'fails cleanly'} and keeps every tag whole`, async () => {
    const n = (counter.get(`${c.fault}-${c.kind}`) ?? 0) + 1
    counter.set(`${c.fault}-${c.kind}`, n)
    const slug = `${c.fault}-${c.kind}-${n}`
    const runKey = slug.replace(/-/g, '_')
    const legs = c.legs()
    const staging = await stage(legs, runKey)
    const tags = [`${slug}-a`, `${slug}-b`]
    inject({ registry: c.registry, ecr: c.ecr })
    const loginsBefore = s.emulator.calls.filter(call => call.operation === 'GetAuthorizationToken').length
    const run = await s.merge(legs.repository, { tags: tags.join(',') }, env(runKey))
    const delivered = faultsDelivered(registryProxy) + faultsDelivered(ecrProxy)
    registryProxy.clearFaults()
    ecrProxy.clearFaults()
    const context: Context = {
      repository: legs.repository,
      tags,
      staging,
      host: registryProxy.host,
      logins: s.emulator.calls.filter(call => call.operation === 'GetAuthorizationToken').length - loginsBefore
    }
    const verdict = await judge(run, legs.repository, tags)
    results.push({ case: c.name, faultType: c.fault, kind: c.kind, outcome: verdict.outcome })

    expect(verdict.why).toBe('')
    expect(verdict.outcome).toBe(c.expect)
    // The faults were really injected: a transient one exactly as often as asked.
    const asked = [...(c.registry ?? []), ...(c.ecr ?? [])]
    if (c.kind === 'transient') expect(delivered).toBe(asked.reduce((sum, r) => sum + r.times, 0))
    else expect(delivered).toBeGreaterThan(0)
    if (c.expect === 'success') {
      expectSuccess(run)
      const index = await direct.manifest(legs.repository, tags[0])
      expect(index.json.manifests.filter((m: any) => m.platform?.architecture !== 'unknown').map((m: any) => m.digest)).toEqual(legs.images)
    } else {
      const error = errorOf(run)
      for (const part of c.error!(context)) expect(error).toContain(part)
    }
    await c.check?.(run, context)
  }, 120_000)
})

// ---------------------------------------------------------------------------------
// Figures: reliability/results.json, for scripts/reliability-table.mjs.

function writeResults(): void {
  const planned = cases.length + BUILD_LEG_CASES
  if (results.length !== planned) {
    console.warn(`reliability/results.json not written: ${results.length} of ${planned} runs recorded (a filtered or aborted run)`)
    return
  }
  const faultTypes = FAULT_TYPES.map(fault => {
    const runs = results.filter(r => r.faultType === fault)
    const count = (outcome: Outcome) => runs.filter(r => r.outcome === outcome).length
    return {
      faultType: fault,
      runs: runs.length,
      transient: runs.filter(r => r.kind === 'transient').length,
      persistent: runs.filter(r => r.kind === 'persistent').length,
      successes: count('success'),
      cleanFailures: count('clean-failure'),
      wrongPublications: count('wrong-publication')
    }
  })
  const dir = join(projectRoot, 'reliability')
  mkdirSync(dir, { recursive: true })
  const body = {
    source: '__tests__/e2e/faults.test.ts',
    retryBudget: { attempts: 5, baseDelayMs: 250, maxDelayMs: 8000, deadlineMs: 60000, requestTimeoutMs: 30000 },
    faultTypes,
    runs: results
  }
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(body, null, 2)}\n`)
}
