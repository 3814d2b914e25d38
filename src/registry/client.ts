// The distribution operations (manifests, blobs, tags) and their checks: names,
// references, digests and size limits. HTTP, auth and retries are the transport's.
import { digestOf, isDigest, MAX_MANIFEST_BYTES, verifiableAlgorithm } from '../oci/digest.js'
import { isRepositoryPath, isValidTag } from '../oci/reference.js'
import { MediaType } from '../oci/types.js'
import type { Logger } from '../util/logger.js'
import { RegistryError } from './errors.js'
import { contentLength, contentType, Transport, type Exchange, type Method, type TransportOptions } from './transport.js'

export type RegistryClientOptions = TransportOptions

export interface ManifestResult {
  digest: string
  mediaType: string
  bytes: Uint8Array
  size: number
}

export interface ManifestHead {
  digest: string
  mediaType: string
  size: number
}

export const defaultManifestAccept: readonly string[] = [
  MediaType.OciIndex,
  MediaType.OciManifest,
  MediaType.DockerManifestList,
  MediaType.DockerManifest
]

const tagsPageMaxBytes = 16 * 1024 * 1024
const tagsPageSize = 1000

export class RegistryClient {
  readonly registry: string
  private readonly transport: Transport
  private readonly logger: Logger

  constructor(opts: RegistryClientOptions) {
    this.transport = new Transport(opts)
    this.registry = this.transport.registry
    this.logger = this.transport.logger
  }

  /** Every HTTP request sent, token requests and redirect hops included. */
  get requestCount(): number {
    return this.transport.requestCount
  }

  async getManifest(repo: string, reference: string, accept: readonly string[] = defaultManifestAccept): Promise<ManifestResult> {
    const request = this.manifestRequest('GET', repo, reference, 'pull')
    const { operation } = request
    const reply = await this.transport.call({
      ...request,
      headers: { Accept: accept.join(', ') },
      maxBytes: MAX_MANIFEST_BYTES,
      tooLarge: 'the manifest is larger than 4 MiB, the limit registries accept'
    })
    const { bytes } = reply
    if (isDigest(reference)) verifyDigest(operation, reference, bytes)
    const computed = digestOf(bytes)
    return {
      digest: this.chooseDigest(operation, reply.headers, computed),
      mediaType: mediaTypeOf(reply.headers, bytes),
      bytes,
      size: bytes.length
    }
  }

  /** The manifest's digest, type and size without its body; undefined when it does not exist. */
  async headManifest(repo: string, reference: string): Promise<ManifestHead | undefined> {
    const reply = await this.transport.call({
      ...this.manifestRequest('HEAD', repo, reference, 'pull'),
      headers: { Accept: defaultManifestAccept.join(', ') },
      tolerate: [404]
    })
    if (reply.status === 404) return undefined
    const digest = reply.headers.get('docker-content-digest')
    const size = contentLength(reply.headers)
    const mediaType = contentType(reply.headers)
    if (digest && isDigest(digest) && size !== undefined && mediaType && mediaType !== 'application/json') {
      return { digest, mediaType, size }
    }
    // Some registries leave HEAD answers bare: the body has all three.
    const full = await this.getManifest(repo, reference)
    return { digest: full.digest, mediaType: full.mediaType, size: full.size }
  }

