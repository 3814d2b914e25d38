// The builder a leg runs on: what the chosen buildx builder can do, and, when it is the
// `docker` driver on the classic image store (a stock GitHub-hosted runner), a
// docker-container builder for this job, created as docker/setup-buildx-action does.
// Commands inherit the environment, so DOCKER_HOST and DOCKER_CONFIG apply as they are.
import { randomBytes } from 'node:crypto'
import type { Logger } from '../util/logger.js'
import { docker, lastLine } from './cli.js'
import { errorLines } from './diagnosis.js'

/** The image docker/setup-buildx-action runs BuildKit from. */
export const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1'

export interface BuilderInfo {
  name: string
  driver: string
  /** The daemon keeps images in containerd (`docker info`: driver-type io.containerd.snapshotter.v1). */
  containerdStore: boolean
  buildxVersion: string
}

export type BuilderKind = 'named' | 'current' | 'created' | 'fallback'

export interface BuilderChoice {
  kind: BuilderKind
  /** `--builder` for buildx; undefined builds on the current builder. */
  name?: string
  /** A builder this job created: the post step removes it. */
  created?: string
  /** It exports registry cache and attestations. When false: inline cache, no attestations. */
  full: boolean
  /** Which builder, and why: one line for the summary. */
  description: string
  /** What was lost and how to get it back, said once as a warning and in the summary. */
  warning?: string
}

export interface BuilderOptions {
  /** The `builder` input: used as it is, never removed. */
  named?: string
  /** `auto`: create a builder when the current one cannot do what a leg needs. `false`: never. */
  create: 'auto' | 'false'
  buildkitImage: string
  /** `docker buildx version`'s line. */
  buildxVersion: string
  logger: Logger
  /** Called as soon as a builder exists that the post step must remove. */
  onCreated?: (name: string) => void
  /** The new builder's name (tests fix it). */
  newName?: () => string
}

/** The driver and name of a builder (the current one when `name` is undefined), and the daemon's image store. */
export async function inspectBuilder(name: string | undefined, buildxVersion: string): Promise<BuilderInfo> {
  const inspected = await docker(['buildx', 'inspect', ...(name ? [name] : [])], { silent: true })
  if (inspected.exitCode !== 0) {
    const what = name ? `input builder: buildx builder "${name}" is not available` : 'the current buildx builder cannot be inspected'
    throw new Error(`${what}: ${lastLine(inspected.stderr)} (create it with docker buildx create, or docker/setup-buildx-action)`)
  }
  const field = (key: string) =>
    inspected.stdout
      .split('\n')
      .find(line => line.startsWith(`${key}:`))
      ?.slice(key.length + 1)
      .trim() ?? ''
  const info = await docker(['info', '--format', '{{json .DriverStatus}}'], { silent: true })
  return {
    name: field('Name') || (name ?? 'default'),
    driver: field('Driver') || 'unknown',
    containerdStore: info.exitCode === 0 && usesContainerdStore(info.stdout),
    buildxVersion: parseBuildxVersion(buildxVersion)
  }
}

/** `docker info`'s DriverStatus (JSON pairs) names the containerd snapshotter when the store is containerd. */
export function usesContainerdStore(driverStatusJson: string): boolean {
  try {
    const pairs = JSON.parse(driverStatusJson.trim()) as unknown
    return Array.isArray(pairs) && pairs.some(p => Array.isArray(p) && p[0] === 'driver-type' && p[1] === 'io.containerd.snapshotter.v1')
  } catch {
    return false
  }
}

/** `github.com/docker/buildx v0.17.1 257815a` -> `0.17.1`. */
export function parseBuildxVersion(line: string): string {
  return /\bv?(\d+\.\d+\.\d+\S*)/.exec(line)?.[1] ?? 'unknown'
}

/** The docker driver exports neither registry cache nor attestations unless images live in containerd. */
export function isLimited(info: BuilderInfo): boolean {
  return info.driver === 'docker' && !info.containerdStore
}

/** `docker buildx create` for this job: BuildKit in a container, host networking, the host's QEMU. */
export function createArgs(name: string, image: string): string[] {
  return [
    'buildx',
    'create',
    '--name',
    name,
    '--driver',
    'docker-container',
    '--driver-opt',
    `image=${image}`,
    // Registries on the runner's own network (and its /etc/hosts) are reached as from the host.
    '--driver-opt',
    'network=host',
    '--bootstrap'
  ]
}

const LIMITED = 'the docker driver on the classic image store cannot export registry cache or attestations'

export async function chooseBuilder(options: BuilderOptions): Promise<BuilderChoice> {
  const info = await inspectBuilder(options.named, options.buildxVersion)
  const about = `${info.name} (${info.driver} driver, buildx ${info.buildxVersion})`
  const limited = isLimited(info)
  if (options.named) {
    if (!limited) return { kind: 'named', name: options.named, full: true, description: `${about}: named by the builder input` }
    return fallback('named', options.named, `${about}: named by the builder input; ${LIMITED}`, 'the builder input names it')
  }
  if (!limited) {
    const why = info.driver === 'docker' ? 'the current builder; the daemon uses the containerd image store' : 'the current builder'
    return { kind: 'current', full: true, description: `${about}: ${why}` }
  }
  if (options.create === 'false')
    return fallback('current', undefined, `${about}: create-builder is false; ${LIMITED}`, 'create-builder is false')

  const name = options.newName?.() ?? `ecr-publish-${randomBytes(4).toString('hex')}`
  options.logger.info(`${LIMITED}: creating the docker-container builder ${name} from ${options.buildkitImage}`)
  const created = await docker(createArgs(name, options.buildkitImage), { silent: true })
  if (created.exitCode === 0) {
    options.onCreated?.(name)
    return {
      kind: 'created',
      name,
      created: name,
      full: true,
      description: `${name} (docker-container driver, ${options.buildkitImage}): created for this job, as ${LIMITED}`
    }
  }
  // A failed bootstrap leaves the builder's entry behind: remove it now, or let the post step try.
  const reason = errorLines(created.stderr + '\n' + created.stdout).join('; ') || lastLine(created.stderr) || `exit ${created.exitCode}`
  const removed = await removeBuilder(name)
  if (!removed.ok) options.onCreated?.(name)
  return fallback(
    'fallback',
    undefined,
    `${about}: the docker-container builder could not be created (see the warning)`,
    `the docker-container builder could not be created from ${options.buildkitImage}: ${reason}`
  )
}

function fallback(kind: BuilderKind, name: string | undefined, description: string, why: string): BuilderChoice {
  return {
    kind,
    name,
    full: false,
    description: `${description}; built with inline cache and without attestations`,
    warning:
      `Building with the docker driver on the classic image store (${why}). Lost: the registry cache export (inline cache in the image instead; ` +
      'the registry cache is still read) and provenance attestations. To get them back: add docker/setup-buildx-action before this step, ' +
      'or enable the containerd image store in the daemon, or set buildkit-image to a BuildKit image the runner can pull (e.g. a mirror in ECR).'
  }
}

/** `docker buildx rm`: removes the builder, its container and its state volume. */
export async function removeBuilder(name: string): Promise<{ ok: boolean; detail: string }> {
  const removed = await docker(['buildx', 'rm', name], { silent: true })
  return { ok: removed.exitCode === 0, detail: removed.exitCode === 0 ? '' : lastLine(removed.stderr) || `exit ${removed.exitCode}` }
}
