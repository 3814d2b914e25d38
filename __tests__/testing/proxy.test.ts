// The test proxy against a plain node:http target: forwarding, latency, every fault
// kind as a fetch client sees it, Location/realm rewriting, and the depth measure.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { sequentialDepth, startProxy, type Proxy, type RequestRecord } from '../../testing/proxy.js'

let target: http.Server
let targetUrl: string
let proxy: Proxy
const seen: { method: string; url: string; authorization?: string; host?: string; body: string }[] = []
const BIG = Buffer.alloc(1000, 'x')
const firstError = async (res: Response) => ((await res.json()) as { errors: { code: string }[] }).errors[0]

beforeAll(async () => {
  target = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, host: req.headers.host, body })
      const url = new URL(req.url ?? '/', targetUrl)
      if (url.pathname === '/v2/') {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="${targetUrl}/token",service="registry"` }).end()
      } else if (url.pathname === '/v2/app/blobs/uploads/' && req.method === 'POST') {
        res.writeHead(202, { location: `${targetUrl}/v2/app/blobs/uploads/abc?_state=xyz`, 'content-length': '0' }).end()
      } else if (url.pathname === '/relative') {
        res.writeHead(202, { location: '/v2/app/blobs/uploads/def', 'content-length': '0' }).end()
      } else if (url.pathname === '/elsewhere') {
        res.writeHead(307, { location: 'http://storage.example/blob', 'content-length': '0' }).end()
      } else if (url.pathname === '/big') {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(BIG.length) }).end(BIG)
      } else if (url.pathname === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.write('first half ')
        res.end('second half')
      } else if (url.pathname === '/echo') {
        res.writeHead(201, { 'content-type': 'text/plain', 'x-method': req.method ?? '' }).end(`${req.method} ${url.search} ${body}`)
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('hello')
      }
    })
  })
  await new Promise<void>(resolve => target.listen(0, '127.0.0.1', () => resolve()))
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`
  proxy = await startProxy({ target: targetUrl })
})

afterAll(async () => {
  await proxy?.close()
  await new Promise<void>(resolve => {
    target.close(() => resolve())
    target.closeAllConnections()
  })
})

beforeEach(() => {
  proxy.clearFaults()
  proxy.resetLog()
  proxy.setLatency(0)
  seen.length = 0
})

describe('forwarding', () => {
  test('the proxy is http on 127.0.0.1 without tls', () => {
    expect(proxy.host).toBe(`127.0.0.1:${proxy.port}`)
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`)
  })

  test('method, path, query, headers and body reach the target; the answer comes back', async () => {
    const res = await fetch(`${proxy.url}/echo?digest=sha256%3Aabc&n=1`, {
      method: 'PUT',
      body: 'payload',
      headers: { authorization: 'Basic QVdTOnNlY3JldA==' }
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('x-method')).toBe('PUT')
    expect(await res.text()).toBe('PUT ?digest=sha256%3Aabc&n=1 payload')
    expect(seen).toEqual([
      {
        method: 'PUT',
        url: '/echo?digest=sha256%3Aabc&n=1',
        authorization: 'Basic QVdTOnNlY3JldA==',
        host: new URL(targetUrl).host,
        body: 'payload'
      }
    ])
    expect(proxy.requests).toEqual([expect.objectContaining({ method: 'PUT', path: '/echo?digest=sha256%3Aabc&n=1', status: 201 })])
  })

  test('a streamed request body and a chunked answer pass through whole', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('part one, '))
        controller.enqueue(new TextEncoder().encode('part two'))
        controller.close()
      }
    })
    const res = await fetch(`${proxy.url}/echo`, { method: 'POST', body, duplex: 'half' } as RequestInit)
    expect(await res.text()).toBe('POST  part one, part two')
    expect(await (await fetch(`${proxy.url}/chunked`)).text()).toBe('first half second half')
    const big = await fetch(`${proxy.url}/big`)
    expect(Buffer.from(await big.arrayBuffer()).equals(BIG)).toBe(true)
  })

  test('HEAD answers keep their headers and no body', async () => {
    const res = await fetch(`${proxy.url}/big`, { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe('1000')
    expect(await res.text()).toBe('')
  })

  test('every request is logged with its timing', async () => {
    await (await fetch(`${proxy.url}/a`)).text()
    await (await fetch(`${proxy.url}/b`)).text()
    expect(proxy.requests.map(r => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /a 200', 'GET /b 200'])
    for (const r of proxy.requests) expect(r.end).toBeGreaterThanOrEqual(r.start)
    expect(proxy.requests[1].start).toBeGreaterThanOrEqual(proxy.requests[0].end)
  })

  test('a target that is down answers 502', async () => {
    const dead = await startProxy({ target: 'http://127.0.0.1:1' })
    try {
      const res = await fetch(`${dead.url}/v2/`)
      expect(res.status).toBe(502)
      expect((await firstError(res)).code).toBe('UNKNOWN')
      expect(dead.requests[0].status).toBe(502)
    } finally {
      await dead.close()
    }
  })
})

describe('rewriting', () => {
  test('an absolute Location at the target points at the proxy', async () => {
    const res = await fetch(`${proxy.url}/v2/app/blobs/uploads/`, { method: 'POST' })
    expect(res.status).toBe(202)
    expect(res.headers.get('location')).toBe(`${proxy.url}/v2/app/blobs/uploads/abc?_state=xyz`)
  })

  test('relative and foreign Locations are left alone', async () => {
    expect((await fetch(`${proxy.url}/relative`, { method: 'POST' })).headers.get('location')).toBe('/v2/app/blobs/uploads/def')
    expect((await fetch(`${proxy.url}/elsewhere`, { redirect: 'manual' })).headers.get('location')).toBe('http://storage.example/blob')
  })

  test('a WWW-Authenticate realm at the target points at the proxy', async () => {
    const res = await fetch(`${proxy.url}/v2/`)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="${proxy.url}/token",service="registry"`)
  })
})

