// The one HTTP client of the project: the distribution API over fetch, with auth,
// retries, per-request timeouts, size limits and digest verification.
import { createHash } from 'node:crypto'
import { digestOf } from '../oci/manifest.js'
import { isRepositoryPath, isValidTag } from '../oci/reference.js'
import { MediaType } from '../oci/types.js'
import { silentLogger, type Logger } from '../util/logger.js'
import { isTransientNetworkError, parseRetryAfter, retry, type RetryDecision, type RetryOptions } from '../util/retry.js'
import { Authenticator, parseChallenges, type Challenge, type Credentials } from './auth.js'
import { errorFromResponse, htmlHint, isHtml, RegistryError } from './errors.js'

export interface RegistryClientOptions {
  /** host[:port]; a leading https:// is ignored and http:// implies insecure. */
  registry: string
  credentials?: Credentials
  /** Called once when the registry refuses credentials we sent (an expired ECR token). */
  refreshCredentials?: () => Promise<Credentials>
  /** Send Basic credentials from the first request (ECR), instead of waiting for a 401. */
  basicUpfront?: boolean
  logger?: Logger
  /** Plain http:// (local test registries). */
  insecure?: boolean
  retry?: Partial<RetryOptions>
  fetch?: typeof fetch
  requestTimeoutMs?: number
}

export interface ManifestResult {
  digest: string
  mediaType: string
  bytes: Uint8Array
  size: number
}

export interface ManifestHead {
  digest: string
  mediaType: string
  size: number
}

export interface BlobRef {
  digest: string
  size: number
}

export const defaultManifestAccept: readonly string[] = [
  MediaType.OciIndex,
  MediaType.OciManifest,
  MediaType.DockerManifestList,
  MediaType.DockerManifest
]

/** Registries (ECR included) refuse manifests above 4 MiB; so do we, before reading more. */
export const manifestMaxBytes = 4 * 1024 * 1024

const retryableStatuses = new Set([429, 500, 502, 503, 504])
const redirectStatuses = new Set([301, 302, 303, 307, 308])
const maxRedirects = 5
const errorBodyMaxBytes = 64 * 1024
const tagsPageMaxBytes = 16 * 1024 * 1024
const tagsPageSize = 1000

const digestPattern = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/
const verifiableAlgorithms = new Set(['sha256', 'sha384', 'sha512'])

type Method = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE'

interface Exchange {
  method: Method
  url: URL
  operation: string
  /** Auth cache key: which repository and access this request needs. */
  access: string
  headers?: Record<string, string>
  body?: Uint8Array
  maxBytes?: number
  tooLarge?: string
  /** Non-2xx statuses returned to the caller instead of thrown (e.g. 404 on HEAD). */
  tolerate?: number[]
  /** Storage redirects may legitimately answer anything; API answers must not be HTML. */
  allowHtml?: boolean
  /** Hand the body back unread (blob copies stream it). */
  stream?: boolean
}

interface Reply {
  status: number
  headers: Headers
  bytes: Uint8Array
  /** With `stream`: the unread body. */
  body?: ReadableStream<Uint8Array>
}

const tokenRefused = Symbol('token refused')

/** A body shorter than announced or cut mid-stream: worth another attempt. */
class TruncatedBodyError extends RegistryError {}

export class RegistryClient {
  /** Every HTTP request sent, token requests and redirect hops included. */
  requestCount = 0
  readonly registry: string
  private readonly base: URL
  private readonly logger: Logger
  private readonly retryOptions: Partial<RetryOptions>
  private readonly fetchImpl: typeof fetch
  private readonly timeoutMs: number
  private readonly auth: Authenticator

  constructor(opts: RegistryClientOptions) {
    const { host, insecure } = parseRegistry(opts.registry, opts.insecure ?? false)
    this.registry = host
    this.base = new URL(`${insecure ? 'http' : 'https'}://${host}`)
    this.logger = opts.logger ?? silentLogger
    this.retryOptions = opts.retry ?? {}
    this.fetchImpl = opts.fetch ?? globalThis.fetch
    this.timeoutMs = opts.requestTimeoutMs ?? 30000
    this.auth = new Authenticator({
      registry: host,
      credentials: opts.credentials,
      refreshCredentials: opts.refreshCredentials,
      basicUpfront: opts.basicUpfront,
      logger: this.logger,
      fetchToken: (url, headers) => this.fetchCounted(url, { headers, signal: AbortSignal.timeout(this.timeoutMs) })
    })
  }

