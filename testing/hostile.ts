// Helpers for the hardening e2e tests: HTTPS servers that are not registries (or are
// hostile ones), a gate proxy that parks chosen registry requests until told to go on,
// and a PATH shim that records every docker argv.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadStack, stackDir, type Stack } from './stack.js'

const TLS_HOST = 'registry.test'

function tlsOptions(stack: Stack): { key: string; cert: string } {
  return { key: readFileSync(join(stackDir, 'registry/certs/tls.key'), 'utf8'), cert: readFileSync(stack.caCert, 'utf8') }
}

export interface TlsServer {
  /** registry.test:<port>: what a `registry` input names. */
  host: string
  requests: { method: string; path: string }[]
  close(): Promise<void>
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return (server.address() as AddressInfo).port
}

function closer(server: https.Server): () => Promise<void> {
  return () =>
    new Promise<void>(resolve => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
}

/**
 * An HTTPS server with the registry's certificate that answers every request through
 * `handler` (status, headers, body): a captive portal, a web server, a hostile registry.
 */
export async function startTlsServer(
  handler: (req: http.IncomingMessage) => { status: number; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean }
): Promise<TlsServer> {
  const stack = loadStack()
  const requests: TlsServer['requests'] = []
  const server = https.createServer(tlsOptions(stack), (req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '' })
    req.resume()
    req.on('end', () => {
      const answer = handler(req)
      const body = answer.body === undefined ? Buffer.alloc(0) : Buffer.from(answer.body)
      const headers: Record<string, string | number> = { ...answer.headers }
      if (!answer.chunked) headers['content-length'] = body.length
      res.writeHead(answer.status, headers)
      if (req.method === 'HEAD') return void res.end()
      if (!answer.chunked) return void res.end(body)
      // Without Content-Length: the client only finds out how big it is by reading.
      const piece = 64 * 1024
      for (let i = 0; i < body.length; i += piece) res.write(body.subarray(i, i + piece))
      res.end()
    })
  })
  const port = await listen(server)
  return { host: `${TLS_HOST}:${port}`, requests, close: closer(server) }
}

export interface GateProxy {
  /** https://registry.test:<port> */
  url: string
  host: string
  /** Requests parked so far (they wait for release()). */
  held(): number
  /** Resolves once `count` requests are parked. */
  whenHeld(count?: number): Promise<void>
  /** Lets every parked request (and every later one) through. */
  release(): void
  close(): Promise<void>
}

/**
 * A TLS proxy in front of the stack's registry that parks every request matching
 * `hold` until release(): a step of one process can be made to wait for another.
 */
export async function startGateProxy(hold: (method: string, path: string) => boolean): Promise<GateProxy> {
  const stack = loadStack()
  const ca = readFileSync(stack.caCert, 'utf8')
  const [targetHost, targetPort] = stack.registry.split(':')
  let open = false
  const parked: (() => void)[] = []
  const waiters: { count: number; resolve: () => void }[] = []
  let heldCount = 0
  const forward = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => {
    const upstream = https.request(
      {
        host: targetHost,
        port: Number(targetPort),
        method: req.method,
        path: req.url,
        ca,
        servername: targetHost,
        headers: { ...req.headers, host: stack.registry }
      },
      up => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    upstream.end(body)
  }
  const server = https.createServer(tlsOptions(stack), (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const go = () => forward(req, Buffer.concat(chunks), res)
      if (open || !hold(req.method ?? '', req.url ?? '')) return go()
      parked.push(go)
      heldCount++
      for (const w of waiters.filter(w => heldCount >= w.count)) w.resolve()
    })
  })
  const port = await listen(server)
  return {
    url: `https://${TLS_HOST}:${port}`,
    host: `${TLS_HOST}:${port}`,
    held: () => heldCount,
    whenHeld: (count = 1) => (heldCount >= count ? Promise.resolve() : new Promise(resolve => waiters.push({ count, resolve }))),
    release() {
      open = true
      for (const go of parked.splice(0)) go()
    },
    close: closer(server)
  }
}

export interface DockerShim {
  /** Put first on PATH. */
  dir: string
  /** One line per docker invocation: its argv. */
  log: string
  /** PATH with the shim first. */
  path: string
  argv(): string
}

/**
 * A bash script named docker that appends its argv to a log, then runs the real
 * docker; with failLogout, `docker logout` fails instead (a daemon or helper failure).
 */
export function dockerShim(options: { failLogout?: boolean } = {}): DockerShim {
  const real = execFileSync('bash', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim()
  const dir = mkdtempSync(join(tmpdir(), 'docker-shim-'))
  const log = join(dir, 'argv.log')
  writeFileSync(log, '')
  const script = [
    '#!/bin/bash',
    `printf '%s\\n' "$*" >> '${log}'`,
    options.failLogout
      ? `if [ "$1" = logout ]; then echo 'Error: simulated logout failure: credential helper unreachable' >&2; exit 1; fi`
      : '',
    `exec '${real}' "$@"`,
    ''
  ].join('\n')
  writeFileSync(join(dir, 'docker'), script)
  chmodSync(join(dir, 'docker'), 0o755)
  return { dir, log, path: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`, argv: () => readFileSync(log, 'utf8') }
}
