// metadata-action's `tags` and `flavor` grammar: one entry per line, each a CSV row of
// `key=value` fields ("quoted" when a value holds a comma). Parsing only: no context here.

export class RuleError extends Error {
  constructor(
    message: string,
    /** The input at fault. */
    readonly input: 'tags' | 'flavor' = 'tags'
  ) {
    super(message)
    this.name = 'RuleError'
  }
}

export const ruleTypes = ['schedule', 'semver', 'match', 'edge', 'ref', 'raw', 'sha'] as const
export type RuleType = (typeof ruleTypes)[number]

/** Default priorities by type: the higher, the earlier in the list (the first names the version). */
export const defaultPriority: Record<RuleType, number> = {
  schedule: 1000,
  semver: 900,
  match: 800,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100
}

export interface TagRule {
  type: RuleType
  /** The attributes as written (keys lower-cased), defaults filled in. `prefix`/`suffix` present only when set. */
  attrs: Record<string, string>
  priority: number
  /** The line as written, for messages. */
  source: string
}

export interface Flavor {
  latest: 'auto' | 'true' | 'false'
  prefix: string
  prefixOnLatest: boolean
  suffix: string
  suffixOnLatest: boolean
}

export const defaultFlavor: Flavor = { latest: 'auto', prefix: '', prefixOnLatest: false, suffix: '', suffixOnLatest: false }

/** metadata-action's rules when `tags` is empty. */
export const defaultRuleLines = ['type=schedule', 'type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr']

/** True when the input is written in the rule grammar (a line starts with `type=`), not as a plain list. */
export function isRuleGrammar(input: string): boolean {
  return input.split('\n').some(line => /^type\s*=/i.test(line.trim()))
}

/** One CSV row: commas separate fields; a field (or the value after `key=`) may be "quoted", "" inside quotes being one ". */
export function splitFields(line: string, input: 'tags' | 'flavor' = 'tags'): string[] {
  const fields: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  while (i < line.length) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else field += c
      i++
      continue
    }
    if (c === '"' && (field.trim() === '' || /^[^"=]+=\s*$/.test(field))) {
      if (field.trim() === '') field = ''
      quoted = true
    } else if (c === ',') {
      fields.push(field)
      field = ''
    } else field += c
    i++
  }
  if (quoted) throw new RuleError(`unclosed quote in "${line}": close each "quoted value"`, input)
  fields.push(field)
  return fields.map(f => f.trim()).filter(f => f !== '')
}

function field(text: string): [string | undefined, string] {
  const eq = text.indexOf('=')
  return eq <= 0 ? [undefined, text] : [text.slice(0, eq).trim().toLowerCase(), text.slice(eq + 1).trim()]
}

const known: Record<RuleType, string[]> = {
  schedule: ['pattern'],
  semver: ['pattern', 'value'],
  match: ['pattern', 'group', 'value'],
  edge: ['branch'],
  ref: ['event'],
  raw: ['value'],
  sha: ['format']
}

export function parseRule(line: string): TagRule {
  const attrs: Record<string, string> = {}
  let type: RuleType | undefined
  for (const text of splitFields(line)) {
    const [key, value] = field(text)
    if (key === undefined) attrs.value = value
    else if (key === 'type') {
      if (!(ruleTypes as readonly string[]).includes(value))
        throw new RuleError(`unknown type "${value}" in "${line}": use one of ${ruleTypes.join(', ')}`)
      type = value as RuleType
    } else attrs[key] = value
  }
  // A line without type= is a raw value, as in metadata-action.
  type ??= 'raw'
  const accepted = [...known[type], 'enable', 'priority', 'prefix', 'suffix']
  const unknown = Object.keys(attrs).find(k => !accepted.includes(k))
  if (unknown !== undefined)
    throw new RuleError(`"${unknown}" is not an attribute of type=${type} in "${line}": use ${accepted.join(', ')}`)
  const need = (attr: string) => {
    if (!(attr in attrs)) throw new RuleError(`type=${type} needs ${attr}= in "${line}"`)
  }
  switch (type) {
    case 'schedule':
      attrs.pattern ??= 'nightly'
      break
    case 'semver':
      need('pattern')
      attrs.value ??= ''
      break
    case 'match':
      need('pattern')
      attrs.group ??= '0'
      if (!/^[0-9]+$/.test(attrs.group)) throw new RuleError(`group "${attrs.group}" in "${line}" is not a group number (0, 1, ...)`)
      attrs.value ??= ''
      break
    case 'edge':
      attrs.branch ??= ''
      break
    case 'ref':
      need('event')
      if (!['branch', 'tag', 'pr'].includes(attrs.event))
        throw new RuleError(`event "${attrs.event}" in "${line}" is not one of branch, tag, pr`)
      // The PR number alone is not a tag name: pr- unless a prefix is given (even an empty one).
      if (attrs.event === 'pr' && !('prefix' in attrs)) attrs.prefix = 'pr-'
      break
    case 'raw':
      need('value')
      break
    case 'sha':
      if (!('prefix' in attrs)) attrs.prefix = 'sha-'
      attrs.format ??= 'short'
      if (!['short', 'long'].includes(attrs.format)) throw new RuleError(`format "${attrs.format}" in "${line}" is not short or long`)
      break
  }
  attrs.enable ??= 'true'
  const priority = attrs.priority === undefined ? defaultPriority[type] : Number(attrs.priority)
  if (!Number.isSafeInteger(priority)) throw new RuleError(`priority "${attrs.priority}" in "${line}" is not a whole number`)
  return { type, attrs, priority, source: line.trim() }
}

/** Every non-empty line is a rule; the result is in priority order (highest first, ties as written). */
export function parseRules(input: string): TagRule[] {
  const lines = input.split('\n').filter(line => line.trim() !== '')
  const rules = (lines.length ? lines : defaultRuleLines).map(parseRule)
  return rules
    .map((rule, i) => ({ rule, i }))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.i - b.i)
    .map(({ rule }) => rule)
}

/** `latest=auto|true|false`, `prefix=…[,onlatest=true]`, `suffix=…[,onlatest=true]`, one per line. */
export function parseFlavor(input: string): Flavor {
  const flavor = { ...defaultFlavor }
  for (const line of input.split('\n').filter(l => l.trim() !== '')) {
    let onLatestFor: 'prefix' | 'suffix' | undefined
    for (const text of splitFields(line, 'flavor')) {
      const [key, value] = field(text)
      switch (key) {
        case 'latest':
          if (value !== 'auto' && value !== 'true' && value !== 'false')
            throw new RuleError(`latest "${value}" is not auto, true or false`, 'flavor')
          flavor.latest = value
          break
        case 'prefix':
        case 'suffix':
          flavor[key] = value
          onLatestFor = key
          break
        case 'onlatest':
          if (value !== 'true' && value !== 'false') throw new RuleError(`onlatest "${value}" is not true or false`, 'flavor')
          if (onLatestFor === undefined)
            throw new RuleError(`onlatest in "${line.trim()}" follows no prefix= or suffix= on its line`, 'flavor')
          flavor[onLatestFor === 'prefix' ? 'prefixOnLatest' : 'suffixOnLatest'] = value === 'true'
          break
        default:
          throw new RuleError(
            `"${line.trim()}" is not a flavor entry: use latest=auto|true|false, prefix=…[,onlatest=true], suffix=…[,onlatest=true]`
          )
      }
    }
  }
  return flavor
}
