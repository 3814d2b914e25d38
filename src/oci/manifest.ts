// Reading manifests a registry returns, and writing the one image index the merge job
// publishes, byte for byte deterministically so that its digest is reproducible.
import { bareContentType, digestOf, isDigest, MAX_MANIFEST_BYTES } from './digest.js'
import { MediaType, type Descriptor, type ImageIndex, type ImageManifest, type Platform } from './types.js'

export class ManifestError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ManifestError'
  }
}

export type ParsedManifest =
  { kind: 'index'; mediaType: string; index: ImageIndex } | { kind: 'manifest'; mediaType: string; manifest: ImageManifest }

export interface BuiltIndex {
  index: ImageIndex
  bytes: Uint8Array
  digest: string
  mediaType: string
}

export function isIndexMediaType(mt: string): boolean {
  return mt === MediaType.OciIndex || mt === MediaType.DockerManifestList
}

export function isImageManifestMediaType(mt: string): boolean {
  return mt === MediaType.OciManifest || mt === MediaType.DockerManifest
}

export function isDockerMediaType(mt: string): boolean {
  return mt.startsWith('application/vnd.docker.')
}

/** BuildKit's attestation manifests: annotated, and listed under the platform unknown/unknown. */
export function isAttestation(d: Descriptor): boolean {
  if (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return true
  return d.platform?.os === 'unknown' && d.platform.architecture === 'unknown'
}

// ---- parsing ----

function decodeJson(bytes: Uint8Array, contentType: string | undefined): unknown {
  const text = new TextDecoder().decode(bytes)
  try {
    return JSON.parse(text)
  } catch {
    const start = text.trim().slice(0, 60).replace(/\s+/g, ' ')
    const got = contentType ?? (start.startsWith('<') ? 'HTML or XML' : 'non-JSON content')
    throw new ManifestError(`expected a manifest JSON, got ${got} starting with "${start}"`)
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function checkDescriptor(v: unknown, where: string): void {
  if (!isObject(v)) throw new ManifestError(`${where} is not a descriptor object`)
  if (typeof v.mediaType !== 'string' || v.mediaType === '') throw new ManifestError(`${where}.mediaType is missing`)
  if (typeof v.digest !== 'string' || !isDigest(v.digest)) {
    throw new ManifestError(`${where}.digest is missing or not algorithm:hex`)
  }
  if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) {
    throw new ManifestError(`${where}.size is missing or not a non-negative integer`)
  }
}

function mediaTypeOf(json: Record<string, unknown>, contentType: string | undefined): string {
  if (typeof json.mediaType === 'string' && json.mediaType !== '') return json.mediaType
  if (contentType !== undefined && (isIndexMediaType(contentType) || isImageManifestMediaType(contentType))) return contentType
  if (Array.isArray(json.manifests)) return MediaType.OciIndex
  if ('config' in json && 'layers' in json) return MediaType.OciManifest
  throw new ManifestError('cannot tell whether this is an image index or a manifest: it has no mediaType, manifests or config and layers')
}

/** Parses and checks a manifest or index body; the header is the response's Content-Type. */
export function parseManifest(bytes: Uint8Array, contentTypeHeader?: string): ParsedManifest {
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new ManifestError(`manifest is ${bytes.length} bytes, over the ${MAX_MANIFEST_BYTES} bytes (4 MiB) registries accept`)
  }
  const contentType = bareContentType(contentTypeHeader)
  const json = decodeJson(bytes, contentType)
  if (!isObject(json)) throw new ManifestError('expected a manifest JSON object')
  if (json.schemaVersion !== 2) {
    throw new ManifestError(
      `unsupported manifest schemaVersion ${JSON.stringify(json.schemaVersion)}: only schemaVersion 2 (OCI and Docker v2) is supported; push the image again with a current Docker or BuildKit`
    )
  }
  const mediaType = mediaTypeOf(json, contentType)
  if (isIndexMediaType(mediaType)) {
    if (!Array.isArray(json.manifests)) throw new ManifestError(`${mediaType} has no manifests array`)
    json.manifests.forEach((d, i) => checkDescriptor(d, `manifests[${i}]`))
    return { kind: 'index', mediaType, index: json as unknown as ImageIndex }
  }
  if (isImageManifestMediaType(mediaType)) {
    checkDescriptor(json.config, 'config')
    if (!Array.isArray(json.layers)) throw new ManifestError(`${mediaType} has no layers array`)
    json.layers.forEach((d, i) => checkDescriptor(d, `layers[${i}]`))
    return { kind: 'manifest', mediaType, manifest: json as unknown as ImageManifest }
  }
  throw new ManifestError(`unsupported manifest media type "${mediaType}": expected an OCI or Docker v2 image manifest or index`)
}

// ---- building ----

function sortedAnnotations(a: Record<string, string> | undefined): Record<string, string> | undefined {
  if (a === undefined) return undefined
  const keys = Object.keys(a).sort()
  if (keys.length === 0) return undefined
  return Object.fromEntries(keys.map(k => [k, a[k]]))
}

function normalisePlatform(p: Platform): Platform {
  const out: Platform = { architecture: p.architecture, os: p.os }
  if (p['os.version'] !== undefined) out['os.version'] = p['os.version']
  if (p['os.features'] !== undefined && p['os.features'].length > 0) out['os.features'] = [...p['os.features']]
  if (p.variant !== undefined && p.variant !== '') out.variant = p.variant
  return out
}

function normaliseDescriptor(d: Descriptor): Descriptor {
  const out: Descriptor = { mediaType: d.mediaType, digest: d.digest, size: d.size }
  if (d.artifactType !== undefined) out.artifactType = d.artifactType
  if (d.platform !== undefined) out.platform = normalisePlatform(d.platform)
  const annotations = sortedAnnotations(d.annotations)
  if (annotations !== undefined) out.annotations = annotations
  return out
}

/**
 * The index in canonical form: fixed key order, annotations sorted by key, empty and
 * undefined fields left out. Descriptor fields other than mediaType, digest, size,
 * artifactType, platform and annotations (urls) are dropped.
 */
export function normaliseIndex(index: ImageIndex): ImageIndex {
  const out: ImageIndex = { schemaVersion: 2 } as ImageIndex
  if (index.mediaType !== undefined) out.mediaType = index.mediaType
  if (index.artifactType !== undefined) out.artifactType = index.artifactType
  out.manifests = index.manifests.map(normaliseDescriptor)
  if (index.subject !== undefined) out.subject = normaliseDescriptor(index.subject)
  const annotations = sortedAnnotations(index.annotations)
  if (annotations !== undefined) out.annotations = annotations
  return out
}

/** Compact JSON of the canonical form: the same index always gives the same bytes. */
export function serialiseIndex(index: ImageIndex): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(normaliseIndex(index)))
}

