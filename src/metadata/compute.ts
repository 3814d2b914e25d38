// Tags from rules, flavor and the event, following docker/metadata-action's documented
// behaviour: rules in priority order, the first value names the version, `latest` decided by
// the first rule that produced a value (auto) or by the flavor (true/false).
import type { EventContext } from './context.js'
import type { Flavor, TagRule } from './rules.js'
import { RuleError } from './rules.js'
import { parseSemver, type SemVer } from './semver.js'
import { dateHelper, render, type TemplateValue } from './template.js'

export interface ComputedTags {
  /** The first (highest-priority) tag: the image's version label and the `version` output. */
  version?: string
  /** Every tag, version first, `latest` (with its flavor) last when it is generated. */
  tags: string[]
  /** The name of the latest tag when generated (`latest`, or with the flavor's prefix/suffix). */
  latest?: string
  /** The semver release this run publishes, when a semver rule produced the version: what `latest` is compared by. */
  semver?: SemVer
  /** Why a rule produced nothing (a non-semver tag, a pattern that did not match), for the log. */
  notes: string[]
}

const TAG_MAX = 128

/** Invalid character runs become '-'; a leading '.' or '-' (refused by registries) is dropped. */
export function sanitizeTagValue(value: string): string {
  return value
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, TAG_MAX)
}

export function shortSha(sha: string, length = 7): string {
  return sha.slice(0, length)
}

/** The expressions prefix=, suffix=, value= and enable= may use. */
export function globalExpressions(ctx: EventContext, now: Date): Record<string, TemplateValue> {
  const branch = ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : ''
  const isDefault =
    branch !== '' && branch === ctx.repository.defaultBranch
      ? 'true'
      : // These events always run on the default branch's last commit.
        /^(create|discussion|issues|schedule)/.test(ctx.eventName)
        ? 'true'
        : 'false'
  return {
    branch,
    tag: ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : '',
    sha: shortSha(ctx.sha),
    base_ref: ctx.baseRef ?? '',
    is_default_branch: isDefault,
    date: dateHelper(now),
    commit_date: dateHelper(ctx.commitDate ?? now)
  }
}

export function computeTags(rules: TagRule[], flavor: Flavor, ctx: EventContext, now: Date): ComputedTags {
  const globals = globalExpressions(ctx, now)
  const exp = (s: string) => render(s, globals)
  const tags: string[] = []
  const notes: string[] = []
  let latest: boolean | undefined
  let semver: SemVer | undefined
  const auto = (when: boolean) => (flavor.latest === 'auto' ? when : flavor.latest === 'true')

  // Rule prefix/suffix (even empty) replace the flavor's.
  const withAffixes = (value: string, rule: TagRule) => {
    const prefix = 'prefix' in rule.attrs ? rule.attrs.prefix : flavor.prefix
    const suffix = 'suffix' in rule.attrs ? rule.attrs.suffix : flavor.suffix
    return `${exp(prefix)}${value}${exp(suffix)}`
  }
  const add = (value: string, rule: TagRule, latestHere: boolean, version?: SemVer) => {
    if (value === '') return
    const tag = sanitizeTagValue(withAffixes(value, rule))
    if (tag === '') return
    semver ??= version
    if (!tags.includes(tag)) tags.push(tag)
    latest ??= latestHere
  }
  const tagName = ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : undefined
  const branch = ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : undefined

  for (const rule of rules) {
    const enabled = exp(rule.attrs.enable).trim()
    if (enabled !== 'true' && enabled !== 'false') throw new RuleError(`enable= in "${rule.source}" is "${enabled}", not true or false`)
    if (enabled === 'false') continue
    const a = rule.attrs
    switch (rule.type) {
      case 'schedule':
        if (ctx.eventName === 'schedule')
          add(render(a.pattern, { date: globals.date, commit_date: globals.commit_date }), rule, auto(false))
        break
      case 'semver': {
        if (tagName === undefined && a.value === '') break
        const raw = a.value !== '' ? exp(a.value) : tagName!.replace(/\//g, '-')
        const v = parseSemver(raw)
        if (!v) {
          notes.push(`${rule.source}: "${raw}" is not a semver version, no tag`)
          break
        }
        const values: Record<string, string> = {
          raw: v.raw,
          version: v.version,
          major: String(v.major),
          minor: String(v.minor),
          patch: String(v.patch)
        }
        // A pre-release only ever gets its full version (or {{raw}} alone): never 1, 1.2 or latest.
        const pre = v.prerelease.length > 0
        const pattern = pre && a.pattern.replace(/\s/g, '') !== '{{raw}}' ? '{{version}}' : a.pattern
        add(render(pattern, values), rule, auto(!pre), v)
        break
      }
      case 'match': {
        if (tagName === undefined && a.value === '') break
        const raw = a.value !== '' ? exp(a.value) : tagName!
        const literal = /^\/(.+)\/([a-z]*)$/.exec(a.pattern)
        let m: RegExpMatchArray | null
        try {
          m = raw.match(literal ? new RegExp(literal[1], literal[2]) : new RegExp(a.pattern))
        } catch (error) {
          throw new RuleError(`pattern in "${rule.source}" is not a regular expression: ${(error as Error).message}`)
        }
        const group = m?.[Number(a.group)]
        if (!m) notes.push(`${rule.source}: "${raw}" does not match, no tag`)
        else if (group === undefined) notes.push(`${rule.source}: group ${a.group} did not match in "${raw}", no tag`)
        else add(group, rule, auto(true))
        break
      }
      case 'edge':
        if (branch !== undefined && branch === (a.branch || ctx.repository.defaultBranch)) add('edge', rule, auto(false))
        break
      case 'ref':
        if (a.event === 'branch' && branch !== undefined) add(branch, rule, auto(false))
        else if (a.event === 'tag' && tagName !== undefined) add(tagName, rule, auto(true))
        else if (a.event === 'pr' && ctx.ref.startsWith('refs/pull/'))
          add(ctx.ref.slice('refs/pull/'.length).replace(/\/merge$/, ''), rule, auto(false))
        break
      case 'raw':
        add(exp(a.value), rule, auto(false))
        break
      case 'sha':
        if (ctx.sha) add(a.format === 'long' ? ctx.sha : shortSha(ctx.sha), rule, auto(false))
        break
    }
  }
  if (tags.length === 0) return { tags, notes }
  const result: ComputedTags = { version: tags[0], tags, notes, semver }
  if (latest) {
    const name = sanitizeTagValue(`${flavor.prefixOnLatest ? flavor.prefix : ''}latest${flavor.suffixOnLatest ? flavor.suffix : ''}`)
    if (!tags.includes(name)) tags.push(name)
    result.latest = name
  }
  return result
}