  async getManifest(repo: string, reference: string, accept: readonly string[] = defaultManifestAccept): Promise<ManifestResult> {
    const operation = `GET manifest ${refName(repo, reference)}`
    checkRepo(operation, repo)
    checkReference(operation, reference)
    const reply = await this.call({
      method: 'GET',
      url: this.url(`/v2/${repo}/manifests/${reference}`),
      operation,
      access: `${repo}:pull`,
      headers: { Accept: accept.join(', ') },
      maxBytes: manifestMaxBytes,
      tooLarge: 'the manifest is larger than 4 MiB, the limit registries accept'
    })
    const { bytes } = reply
    if (isDigest(reference)) verifyDigest(operation, reference, bytes)
    const computed = digestOf(bytes)
    return {
      digest: this.chooseDigest(operation, reply.headers, computed),
      mediaType: mediaTypeOf(reply.headers, bytes),
      bytes,
      size: bytes.length
    }
  }

  /** The manifest's digest, type and size without its body; undefined when it does not exist. */
  async headManifest(repo: string, reference: string): Promise<ManifestHead | undefined> {
    const operation = `HEAD manifest ${refName(repo, reference)}`
    checkRepo(operation, repo)
    checkReference(operation, reference)
    const reply = await this.call({
      method: 'HEAD',
      url: this.url(`/v2/${repo}/manifests/${reference}`),
      operation,
      access: `${repo}:pull`,
      headers: { Accept: defaultManifestAccept.join(', ') },
      tolerate: [404]
    })
    if (reply.status === 404) return undefined
    const digest = reply.headers.get('docker-content-digest')
    const size = contentLength(reply.headers)
    const mediaType = contentType(reply.headers)
    if (digest && digestPattern.test(digest) && size !== undefined && mediaType && mediaType !== 'application/json') {
      return { digest, mediaType, size }
    }
    // Some registries leave HEAD answers bare: the body has all three.
    const full = await this.getManifest(repo, reference)
    return { digest: full.digest, mediaType: full.mediaType, size: full.size }
  }

  /** Uploads a manifest under a tag or digest and returns its digest. */
  async putManifest(repo: string, reference: string, bytes: Uint8Array, mediaType: string): Promise<string> {
    const operation = `PUT manifest ${refName(repo, reference)}`
    checkRepo(operation, repo)
    checkReference(operation, reference)
    if (bytes.length > manifestMaxBytes) {
      throw new RegistryError(operation, `the manifest is ${bytes.length} bytes; registries accept at most 4 MiB`)
    }
    if (isDigest(reference)) verifyDigest(operation, reference, bytes)
    const reply = await this.call({
      method: 'PUT',
      url: this.url(`/v2/${repo}/manifests/${reference}`),
      operation,
      access: `${repo}:push`,
      headers: { 'Content-Type': mediaType },
      body: bytes
    })
    return this.chooseDigest(operation, reply.headers, digestOf(bytes))
  }

  /** Deletes a manifest by digest; one already gone counts as deleted. */
  async deleteManifest(repo: string, digest: string): Promise<void> {
    const operation = `DELETE manifest ${refName(repo, digest)}`
    checkRepo(operation, repo)
    if (!isDigest(digest)) throw new RegistryError(operation, `"${digest}" is not a digest: manifests are deleted by digest`)
    await this.call({
      method: 'DELETE',
      url: this.url(`/v2/${repo}/manifests/${digest}`),
      operation,
      access: `${repo}:delete`,
      tolerate: [404]
    })
  }

  /** Downloads a blob (following storage redirects) and verifies its digest. */
  async getBlob(repo: string, digest: string, maxBytes?: number): Promise<Uint8Array> {
    const operation = `GET blob ${refName(repo, digest)}`
    checkRepo(operation, repo)
    if (!isDigest(digest)) throw new RegistryError(operation, `"${digest}" is not a digest`)
    const reply = await this.call({
      method: 'GET',
      url: this.url(`/v2/${repo}/blobs/${digest}`),
      operation,
      access: `${repo}:pull`,
      maxBytes,
      tooLarge: `the blob is larger than the ${maxBytes} bytes expected`,
      allowHtml: true
    })
    verifyDigest(operation, digest, reply.bytes)
    return reply.bytes
  }

