import { createHash } from 'node:crypto'
import fc from 'fast-check'
import {
  buildIndex,
  isAttestation,
  isDockerMediaType,
  isImageManifestMediaType,
  isIndexMediaType,
  ManifestError,
  normaliseIndex,
  parseManifest,
  serialiseIndex
} from '../../src/oci/manifest.js'
import { digestOf, MAX_MANIFEST_BYTES } from '../../src/oci/digest.js'
import { MediaType, type Descriptor, type ImageIndex } from '../../src/oci/types.js'

const enc = (v: unknown): Uint8Array => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v))
const dec = (b: Uint8Array): string => new TextDecoder().decode(b)
const hex = (c: string): string => c.repeat(64)
const digest = (c: string): string => `sha256:${hex(c)}`

const amd64: Descriptor = {
  mediaType: MediaType.OciManifest,
  digest: digest('a'),
  size: 100,
  platform: { os: 'linux', architecture: 'amd64' }
}
const arm64: Descriptor = {
  mediaType: MediaType.OciManifest,
  digest: digest('b'),
  size: 200,
  platform: { os: 'linux', architecture: 'arm64' }
}
const attestation = (of: string, d: string): Descriptor => ({
  mediaType: MediaType.OciManifest,
  digest: d,
  size: 50,
  platform: { os: 'unknown', architecture: 'unknown' },
  annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': of }
})
const docker = (d: Descriptor): Descriptor => ({ ...d, mediaType: MediaType.DockerManifest })

describe('media type predicates', () => {
  test.each<[string, boolean, boolean, boolean]>([
    [MediaType.OciIndex, true, false, false],
    [MediaType.DockerManifestList, true, false, true],
    [MediaType.OciManifest, false, true, false],
    [MediaType.DockerManifest, false, true, true],
    [MediaType.DockerConfig, false, false, true],
    [MediaType.OciConfig, false, false, false],
    ['application/json', false, false, false]
  ])('%s', (mt, index, manifest, dockerType) => {
    expect(isIndexMediaType(mt)).toBe(index)
    expect(isImageManifestMediaType(mt)).toBe(manifest)
    expect(isDockerMediaType(mt)).toBe(dockerType)
  })
})

describe('isAttestation', () => {
  test.each<[Descriptor, boolean]>([
    [amd64, false],
    [attestation(amd64.digest, digest('c')), true],
    [{ ...amd64, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }, true],
    [{ ...amd64, annotations: { 'vnd.docker.reference.type': 'something-else' } }, false],
    [{ ...amd64, platform: { os: 'unknown', architecture: 'unknown' } }, true],
    [{ ...amd64, platform: { os: 'linux', architecture: 'unknown' } }, false],
    [{ mediaType: MediaType.OciManifest, digest: digest('d'), size: 1 }, false]
  ])('%j -> %s', (d, expected) => {
    expect(isAttestation(d)).toBe(expected)
  })
})

