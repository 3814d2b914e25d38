// Start-up: time from spawning the step to the first TCP connection it opens and to its first
// HTTP request, under Node 24, for a merge to a non-ECR registry (the registry is the listener)
// and to ECR (the ECR API endpoint is the listener; the step opens that connection before its
// code loads, src/commands/early-login.ts). Both listeners speak TLS with the stack's
// certificate, as on AWS; the first request is answered 500 and the step stopped, so only the
// start-up is measured. Beside them, a script that only opens a socket: Node's own floor.
//
//   bash scripts/setup.sh && node .bench/tools/bench-startup.js [--cpu-prof] [dist/main/index.js ...]
//
// --cpu-prof: one more ECR run of the last bundle given under `node --cpu-prof`, stopped at the
// SDK's first request; prints where its CPU time went (self time by kind) and keeps the
// profile in .bench/profiles/ (open it in Chrome's DevTools).
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadStack, projectRoot, type Stack } from '../testing/stack.js'
import { median } from './common.js'

const FLOOR = `const m = /:(\\d+)$/.exec(process.env.INPUT_REGISTRY ?? ''); require('node:net').connect(Number(m[1]), '127.0.0.1').on('connect', function () { this.destroy() }).on('error', () => {})`

interface StartUp {
  connection: number
  request: number
}

function stepEnv(stack: Stack, port: number, ecr: boolean): Record<string, string> {
  // registry.test resolves to 127.0.0.1 on the stack and matches the certificate.
  const host = `${stack.registry.replace(/:\d+$/, '')}:${port}`
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_EXTRA_CA_CERTS: stack.caCert,
    GITHUB_OUTPUT: '/dev/null',
    GITHUB_STATE: '/dev/null',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    INPUT_MODE: 'merge',
    INPUT_REPOSITORY: 'team/app',
    INPUT_TAGS: 'latest',
    ...(ecr
      ? {
          AWS_ENDPOINT_URL_ECR: `https://${host}`,
          AWS_MAX_ATTEMPTS: '1',
          AWS_ACCESS_KEY_ID: 'A',
          AWS_SECRET_ACCESS_KEY: 'B',
          AWS_REGION: 'us-east-1'
        }
      : { INPUT_REGISTRY: host })
  }
}

/** `profileDir`: run under --cpu-prof; the step is then left to exit by itself, so that the profile is written. */
async function startUp(stack: Stack, node: string, args: string[], ecr: boolean, profileDir?: string): Promise<StartUp> {
  const tls = { key: readFileSync(join(dirname(stack.caCert), 'tls.key')), cert: readFileSync(stack.caCert) }
  let connection = 0
  let request = 0
  let stop = () => {}
  const server = https.createServer(tls, (_req, res) => {
    request ||= performance.now()
    res.writeHead(500, { connection: 'close' }).end('{}')
    stop()
  })
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    connection ||= performance.now()
    sockets.add(socket)
  })
  server.on('tlsClientError', () => {})
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const t0 = performance.now()
  const child = spawn(node, [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...args], {
    env: stepEnv(stack, port, ecr),
    stdio: 'ignore'
  })
  if (!profileDir) stop = () => child.kill()
  await new Promise(resolve => child.on('close', resolve))
  for (const socket of sockets) socket.destroy()
  await new Promise(resolve => server.close(resolve))
  return { connection: connection ? connection - t0 : NaN, request: request ? request - t0 : NaN }
}

/** Self time of a profile up to its first `https.request` call, by kind: what start-up spends its CPU on. */
function profileSummary(file: string): string {
  type Node = { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] }
  const byId = new Map(profile.nodes.map(n => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const inRequest = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)?.callFrame.functionName === 'request' && byId.get(at)?.callFrame.url === 'node:https') return true
    }
    return false
  }
  const kinds = new Map<string, number>()
  let total = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    if (inRequest(id)) break
    const { functionName, url } = byId.get(id)!.callFrame
    const kind =
      functionName === 'compileSourceTextModule'
        ? 'compiling the ES module chunks'
        : functionName === 'compileForInternalLoader'
          ? "Node's internal loaders"
          : functionName === '(idle)'
            ? 'idle (waiting on I/O)'
            : functionName === '(garbage collector)'
              ? 'garbage collection'
              : functionName === 'decodeUTF8' || functionName === 'read'
                ? 'reading and decoding the files'
                : /index\.js$/.test(url)
                  ? 'running the bundle (module initialisation, the SDK, the step)'
                  : 'other (Node and V8 internals)'
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    kinds.set(kind, (kinds.get(kind) ?? 0) + ms)
    total += ms
  }
  const rows = [...kinds].sort((a, b) => b[1] - a[1]).map(([kind, ms]) => `| ${kind} | ${(ms / 1000).toFixed(3)} |`)
  return [`| CPU before the first request (${(total / 1000).toFixed(2)} s in all) | s |`, '|---|---|', ...rows].join('\n')
}

async function main(): Promise<void> {
  const stack = loadStack()
  const node = stack.node24
  const argv = process.argv.slice(2)
  const profile = argv.includes('--cpu-prof')
  const given = argv.filter(a => a !== '--cpu-prof')
  const bundles = given.length ? given : [join(projectRoot, 'dist/main/index.js')]
  const runs = 7
  const cases: [string, string[], boolean][] = [['Node alone (opens a socket)', ['-e', FLOOR], false]]
  for (const bundle of bundles)
    cases.push([`${bundle}: merge, non-ECR registry`, [bundle], false], [`${bundle}: merge, ECR`, [bundle], true])
  const samples = new Map<string, StartUp[]>(cases.map(([name]) => [name, []]))
  // Interleaved, so load changes touch every case alike.
  for (let run = 0; run < runs; run++) {
    for (const [name, args, ecr] of cases) samples.get(name)?.push(await startUp(stack, node, args, ecr))
  }
  const seconds = (xs: number[]) => (xs.some(Number.isNaN) ? '-' : (median(xs) / 1000).toFixed(2))
  const rows = [`| what | first connection, median of ${runs} (s) | first request (s) |`, '|---|---|---|']
  for (const [name, xs] of samples) rows.push(`| ${name} | ${seconds(xs.map(x => x.connection))} | ${seconds(xs.map(x => x.request))} |`)
  process.stdout.write(`${rows.join('\n')}\n`)

  if (profile) {
    const dir = join(projectRoot, '.bench/profiles')
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const profiled = bundles[bundles.length - 1]
    await startUp(stack, node, [profiled], true, dir)
    const file = join(
      dir,
      readdirSync(dir).find(f => f.endsWith('.cpuprofile'))!
    )
    const summary = profileSummary(file)
    writeFileSync(join(dir, 'summary.md'), `${summary}\n`)
    process.stdout.write(`\n${profiled}, merge to ECR, under --cpu-prof (${file}):\n\n${summary}\n`)
  }
}

main().catch(err => {
  process.stderr.write(`bench-startup: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
