// An emulator of the ECR control-plane API (JSON 1.1 over HTTP), backed by a real
// distribution registry that holds the images. The real AWS SDK reaches it through
// AWS_ENDPOINT_URL_ECR with dummy credentials: requests must be SigV4-signed, but the
// signature itself is not verified.
//
// One endpoint may emulate several accounts, each in its own region with its own backing
// registry, as AWS_ENDPOINT_URL_ECR sends every region's calls to one URL: a request goes to
// the account of the region it is signed for (its SigV4 credential scope), the first account
// when no other serves that region.
//
// ECR semantics kept here: deleting by tag removes only that tag (the image goes with
// its last tag); an image still referenced by an index in the repository stays,
// untagged. The distribution API can only delete a manifest by digest, which drops all
// its tags, so the emulator re-pushes the manifest under whatever must survive.
import { createHash, randomUUID } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { MediaType } from '../src/oci/types.js'

export interface EcrAccountOptions {
  /** e.g. https://registry.test:5443 or http://127.0.0.1:5000 */
  registryUrl: string
  username: string
  password: string
  accountId?: string
  region?: string
  /** PEM of the CA that signed the registry's certificate. */
  ca?: string
  /** The alias of the account's ECR Public registry (public.ecr.aws/<alias>); default `emulated`. */
  publicAlias?: string
  /** The credentials ECR Public tokens carry, when its registry is another than `registryUrl`'s. */
  publicCredentials?: { username: string; password: string }
}

export interface EcrEmulatorOptions extends EcrAccountOptions {
  /** More accounts, each answering the calls signed for its own region (give each a region and account id). */
  otherAccounts?: EcrAccountOptions[]
}

export interface EmulatedRepository {
  mutability: string
  exclusions: { filterType: string; filter: string }[]
  createdAt: number
  scanOnPush?: boolean
  encryptionType?: string
  lifecyclePolicy?: string
}

export interface EcrCall {
  operation: string
  body: any
  at: number
}

export interface EmulatedError {
  status: number
  type: string
  message?: string
}

/** What one emulated account holds and was asked. */
export interface EmulatedAccount {
  accountId: string
  region: string
  calls: EcrCall[]
  repositories: Map<string, EmulatedRepository>
  /** ECR Public repositories (names without the alias) and when they were created. */
  publicRepositories: Map<string, { createdAt: number }>
  /** The registry password handed out in authorization tokens: tests scan output for it. */
  token: string
}

/** The first account's state at the top level (the one most tests use), the others in `accounts`. */
export interface EcrEmulator extends EmulatedAccount {
  endpoint: string
  /** Every account, the first one first. */
  accounts: EmulatedAccount[]
  close(): Promise<void>
  failNext(operation: string, error: EmulatedError, times?: number): void
}

const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.'
// ECR Public's JSON 1.1 service; its operations are recorded (and failed) as `ecr-public:<Operation>`.
const PUBLIC_TARGET_PREFIX = 'SpencerFrontendService.'
const PUBLIC_OPERATION_PREFIX = 'ecr-public:'
const JSON_11 = 'application/x-amz-json-1.1'
const ACCEPT = [MediaType.OciIndex, MediaType.OciManifest, MediaType.DockerManifestList, MediaType.DockerManifest].join(', ')
const INDEX_TYPES = new Set<string>([MediaType.OciIndex, MediaType.DockerManifestList])
const REPOSITORY_NAME = /^(?=.{2,256}$)[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/
const MUTABILITIES = new Set(['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'])
const TOKEN_LIFETIME_SECONDS = 12 * 3600

/** An error the emulator answers with, shaped as ECR's JSON 1.1 errors. */
class EcrError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string
  ) {
    super(message)
  }
}

const invalid = (message: string) => new EcrError(400, 'InvalidParameterException', message)

interface RegistryResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

interface Manifest {
  digest: string
  mediaType: string
  bytes: Buffer
}