describe('parseManifest', () => {
  const config = { mediaType: MediaType.OciConfig, digest: digest('c'), size: 10 }
  const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digest('d'), size: 20 }
  const manifest = { schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }
  const index = { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [amd64, arm64] }
  const { mediaType: _m, ...bareManifest } = manifest
  const { mediaType: _i, ...bareIndex } = index

  test.each<[string, unknown, string | undefined, 'index' | 'manifest', string]>([
    ['OCI index', index, undefined, 'index', MediaType.OciIndex],
    ['OCI manifest', manifest, undefined, 'manifest', MediaType.OciManifest],
    ['Docker list', { ...index, mediaType: MediaType.DockerManifestList }, undefined, 'index', MediaType.DockerManifestList],
    ['Docker manifest', { ...manifest, mediaType: MediaType.DockerManifest }, undefined, 'manifest', MediaType.DockerManifest],
    ['JSON mediaType over header', index, MediaType.DockerManifestList, 'index', MediaType.OciIndex],
    ['index from header', bareIndex, `${MediaType.DockerManifestList}; charset=utf-8`, 'index', MediaType.DockerManifestList],
    ['manifest from header', bareManifest, MediaType.DockerManifest, 'manifest', MediaType.DockerManifest],
    ['inferred index', bareIndex, 'application/json', 'index', MediaType.OciIndex],
    ['inferred manifest', bareManifest, undefined, 'manifest', MediaType.OciManifest],
    ['empty index', { schemaVersion: 2, manifests: [] }, undefined, 'index', MediaType.OciIndex],
    ['empty layers', { ...manifest, layers: [] }, undefined, 'manifest', MediaType.OciManifest]
  ])('%s', (_name, json, header, kind, mediaType) => {
    const parsed = parseManifest(enc(json), header)
    expect(parsed.kind).toBe(kind)
    expect(parsed.mediaType).toBe(mediaType)
    expect(parsed.kind === 'index' ? parsed.index : parsed.manifest).toEqual(json)
  })

  test.each<[string, string | Uint8Array, string | undefined, RegExp]>([
    [
      'an HTML error page',
      '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>',
      'text/html; charset=utf-8',
      /^expected a manifest JSON, got text\/html starting with "<!DOCTYPE html><html>/
    ],
    ['HTML without a header', '<html>oops</html>', undefined, /expected a manifest JSON, got HTML or XML/],
    ['garbage', 'not json', undefined, /expected a manifest JSON, got non-JSON content starting with "not json"/],
    ['empty body', '', undefined, /expected a manifest JSON/],
    ['a JSON array', '[]', undefined, /expected a manifest JSON object/],
    ['JSON null', 'null', undefined, /expected a manifest JSON object/],
    [
      'schema 1',
      JSON.stringify({ schemaVersion: 1, name: 'x', fsLayers: [] }),
      undefined,
      /unsupported manifest schemaVersion 1: only schemaVersion 2/
    ],
    ['no schemaVersion', JSON.stringify({ manifests: [] }), undefined, /unsupported manifest schemaVersion undefined/],
    ['string schemaVersion', JSON.stringify({ schemaVersion: '2', manifests: [] }), undefined, /schemaVersion "2"/],
    ['neither kind', JSON.stringify({ schemaVersion: 2 }), undefined, /cannot tell whether this is an image index or a manifest/],
    [
      'unknown media type',
      JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.example+json' }),
      undefined,
      /unsupported manifest media type "application\/vnd.example\+json"/
    ],
    ['index without manifests', JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex }), undefined, /has no manifests array/],
    [
      'manifest without layers',
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config }),
      undefined,
      /has no layers array/
    ],
    [
      'manifest without config',
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, layers: [] }),
      undefined,
      /config is not a descriptor object/
    ],
    [
      'child without digest',
      JSON.stringify({ ...index, manifests: [amd64, { mediaType: MediaType.OciManifest, size: 1 }] }),
      undefined,
      /manifests\[1\]\.digest is missing/
    ],
    ['child with negative size', JSON.stringify({ ...index, manifests: [{ ...amd64, size: -1 }] }), undefined, /manifests\[0\]\.size/],
    ['child with fractional size', JSON.stringify({ ...index, manifests: [{ ...amd64, size: 1.5 }] }), undefined, /manifests\[0\]\.size/],
    [
      'child without mediaType',
      JSON.stringify({ ...index, manifests: [{ digest: digest('a'), size: 1 }] }),
      undefined,
      /manifests\[0\]\.mediaType is missing/
    ],
    ['layer with bad digest', JSON.stringify({ ...manifest, layers: [{ ...layer, digest: 'nope' }] }), undefined, /layers\[0\]\.digest/],
    ['too large', new Uint8Array(MAX_MANIFEST_BYTES + 1), undefined, /manifest is 4194305 bytes, over/]
  ])('rejects %s', (_name, body, header, message) => {
    const bytes = typeof body === 'string' ? enc(body) : body
    expect(() => parseManifest(bytes, header)).toThrow(ManifestError)
    expect(() => parseManifest(bytes, header)).toThrow(message)
  })
})

