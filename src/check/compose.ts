// Compose files: services.*.image. A service with `build:` has no image to check (compose
// builds it from source; `image:` then only names the result), which the log says.
import type { Node } from 'yaml'
import type { ImageUse, ReaderNote } from './uses.js'
import type { Nodes } from './yaml-nodes.js'

/** Whether a document is a Compose file: a `services` mapping, and not a Kubernetes object. */
export function isComposeFile(nodes: Nodes, root: Node): boolean {
  return nodes.entries(nodes.get(root, 'services')).length > 0 && nodes.get(root, 'kind') === undefined
}

export function composeImages(nodes: Nodes, root: Node, file: string, notes: ReaderNote[]): ImageUse[] {
  const uses: ImageUse[] = []
  for (const [service, definition] of nodes.entries(nodes.get(root, 'services'))) {
    const imageNode = nodes.get(definition, 'image')
    const image = nodes.text(imageNode)
    // With build:, compose builds the image (image: only names the result): nothing to pull yet.
    if (nodes.get(definition, 'build') !== undefined) {
      notes.push({ level: 'info', message: `${file}: service ${service} is built from source (build:): no image to check; skipped` })
      continue
    }
    if (image === undefined || image.trim() === '') {
      notes.push({ level: 'info', message: `${file}: service ${service} names no image; skipped` })
      continue
    }
    // platform: pins the service (compose pulls that variant, wherever it runs).
    const platform = nodes.text(nodes.get(definition, 'platform'))?.trim()
    uses.push({
      image,
      format: 'compose',
      file,
      line: nodes.line(imageNode),
      kind: 'Compose service',
      name: service,
      container: service,
      ...(platform ? { pinned: [platform] } : {})
    })
  }
  return uses
}
