// A connection opened before the code that uses it has loaded. The ECR login's first request
// waits for the AWS SDK to load (most of a merge step's start-up) and then for its own TCP and
// TLS handshakes (two or three round trips); opened at process start, the handshakes run while
// the SDK loads, and the SDK's HTTPS agent takes the socket for its first request.
// Pure Node: the action's entry opens it before anything else loads.
import https from 'node:https'
import { isIP } from 'node:net'
import type { Duplex } from 'node:stream'
import tls from 'node:tls'

const early = new Map<string, tls.TLSSocket>()
let taken = 0

const key = (host: string, port: number | string) => `${host.toLowerCase()}:${Number(port)}`

/**
 * Opens a TLS connection to an https URL and keeps it for `takeEarlyConnection`. It never holds
 * the process open (unref'd until taken) and never fails anything: an error only drops it, and
 * the agent then connects as it always does. `ca` is for tests.
 */
export function connectEarly(url: URL, options: { ca?: string } = {}): void {
  if (url.protocol !== 'https:') return
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const port = Number(url.port || 443)
  const id = key(host, port)
  if (early.has(id)) return
  const socket = tls.connect({ host, port, servername: isIP(host) ? undefined : host, ca: options.ca })
  socket.unref()
  socket.on('error', () => early.get(id) === socket && early.delete(id))
  socket.on('close', () => early.get(id) === socket && early.delete(id))
  early.set(id, socket)
}

/** The early connection to host:port, once: undefined when none was opened or it has closed. */
export function takeEarlyConnection(host: string, port: number | string): tls.TLSSocket | undefined {
  const id = key(host, port)
  const socket = early.get(id)
  early.delete(id)
  if (!socket || socket.destroyed || !socket.writable) return undefined
  // Unref'd while it waited; a request in flight must keep the process alive.
  socket.ref()
  taken++
  return socket
}

/** How many early connections an agent took (the debug log says so: a test can see it was used). */
export function earlyConnectionsTaken(): number {
  return taken
}

/** Whether an early connection is waiting (the SDK gets the agent below only then). */
export function hasEarlyConnection(): boolean {
  return early.size > 0
}

/** Closes the connections nobody took (tests; a step exits without it, as they are unref'd). */
export function dropEarlyConnections(): void {
  for (const socket of early.values()) socket.destroy()
  early.clear()
}

/**
 * An HTTPS keep-alive agent whose first connection to a host is the early one when there is
 * one; every other connection is its own, as with https.Agent.
 */
export class EarlyConnectionAgent extends https.Agent {
  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, socket: Duplex) => void
  ): Duplex | null | undefined {
    const socket = takeEarlyConnection(options.host ?? options.hostname ?? 'localhost', options.port ?? 443)
    return socket ?? super.createConnection(options, callback)
  }
}