  async blobExists(repo: string, digest: string): Promise<boolean> {
    const operation = `HEAD blob ${refName(repo, digest)}`
    checkRepo(operation, repo)
    if (!isDigest(digest)) throw new RegistryError(operation, `"${digest}" is not a digest`)
    const reply = await this.call({
      method: 'HEAD',
      url: this.url(`/v2/${repo}/blobs/${digest}`),
      operation,
      access: `${repo}:pull`,
      tolerate: [404],
      allowHtml: true
    })
    return reply.status !== 404
  }

  /** Monolithic upload (POST then PUT), skipped when the registry has the blob already. */
  async putBlob(repo: string, bytes: Uint8Array): Promise<BlobRef> {
    const digest = digestOf(bytes)
    const operation = `upload blob ${refName(repo, digest)}`
    checkRepo(operation, repo)
    if (await this.blobExists(repo, digest)) return { digest, size: bytes.length }
    const access = `${repo}:push`
    // An upload session may not survive a failed PUT: each attempt starts a new one.
    await retry(
      async () => {
        const started = await this.exchange({
          method: 'POST',
          url: this.url(`/v2/${repo}/blobs/uploads/`),
          operation,
          access
        })
        const location = started.headers.get('location')
        if (!location) throw new RegistryError(operation, 'the registry started an upload without a Location to send it to')
        const target = new URL(location, this.base)
        target.searchParams.set('digest', digest)
        await this.exchange({
          method: 'PUT',
          url: target,
          operation,
          access,
          headers: { 'Content-Type': 'application/octet-stream' },
          body: bytes
        })
      },
      classify,
      this.retryOpts(operation)
    )
    return { digest, size: bytes.length }
  }

  /**
   * A blob's body as a stream (following storage redirects), for copies; the caller
   * verifies the digest as it reads. The request's timeout covers the whole read.
   */
  async openBlob(repo: string, digest: string): Promise<{ size?: number; body: ReadableStream<Uint8Array> }> {
    const operation = `GET blob ${refName(repo, digest)}`
    checkRepo(operation, repo)
    if (!isDigest(digest)) throw new RegistryError(operation, `"${digest}" is not a digest`)
    const reply = await this.call({
      method: 'GET',
      url: this.url(`/v2/${repo}/blobs/${digest}`),
      operation,
      access: `${repo}:pull`,
      allowHtml: true,
      stream: true
    })
    if (!reply.body) throw new RegistryError(operation, 'the registry answered without a body')
    return { size: contentLength(reply.headers), body: reply.body }
  }

  /**
   * Cross-repository mount (same registry): true when the registry mounted the blob;
   * otherwise the upload it started instead (202), for the caller to send the blob to.
   */
  async mountBlob(repo: string, digest: string, from: string): Promise<true | URL> {
    const operation = `mount blob ${refName(repo, digest)} from ${from}`
    checkRepo(operation, repo)
    checkRepo(operation, from)
    if (!isDigest(digest)) throw new RegistryError(operation, `"${digest}" is not a digest`)
    const url = this.url(`/v2/${repo}/blobs/uploads/`)
    url.searchParams.set('mount', digest)
    url.searchParams.set('from', from)
    const reply = await this.call({ method: 'POST', url, operation, access: `${repo}:push,${from}:pull` })
    if (reply.status === 201) return true
    return this.uploadLocation(operation, reply.headers)
  }

  /** Starts a chunked upload: where to PATCH the first chunk. */
  async startUpload(repo: string): Promise<URL> {
    const operation = `start upload to ${repo}`
    checkRepo(operation, repo)
    const reply = await this.call({ method: 'POST', url: this.url(`/v2/${repo}/blobs/uploads/`), operation, access: `${repo}:push` })
    return this.uploadLocation(operation, reply.headers)
  }

