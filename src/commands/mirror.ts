// Mirrors: after the primary publishes, every mirror gets the same children and the same
// index bytes (one digest everywhere) under the same tags. Blobs first (only what a mirror
// lacks), then the image and attestation manifests by digest, then the tags, through the
// one publishing path. Mirrors are independent: one failing undoes none of the others.
import { dockerCredentials } from '../docker/credentials.js'
import { isEcrPublic, parseEcrHost } from '../ecr/registry-host.js'
import type { BuiltIndex } from '../oci/manifest.js'
import { parseManifest } from '../oci/manifest.js'
import type { Credentials } from '../registry/auth.js'
import { RegistryClient } from '../registry/client.js'
import { copyBlobs, type BlobToCopy, type RepositoryRef } from '../registry/copy.js'
import type { Logger } from '../util/logger.js'
import { publishIndex, PublishError, type Candidate } from './publish.js'

export interface MirrorTarget {
  registry: string
  repository: string
}

export interface MirrorResult {
  reference: string
  digest: string
  /** Tags that hold the index (or, platform tags, their image) in this mirror now. */
  tags: string[]
  blobsCopied: number
  bytesMoved: number
  error?: string
}

export interface MirrorOptions {
  tags: string[]
  platformTags: boolean
  createRepository: boolean
  tagMutability: 'MUTABLE' | 'IMMUTABLE'
  logger: Logger
  /** Called with every secret the moment it is known. */
  maskSecret: (secret: string) => void
  /** The step's connection pool (RegistrySession.fetch): mirrors share it with the primary. */
  fetch?: typeof fetch
  /** Opens the client for a mirror (tests); default: ECR through the SDK chain, others through the Docker config. */
  connect?: (target: MirrorTarget) => Promise<RegistryClient>
}

/** Publishes to every mirror in parallel; each result says what that mirror holds, or its error. */
export async function publishMirrors(
  source: RepositoryRef,
  index: BuiltIndex,
  candidates: Candidate[],
  mirrors: MirrorTarget[],
  options: MirrorOptions
): Promise<MirrorResult[]> {
  // What every mirror needs, read once from the primary: the manifests' bytes and their blobs.
  const manifests = await readManifests(source, index)
  return Promise.all(mirrors.map(mirror => publishMirror(source, index, candidates, mirror, manifests, options)))
}

/** The failure of the mirrors that failed, naming what each mirror holds; undefined when all succeeded. */
export function mirrorFailure(results: MirrorResult[]): string | undefined {
  const failed = results.filter(r => r.error !== undefined)
  if (failed.length === 0) return undefined
  const held = results.map(r => `${r.reference}: ${r.tags.length ? r.tags.join(', ') : 'no tag'}`).join('; ')
  return `${failed.length} of ${results.length} mirrors failed (${failed.map(r => `${r.reference}: ${r.error}`).join('; ')}). The primary is published; mirrors hold: ${held}. Re-run to complete them.`
}

interface ManifestSet {
  /** Image and attestation manifests by digest. */
  bytes: Map<string, { bytes: Uint8Array; mediaType: string }>
  blobs: BlobToCopy[]
}

async function readManifests(source: RepositoryRef, index: BuiltIndex): Promise<ManifestSet> {
  const bytes = new Map<string, { bytes: Uint8Array; mediaType: string }>()
  const blobs: BlobToCopy[] = []
  await Promise.all(
    index.index.manifests.map(async descriptor => {
      const fetched = await source.client.getManifest(source.repository, descriptor.digest)
      const parsed = parseManifest(fetched.bytes, fetched.mediaType)
      if (parsed.kind !== 'manifest') throw new Error(`${source.repository}@${descriptor.digest} is an index where an image was expected`)
      bytes.set(descriptor.digest, { bytes: fetched.bytes, mediaType: descriptor.mediaType })
      blobs.push(parsed.manifest.config, ...parsed.manifest.layers)
    })
  )
  return { bytes, blobs }
}

