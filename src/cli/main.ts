// The CLI edge: flags -> the same parseInputs as the action -> runPlan -> lines, or the
// outputs object with --json. Exit 0 done, 1 the operation failed, 2 bad input. What the
// action's post step does (builder removal, docker logout) runs when the command ends.
import { readFileSync } from 'node:fs'
import { release } from 'node:os'
import { detectRunner } from '../config/runner.js'
import { cleanupRun, type CleanupState } from '../commands/cleanup.js'
import { runPlan, type RunOutcome } from '../commands/run.js'
import { InputError, parseInputs, type Inputs } from '../config/inputs.js'
import { CheckInputError, parseCheckInputs } from '../check/inputs.js'
import { describeUse } from '../check/uses.js'
import { buildOutputs, checkOutputs, mergeOutputs, metadataOutputs, type Outputs } from '../config/outputs.js'
import { setCommandOutput, type OutputSink } from '../docker/cli.js'
import { describeProxyEnv, readProxyEnv } from '../net/proxy.js'
import { helpText, parseArgs, PROGRAM, UsageError, type Invocation } from './args.js'
import { ciRunContext, detectCi } from './ci-context.js'
import { cliLogger, type CliLogger } from './logger.js'

export interface Io {
  stdout: OutputSink & { isTTY?: boolean }
  stderr: OutputSink & { isTTY?: boolean }
  /** stdin's whole contents (--password-stdin), read only when asked for. */
  readStdin: () => string
  stdinIsTTY: boolean
  env: NodeJS.ProcessEnv
  /**
   * Calls `handler` on SIGINT or SIGTERM until the returned function is called: the run then
   * cleans up (builder, login) and ends with 128 + the signal's number. Absent: no handling.
   */
  onInterrupt?: (handler: (signal: 'SIGINT' | 'SIGTERM') => void) => () => void
  exit?: (code: number) => void
}

export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const logger = cliLogger(io.stderr, io.env)
  let invocation: Invocation
  try {
    invocation = parseArgs(argv)
  } catch (error) {
    logger.error(message(error))
    return EXIT.badInput
  }
  if (invocation.help) {
    io.stdout.write(helpText(invocation.command))
    return EXIT.ok
  }
  if (invocation.command === undefined) {
    // No command: the usage, where errors go.
    io.stderr.write(helpText())
    return EXIT.badInput
  }
  // Docker's own output is progress too: stdout carries only the result.
  setCommandOutput({ stdout: io.stderr, stderr: io.stderr })
  if (invocation.command === 'check') return checkCommand(invocation, io, logger)
  const state: CleanupState = { logout: true }
  // Ctrl-C or a cancelled job: what the run created is removed before the process ends.
  const stopHandling = io.onInterrupt?.(signal => {
    logger.error(`${signal}: stopped; cleaning up`)
    void cleanupRun(state, logger).finally(() => io.exit?.(signal === 'SIGINT' ? 130 : 143))
  })
  try {
    const runner = detectRunner(process.platform, process.arch, release())
    const inputs = readInputs(invocation, runner, io, logger)
    state.logout = inputs.logout
    const proxy = describeProxyEnv(readProxyEnv(io.env))
    if (proxy) logger.info(proxy)
    const outcome = await runPlan(inputs, runner, {
      logger,
      // Nothing to mask: the CLI prints no secret (see logger.ts).
      maskSecret: () => {},
      hooks: {
        onBuilderCreated: name => (state.builder = name),
        onLogin: registry => (state.registry = registry)
      }
    })
    const outputs = { ...metadataOutputs(inputs), ...outcomeOutputs(outcome) }
    report(outcome, logger)
    io.stdout.write(invocation.json ? `${JSON.stringify(outputs, null, 2)}\n` : resultLines(outcome, outputs))
    if (outcome.kind === 'published' && outcome.merged.mirrorFailure) {
      logger.error(outcome.merged.mirrorFailure)
      return EXIT.failed
    }
    return EXIT.ok
  } catch (error) {
    logger.error(message(error))
    return exitFor(error)
  } finally {
    stopHandling?.()
    await cleanupRun(state, logger)
  }
}

function exitFor(error: unknown): number {
  return error instanceof InputError || error instanceof CheckInputError || error instanceof UsageError ? EXIT.badInput : EXIT.failed
}