  /** Sends one chunk at `offset` (Content-Range); returns where the next one goes. */
  async uploadChunk(repo: string, location: URL, chunk: Uint8Array, offset: number): Promise<URL> {
    const operation = `upload chunk ${offset}-${offset + chunk.length - 1} to ${repo}`
    const reply = await this.call({
      method: 'PATCH',
      url: location,
      operation,
      access: `${repo}:push`,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Range': `${offset}-${offset + chunk.length - 1}`
      },
      body: chunk
    })
    return this.uploadLocation(operation, reply.headers)
  }

  /** Closes a chunked upload under its digest (the registry verifies it too). */
  async finishUpload(repo: string, location: URL, digest: string): Promise<void> {
    const operation = `finish upload of ${refName(repo, digest)}`
    const url = new URL(location)
    url.searchParams.set('digest', digest)
    await this.call({ method: 'PUT', url, operation, access: `${repo}:push` })
  }

  private uploadLocation(operation: string, headers: Headers): URL {
    const location = headers.get('location')
    if (!location) throw new RegistryError(operation, 'the registry answered an upload without a Location to send it to')
    return new URL(location, this.base)
  }

  /** All tags of a repository, following `Link: <...>; rel="next"` pages; [] when the repository does not exist. */
  async listTags(repo: string): Promise<string[]> {
    const operation = `list tags ${repo}`
    checkRepo(operation, repo)
    const tags: string[] = []
    const seen = new Set<string>()
    let url: URL | undefined = this.url(`/v2/${repo}/tags/list?n=${tagsPageSize}`)
    while (url) {
      seen.add(url.href)
      const reply = await this.call({
        method: 'GET',
        url,
        operation,
        access: `${repo}:pull`,
        tolerate: [404],
        maxBytes: tagsPageMaxBytes,
        tooLarge: 'a page of the tag list is larger than 16 MiB'
      })
      if (reply.status === 404) return tags
      tags.push(...parseTagsPage(operation, reply.bytes))
      url = nextLink(reply.headers.get('link'), url)
      if (url && seen.has(url.href)) throw new RegistryError(operation, `the registry's pagination loops back to ${url.href}`)
    }
    return tags
  }

  private url(path: string): URL {
    return new URL(path, this.base)
  }

  private retryOpts(operation: string): RetryOptions {
    return { logger: this.logger, ...this.retryOptions, operation }
  }

  private call(x: Exchange): Promise<Reply> {
    return retry(() => this.exchange(x), classify, this.retryOpts(x.operation))
  }

  /** One attempt: authenticate, send, follow redirects, read the body within limits. */
  private async exchange(x: Exchange): Promise<Reply> {
    const signal = AbortSignal.timeout(this.timeoutMs)
    try {
      const { res, url } = await this.authorized(x, signal)
      const fromRegistry = url.origin === this.base.origin
      const tolerated = x.tolerate?.includes(res.status) ?? false
      if (!x.allowHtml && fromRegistry && (res.ok || tolerated) && isHtml(contentType(res.headers) ?? null)) {
        await res.body?.cancel()
        throw new RegistryError(x.operation, htmlHint(this.registry), { status: res.status })
      }
      if (!res.ok && !tolerated) throw await this.failure(x, res, url)
      if (x.method === 'HEAD' || !res.ok) {
        await res.body?.cancel()
        return { status: res.status, headers: res.headers, bytes: new Uint8Array(0) }
      }
      if (x.stream) return { status: res.status, headers: res.headers, bytes: new Uint8Array(0), body: res.body ?? undefined }
      const bytes = await readBody(res, x)
      return { status: res.status, headers: res.headers, bytes }
    } catch (err) {
      if (err instanceof RegistryError) throw err
      throw new RegistryError(x.operation, describeNetworkError(err, x.url.host, this.timeoutMs), { cause: err })
    }
  }

  /** Sends with what auth knows; on a 401 answers the challenge once, then refreshes credentials once. */
  private async authorized(x: Exchange, signal: AbortSignal): Promise<{ res: Response; url: URL }> {
    const host = this.base.host
    let generation = this.auth.generation
    let authorization = this.auth.header(host, x.access)
    let answered = false
    let refreshed = false
    for (;;) {
      const sent = await this.send(x, authorization, signal)
      if (sent.res.status !== 401 || sent.url.origin !== this.base.origin) return sent
      let credentialsRefused = authorization !== undefined
      if (!answered) {
        answered = true
        const challenges = parseChallenges(sent.res.headers.get('www-authenticate'))
        const next = await this.answer(host, x.access, challenges, authorization, refreshed)
        if (next === tokenRefused) {
          credentialsRefused = true
        } else if (next !== undefined) {
          await sent.res.body?.cancel()
          authorization = next
          continue
        }
      }
      if (!refreshed && this.auth.canRefresh && credentialsRefused) {
        refreshed = true
        answered = false
        await sent.res.body?.cancel()
        await this.auth.refresh(generation)
        generation = this.auth.generation
        authorization = this.auth.header(host, x.access)
        continue
      }
      return sent
    }
  }

  /** A token endpoint refusing our credentials means they expired, unless they were just refreshed. */
  private async answer(
    host: string,
    access: string,
    challenges: Challenge[],
    sent: string | undefined,
    refreshed: boolean
  ): Promise<string | typeof tokenRefused | undefined> {
    try {
      return await this.auth.answer(host, access, challenges, sent)
    } catch (err) {
      if (err instanceof RegistryError && err.status === 401 && this.auth.canRefresh && !refreshed) return tokenRefused
      throw err
    }
  }

  /** fetch with manual redirects: Authorization only ever goes to the registry's own origin. */
  private async send(x: Exchange, authorization: string | undefined, signal: AbortSignal): Promise<{ res: Response; url: URL }> {
    let url = x.url
    let method: Method = x.method
    let body = x.body
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { ...x.headers }
      if (authorization !== undefined && url.origin === this.base.origin) headers.Authorization = authorization
      const res = await this.fetchCounted(url, { method, headers, body, redirect: 'manual', signal })
      this.logger.debug(`${method} ${url.href} -> ${res.status}`)
      const location = res.headers.get('location')
      if (!redirectStatuses.has(res.status) || !location) return { res, url }
      await res.body?.cancel()
      if (hop >= maxRedirects) throw new RegistryError(x.operation, `more than ${maxRedirects} redirects, the last to ${location}`)
      const next = new URL(location, url)
      if (url.protocol === 'https:' && next.protocol !== 'https:') {
        throw new RegistryError(x.operation, `refusing to follow a redirect from HTTPS to ${next.origin}`)
      }
      if (res.status === 303 && method !== 'HEAD') {
        method = 'GET'
        body = undefined
      }
      url = next
    }
  }

  private fetchCounted(url: URL, init: RequestInit): Promise<Response> {
    this.requestCount++
    return this.fetchImpl(url, init)
  }

  private async failure(x: Exchange, res: Response, url: URL): Promise<RegistryError> {
    let body = ''
    try {
      body = new TextDecoder().decode((await readLimited(res, errorBodyMaxBytes)) ?? new Uint8Array(0))
    } catch {
      // The status says enough; a broken error body must not hide it.
    }
    return errorFromResponse(x.operation, {
      status: res.status,
      statusText: res.statusText,
      contentType: contentType(res.headers) ?? null,
      body,
      host: url.host,
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), Date.now())
    })
  }

  /** The registry's Docker-Content-Digest when it agrees with the bytes, else our own sha256. */
  private chooseDigest(operation: string, headers: Headers, computed: string): string {
    const announced = headers.get('docker-content-digest')
    if (announced && announced.startsWith('sha256:') && announced !== computed) {
      this.logger.warning(
        `${operation}: the registry announced digest ${announced} but the content hashes to ${computed}; using ${computed}`
      )
    }
    return computed
  }
}

