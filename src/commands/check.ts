// mode: check: every image the deployment files run, checked for the platforms asked for
// (a Graviton migration: linux/amd64 and linux/arm64) through the one registry client.
// Nothing is built, pushed or staged. ECR images use the ECR login; others go anonymous,
// or with username/password for the `registry` host.
import { resolve } from 'node:path'
import { expandManifests } from '../check/globs.js'
import { canonicalImage, registryOf } from '../check/images.js'
import type { CheckConfig, FailOn } from '../check/inputs.js'
import { readManifestFile, type FileReading } from '../check/manifests.js'
import { PlatformLookup } from '../check/platforms.js'
import { judge, workloadAdvice, type ImageReport, type WorkloadAdvice } from '../check/report.js'
import { describeUse, type ImageUse } from '../check/uses.js'
import { parseEcrHost, resolveRegistryInput } from '../ecr/registry-host.js'
import { formatPlatform } from '../oci/platform.js'
import { RegistryClient } from '../registry/client.js'
import type { Logger } from '../util/logger.js'
import { openSession, type RegistrySession, type SessionOptions } from './session.js'

export type { CheckConfig }

export interface CheckResult {
  platforms: string[]
  files: string[]
  /** Each distinct image once: missing first, then unknown, then ready. */
  images: ImageReport[]
  /** Files (or documents) that could not be read: their images are not all checked. */
  problems: string[]
  advice: WorkloadAdvice[]
  /** Every image has every platform, and every file was read: nothing missing, nothing unknown. */
  ready: boolean
  failOn: FailOn
  /** Why the step fails (fail-on: missing, and an image lacks a platform). */
  failure?: string
}

export interface CheckOptions {
  logger: Logger
  maskSecret: (secret: string) => void
  /** Where relative paths and globs start (the workspace). */
  cwd?: string
  /** Registry lookups in flight at once. */
  concurrency?: number
  /** Opens a registry session (tests may give their own). */
  openSession?: (options: SessionOptions) => Promise<RegistrySession>
  /** The client for a registry read without a login (tests may give their own). */
  anonymousClient?: (registry: string) => RegistryClient
}

/** Files read at once. */
const READ_CONCURRENCY = 8
const ORDER: Record<ImageReport['verdict'], number> = { missing: 0, unknown: 1, ready: 2 }

export async function checkDeployments(config: CheckConfig, options: CheckOptions): Promise<CheckResult> {
  const { logger } = options
  const cwd = options.cwd ?? process.cwd()
  const files = await expandManifests(config.manifests, cwd)
  logger.info(`check: ${files.length} file(s) for ${config.platforms.map(formatPlatform).join(', ')}`)
  const readings = await mapLimit(files, READ_CONCURRENCY, file => readManifestFile(resolve(cwd, file), file))
  const problems: string[] = []
  const uses: ImageUse[] = []
  for (const reading of readings) {
    report(reading, logger)
    problems.push(...reading.problems)
    uses.push(...reading.uses)
  }
  if (uses.length === 0) logger.warning(`check: the files name no container image (${files.length} file(s) read)`)

  // Distinct images, each resolved once; images the file cannot tell are unknown, with why.
  const byImage = new Map<string, ImageUse[]>()
  const unresolvable = new Map<string, { reason: string; uses: ImageUse[] }>()
  for (const use of uses) {
    const name = canonicalImage(use.image)
    if (name.ok) {
      const list = byImage.get(name.canonical) ?? []
      list.push(use)
      byImage.set(name.canonical, list)
    } else {
      const entry = unresolvable.get(use.image) ?? { reason: name.reason, uses: [] }
      entry.uses.push(use)
      unresolvable.set(use.image, entry)
    }
  }
  const lookup = await platformLookup(config, options, [...byImage.keys()].map(registryOf))
  const answers = await Promise.all(
    [...byImage].map(async ([image, imageUses]) => judge(image, imageUses, await lookup.platforms(image), config.platforms))
  )
  const images = [
    ...answers,
    ...[...unresolvable].map(([written, { reason, uses }]) => judge(written, uses, { ok: false, reason }, config.platforms))
  ]
  images.sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || a.image.localeCompare(b.image))
  for (const image of images) logger.info(`check: ${image.verdict.padEnd(7)} ${image.image}: ${verdictText(image)}`)

  const missing = images.filter(i => i.verdict === 'missing')
  const unknown = images.filter(i => i.verdict === 'unknown')
  const ready = missing.length === 0 && unknown.length === 0 && problems.length === 0
  logger.info(
    `check: ${images.length} image(s): ${images.length - missing.length - unknown.length} ready, ${missing.length} missing a platform, ${unknown.length} unknown` +
      (problems.length > 0 ? `; ${problems.length} file problem(s)` : '')
  )
  const failure =
    config.failOn === 'missing' && missing.length > 0
      ? `${missing.length} image(s) lack a platform the deployments need:\n${missing.map(i => `${i.image} has no ${i.missing.join(', ')}: it has ${i.has.join(', ')} (${describeUse(i.lacking[0].use)})`).join('\n')}`
      : undefined
  return {
    platforms: config.platforms.map(formatPlatform),
    files,
    images,
    problems,
    advice: workloadAdvice(images, config.platforms),
    ready,
    failOn: config.failOn,
    failure
  }
}

/** "linux/amd64, linux/arm64", "has no linux/arm64: it has linux/amd64", or why it is unknown. */
export function verdictText(image: ImageReport): string {
  if (image.verdict === 'unknown') return image.reason ?? 'not read'
  if (image.verdict === 'missing') return `has no ${image.missing.join(', ')}: it has ${image.has.join(', ')}`
  return image.has.join(', ')
}

function report(reading: FileReading, logger: Logger): void {
  for (const note of reading.notes) logger[note.level](`check: ${note.message}`)
  for (const problem of reading.problems) logger.warning(`check: ${problem}`)
}

/**
 * Clients by registry: the `registry` input's session (ECR by default, when a region is
 * known; username/password for another host), a login of its own for each other ECR host,
 * anonymous (with Bearer challenges) for the rest. A login that fails makes that registry's images unknown.
 */
async function platformLookup(config: CheckConfig, options: CheckOptions, hosts: string[]): Promise<PlatformLookup> {
  const { logger, maskSecret } = options
  const open = options.openSession ?? openSession
  const target = resolveRegistryInput(config.registry, config.region)
  const clients: Record<string, RegistryClient> = {}
  const wantsDefault = target.kind === 'ecr-default' && config.region !== undefined
  if (target.kind !== 'ecr-default' || wantsDefault) {
    try {
      const session = await open({ ...config, logger, maskSecret })
      clients[session.registry] = session.client
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err)
      logger.warning(
        `check: cannot log in to ${target.kind === 'ecr-default' ? 'ECR' : target.host}: ${why}; its images are reported unknown`
      )
    }
  } else if (hosts.some(host => parseEcrHost(host) !== undefined)) {
    logger.debug('check: no region set: each ECR host is logged in to in its own region')
  }
  return new PlatformLookup({
    logger,
    clients,
    concurrency: options.concurrency ?? 8,
    clientFor: async registry => {
      // Another ECR registry (another account or region): its own ECR login.
      if (parseEcrHost(registry) !== undefined) return (await open({ registry, logger, maskSecret })).client
      return options.anonymousClient?.(registry) ?? new RegistryClient({ registry, logger, retry: { attempts: 2 } })
    }
  })
}

/** `fn` over `items`, `limit` at a time, results in order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
