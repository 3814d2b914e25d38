// Blob copies between repositories, for mirrors: only what the target lacks moves. Within
// one registry a cross-repository mount; across registries the blob streams from the source
// into a chunked upload, its digest checked on the way, one chunk in memory per blob.
import { digester, verifiableAlgorithm } from '../oci/digest.js'
import { silentLogger, type Logger } from '../util/logger.js'
import type { RegistryClient } from './client.js'
import { RegistryError } from './errors.js'

export interface RepositoryRef {
  client: RegistryClient
  repository: string
}

export interface BlobToCopy {
  digest: string
  size: number
}

export type BlobOutcome = 'present' | 'mounted' | 'copied'

export interface CopyStats {
  /** Blobs the target did not have: mounted or streamed. */
  blobsCopied: number
  /** Bytes streamed through this process (mounts move none). */
  bytesMoved: number
}

export interface CopyOptions {
  /** Blobs in flight at once (default 4). */
  concurrency?: number
  /** Bytes per PATCH (default 8 MiB; ECR wants at least 5 MiB but for the last). */
  chunkBytes?: number
  logger?: Logger
}

const defaultChunkBytes = 8 * 1024 * 1024

/** Copies each blob the target lacks, `concurrency` at a time; the first failure fails the copy. */
export async function copyBlobs(
  source: RepositoryRef,
  target: RepositoryRef,
  blobs: BlobToCopy[],
  options: CopyOptions = {}
): Promise<CopyStats> {
  const unique = [...new Map(blobs.map(b => [b.digest, b])).values()]
  const stats: CopyStats = { blobsCopied: 0, bytesMoved: 0 }
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const blob = unique[next++]
      const outcome = await copyBlob(source, target, blob, options)
      if (outcome !== 'present') stats.blobsCopied++
      if (outcome === 'copied') stats.bytesMoved += blob.size
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, unique.length) }, worker))
  return stats
}

/** HEAD on the target first; then a mount when both are on one registry, else a streamed copy. */
export async function copyBlob(
  source: RepositoryRef,
  target: RepositoryRef,
  blob: BlobToCopy,
  options: CopyOptions = {}
): Promise<BlobOutcome> {
  const logger = options.logger ?? silentLogger
  if (await target.client.blobExists(target.repository, blob.digest)) return 'present'
  let upload: URL | undefined
  if (source.client.registry === target.client.registry) {
    const mounted = await target.client.mountBlob(target.repository, blob.digest, source.repository)
    if (mounted === true) {
      logger.debug(`mounted ${blob.digest} from ${source.repository} into ${target.repository}`)
      return 'mounted'
    }
    // 202: the registry would not mount (no access to the source, or no mount support) and started an upload instead.
    upload = mounted
  }
  await streamBlob(
    source,
    target,
    blob,
    upload ?? (await target.client.startUpload(target.repository)),
    options.chunkBytes ?? defaultChunkBytes
  )
  logger.debug(`copied ${blob.digest} (${blob.size} bytes) to ${target.client.registry}/${target.repository}`)
  return 'copied'
}

/** GET from the source into PATCHes of `chunkBytes`, hashing on the way; PUT ?digest= only when the hash matches. */
async function streamBlob(
  source: RepositoryRef,
  target: RepositoryRef,
  blob: BlobToCopy,
  location: URL,
  chunkBytes: number
): Promise<void> {
  const operation = `copy blob ${blob.digest} to ${target.client.registry}/${target.repository}`
  const algorithm = verifiableAlgorithm(blob.digest)
  if (!algorithm) throw new RegistryError(operation, `cannot verify digest algorithm "${blob.digest.split(':')[0]}"`)
  const hash = digester(algorithm)
  const { body } = await source.client.openBlob(source.repository, blob.digest)
  const reader = body.getReader()
  let pending: Uint8Array[] = []
  let pendingBytes = 0
  let offset = 0
  // Exactly chunkBytes per PATCH (the last may be shorter): one chunk in memory at a time.
  const send = async (chunk: Buffer): Promise<void> => {
    location = await target.client.uploadChunk(target.repository, location, chunk, offset)
    offset += chunk.length
  }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      hash.update(value)
      if (offset + pendingBytes + value.length > blob.size) {
        throw new RegistryError(operation, `the source sent more than the ${blob.size} bytes its descriptor says`)
      }
      pending.push(value)
      pendingBytes += value.length
      if (pendingBytes < chunkBytes) continue
      // Joined once per chunk, not once per read.
      let joined = Buffer.concat(pending, pendingBytes)
      while (joined.length >= chunkBytes) {
        await send(joined.subarray(0, chunkBytes))
        joined = joined.subarray(chunkBytes)
      }
      pending = [joined]
      pendingBytes = joined.length
    }
  } catch (error) {
    await reader.cancel().catch(() => {})
    throw error
  }
  if (pendingBytes > 0) await send(Buffer.concat(pending, pendingBytes))
  const actual = `${algorithm}:${hash.digest('hex')}`
  if (offset !== blob.size) throw new RegistryError(operation, `the source sent ${offset} of ${blob.size} bytes`)
  if (actual !== blob.digest) throw new RegistryError(operation, `digest mismatch: the source sent content hashing to ${actual}`)
  await target.client.finishUpload(target.repository, location, blob.digest)
}
