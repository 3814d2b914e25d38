// The step's one connection pool: requests one after another share a connection, and each
// opened connection is counted and logged at debug level; the first wave to an origin waits
// for one connection and shares it over HTTP/2.
import http from 'node:http'
import http2 from 'node:http2'
import type { AddressInfo, Socket } from 'node:net'
import { pooledFetch } from '../../src/registry/dispatcher.js'
import { selfSignedCert } from '../../testing/tls-cert.js'

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

describe('the first wave to an origin', () => {
  const quiet = { info: () => {}, warning: () => {}, debug: () => {} }

  test('over HTTP/2, a wave of parallel requests to a new origin, PUTs with bodies and bodyless POSTs included, shares one connection', async () => {
    const { key, cert } = selfSignedCert()
    let sessions = 0
    const h2 = http2.createSecureServer({ key, cert, allowHTTP1: true }, (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () =>
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${req.url} ${Buffer.concat(chunks).toString()}`)
      )
    })
    h2.on('session', () => sessions++)
    await new Promise<void>(resolve => h2.listen(0, '127.0.0.1', resolve))
    const base = `https://127.0.0.1:${(h2.address() as AddressInfo).port}`
    const pool = pooledFetch(quiet, { ca: cert })
    try {
      const gets = await Promise.all(Array.from({ length: 8 }, (_, i) => pool.fetch(`${base}/v2/${i}`).then(res => res.text())))
      expect(gets).toEqual(Array.from({ length: 8 }, (_, i) => `GET /v2/${i} `))
      const puts = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          pool.fetch(`${base}/v2/m/${i}`, { method: 'PUT', body: new TextEncoder().encode(`index-${i}`) }).then(res => res.text())
        )
      )
      expect(puts).toEqual(Array.from({ length: 6 }, (_, i) => `PUT /v2/m/${i} index-${i}`))
      // A mirror's blob upload starts and mounts, all at once.
      const posts = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          pool.fetch(`${base}/v2/b/blobs/uploads/?mount=${i}`, { method: 'POST' }).then(res => res.text())
        )
      )
      expect(posts).toEqual(Array.from({ length: 6 }, (_, i) => `POST /v2/b/blobs/uploads/?mount=${i} `))
      expect(pool.connections()).toBe(1)
      expect(sessions).toBe(1)
    } finally {
      await pool.close()
      await new Promise<void>(resolve => h2.close(() => resolve()))
    }
  })

  test('over HTTP/1.1, a wave still gets every answer (each request on a connection of its own once the first is up)', async () => {
    const pool = pooledFetch(quiet)
    try {
      const bodies = await Promise.all(Array.from({ length: 5 }, (_, i) => pool.fetch(`${url}/w/${i}`).then(res => res.text())))
      expect(bodies).toEqual(Array(5).fill('ok'))
      expect(pool.connections()).toBeGreaterThanOrEqual(1)
      expect(pool.connections()).toBeLessThanOrEqual(5)
    } finally {
      await pool.close()
    }
  })

  test('an origin that refuses the first connection fails the whole wave instead of holding it', async () => {
    const closed = http.createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>(resolve => closed.close(() => resolve()))
    const pool = pooledFetch(quiet)
    try {
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => pool.fetch(`http://127.0.0.1:${port}/v2/`)))
      expect(results.map(r => r.status)).toEqual(Array(4).fill('rejected'))
      expect(pool.connections()).toBe(0)
    } finally {
      await pool.close()
    }
  })
})
