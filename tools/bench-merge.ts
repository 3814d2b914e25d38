// The merge benchmark: our `mode: merge` step (dist/main/index.js, login included)
// against `docker login` + `docker buildx imagetools create`, side by side in one run, on
// the local registry, for the README's recipes: staged legs with `platforms` given, staged
// legs with the default platforms (every staged leg), and `sources` by digest. Both reach
// the registry (and our step the ECR API emulator) through the network model of
// testing/network.ts: a TCP relay that delays every client-to-server flight, so
// connection and TLS set-up cost their round trips. For each: the median wall time, the
// HTTP requests, the TCP connections opened and the sequential round-trip depth.
// Then the staged-legs merge in repositories of 10, 10,000 and 100,000 tags, on the fake
// registry paging its tag list like ECR (1,000 per page, a Link header).
//
//   bash scripts/bench.sh [--runs 5] [--latencies 0,50] [--scenarios 2x3,8x10] [--recipes platforms,default,sources]
//     [--tools merge,imagetools] [--repo-sizes 10,10000,100000] [--repo-runs 3]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { runAction } from '../testing/action-runner.js'
import { startEcrEmulator, type EcrEmulator } from '../testing/ecr-emulator.js'
import { FakeRegistry, sha256 } from '../testing/fake-registry.js'
import { startNetwork, type Network } from '../testing/network.js'
import { sequentialDepth, type RequestRecord } from '../testing/proxy.js'
import { registryApi } from '../testing/registry-api.js'
import { pushSyntheticImage, syntheticImage, type SyntheticPlatform } from '../testing/synthetic-image.js'
import { loadStack, projectRoot, type Stack } from '../testing/stack.js'
import { exec, median, spread } from './common.js'

type Tool = 'merge' | 'imagetools'
/** platforms: staged legs, `platforms` given; default: staged legs, every one staged; sources: by digest. */
type Recipe = 'platforms' | 'default' | 'sources'
const RECIPES: Recipe[] = ['platforms', 'default', 'sources']

interface Scenario {
  name: string
  platforms: number
  tags: number
}

interface Sample {
  wallMs: number
  requests: number
  /** TCP connections the relays accepted (registry and ECR API together). */
  connections: number
  depth: number
  /** From the start to the first request reaching a proxy: process start-up, config, credentials. */
  firstRequestMs: number
  detail: string
}

interface Prepared {
  repository: string
  digests: string[]
  stagingTags: string[]
  platforms: string[]
}

/** The runner's GITHUB_SHA and GITHUB_RUN_ID (testing/action-runner.ts): staged legs must carry them. */
const SHA = '0123456789abcdef0123456789abcdef01234567'
const RUN_ID = '4242'
const INDEX = 'application/vnd.oci.image.index.v1+json'

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

const slug = (p: SyntheticPlatform) => [p.os, p.architecture, p.variant].filter(Boolean).join('-')
const platformName = (p: SyntheticPlatform) => [p.os, p.architecture, p.variant].filter(Boolean).join('/')
const stagingTag = (p: SyntheticPlatform) => `stage-${RUN_ID}-1-${slug(p)}`

/** A leg's staging index: one image, with its platform, as a leg without provenance stages it. */
function stagingIndex(p: SyntheticPlatform, image: { digest: string; size: number; mediaType: string }): string {
  const { os, architecture, variant } = p
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: INDEX,
    manifests: [
      {
        mediaType: image.mediaType,
        digest: image.digest,
        size: image.size,
        platform: { os, architecture, ...(variant ? { variant } : {}) }
      }
    ]
  })
}

