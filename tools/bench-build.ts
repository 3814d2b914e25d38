// The build benchmark: `mode: build` legs (dist/main/index.js, login included) on the
// real stack, with the ECR API emulator in front of the local registry. Three questions:
//
//   overhead  the whole leg step against the same `docker buildx build` run by hand with
//             the arguments the action passes (buildxArgs), warm cache both: the action's
//             own cost (start-up, login, repository, staging, outputs);
//   qemu      a CPU-bound step (testing/fixtures/cpu) as a native linux/amd64 leg and as
//             a linux/arm64 leg under QEMU, a new SEED each run so that the step runs;
//   cache     a rebuild with the ECR registry cache against one without: the local cache
//             records of that one step are pruned by id (never the whole build cache), so
//             the registry cache is the only place that knows the step.
//
// Medians of a few runs, side by side in one run; nothing here asserts on time.
//
//   node .bench/tools/bench-build.js [--runs 3] [--loops 1000000] [--parts overhead,qemu,cache]
//   (from npm run bench: BENCH_BUILD_RUNS, BENCH_BUILD_LOOPS, BENCH_BUILD_PARTS)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildxArgs, type BuildxPlan } from '../src/docker/buildx.js'
import { parsePlatform } from '../src/oci/platform.js'
import { cacheTag } from '../src/oci/staging.js'
import { runAction, type ActionRun } from '../testing/action-runner.js'
import { SHA, startScenario, type Scenario } from '../testing/scenario.js'
import { projectRoot } from '../testing/stack.js'
import { exec, median, spread } from './common.js'
import { imageLabels } from '../src/metadata/labels.js'

type Part = 'overhead' | 'qemu' | 'cache'

/** How the CPU-bound step went in one leg, read from BuildKit's plain progress. */
type StepStatus = 'ran' | 'cached' | 'registry' | 'absent'

interface Sample {
  wallMs: number
  /** The step's own duration as BuildKit reports it (DONE n.ns), when it ran. */
  stepSeconds?: number
  step?: StepStatus
  /** buildx as the action timed it (metadata output, 0.1 s resolution). */
  buildxSeconds?: number
}

interface Row {
  part: Part
  name: string
  samples: Sample[]
}

/** The fixture whose last step counts in a busybox shell loop; its records carry this literal. */
const CPU_DOCKERFILE = join(projectRoot, 'testing/fixtures/cpu/Dockerfile')
const CPU_TOKEN = 'bench-build-cpu'

function parseArgs(argv: string[]) {
  const get = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 && argv[i + 1] ? argv[i + 1] : (process.env[`BENCH_BUILD_${name.toUpperCase()}`] ?? fallback)
  }
  const parts = get('parts', 'overhead,qemu,cache').split(',') as Part[]
  for (const p of parts) if (!['overhead', 'qemu', 'cache'].includes(p)) throw new Error(`--parts: "${p}" is not overhead, qemu or cache`)
  const runs = Number(get('runs', '3'))
  const loops = Number(get('loops', '1000000'))
  if (!(runs >= 1) || !(loops >= 1)) throw new Error('--runs and --loops must be at least 1')
  return { runs, loops, parts }
}

const seconds = (ms: number) => (ms / 1000).toFixed(2)

/** "ran 3/3", "registry 2/3, cached 1/3". */
const statuses = (samples: Sample[]) => {
  const counts = new Map<string, number>()
  for (const s of samples) if (s.step) counts.set(s.step, (counts.get(s.step) ?? 0) + 1)
  return [...counts].map(([k, n]) => `${k} ${n}/${samples.length}`).join(', ') || '-'
}

/**
 * The CPU-bound step in a leg's log: `#N [k/k] RUN busybox sh -c ...`, then `#N CACHED`
 * (a local cache hit), `#N sha256:<layer> ...` (its layer fetched for a registry cache
 * hit), or only `#N DONE 1.8s` (it ran).
 */
