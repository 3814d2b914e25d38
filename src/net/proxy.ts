// The proxy policy of every call the action makes itself (ECR API, registry): which
// proxy, if any, carries a request to a URL, read once from HTTPS_PROXY, HTTP_PROXY and
// NO_PROXY (either case). The adapters in proxy-agents.ts hand this one decision to
// undici (registry fetch) and to the AWS SDK's Node HTTP handler, so both always agree.

export interface ProxySetting {
  /** The proxy URL as given, credentials included: never print it, use `shown`. */
  url: URL
  /** The URL without user and password, for messages. */
  shown: string
  /** The variable it came from, e.g. HTTPS_PROXY or https_proxy. */
  variable: string
}

export interface NoProxyEntry {
  /** Lower case, without a leading `.` or `*.`; `*` bypasses every host. */
  hostname: string
  /** 0 for any port. */
  port: number
}

export interface ProxyEnv {
  https?: ProxySetting
  http?: ProxySetting
  noProxy: NoProxyEntry[]
}

type Env = Record<string, string | undefined>

/** The variable that is set, lower case first (as curl, undici and proxy-from-env read them); an empty value counts as unset. */
function pick(env: Env, name: string): { variable: string; value: string } | undefined {
  for (const variable of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[variable]?.trim()
    if (value) return { variable, value }
  }
  return undefined
}

/** The proxy settings of this process; a malformed proxy URL is an error naming its variable. */
export function readProxyEnv(env: Env = process.env): ProxyEnv {
  const noProxy = pick(env, 'no_proxy')
  return {
    https: parseProxy(pick(env, 'https_proxy')),
    http: parseProxy(pick(env, 'http_proxy')),
    noProxy: noProxy ? parseNoProxy(noProxy.value) : []
  }
}

export function hasProxy(p: ProxyEnv): boolean {
  return p.https !== undefined || p.http !== undefined
}

/** One line for the log: which proxies the action's own calls use (without credentials). */
export function describeProxyEnv(p: ProxyEnv): string | undefined {
  if (!hasProxy(p)) return undefined
  const parts: string[] = []
  const https = p.https ?? p.http
  if (https) parts.push(`HTTPS through ${https.shown} (from ${https.variable})`)
  if (p.http) parts.push(`HTTP through ${p.http.shown} (from ${p.http.variable})`)
  const bypass = p.noProxy.length > 0 ? `; direct to ${formatNoProxy(p.noProxy)} (NO_PROXY)` : ''
  return `proxy: ${parts.join(', ')}${bypass}`
}

function parseProxy(found: { variable: string; value: string } | undefined): ProxySetting | undefined {
  if (!found) return undefined
  const { variable, value } = found
  // A bare host:port means an HTTP proxy, as curl reads it.
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(`${variable}: "${redactText(value)}" is not a proxy URL; give http://host:port (or http://user:password@host:port)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${variable}: ${url.protocol.slice(0, -1)} proxies are not supported; give an http:// or https:// proxy URL`)
  }
  if (url.hostname === '') throw new Error(`${variable}: the proxy URL has no host; give http://host:port`)
  return { url, shown: redactProxyUrl(url), variable }
}

/** NO_PROXY entries: hosts, domain suffixes (`.example.com`, `*.example.com`, `example.com` also covers its subdomains), `host:port`, `*`. */
export function parseNoProxy(value: string): NoProxyEntry[] {
  const entries: NoProxyEntry[] = []
  for (const raw of value.split(/[,\s]+/)) {
    if (raw === '') continue
    const m = /^(.+):(\d+)$/.exec(raw)
    const hostname = (m ? m[1] : raw).replace(/^\*?\./, '').toLowerCase()
    if (hostname === '*') return [{ hostname: '*', port: 0 }]
    if (hostname !== '') entries.push({ hostname, port: m ? Number(m[2]) : 0 })
  }
  return entries
}

/** NO_PROXY as the adapters are given it: the entries this module parsed, nothing else. */
export function formatNoProxy(entries: NoProxyEntry[]): string {
  return entries.map(e => (e.port ? `${e.hostname}:${e.port}` : e.hostname)).join(',')
}

