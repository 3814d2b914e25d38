// `BENCH_ONLY=preflight npm run bench`: what the build leg's pre-flight costs. The pre-flight
// itself (src/check/preflight.ts: read the Dockerfile, ask the registry for each base image's
// platforms) runs in this process against the stack's registry behind the TCP latency model,
// with the leg's client (Basic up front, as an ECR login; one keep-alive pool), once per run
// with fresh caches, as a leg does it once. Requests and connections are counted at the network.
//
//   node .bench/tools/bench-preflight.js [--runs 5] [--latencies 0,50]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { PlatformLookup } from '../src/check/platforms.js'
import { preflight } from '../src/check/preflight.js'
import { parsePlatform } from '../src/oci/platform.js'
import { RegistryClient } from '../src/registry/client.js'
import { pooledFetch } from '../src/registry/dispatcher.js'
import { silentLogger } from '../src/util/logger.js'
import { startNetwork } from '../testing/network.js'
import { registryApi } from '../testing/registry-api.js'
import { pushSyntheticImage } from '../testing/synthetic-image.js'
import { loadStack, projectRoot } from '../testing/stack.js'
import { median, spread } from './common.js'

interface Sample {
  wallMs: number
  requests: number
  connections: number
}

function parseArgs(argv: string[]) {
  const get = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback
  }
  return { runs: Number(get('runs', '5')), latencies: get('latencies', '0,50').split(',').map(Number) }
}

const log = (s: string) => process.stderr.write(`bench: ${s}\n`)

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const stack = loadStack()
  const ca = readFileSync(stack.caCert, 'utf8')
  const key = readFileSync(join(dirname(stack.caCert), 'tls.key'), 'utf8')
  const api = registryApi(stack)
  const prefix = `bench/preflight-${Date.now().toString(36)}`

  // Base images as Dockerfiles use them: multi-arch indexes, and one single-platform image
  // (its config blob is read too). Pushed straight to the registry: preparation is not measured.
  const index = async (name: string) => {
    const images = await Promise.all(
      (['amd64', 'arm64'] as const).map(async architecture => ({
        architecture,
        image: await pushSyntheticImage(api, `${prefix}/${name}`, { os: 'linux', architecture }, { content: `${name}-${architecture}` })
      }))
    )
    const body = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: images.map(({ architecture, image }) => ({ ...image, platform: { os: 'linux', architecture } }))
    }
    await api.putManifest(`${prefix}/${name}`, '1', JSON.stringify(body), body.mediaType)
  }
  await Promise.all([index('base'), index('builder'), index('tools')])
  await pushSyntheticImage(api, `${prefix}/runtime`, { os: 'linux', architecture: 'arm64' }, { tag: '1' })

  const network = await startNetwork({ target: `https://${stack.registry}`, tls: { key, cert: ca }, ca })
  const at = (name: string) => `${network.host}/${prefix}/${name}:1`
  const dockerfiles = [
    { name: 'one FROM', text: `FROM ${at('base')}\nCOPY . /app\n` },
    {
      name: 'multi-stage: 3 bases, one on $BUILDPLATFORM, one single-platform',
      text: [
        `FROM --platform=$BUILDPLATFORM ${at('builder')} AS build`,
        'RUN make',
        `FROM ${at('tools')} AS tools`,
        `FROM ${at('runtime')}`,
        'COPY --from=build /out /app',
        'COPY --from=tools /bin/tool /bin/tool'
      ].join('\n')
    }
  ]
  type Row = { dockerfile: string; latency: number; samples: Sample[] }
  const rows: Row[] = []
  try {
    for (const latency of args.latencies) {
      network.setLatency(latency)
      for (const dockerfile of dockerfiles) {
        const samples: Sample[] = []
        for (let run = 0; run <= args.runs; run++) {
          network.resetLog()
          const pool = pooledFetch(silentLogger)
          const client = new RegistryClient({
            registry: network.host,
            credentials: { username: stack.username, password: stack.password },
            basicUpfront: true,
            fetch: pool.fetch
          })
          const lookup = new PlatformLookup({ clients: { [network.host]: client } })
          const t0 = performance.now()
          const result = await preflight(
            {
              dockerfile: dockerfile.text,
              fileName: 'Dockerfile',
              buildArgs: {},
              platforms: [parsePlatform('linux/arm64')],
              runner: parsePlatform('linux/amd64')
            },
            lookup
          )
          const wallMs = performance.now() - t0
          await pool.close()
          if (result.missing.length > 0 || result.warnings.length > 0)
            throw new Error(`pre-flight of "${dockerfile.name}" did not pass: ${[...result.missing, ...result.warnings].join('; ')}`)
          const sample = { wallMs, requests: network.requests.length, connections: network.connections.length }
          log(
            `pre-flight, ${dockerfile.name}, ${latency} ms, run ${run}${run === 0 ? ' (warm-up)' : ''}: ${wallMs.toFixed(0)} ms, ${sample.requests} requests, ${sample.connections} connections`
          )
          if (run > 0) samples.push(sample)
        }
        rows.push({ dockerfile: dockerfile.name, latency, samples })
      }
    }
  } finally {
    await network.close()
  }

  const markdown = [
    `${new Date().toISOString()}; median of ${args.runs} runs after one warm-up; the pre-flight of an arm64 leg in this process, against the registry ${stack.registry} behind a TCP relay that delays every client-to-server flight by the latency (a connection's first flight twice), TLS passed through; fresh caches and connections each run.`,
    '',
    '| Dockerfile | latency | median wall ms | requests | connections |',
    '|---|---|---|---|---|',
    ...rows.map(
      r =>
        `| ${r.dockerfile} | ${r.latency} ms | ${spread(r.samples.map(s => Math.round(s.wallMs)))} | ${spread(r.samples.map(s => s.requests))} | ${spread(r.samples.map(s => s.connections))} |`
    ),
    ''
  ].join('\n')
  process.stdout.write(markdown)
  const out = join(projectRoot, '.bench')
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'preflight.md'), markdown)
  writeFileSync(join(out, 'preflight.json'), JSON.stringify(rows, null, 2))
  log(
    `median wall ms: ${rows.map(r => `${r.dockerfile} @ ${r.latency} ms: ${median(r.samples.map(s => s.wallMs)).toFixed(0)}`).join('; ')}`
  )
}

main().catch(err => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