  /** Uploads a manifest under a tag or digest and returns its digest. */
  async putManifest(repo: string, reference: string, bytes: Uint8Array, mediaType: string): Promise<string> {
    const request = this.manifestRequest('PUT', repo, reference, 'push')
    const { operation } = request
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new RegistryError(operation, `the manifest is ${bytes.length} bytes; registries accept at most 4 MiB`)
    }
    if (isDigest(reference)) verifyDigest(operation, reference, bytes)
    const reply = await this.transport.call({
      ...request,
      headers: { 'Content-Type': mediaType },
      body: bytes
    })
    return this.chooseDigest(operation, reply.headers, digestOf(bytes))
  }

  /** Deletes a manifest by digest; one already gone counts as deleted. */
  async deleteManifest(repo: string, digest: string): Promise<void> {
    const operation = `DELETE manifest ${refName(repo, digest)}`
    checkRepo(operation, repo)
    if (!isDigest(digest)) throw new RegistryError(operation, `"${digest}" is not a digest: manifests are deleted by digest`)
    await this.transport.call({
      method: 'DELETE',
      url: this.transport.url(`/v2/${repo}/manifests/${digest}`),
      operation,
      access: `${repo}:delete`,
      tolerate: [404]
    })
  }

  /** Downloads a blob (following storage redirects) and verifies its digest. */
  async getBlob(repo: string, digest: string, maxBytes?: number): Promise<Uint8Array> {
    const request = this.blobRequest('GET', repo, digest)
    const { operation } = request
    const reply = await this.transport.call({
      ...request,
      maxBytes,
      tooLarge: `the blob is larger than the ${maxBytes} bytes expected`,
      allowHtml: true
    })
    verifyDigest(operation, digest, reply.bytes)
    return reply.bytes
  }

  /** Whether the repository holds the blob (a copy skips what the target has). */
  async blobExists(repo: string, digest: string): Promise<boolean> {
    const reply = await this.transport.call({
      ...this.blobRequest('HEAD', repo, digest),
      tolerate: [404],
      allowHtml: true
    })
    return reply.status !== 404
  }

  /**
   * A blob's body as a stream (following storage redirects), for copies; the caller
   * verifies the digest as it reads. The timeout applies to each wait for bytes, not to the whole read.
   */
  async openBlob(repo: string, digest: string): Promise<{ size?: number; body: ReadableStream<Uint8Array> }> {
    const request = this.blobRequest('GET', repo, digest)
    const { operation } = request
    const reply = await this.transport.call({
      ...request,
      allowHtml: true,
      stream: true
    })
    if (!reply.body) throw new RegistryError(operation, 'the registry answered without a body')
    return { size: contentLength(reply.headers), body: reply.body }
  }

  /**
   * Cross-repository mount (same registry): true when the registry mounted the blob;
   * otherwise the upload it started instead (202), for the caller to send the blob to.
   */
  async mountBlob(repo: string, digest: string, from: string): Promise<true | URL> {
    const operation = `mount blob ${refName(repo, digest)} from ${from}`
    checkRepo(operation, repo)
    checkRepo(operation, from)
    if (!isDigest(digest)) throw new RegistryError(operation, `"${digest}" is not a digest`)
    const url = this.transport.url(`/v2/${repo}/blobs/uploads/`)
    url.searchParams.set('mount', digest)
    url.searchParams.set('from', from)
    const reply = await this.transport.call({ method: 'POST', url, operation, access: `${repo}:push,${from}:pull` })
    if (reply.status === 201) return true
    return this.uploadLocation(operation, reply.headers)
  }

  /** Starts a chunked upload: where to PATCH the first chunk. */
  async startUpload(repo: string): Promise<URL> {
    const operation = `start upload to ${repo}`
    checkRepo(operation, repo)
    const reply = await this.transport.call({
      method: 'POST',
      url: this.transport.url(`/v2/${repo}/blobs/uploads/`),
      operation,
      access: `${repo}:push`
    })
    return this.uploadLocation(operation, reply.headers)
  }

  /** Sends one chunk at `offset` (Content-Range); returns where the next one goes. */
  async uploadChunk(repo: string, location: URL, chunk: Uint8Array, offset: number): Promise<URL> {
    const operation = `upload chunk ${offset}-${offset + chunk.length - 1} to ${repo}`
    const reply = await this.transport.call({
      method: 'PATCH',
      url: location,
      operation,
      access: `${repo}:push`,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Range': `${offset}-${offset + chunk.length - 1}`
      },
      body: chunk
    })
    return this.uploadLocation(operation, reply.headers)
  }

  /**
   * Where a chunked upload stands (GET on its URL): the bytes the registry holds and where the
   * next chunk goes. `received` is undefined when the answer cannot tell: no Range, or "0-0",
   * which distribution answers for none and for one byte alike.
   */
  async uploadStatus(repo: string, location: URL): Promise<{ received?: number; location: URL }> {
    const operation = `status of the upload to ${repo}`
    const reply = await this.transport.call({ method: 'GET', url: location, operation, access: `${repo}:push` })
    const range = /^\s*0-(\d+)\s*$/.exec(reply.headers.get('range') ?? '')
    const last = range ? Number(range[1]) : undefined
    return { received: last === undefined || last === 0 ? undefined : last + 1, location: this.uploadLocation(operation, reply.headers) }
  }

  /** Abandons a chunked upload; one the registry no longer knows counts as abandoned. */
  async cancelUpload(repo: string, location: URL): Promise<void> {
    await this.transport.call({
      method: 'DELETE',
      url: location,
      operation: `cancel the upload to ${repo}`,
      access: `${repo}:push`,
      tolerate: [404]
    })
  }

  /** Closes a chunked upload under its digest (the registry verifies it too). */
  async finishUpload(repo: string, location: URL, digest: string): Promise<void> {
    const operation = `finish upload of ${refName(repo, digest)}`
    const url = new URL(location)
    url.searchParams.set('digest', digest)
    await this.transport.call({ method: 'PUT', url, operation, access: `${repo}:push` })
  }

  private uploadLocation(operation: string, headers: Headers): URL {
    const location = headers.get('location')
    if (!location) throw new RegistryError(operation, 'the registry answered an upload without a Location to send it to')
    return new URL(location, this.transport.base)
  }

  /** All tags of a repository, following `Link: <...>; rel="next"` pages; [] when the repository does not exist. */
  /** Every tag, page by page; `until` (given the tags so far) may end the listing after a page. */
  async listTags(repo: string, until?: (tags: readonly string[]) => boolean): Promise<string[]> {
    const operation = `list tags ${repo}`
    checkRepo(operation, repo)
    const tags: string[] = []
    const seen = new Set<string>()
    let url: URL | undefined = this.transport.url(`/v2/${repo}/tags/list?n=${tagsPageSize}`)
    while (url) {
      seen.add(url.href)
      const reply = await this.transport.call({
        method: 'GET',
        url,
        operation,
        access: `${repo}:pull`,
        tolerate: [404],
        maxBytes: tagsPageMaxBytes,
        tooLarge: 'a page of the tag list is larger than 16 MiB'
      })
      if (reply.status === 404) return tags
      tags.push(...parseTagsPage(operation, reply.bytes))
      if (until?.(tags)) return tags
      url = nextLink(reply.headers.get('link'), url)
      if (url && seen.has(url.href)) throw new RegistryError(operation, `the registry's pagination loops back to ${url.href}`)
    }
    return tags
  }

  /** A request on a manifest by tag or digest, once the repository and the reference are checked. */
  /** A pull of a blob by digest, once the repository and the digest are checked. */
  private blobRequest(method: 'GET' | 'HEAD', repo: string, digest: string): Exchange {
    const operation = `${method} blob ${refName(repo, digest)}`
    checkRepo(operation, repo)
    if (!isDigest(digest)) throw new RegistryError(operation, `"${digest}" is not a digest`)
    return { method, url: this.transport.url(`/v2/${repo}/blobs/${digest}`), operation, access: `${repo}:pull` }
  }

  private manifestRequest(method: Method, repo: string, reference: string, access: 'pull' | 'push'): Exchange {
    const operation = `${method} manifest ${refName(repo, reference)}`
    checkRepo(operation, repo)
    checkReference(operation, reference)
    return { method, url: this.transport.url(`/v2/${repo}/manifests/${reference}`), operation, access: `${repo}:${access}` }
  }

  /** The registry's Docker-Content-Digest when it agrees with the bytes, else our own sha256. */
  private chooseDigest(operation: string, headers: Headers, computed: string): string {
    const announced = headers.get('docker-content-digest')
    if (announced && announced.startsWith('sha256:') && announced !== computed) {
      this.logger.warning(
        `${operation}: the registry announced digest ${announced} but the content hashes to ${computed}; using ${computed}`
      )
    }
    return computed
  }
}

