// What an image's attestation manifests attest: BuildKit writes one attestation manifest per
// image whose layers are in-toto statements, each annotated with its predicate type
// (provenance, SBOM, ...). The summary lists those kinds per published image.
import { parseManifest } from '../oci/manifest.js'
import type { Descriptor } from '../oci/types.js'
import type { RegistryClient } from '../registry/client.js'

const PREDICATE_TYPE = 'in-toto.io/predicate-type'

/** A short name for an in-toto predicate type: provenance, sbom, or the type itself. */
export function attestationKind(predicateType: string): string {
  if (predicateType.startsWith('https://slsa.dev/provenance/')) return 'provenance'
  if (predicateType.startsWith('https://spdx.dev/Document') || predicateType.startsWith('https://cyclonedx.org/bom')) return 'sbom'
  return predicateType
}

/** The kinds (deduplicated, in layer order) in the given attestation manifests; an unreadable one counts as none. */
export async function attestationKinds(client: RegistryClient, repository: string, attestations: Descriptor[]): Promise<string[]> {
  const manifests = await Promise.all(
    attestations.map(async a => {
      try {
        const parsed = parseManifest((await client.getManifest(repository, a.digest)).bytes)
        return parsed.kind === 'manifest' ? parsed.manifest.layers : []
      } catch {
        return []
      }
    })
  )
  const types = manifests.flat().flatMap(layer => layer.annotations?.[PREDICATE_TYPE] ?? [])
  return [...new Set(types.map(attestationKind))]
}
