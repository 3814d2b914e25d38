// Blob copies between repositories, for mirrors: only what the target lacks moves. Within
// one registry a cross-repository mount; across registries the blob streams from the source
// into a chunked upload, its digest checked on the way, one chunk in memory per blob. A chunk
// the registry took in part before a reset (its retry then answers 416, or 404 where the
// registry dropped the upload) resumes from the offset the registry reports, or the upload
// starts over.
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
  const chunkBytes = options.chunkBytes ?? defaultChunkBytes
  const location = upload ?? (await target.client.startUpload(target.repository))
  try {
    await streamBlob(source, target, blob, location, chunkBytes)
  } catch (error) {
    if (!(error instanceof UploadOutOfStepError)) throw error
    // The registry's offset is behind the chunk in hand: the bytes before it are gone from
    // memory, so the blob streams again from the source into a fresh upload, once.
    logger.info(`${error.message}; uploading ${blob.digest} again from the start`)
    await target.client.cancelUpload(target.repository, error.location).catch(() => {})
    await streamBlob(source, target, blob, await target.client.startUpload(target.repository), chunkBytes)
  }
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
    location = await sendChunk(target, location, chunk, offset)
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

/** The upload's offset is behind the chunk in hand: only a fresh upload from the source can go on. */
class UploadOutOfStepError extends RegistryError {
  constructor(
    operation: string,
    message: string,
    readonly location: URL
  ) {
    super(operation, message)
  }
}

/** Resumes at most this many times per chunk, then the error stands. */
const maxResumes = 3

/**
 * A chunk the registry refused because its upload is no longer where we think: 416 (its offset
 * is not ours: a PATCH cut by a reset and retried after the registry wrote part of it), or 404
 * (the reference registry cancels an upload resumed at the wrong offset: BLOB_UPLOAD_INVALID).
 */
const outOfStep = (error: unknown): error is RegistryError =>
  error instanceof RegistryError && (error.status === 416 || error.status === 404)

/**
 * One chunk at `offset`. When the registry's upload is out of step with ours, its status says how
 * much it holds: within this chunk, the rest of the chunk goes from there; when it cannot tell
 * (no status, "0-0") and this is the first chunk, a fresh upload takes the whole chunk in hand;
 * anything else is an UploadOutOfStepError.
 */
async function sendChunk(target: RepositoryRef, location: URL, chunk: Buffer, offset: number): Promise<URL> {
  const { client, repository } = target
  let held = 0
  for (let resumes = 0; ; resumes++) {
    try {
      return await client.uploadChunk(repository, location, chunk.subarray(held), offset + held)
    } catch (error) {
      if (!outOfStep(error) || resumes >= maxResumes) throw error
      // An upload the registry dropped has no status: that too is "cannot tell".
      const status = await client.uploadStatus(repository, location).catch((e: unknown) => {
        if (outOfStep(e) || (e instanceof RegistryError && e.status === 400)) return { received: undefined, location }
        throw e
      })
      const operation = `upload chunk ${offset}-${offset + chunk.length - 1} to ${repository}`
      if (status.received !== undefined && status.received >= offset && status.received <= offset + chunk.length) {
        location = status.location
        held = status.received - offset
        if (held === chunk.length) return location
      } else if (offset === 0) {
        await client.cancelUpload(repository, status.location).catch(() => {})
        location = await client.startUpload(repository)
        held = 0
      } else {
        const has = status.received === undefined ? 'an offset it does not say' : `${status.received} bytes`
        throw new UploadOutOfStepError(
          operation,
          `the registry holds ${has} of the upload, not ${offset} to ${offset + chunk.length}`,
          status.location
        )
      }
    }
  }
}
