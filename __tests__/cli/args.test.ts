// The CLI's command line: the action's inputs as flags of the same names, in each form a
// shell gives them, and every malformed command line refused with its exact message.
import { helpText, inputsOf, OPTIONS, parseArgs, UsageError } from '../../src/cli/args.js'
import { INPUTS, type Command } from '../../src/config/inputs-table.js'

const values = (argv: string[]) => Object.fromEntries(parseArgs(argv).values)

describe('parseArgs reads', () => {
  test('--name value and --name=value (values may hold = and spaces)', () => {
    expect(values(['build', '--repository', 'team/app', '--build-args=A=1 2', '--context', '.'])).toEqual({
      repository: ['team/app'],
      'build-args': ['A=1 2'],
      context: ['.']
    })
  })

  test('a list input repeated: one entry per flag, in order', () => {
    expect(values(['merge', '--tags', '1.0', '--tags=latest', '--platforms', 'linux/amd64,linux/arm64'])).toEqual({
      tags: ['1.0', 'latest'],
      platforms: ['linux/amd64,linux/arm64']
    })
  })

  test('a bare boolean flag is true; true or false after it is its value', () => {
    expect(values(['build', '--no-cache', '--push', 'false', '--pull', '--preflight=FALSE'])).toEqual({
      'no-cache': ['true'],
      push: ['false'],
      pull: ['true'],
      preflight: ['FALSE']
    })
  })

  test("the CLI's own options", () => {
    const invocation = parseArgs(['merge', '--json', '--password-stdin', '--attempt', '3', '--repository', 'a'])
    expect(invocation).toMatchObject({ command: 'merge', json: true, passwordStdin: true, attempt: '3', help: false })
  })

  test('--help anywhere, -h, help, and nothing at all', () => {
    expect(parseArgs(['build', '--repository', 'a', '--help'])).toMatchObject({ command: 'build', help: true })
    for (const [argv, help] of [
      [['-h'], true],
      [['help'], true],
      [[], false]
    ] as const) {
      const invocation = parseArgs(argv)
      expect([invocation.command, invocation.help]).toEqual([undefined, help])
    }
  })
})

describe('parseArgs refuses', () => {
  const table: [string, string[], string][] = [
    ['an unknown command', ['publish'], '"publish" is not a command: use build, merge, check (ecr-publish --help)'],
    ['a flag before the command', ['--repository', 'a'], '"--repository" is not a command: use build, merge, check (ecr-publish --help)'],
    ['a positional argument', ['build', 'team/app'], 'unexpected argument "team/app": flags take the form --name value or --name=value'],
    ['a single-dash flag', ['build', '-t', 'x'], 'unexpected argument "-t": flags take the form --name value or --name=value'],
    ['an unknown flag', ['build', '--tagz', 'x'], '--tagz is not a flag of build (ecr-publish build --help)'],
    ['a build flag to merge', ['merge', '--context', '.'], '--context is not a flag of merge, only of build (ecr-publish merge --help)'],
    ['a merge flag to build', ['build', '--sources', 'a:1'], '--sources is not a flag of build, only of merge (ecr-publish build --help)'],
    [
      'a password flag',
      ['build', '--password', 'hunter2'],
      '--password does not exist (a value in argv shows in process lists): pipe it to --password-stdin'
    ],
    [
      'a secrets flag',
      ['build', '--secrets', 'npm=tok'],
      '--secrets does not exist (values in argv show in process lists): give --secret-envs id=ENV_NAME or --secret-files id=path'
    ],
    [
      'a mode flag',
      ['build', '--mode', 'merge'],
      '--mode does not exist: the command is the mode (ecr-publish build, ecr-publish merge, ecr-publish check)'
    ],
    [
      'a flag without its value at the end',
      ['build', '--repository'],
      '--repository needs a value: --repository <value> or --repository=<value>'
    ],
    [
      'a flag followed by the next flag',
      ['build', '--repository', '--push'],
      '--repository needs a value: --repository <value> or --repository=<value>'
    ],
    ['a single-value flag twice', ['build', '--repository', 'a', '--repository', 'b'], '--repository is given twice: give it once'],
    ['a boolean twice', ['build', '--push', '--push'], '--push is given twice: give it once'],
    ['--attempt twice', ['build', '--attempt', '1', '--attempt', '2'], '--attempt is given twice: give it once'],
    ['--json with a value', ['build', '--json=true'], '--json takes no value']
  ]
  test.each(table)('%s', (_, argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message))
  })
})

describe('--help is generated from the table of inputs', () => {
  /** The flags a help text lists, with what it says of each one's default. */
  function listed(help: string): Map<string, string> {
    const flags = new Map<string, string>()
    for (const line of help.split('\n')) {
      const m = /^ {2}--([a-z-]+)(.*)$/.exec(line)
      if (m) flags.set(m[1], /\(required\)/.test(m[2]) ? 'required' : (/\(default: (.*)\)$/.exec(m[2])?.[1] ?? ''))
    }
    return flags
  }

  test.each<Command>(['build', 'merge', 'check'])(
    '%s --help lists exactly its inputs, with the table defaults, and the options',
    command => {
      const help = helpText(command)
      const expected = new Map([
        ...inputsOf(command).map(i => [i.name, i.required ? 'required' : (i.default ?? '')] as const),
        ...OPTIONS.map(o => [o.flag.split(' ')[0].slice(2), ''] as const)
      ])
      expect(listed(help)).toEqual(expected)
      for (const spec of inputsOf(command)) expect(help.replace(/\s+/g, ' ')).toContain(spec.description)
    }
  )

  test('every input is a flag of some command, but mode, password and secrets (the action only)', () => {
    expect(INPUTS.filter(i => i.commands.length === 0).map(i => i.name)).toEqual(['mode', 'password', 'secrets'])
  })

  test('each command flag parses (a value, or bare for a boolean)', () => {
    for (const command of ['build', 'merge', 'check'] as const)
      for (const spec of inputsOf(command)) {
        const argv = spec.kind === 'boolean' ? [command, `--${spec.name}`] : [command, `--${spec.name}`, 'x']
        expect(parseArgs(argv).values.get(spec.name)).toEqual([spec.kind === 'boolean' ? 'true' : 'x'])
      }
  })
})
