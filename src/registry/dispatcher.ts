// One connection pool for the whole step: every registry request (token, manifests,
// blobs, PUTs) goes through a single keep-alive undici Agent, HTTP/2 where the registry
// offers it over TLS (one connection then carries a whole wave of parallel requests). A new
// TCP + TLS connection costs two to three round trips, more than most requests of a merge:
// reusing connections is most of the difference at 50 ms. Opened connections are counted
// and logged at debug level, so a step's log shows how many it opened.
//
// The first wave to an origin waits for one connection (as Go's client does): until the pool
// has connected to an origin once, one request opens the connection and the others wait for
// its handshake. Over HTTP/2 they then share it; over HTTP/1.1 they open their own as before.
// Without the wait, every request of the first wave opens a connection of its own before any
// handshake has said whether the server speaks HTTP/2.
import { Agent, buildConnector, Client, fetch as undiciFetch, type Dispatcher } from 'undici'
import { MAX_MANIFEST_BYTES } from '../oci/digest.js'
import type { ConnectionOptions } from 'node:tls'
import type { Logger } from '../util/logger.js'

/** The pool's options; a dispatcher created elsewhere (a proxy agent) should take the same. */
export const KEEP_ALIVE_OPTIONS = {
  allowH2: true,
  // Long enough to span a step's waves of requests; the registry may close first, which undici handles.
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 60_000
} as const

/** Streams one HTTP/2 connection carries at once: a Node or Go server's default limit. */
const H2_STREAMS = 100

export interface PooledFetch {
  fetch: typeof fetch
  /** Connections opened so far. */
  connections(): number
  close(): Promise<void>
}

/** `tls`: extra TLS options for every connection (a test server's CA). */
export function pooledFetch(logger: Logger, tls: ConnectionOptions = {}): PooledFetch {
  const origins = new OriginGate()
  const connector = buildConnector({ ...tls, allowH2: KEEP_ALIVE_OPTIONS.allowH2 })
  const base = new Agent({
    ...KEEP_ALIVE_OPTIONS,
    connect: (options, callback) =>
      connector(options, (err, socket) => {
        const key = originKey(options.protocol, options.hostname, options.port)
        if (err) origins.failed(key)
        else {
          origins.connected(key, 'alpnProtocol' in socket && socket.alpnProtocol === 'h2')
        }
        // The callback's two forms, as undici's own connector calls them.
        if (err) callback(err, null)
        else callback(null, socket)
      })
  })
  const agent = base.compose(shareConnections)
  let opened = 0
  base.on('connect', (origin, targets) => {
    opened++
    // undici keeps a connection to one request at a time (pipelining 1) even over HTTP/2 unless
    // told otherwise; an HTTP/2 connection takes as many streams as the server allows.
    const client = targets[targets.length - 1]
    const url = typeof origin === 'object' && 'origin' in origin ? origin : new URL(String(origin))
    if (origins.takeProtocol(originKey(url.protocol, url.hostname, url.port)) === 'h2' && client instanceof Client) {
      client.pipelining = H2_STREAMS
    }
    const name = typeof origin === 'object' && 'origin' in origin ? origin.origin : String(origin)
    logger.debug(`connection ${opened} opened to ${name}`)
  })
  const pooled = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input)
    const key = originKey(url.protocol, url.hostname, url.port)
    const opener = await origins.admit(key)
    try {
      // undici's fetch with its own Agent: the global fetch cannot take an undici package dispatcher.
      return await undiciFetch(input as Parameters<typeof undiciFetch>[0], {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher: agent
      })
    } finally {
      // An opener that ended without connecting (aborted, refused) must not hold the others back.
      if (opener) origins.failed(key)
    }
  }
  return { fetch: pooled as unknown as typeof fetch, connections: () => opened, close: () => base.close() }
}

