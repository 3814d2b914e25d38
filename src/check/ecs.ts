// ECS task definitions: containerDefinitions[].image, in the register-task-definition form
// or wrapped as `aws ecs describe-task-definition` prints it ({ "taskDefinition": {...} }).
import type { Node } from 'yaml'
import type { ImageUse } from './uses.js'
import type { Nodes } from './yaml-nodes.js'

/** The task definition a document holds, if it is one. */
export function taskDefinitionOf(nodes: Nodes, root: Node): Node | undefined {
  for (const candidate of [root, nodes.get(root, 'taskDefinition')])
    if (candidate !== undefined && nodes.get(candidate, 'containerDefinitions') !== undefined) return candidate
  return undefined
}

export function ecsImages(nodes: Nodes, taskDefinition: Node, file: string): ImageUse[] {
  const pinned = runtimePlatform(nodes, taskDefinition)
  const name =
    nodes.text(nodes.get(taskDefinition, 'family')) ?? nodes.text(nodes.get(taskDefinition, 'taskDefinitionArn')) ?? '(no family)'
  return nodes.items(nodes.get(taskDefinition, 'containerDefinitions')).flatMap((container): ImageUse[] => {
    const imageNode = nodes.get(container, 'image')
    const image = nodes.text(imageNode)
    if (image === undefined || image.trim() === '') return []
    return [
      {
        image,
        format: 'ecs',
        file,
        line: nodes.line(imageNode),
        kind: 'ECS task definition',
        name,
        container: nodes.text(nodes.get(container, 'name')) ?? '(unnamed)',
        ...(pinned ? { pinned: [pinned] } : {})
      }
    ]
  })
}

const CPU_ARCHITECTURES: Record<string, string> = { X86_64: 'amd64', ARM64: 'arm64' }

/** runtimePlatform: the one platform the task runs on, when it says (Linux by default; Windows families are amd64). */
function runtimePlatform(nodes: Nodes, taskDefinition: Node): string | undefined {
  const platform = nodes.get(taskDefinition, 'runtimePlatform')
  const cpu = nodes.text(nodes.get(platform, 'cpuArchitecture'))?.toUpperCase()
  const family = nodes.text(nodes.get(platform, 'operatingSystemFamily'))?.toUpperCase()
  const os = family?.startsWith('WINDOWS') ? 'windows' : 'linux'
  if (cpu !== undefined && CPU_ARCHITECTURES[cpu]) return `${os}/${CPU_ARCHITECTURES[cpu]}`
  return os === 'windows' ? 'windows/amd64' : undefined
}
