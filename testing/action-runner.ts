// Runs the bundled action the way a GitHub runner does: `node dist/main/index.js`
// under Node 24 with INPUT_* variables and the GITHUB_OUTPUT/STATE/STEP_SUMMARY
// files, then the post step with the saved state as STATE_* variables.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadStack, projectRoot } from './stack.js'

export interface StepResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface ActionRun extends StepResult {
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  post?: StepResult
  /** Runs the post step (again, or for the first time after `post: false`), extra env on top. */
  runPost(extra?: Record<string, string>): Promise<StepResult>
  /**
   * Every byte the action wrote, for secret scans: streams, files and the docker config,
   * less the `::add-mask::` commands, which the runner consumes and never shows.
   */
  everything(): string
  dockerConfigDir: string
}

export interface RunOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  /** Run the post step too (default true). */
  post?: boolean
  cwd?: string
  /** The event payload (GITHUB_EVENT_PATH); default {}. */
  event?: object
}

/** dist/ by default; ACTION_DIST points the e2e tests at another bundle (a work-in-progress one). */
export const distDir = process.env.ACTION_DIST ?? join(projectRoot, 'dist')

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const stack = loadStack()
  const work = mkdtempSync(join(tmpdir(), 'runner-'))
  const files = { output: join(work, 'output'), state: join(work, 'state'), summary: join(work, 'summary') }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const dockerConfigDir = join(work, 'docker')
  const event = join(work, 'event.json')
  writeFileSync(event, JSON.stringify(options.event ?? {}))

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    RUNNER_TEMP: work,
    RUNNER_OS: 'Linux',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: event,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    DOCKER_CONFIG: dockerConfigDir,
    NODE_EXTRA_CA_CERTS: stack.caCert,
    ...options.env
  }
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value

  const main = await node(stack.node24, join(distDir, 'main/index.js'), env, options.cwd ?? work)
  const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
  const state = parseCommandFile(readFileSync(files.state, 'utf8'))
  const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))
  const runPost = (extra: Record<string, string> = {}) =>
    node(stack.node24, join(distDir, 'post/index.js'), { ...env, ...stateEnv, ...extra }, options.cwd ?? work)
  const post = options.post !== false ? await runPost() : undefined
  const summary = readFileSync(files.summary, 'utf8')
  return {
    ...main,
    outputs,
    state,
    summary,
    post,
    runPost,
    dockerConfigDir,
    everything: () => {
      const configFile = join(dockerConfigDir, 'config.json')
      return [
        main.stdout,
        main.stderr,
        post?.stdout ?? '',
        post?.stderr ?? '',
        readFileSync(files.output, 'utf8'),
        readFileSync(files.state, 'utf8'),
        summary,
        existsSync(configFile) ? readFileSync(configFile, 'utf8') : ''
      ]
        .join('\n')
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n')
    }
  }
}

function node(binary: string, script: string, env: Record<string, string>, cwd: string): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => resolve({ exitCode: code ?? -1, stdout, stderr }))
  })
}

/** GITHUB_OUTPUT / GITHUB_STATE: `name<<delimiter\nvalue\ndelimiter` blocks. */
export function parseCommandFile(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      result[name] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=')
      result[lines[i].slice(0, eq)] = lines[i].slice(eq + 1)
    }
  }
  return result
}