function hasAnnotations(a: Record<string, string> | undefined): boolean {
  return a !== undefined && Object.keys(a).length > 0
}

// A Docker manifest list cannot carry annotations, so any annotation makes the index OCI;
// so does any OCI child, because a Docker list must not label OCI manifests.
function indexMediaType(children: Descriptor[], annotations: Record<string, string> | undefined): string {
  const allDocker = children.every(d => isDockerMediaType(d.mediaType))
  const annotated = hasAnnotations(annotations) || children.some(d => hasAnnotations(d.annotations))
  return allDocker && !annotated ? MediaType.DockerManifestList : MediaType.OciIndex
}

function checkDistinctImages(images: Descriptor[]): void {
  const seen = new Set<string>()
  for (const image of images) {
    if (seen.has(image.digest)) {
      throw new ManifestError(`image ${image.digest} is listed twice in the index: each platform must have its own image`)
    }
    seen.add(image.digest)
  }
}

/** The index over per-platform images (in the given order), then their attestations. */
export function buildIndex(input: { images: Descriptor[]; attestations: Descriptor[]; annotations?: Record<string, string> }): BuiltIndex {
  if (input.images.length === 0) throw new ManifestError('cannot build an image index without images')
  checkDistinctImages(input.images)
  const children = [...input.images, ...input.attestations]
  const mediaType = indexMediaType(children, input.annotations)
  const index = normaliseIndex({ schemaVersion: 2, mediaType, manifests: children, annotations: input.annotations })
  const bytes = serialiseIndex(index)
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new ManifestError(`index is ${bytes.length} bytes, over the 4 MiB registries accept`)
  }
  return { index, bytes, digest: digestOf(bytes), mediaType }
}