describe('serialiseIndex', () => {
  test('writes compact JSON in the fixed key order', () => {
    const index = {
      annotations: { z: '1', a: '2' },
      manifests: [
        {
          annotations: { y: '1', b: '2' },
          platform: { variant: 'v7', os: 'linux', architecture: 'arm' },
          size: 3,
          digest: digest('a'),
          mediaType: MediaType.OciManifest
        },
        {
          platform: { 'os.features': ['win32k'], 'os.version': '10.0.20348.1', os: 'windows', architecture: 'amd64' },
          size: 4,
          digest: digest('b'),
          mediaType: MediaType.OciManifest,
          urls: ['https://example.com/x']
        }
      ],
      mediaType: MediaType.OciIndex,
      schemaVersion: 2
    } as ImageIndex
    expect(dec(serialiseIndex(index))).toBe(
      `{"schemaVersion":2,"mediaType":"${MediaType.OciIndex}","manifests":[` +
        `{"mediaType":"${MediaType.OciManifest}","digest":"${digest('a')}","size":3,"platform":{"architecture":"arm","os":"linux","variant":"v7"},"annotations":{"b":"2","y":"1"}},` +
        `{"mediaType":"${MediaType.OciManifest}","digest":"${digest('b')}","size":4,"platform":{"architecture":"amd64","os":"windows","os.version":"10.0.20348.1","os.features":["win32k"]}}` +
        `],"annotations":{"a":"2","z":"1"}}`
    )
  })

  test('leaves out empty annotations, empty os.features and empty variants', () => {
    const index: ImageIndex = {
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [{ ...amd64, annotations: {}, platform: { os: 'linux', architecture: 'amd64', variant: '', 'os.features': [] } }],
      annotations: {}
    }
    expect(JSON.parse(dec(serialiseIndex(index)))).toStrictEqual({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [{ mediaType: amd64.mediaType, digest: amd64.digest, size: amd64.size, platform: { architecture: 'amd64', os: 'linux' } }]
    })
  })

  const annotations = fc.option(fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 4 }), {
    nil: undefined
  })
  const platform = fc.record(
    {
      os: fc.constantFrom('linux', 'windows', 'unknown'),
      architecture: fc.constantFrom('amd64', 'arm64', 'arm', 'unknown'),
      variant: fc.constantFrom('v7', 'v8', ''),
      'os.version': fc.constantFrom('10.0.20348.1', '10.0.17763.1'),
      'os.features': fc.array(fc.constantFrom('win32k', 'x'), { maxLength: 2 })
    },
    { requiredKeys: ['os', 'architecture'] }
  )
  const descriptor = fc.record(
    {
      mediaType: fc.constantFrom(MediaType.OciManifest, MediaType.DockerManifest),
      digest: fc.stringMatching(/^[a-f0-9]{64}$/).map(h => `sha256:${h}`),
      size: fc.nat(),
      platform,
      annotations
    },
    { requiredKeys: ['mediaType', 'digest', 'size'] }
  )
  const index = fc.record(
    {
      schemaVersion: fc.constant(2 as const),
      mediaType: fc.constantFrom(MediaType.OciIndex, MediaType.DockerManifestList),
      manifests: fc.array(descriptor, { maxLength: 5 }),
      annotations
    },
    { requiredKeys: ['schemaVersion', 'manifests'] }
  ) as fc.Arbitrary<ImageIndex>

  // Rebuilds an object with its keys in reverse order, to show key order does not matter.
  const reversed = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(reversed)
    if (typeof v !== 'object' || v === null) return v
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reversed(x)])
    )
  }

  // The expected canonical form, stated independently of the serialiser.
  const expectedForm = (x: ImageIndex): unknown => {
    const clean = (a?: Record<string, string>) => (a && Object.keys(a).length > 0 ? { ...a } : undefined)
    return JSON.parse(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: x.mediaType,
        manifests: x.manifests.map(d => ({
          mediaType: d.mediaType,
          digest: d.digest,
          size: d.size,
          platform: d.platform && {
            architecture: d.platform.architecture,
            os: d.platform.os,
            'os.version': d.platform['os.version'],
            'os.features': d.platform['os.features']?.length ? d.platform['os.features'] : undefined,
            variant: d.platform.variant || undefined
          },
          annotations: clean(d.annotations)
        })),
        annotations: clean(x.annotations)
      })
    )
  }

  test('the same index gives the same bytes and digest, whatever its key order', () => {
    fc.assert(
      fc.property(index, x => {
        const bytes = serialiseIndex(x)
        expect(serialiseIndex(reversed(x) as ImageIndex)).toEqual(bytes)
        expect(digestOf(serialiseIndex(JSON.parse(dec(bytes))))).toBe(digestOf(bytes))
      })
    )
  })

  test('JSON.parse(serialise(x)) deep-equals the normalised x', () => {
    fc.assert(
      fc.property(index, x => {
        const parsed = JSON.parse(dec(serialiseIndex(x)))
        expect(parsed).toStrictEqual(expectedForm(x))
        expect(parsed).toStrictEqual(JSON.parse(JSON.stringify(normaliseIndex(x))))
        expect(dec(serialiseIndex(x))).not.toMatch(/\s$/)
      })
    )
  })
})

