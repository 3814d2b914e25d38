// A programmable HTTP(S) proxy in front of a registry: it forwards every request,
// can add latency (one simulated round trip per request), injects faults on demand
// and keeps a log of what went through, from which the sequential round-trip depth
// (the critical path, counted in round trips) is computed.
import http from 'node:http'
import http2 from 'node:http2'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'

export interface ProxyOptions {
  /** e.g. https://registry.test:5443 or http://127.0.0.1:5000 */
  target: string
  /** PEM key and certificate: serve HTTPS (clients then reach https://registry.test:<port>). */
  tls?: { key: string; cert: string }
  /** PEM of the CA that signed the target's certificate. */
  ca?: string
  /** Delay before each request is forwarded (or answered by a fault). */
  latencyMs?: number
  /** With tls: also speak HTTP/2 to clients that offer it (ALPN), as the reference registry does. */
  http2?: boolean
}

export interface RequestRecord {
  method: string
  /** Path and query, as the client sent them. */
  path: string
  /** 0 when the client got no complete answer (reset, truncate, upstream failure). */
  status: number
  /** performance.now() when the request arrived. */
  start: number
  /** performance.now() when the answer was sent (or the socket destroyed). */
  end: number
  /** The fault injected into this request, if any. */
  fault?: FaultKind
  /** The client's User-Agent, when it sent one (tells the tools apart in a shared log). */
  userAgent?: string
}

/** cut-request: half the request body goes to the registry, then both connections close unanswered. */
export type FaultKind = '503' | '500' | '429' | '429-retry-after' | 'reset' | 'stall' | 'truncate' | '401' | 'cut-request'

export interface FaultRule {
  method?: string
  /** Tested against the path and query. */
  path?: RegExp
  fault: FaultKind
  /** How many matching requests get it. */
  times: number
  /** For 429-retry-after (default 1). */
  retryAfterSeconds?: number
  /** For stall (default 2000). */
  stallMs?: number
}

export interface Proxy {
  port: number
  /** https://registry.test:<port> with tls, else http://127.0.0.1:<port> */
  url: string
  /** registry.test:<port> with tls, else 127.0.0.1:<port> */
  host: string
  requests: RequestRecord[]
  setLatency(ms: number): void
  inject(rule: FaultRule): void
  clearFaults(): void
  resetLog(): void
  depth(filter?: (r: RequestRecord) => boolean): number
  /** The origin clients reach this proxy by when another hop sits in front (see network.ts): redirects and realms name it. */
  advertise(origin: string): void
  close(): Promise<void>
}

const TLS_HOST = 'registry.test'
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade'
])

const ERROR_CODES: Record<string, { status: number; code: string; message: string }> = {
  '503': { status: 503, code: 'UNAVAILABLE', message: 'service unavailable (injected by the test proxy)' },
  '500': { status: 500, code: 'UNKNOWN', message: 'internal server error (injected by the test proxy)' },
  '429': { status: 429, code: 'TOOMANYREQUESTS', message: 'too many requests (injected by the test proxy)' },
  '429-retry-after': { status: 429, code: 'TOOMANYREQUESTS', message: 'too many requests (injected by the test proxy)' },
  '401': { status: 401, code: 'UNAUTHORIZED', message: 'authentication required (injected by the test proxy)' }
}

/**
 * The longest chain r1, r2, ... of records in which each one started at or after the
 * previous one ended: how many round trips lay on the critical path one after another.
 */
