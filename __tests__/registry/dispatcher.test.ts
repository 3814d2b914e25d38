// The step's one connection pool: requests one after another share a connection, and each
// opened connection is counted and logged at debug level.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { pooledFetch } from '../../src/registry/dispatcher.js'

let server: http.Server
let url: string
const sockets = new Set<Socket>()

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
  })
  server.on('connection', (socket: Socket) => sockets.add(socket))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await new Promise<void>(resolve => server.close(() => resolve()))
})

test('requests one after another share the pool, and the log shows each connection it opened', async () => {
  const debug: string[] = []
  const pool = pooledFetch({ info: () => {}, warning: () => {}, debug: m => debug.push(m) })
  try {
    for (let i = 0; i < 6; i++) {
      const res = await pool.fetch(`${url}/v2/${i}`)
      expect(await res.text()).toBe('ok')
    }
    // undici may open a second connection while the first is being released; never one per request.
    expect(pool.connections()).toBeLessThanOrEqual(2)
    expect(debug).toEqual(Array.from({ length: pool.connections() }, (_, i) => `connection ${i + 1} opened to ${url}`))
  } finally {
    await pool.close()
  }
})

test('a response cancelled unread still lets the next request through on the pool', async () => {
  const pool = pooledFetch({ info: () => {}, warning: () => {}, debug: () => {} })
  try {
    const first = await pool.fetch(`${url}/a`)
    await first.body?.cancel()
    const second = await pool.fetch(`${url}/b`)
    expect(second.status).toBe(200)
    expect(await second.text()).toBe('ok')
  } finally {
    await pool.close()
  }
})
