// Which platforms an image has, asked of its registry through the one registry client:
// an index lists them; a single manifest's config names its one platform. Docker Hub short
// names (python:3.12) mean registry-1.docker.io/library/python. Answers are cached per run.
import { MAX_CONFIG_BYTES } from '../oci/digest.js'
import { isAttestation, parseManifest } from '../oci/manifest.js'
import { formatPlatform, platformFromConfig } from '../oci/platform.js'
import { parseReference } from '../oci/reference.js'
import type { ImageConfig, Platform } from '../oci/types.js'
import { RegistryClient } from '../registry/client.js'
import { silentLogger, type Logger } from '../util/logger.js'

export type PlatformAnswer = { ok: true; platforms: Platform[] } | { ok: false; reason: string }

export interface ImageLocation {
  registry: string
  repository: string
  /** Tag or digest. */
  reference: string
}

const dockerHub = 'registry-1.docker.io'
/** Image configs are small; anything larger is not one. */

/** Where an image as a Dockerfile names it lives: the defaults docker applies (Docker Hub, library/, latest). */
export function locateImage(image: string): ImageLocation {
  const slash = image.indexOf('/')
  const first = slash === -1 ? '' : image.slice(0, slash)
  const hasHost = first.includes('.') || first.includes(':') || first === 'localhost'
  let host = hasHost ? first : 'docker.io'
  let path = hasHost ? image.slice(slash + 1) : image
  if (host === 'docker.io' || host === 'index.docker.io') {
    host = dockerHub
    if (!path.includes('/')) path = `library/${path}`
  }
  const ref = parseReference(`${host}/${path}`)
  return { registry: ref.registry, repository: ref.repository, reference: ref.digest ?? ref.tag ?? 'latest' }
}

export interface PlatformLookupOptions {
  /** Clients by host: the leg's own session client for its registry. */
  clients?: Record<string, RegistryClient>
  /** The client for any other host (default: anonymous, few retries); it may log in first (another ECR registry). */
  clientFor?: (registry: string) => RegistryClient | Promise<RegistryClient>
  /** Requests in flight at once, across images. */
  concurrency?: number
  /** The transport of the default anonymous clients: the step's connection pool (RegistrySession.fetch) when there is one. */
  fetch?: typeof fetch
  logger?: Logger
}

export class PlatformLookup {
  private readonly answers = new Map<string, Promise<PlatformAnswer>>()
  private readonly clients = new Map<string, Promise<RegistryClient>>()
  private readonly clientFor: (registry: string) => RegistryClient | Promise<RegistryClient>
  private readonly waiting: (() => void)[] = []
  private active = 0
  private readonly concurrency: number

  constructor(options: PlatformLookupOptions = {}) {
    const logger = options.logger ?? silentLogger
    this.clientFor =
      options.clientFor ?? (registry => new RegistryClient({ registry, logger, retry: { attempts: 2 }, fetch: options.fetch }))
    this.concurrency = options.concurrency ?? 4
    for (const [host, client] of Object.entries(options.clients ?? {})) this.clients.set(host, Promise.resolve(client))
  }

  /** The platforms of an image, or why they cannot be known; never throws. */
  platforms(image: string): Promise<PlatformAnswer> {
    let answer = this.answers.get(image)
    if (!answer) {
      answer = this.limited(() => this.lookup(image)).catch((err: unknown): PlatformAnswer => ({
        ok: false,
        reason: err instanceof Error ? err.message : String(err)
      }))
      this.answers.set(image, answer)
    }
    return answer
  }

  private async lookup(image: string): Promise<PlatformAnswer> {
    const where = locateImage(image)
    // One client per host, made once even when several images of it are asked for at once.
    let pending = this.clients.get(where.registry)
    if (!pending) {
      pending = Promise.resolve().then(() => this.clientFor(where.registry))
      this.clients.set(where.registry, pending)
    }
    const client = await pending
    const top = await client.getManifest(where.repository, where.reference)
    const parsed = parseManifest(top.bytes, top.mediaType)
    if (parsed.kind === 'index') {
      const platforms = parsed.index.manifests.filter(d => d.platform && !isAttestation(d)).map(d => d.platform as Platform)
      if (platforms.length === 0) return { ok: false, reason: 'its index lists no platform' }
      // In the index's order, each once (Windows images repeat a platform per os.version).
      const unique = [...new Map(platforms.map(p => [formatPlatform(p), p])).values()]
      return { ok: true, platforms: unique }
    }
    const bytes = await client.getBlob(where.repository, parsed.manifest.config.digest, MAX_CONFIG_BYTES)
    const config = JSON.parse(new TextDecoder().decode(bytes)) as Partial<ImageConfig>
    if (typeof config.os !== 'string' || typeof config.architecture !== 'string')
      return { ok: false, reason: 'its image config names no os and architecture' }
    return { ok: true, platforms: [platformFromConfig(config as ImageConfig)] }
  }

  /** Runs fn when fewer than `concurrency` lookups are in flight. */
  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>(resolve => this.waiting.push(resolve))
    this.active++
    try {
      return await fn()
    } finally {
      this.active--
      this.waiting.shift()?.()
    }
  }
}
