// Reads a Dockerfile far enough to know which external images a build pulls: its stages,
// the global ARGs FROM lines may use, and which stages the target needs. Pure: no I/O.
// Anything it does not understand becomes a reason (the pre-flight then warns), never a throw.

/** An external image a build of the target pulls. */
export interface BaseImage {
  /** As the Dockerfile names it, variables expanded: python:3.12-slim. */
  image: string
  /** 1-based line of the instruction that names it. */
  line: number
  /** FROM, COPY --from or RUN --mount. */
  instruction: string
  /** The stage's --platform, expanded (e.g. linux/amd64 when it names $BUILDPLATFORM); undefined: the target platform. */
  platform?: string
  /** The stage runs on $BUILDPLATFORM (the runner), not the target. */
  buildPlatform: boolean
}

export interface ReadOptions {
  target?: string
  buildArgs?: Record<string, string>
  /** Values of BuildKit's automatic platform ARGs (TARGETPLATFORM, BUILDPLATFORM, TARGETARCH, ...). */
  automatic?: Record<string, string>
}

export type DockerfileReading = { ok: true; images: BaseImage[] } | { ok: false; reason: string }

interface Stage {
  name?: string
  /** The image or earlier stage it starts from, expanded. */
  base: string
  line: number
  platform?: string
  buildPlatform: boolean
  /** Stage names/indexes or images this stage reads (COPY --from, RUN --mount from=). */
  uses: { ref: string; line: number; instruction: string }[]
}

interface Instruction {
  keyword: string
  args: string
  line: number
}

class ParseFailure extends Error {}

/** The automatic platform ARGs for a leg building `target` on a runner of `build` (os/arch[/variant]). */
export function automaticArgs(target: string, build: string): Record<string, string> {
  const split = (p: string, prefix: string): Record<string, string> => {
    const [os = '', arch = '', variant = ''] = p.split('/')
    return { [`${prefix}PLATFORM`]: p, [`${prefix}OS`]: os, [`${prefix}ARCH`]: arch, [`${prefix}VARIANT`]: variant }
  }
  return { ...split(target, 'TARGET'), ...split(build, 'BUILD') }
}

export function readDockerfile(text: string, options: ReadOptions = {}): DockerfileReading {
  try {
    return { ok: true, images: externalImages(parseStages(instructions(text), options), options.target) }
  } catch (err) {
    if (err instanceof ParseFailure) return { ok: false, reason: err.message }
    throw err
  }
}

/**
 * The frontend BuildKit runs for this Dockerfile: the `# syntax=` parser directive (or the
 * BUILDKIT_SYNTAX build-arg, which overrides it), with its line (0 for the build-arg).
 */
export function frontendImage(text: string, buildArgs: Record<string, string> = {}): { image: string; line: number } | undefined {
  const override = buildArgs.BUILDKIT_SYNTAX?.trim()
  if (override) return { image: override, line: 0 }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (const [i, line] of lines.entries()) {
    const m = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(line)
    if (!m) return undefined
    if (m[1].toLowerCase() === 'syntax') return { image: m[2], line: i + 1 }
  }
  return undefined
}

// ---- lines to instructions ----

/** Parser directives: `# key=value` lines at the very top, before any other line. */
function directives(lines: string[]): { escape: string; first: number } {
  let escape = '\\'
  let i = 0
  for (; i < lines.length; i++) {
    const m = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(lines[i])
    if (!m) break
    if (m[1].toLowerCase() === 'escape') {
      if (m[2] !== '\\' && m[2] !== '`') throw new ParseFailure(`line ${i + 1}: the escape directive accepts \\ or \`, not "${m[2]}"`)
      escape = m[2]
    }
  }
  return { escape, first: i }
}

