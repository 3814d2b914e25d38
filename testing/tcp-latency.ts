// A latency model at the TCP level: a plain TCP relay that delays every chunk the
// client sends by the latency before passing it on, and passes the server's bytes back
// at once. The whole round trip sits on the client-to-server side, so a request costs
// one latency, a TLS 1.3 handshake one more, and opening the connection one more (the
// first flight of a connection waits twice: SYN/SYN-ACK, then the flight itself), as on
// a real network. It never looks inside the bytes: TLS passes through untouched, so the
// server's certificate and the client's SNI are the ones they would be without it.
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

export interface ConnectionRecord {
  /** performance.now() when the client connected. */
  opened: number
  closed?: number
  /** Client-to-server chunks relayed (a flight is usually one or two). */
  chunks: number
}

export interface TcpLatencyProxy {
  port: number
  connections: ConnectionRecord[]
  setLatency(ms: number): void
  resetLog(): void
  close(): Promise<void>
}

export async function startTcpLatencyProxy(opts: { targetHost: string; targetPort: number; latencyMs?: number }): Promise<TcpLatencyProxy> {
  let latencyMs = opts.latencyMs ?? 0
  const connections: ConnectionRecord[] = []
  const sockets = new Set<net.Socket>()

  // Half-open both ways: a client's FIN must not cut off the answer still coming back.
  const server = net.createServer({ allowHalfOpen: true }, client => {
    const record: ConnectionRecord = { opened: performance.now(), chunks: 0 }
    connections.push(record)
    sockets.add(client)
    client.setNoDelay(true)
    // The connection's own round trip (SYN, SYN-ACK) delays everything the client sends first.
    const ready = performance.now() + latencyMs
    let last = 0
    // One chain per connection keeps the delayed chunks, and the half-close after them, in order.
    let queue = Promise.resolve()
    const later = (due: number, action: () => void) => {
      queue = queue.then(() => {
        const wait = due - performance.now()
        return wait > 0.5 ? sleep(wait).then(action) : action()
      })
    }
    const upstream = net.connect({ host: opts.targetHost, port: opts.targetPort, allowHalfOpen: true })
    upstream.setNoDelay(true)
    sockets.add(upstream)
    const forward = (chunk: Buffer) => {
      record.chunks++
      // Each chunk leaves latency after it arrived, never before the one sent ahead of it.
      last = Math.max(Math.max(performance.now(), ready) + latencyMs, last)
      later(last, () => upstream.write(chunk))
    }
    client.on('data', forward)
    upstream.on('data', chunk => client.write(chunk))
    const finish = () => {
      record.closed ??= performance.now()
      later(last, () => upstream.end())
    }
    client.on('end', finish)
    upstream.on('end', () => client.end())
    const destroy = () => {
      record.closed ??= performance.now()
      client.destroy()
      upstream.destroy()
    }
    client.on('error', destroy)
    upstream.on('error', destroy)
    client.on('close', () => {
      sockets.delete(client)
      record.closed ??= performance.now()
    })
    upstream.on('close', () => sockets.delete(upstream))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    setLatency(ms) {
      latencyMs = ms
    },
    resetLog() {
      connections.length = 0
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(err => (err ? reject(err) : resolve()))
        for (const socket of sockets) socket.destroy()
      })
  }
}
