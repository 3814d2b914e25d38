// The merge benchmark: our `mode: merge` step (dist/main/index.js, login included)
// against `docker login` + `docker buildx imagetools create`, side by side, on the
// local registry, from the same single-platform sources to the same number of tags,
// through the test proxy at 0 ms and 50 ms per request. For each: the median wall
// time, the HTTP requests that reached the registry and the sequential round-trip depth.
//
//   bash scripts/bench.sh [--runs 5] [--latencies 0,50] [--scenarios 2x3,8x10] [--tools merge,imagetools]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { runAction } from '../testing/action-runner.js'
import { startEcrEmulator, type EcrEmulator } from '../testing/ecr-emulator.js'
import { sequentialDepth, startProxy, type Proxy, type RequestRecord } from '../testing/proxy.js'
import { registryApi } from '../testing/registry-api.js'
import { pushSyntheticImage, type SyntheticPlatform } from '../testing/synthetic-image.js'
import { loadStack, projectRoot, type Stack } from '../testing/stack.js'
import { exec, median, spread } from './common.js'

type Tool = 'merge' | 'imagetools'

interface Scenario {
  name: string
  platforms: number
  tags: number
}

interface Sample {
  wallMs: number
  requests: number
  depth: number
  /** From the start to the first request reaching a proxy: process start-up, config, credentials. */
  firstRequestMs: number
  /** Requests of the login phase (docker login) or ECR API calls (merge). */
  detail: string
}

const PLATFORMS: SyntheticPlatform[] = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
  { os: 'linux', architecture: 'arm', variant: 'v6' },
  { os: 'linux', architecture: 'ppc64le' },
  { os: 'linux', architecture: 's390x' },
  { os: 'linux', architecture: 'riscv64' },
  { os: 'linux', architecture: '386' }
]

function parseArgs(argv: string[]) {
  const get = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 && argv[i + 1] ? argv[i + 1] : (process.env[`BENCH_${name.toUpperCase()}`] ?? fallback)
  }
  const scenarios = get('scenarios', '2x3,8x10')
    .split(',')
    .map(s => {
      const [p, t] = s.split('x').map(Number)
      if (!(p >= 1 && p <= PLATFORMS.length && t >= 1)) throw new Error(`--scenarios: "${s}" is not <platforms 1-8>x<tags>`)
      return { name: `${p} platforms x ${t} tags`, platforms: p, tags: t }
    })
  return {
    runs: Number(get('runs', '5')),
    latencies: get('latencies', '0,50').split(',').map(Number),
    scenarios,
    tools: get('tools', 'merge,imagetools').split(',') as Tool[]
  }
}

class Bench {
  private readonly api
  constructor(
    private readonly stack: Stack,
    private readonly proxy: Proxy,
    /** In front of the ECR API emulator, with the same latency: GetAuthorizationToken is a round trip too. */
    private readonly ecrProxy: Proxy,
    private readonly emulator: EcrEmulator
  ) {
    this.api = registryApi(stack)
  }

  async prepare(scenario: Scenario): Promise<{ repository: string; digests: string[] }> {
    const repository = `bench/merge-${scenario.platforms}x${scenario.tags}-${Date.now().toString(36)}`
    const digests: string[] = []
    for (const platform of PLATFORMS.slice(0, scenario.platforms)) {
      // Straight to the registry, not through the proxy: preparation is not measured.
      digests.push(
        (await pushSyntheticImage(this.api, repository, platform, { labels: { 'org.opencontainers.image.title': 'merge-bench' } })).digest
      )
    }
    this.emulator.repositories.set(repository, { mutability: 'MUTABLE', exclusions: [], createdAt: Date.now() })
    return { repository, digests }
  }

  private resetLogs(): void {
    this.proxy.resetLog()
    this.ecrProxy.resetLog()
  }

  /** Registry and ECR API requests together: one critical path across both. */
  private measure(t0: number, detail: string): Sample {
    const wallMs = performance.now() - t0
    const all = [...this.proxy.requests, ...this.ecrProxy.requests]
    const firstRequestMs = all.length ? Math.min(...all.map(r => r.start)) - t0 : wallMs
    if (process.env.BENCH_VERBOSE) {
      const timeline = [...all]
        .sort((a, b) => a.start - b.start)
        .map(r => `${r.method} ${(r.start - t0).toFixed(0)}-${(r.end - t0).toFixed(0)}`)
      process.stderr.write(`timeline (ms): ${timeline.join(', ')}; exit at ${wallMs.toFixed(0)}\n`)
    }
    return { wallMs, requests: all.length, depth: sequentialDepth(all), firstRequestMs, detail }
  }

