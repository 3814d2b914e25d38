// Runs the docker CLI with an argument array (never a shell string: values from
// git refs or inputs can never become shell syntax or extra flags).
import { getExecOutput } from '@actions/exec'
import type { Writable } from 'node:stream'
import { retry, type RetryOptions } from '../util/retry.js'

export interface DockerResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface DockerRunOptions {
  /** Bytes written to stdin (passwords go here, never into argv). */
  input?: string
  /** Extra environment (build secrets travel here, never into argv). */
  env?: Record<string, string>
  /** Keep the command's output out of the log. */
  silent?: boolean
  /** Receive the output line by line instead of the log (e.g. to prefix concurrent builds). */
  onLine?: (line: string) => void
}

export async function docker(args: string[], options: DockerRunOptions = {}): Promise<DockerResult> {
  return run('docker', args, options)
}

/**
 * Where a command that is not silent echoes its command line and output. The action leaves
 * it on stdout and stderr (the job log); the CLI sends both to stderr, so that its stdout
 * carries only the result (--json).
 */
export interface OutputSink {
  write(chunk: string | Uint8Array): unknown
}

let commandOutput: { stdout: OutputSink; stderr: OutputSink } = { stdout: process.stdout, stderr: process.stderr }

export function setCommandOutput(output: { stdout: OutputSink; stderr: OutputSink }): void {
  commandOutput = output
}

/**
 * Any command, the same way, through @actions/exec: an argument array, stdin for secrets, never
 * a shell. Not silent: the command line (`[command]docker ...`, never a secret: those travel in
 * stdin and env) and the output are echoed as they come; the whole output is returned either way.
 */
export async function run(command: string, args: string[], options: DockerRunOptions = {}): Promise<DockerResult> {
  const env = options.env ? { ...(process.env as Record<string, string>), ...options.env } : undefined
  // @actions/exec only calls write() on its streams.
  const { stdout, stderr } = commandOutput as unknown as { stdout: Writable; stderr: Writable }
  try {
    return await getExecOutput(command, args, {
      ignoreReturnCode: true,
      silent: (options.silent ?? false) || options.onLine !== undefined,
      listeners: options.onLine ? { stdline: options.onLine, errline: options.onLine } : undefined,
      input: options.input !== undefined ? Buffer.from(options.input) : undefined,
      outStream: stdout,
      errStream: stderr,
      env
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || /Unable to locate executable/.test(String(error))) {
      if (command === 'docker') throw new DockerMissingError()
      return { exitCode: 127, stdout: '', stderr: `${command}: not found` }
    }
    throw error
  }
}

export class DockerMissingError extends Error {
  constructor() {
    super(
      'docker is not installed or not on PATH: build legs need Docker with buildx (GitHub-hosted Linux runners have both; elsewhere install Docker Engine and the docker-buildx plugin, or use docker/setup-buildx-action)'
    )
    this.name = 'DockerMissingError'
  }
}

/** Fails with an actionable message when the engine or buildx is missing. */
export async function checkDocker(): Promise<{ server: string; buildx: string }> {
  const server = await docker(['version', '--format', '{{.Server.Version}}'], { silent: true })
  if (server.exitCode !== 0) {
    throw new Error(`the Docker engine is not reachable (docker version: ${lastLine(server.stderr)}): start Docker, or check DOCKER_HOST`)
  }
  const buildx = await docker(['buildx', 'version'], { silent: true })
  if (buildx.exitCode !== 0) {
    throw new Error('docker buildx is not installed: add docker/setup-buildx-action before this step, or install the docker-buildx plugin')
  }
  return { server: server.stdout.trim(), buildx: buildx.stdout.trim() }
}

/**
 * A docker error worth another try: the registry or the network had a transient
 * problem (5xx, 429, a reset or a timeout), not the build or the credentials.
 */
function isTransientDockerError(detail: string): boolean {
  return /\b(500|502|503|504|429)\b|Too Many Requests|Service Unavailable|Bad Gateway|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|unexpected EOF|EOF$|temporary failure|no such host/i.test(
    detail
  )
}

/** A docker command that exited non-zero. */
export class DockerCommandError extends Error {
  constructor(
    /** The command as a user would type it, without secrets, e.g. `docker push r/a:b`. */
    readonly command: string,
    /** The command's own last line of output: what went wrong. */
    readonly detail: string,
    /** Named in the message when given. */
    exitCode?: number
  ) {
    super(`${command} failed${exitCode === undefined ? '' : ` (exit ${exitCode})`}: ${detail}`)
    this.name = 'DockerCommandError'
  }

  /** Worth running again: the registry or the network failed transiently, not the command itself. */
  get transient(): boolean {
    return isTransientDockerError(this.detail)
  }
}

/** Runs `fn` (docker commands that throw DockerCommandError) again while its failure is transient. */
export function retryDocker<T>(operation: string, fn: () => Promise<T>, options: Omit<RetryOptions, 'operation'> = {}): Promise<T> {
  return retry(
    fn,
    error => (error instanceof DockerCommandError && error.transient ? { retry: true, reason: error.detail } : { retry: false }),
    { ...options, operation }
  )
}

export function lastLine(text: string): string {
  const lines = text.trim().split('\n')
  return lines[lines.length - 1] ?? ''
}
