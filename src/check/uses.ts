// Where an image is used: what every deployment-file reader gives back, one per container.

export type DeploymentFormat = 'kubernetes' | 'ecs' | 'compose'

export interface ImageUse {
  /** The image as the file writes it. */
  image: string
  format: DeploymentFormat
  file: string
  line?: number
  /** Deployment, CronJob, ECS task definition, Compose service, ... */
  kind: string
  name: string
  namespace?: string
  container: string
  /** init and ephemeral containers say so; app containers are plain. */
  role?: 'init' | 'ephemeral'
  /** The chart template a Helm-rendered document came from (its `# Source:` comment). */
  source?: string
  /**
   * The platforms the workload is pinned to (a nodeSelector or required node affinity on
   * kubernetes.io/arch, ECS runtimePlatform, Compose platform:): the image needs only these there.
   */
  pinned?: string[]
}

/** What a reader says besides the images: debug lines, log lines and warnings, in order. */
export interface ReaderNote {
  level: 'debug' | 'info' | 'warning'
  message: string
}

/** "k8s/app.yaml:12, Deployment shop/web, container app (init)" */
export function describeUse(use: ImageUse): string {
  const at = use.line === undefined ? use.file : `${use.file}:${use.line}`
  const workload = use.namespace ? `${use.namespace}/${use.name}` : use.name
  const role = use.role ? ` (${use.role})` : ''
  const from = use.source ? ` [${use.source}]` : ''
  const pinned = use.pinned ? `, pinned to ${use.pinned.join(', ')}` : ''
  return `${at}${from}, ${use.kind} ${workload}, container ${use.container}${role}${pinned}`
}
