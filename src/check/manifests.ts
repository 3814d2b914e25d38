// One deployment file, read safely: bounded in size, every YAML document (JSON is YAML)
// parsed with line numbers, aliases bounded, each document given to the reader of its
// format. Problems name the file and line; nothing here throws on hostile input.
import { open } from 'node:fs/promises'
import { LineCounter, parseAllDocuments, type Document, type Node } from 'yaml'
import { composeImages, isComposeFile } from './compose.js'
import { ecsImages, taskDefinitionOf } from './ecs.js'
import { isKubernetesObject, kubernetesImages } from './kubernetes.js'
import type { ImageUse, ReaderNote } from './uses.js'
import { Nodes } from './yaml-nodes.js'

/** Deployment files are small; a larger one is not read (and the check says so). */
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024
/** Alias expansions allowed per document when it is converted whole (the guard against a "billion laughs"). */
export const MAX_ALIAS_COUNT = 1000

export interface FileReading {
  uses: ImageUse[]
  notes: ReaderNote[]
  /** Why (part of) the file could not be read: its images are then not all checked. */
  problems: string[]
}

/** Reads one file from disk, at most MAX_MANIFEST_BYTES of it. */
export async function readManifestFile(path: string, name = path): Promise<FileReading> {
  let handle
  try {
    handle = await open(path, 'r')
    const buffer = Buffer.alloc(MAX_MANIFEST_BYTES + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > MAX_MANIFEST_BYTES)
      return problem(`${name}: larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MB, the most the check reads of a file: not checked`)
    return readManifestText(buffer.subarray(0, length).toString('utf8'), name)
  } catch (err) {
    return problem(`${name}: cannot read it: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    await handle?.close()
  }
}

/** Reads one file's text: every document of it, in order. */
export function readManifestText(text: string, file: string): FileReading {
  const reading: FileReading = { uses: [], notes: [], problems: [] }
  const lines = new LineCounter()
  const parsed = parseAllDocuments(text, { lineCounter: lines })
  const documents = Array.isArray(parsed) ? parsed : []
  for (const [index, doc] of documents.entries()) {
    const error = doc.errors[0]
    if (error) {
      const line = lines.linePos(error.pos[0]).line
      const helm = /\{\{.*\}\}/.test(text)
        ? ': it holds {{ }} template expressions, so it looks like an unrendered Helm template: run `helm template` and check its output instead'
        : ''
      // The library's first line ends "at line L, column C:"; the line is said up front already.
      const message = error.message.split('\n')[0].replace(/ at line \d+, column (\d+):?$/, ' (column $1)')
      reading.problems.push(`${file}:${line}: invalid YAML: ${message}${helm}`)
      // Later documents may be fine, but positions after a broken one are not to be trusted.
      break
    }
    readDocument(doc, new Nodes(doc, lines), text, file, index, reading)
  }
  if (reading.uses.some(use => /\{\{.*\}\}/.test(use.image)))
    reading.notes.push({
      level: 'warning',
      message: `${file}: images hold {{ }} template expressions, so it looks like an unrendered Helm template: run \`helm template\` and check its output instead`
    })
  return reading
}

function readDocument(doc: Document, nodes: Nodes, text: string, file: string, index: number, reading: FileReading): void {
  const root = nodes.resolve(doc.contents)
  if (root === undefined || root === null) return
  const at = `${file}:${nodes.line(root) ?? 1}`
  try {
    // The one whole-tree conversion: it throws past MAX_ALIAS_COUNT expansions, before any reader walks an alias bomb.
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (err) {
    reading.problems.push(
      `${at}: not read: ${err instanceof Error ? err.message : String(err)} (YAML aliases expanding past ${MAX_ALIAS_COUNT})`
    )
    return
  }
  const taskDefinition = taskDefinitionOf(nodes, root)
  if (taskDefinition !== undefined) {
    reading.uses.push(...ecsImages(nodes, taskDefinition, file))
  } else if (isKubernetesObject(nodes, root)) {
    reading.uses.push(...kubernetesImages(nodes, root, { file, source: helmSource(text, doc, root) }))
  } else if (isComposeFile(nodes, root)) {
    reading.uses.push(...composeImages(nodes, root, file, reading.notes))
  } else {
    reading.notes.push({
      level: 'debug',
      message: `${at}: document ${index + 1} is not a Kubernetes object, ECS task definition or Compose file; ignored`
    })
  }
}

/** The `# Source: chart/templates/x.yaml` comment helm template writes above each document. */
function helmSource(text: string, doc: Document, root: Node): string | undefined {
  const start = doc.range?.[0] ?? 0
  const end = root.range?.[0] ?? start
  const head = text.slice(start, end)
  return /^#\s*Source:\s*(\S+)/m.exec(head)?.[1]
}

function problem(message: string): FileReading {
  return { uses: [], notes: [], problems: [message] }
}