/** check: the deployment files' images against the platforms; fails (exit 1) only as --fail-on says. Nothing to clean up. */
async function checkCommand(invocation: Invocation, io: Io, logger: CliLogger): Promise<number> {
  try {
    const password = invocation.passwordStdin ? readPassword(io) : undefined
    const read = (name: string) =>
      name === 'mode' ? 'check' : name === 'password' ? (password ?? '') : (invocation.values.get(name)?.join('\n') ?? '')
    const inputs = parseCheckInputs({ read, secret: () => {} }, io.env)
    if (!inputs) throw new Error('check: no check inputs')
    const { checkDeployments, verdictText } = await import('../commands/check.js')
    const result = await checkDeployments(inputs, { logger, maskSecret: () => {} })
    for (const image of result.images) {
      const text = `${image.verdict === 'ready' ? 'ready' : image.verdict}: ${image.image}: ${verdictText(image)}`
      if (image.verdict === 'ready') logger.info(text)
      else logger.warning(text)
      if (image.verdict === 'missing') for (const use of image.uses) logger.info(`  used in ${describeUse(use)}`)
    }
    for (const problem of result.problems) logger.warning(`not read: ${problem}`)
    for (const advice of result.advice) logger.info(`${advice.workload}: ${advice.advice}`)
    const outputs = checkOutputs(result)
    io.stdout.write(invocation.json ? `${JSON.stringify(outputs, null, 2)}\n` : `${result.ready ? 'ready' : 'not ready'}\n`)
    if (result.failure) {
      logger.error(result.failure)
      return EXIT.failed
    }
    return EXIT.ok
  } catch (error) {
    logger.error(message(error))
    return exitFor(error)
  }
}

/** The flags as the action's inputs, by name; the run context from the CI system. */
function readInputs(invocation: Invocation, runner: ReturnType<typeof detectRunner>, io: Io, logger: CliLogger): Inputs {
  const password = invocation.passwordStdin ? readPassword(io) : undefined
  const source = {
    read: (name: string) => {
      if (name === 'mode') return invocation.command ?? ''
      if (name === 'password') return password ?? ''
      return invocation.values.get(name)?.join('\n') ?? ''
    },
    secret: () => {},
    info: (text: string) => logger.info(text)
  }
  const context = ciRunContext(io.env, invocation.attempt)
  logger.debug(`CI system: ${detectCi(io.env)}`)
  return parseInputs(source, runner, io.env, context)
}

/** docker login --password-stdin's form: the whole of stdin, one trailing line break dropped. */
function readPassword(io: Io): string {
  if (io.stdinIsTTY)
    throw new UsageError(
      `--password-stdin reads the password from stdin, which is a terminal: pipe it in, e.g. printf '%s' "$TOKEN" | ${PROGRAM} build --username me --password-stdin ...`
    )
  const password = io.readStdin().replace(/\r?\n$/, '')
  if (password === '') throw new UsageError('--password-stdin: stdin is empty: pipe the password or token in')
  return password
}

function outcomeOutputs(outcome: RunOutcome): Outputs {
  return outcome.kind === 'published' ? mergeOutputs(outcome.merged, outcome.built) : buildOutputs(outcome.built)
}

/** What the action's summary says beside the outputs: the build's notes, why latest moved or not, the incomplete set. */
function report(outcome: RunOutcome, logger: CliLogger): void {
  for (const note of outcome.built?.notes ?? []) logger.warning(note)
  if (outcome.kind === 'incomplete') logger.info(outcome.note)
  if (outcome.kind === 'published' && outcome.merged.latest)
    logger.info(`${outcome.merged.latest.tag} ${outcome.merged.latest.move ? 'moved' : 'did not move'}: ${outcome.merged.latest.reason}`)
}

/** Without --json: the result in a few plain lines. */
function resultLines(outcome: RunOutcome, outputs: Outputs): string {
  const lines: string[] = []
  if (outcome.kind === 'published') {
    lines.push(`published ${outputs.image} (${outputs.platforms})`)
    for (const tag of outcome.merged.tags) lines.push(`  ${tag}`)
    for (const m of outcome.merged.mirrors) lines.push(`mirror ${m.reference}: ${m.error ? `failed: ${m.error}` : 'ok'}`)
    if (outcome.merged.cleaned.length > 0) lines.push(`removed staging tags: ${outcome.merged.cleaned.join(', ')}`)
  } else {
    for (const leg of outcome.built.legs)
      lines.push(
        leg.pushed
          ? `staged ${leg.platform}: ${outputs.registry}/${outcome.built.repository}:${leg.stagingTag}`
          : `built ${leg.platform} (not pushed)`
      )
    if (outputs.image) lines.push(`image ${outputs.image}`)
  }
  return `${lines.join('\n')}\n`
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The process: real streams, stdin read on demand. */
export async function runProcess(): Promise<void> {
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readFileSync(0, 'utf8'),
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    onInterrupt: handler => {
      process.once('SIGINT', handler)
      process.once('SIGTERM', handler)
      return () => {
        process.off('SIGINT', handler)
        process.off('SIGTERM', handler)
      }
    },
    exit: code => process.exit(code)
  })
  // Pipes may be asynchronous (macOS): let both drain, then end (keep-alive sockets would hold the process).
  await new Promise(resolve => process.stdout.write('', resolve))
  await new Promise(resolve => process.stderr.write('', resolve))
  process.exit(code)
}
