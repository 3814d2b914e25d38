// An in-memory distribution-API registry on 127.0.0.1 for unit tests: manifests,
// blobs, monolithic uploads, paginated tags, Basic or Bearer auth, and faults
// programmed per request. Every request is recorded for assertions.
import { createHash, randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  /** Path with query, as sent. */
  path: string
  headers: http.IncomingHttpHeaders
  bodyLength: number
}

export type Fault =
  /** Answer this status instead (default body: a distribution error JSON). */
  | { status: number; headers?: Record<string, string>; body?: string; contentType?: string }
  /** Destroy the connection without answering. */
  | { reset: true }
  /** Answer normally but cut the body in half, then destroy the connection. */
  | { truncate: true }
  /** Never answer. */
  | { stall: true }
  /** Handle the request with only the first `bytes` of its body (a chunk partly written), then destroy the connection without answering. */
  | { takeBytes: number }
  /** Answer normally, the body in `pieces` parts `intervalMs` apart (a slow link that keeps moving). */
  | { trickle: { pieces: number; intervalMs: number } }
  /** Answer normally, send half the body, then nothing more (a link that goes quiet). */
  | { stallMidway: true }

export interface FaultMatch {
  method?: string
  /** Matched against the path without query. */
  path?: string | RegExp
}

export type FakeAuth =
  | { mode: 'none' }
  | { mode: 'basic'; username: string; password: string }
  | {
      mode: 'bearer'
      /** When set, the token endpoint demands these as Basic; otherwise tokens are anonymous. */
      username?: string
      password?: string
      tokenField?: 'token' | 'access_token'
      expiresIn?: number
    }

export interface FakeRegistryOptions {
  auth?: FakeAuth
  /** Emit absolute URLs in tag-list Link headers (default: relative). */
  absoluteLinks?: boolean
  /** Tag-list pages hold at most this many tags, whatever `n` asks, and this many without `n` (ECR: 1,000). */
  maxPageSize?: number
  /** Answer blob GETs with a 307 to this other server's /storage/ (as registries redirect to S3). */
  blobRedirect?: FakeRegistry
  /** Answer cross-repository mounts with 202 and a plain upload (as registries without mount support do). */
  noMount?: boolean
}

interface StoredManifest {
  bytes: Buffer
  mediaType: string
}

interface Repo {
  manifests: Map<string, StoredManifest>
  tags: Map<string, string>
  blobs: Map<string, Buffer>
}

interface PendingFault {
  match: FaultMatch
  fault: Fault
}

interface Reply {
  status: number
  headers?: Record<string, string | number>
  body?: Buffer | string
}

const service = 'fake-registry'
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/

export function sha256(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

function errorBody(code: string, message: string): string {
  return JSON.stringify({ errors: [{ code, message }] })
}

function errorReply(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: errorBody(code, message) }
}

export class FakeRegistry {
  readonly requests: RecordedRequest[] = []
  private readonly repos = new Map<string, Repo>()
  private readonly uploads = new Map<string, string>()
  /** Bytes received so far by chunked (PATCH) uploads. */
  private readonly uploadData = new Map<string, Buffer>()
  private readonly storage = new Map<string, Buffer>()
  private readonly faults: PendingFault[] = []
  private readonly tokens = new Map<string, Set<string>>()
  private readonly afterHooks: ((request: RecordedRequest) => void)[] = []
  private tokenCounter = 0
  private auth: FakeAuth
  private readonly opts: FakeRegistryOptions

  private constructor(
    private readonly server: http.Server,
    opts: FakeRegistryOptions
  ) {
    this.opts = opts
    this.auth = opts.auth ?? { mode: 'none' }
  }

  static async start(opts: FakeRegistryOptions = {}): Promise<FakeRegistry> {
    const server = http.createServer()
    const registry = new FakeRegistry(server, opts)
    server.on('request', (req, res) => registry.onRequest(req, res))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    return registry
  }

  /** host:port, as a RegistryClient's `registry` option takes it. */
  get host(): string {
    const { port } = this.server.address() as AddressInfo
    return `127.0.0.1:${port}`
  }

  get url(): string {
    return `http://${this.host}`
  }

  get tokenRequests(): RecordedRequest[] {
    return this.requests.filter(r => r.path.startsWith('/token'))
  }

  /** Requests to the registry API, token requests excluded. */
  get apiRequests(): RecordedRequest[] {
    return this.requests.filter(r => r.path.startsWith('/v2/'))
  }