function refName(repo: string, reference: string): string {
  return `${repo}${isDigest(reference) ? '@' : ':'}${reference}`
}

function checkRepo(operation: string, repo: string): void {
  if (!isRepositoryPath(repo)) {
    throw new RegistryError(operation, `"${repo}" is not a valid repository name (lowercase letters, digits, separators . _ - and /)`)
  }
}

function checkReference(operation: string, reference: string): void {
  if (!isDigest(reference) && !isValidTag(reference)) {
    throw new RegistryError(operation, `"${reference}" is neither a valid tag nor a digest`)
  }
}

function verifyDigest(operation: string, expected: string, bytes: Uint8Array): void {
  const algorithm = verifiableAlgorithm(expected)
  if (algorithm === undefined) {
    throw new RegistryError(operation, `cannot verify digest algorithm "${expected.slice(0, expected.indexOf(':'))}"; use sha256`)
  }
  const actual = digestOf(bytes, algorithm)
  if (actual !== expected) {
    throw new RegistryError(operation, `digest mismatch: the registry sent content hashing to ${actual}, not ${expected}`)
  }
}

function mediaTypeOf(headers: Headers, bytes: Uint8Array): string {
  const header = contentType(headers)
  if (header && header !== 'application/json' && header !== 'text/plain') return header
  try {
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { mediaType?: unknown }
    if (typeof parsed.mediaType === 'string' && parsed.mediaType !== '') return parsed.mediaType
  } catch {
    // Not JSON: report what the header said.
  }
  return header ?? 'application/octet-stream'
}

function parseTagsPage(operation: string, bytes: Uint8Array): string[] {
  let parsed: { tags?: unknown }
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes)) as typeof parsed
  } catch {
    throw new RegistryError(operation, 'the tag list is not JSON')
  }
  if (parsed.tags === null || parsed.tags === undefined) return []
  if (!Array.isArray(parsed.tags) || parsed.tags.some(t => typeof t !== 'string')) {
    throw new RegistryError(operation, 'the tag list has no array of tags')
  }
  return parsed.tags as string[]
}

/** The rel="next" target of a Link header, resolved against the page it came with. */
export function nextLink(header: string | null, current: URL): URL | undefined {
  if (!header) return undefined
  for (const m of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]*)*)/g)) {
    const rels = /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(m[2])?.[1]?.split(/\s+/) ?? []
    if (rels.includes('next')) return new URL(m[1], current)
  }
  return undefined
}