function registryClient(opts: EcrEmulatorOptions) {
  const base = new URL(opts.registryUrl)
  const secure = base.protocol === 'https:'
  // A private agent without keep-alive: nothing lingers after the tests.
  const agent = secure ? new https.Agent({ keepAlive: false, ...(opts.ca ? { ca: opts.ca } : {}) }) : new http.Agent({ keepAlive: false })
  const authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`

  function request(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<RegistryResponse> {
    const url = new URL(path, base)
    const send = secure ? https.request : http.request
    return new Promise((resolve, reject) => {
      const req = send(url, { method, agent, headers: { authorization, ...headers }, timeout: 30000 }, res => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      req.on('timeout', () => req.destroy(new Error(`registry ${method} ${url.pathname} timed out`)))
      req.on('error', reject)
      req.end(body)
    })
  }

  function unexpected(what: string, res: RegistryResponse): EcrError {
    return new EcrError(
      500,
      'ServerException',
      `backing registry: ${what} answered ${res.status}: ${res.body.toString('utf8').slice(0, 300)}`
    )
  }

  async function manifest(repo: string, reference: string): Promise<Manifest | undefined> {
    const res = await request('GET', `/v2/${repo}/manifests/${reference}`, { accept: ACCEPT })
    if (res.status === 404) return undefined
    if (res.status !== 200) throw unexpected(`GET manifest ${repo}:${reference}`, res)
    const digest = String(res.headers['docker-content-digest'] ?? `sha256:${createHash('sha256').update(res.body).digest('hex')}`)
    return { digest, mediaType: String(res.headers['content-type'] ?? ''), bytes: res.body }
  }

  async function resolve(repo: string, reference: string): Promise<string | undefined> {
    const res = await request('HEAD', `/v2/${repo}/manifests/${reference}`, { accept: ACCEPT })
    if (res.status === 404) return undefined
    if (res.status !== 200) throw unexpected(`HEAD manifest ${repo}:${reference}`, res)
    const digest = res.headers['docker-content-digest']
    return digest ? String(digest) : (await manifest(repo, reference))?.digest
  }

  async function tags(repo: string): Promise<string[]> {
    const res = await request('GET', `/v2/${repo}/tags/list?n=10000`)
    if (res.status === 404) return []
    if (res.status !== 200) throw unexpected(`GET tags of ${repo}`, res)
    return (JSON.parse(res.body.toString('utf8')).tags ?? []) as string[]
  }

  async function remove(repo: string, digest: string): Promise<void> {
    const res = await request('DELETE', `/v2/${repo}/manifests/${digest}`)
    if (res.status === 202 || res.status === 404) return
    if (res.status === 405)
      throw new EcrError(500, 'ServerException', 'backing registry refuses deletes: run it with REGISTRY_STORAGE_DELETE_ENABLED=true')
    throw unexpected(`DELETE manifest ${repo}@${digest}`, res)
  }

  async function put(repo: string, reference: string, m: Manifest): Promise<void> {
    const res = await request('PUT', `/v2/${repo}/manifests/${reference}`, { 'content-type': m.mediaType }, m.bytes)
    if (res.status !== 201) throw unexpected(`PUT manifest ${repo}:${reference}`, res)
  }

  return { manifest, resolve, tags, remove, put, host: base.host }
}

type Registry = ReturnType<typeof registryClient>

/** Every tag of a repository with the digest it points at. */
async function tagDigests(registry: Registry, repo: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const tag of await registry.tags(repo)) {
    const digest = await registry.resolve(repo, tag)
    if (digest) out.set(tag, digest)
  }
  return out
}

/** Whether an index reachable through some tag of the repository lists the digest. */
async function referencedByIndex(registry: Registry, repo: string, digest: string, tags: Map<string, string>): Promise<boolean> {
  for (const indexDigest of new Set(tags.values())) {
    if (indexDigest === digest) continue
    const m = await registry.manifest(repo, indexDigest)
    if (!m || !INDEX_TYPES.has(m.mediaType)) continue
    const children = (JSON.parse(m.bytes.toString('utf8')).manifests ?? []) as { digest: string }[]
    if (children.some(c => c.digest === digest)) return true
  }
  return false
}

type Operations = Record<string, (body: any) => Promise<unknown> | unknown>

interface AccountHandlers {
  state: EmulatedAccount
  operations: Operations
  publicOperations: Operations
}

/** The operations of one account over its own backing registry; `others` are the ids of the other emulated accounts. */
function emulateAccount(opts: EcrAccountOptions, others: string[]): AccountHandlers {
  const accountId = opts.accountId ?? '123456789012'
  const region = opts.region ?? 'us-east-1'
  const registry = registryClient(opts)
  const proxyEndpoint = opts.registryUrl.replace(/\/+$/, '')
  const calls: EcrCall[] = []
  const repositories = new Map<string, EmulatedRepository>()
  // Registry mutations run one at a time, as if ECR were one consistent store.
  let serial: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = serial.then(fn, fn)
    serial = run.catch(() => {})
    return run
  }

  function repositoryOf(body: any): [string, EmulatedRepository] {
    if (body.registryId !== undefined && body.registryId !== accountId) {
      throw new EcrError(
        400,
        'RepositoryNotFoundException',
        `The repository with name '${body.repositoryName}' does not exist in the registry with id '${body.registryId}'`
      )
    }
    const name = body.repositoryName
    if (typeof name !== 'string') throw invalid('repositoryName is required')
    const repo = repositories.get(name)
    if (!repo)
      throw new EcrError(
        400,
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${accountId}'`
      )
    return [name, repo]
  }

  function describeRepository(name: string, r: EmulatedRepository) {
    return {
      repositoryArn: `arn:aws:ecr:${region}:${accountId}:repository/${name}`,
      registryId: accountId,
      repositoryName: name,
      repositoryUri: `${registry.host}/${name}`,
      createdAt: r.createdAt / 1000,
      imageTagMutability: r.mutability,
      ...(r.exclusions.length ? { imageTagMutabilityExclusionFilters: r.exclusions } : {}),
      imageScanningConfiguration: { scanOnPush: r.scanOnPush ?? false },
      encryptionConfiguration: { encryptionType: r.encryptionType ?? 'AES256' }
    }
  }

  async function deleteOne(name: string, id: { imageTag?: string; imageDigest?: string }) {
    const failure = (failureCode: string, failureReason: string) => ({ failure: { imageId: id, failureCode, failureReason } })
    if (!id.imageTag && !id.imageDigest)
      return failure('MissingDigestAndTag', 'Invalid request parameters: both tag and digest cannot be null')
    const reference = id.imageDigest ?? id.imageTag!
    const m = await registry.manifest(name, reference)
    if (!m) return failure('ImageNotFound', 'Requested image not found')
    if (id.imageTag && id.imageDigest && (await registry.resolve(name, id.imageTag)) !== m.digest) {
      return failure('ImageTagDoesNotMatchDigest', 'Invalid request parameters: image tag does not match digest')
    }
    const tags = await tagDigests(registry, name)
    const referenced = await referencedByIndex(registry, name, m.digest, tags)
    if (id.imageDigest && !id.imageTag) {
      if (referenced) return failure('ImageReferencedByManifestList', 'Requested image is referenced by a manifest list')
      await registry.remove(name, m.digest)
      return { deleted: { imageDigest: m.digest, ...firstTag(tags, m.digest) } }
    }
    const survivors = [...tags].filter(([t, d]) => d === m.digest && t !== id.imageTag).map(([t]) => t)
    await registry.remove(name, m.digest)
    for (const tag of survivors) await registry.put(name, tag, m)
    if (survivors.length === 0 && referenced) await registry.put(name, m.digest, m)
    return { deleted: { imageDigest: m.digest, imageTag: id.imageTag } }
  }

  function firstTag(tags: Map<string, string>, digest: string): { imageTag?: string } {
    const tag = [...tags].find(([, d]) => d === digest)?.[0]
    return tag ? { imageTag: tag } : {}
  }

  async function imageDetail(name: string, reference: string, tags: Map<string, string>) {
    const m = await registry.manifest(name, reference)
    if (!m) return undefined
    const imageTags = [...tags].filter(([, d]) => d === m.digest).map(([t]) => t)
    return {
      registryId: accountId,
      repositoryName: name,
      imageDigest: m.digest,
      ...(imageTags.length ? { imageTags } : {}),
      imageManifestMediaType: m.mediaType,
      imageSizeInBytes: m.bytes.length
    }
  }

  const operations: Operations = {
    GetAuthorizationToken(body) {
      const ids: string[] = body.registryIds?.length ? body.registryIds : [accountId]
      // Another emulated account's registry is reached through that account's region only.
      const foreign = ids.find(id => others.includes(id))
      if (foreign) throw invalid(`registry ${foreign} is not in ${region} (account ${accountId}): sign the call for its region`)
      const expiresAt = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_SECONDS
      const authorizationToken = Buffer.from(`${opts.username}:${opts.password}`).toString('base64')
      return { authorizationData: ids.map(() => ({ authorizationToken, proxyEndpoint, expiresAt })) }
    },

    DescribeRepositories(body) {
      const names: string[] | undefined = body.repositoryNames
      if (!names?.length) return { repositories: [...repositories].map(([n, r]) => describeRepository(n, r)) }
      return { repositories: names.map(n => describeRepository(...repositoryOf({ ...body, repositoryName: n }))) }
    },

    CreateRepository(body) {
      const name = body.repositoryName
      if (typeof name !== 'string' || !REPOSITORY_NAME.test(name)) {
        throw invalid(
          `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${REPOSITORY_NAME.source}''`
        )
      }
      if (body.registryId !== undefined && body.registryId !== accountId)
        throw invalid(`registryId ${body.registryId} is not this registry (${accountId})`)
      if (repositories.has(name)) {
        throw new EcrError(
          400,
          'RepositoryAlreadyExistsException',
          `The repository with name '${name}' already exists in the registry with id '${accountId}'`
        )
      }
      const mutability: string = body.imageTagMutability ?? 'MUTABLE'
      if (!MUTABILITIES.has(mutability)) throw invalid(`Invalid parameter at 'imageTagMutability': ${mutability}`)
      const exclusions: { filterType: string; filter: string }[] = body.imageTagMutabilityExclusionFilters ?? []
      if (mutability.endsWith('_WITH_EXCLUSION') !== exclusions.length > 0) {
        throw invalid(
          `imageTagMutabilityExclusionFilters must be given exactly when imageTagMutability is *_WITH_EXCLUSION (got ${mutability})`
        )
      }
      for (const f of exclusions) {
        if (f.filterType !== 'WILDCARD' || !/^[0-9a-zA-Z._*-]{1,128}$/.test(f.filter ?? ''))
          throw invalid(`Invalid image tag mutability exclusion filter ${JSON.stringify(f)}`)
      }
      const repo: EmulatedRepository = {
        mutability,
        exclusions,
        createdAt: Date.now(),
        scanOnPush: body.imageScanningConfiguration?.scanOnPush ?? false,
        encryptionType: body.encryptionConfiguration?.encryptionType ?? 'AES256'
      }
      repositories.set(name, repo)
      return { repository: describeRepository(name, repo) }
    },

    BatchDeleteImage(body) {
      const [name] = repositoryOf(body)
      const ids: { imageTag?: string; imageDigest?: string }[] = body.imageIds ?? []
      if (ids.length < 1 || ids.length > 100) throw invalid('imageIds must list 1 to 100 images')
      return exclusive(async () => {
        const imageIds: unknown[] = []
        const failures: unknown[] = []
        for (const id of ids) {
          const r = await deleteOne(name, id)
          if ('failure' in r) failures.push(r.failure)
          else imageIds.push(r.deleted)
        }
        return { imageIds, failures }
      })
    },

    DescribeImages(body) {
      const [name] = repositoryOf(body)
      return exclusive(async () => {
        const tags = await tagDigests(registry, name)
        const ids: { imageTag?: string; imageDigest?: string }[] | undefined = body.imageIds
        const references = ids?.length ? ids.map(id => id.imageDigest ?? id.imageTag ?? '') : [...new Set(tags.values())]
        const imageDetails = []
        for (const reference of references) {
          const detail = reference ? await imageDetail(name, reference, tags) : undefined
          if (!detail) {
            throw new EcrError(
              400,
              'ImageNotFoundException',
              `The image with imageId {${reference}} does not exist within the repository with name '${name}' in the registry with id '${accountId}'`
            )
          }
          imageDetails.push(detail)
        }
        return { imageDetails }
      })
    },

    PutLifecyclePolicy(body) {
      const [name, repo] = repositoryOf(body)
      const text = body.lifecyclePolicyText
      try {
        if (typeof text !== 'string') throw new Error('missing')
        JSON.parse(text)
      } catch {
        throw invalid(`Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure'`)
      }
      repo.lifecyclePolicy = text
      return { registryId: accountId, repositoryName: name, lifecyclePolicyText: text }
    }
  }

  // ECR Public: the account's public registry, its repositories named without the alias.
  const publicAlias = opts.publicAlias ?? 'emulated'
  const publicRepositories = new Map<string, { createdAt: number }>()
  const describePublic = (name: string, r: { createdAt: number }) => ({
    repositoryArn: `arn:aws:ecr-public::${accountId}:repository/${name}`,
    registryId: accountId,
    repositoryName: name,
    repositoryUri: `public.ecr.aws/${publicAlias}/${name}`,
    createdAt: r.createdAt / 1000
  })
  const publicOperations: Operations = {
    GetAuthorizationToken() {
      // One token, no registry ids and no proxy endpoint: ECR Public has one registry host.
      const expiresAt = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_SECONDS
      const { username, password } = opts.publicCredentials ?? opts
      return { authorizationData: { authorizationToken: Buffer.from(`${username}:${password}`).toString('base64'), expiresAt } }
    },
    DescribeRepositories(body) {
      const names: string[] | undefined = body.repositoryNames
      if (!names?.length) return { repositories: [...publicRepositories].map(([n, r]) => describePublic(n, r)) }
      return {
        repositories: names.map(n => {
          const r = publicRepositories.get(n)
          if (!r)
            throw new EcrError(
              400,
              'RepositoryNotFoundException',
              `The repository with name '${n}' does not exist in the registry with id '${accountId}'`
            )
          return describePublic(n, r)
        })
      }
    },
    CreateRepository(body) {
      const name = body.repositoryName
      if (typeof name !== 'string' || !REPOSITORY_NAME.test(name)) throw invalid(`Invalid parameter at 'repositoryName'`)
      if (publicRepositories.has(name))
        throw new EcrError(
          400,
          'RepositoryAlreadyExistsException',
          `The repository with name '${name}' already exists in the registry with id '${accountId}'`
        )
      const r = { createdAt: Date.now() }
      publicRepositories.set(name, r)
      return { repository: describePublic(name, r) }
    }
  }

  return {
    state: { accountId, region, calls, repositories, publicRepositories, token: opts.password },
    operations,
    publicOperations
  }
}