  /** Queues faults: each request matching consumes the first pending one, in order. */
  fault(match: FaultMatch, ...faults: Fault[]): void {
    for (const fault of faults) this.faults.push({ match, fault })
  }

  /** New accepted credentials; every issued token is revoked (an expired ECR password). */
  rotateCredentials(username: string, password: string): void {
    if (this.auth.mode === 'none') throw new Error('rotateCredentials needs an auth mode')
    this.auth = { ...this.auth, username, password }
    this.tokens.clear()
  }

  /**
   * Runs after each request is handled, before its answer is sent: what another client
   * does between two requests of the one under test (a concurrent merge cleaning up).
   */
  afterRequest(hook: (request: RecordedRequest) => void): void {
    this.afterHooks.push(hook)
  }

  /** Removes tags and leaves their manifests (as ECR's BatchDeleteImage by tag does). */
  untag(repo: string, tags: string[]): void {
    const r = this.repos.get(repo)
    for (const tag of tags) r?.tags.delete(tag)
  }

  revokeTokens(): void {
    this.tokens.clear()
  }

  seedManifest(repo: string, reference: string, content: Uint8Array | string | object, mediaType: string): string {
    const bytes =
      Buffer.isBuffer(content) || content instanceof Uint8Array || typeof content === 'string'
        ? Buffer.from(content as Uint8Array | string)
        : Buffer.from(JSON.stringify(content))
    const digest = sha256(bytes)
    const r = this.repo(repo, true)
    r.manifests.set(digest, { bytes, mediaType })
    if (!reference.includes(':')) r.tags.set(reference, digest)
    return digest
  }

  /** Points every tag at the manifest `digest` (which must be seeded). */
  seedTags(repo: string, tags: string[], digest: string): void {
    const r = this.repo(repo, true)
    if (!r.manifests.has(digest)) throw new Error(`seedTags: ${digest} is not seeded in ${repo}`)
    for (const tag of tags) r.tags.set(tag, digest)
  }

  seedBlob(repo: string, content: Uint8Array | string): string {
    const bytes = Buffer.from(content as Uint8Array)
    const digest = sha256(bytes)
    this.repo(repo, true).blobs.set(digest, bytes)
    return digest
  }

  manifest(repo: string, reference: string): { digest: string; mediaType: string; bytes: Buffer } | undefined {
    const r = this.repos.get(repo)
    const digest = reference.includes(':') ? reference : r?.tags.get(reference)
    const stored = digest === undefined ? undefined : r?.manifests.get(digest)
    return stored && digest ? { digest, ...stored } : undefined
  }

  blob(repo: string, digest: string): Buffer | undefined {
    return this.repos.get(repo)?.blobs.get(digest)
  }