function parseArgs(argv: string[]) {
  const get = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 && argv[i + 1] ? argv[i + 1] : (process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback)
  }
  const list = (name: string, fallback: string) => (get(name, fallback) === 'none' ? [] : get(name, fallback).split(','))
  const scenarios = list('scenarios', '2x3,8x10').map(s => {
    const [p, t] = s.split('x').map(Number)
    if (!(p >= 1 && p <= PLATFORMS.length && t >= 1)) throw new Error(`--scenarios: "${s}" is not <platforms 1-8>x<tags>`)
    return { name: `${p} platforms x ${t} tags`, platforms: p, tags: t }
  })
  const recipes = list('recipes', RECIPES.join(','))
  for (const r of recipes) if (!RECIPES.includes(r as Recipe)) throw new Error(`--recipes: "${r}" is not one of ${RECIPES.join(', ')}`)
  return {
    runs: Number(get('runs', '5')),
    latencies: list('latencies', '0,50').map(Number),
    scenarios,
    recipes: recipes as Recipe[],
    tools: list('tools', 'merge,imagetools') as Tool[],
    repoSizes: list('repo-sizes', '10,10000,100000').map(Number),
    repoRuns: Number(get('repo-runs', '3'))
  }
}

class Bench {
  private readonly api
  constructor(
    private readonly stack: Stack,
    private readonly registry: Network,
    /** In front of the ECR API emulator, with the same latency: GetAuthorizationToken is a round trip too. */
    private readonly ecrApi: Network,
    private readonly emulator: EcrEmulator
  ) {
    this.api = registryApi(stack)
  }

  async prepare(scenario: Scenario): Promise<Prepared> {
    const repository = `bench/merge-${scenario.platforms}x${scenario.tags}-${Date.now().toString(36)}`
    const digests: string[] = []
    const platforms = PLATFORMS.slice(0, scenario.platforms)
    for (const platform of platforms) {
      // Straight to the registry, not through the network model: preparation is not measured.
      const labels = { 'org.opencontainers.image.title': 'merge-bench', 'org.opencontainers.image.revision': SHA }
      const image = await pushSyntheticImage(this.api, repository, platform, { labels })
      digests.push(image.digest)
      await this.api.putManifest(repository, stagingTag(platform), stagingIndex(platform, image), INDEX)
    }
    this.emulator.repositories.set(repository, { mutability: 'MUTABLE', exclusions: [], createdAt: Date.now() })
    return { repository, digests, stagingTags: platforms.map(stagingTag), platforms: platforms.map(platformName) }
  }

  private resetLogs(): void {
    this.registry.resetLog()
    this.ecrApi.resetLog()
  }

  /** Registry and ECR API requests together: one critical path across both. */
  private measure(t0: number, detail: string): Sample {
    const wallMs = performance.now() - t0
    const all = [...this.registry.requests, ...this.ecrApi.requests]
    const firstRequestMs = all.length ? Math.min(...all.map(r => r.start)) - t0 : wallMs
    if (process.env.BENCH_VERBOSE) {
      const timeline = [...all]
        .sort((a, b) => a.start - b.start)
        .map(r => `${r.method} ${(r.start - t0).toFixed(0)}-${(r.end - t0).toFixed(0)}`)
      process.stderr.write(`timeline (ms): ${timeline.join(', ')}; exit at ${wallMs.toFixed(0)}\n`)
    }
    const connections = this.registry.connections.length + this.ecrApi.connections.length
    return { wallMs, requests: all.length, connections, depth: sequentialDepth(all), firstRequestMs, detail }
  }

  async merge(recipe: Recipe, prepared: Prepared, tags: string[]): Promise<Sample> {
    const { repository, digests } = prepared
    const env = {
      AWS_ENDPOINT_URL_ECR: this.ecrApi.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-secret',
      AWS_REGION: 'us-east-1',
      GITHUB_RUN_ID: RUN_ID,
      GITHUB_SHA: SHA
    }
    const inputs: Record<string, string> = { mode: 'merge', repository, tags: tags.join(','), cleanup: 'false' }
    if (recipe === 'sources') inputs.sources = digests.map(d => `${this.registry.host}/${repository}@${d}`).join(',')
    if (recipe === 'platforms') inputs.platforms = prepared.platforms.join(',')
    const ecrBefore = this.emulator.calls.length
    this.resetLogs()
    const t0 = performance.now()
    const run = await runAction({ inputs, env, post: false })
    const sample = this.measure(t0, '')
    if (run.exitCode !== 0) throw new Error(`merge failed (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`)
    const ecr = this.emulator.calls.slice(ecrBefore).map(c => c.operation)
    sample.detail = `registry ${this.registry.requests.length} + ECR API ${this.ecrApi.requests.length} (${[...new Set(ecr)].join(', ')})`
    await this.verify(repository, tags, digests.length, run.outputs.digest)
    return sample
  }

