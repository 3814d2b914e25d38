// The registry transport, as go-containerregistry separates it from the operations: one
// request to the registry with its auth challenge, redirects, timeouts, body limits, error
// mapping and retries. The one place in the project that calls fetch.
import { bareContentType } from '../oci/digest.js'
import { silentLogger, type Logger } from '../util/logger.js'
import { isTransientNetworkError, parseRetryAfter, retry, type RetryDecision, type RetryOptions } from '../util/retry.js'
import { proxiedFetch } from '../net/proxy-agents.js'
import { Authenticator, parseChallenges, type Challenge, type Credentials } from './auth.js'
import { errorFromResponse, htmlHint, isHtml, RegistryError } from './errors.js'
import { IdleDeadline } from './idle-deadline.js'

export interface TransportOptions {
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
  /** Sent with every request, token requests included: a proxy agent, or a pool with its own keep-alive. */
  dispatcher?: RequestInit['dispatcher']
  requestTimeoutMs?: number
}

export type Method = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE'

/** One request as the operations describe it. */
export interface Exchange {
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
  /** Hand the body back unread (blob copies stream it), under an idle timeout instead of a total one. */
  stream?: boolean
}

export interface Reply {
  status: number
  headers: Headers
  bytes: Uint8Array
  /** With `stream`: the unread body. */
  body?: ReadableStream<Uint8Array>
}

const retryableStatuses = new Set([429, 500, 502, 503, 504])
const redirectStatuses = new Set([301, 302, 303, 307, 308])
const maxRedirects = 5
const errorBodyMaxBytes = 64 * 1024

const tokenRefused = Symbol('token refused')

/** A body shorter than announced or cut mid-stream: worth another attempt. */
class TruncatedBodyError extends RegistryError {}

export class Transport {
  /** Every HTTP request sent, token requests and redirect hops included. */
  requestCount = 0
  /** host[:port] */
  readonly registry: string
  readonly logger: Logger
  readonly base: URL
  private readonly retryOptions: Partial<RetryOptions>
  private readonly fetchImpl: typeof fetch
  private readonly dispatcher: RequestInit['dispatcher']
  private readonly timeoutMs: number
  private readonly auth: Authenticator

  constructor(opts: TransportOptions) {
    const { host, insecure } = parseRegistry(opts.registry, opts.insecure ?? false)
    this.registry = host
    this.base = new URL(`${insecure ? 'http' : 'https'}://${host}`)
    this.logger = opts.logger ?? silentLogger
    this.retryOptions = opts.retry ?? {}
    // HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply unless the caller brings its own fetch.
    this.fetchImpl = opts.fetch ?? proxiedFetch()
    this.dispatcher = opts.dispatcher
    this.timeoutMs = opts.requestTimeoutMs ?? 30000
    this.auth = new Authenticator({
      registry: host,
      credentials: opts.credentials,
      refreshCredentials: opts.refreshCredentials,
      basicUpfront: opts.basicUpfront,
      logger: this.logger,
      fetchToken: (url, headers) => this.fetch(url, { headers, signal: AbortSignal.timeout(this.timeoutMs) })
    })
  }

  /** A URL on the registry: a path, or a Location it answered (relative to the registry). */
  url(pathOrLocation: string): URL {
    return new URL(pathOrLocation, this.base)
  }

  /** One exchange, retried while its failure is transient. */
  call(x: Exchange): Promise<Reply> {
    return retry(() => this.exchange(x), classify, { logger: this.logger, ...this.retryOptions, operation: x.operation })
  }

  /** One attempt: authenticate, send, follow redirects, read the body within limits. */
  private async exchange(x: Exchange): Promise<Reply> {
    // A streamed body is bounded by idleness, not by its total time (see IdleDeadline).
    const deadline = x.stream ? new IdleDeadline(this.timeoutMs) : undefined
    const budgetMs = requestBudgetMs(this.timeoutMs, x.body?.length ?? 0)
    const signal = deadline?.signal ?? AbortSignal.timeout(budgetMs)
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
      if (deadline) {
        const idle = (cause: unknown) => new RegistryError(x.operation, `no bytes from ${url.host} for ${this.timeoutMs}ms`, { cause })
        return {
          status: res.status,
          headers: res.headers,
          bytes: new Uint8Array(0),
          body: res.body ? deadline.watch(res.body, idle) : undefined
        }
      }
      const bytes = await readBody(res, x)
      return { status: res.status, headers: res.headers, bytes }
    } catch (err) {
      if (err instanceof RegistryError) throw err
      throw new RegistryError(x.operation, describeNetworkError(err, x.url.host, budgetMs), { cause: err })
    } finally {
      deadline?.disarm()
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
      const res = await this.fetch(url, { method, headers, body, redirect: 'manual', signal })
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

  /** The one fetch: counted, and through the dispatcher when one is set. */
  private fetch(url: URL, init: RequestInit): Promise<Response> {
    this.requestCount++
    return this.fetchImpl(url, this.dispatcher === undefined ? init : { ...init, dispatcher: this.dispatcher })
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
}

/** The slowest upload a request body is given time for: 32 KiB/s, a poor mobile link. */
export const MIN_UPLOAD_BYTES_PER_SECOND = 32 * 1024

/**
 * A request's time limit: the timeout, plus the time its body takes at the slowest upload rate
 * allowed, so that an 8 MiB chunk on a slow link is not cut at 30 s (a stalled one still is).
 */
export function requestBudgetMs(timeoutMs: number, bodyBytes: number): number {
  return timeoutMs + Math.ceil((bodyBytes * 1000) / MIN_UPLOAD_BYTES_PER_SECOND)
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

export function contentType(headers: Headers): string | undefined {
  return bareContentType(headers.get('content-type'))
}

export function contentLength(headers: Headers): number | undefined {
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