  async merge(repository: string, digests: string[], tags: string[]): Promise<Sample> {
    const env = {
      AWS_ENDPOINT_URL_ECR: this.ecrProxy.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-secret',
      AWS_REGION: 'us-east-1'
    }
    const inputs = {
      mode: 'merge',
      repository,
      sources: digests.map(d => `${this.proxy.host}/${repository}@${d}`).join(','),
      tags: tags.join(','),
      cleanup: 'false'
    }
    const ecrBefore = this.emulator.calls.length
    this.resetLogs()
    const t0 = performance.now()
    const run = await runAction({ inputs, env, post: false })
    const sample = this.measure(t0, '')
    if (run.exitCode !== 0) throw new Error(`merge failed (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`)
    const ecr = this.emulator.calls.slice(ecrBefore).map(c => c.operation)
    sample.detail = `registry ${this.proxy.requests.length} + ECR API ${this.ecrProxy.requests.length} (${[...new Set(ecr)].join(', ')})`
    await this.verify(repository, tags, digests.length, run.outputs.digest)
    return sample
  }

  async imagetools(repository: string, digests: string[], tags: string[]): Promise<Sample> {
    const config = mkdtempSync(join(tmpdir(), 'bench-docker-'))
    const env = { ...process.env, DOCKER_CONFIG: config }
    const ref = `${this.proxy.host}/${repository}`
    try {
      this.resetLogs()
      const t0 = performance.now()
      await exec('docker', ['login', this.proxy.host, '--username', this.stack.username, '--password-stdin'], env, this.stack.password)
      const login = this.proxy.requests.length
      await exec(
        'docker',
        ['buildx', 'imagetools', 'create', ...tags.flatMap(t => ['-t', `${ref}:${t}`]), ...digests.map(d => `${ref}@${d}`)],
        env
      )
      const sample = this.measure(t0, '')
      sample.detail = `login ${login} + create ${sample.requests - login}`
      await this.verify(repository, tags, digests.length)
      return sample
    } finally {
      rmSync(config, { recursive: true, force: true })
    }
  }

  /** Reads the result straight from the registry: every tag is one index of all the sources. */
  private async verify(repository: string, tags: string[], platforms: number, expected?: string): Promise<void> {
    const digests = new Set<string>()
    for (const tag of tags) {
      const m = await this.api.manifest(repository, tag)
      if (m.status !== 200) throw new Error(`${repository}:${tag} is missing after the run (${m.status})`)
      if (!/index|list/.test(m.mediaType ?? '')) throw new Error(`${repository}:${tag} is ${m.mediaType}, not an index`)
      const images = (m.json.manifests as { platform?: { architecture?: string } }[]).filter(d => d.platform?.architecture !== 'unknown')
      if (images.length !== platforms) throw new Error(`${repository}:${tag} lists ${images.length} images, expected ${platforms}`)
      digests.add(m.digest ?? '')
    }
    if (digests.size !== 1) throw new Error(`the tags of ${repository} point at ${digests.size} different digests`)
    if (expected && !digests.has(expected)) throw new Error(`the tags point at ${[...digests][0]}, the step reported ${expected}`)
  }
}

