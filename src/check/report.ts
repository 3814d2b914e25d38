// Verdicts: each distinct image against the platforms asked for, with every place it is used;
// and, for each workload that uses an image lacking one, what to do about it. Pure.
import { formatPlatform, parsePlatform, platformsMatch } from '../oci/platform.js'
import type { Platform } from '../oci/types.js'
import type { PlatformAnswer } from './platforms.js'
import type { DeploymentFormat, ImageUse } from './uses.js'

export type Verdict = 'ready' | 'missing' | 'unknown'

export interface ImageReport {
  /** The canonical name (docker.io/library/nginx:latest), or the image as written when it has none. */
  image: string
  verdict: Verdict
  /** Platforms the image has (empty when unknown). */
  has: string[]
  /** Platforms asked for that it lacks. */
  missing: string[]
  /** Why the verdict is unknown. */
  reason?: string
  uses: ImageUse[]
  /** The uses whose workload needs a platform the image lacks, and which (a pinned workload needs only its pin). */
  lacking: { use: ImageUse; missing: string[] }[]
}

/**
 * The platforms an image must have: those asked for, except where every use of it is in a
 * workload pinned elsewhere (then the pinned ones). A pin that is no platform counts as unpinned.
 */
export function neededPlatforms(uses: ImageUse[], wanted: Platform[]): Platform[] {
  const needed = new Map<string, Platform>()
  for (const use of uses) {
    let platforms = wanted
    if (use.pinned) {
      try {
        platforms = use.pinned.map(parsePlatform)
      } catch {
        platforms = wanted
      }
    }
    for (const p of platforms) needed.set(formatPlatform(p), p)
  }
  return uses.length === 0 ? wanted : [...needed.values()]
}

export function judge(image: string, uses: ImageUse[], answer: PlatformAnswer, wanted: Platform[]): ImageReport {
  if (!answer.ok) return { image, verdict: 'unknown', has: [], missing: [], reason: answer.reason, uses, lacking: [] }
  const has = answer.platforms.map(formatPlatform)
  const lacks = (needed: Platform[]) => needed.filter(w => !answer.platforms.some(p => platformsMatch(w, p))).map(formatPlatform)
  const missing = lacks(neededPlatforms(uses, wanted))
  const lacking = uses.map(use => ({ use, missing: lacks(neededPlatforms([use], wanted)) })).filter(l => l.missing.length > 0)
  return { image, verdict: missing.length > 0 ? 'missing' : 'ready', has, missing, uses, lacking }
}

export interface WorkloadAdvice {
  format: DeploymentFormat
  /** "Deployment shop/web (k8s/app.yaml)" */
  workload: string
  /** One line per image lacking a platform: image, container, what it lacks. */
  images: string[]
  /** What to do: replace, or pin to the platforms every image of it has. */
  advice: string
}

/** Per workload with a missing platform, the fix: replace the image, or pin the workload where all its images run. */
export function workloadAdvice(reports: ImageReport[], wanted: Platform[]): WorkloadAdvice[] {
  const workloads = new Map<string, { format: DeploymentFormat; label: string; lacking: Map<ImageReport, ImageReport['lacking']> }>()
  for (const report of reports)
    for (const lack of report.lacking) {
      const use = lack.use
      const key = `${use.file}\u0000${use.kind}\u0000${use.namespace ?? ''}\u0000${use.name}`
      let entry = workloads.get(key)
      if (!entry) {
        const name = use.namespace ? `${use.namespace}/${use.name}` : use.name
        entry = { format: use.format, label: `${use.kind} ${name} (${use.file})`, lacking: new Map() }
        workloads.set(key, entry)
      }
      entry.lacking.set(report, [...(entry.lacking.get(report) ?? []), lack])
    }
  return [...workloads.values()].map(entry => {
    const lacked = new Set<string>()
    const images = [...entry.lacking].map(([report, lacks]) => {
      const missing = [...new Set(lacks.flatMap(l => l.missing))]
      for (const m of missing) lacked.add(m)
      const containers = [...new Set(lacks.map(l => l.use.container))].join(', ')
      return `${report.image} (container ${containers}) has no ${missing.join(', ')}: it has ${report.has.join(', ') || 'none'}`
    })
    // Where the workload can run as it is: the platforms asked for that none of its images lacks.
    const runs = wanted.map(formatPlatform).filter(p => !lacked.has(p))
    return { format: entry.format, workload: entry.label, images, advice: adviceFor(entry.format, runs) }
  })
}

const ECS_ARCH: Record<string, string> = { amd64: 'X86_64', arm64: 'ARM64' }

function adviceFor(format: DeploymentFormat, runs: string[]): string {
  const replace = 'Replace the image with one built for every platform (a multi-arch index)'
  if (runs.length === 0) return `${replace}: no platform asked for has all of its images.`
  const linux = runs.filter(p => p.startsWith('linux/'))
  const arch = (linux[0] ?? runs[0]).split('/')[1]
  switch (format) {
    case 'kubernetes':
      return (
        `${replace}, or pin the workload to ${runs.join(', ')} until it has one: in the pod template, ` +
        `\`nodeSelector: {kubernetes.io/arch: ${arch}}\` (or a requiredDuringSchedulingIgnoredDuringExecution node affinity on kubernetes.io/arch).`
      )
    case 'ecs':
      return `${replace}, or pin the task definition: \`"runtimePlatform": {"cpuArchitecture": "${ECS_ARCH[arch] ?? arch.toUpperCase()}", "operatingSystemFamily": "LINUX"}\`.`
    case 'compose':
      return `${replace}, or pin the service: \`platform: ${linux[0] ?? runs[0]}\`.`
  }
}
