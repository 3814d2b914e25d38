// Digests, content types and the size limits of what registries serve: one definition
// each, imported by the OCI model, the registry client and the commands.
import { createHash, type Hash } from 'node:crypto'

/** Registries (ECR and distribution alike) reject manifests larger than this; so do we, before reading more. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024

/** Config blobs are small JSON; anything bigger is not a config. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024

// image-spec's descriptor grammar: algorithm ":" encoded.
const DIGEST_RE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/
// What an image reference may pin, as distribution accepts it: the full lowercase hex.
const PINNED_DIGEST_RE = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/

export type DigestAlgorithm = 'sha256' | 'sha384' | 'sha512'
const ALGORITHMS: ReadonlySet<string> = new Set<DigestAlgorithm>(['sha256', 'sha384', 'sha512'])

/** A well-formed digest (algorithm:encoded), whatever the algorithm. */
export function isDigest(s: string): boolean {
  return DIGEST_RE.test(s)
}

/** A digest an image reference can pin: sha256:<64 lowercase hex> or sha512:<128 lowercase hex>. */
export function isPinnedDigest(s: string): boolean {
  return PINNED_DIGEST_RE.test(s)
}

/** The algorithm of a digest when we can compute it, else undefined. */
export function verifiableAlgorithm(digest: string): DigestAlgorithm | undefined {
  const algorithm = digest.slice(0, Math.max(0, digest.indexOf(':')))
  return ALGORITHMS.has(algorithm) ? (algorithm as DigestAlgorithm) : undefined
}

export function digestOf(bytes: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${digester(algorithm).update(bytes).digest('hex')}`
}

/** An incremental hash, for content read as a stream (a blob copy verifies as it reads). */
export function digester(algorithm: DigestAlgorithm = 'sha256'): Hash {
  return createHash(algorithm)
}

/** A Content-Type header without its parameters, lowercased; undefined when absent or empty. */
export function bareContentType(header: string | null | undefined): string | undefined {
  const bare = header?.split(';')[0].trim().toLowerCase()
  return bare === '' ? undefined : bare
}
