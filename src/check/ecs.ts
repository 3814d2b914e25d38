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
        container: nodes.text(nodes.get(container, 'name')) ?? '(unnamed)'
      }
    ]
  })
}