export function sequentialDepth(records: readonly RequestRecord[]): number {
  const sorted = [...records].sort((a, b) => a.start - b.start || a.end - b.end)
  const chain: number[] = []
  let best = 0
  for (let i = 0; i < sorted.length; i++) {
    let longest = 0
    for (let j = 0; j < i; j++) {
      if (sorted[j].end <= sorted[i].start && chain[j] > longest) longest = chain[j]
    }
    chain[i] = longest + 1
    if (chain[i] > best) best = chain[i]
  }
  return best
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

export async function startProxy(opts: ProxyOptions): Promise<Proxy> {
  const target = new URL(opts.target)
  const targetOrigin = target.origin
  const secureTarget = target.protocol === 'https:'
  const agent = secureTarget
    ? new https.Agent({ keepAlive: true, ...(opts.ca ? { ca: opts.ca } : {}) })
    : new http.Agent({ keepAlive: true })
  const send = secureTarget ? https.request : http.request
  const requests: RequestRecord[] = []
  let rules: (FaultRule & { remaining: number })[] = []
  let latencyMs = opts.latencyMs ?? 0
  let origin = ''

  function takeFault(req: http.IncomingMessage): (FaultRule & { remaining: number }) | undefined {
    const rule = rules.find(
      r => r.remaining > 0 && (!r.method || r.method.toUpperCase() === req.method) && (!r.path || r.path.test(req.url ?? ''))
    )
    if (rule) rule.remaining--
    return rule
  }

  function rewrite(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
    const out: http.OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue
      out[name] = value
    }
    const location = out.location
    if (typeof location === 'string' && /^https?:\/\//i.test(location)) {
      const url = new URL(location)
      if (url.origin === targetOrigin) out.location = origin + location.slice(url.origin.length)
    }
    const challenge = out['www-authenticate']
    if (challenge !== undefined) {
      const fix = (v: string) =>
        v.replace(/realm="([^"]*)"/i, (whole, realm: string) =>
          realm.startsWith(targetOrigin) ? `realm="${origin}${realm.slice(targetOrigin.length)}"` : whole
        )
      out['www-authenticate'] = Array.isArray(challenge) ? challenge.map(fix) : fix(String(challenge))
    }
    return out
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const record: RequestRecord = { method: req.method ?? 'GET', path: req.url ?? '/', status: 0, start: performance.now(), end: 0 }
    if (req.headers['user-agent']) record.userAgent = req.headers['user-agent']
    let logged = false
    const log = (status: number) => {
      if (logged) return
      logged = true
      record.status = status
      record.end = performance.now()
      requests.push(record)
    }
    const rule = takeFault(req)
    if (rule) record.fault = rule.fault
    if (latencyMs > 0) await sleep(latencyMs)

    const error = rule && ERROR_CODES[rule.fault]
    if (rule && error) {
      req.resume()
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (rule.fault === '429-retry-after') headers['retry-after'] = String(rule.retryAfterSeconds ?? 1)
      if (rule.fault === '401') headers['www-authenticate'] = 'Basic realm="proxy"'
      const body = JSON.stringify({ errors: [{ code: error.code, message: error.message, detail: null }] })
      res.on('finish', () => log(error.status))
      res.writeHead(error.status, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body)
      return
    }
    if (rule?.fault === 'reset') {
      log(0)
      req.socket.destroy()
      return
    }
    if (rule?.fault === 'stall') await sleep(rule.stallMs ?? 2000)

    const headers = rewriteRequestHeaders(req.headers)
    const upstream = send(new URL(req.url ?? '/', targetOrigin), { method: req.method, headers, agent }, answer => {
      const status = answer.statusCode ?? 502
      const out = rewrite(answer.headers)
      if (rule?.fault === 'truncate') {
        const chunks: Buffer[] = []
        answer.on('data', (c: Buffer) => chunks.push(c))
        answer.on('end', () => {
          const body = Buffer.concat(chunks)
          delete out['transfer-encoding']
          out['content-length'] = String(body.length)
          res.writeHead(status, out)
          res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
            log(0)
            res.socket?.destroy()
          })
        })
        return
      }
      res.on('finish', () => log(status))
      res.on('close', () => {
        log(0)
        answer.destroy()
      })
      if (req.httpVersionMajor >= 2) res.writeHead(status, out)
      else res.writeHead(status, answer.statusMessage, out)
      answer.pipe(res)
    })
    upstream.on('error', err => {
      if (res.headersSent) {
        log(0)
        res.destroy()
        return
      }
      const body = JSON.stringify({ errors: [{ code: 'UNKNOWN', message: `test proxy: upstream failed: ${err.message}`, detail: null }] })
      res.on('finish', () => log(502))
      res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body)
    })
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy()
    })
    if (rule?.fault === 'cut-request') return cutRequest(req, upstream, () => log(0))
    req.pipe(upstream)
  }

  /** Forwards the first half of the request body (by its Content-Length), then drops both sides. */
  function cutRequest(req: http.IncomingMessage, upstream: http.ClientRequest, done: () => void): void {
    const half = Math.floor(Number(req.headers['content-length'] ?? 0) / 2)
    let sent = 0
    req.on('data', (chunk: Buffer) => {
      if (sent >= half) return
      const part = chunk.subarray(0, half - sent)
      sent += part.length
      upstream.write(part, () => {
        if (sent < half) return
        // Let the registry take what it got before the connection goes.
        setTimeout(() => {
          upstream.destroy()
          req.socket.destroy()
          done()
        }, 200)
      })
    })
  }

  function rewriteRequestHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
    const out: http.OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || HOP_BY_HOP.has(name) || name.startsWith(':')) continue
      out[name] = value
    }
    out.host = target.host
    return out
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch(err => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(`test proxy: ${String(err)}`)
      else res.destroy()
    })
  }
  const server = !opts.tls
    ? http.createServer(listener)
    : opts.http2
      ? // The compatibility API hands HTTP/1.1 and HTTP/2 requests to the same listener.
        http2.createSecureServer({ key: opts.tls.key, cert: opts.tls.cert, allowHTTP1: true }, listener as never)
      : https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener)
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = opts.tls ? `${TLS_HOST}:${port}` : `127.0.0.1:${port}`
  origin = `${opts.tls ? 'https' : 'http'}://${host}`

  return {
    port,
    url: origin,
    host,
    requests,
    setLatency(ms) {
      latencyMs = ms
    },
    inject(rule) {
      rules.push({ ...rule, remaining: rule.times })
    },
    clearFaults() {
      rules = []
    },
    resetLog() {
      requests.length = 0
    },
    advertise(publicOrigin) {
      origin = publicOrigin
    },
    depth(filter) {
      return sequentialDepth(filter ? requests.filter(filter) : requests)
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(err => (err ? reject(err) : resolve()))
        if ('closeAllConnections' in server) server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
        agent.destroy()
      })
  }
}