  tags(repo: string): string[] {
    return [...(this.repos.get(repo)?.tags.keys() ?? [])].sort()
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  private repo(name: string, create: true): Repo
  private repo(name: string, create: boolean): Repo | undefined
  private repo(name: string, create: boolean): Repo | undefined {
    let r = this.repos.get(name)
    if (!r && create) {
      r = { manifests: new Map(), tags: new Map(), blobs: new Map() }
      this.repos.set(name, r)
    }
    return r
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url)
    const method = req.method ?? 'GET'
    const fault = this.takeFault(method, url.pathname)
    if (fault && 'reset' in fault) {
      this.record(req, 0)
      req.socket.destroy()
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const recorded = this.record(req, body.length)
      if (fault && 'stall' in fault) return
      if (fault && 'status' in fault) return this.write(res, faultReply(fault), false)
      if (fault && 'takeBytes' in fault) {
        this.handle(method, url, req.headers, body.subarray(0, fault.takeBytes))
        req.socket.destroy()
        return
      }
      const reply = this.handle(method, url, req.headers, body)
      for (const hook of this.afterHooks) hook(recorded)
      if (fault && ('trickle' in fault || 'stallMidway' in fault)) return this.writeSlowly(res, reply, fault)
      this.write(res, reply, fault !== undefined && 'truncate' in fault, method === 'HEAD')
    })
  }

  private record(req: http.IncomingMessage, bodyLength: number): RecordedRequest {
    const recorded = { method: req.method ?? 'GET', path: req.url ?? '/', headers: { ...req.headers }, bodyLength }
    this.requests.push(recorded)
    return recorded
  }

  private takeFault(method: string, pathname: string): Fault | undefined {
    const i = this.faults.findIndex(({ match }) => {
      if (match.method && match.method !== method) return false
      if (typeof match.path === 'string') return match.path === pathname
      if (match.path instanceof RegExp) return match.path.test(pathname)
      return true
    })
    if (i < 0) return undefined
    return this.faults.splice(i, 1)[0].fault
  }

  private write(res: http.ServerResponse, reply: Reply, truncate: boolean, head = false): void {
    const body = reply.body === undefined ? Buffer.alloc(0) : Buffer.from(reply.body)
    const headers = { ...reply.headers }
    if (!Object.keys(headers).some(h => h.toLowerCase() === 'content-length')) headers['Content-Length'] = body.length
    res.writeHead(reply.status, headers)
    if (head) return void res.end()
    if (truncate) {
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy())
      return
    }
    res.end(body)
  }

  /** The reply's headers now, its body in timed pieces (trickle) or half of it and then nothing (stallMidway). */
  private writeSlowly(res: http.ServerResponse, reply: Reply, fault: Fault): void {
    const body = reply.body === undefined ? Buffer.alloc(0) : Buffer.from(reply.body)
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': body.length })
    if ('stallMidway' in fault) return void res.write(body.subarray(0, Math.floor(body.length / 2)))
    if (!('trickle' in fault)) return void res.end(body)
    const { pieces, intervalMs } = fault.trickle
    const size = Math.ceil(body.length / pieces)
    let sent = 0
    const next = (): void => {
      if (res.destroyed) return
      const piece = body.subarray(sent, sent + size)
      sent += piece.length
      if (sent >= body.length) return void res.end(piece)
      res.write(piece)
      setTimeout(next, intervalMs)
    }
    next()
  }

  private handle(method: string, url: URL, headers: http.IncomingHttpHeaders, body: Buffer): Reply {
    const path = url.pathname
    if (path === '/token') return this.issueToken(url, headers)
    if (path.startsWith('/storage/')) return this.serveStorage(path.slice('/storage/'.length))
    if (!path.startsWith('/v2/')) return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'not found' }
    const route = routeOf(path)
    const denied = this.authorize(method, route?.repo, headers.authorization)
    if (denied) return denied
    if (!route)
      return path === '/v2/'
        ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' }
        : errorReply(404, 'NAME_UNKNOWN', 'no such route')
    switch (route.kind) {
      case 'manifest':
        return this.manifestRoute(method, route.repo, route.ref, headers, body)
      case 'upload':
        return this.uploadRoute(method, route.repo, route.ref, url, body, headers)
      case 'blob':
        return this.blobRoute(method, route.repo, route.ref)
      case 'tags':
        return this.tagsRoute(method, route.repo, url)
    }
  }

  private authorize(method: string, repo: string | undefined, authorization: string | undefined): Reply | undefined {
    const auth = this.auth
    if (auth.mode === 'none') return undefined
    if (auth.mode === 'basic') {
      const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
      if (authorization === expected) return undefined
      return errorReply(401, 'UNAUTHORIZED', 'authentication required', { 'WWW-Authenticate': 'Basic realm="fake-registry"' })
    }
    const actions = method === 'GET' || method === 'HEAD' ? ['pull'] : method === 'DELETE' ? ['delete'] : ['pull', 'push']
    const needed = repo ? actions.map(a => `${repo}:${a}`) : []
    const granted = authorization?.startsWith('Bearer ') ? this.tokens.get(authorization.slice(7)) : undefined
    if (granted && needed.every(n => granted.has(n))) return undefined
    const scope = repo ? `,scope="repository:${repo}:${actions.join(',')}"` : ''
    return errorReply(401, 'UNAUTHORIZED', 'authentication required', {
      'WWW-Authenticate': `Bearer realm="${this.url}/token",service="${service}"${scope}`
    })
  }

  private issueToken(url: URL, headers: http.IncomingHttpHeaders): Reply {
    const auth = this.auth
    if (auth.mode !== 'bearer') return errorReply(404, 'UNSUPPORTED', 'no token endpoint in this mode')
    if (auth.username !== undefined) {
      const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ''}`).toString('base64')}`
      if (headers.authorization !== expected) {
        return errorReply(401, 'UNAUTHORIZED', 'bad credentials for the token', { 'WWW-Authenticate': 'Basic realm="fake-token"' })
      }
    }
    if (url.searchParams.get('service') !== service) return errorReply(400, 'INVALID', 'unknown service')
    const grants = new Set<string>()
    for (const scope of url.searchParams.getAll('scope')) {
      const m = /^repository:(.+):([a-z,*]+)$/.exec(scope)
      if (m) for (const action of m[2].split(',')) grants.add(`${m[1]}:${action}`)
    }
    const token = `token-${++this.tokenCounter}`
    this.tokens.set(token, grants)
    const field = auth.tokenField ?? 'token'
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ [field]: token, expires_in: auth.expiresIn ?? 300 })
    }
  }

  private serveStorage(digest: string): Reply {
    const bytes = this.storage.get(digest)
    if (!bytes) return { status: 404, headers: { 'Content-Type': 'application/xml' }, body: '<Error>NoSuchKey</Error>' }
    return { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: bytes }
  }

  private manifestRoute(method: string, repo: string, ref: string, headers: http.IncomingHttpHeaders, body: Buffer): Reply {
    if (method === 'PUT') return this.putManifest(repo, ref, headers['content-type'], body)
    const r = this.repo(repo, false)
    if (method === 'DELETE') {
      if (!ref.includes(':')) return errorReply(400, 'UNSUPPORTED', 'delete by digest')
      if (!r?.manifests.delete(ref)) return errorReply(404, 'MANIFEST_UNKNOWN', `manifest unknown: ${ref}`)
      for (const [tag, digest] of r.tags) if (digest === ref) r.tags.delete(tag)
      return { status: 202 }
    }
    if (method !== 'GET' && method !== 'HEAD') return errorReply(405, 'UNSUPPORTED', `${method} not allowed`)
    const found = this.manifest(repo, ref)
    if (!found) return errorReply(404, 'MANIFEST_UNKNOWN', `manifest unknown: ${ref}`)
    return {
      status: 200,
      headers: { 'Content-Type': found.mediaType, 'Docker-Content-Digest': found.digest },
      body: found.bytes
    }
  }

  private putManifest(repo: string, ref: string, mediaType: string | undefined, body: Buffer): Reply {
    const digest = sha256(body)
    if (ref.includes(':') && ref !== digest) return errorReply(400, 'DIGEST_INVALID', `content is ${digest}, not ${ref}`)
    if (!ref.includes(':') && !tagPattern.test(ref)) return errorReply(400, 'TAG_INVALID', `invalid tag ${ref}`)
    if (!mediaType) return errorReply(400, 'MANIFEST_INVALID', 'missing Content-Type')
    this.seedManifest(repo, ref, body, mediaType)
    return { status: 201, headers: { Location: `/v2/${repo}/manifests/${digest}`, 'Docker-Content-Digest': digest } }
  }

  private blobRoute(method: string, repo: string, digest: string): Reply {
    if (method !== 'GET' && method !== 'HEAD') return errorReply(405, 'UNSUPPORTED', `${method} not allowed`)
    const bytes = this.blob(repo, digest)
    if (!bytes) return errorReply(404, 'BLOB_UNKNOWN', `blob unknown: ${digest}`)
    const storage = this.opts.blobRedirect
    if (storage && method === 'GET') {
      storage.storage.set(digest, bytes)
      return { status: 307, headers: { Location: `${storage.url}/storage/${digest}` } }
    }
    return { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Docker-Content-Digest': digest }, body: bytes }
  }

  private uploadRoute(method: string, repo: string, id: string, url: URL, body: Buffer, headers: http.IncomingHttpHeaders): Reply {
    const digest = url.searchParams.get('digest')
    if (method === 'POST' && id === '') {
      if (digest) return this.finishUpload(repo, digest, body)
      const mount = url.searchParams.get('mount')
      const from = url.searchParams.get('from')
      if (mount && from && !this.opts.noMount) {
        const bytes = this.blob(from, mount)
        if (bytes) {
          this.seedBlob(repo, bytes)
          return { status: 201, headers: { Location: `/v2/${repo}/blobs/${mount}`, 'Docker-Content-Digest': mount } }
        }
      }
      const uuid = randomUUID()
      this.uploads.set(uuid, repo)
      return {
        status: 202,
        headers: { Location: `/v2/${repo}/blobs/uploads/${uuid}?_state=fake`, 'Docker-Upload-UUID': uuid, Range: '0-0' }
      }
    }
    if (this.uploads.get(id) !== repo) return errorReply(404, 'BLOB_UPLOAD_UNKNOWN', `upload unknown: ${id}`)
    const sofar = this.uploadData.get(id) ?? Buffer.alloc(0)
    if (method === 'PATCH') {
      const range = /^(\d+)-(\d+)$/.exec(String(headers['content-range'] ?? ''))
      if (range && Number(range[1]) !== sofar.length)
        return errorReply(416, 'BLOB_UPLOAD_INVALID', `chunk starts at ${range[1]}, not ${sofar.length}`)
      const data = Buffer.concat([sofar, body])
      this.uploadData.set(id, data)
      return {
        status: 202,
        headers: { Location: `/v2/${repo}/blobs/uploads/${id}?_state=fake${data.length}`, Range: `0-${Math.max(data.length - 1, 0)}` }
      }
    }
    if (method === 'GET') {
      // The upload's status, as distribution answers it: "0-0" for none (or one) byte.
      return {
        status: 204,
        headers: {
          Location: `/v2/${repo}/blobs/uploads/${id}?_state=fake${sofar.length}`,
          'Docker-Upload-UUID': id,
          Range: `0-${Math.max(sofar.length - 1, 0)}`
        }
      }
    }
    if (method === 'DELETE') {
      this.uploads.delete(id)
      this.uploadData.delete(id)
      return { status: 204 }
    }
    if (method !== 'PUT') return errorReply(405, 'UNSUPPORTED', `${method} uploads are not supported here`)
    if (!digest) return errorReply(400, 'DIGEST_INVALID', 'missing digest')
    const reply = this.finishUpload(repo, digest, Buffer.concat([sofar, body]))
    if (reply.status === 201) {
      this.uploads.delete(id)
      this.uploadData.delete(id)
    }
    return reply
  }

  private finishUpload(repo: string, digest: string, body: Buffer): Reply {
    if (sha256(body) !== digest) return errorReply(400, 'DIGEST_INVALID', `content is ${sha256(body)}, not ${digest}`)
    this.seedBlob(repo, body)
    return { status: 201, headers: { Location: `/v2/${repo}/blobs/${digest}`, 'Docker-Content-Digest': digest } }
  }

  private tagsRoute(method: string, repo: string, url: URL): Reply {
    if (method !== 'GET') return errorReply(405, 'UNSUPPORTED', `${method} not allowed`)
    if (!this.repos.has(repo)) return errorReply(404, 'NAME_UNKNOWN', `repository name not known to registry: ${repo}`)
    const all = this.tags(repo)
    const last = url.searchParams.get('last')
    const max = this.opts.maxPageSize ?? all.length
    const n = Math.min(url.searchParams.has('n') ? Number(url.searchParams.get('n')) : max, max)
    const after = last === null ? all : all.filter(t => t > last)
    const page = after.slice(0, n)
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (after.length > page.length && page.length > 0) {
      const next = `/v2/${repo}/tags/list?n=${n}&last=${encodeURIComponent(page[page.length - 1])}`
      headers.Link = `<${this.opts.absoluteLinks ? this.url : ''}${next}>; rel="next"`
    }
    return { status: 200, headers, body: JSON.stringify({ name: repo, tags: page }) }
  }
}

type Route = { kind: 'manifest' | 'upload' | 'blob'; repo: string; ref: string } | { kind: 'tags'; repo: string; ref?: undefined }

function routeOf(path: string): Route | undefined {
  let m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path)
  if (m) return { kind: 'manifest', repo: m[1], ref: decodeURIComponent(m[2]) }
  m = /^\/v2\/(.+)\/blobs\/uploads\/([^/]*)$/.exec(path)
  if (m) return { kind: 'upload', repo: m[1], ref: m[2] }
  m = /^\/v2\/(.+)\/blobs\/([^/]+)$/.exec(path)
  if (m) return { kind: 'blob', repo: m[1], ref: decodeURIComponent(m[2]) }
  m = /^\/v2\/(.+)\/tags\/list$/.exec(path)
  if (m) return { kind: 'tags', repo: m[1] }
  return undefined
}

function faultReply(fault: { status: number; headers?: Record<string, string>; body?: string; contentType?: string }): Reply {
  return {
    status: fault.status,
    headers: { 'Content-Type': fault.contentType ?? 'application/json', ...fault.headers },
    body: fault.body ?? errorBody('UNKNOWN', `injected ${fault.status}`)
  }
}
