// The kinds an image's attestation manifests attest, read from their layers' predicate types.
import { attestationKind, attestationKinds } from '../../src/commands/attestations.js'
import type { RegistryClient } from '../../src/registry/client.js'

const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`

function attestationManifest(types: string[]): Uint8Array {
  const layer = (t: string, i: number) => ({
    mediaType: 'application/vnd.in-toto+json',
    digest: digest(100 + i),
    size: 10,
    annotations: { 'in-toto.io/predicate-type': t }
  })
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest(99), size: 2 },
    layers: types.map(layer)
  }
  return new TextEncoder().encode(JSON.stringify(manifest))
}

/** A client that serves the given manifests by digest and fails for any other. */
function client(manifests: Record<string, Uint8Array>): RegistryClient {
  return {
    getManifest: async (_repo: string, reference: string) => {
      const bytes = manifests[reference]
      if (!bytes) throw new Error(`404 ${reference}`)
      return { digest: reference, mediaType: 'application/vnd.oci.image.manifest.v1+json', bytes, size: bytes.length }
    }
  } as unknown as RegistryClient
}

const descriptor = (d: string) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d, size: 1 })

test.each([
  ['https://slsa.dev/provenance/v0.2', 'provenance'],
  ['https://slsa.dev/provenance/v1', 'provenance'],
  ['https://spdx.dev/Document', 'sbom'],
  ['https://example.com/vuln/v1', 'https://example.com/vuln/v1']
])('%s is %s', (type, kind) => {
  expect(attestationKind(type)).toBe(kind)
})

test('provenance and SBOM layers of one manifest, SBOMs counted once; an unreadable manifest adds nothing', async () => {
  const registry = client({
    [digest(1)]: attestationManifest(['https://spdx.dev/Document', 'https://spdx.dev/Document', 'https://slsa.dev/provenance/v0.2'])
  })
  expect(await attestationKinds(registry, 'team/app', [descriptor(digest(1)), descriptor(digest(2))])).toEqual(['sbom', 'provenance'])
  expect(await attestationKinds(registry, 'team/app', [])).toEqual([])
})