/** Logical instructions: continuations joined, comments and heredoc bodies dropped. */
function instructions(text: string): Instruction[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const { escape } = directives(lines)
  const out: Instruction[] = []
  let i = 0
  while (i < lines.length) {
    const start = i
    if (/^\s*(#|$)/.test(lines[i])) {
      i++
      continue
    }
    let joined = ''
    for (;;) {
      const raw = lines[i++] ?? ''
      const trimmed = raw.replace(/\s+$/, '')
      if (trimmed.endsWith(escape) && !trimmed.endsWith(escape + escape)) {
        joined += trimmed.slice(0, -1)
        // Comment and blank lines inside a continuation are skipped, as BuildKit does.
        while (i < lines.length && /^\s*(#|$)/.test(lines[i])) i++
        if (i >= lines.length) break
        continue
      }
      joined += trimmed
      break
    }
    const m = /^\s*(\S+)\s*(.*)$/s.exec(joined)
    if (!m) continue
    const keyword = m[1].toUpperCase()
    out.push({ keyword, args: m[2], line: start + 1 })
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') i = skipHeredocs(lines, i, m[2], start + 1)
  }
  return out
}

/** Skips the bodies of `<<EOF` / `<<-"EOF"` heredocs the instruction opened; returns the next line. */
function skipHeredocs(lines: string[], next: number, args: string, line: number): number {
  let i = next
  for (const m of args.matchAll(/<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
    const [, dash, , word] = m
    while (i < lines.length && (dash ? lines[i].replace(/^\t+/, '') : lines[i]) !== word) i++
    if (i >= lines.length) throw new ParseFailure(`line ${line}: the heredoc <<${word} has no closing ${word} line`)
    i++
  }
  return i
}

// ---- words and variables ----

/** Splits on whitespace, honouring quotes (removed). */
function words(s: string, line: number): string[] {
  const out: string[] = []
  let current = ''
  let quote = ''
  let inWord = false
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = ''
      else current += c
    } else if (c === '"' || c === "'") {
      quote = c
      inWord = true
    } else if (/\s/.test(c)) {
      if (inWord) out.push(current)
      current = ''
      inWord = false
    } else {
      current += c
      inWord = true
    }
  }
  if (quote) throw new ParseFailure(`line ${line}: unterminated ${quote} quote`)
  if (inWord) out.push(current)
  return out
}

/** Expands $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt}, ${VAR+alt}; unset variables are empty. */
export function expand(s: string, vars: ReadonlyMap<string, string>, line = 0): string {
  let out = ''
  let i = 0
  while (i < s.length) {
    const c = s[i]
    if (c === '\\' && s[i + 1] === '$') {
      out += '$'
      i += 2
      continue
    }
    if (c !== '$') {
      out += c
      i++
      continue
    }
    const simple = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(s.slice(i))
    if (simple) {
      out += vars.get(simple[1]) ?? ''
      i += simple[0].length
      continue
    }
    if (s[i + 1] !== '{') {
      out += c
      i++
      continue
    }
    const close = matchingBrace(s, i + 1)
    if (close === -1) throw new ParseFailure(`line ${line}: "${s.slice(i)}" has no closing }`)
    const body = s.slice(i + 2, close)
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body)
    if (!m) throw new ParseFailure(`line ${line}: cannot expand \${${body}} (the pre-flight reads $VAR, \${VAR}, \${VAR:-default})`)
    const [, name, op, word = ''] = m
    const value = vars.get(name)
    const set = op?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined
    if (op === undefined) out += value ?? ''
    else if (op.endsWith('-')) out += set ? (value ?? '') : expand(word, vars, line)
    else out += set ? expand(word, vars, line) : ''
    i = close + 1
  }
  return out
}

function matchingBrace(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++
    else if (s[i] === '}' && --depth === 0) return i
  }
  return -1
}

// ---- stages ----

function parseStages(list: Instruction[], options: ReadOptions): Stage[] {
  const automatic = options.automatic ?? {}
  // FROM lines see the automatic platform ARGs and the ARGs declared before the first FROM.
  const vars = new Map<string, string>(Object.entries(automatic))
  const stages: Stage[] = []
  for (const ins of list) {
    if (ins.keyword === 'ARG' && stages.length === 0) {
      for (const word of words(ins.args, ins.line)) {
        const eq = word.indexOf('=')
        const name = eq === -1 ? word : word.slice(0, eq)
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ParseFailure(`line ${ins.line}: "${name}" is not an ARG name`)
        const given = options.buildArgs?.[name]
        if (given !== undefined) vars.set(name, given)
        else if (eq !== -1) vars.set(name, expand(word.slice(eq + 1), vars, ins.line))
        else if (!(name in automatic)) vars.delete(name)
      }
    } else if (ins.keyword === 'FROM') {
      stages.push(fromStage(ins, vars))
    } else if (stages.length === 0) {
      if (ins.keyword !== 'ARG') throw new ParseFailure(`line ${ins.line}: ${ins.keyword} before the first FROM`)
    } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const from = flags(ins.args).get('from')
      if (from !== undefined) stages[stages.length - 1].uses.push({ ref: from, line: ins.line, instruction: 'COPY --from' })
    } else if (ins.keyword === 'RUN') {
      for (const mount of flagValues(ins.args, 'mount')) {
        const from = /(?:^|,)from=([^,]+)/.exec(mount)?.[1]
        if (from !== undefined) stages[stages.length - 1].uses.push({ ref: from, line: ins.line, instruction: 'RUN --mount' })
      }
    }
  }
  if (stages.length === 0) throw new ParseFailure('the Dockerfile has no FROM instruction')
  return stages
}

