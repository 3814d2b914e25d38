// One connection pool for the whole step: every registry request (token, manifests,
// blobs, PUTs) goes through a single keep-alive undici Agent, HTTP/2 where the registry
// offers it over TLS (one connection then carries a whole wave of parallel requests). A new
// TCP + TLS connection costs two to three round trips, more than most requests of a merge:
// reusing connections is most of the difference at 50 ms. Opened connections are counted
// and logged at debug level, so a step's log shows how many it opened.
import { Agent, fetch as undiciFetch } from 'undici'
import type { Logger } from '../util/logger.js'

/** The pool's options; a dispatcher created elsewhere (a proxy agent) should take the same. */
export const KEEP_ALIVE_OPTIONS = {
  allowH2: true,
  // Long enough to span a step's waves of requests; the registry may close first, which undici handles.
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 60_000
} as const

export interface PooledFetch {
  fetch: typeof fetch
  /** Connections opened so far. */
  connections(): number
  close(): Promise<void>
}

export function pooledFetch(logger: Logger): PooledFetch {
  const agent = new Agent(KEEP_ALIVE_OPTIONS)
  let opened = 0
  agent.on('connect', origin => {
    opened++
    const name = typeof origin === 'object' && 'origin' in origin ? origin.origin : String(origin)
    logger.debug(`connection ${opened} opened to ${name}`)
  })
  const pooled = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    // undici's fetch with its own Agent: the global fetch cannot take an undici package dispatcher.
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent
    })) as unknown as typeof fetch
  return { fetch: pooled, connections: () => opened, close: () => agent.close() }
}