function classify(err: unknown): RetryDecision {
  if (!(err instanceof RegistryError)) {
    return isTransientNetworkError(err) ? { retry: true, reason: String(err) } : { retry: false }
  }
  const reason = err.message.slice(err.operation.length + 2)
  if (err.status !== undefined) {
    return retryableStatuses.has(err.status) ? { retry: true, afterMs: err.retryAfterMs, reason } : { retry: false }
  }
  if (err instanceof TruncatedBodyError || isTransientNetworkError(err.cause)) return { retry: true, reason }
  return { retry: false }
}

function parseRegistry(registry: string, insecure: boolean): { host: string; insecure: boolean } {
  const m = /^(https?):\/\/(.*)$/i.exec(registry.trim())
  const host = (m ? m[2] : registry.trim()).replace(/\/+$/, '')
  if (host === '' || /[/\s?#@]/.test(host)) {
    throw new Error(`registry "${registry}" is not a host[:port], e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com`)
  }
  return { host, insecure: insecure || m?.[1].toLowerCase() === 'http' }
}

function refName(repo: string, reference: string): string {
  return `${repo}${isDigest(reference) ? '@' : ':'}${reference}`
}

function isDigest(reference: string): boolean {
  return reference.includes(':')
}

function checkRepo(operation: string, repo: string): void {
  if (!isRepositoryPath(repo)) {
    throw new RegistryError(operation, `"${repo}" is not a valid repository name (lowercase letters, digits, separators . _ - and /)`)
  }
}

function checkReference(operation: string, reference: string): void {
  if (isDigest(reference) ? !digestPattern.test(reference) : !isValidTag(reference)) {
    throw new RegistryError(operation, `"${reference}" is neither a valid tag nor a digest`)
  }
}

function verifyDigest(operation: string, expected: string, bytes: Uint8Array): void {
  const algorithm = expected.slice(0, expected.indexOf(':'))
  if (!verifiableAlgorithms.has(algorithm)) {
    throw new RegistryError(operation, `cannot verify digest algorithm "${algorithm}"; use sha256`)
  }
  const actual = `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`
  if (actual !== expected) {
    throw new RegistryError(operation, `digest mismatch: the registry sent content hashing to ${actual}, not ${expected}`)
  }
}

function contentType(headers: Headers): string | undefined {
  const value = headers.get('content-type')
  return value ? value.split(';')[0].trim().toLowerCase() : undefined
}

function mediaTypeOf(headers: Headers, bytes: Uint8Array): string {
  const header = contentType(headers)
  if (header && header !== 'application/json' && header !== 'text/plain') return header
  try {
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { mediaType?: unknown }
    if (typeof parsed.mediaType === 'string' && parsed.mediaType !== '') return parsed.mediaType
  } catch {
    // Not JSON: report what the header said.
  }
  return header ?? 'application/octet-stream'
}

function contentLength(headers: Headers): number | undefined {
  const value = headers.get('content-length')
  if (value === null || !/^\d+$/.test(value.trim())) return undefined
  return Number(value)
}

async function readBody(res: Response, x: Exchange): Promise<Uint8Array> {
  const declared = contentLength(res.headers)
  if (x.maxBytes !== undefined && declared !== undefined && declared > x.maxBytes) {
    await res.body?.cancel()
    throw new RegistryError(x.operation, x.tooLarge ?? `the answer is larger than ${x.maxBytes} bytes`)
  }
  const bytes = await readLimited(res, x.maxBytes)
  if (bytes === undefined) throw new RegistryError(x.operation, x.tooLarge ?? `the answer is larger than ${x.maxBytes} bytes`)
  // fetch decompresses encoded bodies, so Content-Length only counts plain ones.
  const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity'
  if (declared !== undefined && !encoded && bytes.length !== declared) {
    throw new TruncatedBodyError(x.operation, `the answer was cut short: ${bytes.length} of ${declared} bytes arrived`)
  }
  return bytes
}

/** The body, or undefined once it exceeds maxBytes (the rest is not read). */
async function readLimited(res: Response, maxBytes?: number): Promise<Uint8Array | undefined> {
  if (!res.body) return new Uint8Array(0)
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (maxBytes !== undefined && total > maxBytes) {
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, total)
}

function parseTagsPage(operation: string, bytes: Uint8Array): string[] {
  let parsed: { tags?: unknown }
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes)) as typeof parsed
  } catch {
    throw new RegistryError(operation, 'the tag list is not JSON')
  }
  if (parsed.tags === null || parsed.tags === undefined) return []
  if (!Array.isArray(parsed.tags) || parsed.tags.some(t => typeof t !== 'string')) {
    throw new RegistryError(operation, 'the tag list has no array of tags')
  }
  return parsed.tags as string[]
}

