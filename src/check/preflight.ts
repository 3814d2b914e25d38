// The build leg's pre-flight: every external image the target needs, checked for the
// platform it will be pulled for, before `docker buildx build` spends minutes finding out.
// A missing platform is an error; a check that cannot run is a warning, and the build goes on.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { formatPlatform, parsePlatform, platformsMatch } from '../oci/platform.js'
import type { Platform } from '../oci/types.js'
import type { Logger } from '../util/logger.js'
import { automaticArgs, frontendImage, readDockerfile, type BaseImage } from './dockerfile.js'
import type { PlatformLookup } from './platforms.js'

export interface PreflightInput {
  /** The Dockerfile's text, and the name messages give it (Dockerfile, docker/app.Dockerfile). */
  dockerfile: string
  fileName: string
  target?: string
  buildArgs: Record<string, string>
  /** The leg's platforms. */
  platforms: Platform[]
  /** Where the build runs: $BUILDPLATFORM. */
  runner: Platform
}

export interface PreflightResult {
  /** One line per image and platform it lacks; the leg fails on any. */
  missing: string[]
  /** Checks that could not run. */
  warnings: string[]
  /** Distinct images whose platforms were read. */
  checked: number
}

export class PreflightError extends Error {
  constructor(readonly missing: string[]) {
    super(missing.length === 1 ? missing[0] : `base images lack the leg's platforms:\n${missing.join('\n')}`)
    this.name = 'PreflightError'
  }
}

export async function preflight(input: PreflightInput, lookup: PlatformLookup): Promise<PreflightResult> {
  const result: PreflightResult = { missing: [], warnings: [], checked: 0 }
  const build = formatPlatform(input.runner)
  // What to check: each image, for each platform it is pulled for (a $BUILDPLATFORM stage: the runner's).
  const wanted = new Map<string, { image: BaseImage; platform: Platform }>()
  for (const platform of input.platforms) {
    const reading = readDockerfile(input.dockerfile, {
      target: input.target,
      buildArgs: input.buildArgs,
      automatic: automaticArgs(formatPlatform(platform), build)
    })
    if (!reading.ok) {
      result.warnings.push(`pre-flight: cannot read ${input.fileName}: ${reading.reason}; building without the check`)
      return result
    }
    for (const image of reading.images) {
      let pulledFor = platform
      if (image.platform !== undefined) {
        try {
          pulledFor = parsePlatform(image.platform)
        } catch {
          result.warnings.push(`pre-flight: ${where(image, input.fileName)}: --platform=${image.platform} is not a platform; not checked`)
          continue
        }
      }
      wanted.set(`${image.image}\u0000${formatPlatform(pulledFor)}`, { image, platform: pulledFor })
    }
  }
  const frontend = frontendImage(input.dockerfile, input.buildArgs)
  const [answers, frontendWarning] = await Promise.all([
    Promise.all([...wanted.values()].map(async w => ({ ...w, answer: await lookup.platforms(w.image.image) }))),
    frontend ? checkFrontend(frontend, input, lookup) : undefined
  ])
  if (frontendWarning) result.warnings.push(frontendWarning)
  const unknown = new Set<string>()
  for (const { image, platform, answer } of answers) {
    if (!answer.ok) {
      if (!unknown.has(image.image))
        result.warnings.push(`pre-flight: cannot check ${where(image, input.fileName)}: ${answer.reason}; building anyway`)
      unknown.add(image.image)
    } else if (!answer.platforms.some(p => platformsMatch(platform, p))) {
      const has = answer.platforms.map(formatPlatform).join(', ')
      const runs = image.buildPlatform ? ` (its stage runs on $BUILDPLATFORM, this runner's platform)` : ''
      result.missing.push(`${where(image, input.fileName)} has no ${formatPlatform(platform)}${runs}: it has ${has}`)
    }
  }
  result.checked = new Set(answers.filter(a => a.answer.ok).map(a => a.image.image)).size
  return result
}

/**
 * The `# syntax=` frontend runs on the build platform (the runner), whatever the target: one
 * without it is emulated or fails. Only ever a warning: BuildKit may have it cached, or pull it through a mirror.
 */
async function checkFrontend(
  frontend: { image: string; line: number },
  input: PreflightInput,
  lookup: PlatformLookup
): Promise<string | undefined> {
  const named =
    frontend.line === 0 ? `build-arg BUILDKIT_SYNTAX=${frontend.image}` : `# syntax=${frontend.image} (${input.fileName}:${frontend.line})`
  const answer = await lookup.platforms(frontend.image)
  if (!answer.ok) return `pre-flight: cannot check the frontend ${named}: ${answer.reason}; building anyway`
  if (answer.platforms.some(p => platformsMatch(input.runner, p))) return undefined
  return `pre-flight: the frontend ${named} has no ${formatPlatform(input.runner)}, the build platform it runs on: it has ${answer.platforms.map(formatPlatform).join(', ')}; the build may fail or run it under emulation`
}

function where(image: BaseImage, fileName: string): string {
  const named = image.instruction === 'FROM' ? `FROM ${image.image}` : `${image.instruction}=${image.image}`
  return `${named} (${fileName}:${image.line})`
}

/**
 * The Dockerfile buildx will read: `file` (relative to the working directory, as buildx
 * takes -f), else Dockerfile in the context. Undefined when it is not a local file.
 */
export function dockerfilePath(context: string, file: string | undefined): string | undefined {
  if (file === '-') return undefined
  if (file) return file
  if (context === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@')) return undefined
  return join(context, 'Dockerfile')
}

/** Reads the leg's Dockerfile and runs the pre-flight; throws PreflightError when a platform is missing. */
export async function preflightLeg(
  options: { context: string; file?: string; target?: string; buildArgs: Record<string, string>; platforms: Platform[]; runner: Platform },
  lookup: PlatformLookup,
  logger: Logger
): Promise<void> {
  const path = dockerfilePath(options.context, options.file)
  if (path === undefined) {
    logger.info('pre-flight: the Dockerfile is not a local file; not checked')
    return
  }
  let dockerfile: string
  try {
    dockerfile = await readFile(path, 'utf8')
  } catch (err) {
    logger.warning(`pre-flight: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}; building without the check`)
    return
  }
  const fileName = options.file ?? 'Dockerfile'
  const started = Date.now()
  const result = await preflight({ ...options, dockerfile, fileName }, lookup)
  for (const warning of result.warnings) logger.warning(warning)
  if (result.missing.length > 0) throw new PreflightError(result.missing)
  // The check's cost, for the log: it should stay a second or two.
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  logger.info(`pre-flight: ${result.checked} base image(s) checked for ${options.platforms.map(formatPlatform).join(', ')} in ${seconds} s`)
}
