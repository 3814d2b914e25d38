// The outputs object (names as in action.yml's outputs) from a run's results: the one mapping
// both edges use. The action writes it with core.setOutput, the CLI prints it with --json.
import type { BuildResult, LegResult } from '../commands/build.js'
import type { CheckResult } from '../commands/check.js'
import type { MergeResult } from '../commands/merge.js'
import { formatAnnotations, formatLabels, imageLabels, indexAnnotations } from '../metadata/labels.js'
import type { Inputs } from './inputs.js'

export type Outputs = Record<string, string>

/** metadata-action's outputs (version, labels, annotations), in its formats: known before anything runs. */
export function metadataOutputs(inputs: Inputs): Outputs {
  return {
    version: inputs.version ?? '',
    labels: formatLabels(imageLabels(inputs.labels, inputs.git, inputs.standard)),
    annotations: formatAnnotations(indexAnnotations(inputs))
  }
}

/** The outputs both modes set; `metadata` carries these plus the mode's own details. */
function imageOutputs(registry: string, repository: string, digest: string, platforms: string[], details: object): Outputs {
  const image = digest ? `${registry}/${repository}@${digest}` : ''
  return {
    registry,
    image,
    digest,
    platforms: platforms.join(','),
    metadata: JSON.stringify({ registry, repository, image, digest, ...details })
  }
}

export function buildOutputs(result: BuildResult): Outputs {
  const leg = result.legs[0]
  return {
    ...imageOutputs(
      result.registry,
      result.repository,
      leg.digest,
      result.legs.map(l => l.platform),
      { legs: result.legs.map(legMetadata) }
    ),
    'staging-tag': leg.pushed ? leg.stagingTag : '',
    published: 'false'
  }
}

export function mergeOutputs(result: MergeResult, built?: BuildResult): Outputs {
  return {
    ...imageOutputs(result.registry, result.repository, result.digest, result.platforms, {
      mediaType: result.mediaType,
      tags: result.tags,
      children: result.children,
      platformTags: result.platformTags,
      cleaned: result.cleaned,
      legs: built?.legs.map(legMetadata)
    }),
    tags: result.tags.join(','),
    mirrors: JSON.stringify(result.mirrors),
    manifest: result.manifest,
    published: 'true'
  }
}

/** mode: check: `ready`, and `missing`: each image lacking a platform, where it is used. */
export function checkOutputs(result: CheckResult): Outputs {
  const missing = result.images.filter(i => i.verdict === 'missing')
  return {
    ready: String(result.ready),
    missing: JSON.stringify(
      missing.map(i => ({
        image: i.image,
        missing: i.missing,
        platforms: i.has,
        usedIn: i.lacking.map(({ use: u }) => ({
          file: u.file,
          line: u.line,
          kind: u.kind,
          name: u.name,
          namespace: u.namespace,
          container: u.container
        }))
      }))
    )
  }
}

function legMetadata(l: LegResult) {
  return {
    platform: l.platform,
    digest: l.digest,
    childDigest: l.childDigest,
    size: l.size,
    buildSeconds: roundSeconds(l.seconds),
    emulated: l.emulated,
    cachedSteps: l.cachedSteps,
    cacheImported: l.cacheImported,
    cacheImportedRef: l.cacheImportedRef,
    stagingTag: l.stagingTag,
    builder: l.builder
  }
}

/** Seconds to one decimal, as the outputs and the summary show them. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 10) / 10
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}
