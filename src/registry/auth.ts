// Registry authentication: Basic (ECR, htpasswd registries) and the Bearer token
// flow of the distribution spec. The client owns HTTP; this module owns decisions and caches.
import { silentLogger, type Logger } from '../util/logger.js'
import { errorFromResponse, RegistryError } from './errors.js'

export interface Credentials {
  username: string
  password: string
}

export interface Challenge {
  /** Lower-cased: `basic`, `bearer`. */
  scheme: string
  params: Record<string, string>
}

/** What the authenticator needs from the HTTP client to fetch a token. */
export type TokenFetch = (url: URL, headers: Record<string, string>) => Promise<Response>

export interface AuthenticatorOptions {
  /** host[:port] of the registry. */
  registry: string
  credentials?: Credentials
  refreshCredentials?: () => Promise<Credentials>
  /** Send Basic from the first request (ECR takes its token that way): saves a 401 round trip. */
  basicUpfront?: boolean
  fetchToken: TokenFetch
  logger?: Logger
  now?: () => number
}

interface CachedToken {
  token: string
  expiresAt: number
}

const defaultTokenLifetimeSeconds = 60

export function basicAuthorization(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`
}

/** Parses `WWW-Authenticate`, which may carry several challenges: `Bearer realm="x",scope="a b", Basic realm="y"`. */
export function parseChallenges(header: string | null): Challenge[] {
  if (header === null) return []
  const challenges: Challenge[] = []
  const token = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)/y
  const param = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/y
  let pos = 0
  while (pos < header.length) {
    token.lastIndex = pos
    const scheme = token.exec(header)
    if (scheme === null) break
    pos = token.lastIndex
    const params: Record<string, string> = {}
    for (;;) {
      param.lastIndex = pos
      const m = param.exec(header)
      if (m === null) break
      params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]
      pos = param.lastIndex
    }
    challenges.push({ scheme: scheme[1].toLowerCase(), params })
    while (pos < header.length && /[\s,]/.test(header[pos])) pos++
  }
  return challenges
}

export class Authenticator {
  /** Bumped by each credentials refresh, so concurrent requests refresh once. */
  generation = 0
  private credentials?: Credentials
  private readonly registry: string
  private readonly refreshHook?: () => Promise<Credentials>
  private readonly fetchToken: TokenFetch
  private readonly logger: Logger
  private readonly now: () => number
  private readonly basicHosts = new Set<string>()
  private readonly tokens = new Map<string, CachedToken>()
  private readonly pendingTokens = new Map<string, Promise<CachedToken>>()
  /** Request key (repository and access) -> token cache key, learned from challenges. */
  private readonly scopeOf = new Map<string, string>()
  private pendingRefresh?: Promise<void>

  constructor(opts: AuthenticatorOptions) {
    this.registry = opts.registry
    this.credentials = opts.credentials
    this.refreshHook = opts.refreshCredentials
    this.fetchToken = opts.fetchToken
    this.logger = opts.logger ?? silentLogger
    this.now = opts.now ?? Date.now
    if (opts.basicUpfront && opts.credentials) this.basicHosts.add(opts.registry)
  }

  get canRefresh(): boolean {
    return this.refreshHook !== undefined
  }

  /** The Authorization to send up front, from what earlier challenges taught us. */
  header(host: string, key: string): string | undefined {
    const cacheKey = this.scopeOf.get(key)
    const cached = cacheKey === undefined ? undefined : this.validToken(cacheKey)
    if (cached) return `Bearer ${cached.token}`
    if (this.basicHosts.has(host) && this.credentials) return basicAuthorization(this.credentials)
    return undefined
  }

  /**
   * Answers a 401 challenge: the Authorization to retry with, or undefined when
   * retrying cannot help (no credentials, or the same header was just refused).
   */
  async answer(host: string, key: string, challenges: Challenge[], sent: string | undefined): Promise<string | undefined> {
    const bearer = challenges.find(c => c.scheme === 'bearer')
    if (bearer) return this.answerBearer(key, bearer, sent)
    if (challenges.some(c => c.scheme === 'basic')) {
      this.basicHosts.add(host)
      if (!this.credentials) return undefined
      const header = basicAuthorization(this.credentials)
      return header === sent ? undefined : header
    }
    return undefined
  }

  /** Asks for fresh credentials (an expired ECR token) unless another request already did since `seenGeneration`. */
  async refresh(seenGeneration: number): Promise<void> {
    if (this.generation !== seenGeneration) return
    if (!this.refreshHook) return
    this.pendingRefresh ??= this.doRefresh(this.refreshHook).finally(() => {
      this.pendingRefresh = undefined
    })
    await this.pendingRefresh
  }

  private async doRefresh(hook: () => Promise<Credentials>): Promise<void> {
    this.logger.info(`registry ${this.registry} refused the credentials; refreshing them`)
    try {
      this.credentials = await hook()
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err)
      throw new RegistryError(`refresh credentials for ${this.registry}`, detail, { cause: err })
    }
    this.tokens.clear()
    this.scopeOf.clear()
    this.generation++
  }

  private async answerBearer(key: string, challenge: Challenge, sent: string | undefined): Promise<string | undefined> {
    const { realm, service, scope } = challenge.params
    if (!realm) throw new RegistryError(`authenticate to ${this.registry}`, 'the Bearer challenge names no realm to get a token from')
    const cacheKey = JSON.stringify([realm, service ?? '', scope ?? ''])
    this.scopeOf.set(key, cacheKey)
    const cached = this.validToken(cacheKey)
    if (cached && `Bearer ${cached.token}` !== sent) return `Bearer ${cached.token}`
    this.tokens.delete(cacheKey)
    let pending = this.pendingTokens.get(cacheKey)
    if (!pending) {
      pending = this.requestToken(realm, service, scope).finally(() => this.pendingTokens.delete(cacheKey))
      this.pendingTokens.set(cacheKey, pending)
    }
    const fresh = await pending
    this.tokens.set(cacheKey, fresh)
    const header = `Bearer ${fresh.token}`
    return header === sent ? undefined : header
  }

  private validToken(cacheKey: string): CachedToken | undefined {
    const cached = this.tokens.get(cacheKey)
    return cached && cached.expiresAt > this.now() ? cached : undefined
  }

  private async requestToken(realm: string, service?: string, scope?: string): Promise<CachedToken> {
    const operation = `GET token${scope ? ` for ${scope}` : ''} from ${realm}`
    const url = this.tokenUrl(operation, realm, service, scope)
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (this.credentials) {
      if (url.protocol !== 'https:' && url.host !== this.registry) {
        throw new RegistryError(operation, `the token realm is not HTTPS; refusing to send the credentials for ${this.registry} there`)
      }
      headers.Authorization = basicAuthorization(this.credentials)
    }
    const res = await this.fetchToken(url, headers)
    const body = await res.text()
    if (!res.ok) {
      throw errorFromResponse(operation, {
        status: res.status,
        statusText: res.statusText,
        contentType: res.headers.get('content-type'),
        body,
        host: url.host
      })
    }
    return this.parseToken(operation, body)
  }

  private tokenUrl(operation: string, realm: string, service?: string, scope?: string): URL {
    let url: URL
    try {
      url = new URL(realm)
    } catch {
      throw new RegistryError(operation, `the registry's token realm "${realm}" is not a URL`)
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new RegistryError(operation, `the registry's token realm "${realm}" is not an HTTP(S) URL`)
    }
    if (service) url.searchParams.set('service', service)
    for (const s of (scope ?? '').split(' ').filter(Boolean)) url.searchParams.append('scope', s)
    return url
  }

  private parseToken(operation: string, body: string): CachedToken {
    let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown }
    try {
      parsed = JSON.parse(body) as typeof parsed
    } catch {
      throw new RegistryError(operation, 'the token endpoint did not answer JSON')
    }
    const token = typeof parsed.token === 'string' && parsed.token ? parsed.token : parsed.access_token
    if (typeof token !== 'string' || token === '') {
      throw new RegistryError(operation, 'the token endpoint answered without a token')
    }
    const lifetime = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : defaultTokenLifetimeSeconds
    // Renew a little early so a token does not expire in flight.
    const marginMs = Math.min(10000, lifetime * 100)
    return { token, expiresAt: this.now() + lifetime * 1000 - marginMs }
  }
}