function requestSummary(records: RequestRecord[]): string {
  const counts = new Map<string, number>()
  for (const r of records) {
    const kind = `${r.method} ${r.path
      .replace(/\?.*$/, '')
      .replace(/sha256:[a-f0-9]{64}/, '<digest>')
      .replace(/\/uploads\/[^/]+$/, '/uploads/<id>')
      .replace(/\/manifests\/[^/<]+$/, '/manifests/<tag>')} ${r.status}`
    counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  return [...counts].map(([k, n]) => `    ${n} x ${k}`).join('\n')
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const stack = loadStack()
  const ca = readFileSync(stack.caCert, 'utf8')
  const key = readFileSync(join(dirname(stack.caCert), 'tls.key'), 'utf8')
  const notes: string[] = []
  const tools = args.tools

  const proxy = await startProxy({ target: `https://${stack.registry}`, tls: { key, cert: ca }, ca })
  // The login hands out the proxy's address, so every registry request of the step goes through it.
  const emulator = await startEcrEmulator({ registryUrl: proxy.url, username: stack.username, password: stack.password, ca })
  const ecrProxy = await startProxy({ target: emulator.endpoint })
  const bench = new Bench(stack, proxy, ecrProxy, emulator)
  const rows: { scenario: Scenario; latency: number; tool: Tool; samples: Sample[] }[] = []
  const log = (s: string) => process.stderr.write(`bench: ${s}\n`)

  try {
    for (const scenario of args.scenarios) {
      const { repository, digests } = await bench.prepare(scenario)
      log(`${scenario.name}: sources in ${repository}`)
      for (const latency of args.latencies) {
        proxy.setLatency(latency)
        ecrProxy.setLatency(latency)
        const samples: Record<string, Sample[]> = Object.fromEntries(tools.map(t => [t, []]))
        // Run 0 warms caches (docker, node, the registry) and is not counted; the tools alternate.
        for (let run = 0; run <= args.runs; run++) {
          const order = run % 2 ? [...tools].reverse() : tools
          for (const tool of order) {
            const tags = Array.from({ length: scenario.tags }, (_, i) => `${tool}-l${latency}-r${run}-t${i + 1}`)
            const sample =
              tool === 'merge' ? await bench.merge(repository, digests, tags) : await bench.imagetools(repository, digests, tags)
            log(
              `${scenario.name} ${latency} ms ${tool} run ${run}${run === 0 ? ' (warm-up)' : ''}: ${(sample.wallMs / 1000).toFixed(2)} s (first request at ${(sample.firstRequestMs / 1000).toFixed(2)} s), ${sample.requests} requests, depth ${sample.depth}; ${sample.detail}`
            )
            if (run === 1 && process.env.BENCH_VERBOSE) log(`requests:\n${requestSummary([...proxy.requests, ...ecrProxy.requests])}`)
            if (run > 0) samples[tool].push(sample)
          }
        }
        for (const tool of tools) rows.push({ scenario, latency, tool, samples: samples[tool] })
      }
    }
  } finally {
    await ecrProxy.close()
    await emulator.close()
    await proxy.close()
  }

  const table = [
    '| scenario | latency | tool | median wall s | requests | depth | first request s | detail |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(r => {
      const wall = median(r.samples.map(s => s.wallMs)) / 1000
      return `| ${r.scenario.name} | ${r.latency} ms | ${r.tool === 'merge' ? 'merge (this action)' : 'buildx imagetools create'} | ${wall.toFixed(2)} | ${spread(r.samples.map(s => s.requests))} | ${spread(r.samples.map(s => s.depth))} | ${(median(r.samples.map(s => s.firstRequestMs)) / 1000).toFixed(2)} | ${r.samples[r.samples.length - 1]?.detail ?? ''} |`
    })
  ]
  const ratios: string[] = []
  for (const scenario of args.scenarios) {
    for (const latency of args.latencies) {
      const of = (tool: Tool) => rows.find(r => r.scenario === scenario && r.latency === latency && r.tool === tool)?.samples
      const ours = of('merge')
      const theirs = of('imagetools')
      if (!ours?.length || !theirs?.length) continue
      const ratio = (f: (s: Sample) => number) => (median(theirs.map(f)) / median(ours.map(f))).toFixed(2)
      ratios.push(`| ${scenario.name} | ${latency} ms | ${ratio(s => s.wallMs)} | ${ratio(s => s.requests)} | ${ratio(s => s.depth)} |`)
    }
  }
  const markdown = [
    `# Merge benchmark`,
    '',
    `${new Date().toISOString()}; median of ${args.runs} runs after one warm-up; the registry ${stack.registry} behind the test proxy, which delays every request by the latency.`,
    'merge: the whole `mode: merge` step (node dist/main/index.js, ECR login included). imagetools: `docker login` + `docker buildx imagetools create`.',
    'requests: HTTP requests to the registry and, for merge, to the ECR API (its emulator sits behind a second proxy with the same latency); depth: the longest chain of requests each started after the previous one ended (at 0 ms it varies with how requests happen to overlap; at 50 ms it is the structure); first request: median time from the start to the first request (process start-up).',
    '',
    ...table,
    ...(ratios.length
      ? [
          '',
          'Ratio imagetools / merge (above 1: merge is better):',
          '',
          '| scenario | latency | wall | requests | depth |',
          '|---|---|---|---|---|',
          ...ratios
        ]
      : []),
    ...(notes.length ? ['', ...notes.map(n => `Note: ${n}`)] : []),
    ''
  ].join('\n')

  const out = join(projectRoot, '.bench')
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'merge.md'), markdown)
  writeFileSync(
    join(out, 'merge.json'),
    JSON.stringify(
      rows.map(r => ({ scenario: r.scenario.name, latency: r.latency, tool: r.tool, samples: r.samples })),
      null,
      2
    )
  )
  process.stdout.write(markdown)
}

main().catch(err => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