describe('latency', () => {
  test('each request is delayed by the latency and its record shows it', async () => {
    proxy.setLatency(120)
    const t0 = performance.now()
    await (await fetch(`${proxy.url}/a`)).text()
    expect(performance.now() - t0).toBeGreaterThanOrEqual(115)
    const [r] = proxy.requests
    expect(r.end - r.start).toBeGreaterThanOrEqual(115)
  })

  test('the latency option applies from the start', async () => {
    const slow = await startProxy({ target: targetUrl, latencyMs: 80 })
    try {
      await (await fetch(`${slow.url}/a`)).text()
      expect(slow.requests[0].end - slow.requests[0].start).toBeGreaterThanOrEqual(75)
    } finally {
      await slow.close()
    }
  })

  test('depth counts sequential round trips, not parallel ones', async () => {
    proxy.setLatency(40)
    for (const p of ['/s1', '/s2', '/s3']) await (await fetch(`${proxy.url}${p}`)).text()
    await Promise.all(['/p1', '/p2', '/p3', '/p4'].map(async p => (await fetch(`${proxy.url}${p}`)).text()))
    expect(proxy.requests).toHaveLength(7)
    expect(proxy.depth()).toBe(4)
    expect(proxy.depth(r => r.path.startsWith('/p'))).toBe(1)
    expect(proxy.depth(r => r.path.startsWith('/s'))).toBe(3)
  })
})