const defaultPorts: Record<string, number> = { 'http:': 80, 'https:': 443 }

/** Whether NO_PROXY sends this host and port direct. */
export function bypassesProxy(entries: NoProxyEntry[], hostname: string, port: number): boolean {
  const host = hostname.toLowerCase()
  return entries.some(e => {
    if (e.hostname === '*') return true
    if (e.port && e.port !== port) return false
    return host === e.hostname || host.endsWith(`.${e.hostname}`)
  })
}

/** The proxy that carries a request to this URL, or undefined to go direct. HTTPS falls back to HTTP_PROXY. */
export function proxyFor(target: URL | string, p: ProxyEnv): ProxySetting | undefined {
  const url = typeof target === 'string' ? new URL(target) : target
  const chosen = url.protocol === 'https:' ? (p.https ?? p.http) : url.protocol === 'http:' ? p.http : undefined
  if (!chosen) return undefined
  // URL.host keeps IPv6 brackets; strip only the port.
  const hostname = url.host.replace(/:\d*$/, '')
  const port = Number(url.port) || defaultPorts[url.protocol] || 0
  return bypassesProxy(p.noProxy, hostname, port) ? undefined : chosen
}

/** The proxy URL without user and password. */
export function redactProxyUrl(url: URL): string {
  const copy = new URL(url.href)
  copy.username = ''
  copy.password = ''
  return copy.href.replace(/\/$/, '')
}

function redactText(value: string): string {
  return value.replace(/\/\/[^/@]*@/, '//')
}

/** What must be masked in logs: each proxy password, raw and percent-decoded. */
export function proxySecrets(p: ProxyEnv): string[] {
  const secrets = new Set<string>()
  for (const s of [p.https, p.http]) {
    if (!s?.url.password) continue
    secrets.add(s.url.password)
    try {
      secrets.add(decodeURIComponent(s.url.password))
    } catch {
      // Not valid percent-encoding: the raw form is what appears.
    }
  }
  return [...secrets]
}

/** The proxy failed us, not the target: the message names it (without credentials) and its variable. */
export class ProxyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProxyError'
  }
}

const refusals: Record<number, string> = {
  403: 'the proxy forbids this destination: allow it in the proxy\u2019s rules (for tinyproxy, ConnectPort and Allow), or list the host in NO_PROXY to go direct',
  407: 'the proxy wants credentials: give them in the URL, http://user:password@host:port (the password is masked in the log)'
}

/** The error for a proxy that answered the tunnel request with a status other than 200. */
export function proxyRefused(proxy: ProxySetting, target: string, status: number): ProxyError {
  const what = refusals[status] ?? 'check the proxy\u2019s log, or list the host in NO_PROXY to go direct'
  return new ProxyError(`the proxy ${proxy.shown} (from ${proxy.variable}) refused to connect to ${target} (HTTP ${status}): ${what}`)
}

/** The error for a proxy that could not be reached at all. */
export function proxyUnreachable(proxy: ProxySetting, target: string, code: string): ProxyError {
  return new ProxyError(
    `cannot reach the proxy ${proxy.shown} (from ${proxy.variable}) to connect to ${target} (${code}): ` +
      `check that the proxy runs and that ${proxy.variable} names the right host and port, or unset it to go direct`
  )
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

/**
 * A failure through a proxy, described: a refused tunnel (undici says `Proxy response (403)`) or
 * a proxy that cannot be reached. Undefined when the proxy is not to blame.
 */
export function describeProxyFailure(err: unknown, proxy: ProxySetting, target: string): ProxyError | undefined {
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown }
    const refused = typeof message === 'string' ? /Proxy response \((\d{3})\)/.exec(message) : null
    if (refused) return proxyRefused(proxy, target, Number(refused[1]))
    if (typeof code === 'string' && unreachableCodes.has(code)) return proxyUnreachable(proxy, target, code)
  }
  return undefined
}
