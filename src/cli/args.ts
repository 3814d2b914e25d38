// The CLI's command line: a command, then the action's inputs as flags of the same names
// (--name value, --name=value; a list input's flag may be repeated; a boolean's bare flag is
// true), and the CLI's own options. Flags and --help both come from the table of inputs.
import { INPUTS, type Command, type InputSpec } from '../config/inputs-table.js'

/** The commands (the action's modes) and what each does: --help's first lines. */
export const COMMANDS: Record<Command, string> = {
  build:
    "Build this machine's platform (or --platforms) and push it under this run's staging tag (the action's mode: build). Several platforms, or --publish-when-complete, publish the index too.",
  merge:
    "Publish one verified image index of the legs staged for this run under the release tags (the action's mode: merge). Needs no Docker.",
  check:
    "Check that every image the deployment files (--manifests) run has the platforms (the action's mode: check). Builds and pushes nothing; needs no Docker."
}

/** The CLI's own options, beside the inputs. */
export const OPTIONS = [
  {
    flag: '--json',
    description: "Print the outputs object (action.yml's outputs, by name) as JSON on stdout; the progress goes to stderr."
  },
  {
    flag: '--password-stdin',
    description:
      'Read the password or token of a non-ECR registry (with --username) from stdin. There is no password flag: a value in argv shows in process lists.'
  },
  {
    flag: '--attempt <n>',
    description:
      'The attempt of this run, 1, 2, ... (default 1; GITHUB_RUN_ATTEMPT in a GitHub workflow): a retried leg stages under the next one, and the merge takes the newest.'
  },
  { flag: '--help', description: 'This help.' }
] as const

export const PROGRAM = 'ecr-publish'

/** A command line that is not understood: exit 2, like bad input. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface Invocation {
  command?: Command
  help: boolean
  /** Input values by input name: a list input's repeated flags, one entry each. */
  values: Map<string, string[]>
  json: boolean
  passwordStdin: boolean
  attempt?: string
}

export function isCommand(word: string): word is Command {
  return Object.hasOwn(COMMANDS, word)
}

export function inputsOf(command: Command): InputSpec[] {
  return INPUTS.filter(i => i.commands.includes(command))
}

export function parseArgs(argv: readonly string[]): Invocation {
  const invocation: Invocation = { help: false, values: new Map(), json: false, passwordStdin: false }
  const [first, ...rest] = argv
  if (first === undefined) return invocation
  if (first === '--help' || first === '-h' || first === 'help') return { ...invocation, help: true }
  if (!isCommand(first)) {
    throw new UsageError(`"${first}" is not a command: use ${Object.keys(COMMANDS).join(', ')} (${PROGRAM} --help)`)
  }
  invocation.command = first
  const specs = new Map(inputsOf(first).map(i => [i.name, i]))
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]
    if (token === '--help' || token === '-h') {
      invocation.help = true
      continue
    }
    const flag = /^--([a-z][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(token)
    if (!flag) throw new UsageError(`unexpected argument "${token}": flags take the form --name value or --name=value`)
    const [, name, inline] = flag
    // The next token is this flag's value, unless there is none or it is the next flag.
    const next = (): string => {
      if (inline !== undefined) return inline
      const value = rest[i + 1]
      if (value === undefined || /^--[a-z]/.test(value))
        throw new UsageError(`--${name} needs a value: --${name} <value> or --${name}=<value>`)
      i++
      return value
    }
    if (name === 'json' || name === 'password-stdin') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`)
      if (name === 'json') invocation.json = true
      else invocation.passwordStdin = true
      continue
    }
    if (name === 'attempt') {
      if (invocation.attempt !== undefined) throw new UsageError('--attempt is given twice: give it once')
      invocation.attempt = next()
      continue
    }
    const spec = specs.get(name)
    if (!spec) throw new UsageError(notAFlag(first, name))
    const values = invocation.values.get(name) ?? []
    if (values.length > 0 && spec.kind !== 'list') throw new UsageError(`--${name} is given twice: give it once`)
    // A boolean's bare flag is true; a word after it is its value (checked as the input is).
    if (spec.kind === 'boolean' && inline === undefined && (rest[i + 1] === undefined || rest[i + 1].startsWith('--'))) values.push('true')
    else values.push(next())
    invocation.values.set(name, values)
  }
  return invocation
}

/** Why a flag is not one of this command's: the action-only inputs say what the CLI takes instead. */
function notAFlag(command: Command, name: string): string {
  if (name === 'password') return '--password does not exist (a value in argv shows in process lists): pipe it to --password-stdin'
  if (name === 'secrets')
    return '--secrets does not exist (values in argv show in process lists): give --secret-envs id=ENV_NAME or --secret-files id=path'
  if (name === 'mode') return `--mode does not exist: the command is the mode (${PROGRAM} build, ${PROGRAM} merge, ${PROGRAM} check)`
  const other = INPUTS.find(i => i.name === name)?.commands.filter(c => c !== command)
  if (other && other.length > 0) return `--${name} is not a flag of ${command}, only of ${other.join(', ')} (${PROGRAM} ${command} --help)`
  return `--${name} is not a flag of ${command} (${PROGRAM} ${command} --help)`
}

/** --help: the command's flags from the table (names, defaults, descriptions), then the CLI's own options. */
export function helpText(command?: Command): string {
  if (command === undefined) {
    return [
      `Usage: ${PROGRAM} <command> [flags]`,
      '',
      'Builds native per-architecture legs and publishes one verified multi-arch image index to Amazon ECR',
      '(or any OCI registry): the engine of the GitHub Action, for CodeBuild, GitLab CI and a laptop.',
      '',
      'Commands:',
      ...Object.entries(COMMANDS).flatMap(([name, text]) => [`  ${name}`, ...wrap(text, 6)]),
      '',
      `${PROGRAM} <command> --help lists the command's flags. Exit status: 0 done, 1 the operation failed, 2 bad input.`,
      ''
    ].join('\n')
  }
  const lines = [
    `Usage: ${PROGRAM} ${command} [flags]`,
    '',
    ...wrap(COMMANDS[command], 0),
    '',
    "Flags (the action's inputs: same names, same defaults):"
  ]
  for (const spec of inputsOf(command)) {
    const value = spec.kind === 'boolean' ? ' [true|false]' : spec.kind === 'list' ? ' <value> (repeatable)' : ' <value>'
    const note = spec.required ? '  (required)' : spec.default !== undefined ? `  (default: ${spec.default})` : ''
    lines.push(`  --${spec.name}${value}${note}`, ...wrap(spec.description, 6))
  }
  lines.push('', 'Options:')
  for (const option of OPTIONS) lines.push(`  ${option.flag}`, ...wrap(option.description, 6))
  return `${lines.join('\n')}\n`
}

/** Words to lines of at most 100 columns, indented. */
function wrap(text: string, indent: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent + line.length + 1 + word.length > 100) {
      lines.push(' '.repeat(indent) + line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(' '.repeat(indent) + line)
  return lines
}