/**
 * fetch hands every request body to the dispatcher as a stream, and undici keeps a request with
 * a stream body, or one not idempotent, off an HTTP/2 connection that has others in flight (it
 * could not replay it): parallel manifest PUTs would each open a connection of their own, two
 * round trips each. A PUT body of manifest size is read into memory first and marked
 * idempotent (PUT is, by HTTP's definition), so the tag PUTs of a merge share the connection.
 * So is a POST without a body: a blob upload's start or a cross-repository mount, which a mirror
 * sends for every blob at once (a repeated one only opens another upload, or mounts again).
 */
const shareConnections: Dispatcher.DispatcherComposeInterceptor = dispatch => (opts, handler) => {
  if (opts.method === 'POST' && opts.body == null) return dispatch({ ...opts, idempotent: true }, handler)
  const length = Number(headerValue(opts.headers, 'content-length') ?? NaN)
  const body = opts.body
  if (opts.method !== 'PUT' || !isAsyncIterable(body) || !(length <= MAX_MANIFEST_BYTES)) return dispatch(opts, handler)
  readAll(body).then(
    bytes => dispatch({ ...opts, body: bytes, idempotent: true }, handler),
    (err: unknown) => failHandler(handler, err instanceof Error ? err : new Error(String(err)))
  )
  return true
}

function isAsyncIterable(body: unknown): body is AsyncIterable<Uint8Array> {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  for await (const chunk of body) chunks.push(chunk)
  return Buffer.concat(chunks)
}

function headerValue(headers: Dispatcher.DispatchOptions['headers'], name: string): string | undefined {
  if (!headers || Array.isArray(headers) || typeof headers !== 'object' || Symbol.iterator in headers) return undefined
  const value = (headers as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(value) ? value[0] : value
}

/** Both handler styles undici accepts: the error reaches fetch as a network error. */
function failHandler(handler: Dispatcher.DispatchHandler, err: Error): void {
  const legacy = handler as { onError?: (err: Error) => void }
  if (legacy.onError) legacy.onError(err)
  else handler.onResponseError?.({} as Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseError']>>[0], err)
}

type OriginState = { kind: 'opening'; opened: Promise<void>; settle: () => void } | { kind: 'connected' }

/** Per origin: has the pool connected once, and is a request connecting right now. */
class OriginGate {
  private readonly states = new Map<string, OriginState>()
  /** Per origin, the protocols of connections made and not yet announced by the pool's 'connect' event. */
  private readonly protocols = new Map<string, ('h2' | 'h1')[]>()

  /**
   * Resolves when a request to the origin may go: at once, or after the first connection's
   * handshake. True when this request is the one that opens the connection.
   */
  async admit(key: string): Promise<boolean> {
    const state = this.states.get(key)
    if (state?.kind === 'connected') return false
    if (state?.kind === 'opening') {
      await state.opened
      return false
    }
    let settle = () => {}
    const opened = new Promise<void>(resolve => (settle = resolve))
    this.states.set(key, { kind: 'opening', opened, settle })
    return true
  }

  connected(key: string, h2: boolean): void {
    this.protocols.set(key, [...(this.protocols.get(key) ?? []), h2 ? 'h2' : 'h1'])
    const state = this.states.get(key)
    this.states.set(key, { kind: 'connected' })
    // After undici has taken the socket (it learns HTTP/2 from it once this callback returns).
    if (state?.kind === 'opening') setImmediate(state.settle)
  }

  /** The protocol of the oldest connection to the origin not yet taken. */
  takeProtocol(key: string): 'h2' | 'h1' | undefined {
    return this.protocols.get(key)?.shift()
  }

  /** The opener could not connect: the waiting requests go (and connect or fail) on their own. */
  failed(key: string): void {
    const state = this.states.get(key)
    if (state?.kind !== 'opening') return
    this.states.delete(key)
    state.settle()
  }
}

function originKey(protocol: string, hostname: string, port: string | number): string {
  const scheme = protocol.replace(/:$/, '').toLowerCase()
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return `${scheme}://${host}:${port === '' ? (scheme === 'https' ? 443 : 80) : port}`
}
