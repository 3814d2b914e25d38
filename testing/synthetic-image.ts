// Single-platform images made without Docker: a tiny image config that names the
// platform (and labels), one small gzipped tar layer, and an image manifest, pushed
// straight over the registry API. Cheap sources for merges of any platform set.
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { registryApi } from './registry-api.js'

export type RegistryApi = ReturnType<typeof registryApi>

export interface SyntheticPlatform {
  os: string
  architecture: string
  variant?: string
  'os.version'?: string
  'os.features'?: string[]
}

export interface SyntheticImageOptions {
  /** Go to config.config.Labels. */
  labels?: Record<string, string>
  /** oci (default): OCI manifest, config and layer types. docker: Docker schema 2 types. */
  mediaTypes?: 'oci' | 'docker'
  /** Also tag the manifest (it is always pushed by digest). */
  tag?: string
  /** Text of the one file in the layer (default: the platform), to make images differ. */
  content?: string
}

export interface PushedImage {
  digest: string
  size: number
  mediaType: string
}

const TYPES = {
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip'
  },
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip'
  }
} as const

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

export function platformString(p: SyntheticPlatform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

/** A ustar archive holding one regular file. */
export function tarOneFile(name: string, content: Uint8Array): Buffer {
  const header = Buffer.alloc(512)
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'utf8')
  const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, '0') + '\0'
  field(0, 100, name)
  field(100, 8, octal(0o644, 8))
  field(108, 8, octal(0, 8))
  field(116, 8, octal(0, 8))
  field(124, 12, octal(content.length, 12))
  field(136, 12, octal(0, 12))
  field(148, 8, '        ')
  field(156, 1, '0')
  field(257, 6, 'ustar\0')
  field(263, 2, '00')
  let sum = 0
  for (const byte of header) sum += byte
  field(148, 8, sum.toString(8).padStart(6, '0') + '\0 ')
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512)
  return Buffer.concat([header, Buffer.from(content), padding, Buffer.alloc(1024)])
}

/** Builds the blobs and the manifest of a synthetic image, without pushing anything. */
export function syntheticImage(platform: SyntheticPlatform, opts: SyntheticImageOptions = {}) {
  const types = TYPES[opts.mediaTypes ?? 'oci']
  const tar = tarOneFile('platform.txt', Buffer.from(`${opts.content ?? platformString(platform)}\n`))
  const layer = gzipSync(tar, { level: 9 })
  const config = Buffer.from(
    JSON.stringify({
      created: '2024-01-01T00:00:00Z',
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      ...(platform['os.version'] ? { 'os.version': platform['os.version'] } : {}),
      ...(platform['os.features'] ? { 'os.features': platform['os.features'] } : {}),
      config: {
        Cmd: platform.os === 'windows' ? ['cmd', '/c', 'type', 'platform.txt'] : ['/bin/cat', '/platform.txt'],
        ...(opts.labels ? { Labels: opts.labels } : {})
      },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
      history: [{ created: '2024-01-01T00:00:00Z', created_by: 'synthetic-image' }]
    })
  )
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: types.manifest,
      config: { mediaType: types.config, digest: sha256(config), size: config.length },
      layers: [{ mediaType: types.layer, digest: sha256(layer), size: layer.length }]
    })
  )
  return { config, layer, manifest, mediaType: types.manifest, digest: sha256(manifest) }
}

/** Pushes a synthetic single-platform image (by digest, and under opts.tag if given). */
export async function pushSyntheticImage(
  api: RegistryApi,
  repository: string,
  platform: SyntheticPlatform,
  opts: SyntheticImageOptions = {}
): Promise<PushedImage> {
  const image = syntheticImage(platform, opts)
  await api.putBlob(repository, image.config, sha256(image.config))
  await api.putBlob(repository, image.layer, sha256(image.layer))
  const text = image.manifest.toString('utf8')
  const digest = await api.putManifest(repository, image.digest, text, image.mediaType)
  if (digest && digest !== image.digest)
    throw new Error(`registry stored ${platformString(platform)} as ${digest}, expected ${image.digest}`)
  if (opts.tag) await api.putManifest(repository, opts.tag, text, image.mediaType)
  return { digest: image.digest, size: image.manifest.length, mediaType: image.mediaType }
}