describe('buildIndex', () => {
  test('lists images in the given order, then attestations', () => {
    const att = [attestation(arm64.digest, digest('e')), attestation(amd64.digest, digest('f'))]
    const built = buildIndex({ images: [arm64, amd64], attestations: att })
    expect(built.index.manifests.map(d => d.digest)).toEqual([arm64.digest, amd64.digest, digest('e'), digest('f')])
    expect(built.mediaType).toBe(MediaType.OciIndex)
    expect(built.index.mediaType).toBe(MediaType.OciIndex)
  })

  test('digests the exact bytes it returns, which are the serialised index', () => {
    const built = buildIndex({ images: [amd64, arm64], attestations: [], annotations: { 'org.opencontainers.image.source': 'https://x' } })
    expect(built.digest).toBe(`sha256:${createHash('sha256').update(built.bytes).digest('hex')}`)
    expect(built.bytes).toEqual(serialiseIndex(built.index))
    expect(JSON.parse(dec(built.bytes))).toEqual(built.index)
    expect(parseManifest(built.bytes).kind).toBe('index')
  })

  test.each<[string, Descriptor[], Descriptor[], Record<string, string> | undefined, string]>([
    ['all OCI', [amd64, arm64], [], undefined, MediaType.OciIndex],
    ['all Docker, no annotations', [docker(amd64), docker(arm64)], [], undefined, MediaType.DockerManifestList],
    ['Docker and OCI children mixed', [docker(amd64), arm64], [], undefined, MediaType.OciIndex],
    ['Docker images with index annotations', [docker(amd64)], [], { a: 'b' }, MediaType.OciIndex],
    ['Docker images with empty index annotations', [docker(amd64)], [], {}, MediaType.DockerManifestList],
    ['Docker images with a child annotation', [{ ...docker(amd64), annotations: { a: 'b' } }], [], undefined, MediaType.OciIndex],
    ['Docker images with attestations', [docker(amd64)], [attestation(amd64.digest, digest('e'))], undefined, MediaType.OciIndex]
  ])('media type: %s', (_name, images, attestations, annotations, expected) => {
    const built = buildIndex({ images, attestations, annotations })
    expect(built.mediaType).toBe(expected)
    expect(JSON.parse(dec(built.bytes)).mediaType).toBe(expected)
  })

  test('a Docker manifest list carries no annotations', () => {
    const built = buildIndex({ images: [docker(amd64), docker(arm64)], attestations: [], annotations: {} })
    expect(dec(built.bytes)).not.toContain('annotations')
  })

  test('is deterministic', () => {
    const input = { images: [amd64, arm64], attestations: [attestation(amd64.digest, digest('e'))], annotations: { b: '1', a: '2' } }
    const a = buildIndex(input)
    const b = buildIndex({ ...input, annotations: { a: '2', b: '1' } })
    expect(b.bytes).toEqual(a.bytes)
    expect(b.digest).toBe(a.digest)
  })

  test('rejects the same image twice', () => {
    expect(() => buildIndex({ images: [amd64, { ...arm64, digest: amd64.digest }], attestations: [] })).toThrow(
      new ManifestError(`image ${amd64.digest} is listed twice in the index: each platform must have its own image`)
    )
  })

  test('rejects an index without images', () => {
    expect(() => buildIndex({ images: [], attestations: [] })).toThrow(/without images/)
  })

  test('rejects an index over 4 MiB', () => {
    const big = { 'org.example.big': 'x'.repeat(MAX_MANIFEST_BYTES) }
    expect(() => buildIndex({ images: [amd64], attestations: [], annotations: big })).toThrow(
      /^index is \d+ bytes, over the 4 MiB registries accept$/
    )
  })

  test('accepts an index of exactly the limit', () => {
    const base = buildIndex({ images: [amd64], attestations: [], annotations: { k: '' } }).bytes.length
    const built = buildIndex({ images: [amd64], attestations: [], annotations: { k: 'x'.repeat(MAX_MANIFEST_BYTES - base) } })
    expect(built.bytes.length).toBe(MAX_MANIFEST_BYTES)
  })
})
