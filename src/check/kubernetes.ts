// Kubernetes objects: every container image of a pod spec, wherever the object keeps one
// (Pod, a pod template under spec.template as Deployment, StatefulSet, DaemonSet, ReplicaSet,
// Job and custom workloads have, CronJob's jobTemplate, PodTemplate), and the items of a List.
import type { Node } from 'yaml'
import type { ImageUse } from './uses.js'
import type { Nodes } from './yaml-nodes.js'

/** Lists inside lists, at most this deep. */
const LIST_DEPTH = 4

const CONTAINER_FIELDS: [string, ImageUse['role']][] = [
  ['initContainers', 'init'],
  ['containers', undefined],
  ['ephemeralContainers', 'ephemeral']
]

/** Whether a document is a Kubernetes object (apiVersion and kind). */
export function isKubernetesObject(nodes: Nodes, root: Node): boolean {
  return nodes.text(nodes.get(root, 'apiVersion')) !== undefined && nodes.text(nodes.get(root, 'kind')) !== undefined
}

/** The images an object's pods run, with where each is written. `file` and `source` say where the object is. */
export function kubernetesImages(nodes: Nodes, root: Node, where: { file: string; source?: string }, depth = 0): ImageUse[] {
  const kind = nodes.text(nodes.get(root, 'kind')) ?? ''
  const items = nodes.get(root, 'items')
  if (kind.endsWith('List') && items !== undefined) {
    if (depth >= LIST_DEPTH) return []
    return nodes.items(items).flatMap(item => kubernetesImages(nodes, item, where, depth + 1))
  }
  const podSpec = podSpecOf(nodes, root, kind)
  if (podSpec === undefined) return []
  const name = nodes.text(nodes.at(root, 'metadata', 'name')) ?? '(unnamed)'
  const namespace = nodes.text(nodes.at(root, 'metadata', 'namespace'))
  const pinned = pinnedArchitectures(nodes, podSpec)
  const uses: ImageUse[] = []
  for (const [field, role] of CONTAINER_FIELDS) {
    for (const container of nodes.items(nodes.get(podSpec, field))) {
      const imageNode = nodes.get(container, 'image')
      const image = nodes.text(imageNode)
      if (image === undefined || image.trim() === '') continue
      uses.push({
        image,
        format: 'kubernetes',
        file: where.file,
        line: nodes.line(imageNode) ?? nodes.line(container),
        kind,
        name,
        namespace,
        container: nodes.text(nodes.get(container, 'name')) ?? '(unnamed)',
        role,
        source: where.source,
        ...(pinned ? { pinned: pinned.map(arch => `linux/${arch}`) } : {})
      })
    }
  }
  return uses
}

/** The object's pod spec: one with a containers list, where its kind keeps it. */
function podSpecOf(nodes: Nodes, root: Node, kind: string): Node | undefined {
  const candidates =
    kind === 'Pod'
      ? [nodes.get(root, 'spec')]
      : [
          nodes.at(root, 'spec', 'template', 'spec'),
          nodes.at(root, 'spec', 'jobTemplate', 'spec', 'template', 'spec'),
          nodes.at(root, 'template', 'spec')
        ]
  return candidates.find(spec => spec !== undefined && nodes.get(spec, 'containers') !== undefined)
}

const ARCH_LABELS = new Set(['kubernetes.io/arch', 'beta.kubernetes.io/arch'])

/**
 * The architectures a pod spec is pinned to: its nodeSelector on kubernetes.io/arch, or its
 * required node affinity (terms are ORed: pinned only when every term names architectures with In).
 * Both given: the scheduler wants both, so the selector's architecture (when the affinity allows it).
 */
function pinnedArchitectures(nodes: Nodes, podSpec: Node): string[] | undefined {
  const selector = [...ARCH_LABELS]
    .map(label => nodes.text(nodes.get(nodes.get(podSpec, 'nodeSelector'), label)))
    .find(v => v !== undefined)
  const terms = nodes.items(
    nodes.at(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms')
  )
  let affinity: string[] | undefined
  if (terms.length > 0) {
    const perTerm = terms.map(term => {
      let allowed: string[] | undefined
      for (const expression of nodes.items(nodes.get(term, 'matchExpressions'))) {
        if (!ARCH_LABELS.has(nodes.text(nodes.get(expression, 'key')) ?? '')) continue
        if (nodes.text(nodes.get(expression, 'operator')) !== 'In') continue
        const values = nodes.items(nodes.get(expression, 'values')).flatMap(v => nodes.text(v) ?? [])
        allowed = allowed === undefined ? values : allowed.filter(v => values.includes(v))
      }
      return allowed
    })
    if (perTerm.every(t => t !== undefined)) affinity = [...new Set(perTerm.flat())]
  }
  if (selector !== undefined) return affinity === undefined || affinity.includes(selector) ? [selector] : []
  return affinity
}
