// The `tags` input in any of its forms, resolved once: metadata-action's rules (a line
// starting with type=), or a plain list (tags as today, or full references into this
// repository as metadata-action's `tags` output gives), or nothing (tags from git).
import type { GitContext } from '../git/context.js'
import { parseReference } from '../oci/reference.js'
import { defaultTags } from '../oci/tags.js'
import { computeTags } from './compute.js'
import type { EventContext } from './context.js'
import { isRuleGrammar, parseFlavor, parseRules, RuleError } from './rules.js'
import type { SemVer } from './semver.js'

export interface ResolvedTags {
  tags: string[]
  /** The image version: the first tag (latest excepted). */
  version?: string
  /** The floating tag that `latest-policy` guards, when the tags hold one. */
  latest?: string
  /** What `latest` is compared by: the semver a rule produced, else the version. */
  published?: SemVer | string
  notes: string[]
}

export interface TagSources {
  tags?: string
  flavor?: string
  repository: string
  /** The registry input, when it names a host: full references must name it too. */
  registryHost?: string
  /** Mirrors of this repository (host and path): full references to them name the same tags. */
  mirrors?: readonly { registry: string; repository: string }[]
  git: GitContext
  event: EventContext
  now: Date
}

export function resolveTags(s: TagSources): ResolvedTags {
  if (s.tags !== undefined && isRuleGrammar(s.tags)) {
    const computed = computeTags(parseRules(s.tags), parseFlavor(s.flavor ?? ''), s.event, s.now)
    return {
      tags: computed.tags,
      version: computed.version,
      latest: computed.latest,
      published: computed.semver ?? computed.version,
      notes: computed.notes
    }
  }
  if (s.flavor !== undefined)
    throw new RuleError(
      'applies to tag rules only: write tags as rules, one per line (type=semver,pattern={{version}} ...), or leave flavor out',
      'flavor'
    )
  const tags = s.tags !== undefined ? listedTags(list(s.tags), s) : s.git.sha ? defaultTags(s.git) : []
  const version = tags.find(t => t !== 'latest')
  return { tags, version, latest: tags.includes('latest') ? 'latest' : undefined, published: version, notes: [] }
}

function list(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map(v => v.trim())
    .filter(v => v !== '')
}

/**
 * The tags a plain list names. Full references naming one tag for several images (this
 * repository and its mirrors, as metadata-action lists them) give it once; a plain tag
 * listed twice stays twice, for the input check to refuse.
 */
function listedTags(entries: string[], s: TagSources): string[] {
  const tags = entries.map(entry => ownTag(entry, s))
  return tags.filter((tag, i) => !isReference(entries[i]) || tags.indexOf(tag) === i)
}

/** Only what starts with a registry host is a reference; anything else is a tag (checked as one). */
function isReference(entry: string): boolean {
  const first = entry.split('/')[0]
  return entry.includes('/') && (/[.:]/.test(first) || first === 'localhost')
}

/** `registry/repo:tag` naming this repository (or a mirror) means `tag`; a plain tag is itself. */
function ownTag(entry: string, s: TagSources): string {
  if (!isReference(entry)) return entry
  const ref = parseReference(entry)
  const primary = ref.repository === s.repository && (s.registryHost === undefined || ref.registry === s.registryHost)
  const mirror = s.mirrors?.some(m => m.registry === ref.registry && m.repository === ref.repository) ?? false
  if (!(primary || mirror) || ref.tag === undefined || ref.digest !== undefined)
    throw new RuleError(
      `"${entry}" is not a tag of ${s.registryHost ?? '<registry>'}/${s.repository}: give tags, or full references <registry>/${s.repository}:<tag> (or to one of the mirrors)`
    )
  return ref.tag
}
