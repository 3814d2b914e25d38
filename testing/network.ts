// A server as seen over a network: the TCP latency relay (tcp-latency.ts) in front of
// the logging proxy (proxy.ts, no latency of its own) in front of the server. Clients
// reach the relay; the relay's delayed flights make connection set-up and TLS handshakes
// cost round trips, and the proxy behind it still sees every request, for counts and depth.
// The proxy presents the registry's certificate (CN registry.test, which /etc/hosts maps to
// 127.0.0.1 on the stack), so clients verify it as they would the registry itself.
import { startProxy, type Proxy, type RequestRecord } from './proxy.js'
import { startTcpLatencyProxy, type ConnectionRecord } from './tcp-latency.js'

export interface NetworkOptions {
  /** e.g. https://registry.test:5443 or http://127.0.0.1:5000 */
  target: string
  /** PEM key and certificate for the TLS end (clients then reach https://registry.test:<port>). */
  tls?: { key: string; cert: string }
  ca?: string
  latencyMs?: number
}

export interface Network {
  /** registry.test:<port> with tls, else 127.0.0.1:<port>: what clients connect to. */
  host: string
  url: string
  requests: RequestRecord[]
  connections: ConnectionRecord[]
  setLatency(ms: number): void
  resetLog(): void
  close(): Promise<void>
}

export async function startNetwork(opts: NetworkOptions): Promise<Network> {
  const proxy: Proxy = await startProxy({ target: opts.target, tls: opts.tls, ca: opts.ca, http2: opts.tls !== undefined })
  const relay = await startTcpLatencyProxy({ targetHost: '127.0.0.1', targetPort: proxy.port, latencyMs: opts.latencyMs })
  const host = `${proxy.host.replace(/:\d+$/, '')}:${relay.port}`
  const url = `${opts.tls ? 'https' : 'http'}://${host}`
  proxy.advertise(url)
  return {
    host,
    url,
    requests: proxy.requests,
    connections: relay.connections,
    setLatency: ms => relay.setLatency(ms),
    resetLog() {
      proxy.resetLog()
      relay.resetLog()
    },
    async close() {
      await relay.close()
      await proxy.close()
    }
  }
}