  /** The same recipe by hand: staged legs by their staging tags (imagetools flattens indexes), or the digests. */
  async imagetools(recipe: Recipe, prepared: Prepared, tags: string[]): Promise<Sample> {
    const { repository, digests } = prepared
    const config = mkdtempSync(join(tmpdir(), 'bench-docker-'))
    const env = { ...process.env, DOCKER_CONFIG: config }
    const ref = `${this.registry.host}/${repository}`
    const sources = recipe === 'sources' ? digests.map(d => `${ref}@${d}`) : prepared.stagingTags.map(t => `${ref}:${t}`)
    try {
      this.resetLogs()
      const t0 = performance.now()
      await exec('docker', ['login', this.registry.host, '--username', this.stack.username, '--password-stdin'], env, this.stack.password)
      const login = this.registry.requests.length
      await exec('docker', ['buildx', 'imagetools', 'create', ...tags.flatMap(t => ['-t', `${ref}:${t}`]), ...sources], env)
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

/**
 * The staged-legs merge (2 platforms x 3 tags) in a repository of `size` tags on the fake
 * registry, which pages its tag list as ECR does. It is not ECR (no ECR API call), so this
 * measures what the repository's size adds, not the whole ECR step.
 */
async function repositorySize(size: number, recipe: Recipe, latency: number, runs: number, key: string, cert: string): Promise<Sample[]> {
  const fake = await FakeRegistry.start({ auth: { mode: 'basic', username: 'bench', password: 'bench-secret' }, maxPageSize: 1000 })
  const network = await startNetwork({ target: fake.url, tls: { key, cert }, latencyMs: latency })
  try {
    const repository = 'bench/big'
    const platforms = PLATFORMS.slice(0, 2)
    for (const platform of platforms) {
      const image = syntheticImage(platform, { labels: { 'org.opencontainers.image.revision': SHA } })
      fake.seedBlob(repository, image.config)
      fake.seedBlob(repository, image.layer)
      fake.seedManifest(repository, image.digest, image.manifest, image.mediaType)
      const index = stagingIndex(platform, { digest: image.digest, size: image.manifest.length, mediaType: image.mediaType })
      fake.seedManifest(repository, stagingTag(platform), index, INDEX)
    }
    // Earlier releases: one sha-<7> tag each, on an image of their own (their content does not matter here).
    const old = fake.seedManifest(
      repository,
      'sha-0000000',
      syntheticImage(PLATFORMS[0], { content: 'old' }).manifest,
      'application/vnd.oci.image.manifest.v1+json'
    )
    const filler = Array.from({ length: Math.max(0, size - platforms.length - 1) }, (_, i) => `sha-${sha256(String(i)).slice(7, 14)}${i}`)
    fake.seedTags(repository, filler, old)
    const samples: Sample[] = []
    for (let run = 0; run <= runs; run++) {
      const tags = [`r${run}-t1`, `r${run}-t2`, `r${run}-t3`]
      const inputs: Record<string, string> = {
        mode: 'merge',
        registry: network.host,
        username: 'bench',
        password: 'bench-secret',
        repository,
        tags: tags.join(','),
        cleanup: 'false'
      }
      if (recipe === 'platforms') inputs.platforms = platforms.map(platformName).join(',')
      network.resetLog()
      const t0 = performance.now()
      const result = await runAction({ inputs, env: { GITHUB_RUN_ID: RUN_ID, GITHUB_SHA: SHA }, post: false })
      const wallMs = performance.now() - t0
      if (result.exitCode !== 0) throw new Error(`merge in a repository of ${size} tags failed:\n${result.stdout}\n${result.stderr}`)
      if (fake.tags(repository).length < size)
        throw new Error(`the fake registry holds ${fake.tags(repository).length} tags, expected ${size}`)
      const pages = network.requests.filter(r => r.path.includes('/tags/list') && r.status === 200).length
      const sample: Sample = {
        wallMs,
        requests: network.requests.length,
        connections: network.connections.length,
        depth: sequentialDepth(network.requests),
        firstRequestMs: Math.min(...network.requests.map(r => r.start)) - t0,
        detail: `${pages} tag-list pages`
      }
      process.stderr.write(
        `bench: repository of ${size} tags, ${recipe}, ${latency} ms, run ${run}: ${(wallMs / 1000).toFixed(2)} s, ${sample.requests} requests, ${sample.connections} connections, depth ${sample.depth}; ${sample.detail}\n`
      )
      if (run > 0) samples.push(sample)
    }
    return samples
  } finally {
    await network.close()
    await fake.close()
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
  const tools = args.tools

  const registry = await startNetwork({ target: `https://${stack.registry}`, tls: { key, cert: ca }, ca })
  // The login hands out the network's address, so every registry request of the step goes through it.
  const emulator = await startEcrEmulator({ registryUrl: registry.url, username: stack.username, password: stack.password, ca })
  // Over TLS, as the ECR API is on AWS: its connection costs the handshake's round trips too.
  const ecrApi = await startNetwork({ target: emulator.endpoint, tls: { key, cert: ca }, ca })
  const bench = new Bench(stack, registry, ecrApi, emulator)
  type Row = { scenario: string; recipe: Recipe; latency: number; tool: Tool; samples: Sample[] }
  const rows: Row[] = []
  const log = (s: string) => process.stderr.write(`bench: ${s}\n`)

  try {
    for (const scenario of args.scenarios) {
      const prepared = await bench.prepare(scenario)
      log(`${scenario.name}: legs staged in ${prepared.repository}`)
      for (const latency of args.latencies) {
        registry.setLatency(latency)
        ecrApi.setLatency(latency)
        for (const recipe of args.recipes) {
          const samples: Record<string, Sample[]> = Object.fromEntries(tools.map(t => [t, []]))
          // Run 0 warms caches (docker, node, the registry) and is not counted; the tools alternate.
          for (let run = 0; run <= args.runs; run++) {
            const order = run % 2 ? [...tools].reverse() : tools
            for (const tool of order) {
              const tags = Array.from({ length: scenario.tags }, (_, i) => `${tool}-${recipe}-l${latency}-r${run}-t${i + 1}`)
              const sample = tool === 'merge' ? await bench.merge(recipe, prepared, tags) : await bench.imagetools(recipe, prepared, tags)
              log(
                `${scenario.name} ${recipe} ${latency} ms ${tool} run ${run}${run === 0 ? ' (warm-up)' : ''}: ${(sample.wallMs / 1000).toFixed(2)} s (first request at ${(sample.firstRequestMs / 1000).toFixed(2)} s), ${sample.requests} requests, ${sample.connections} connections, depth ${sample.depth}; ${sample.detail}`
              )
              if (run === 1 && process.env.BENCH_VERBOSE) log(`requests:\n${requestSummary([...registry.requests, ...ecrApi.requests])}`)
              if (run > 0) samples[tool].push(sample)
            }
          }
          for (const tool of tools) rows.push({ scenario: scenario.name, recipe, latency, tool, samples: samples[tool] })
        }
      }
    }
  } finally {
    await ecrApi.close()
    await emulator.close()
    await registry.close()
  }
  const sizeRows: Row[] = []
  const sizeLatency = Math.max(...(args.latencies.length ? args.latencies : [0]))
  for (const size of args.repoSizes) {
    for (const recipe of ['platforms', 'default'] as Recipe[]) {
      const samples = await repositorySize(size, recipe, sizeLatency, args.repoRuns, key, ca)
      sizeRows.push({ scenario: `${size} tags`, recipe, latency: sizeLatency, tool: 'merge', samples })
    }
  }

  const RECIPE_NAMES: Record<Recipe, string> = {
    platforms: 'staged, platforms given',
    default: 'staged, every leg',
    sources: 'sources by digest'
  }
  const line = (r: Row) => {
    const wall = median(r.samples.map(s => s.wallMs)) / 1000
    const tool = r.tool === 'merge' ? 'merge (this action)' : 'login + imagetools create'
    return `| ${r.scenario} | ${RECIPE_NAMES[r.recipe]} | ${r.latency} ms | ${tool} | ${wall.toFixed(2)} | ${spread(r.samples.map(s => s.requests))} | ${spread(r.samples.map(s => s.connections))} | ${spread(r.samples.map(s => s.depth))} | ${(median(r.samples.map(s => s.firstRequestMs)) / 1000).toFixed(2)} | ${r.samples[r.samples.length - 1]?.detail ?? ''} |`
  }
  const head = [
    '| scenario | recipe | latency | tool | median wall s | requests | connections | depth | first request s | detail |',
    '|---|---|---|---|---|---|---|---|---|---|'
  ]
  const ratios: string[] = []
  for (const row of rows.filter(r => r.tool === 'merge')) {
    const theirs = rows.find(
      r => r.scenario === row.scenario && r.recipe === row.recipe && r.latency === row.latency && r.tool === 'imagetools'
    )
    if (!row.samples.length || !theirs?.samples.length) continue
    const ratio = (f: (s: Sample) => number) => (median(theirs.samples.map(f)) / median(row.samples.map(f))).toFixed(2)
    ratios.push(
      `| ${row.scenario} | ${RECIPE_NAMES[row.recipe]} | ${row.latency} ms | ${ratio(s => s.wallMs)} | ${ratio(s => s.requests)} | ${ratio(s => s.connections)} | ${ratio(s => s.depth)} |`
    )
  }
  const markdown = [
    `# Merge benchmark`,
    '',
    `${new Date().toISOString()}; median of ${args.runs} runs after one warm-up; the registry ${stack.registry} and the ECR API emulator each behind a TCP relay that delays every client-to-server flight by the latency (a connection's first flight twice: the TCP handshake), both over TLS as on AWS (TLS passed through the relay).`,
    'merge: the whole `mode: merge` step (node dist/main/index.js, ECR login included). imagetools: `docker login` + `docker buildx imagetools create` of the staging tags (or the digests).',
    'requests: HTTP requests to the registry and, for merge, to the ECR API; connections: TCP connections opened; depth: the longest chain of requests each started after the previous one ended (at 0 ms it varies with how requests overlap; at 50 ms it is the structure); first request: median time from the start to the first request (process start-up).',
    '',
    ...head,
    ...rows.map(line),
    ...(ratios.length
      ? [
          '',
          'Ratio imagetools / merge (above 1: merge is better):',
          '',
          '| scenario | recipe | latency | wall | requests | connections | depth |',
          '|---|---|---|---|---|---|---|',
          ...ratios
        ]
      : []),
    ...(sizeRows.length
      ? [
          '',
          `Repository size: the staged-legs merge of 2 platforms x 3 tags on the fake registry (not ECR: no ECR API call), which pages its tag list like ECR (1,000 per page, a Link header), at ${sizeLatency} ms; median of ${args.repoRuns} runs.`,
          '',
          ...head,
          ...sizeRows.map(line)
        ]
      : []),
    ''
  ].join('\n')

  const out = join(projectRoot, '.bench')
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'merge.md'), markdown)
  writeFileSync(join(out, 'merge.json'), JSON.stringify([...rows, ...sizeRows], null, 2))
  process.stdout.write(markdown)
}

main().catch(err => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