/** The rel="next" target of a Link header, resolved against the page it came with. */
export function nextLink(header: string | null, current: URL): URL | undefined {
  if (!header) return undefined
  for (const m of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]*)*)/g)) {
    const rels = /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(m[2])?.[1]?.split(/\s+/) ?? []
    if (rels.includes('next')) return new URL(m[1], current)
  }
  return undefined
}

function describeNetworkError(err: unknown, host: string, timeoutMs: number): string {
  const chain: unknown[] = []
  for (let e: unknown = err; e !== undefined && e !== null && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e)
  const named = (n: string) => chain.some(e => (e as { name?: unknown }).name === n)
  if (named('TimeoutError') || named('AbortError')) return `no complete answer from ${host} within ${timeoutMs}ms`
  const code = chain.map(e => (e as { code?: unknown }).code).find((c): c is string => typeof c === 'string')
  if (code === 'ENOTFOUND') return `cannot resolve ${host}: check the registry address`
  if (code === 'ECONNREFUSED') return `${host} refused the connection: is the registry address and port right?`
  if (code && /CERT|SSL|TLS|SELF_SIGNED/.test(code)) {
    return `TLS to ${host} failed (${code}): trust its CA with NODE_EXTRA_CA_CERTS, or fix the certificate`
  }
  const last = chain[chain.length - 1]
  const message = last instanceof Error ? last.message : String(last)
  const top = err instanceof Error && err !== last ? `${err.message}: ` : ''
  return `connection to ${host} failed: ${top}${message}${code && !message.includes(code) ? ` (${code})` : ''}`
}