/** The region of a SigV4 Authorization header's credential scope (Credential=<key>/<date>/<region>/<service>/aws4_request). */
function signedRegion(authorization: string): string | undefined {
  return /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\//.exec(authorization)?.[1]
}

export async function startEcrEmulator(opts: EcrEmulatorOptions): Promise<EcrEmulator> {
  const all = [opts, ...(opts.otherAccounts ?? [])]
  const ids = all.map(a => a.accountId ?? '123456789012')
  const accounts = all.map((a, i) =>
    emulateAccount(
      a,
      ids.filter((_, j) => j !== i)
    )
  )
  const failures = new Map<string, { error: EmulatedError; remaining: number }[]>()
  const accountFor = (authorization: string): AccountHandlers => {
    const region = signedRegion(authorization)
    return accounts.slice(1).find(a => a.state.region === region) ?? accounts[0]
  }

  async function handle(req: http.IncomingMessage, raw: string): Promise<{ status: number; body: unknown }> {
    if (req.method !== 'POST') throw new EcrError(405, 'UnknownOperationException', `method ${req.method} is not supported`)
    const authorization = String(req.headers.authorization ?? '')
    if (!authorization.startsWith('AWS4-HMAC-SHA256')) {
      throw new EcrError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token')
    }
    const { state, operations, publicOperations } = accountFor(authorization)
    const target = String(req.headers['x-amz-target'] ?? '')
    const isPublic = target.startsWith(PUBLIC_TARGET_PREFIX)
    if (!isPublic && !target.startsWith(TARGET_PREFIX))
      throw new EcrError(400, 'UnknownOperationException', `unknown X-Amz-Target "${target}"`)
    const operation = isPublic
      ? `${PUBLIC_OPERATION_PREFIX}${target.slice(PUBLIC_TARGET_PREFIX.length)}`
      : target.slice(TARGET_PREFIX.length)
    let body: any
    try {
      body = raw ? JSON.parse(raw) : {}
    } catch {
      throw new EcrError(400, 'SerializationException', 'request body is not JSON')
    }
    state.calls.push({ operation, body, at: Date.now() })
    const injected = failures.get(operation)?.[0]
    if (injected) {
      if (--injected.remaining <= 0) failures.get(operation)!.shift()
      throw new EcrError(injected.error.status, injected.error.type, injected.error.message ?? `injected ${injected.error.type}`)
    }
    const op = isPublic ? publicOperations[operation.slice(PUBLIC_OPERATION_PREFIX.length)] : operations[operation]
    if (!op) throw new EcrError(400, 'UnknownOperationException', `operation ${operation} is not emulated`)
    return { status: 200, body: await op(body) }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void handle(req, Buffer.concat(chunks).toString('utf8'))
        .catch((err: unknown) => {
          const e =
            err instanceof EcrError
              ? err
              : new EcrError(500, 'ServerException', `emulator: ${err instanceof Error ? err.message : String(err)}`)
          return { status: e.status, body: { __type: e.type, message: e.message }, type: e.type }
        })
        .then(out => {
          const headers: Record<string, string> = { 'content-type': JSON_11, 'x-amzn-requestid': randomUUID() }
          if ('type' in out) headers['x-amzn-errortype'] = out.type
          res.writeHead(out.status, headers).end(JSON.stringify(out.body))
        })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    ...accounts[0].state,
    endpoint: `http://127.0.0.1:${port}`,
    accounts: accounts.map(a => a.state),
    failNext(operation, error, times = 1) {
      const queue = failures.get(operation) ?? []
      queue.push({ error, remaining: times })
      failures.set(operation, queue)
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(err => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      })
  }
}
