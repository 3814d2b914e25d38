// Runs the bundled CLI the way a pipeline does: `node dist/cli/index.js <command> ...` with the
// CI system's environment (no GITHUB_* unless given), its own DOCKER_CONFIG, stdin when asked.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { distDir, type StepResult } from './action-runner.js'
import { loadStack } from './stack.js'

export interface CliRun extends StepResult {
  /** stdout parsed, when --json was given and the command succeeded. */
  outputs: Record<string, string>
  dockerConfigDir: string
  /** Every byte the CLI wrote (both streams) and the docker config it left, for secret scans. */
  everything(): string
}

export interface CliOptions {
  args: string[]
  /** The CI system's variables (CodeBuild's, GitLab's, ...), on top of PATH, HOME and the stack's CA. */
  env?: Record<string, string>
  stdin?: string
  cwd?: string
  /** The same docker config folder across runs (default: a fresh one). */
  dockerConfigDir?: string
}

export async function runCli(options: CliOptions): Promise<CliRun> {
  const stack = loadStack()
  const work = mkdtempSync(join(tmpdir(), 'cli-'))
  const dockerConfigDir = options.dockerConfigDir ?? join(work, 'docker')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    DOCKER_CONFIG: dockerConfigDir,
    NODE_EXTRA_CA_CERTS: stack.caCert,
    ...options.env
  }
  // The system's Node (20 here): the CLI runs on Node 20+, where the action needs 24.
  const result = await new Promise<StepResult>((resolve, reject) => {
    const child = spawn(process.execPath, [join(distDir, 'cli/index.js'), ...options.args], {
      env,
      cwd: options.cwd ?? work,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => resolve({ exitCode: code ?? -1, stdout, stderr }))
    child.stdin.end(options.stdin ?? '')
  })
  const json = options.args.includes('--json') && result.exitCode === 0
  return {
    ...result,
    outputs: json ? (JSON.parse(result.stdout) as Record<string, string>) : {},
    dockerConfigDir,
    everything: () => {
      const config = join(dockerConfigDir, 'config.json')
      return [result.stdout, result.stderr, existsSync(config) ? readFileSync(config, 'utf8') : ''].join('\n')
    }
  }
}

/** Fails with the command's own output when it did not succeed: a readable test failure. */
export function expectCliSuccess(run: StepResult): void {
  if (run.exitCode !== 0) throw new Error(`ecr-publish failed (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`)
}
