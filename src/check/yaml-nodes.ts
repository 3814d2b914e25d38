// Reading parsed YAML nodes where they stand, so that every image keeps its line: map
// lookups that follow aliases and `<<` merge keys (as Kubernetes' YAML reader does), and
// nothing that expands a whole tree (an alias bomb stays unexpanded here).
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'

/** Aliases followed in a row before giving up (an alias of an alias of ...). */
const ALIAS_HOPS = 16
/** `<<` merge keys followed in a row. */
const MERGE_DEPTH = 8

export class Nodes {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter
  ) {}

  /** The node itself, or what an alias points at. */
  resolve(node: unknown): Node | undefined {
    let current = node
    for (let hop = 0; hop < ALIAS_HOPS && isAlias(current); hop++) current = current.resolve(this.doc)
    return isAlias(current) ? undefined : (current as Node | undefined)
  }

  /** A mapping's value under `key` (through `<<` merge keys), resolved. */
  get(node: unknown, key: string, depth = 0): Node | undefined {
    const map = this.resolve(node)
    if (!isMap(map) || depth > MERGE_DEPTH) return undefined
    for (const pair of map.items) if (isScalar(pair.key) && pair.key.value === key) return this.resolve(pair.value)
    for (const pair of map.items) {
      if (!isScalar(pair.key) || pair.key.value !== '<<') continue
      const merged = this.resolve(pair.value)
      for (const source of isSeq(merged) ? merged.items : [merged]) {
        const found = this.get(source, key, depth + 1)
        if (found !== undefined) return found
      }
    }
    return undefined
  }

  /** Following keys one after the other: at(root, 'spec', 'template', 'spec'). */
  at(node: unknown, ...keys: string[]): Node | undefined {
    let current = this.resolve(node)
    for (const key of keys) current = this.get(current, key)
    return current
  }

  /** A scalar's value as text (numbers too), else undefined. */
  text(node: unknown): string | undefined {
    const scalar = this.resolve(node)
    if (!isScalar(scalar) || scalar.value === null || typeof scalar.value === 'object') return undefined
    return String(scalar.value)
  }

  /** A sequence's items, resolved; [] for anything else. */
  items(node: unknown): Node[] {
    const seq = this.resolve(node)
    return isSeq(seq) ? seq.items.map(item => this.resolve(item)).filter((item): item is Node => item !== undefined) : []
  }

  /** A mapping's entries as [key, value], resolved. */
  entries(node: unknown): [string, Node | undefined][] {
    const map = this.resolve(node)
    if (!isMap(map)) return []
    return map.items.flatMap(pair =>
      isScalar(pair.key) ? [[String(pair.key.value), this.resolve(pair.value)] as [string, Node | undefined]] : []
    )
  }

  /** The 1-based line a node starts on. */
  line(node: unknown): number | undefined {
    const range = (node as Node | undefined)?.range
    return range ? this.lines.linePos(range[0]).line : undefined
  }
}