describe('faults', () => {
  test.each([
    ['503', 503, 'UNAVAILABLE'],
    ['500', 500, 'UNKNOWN'],
    ['429', 429, 'TOOMANYREQUESTS']
  ] as const)('%s answers with a distribution error body, then the next request goes through', async (fault, status, code) => {
    proxy.inject({ fault, times: 1 })
    const res = await fetch(`${proxy.url}/a`)
    expect(res.status).toBe(status)
    expect(res.headers.get('retry-after')).toBeNull()
    expect(await firstError(res)).toMatchObject({ code })
    expect((await fetch(`${proxy.url}/a`)).status).toBe(200)
    expect(seen).toHaveLength(1)
    expect(proxy.requests.map(r => [r.status, r.fault])).toEqual([
      [status, fault],
      [200, undefined]
    ])
  })

  test('429-retry-after says when to come back', async () => {
    proxy.inject({ fault: '429-retry-after', times: 1, retryAfterSeconds: 3 })
    proxy.inject({ fault: '429-retry-after', times: 1 })
    const first = await fetch(`${proxy.url}/a`)
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '3'])
    const second = await fetch(`${proxy.url}/a`)
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, '1'])
    expect((await firstError(second)).code).toBe('TOOMANYREQUESTS')
  })

  test('401 challenges with Basic realm="proxy"', async () => {
    proxy.inject({ fault: '401', times: 1 })
    const res = await fetch(`${proxy.url}/a`, { headers: { authorization: 'Basic eDp5' } })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="proxy"')
    expect((await firstError(res)).code).toBe('UNAUTHORIZED')
    expect((await fetch(`${proxy.url}/a`)).status).toBe(200)
  })

  test('reset destroys the socket without an answer', async () => {
    proxy.inject({ fault: 'reset', times: 1 })
    await expect(fetch(`${proxy.url}/a`)).rejects.toThrow()
    expect(seen).toHaveLength(0)
    expect(proxy.requests).toEqual([expect.objectContaining({ path: '/a', status: 0, fault: 'reset' })])
    expect((await fetch(`${proxy.url}/a`)).status).toBe(200)
  })

  test('truncate sends the full Content-Length but half the body, then hangs up', async () => {
    proxy.inject({ fault: 'truncate', times: 1 })
    const res = await fetch(`${proxy.url}/big`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe('1000')
    await expect(res.arrayBuffer()).rejects.toThrow()
    expect(proxy.requests).toEqual([expect.objectContaining({ path: '/big', status: 0, fault: 'truncate' })])
    const again = await fetch(`${proxy.url}/big`)
    expect((await again.arrayBuffer()).byteLength).toBe(1000)
  })

  test('stall waits stallMs, then forwards', async () => {
    proxy.inject({ fault: 'stall', times: 1, stallMs: 300 })
    const t0 = performance.now()
    const res = await fetch(`${proxy.url}/a`)
    expect(await res.text()).toBe('hello')
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290)
    expect(proxy.requests).toEqual([expect.objectContaining({ status: 200, fault: 'stall' })])
  })

  test('rules match on method and path, and count down', async () => {
    proxy.inject({ method: 'PUT', path: /\/manifests\//, fault: '503', times: 2 })
    expect((await fetch(`${proxy.url}/v2/app/manifests/latest`)).status).toBe(200)
    expect((await fetch(`${proxy.url}/v2/app/blobs/x`, { method: 'PUT' })).status).toBe(200)
    expect((await fetch(`${proxy.url}/v2/app/manifests/latest`, { method: 'PUT' })).status).toBe(503)
    expect((await fetch(`${proxy.url}/v2/app/manifests/latest`, { method: 'PUT' })).status).toBe(503)
    expect((await fetch(`${proxy.url}/v2/app/manifests/latest`, { method: 'PUT' })).status).toBe(200)
  })

  test('clearFaults drops pending rules', async () => {
    proxy.inject({ fault: '500', times: 5 })
    proxy.clearFaults()
    expect((await fetch(`${proxy.url}/a`)).status).toBe(200)
  })

  test('a faulted upload body is drained and the next request works', async () => {
    proxy.inject({ method: 'PUT', fault: '503', times: 1 })
    const res = await fetch(`${proxy.url}/echo`, { method: 'PUT', body: Buffer.alloc(256 * 1024, 'y') })
    expect(res.status).toBe(503)
    await res.text()
    expect(await (await fetch(`${proxy.url}/echo`, { method: 'PUT', body: 'ok' })).text()).toBe('PUT  ok')
  })
})

describe('sequentialDepth', () => {
  const r = (start: number, end: number): RequestRecord => ({ method: 'GET', path: '/', status: 200, start, end })

  test('no requests: 0; one request: 1', () => {
    expect(sequentialDepth([])).toBe(0)
    expect(sequentialDepth([r(0, 10)])).toBe(1)
  })

  test('a strict chain counts every link; touching ends count as sequential', () => {
    expect(sequentialDepth([r(0, 10), r(10, 20), r(25, 30)])).toBe(3)
  })

  test('overlapping requests are one round trip', () => {
    expect(sequentialDepth([r(0, 10), r(1, 11), r(2, 12), r(5, 9)])).toBe(1)
  })

  test('the longest chain wins, whatever the order of the log', () => {
    // One slow request in parallel with a chain of four short ones, then one after both.
    const records = [r(50, 60), r(0, 45), r(0, 10), r(11, 20), r(21, 30), r(31, 40), r(41, 49)]
    expect(sequentialDepth(records)).toBe(6)
    expect(sequentialDepth([...records].reverse())).toBe(6)
  })

  test('fan-out then fan-in: depth 3', () => {
    const records = [r(0, 10), r(11, 20), r(11, 25), r(11, 22), r(11, 21), r(30, 40)]
    expect(sequentialDepth(records)).toBe(3)
  })
})
