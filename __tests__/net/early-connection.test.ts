// The connection opened at start-up: the agent's first request to that host goes over it (no
// second handshake), later parallel requests get connections of their own, and an early
// connection that failed is simply not used.
import https from 'node:https'
import net from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import {
  connectEarly,
  dropEarlyConnections,
  EarlyConnectionAgent,
  earlyConnectionsTaken,
  hasEarlyConnection,
  takeEarlyConnection
} from '../../src/net/early-connection.js'
import { selfSignedCert } from '../../testing/tls-cert.js'

const { key, cert } = selfSignedCert()
let server: https.Server
let port: number
let handshakes: number
const sockets = new Set<Socket>()

beforeEach(async () => {
  handshakes = 0
  server = https.createServer({ key, cert }, (req, res) => {
    req.resume()
    res.end(`${req.url}`)
  })
  server.on('secureConnection', (socket: Socket) => {
    handshakes++
    sockets.add(socket)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterEach(async () => {
  dropEarlyConnections()
  for (const socket of sockets) socket.destroy()
  await new Promise<void>(resolve => server.close(() => resolve()))
})

function get(agent: https.Agent, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port, path, agent, ca: cert }, res => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve(body))
      })
      .on('error', reject)
  })
}

const handshaken = () =>
  new Promise<void>(resolve => {
    const poll = () => (handshakes > 0 ? resolve() : setTimeout(poll, 5))
    poll()
  })

/** Until the agent holds a free keep-alive socket (it files one a moment after the response ends). */
const freeInPool = (agent: https.Agent) =>
  new Promise<void>(resolve => {
    const poll = () => (Object.values(agent.freeSockets).some(list => (list?.length ?? 0) > 0) ? resolve() : setTimeout(poll, 5))
    poll()
  })

/** Until the early connection has failed and been dropped (no timing: it waits for the event). */
const dropped = () =>
  new Promise<void>(resolve => {
    const poll = () => (hasEarlyConnection() ? setTimeout(poll, 5) : resolve())
    poll()
  })

test('the first request goes over the early connection: one handshake for both', async () => {
  connectEarly(new URL(`https://127.0.0.1:${port}`), { ca: cert })
  expect(hasEarlyConnection()).toBe(true)
  await handshaken()
  const taken = earlyConnectionsTaken()
  const agent = new EarlyConnectionAgent({ keepAlive: true, ca: cert })
  try {
    expect(await get(agent, '/first')).toBe('/first')
    expect(earlyConnectionsTaken()).toBe(taken + 1)
    expect(handshakes).toBe(1)
    // The agent keeps the socket for the next request once it is free (an event, not a delay).
    await freeInPool(agent)
    expect(await get(agent, '/second')).toBe('/second')
    expect(handshakes).toBe(1)
    expect(hasEarlyConnection()).toBe(false)
  } finally {
    agent.destroy()
  }
})

test('it is taken once: parallel requests open their own connections beside it', async () => {
  connectEarly(new URL(`https://127.0.0.1:${port}`), { ca: cert })
  const agent = new EarlyConnectionAgent({ keepAlive: true, ca: cert })
  try {
    expect(await Promise.all(['/a', '/b', '/c'].map(p => get(agent, p)))).toEqual(['/a', '/b', '/c'])
    expect(handshakes).toBe(3)
  } finally {
    agent.destroy()
  }
})

test('an early connection to another host is not used for this one', async () => {
  connectEarly(new URL(`https://127.0.0.1:${port}`), { ca: cert })
  expect(takeEarlyConnection('127.0.0.1', port + 1)).toBeUndefined()
  expect(takeEarlyConnection('localhost', port)).toBeUndefined()
  expect(hasEarlyConnection()).toBe(true)
})

test('an early connection that failed is dropped, and the agent connects as usual', async () => {
  const closed = net.createServer()
  await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
  const closedPort = (closed.address() as AddressInfo).port
  await new Promise<void>(resolve => closed.close(() => resolve()))
  connectEarly(new URL(`https://127.0.0.1:${closedPort}`))
  await dropped()
  expect(takeEarlyConnection('127.0.0.1', closedPort)).toBeUndefined()
  // And a server whose certificate is not trusted: the early handshake fails quietly, the request itself says why.
  connectEarly(new URL(`https://127.0.0.1:${port}`))
  await dropped()
  const agent = new EarlyConnectionAgent({ keepAlive: true, ca: cert })
  try {
    expect(await get(agent, '/after')).toBe('/after')
  } finally {
    agent.destroy()
  }
})

test('only https URLs are opened early', () => {
  connectEarly(new URL(`http://127.0.0.1:${port}`))
  expect(hasEarlyConnection()).toBe(false)
})