async function publishMirror(
  source: RepositoryRef,
  index: BuiltIndex,
  candidates: Candidate[],
  mirror: MirrorTarget,
  manifests: ManifestSet,
  options: MirrorOptions
): Promise<MirrorResult> {
  const reference = `${mirror.registry}/${mirror.repository}`
  const result: MirrorResult = { reference, digest: index.digest, tags: [], blobsCopied: 0, bytesMoved: 0 }
  const { logger } = options
  try {
    const client = await (options.connect ?? (target => connect(target, options)))(mirror)
    const target = { client, repository: mirror.repository }
    const stats = await copyBlobs(source, target, manifests.blobs, { logger })
    result.blobsCopied = stats.blobsCopied
    result.bytesMoved = stats.bytesMoved
    // Children before the index that references them.
    await Promise.all(
      [...manifests.bytes].map(async ([digest, m]) => {
        if (!(await client.headManifest(mirror.repository, digest)))
          await client.putManifest(mirror.repository, digest, m.bytes, m.mediaType)
      })
    )
    const current = new Map<string, string | undefined>()
    await Promise.all(options.tags.map(async tag => current.set(tag, (await client.headManifest(mirror.repository, tag))?.digest)))
    const published = await publishIndex(client, mirror.repository, index, options.tags, current, candidates, {
      platformTags: options.platformTags,
      manifests: new Map([...manifests.bytes].map(([digest, m]) => [digest, m.bytes]))
    })
    result.tags = [...published.unchanged, ...published.published]
    logger.info(
      `mirror ${reference}: ${index.digest} under ${result.tags.join(', ')} (${stats.blobsCopied} blobs copied, ${stats.bytesMoved} bytes moved)`
    )
  } catch (error) {
    if (error instanceof PublishError) result.tags = error.published
    result.error = (error as Error).message
    logger.warning(`mirror ${reference} failed: ${result.error}`)
  }
  return result
}

/** ECR hosts through the SDK chain (region from the host), others through the runner's Docker credentials, or anonymous. */
async function connect(target: MirrorTarget, options: MirrorOptions): Promise<RegistryClient> {
  const { logger, fetch } = options
  if (isEcrPublic(target.registry)) return connectEcrPublic(target, options)
  const ecrHost = parseEcrHost(target.registry)
  if (!ecrHost) {
    const credentials = await dockerCredentials(target.registry)
    if (credentials) options.maskSecret(credentials.password)
    logger.info(
      `mirror ${target.registry}: ${credentials ? 'credentials from the Docker config' : 'anonymous (no Docker credentials for it)'}`
    )
    return new RegistryClient({ registry: target.registry, credentials, logger, fetch })
  }
  // The SDK loads only for an ECR mirror: a merge to another registry never loads it.
  const [{ ECRClient }, { getEcrLogin }, { awsRequestHandler }, { ensureRepository }] = await Promise.all([
    import('@aws-sdk/client-ecr'),
    import('../ecr/auth.js'),
    import('../net/aws-proxy-agent.js'),
    import('../ecr/repository.js')
  ])
  const ecr = new ECRClient({ region: ecrHost.region, requestHandler: awsRequestHandler() })
  const login = async (): Promise<Credentials> => {
    const token = await getEcrLogin(ecr, { registryIds: [ecrHost.accountId], logger })
    options.maskSecret(token.password)
    options.maskSecret(Buffer.from(`${token.username}:${token.password}`).toString('base64'))
    return { username: token.username, password: token.password }
  }
  const credentials = await login()
  const ensured = await ensureRepository(ecr, {
    repository: target.repository,
    tagMutability: options.tagMutability,
    create: options.createRepository,
    registryId: ecrHost.accountId,
    logger
  })
  if (ensured.created) logger.info(`created repository ${target.repository} in ${target.registry}`)
  return new RegistryClient({ registry: target.registry, credentials, refreshCredentials: login, basicUpfront: true, logger, fetch })
}

/** ECR Public through its own API (us-east-1), the repository created there when allowed. */
async function connectEcrPublic(target: MirrorTarget, options: MirrorOptions): Promise<RegistryClient> {
  const { logger, fetch } = options
  const { ecrPublicLogin, ensurePublicRepository } = await import('../ecr/public.js')
  const { client: ecrPublic, credentials, refreshCredentials } = await ecrPublicLogin({ maskSecret: options.maskSecret, logger })
  const ensured = await ensurePublicRepository(ecrPublic, { repository: target.repository, create: options.createRepository, logger })
  if (ensured.created) logger.info(`created repository ${target.repository} in ${target.registry}`)
  return new RegistryClient({ registry: target.registry, credentials, refreshCredentials, logger, fetch })
}
