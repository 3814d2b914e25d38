// `docker buildx build`: the argument array, the run, and what it reports back.
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatPlatform } from '../oci/platform.js'
import type { Platform } from '../oci/types.js'
import { buildOptionArgs, secretFileArgs, secretFileLink, type BuildOptions } from './build-options.js'
import { docker, DockerCommandError } from './cli.js'
import { diagnose } from './diagnosis.js'

export interface BuildxPlan {
  builder?: string
  context: string
  file?: string
  target?: string
  platforms: Platform[]
  buildArgs: Record<string, string>
  labels: Record<string, string>
  /** Secret ids; their values travel in the environment (see secretEnv). */
  secretIds: string[]
  /** true (mode=min), false, or buildx's provenance attributes (mode=max,...). */
  provenance: boolean | string
  /** Full references to push to. */
  tags: string[]
  push: boolean
  /** ECR cache refs to import, in order (the branch's, then the default branch's). */
  cacheFrom?: string[]
  cacheTo?: string
  /** Cache metadata inside the pushed image (`--cache-to type=inline`): the docker driver's only cache export. */
  inlineCache?: boolean
  /** build-push-action's other options (none when absent). */
  options?: BuildOptions
}

export interface BuildxResult {
  /** What the pushed tag points to (an index with provenance, else the image manifest). */
  digest?: string
  cachedSteps: number
  /** The registry cache ref was found and imported (false when there was none yet, or no cache-from). */
  cacheImported: boolean
  /** The first cache ref that was found and imported. */
  cacheImportedRef?: string
  seconds: number
}

/** The environment variable that carries a build secret's value to buildx. */
export function secretEnvName(index: number): string {
  return `ECR_PUBLISH_SECRET_${index}`
}

/** `secretDir`: where runBuildx linked the secret files (see secretFileArgs). */
export function buildxArgs(plan: BuildxPlan, metadataFile: string, secretDir = '.'): string[] {
  const args = ['buildx', 'build', '--progress=plain']
  if (plan.builder) args.push('--builder', plan.builder)
  args.push('--platform', plan.platforms.map(formatPlatform).join(','))
  if (plan.file) args.push('--file', plan.file)
  if (plan.target) args.push('--target', plan.target)
  for (const [key, value] of Object.entries(plan.buildArgs)) args.push('--build-arg', `${key}=${value}`)
  for (const [key, value] of Object.entries(plan.labels)) args.push('--label', `${key}=${value}`)
  plan.secretIds.forEach((id, i) => args.push('--secret', `id=${id},env=${secretEnvName(i)}`))
  if (plan.options) args.push(...secretFileArgs(plan.options.secretFiles, secretDir))
  args.push(`--provenance=${plan.provenance === true ? 'mode=min' : plan.provenance === false ? 'false' : plan.provenance}`)
  if (plan.options) args.push(...buildOptionArgs(plan.options))
  for (const tag of plan.tags) args.push('--tag', tag)
  for (const ref of plan.cacheFrom ?? []) args.push('--cache-from', `type=registry,ref=${ref}`)
  for (const spec of plan.options?.cacheFrom ?? []) args.push('--cache-from', spec)
  // The only registry-cache form ECR accepts: an OCI image manifest, not a cache index.
  if (plan.cacheTo) args.push('--cache-to', `type=registry,ref=${plan.cacheTo},mode=max,image-manifest=true,oci-mediatypes=true`)
  else if (plan.inlineCache) args.push('--cache-to', 'type=inline')
  for (const spec of plan.options?.cacheTo ?? []) args.push('--cache-to', spec)
  args.push('--metadata-file', metadataFile)
  if (plan.push) args.push('--push')
  // `--` ends the flags: a context path that starts with '-' stays a path.
  args.push('--', plan.context)
  return args
}

export async function runBuildx(plan: BuildxPlan, secretValues: string[], onLine?: (line: string) => void): Promise<BuildxResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ecr-publish-'))
  const metadataFile = join(dir, 'metadata.json')
  const env = Object.fromEntries(secretValues.map((value, i) => [secretEnvName(i), value]))
  const started = Date.now()
  try {
    plan.options?.secretFiles.forEach((s, i) => symlinkSync(s.path, secretFileLink(dir, i)))
    const result = await docker(buildxArgs(plan, metadataFile, dir), { env, onLine })
    const seconds = (Date.now() - started) / 1000
    if (result.exitCode !== 0) {
      const unsupported = unsupportedOption(result.stderr)
      if (unsupported) throw new BuildxError(result.exitCode, unsupported)
      const { detail, hint } = diagnose(result.stderr)
      throw new BuildxError(result.exitCode, detail, hint)
    }
    const metadata = readMetadata(metadataFile)
    return {
      digest: metadata['containerimage.digest'],
      cachedSteps: countCachedSteps(result.stderr),
      cacheImported: cacheImported(result.stderr),
      // BuildKit imports concurrently: the preferred ref is the first of cacheFrom that was imported.
      cacheImportedRef: preferredRef(plan.cacheFrom ?? [], importedCacheRefs(result.stderr)),
      seconds
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A failed `docker buildx build`: a failed RUN step is never transient, whatever its output says. */
export class BuildxError extends DockerCommandError {
  constructor(
    exitCode: number,
    detail: string,
    /** One line of cause and fix, when the failure is a common one. */
    readonly hint?: string
  ) {
    super('docker buildx build', detail, exitCode)
    this.name = 'BuildxError'
    if (hint) this.message += `\n${hint}`
  }

  /** The build was done, the push met a transient registry error: building again is cheap (cached) and safe. */
  override get transient(): boolean {
    // A RUN step that failed is the build's own failure, whatever its command line says.
    return super.transient && !/did not complete successfully/.test(this.detail)
  }
}

/** An option this buildx does not know: which input needs what, instead of buildx's bare "unknown flag". */
export function unsupportedOption(stderr: string): string | undefined {
  const flag = /unknown flag: (--[a-z-]+)/.exec(stderr)?.[1]
  if (!flag) return undefined
  const needs: Record<string, string> = { '--call': 'call (check, outline, targets) needs buildx 0.15 or newer' }
  return `${needs[flag] ?? `the input behind ${flag} needs a newer buildx`}: this runner's buildx does not know ${flag} (see docker buildx version; docker/setup-buildx-action installs a current one)`
}

function readMetadata(file: string): Record<string, string | undefined> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string | undefined>
  } catch {
    return {}
  }
}

/** BuildKit found a cache-from ref: an `importing cache manifest` step that did not fail. */
export function cacheImported(progress: string): boolean {
  return importedCacheRefs(progress).length > 0
}

function preferredRef(order: string[], imported: string[]): string | undefined {
  return order.find(ref => imported.includes(ref)) ?? imported[0]
}

/** The cache-from refs BuildKit imported (their `importing cache manifest from <ref>` steps did not fail). */
export function importedCacheRefs(progress: string): string[] {
  const lines = progress.split('\n').map(line => line.trim())
  const steps = lines.flatMap(line => {
    const match = /^(#\d+) importing cache manifest from (\S+)/.exec(line)
    return match ? [{ step: match[1], ref: match[2] }] : []
  })
  return steps.filter(({ step }) => !lines.some(line => line.startsWith(`${step} ERROR`))).map(({ ref }) => ref)
}

/** Steps BuildKit answered from cache, read from the plain progress output. */
export function countCachedSteps(progress: string): number {
  return progress.split('\n').filter(line => /^#\d+ CACHED\s*$/.test(line.trim())).length
}
