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

  const server = net.createServer(client => {
    const record: ConnectionRecord = { opened: performance.now(), chunks: 0 }
    connections.push(record)
    sockets.add(client)
    client.setNoDelay(true)
    // The connection's own round trip (SYN, SYN-ACK) delays everything the client sends first.
    const ready = performance.now() + latencyMs
    let last = 0
    const upstream = net.connect({ host: opts.targetHost, port: opts.targetPort })
    upstream.setNoDelay(true)
    sockets.add(upstream)
    const forward = (chunk: Buffer) => {
      record.chunks++
      // Each chunk leaves latency after it arrived, never before the one sent ahead of it.
      const due = Math.max(Math.max(performance.now(), ready) + latencyMs, last)
      last = due
      const wait = due - performance.now()
      if (wait <= 0.5) upstream.write(chunk)
      else setTimeout(() => upstream.write(chunk), wait)
    }
    client.on('data', forward)
    upstream.on('data', chunk => client.write(chunk))
    const finish = () => {
      record.closed ??= performance.now()
      // Half-close after the delayed bytes have gone out.
      setTimeout(() => upstream.end(), Math.max(0, last - performance.now()))
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
