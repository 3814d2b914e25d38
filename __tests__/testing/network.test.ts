// The network model: the TCP relay passes bytes untouched both ways and counts connections;
// behind it the logging proxy still sees each request and rewrites redirects to the relay's address.
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { startNetwork, type Network } from '../../testing/network.js'
import { startTcpLatencyProxy } from '../../testing/tcp-latency.js'

let target: http.Server
let targetUrl: string
let network: Network

beforeAll(async () => {
  target = http.createServer((req, res) => {
    if (req.url === '/redirect') res.writeHead(307, { location: `${targetUrl}/there`, 'content-length': '0' }).end()
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${req.url}`)
  })
  await new Promise<void>(resolve => target.listen(0, '127.0.0.1', resolve))
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`
  network = await startNetwork({ target: targetUrl, latencyMs: 5 })
})

afterAll(async () => {
  await network.close()
  await new Promise<void>(resolve => target.close(() => resolve()))
})

beforeEach(() => network.resetLog())

test('the relay passes raw bytes both ways and records the connection', async () => {
  const echo = net.createServer(socket => socket.pipe(socket))
  await new Promise<void>(resolve => echo.listen(0, '127.0.0.1', resolve))
  const relay = await startTcpLatencyProxy({ targetHost: '127.0.0.1', targetPort: (echo.address() as AddressInfo).port, latencyMs: 3 })
  try {
    const payload = Buffer.from([0, 1, 2, 255, 22, 3, 1])
    const received = await new Promise<Buffer>((resolve, reject) => {
      const socket = net.connect(relay.port, '127.0.0.1', () => socket.end(payload))
      const chunks: Buffer[] = []
      socket.on('data', (c: Buffer) => chunks.push(c))
      socket.on('end', () => resolve(Buffer.concat(chunks)))
      socket.on('error', reject)
    })
    expect(received.equals(payload)).toBe(true)
    expect(relay.connections).toHaveLength(1)
    expect(relay.connections[0].chunks).toBeGreaterThanOrEqual(1)
  } finally {
    await relay.close()
    await new Promise<void>(resolve => echo.close(() => resolve()))
  }
})

test('requests through the network are logged by the proxy; connections by the relay', async () => {
  const res = await fetch(`${network.url}/v2/app/tags/list`)
  expect(await res.text()).toBe('GET /v2/app/tags/list')
  expect(network.requests.map(r => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /v2/app/tags/list 200'])
  expect(network.connections.length).toBeGreaterThanOrEqual(1)
})

test('redirects name the address clients reach (the relay), not the proxy behind it', async () => {
  const res = await fetch(`${network.url}/redirect`, { redirect: 'manual' })
  expect(res.headers.get('location')).toBe(`${network.url}/there`)
})