function cpuStep(log: string): { status: StepStatus; seconds?: number } {
  const lines = log.split('\n').map(l => l.trim())
  const header = lines.map(l => /^#(\d+) \[[^\]]*\] RUN busybox sh -c/.exec(l)).find(Boolean)
  if (!header) return { status: 'absent' }
  const id = `#${header[1]} `
  const own = lines.filter(l => l.startsWith(id)).map(l => l.slice(id.length))
  const done = own.map(l => /^DONE (\d+(?:\.\d+)?)s$/.exec(l)).find(Boolean)
  if (own.some(l => l === 'CACHED')) return { status: 'cached' }
  if (own.some(l => /^sha256:[a-f0-9]{64} /.test(l))) return { status: 'registry', seconds: done ? Number(done[1]) : undefined }
  return { status: 'ran', seconds: done ? Number(done[1]) : undefined }
}

class Bench {
  private readonly dockerEnv: NodeJS.ProcessEnv
  private readonly configDir: string
  readonly notes: string[] = []

  constructor(
    private readonly s: Scenario,
    private readonly loops: number
  ) {
    // The by-hand builds log in the way the leg does, before anything is timed.
    this.configDir = mkdtempSync(join(tmpdir(), 'bench-docker-'))
    const auth = Buffer.from(`${s.stack.username}:${s.stack.password}`).toString('base64')
    writeFileSync(join(this.configDir, 'config.json'), JSON.stringify({ auths: { [s.stack.registry]: { auth } } }), { mode: 0o600 })
    this.dockerEnv = { ...process.env, DOCKER_CONFIG: this.configDir }
  }

  repository(part: string): string {
    return `bench/build-${part}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`
  }

  /** One leg step as a runner runs it (main only: the post step is a separate step). */
  async leg(
    repository: string,
    platform: string,
    runKey: string,
    inputs: Record<string, string>
  ): Promise<{ sample: Sample; run: ActionRun }> {
    const t0 = performance.now()
    const run = await runAction({
      inputs: { repository, platforms: platform, context: this.s.context, 'run-key': runKey, ...inputs },
      env: this.s.env(),
      post: false
    })
    const wallMs = performance.now() - t0
    if (run.exitCode !== 0 || !run.outputs.digest)
      throw new Error(`leg ${platform} of ${repository} failed (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`)
    const metadata = JSON.parse(run.outputs.metadata ?? '{}') as { legs?: { buildSeconds?: number }[] }
    return { sample: { wallMs, buildxSeconds: metadata.legs?.[0]?.buildSeconds }, run }
  }

  /** The `docker buildx build` that the leg runs, by hand: buildxArgs with the leg's plan, to another tag. */
  handArgs(repository: string, tag: string, buildArgs: Record<string, string>, metadataFile: string): string[] {
    const { registry } = this.s.stack
    const platform = parsePlatform('linux/amd64')
    const cacheRef = `${registry}/${repository}:${cacheTag(platform)}`
    const plan: BuildxPlan = {
      context: this.s.context,
      platforms: [platform],
      buildArgs,
      // What the leg sets, with the runner's git context (action-runner: acme/app at SHA).
      labels: imageLabels({}, { sha: SHA, ref: 'refs/heads/main', sourceUrl: 'https://github.com/acme/app' }),
      secretIds: [],
      provenance: true,
      tags: [`${registry}/${repository}:${tag}`],
      push: true,
      cacheFrom: [cacheRef],
      cacheTo: cacheRef
    }
    return buildxArgs(plan, metadataFile)
  }

  async byHand(repository: string, tag: string, buildArgs: Record<string, string>): Promise<Sample> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-build-'))
    try {
      const t0 = performance.now()
      await exec('docker', this.handArgs(repository, tag, buildArgs, join(dir, 'metadata.json')), this.dockerEnv)
      return { wallMs: performance.now() - t0 }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  async overhead(runs: number): Promise<Row[]> {
    const repository = this.repository('overhead')
    const buildArgs = { MARKER: 'bench-build' }
    const leg: Sample[] = []
    const hand: Sample[] = []
    // Run 0 warms both (the repository, the cache ref, node) and is not counted; the two alternate.
    for (let run = 0; run <= runs; run++) {
      const order = run % 2 ? ['hand', 'leg'] : ['leg', 'hand']
      for (const which of order) {
        let sample: Sample
        if (which === 'leg') {
          const leg = await this.leg(repository, 'linux/amd64', `overhead${run}`, { 'build-args': 'MARKER=bench-build' })
          if (run === 0) this.sameCommand(leg.run, repository, buildArgs)
          sample = leg.sample
        } else {
          sample = await this.byHand(repository, `hand-${run}`, buildArgs)
        }
        log(
          `overhead run ${run}${run === 0 ? ' (warm-up)' : ''}: ${which === 'leg' ? `leg step ${seconds(sample.wallMs)} s (buildx ${sample.buildxSeconds} s inside)` : `buildx by hand ${seconds(sample.wallMs)} s`}`
        )
        if (run > 0) (which === 'leg' ? leg : hand).push(sample)
      }
    }
    await this.removeImages(repository)
    return [
      { part: 'overhead', name: 'leg', samples: leg },
      { part: 'overhead', name: 'hand', samples: hand }
    ]
  }

  /**
   * The by-hand build must be the leg's: the `[command]` line the leg logged, with its
   * metadata file and tag, against handArgs with the same two (a log line is joined by
   * spaces: compared as such).
   */
  private sameCommand(run: ActionRun, repository: string, buildArgs: Record<string, string>): void {
    const line = run.stdout.split('\n').find(l => /^\[command\]\S*docker buildx build /.test(l))
    if (!line) throw new Error(`the leg logged no [command] line for docker buildx build:\n${run.stdout}`)
    const metadata = / --metadata-file (\S+)/.exec(line)?.[1] ?? ''
    const tag = new RegExp(` --tag ${this.s.stack.registry}/${repository}:(\\S+)`).exec(line)?.[1] ?? ''
    const logged = line.replace(/^\[command\]\S*docker /, '')
    const ours = this.handArgs(repository, tag, buildArgs, metadata).join(' ')
    if (logged !== ours) throw new Error(`the by-hand build differs from the leg's:\n  leg:     ${logged}\n  by hand: ${ours}`)
    this.notes.push(
      `the by-hand build ran the leg's exact argument list, its tag and metadata file aside: docker ${ours.replace(tag, '<tag>').replace(metadata, '<metadata file>')}`
    )
  }

  private cpuInputs(seed: string, extra: Record<string, string> = {}): Record<string, string> {
    return { file: CPU_DOCKERFILE, 'build-args': `SEED=${seed}\nLOOPS=${this.loops}`, ...extra }
  }

  /** A leg of the CPU fixture; fails unless the CPU step went one of the expected ways. */
  private async cpuLeg(
    repository: string,
    platform: string,
    runKey: string,
    seed: string,
    extra: Record<string, string>,
    expect: StepStatus[]
  ): Promise<{ sample: Sample; run: ActionRun }> {
    const { sample, run } = await this.leg(repository, platform, runKey, this.cpuInputs(seed, extra))
    const step = cpuStep(run.stdout)
    if (!expect.includes(step.status))
      throw new Error(
        `${runKey}: the CPU-bound step was ${step.status}, expected ${expect.join(' or ')}; the measurement would not be what it says:\n${run.stdout}`
      )
    return { sample: { ...sample, step: step.status, stepSeconds: step.seconds }, run }
  }

  async qemu(runs: number): Promise<Row[]> {
    const repository = this.repository('qemu')
    const platforms = ['linux/amd64', 'linux/arm64']
    const samples: Record<string, Sample[]> = { 'linux/amd64': [], 'linux/arm64': [] }
    // Warm-up, not counted: creates the repository and builds the steps before the loop (LOOPS=0).
    for (const platform of platforms)
      await this.leg(repository, platform, `qemuwarm${platform.split('/')[1]}`, {
        file: CPU_DOCKERFILE,
        'build-args': 'SEED=warm\nLOOPS=0'
      })
    for (let run = 1; run <= runs; run++) {
      for (const platform of run % 2 ? platforms : [...platforms].reverse()) {
        const seed = `${Date.now().toString(36)}${run}`
        const { sample } = await this.cpuLeg(repository, platform, `qemu${run}${platform.split('/')[1]}`, seed, {}, ['ran'])
        log(`qemu run ${run}: ${platform} leg ${seconds(sample.wallMs)} s, step ${sample.stepSeconds} s`)
        samples[platform].push(sample)
      }
    }
    await this.removeImages(repository)
    return platforms.map(p => ({ part: 'qemu' as const, name: p, samples: samples[p] }))
  }

  /** `docker buildx du --verbose`: every record as {id, description}. */
  private async records(): Promise<{ id: string; description: string }[]> {
    const out = await exec('docker', ['buildx', 'du', '--verbose'], this.dockerEnv)
    return out
      .split(/\n\s*\n/)
      .map(block => ({ id: /^ID:\s+(\S+)/m.exec(block)?.[1] ?? '', description: /^Description:\s+(.*)$/m.exec(block)?.[1] ?? '' }))
      .filter(r => r.id)
  }

  /**
   * Removes the local build cache of the CPU step of this SEED and nothing else: its
   * records (their description carries CPU_TOKEN) and those BuildKit re-created from its
   * layer ("imported <layer digest>"); one `prune --filter id=` per record, never an
   * unfiltered prune. Then the local images of the repository (only this bench's), so
   * that their layers are no longer at hand either.
   */
  private async pruneStep(repository: string, layer: string): Promise<number> {
    const mine = (await this.records()).filter(r => r.description.includes(CPU_TOKEN) || r.description === `imported ${layer}`)
    for (const { id } of mine) {
      if (!/^[a-z0-9]{16,}$/.test(id)) throw new Error(`refusing to prune build cache record "${id}"`)
      await exec('docker', ['buildx', 'prune', '--all', '--force', '--filter', `id=${id}`], this.dockerEnv)
    }
    const left = (await this.records()).filter(r => r.description.includes(CPU_TOKEN) || r.description === `imported ${layer}`)
    if (left.length)
      throw new Error(`build cache records of the CPU step are still there after the prune: ${left.map(r => r.id).join(', ')}`)
    await this.removeImages(repository)
    return mine.length
  }

  /** The local copies the docker driver keeps of what it pushed, for one bench repository. */
  async removeImages(repository: string): Promise<void> {
    const prefix = `${this.s.stack.registry}/${repository}`
    const out = await exec(
      'docker',
      ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${prefix}:*`],
      this.dockerEnv
    )
    const refs = out
      .split('\n')
      .map(l => l.trim())
      .filter(l => l.startsWith(`${prefix}:`) && !l.endsWith(':<none>'))
    if (refs.length) await exec('docker', ['image', 'rm', ...refs], this.dockerEnv).catch(() => '')
  }

  /** The top layer of a staged leg: the CPU step's, unique to its SEED. */
  private async topLayer(repository: string, stagingTag: string): Promise<string> {
    const index = await this.s.api.manifest(repository, stagingTag)
    const child = (index.json?.manifests as { digest: string; platform?: { architecture?: string } }[] | undefined)?.find(
      m => m.platform?.architecture === 'amd64'
    )
    const image = child ? await this.s.api.manifest(repository, child.digest) : index
    const layers = image.json?.layers as { digest: string }[] | undefined
    if (!layers?.length) throw new Error(`no layers in ${repository}:${stagingTag}`)
    return layers[layers.length - 1].digest
  }

  async cache(runs: number): Promise<Row[]> {
    const repository = this.repository('cache')
    const cold: Sample[] = []
    const first: Sample[] = []
    const registry: Sample[] = []
    const local: Sample[] = []
    await this.leg(repository, 'linux/amd64', 'cachewarm', { file: CPU_DOCKERFILE, 'build-args': 'SEED=warm\nLOOPS=0' })
    for (let run = 1; run <= runs; run++) {
      const stamp = `${Date.now().toString(36)}${run}`
      // (a) Nothing anywhere knows this SEED, and the leg neither imports nor exports a cache.
      cold.push((await this.cpuLeg(repository, 'linux/amd64', `cachenone${run}`, `none${stamp}`, { cache: 'none' }, ['ran'])).sample)
      // (b) The first build of a SEED with cache: ecr: the import misses, the step runs, the export fills the cache ref.
      const seed = `ecr${stamp}`
      const { sample, run: firstRun } = await this.cpuLeg(repository, 'linux/amd64', `cachefirst${run}`, seed, {}, ['ran'])
      first.push(sample)
      // (c) A builder that lost that step: its local records pruned, the registry cache still has it.
      const layer = await this.topLayer(repository, firstRun.outputs['staging-tag'])
      const pruned = await this.pruneStep(repository, layer)
      // Control, not timed: without the registry cache the pruned step runs again (a local miss).
      const control = await exec(
        'docker',
        [
          'buildx',
          'build',
          '--progress=plain',
          '--platform',
          'linux/amd64',
          '--file',
          CPU_DOCKERFILE,
          '--build-arg',
          `SEED=${seed}`,
          '--build-arg',
          `LOOPS=${this.loops}`,
          '--output',
          'type=cacheonly',
          '--',
          this.s.context
        ],
        this.dockerEnv
      )
      const status = cpuStep(control).status
      if (status !== 'ran')
        throw new Error(
          `after pruning ${pruned} records, a build without the registry cache still found the step (${status}): the local cache was not cleared`
        )
      await this.pruneStep(repository, layer)
      if (run === 1) {
        this.notes.push(
          `control (every run, not timed): once the step's local records were pruned (${pruned} in run 1, all this bench's: the CPU steps of every SEED so far), a build of the same SEED without --cache-from ran the step again; the records were pruned once more before (c). So in (c) the step's cache key came from the registry cache. Step "registry": BuildKit fetched its layer from the cache ref; "cached": BuildKit found a layer for that key locally and fetched nothing (most likely the engine's content store still held it: containerd removes content lazily).`
        )
      }
      registry.push((await this.cpuLeg(repository, 'linux/amd64', `cacheecr${run}`, seed, {}, ['registry', 'cached'])).sample)
      // (d) The same once more, the local cache warm again: the everyday rebuild.
      local.push((await this.cpuLeg(repository, 'linux/amd64', `cachelocal${run}`, seed, {}, ['cached'])).sample)
      log(
        `cache run ${run}: none ${seconds(cold.at(-1)!.wallMs)} s, ecr first ${seconds(first.at(-1)!.wallMs)} s, ecr after prune ${seconds(registry.at(-1)!.wallMs)} s (${registry.at(-1)!.step}), ecr warm ${seconds(local.at(-1)!.wallMs)} s`
      )
    }
    await this.removeImages(repository)
    return [
      { part: 'cache', name: 'none', samples: cold },
      { part: 'cache', name: 'first', samples: first },
      { part: 'cache', name: 'registry', samples: registry },
      { part: 'cache', name: 'local', samples: local }
    ]
  }

  close(): void {
    rmSync(this.configDir, { recursive: true, force: true })
  }
}

const log = (s: string) => process.stderr.write(`bench: ${s}\n`)

function tables(rows: Row[], loops: number): string[] {
  const of = (part: Part, name: string) => rows.find(r => r.part === part && r.name === name)?.samples ?? []
  const wall = (xs: Sample[]) =>
    spread(
      xs.map(s => s.wallMs / 1000),
      2
    )
  const step = (xs: Sample[]) => {
    const ran = xs.filter(s => s.stepSeconds !== undefined).map(s => s.stepSeconds!)
    return ran.length ? spread(ran, 1) : '-'
  }
  const out: string[] = []

  const leg = of('overhead', 'leg')
  const hand = of('overhead', 'hand')
  if (leg.length && hand.length) {
    const pairs = leg.map((s, i) => (s.wallMs - (hand[i]?.wallMs ?? NaN)) / 1000).filter(Number.isFinite)
    const inside = leg.filter(s => s.buildxSeconds !== undefined).map(s => s.wallMs / 1000 - s.buildxSeconds!)
    out.push(
      "## 1. The action's overhead in a build leg",
      '',
      'linux/amd64, the busybox fixture, warm local and registry cache on both sides. The leg step: `node dist/main/index.js` (runner start-up, Docker checks, ECR login, DescribeRepositories, buildx, staging, outputs; not the post step). By hand: the same `docker buildx build` argument list (buildxArgs: platform, label, build arg, provenance, cache-from/cache-to on the same cache ref, metadata file, --push) to another tag, already logged in. Goal of the issue: overhead under 1 s.',
      '',
      '| what | median s (range) |',
      '|---|---|',
      `| leg step, wall | ${wall(leg)} |`,
      `| docker buildx build by hand, wall | ${wall(hand)} |`,
      `| **overhead: leg - by hand** (median of the paired runs) | **${spread(pairs, 2)}** |`,
      `| buildx inside the step (the action's own timing, 0.1 s steps) | ${spread(leg.map(s => s.buildxSeconds ?? NaN).filter(Number.isFinite), 1)} |`,
      `| overhead inside the step: leg wall - its own buildx | ${inside.length ? spread(inside, 2) : '-'} |`,
      ''
    )
  }

  const amd = of('qemu', 'linux/amd64')
  const arm = of('qemu', 'linux/arm64')
  if (amd.length && arm.length) {
    const ratio = (f: (s: Sample) => number) => (median(arm.map(f)) / median(amd.map(f))).toFixed(1)
    out.push(
      '## 2. CPU-bound step: native vs QEMU',
      '',
      `testing/fixtures/cpu: busybox-static counts to ${loops} in a shell loop; a new SEED each run, so the step runs and the steps before it are cached. cache: ecr (the default) both. step: the loop step's own time as BuildKit reports it.`,
      '',
      '| leg | median leg wall s (range) | median step s (range) | step |',
      '|---|---|---|---|',
      `| linux/amd64, native | ${wall(amd)} | ${step(amd)} | ${statuses(amd)} |`,
      `| linux/arm64, QEMU | ${wall(arm)} | ${step(arm)} | ${statuses(arm)} |`,
      `| **ratio arm64 / amd64** | **${ratio(s => s.wallMs)}x** | **${ratio(s => s.stepSeconds ?? NaN)}x** | |`,
      ''
    )
  }

  const none = of('cache', 'none')
  const first = of('cache', 'first')
  const registry = of('cache', 'registry')
  const local = of('cache', 'local')
  if (none.length && registry.length) {
    const ratio = (a: Sample[], b: Sample[]) => (median(a.map(s => s.wallMs)) / median(b.map(s => s.wallMs))).toFixed(1)
    out.push(
      '## 3. Rebuild with the ECR registry cache vs without',
      '',
      `The same fixture on linux/amd64. (c) is a builder that lost the step: its build cache records (and the local images of this bench repository) are removed by record id between (b) and (c), so only the registry cache ref knows the step; the engine's shared build cache is not pruned.`,
      '',
      '| case | median leg wall s (range) | the CPU step |',
      '|---|---|---|',
      `| (a) cache: none, a new SEED (nothing cached anywhere) | ${wall(none)} | ${statuses(none)}; ${step(none)} s |`,
      `| (b) cache: ecr, a new SEED (import misses, step runs, export) | ${wall(first)} | ${statuses(first)}; ${step(first)} s |`,
      `| **(c) cache: ecr, same SEED, local records pruned: the registry cache hits** | **${wall(registry)}** | ${statuses(registry)} |`,
      `| (d) cache: ecr, same SEED again, local cache warm | ${wall(local)} | ${statuses(local)} |`,
      `| **speed-up (a) / (c)**: no cache vs registry cache | **${ratio(none, registry)}x** | |`,
      `| (b) / (c): first build vs registry-cached rebuild | ${ratio(first, registry)}x | |`,
      ''
    )
  }
  return out
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const load = loadavg()
    .map(l => l.toFixed(2))
    .join(' ')
  const s = await startScenario()
  const bench = new Bench(s, args.loops)
  const rows: Row[] = []
  let versions: string
  const started = performance.now()
  try {
    versions =
      (await exec('docker', ['version', '--format', 'Docker {{.Server.Version}}'], process.env)).trim() +
      ', ' +
      (await exec('docker', ['buildx', 'version'], process.env)).trim()
    if (args.parts.includes('overhead')) rows.push(...(await bench.overhead(args.runs)))
    if (args.parts.includes('qemu')) rows.push(...(await bench.qemu(args.runs)))
    if (args.parts.includes('cache')) rows.push(...(await bench.cache(args.runs)))
  } finally {
    bench.close()
    rmSync(s.context, { recursive: true, force: true })
    await s.close()
  }
  const markdown = [
    '# Build benchmark',
    '',
    `${new Date().toISOString()}; median of ${args.runs} runs (range in parentheses); ${versions}; docker driver; ${cpus().length} CPUs, load average ${load} at the start, ${((performance.now() - started) / 1000).toFixed(0)} s in all. Registry ${s.stack.registry} with the ECR API emulator; wall times include everything the step or command does. Other work on the machine (tests) adds noise: compare within one run.`,
    '',
    ...tables(rows, args.loops),
    ...bench.notes.flatMap(n => [`Note: ${n}`, '']),
    ...(args.parts.includes('cache')
      ? [
          "Note: no `docker buildx prune` without a filter: the build cache is the engine's, shared with any other build on this machine. The bench removes only its own step's records by id (`docker buildx prune --all --force --filter id=<id>`), and its own repositories' local images."
        ]
      : []),
    ''
  ].join('\n')

  const out = join(projectRoot, '.bench')
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'build.md'), markdown)
  writeFileSync(join(out, 'build.json'), JSON.stringify(rows, null, 2))
  process.stdout.write(markdown)
}

main().catch(err => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
