// Start-up: time from spawning the step to the first TCP connection it opens, under
// Node 24, for a merge to a non-ECR registry and to ECR (the ECR API endpoint is the
// listener, over https as on AWS: the step opens it before its code loads, src/commands/early-login.ts),
// beside a script that only opens a socket (Node's own floor). Nothing answers, so only the
// start-up is measured.
//
//   bash scripts/setup.sh && node .bench/tools/bench-startup.js [dist/main/index.js ...]
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadStack, projectRoot } from '../testing/stack.js'
import { median } from './common.js'

const FLOOR = `const m = /:(\\d+)$/.exec(process.env.INPUT_REGISTRY ?? ''); require('node:net').connect(Number(m[1]), '127.0.0.1').on('connect', function () { this.destroy() }).on('error', () => {})`

async function firstConnection(node: string, args: string[], ecr: boolean): Promise<number> {
  let first = 0
  const server = net.createServer(socket => {
    first ||= performance.now()
    socket.destroy()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
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
          AWS_ENDPOINT_URL_ECR: `https://127.0.0.1:${port}`,
          AWS_MAX_ATTEMPTS: '1',
          AWS_ACCESS_KEY_ID: 'A',
          AWS_SECRET_ACCESS_KEY: 'B',
          AWS_REGION: 'us-east-1'
        }
      : { INPUT_REGISTRY: `127.0.0.1:${port}` })
  }
  const t0 = performance.now()
  const child = spawn(node, args, { env, stdio: 'ignore' })
  await new Promise(resolve => child.on('close', resolve))
  await new Promise(resolve => server.close(resolve))
  return first ? first - t0 : NaN
}

async function main(): Promise<void> {
  const node = loadStack().node24
  const bundles = process.argv.slice(2).length ? process.argv.slice(2) : [join(projectRoot, 'dist/main/index.js')]
  const runs = 7
  const rows: string[] = ['| what | first connection, median of 7 (s) |', '|---|---|']
  const cases: [string, string[], boolean][] = [['Node alone (opens a socket)', ['-e', FLOOR], false]]
  for (const bundle of bundles)
    cases.push([`${bundle}: merge, non-ECR registry`, [bundle], false], [`${bundle}: merge, ECR`, [bundle], true])
  const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]))
  // Interleaved, so load changes touch every case alike.
  for (let run = 0; run < runs; run++) {
    for (const [name, args, ecr] of cases) samples.get(name)?.push(await firstConnection(node, args, ecr))
  }
  for (const [name, xs] of samples) rows.push(`| ${name} | ${(median(xs) / 1000).toFixed(2)} |`)
  process.stdout.write(`${rows.join('\n')}\n`)
}

main().catch(err => {
  process.stderr.write(`bench-startup: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