function fromStage(ins: Instruction, vars: ReadonlyMap<string, string>): Stage {
  const parts = words(ins.args, ins.line)
  let platform: string | undefined
  let rawPlatform: string | undefined
  while (parts[0]?.startsWith('--')) {
    const flag = parts.shift() ?? ''
    const m = /^--platform=(.*)$/.exec(flag)
    if (!m) throw new ParseFailure(`line ${ins.line}: FROM flag ${flag} is not one the pre-flight reads (--platform)`)
    rawPlatform = m[1]
    platform = expand(m[1], vars, ins.line)
  }
  const [image, as, name, ...rest] = parts
  if (image === undefined) throw new ParseFailure(`line ${ins.line}: FROM names no image`)
  if (as !== undefined && (as.toLowerCase() !== 'as' || name === undefined || rest.length > 0))
    throw new ParseFailure(`line ${ins.line}: expected FROM [--platform=...] image [AS name]`)
  const base = expand(image, vars, ins.line)
  if (base === '') throw new ParseFailure(`line ${ins.line}: FROM ${image} expands to nothing (an ARG without a value?)`)
  return {
    name: name?.toLowerCase(),
    base,
    line: ins.line,
    platform: platform === '' ? undefined : platform,
    buildPlatform: rawPlatform !== undefined && /\$\{?BUILDPLATFORM\b/.test(rawPlatform),
    uses: []
  }
}

/** --name=value flags at the start of an instruction's arguments. */
function flags(args: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of args.matchAll(/(?:^|\s)--([a-z-]+)=(\S+)/g)) out.set(m[1], m[2].replace(/^["']|["']$/g, ''))
  return out
}

function flagValues(args: string, name: string): string[] {
  return [...args.matchAll(new RegExp(`(?:^|\\s)--${name}=(\\S+)`, 'g'))].map(m => m[1].replace(/^["']|["']$/g, ''))
}

// ---- the target's images ----

function externalImages(stages: Stage[], target: string | undefined): BaseImage[] {
  const index = new Map<string, number>()
  stages.forEach((s, i) => {
    if (s.name !== undefined) index.set(s.name, i)
  })
  const last = stages.length - 1
  const goal = target === undefined || target === '' ? last : index.get(target.toLowerCase())
  if (goal === undefined) throw new ParseFailure(`the target "${target}" is not a stage of the Dockerfile`)

  // A reference is an earlier stage (by name, or by index for COPY --from), or an image.
  const stageOf = (ref: string, before: number, byIndex: boolean): number | undefined => {
    const named = index.get(ref.toLowerCase())
    if (named !== undefined && named < before) return named
    if (byIndex && /^\d+$/.test(ref) && Number(ref) < before) return Number(ref)
    return undefined
  }
  const images: BaseImage[] = []
  const seen = new Set<number>()
  const visit = (i: number): void => {
    if (seen.has(i)) return
    seen.add(i)
    const stage = stages[i]
    const add = (image: string, line: number, instruction: string) => {
      if (image.toLowerCase() !== 'scratch')
        images.push({ image, line, instruction, platform: stage.platform, buildPlatform: stage.buildPlatform })
    }
    const base = stageOf(stage.base, i, false)
    if (base !== undefined) visit(base)
    else add(stage.base, stage.line, 'FROM')
    for (const use of stage.uses) {
      const used = stageOf(use.ref, i, true)
      if (used !== undefined) visit(used)
      else add(use.ref, use.line, use.instruction)
    }
  }
  visit(goal)
  return images.sort((a, b) => a.line - b.line)
}
