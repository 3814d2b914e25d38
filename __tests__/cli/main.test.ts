// The CLI in process: exit codes (0 done, 1 failed, 2 bad input), errors on stderr and nothing
// on stdout, bad input refused before any request, a password from stdin in no byte written.
// (Runs that publish: __tests__/e2e/cli.e2e.test.ts, against the real stack.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main, type Io } from '../../src/cli/main.js'
import { FakeRegistry } from '../../testing/fake-registry.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const PASSWORD = 'pw-7d1e0c9a-stdin-only'

interface Captured {
  code: number
  stdout: string
  stderr: string
}

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<Captured> {
  let stdout = ''
  let stderr = ''
  const io: Io = {
    stdout: { write: (text: string | Uint8Array) => (stdout += String(text)) },
    stderr: { write: (text: string | Uint8Array) => (stderr += String(text)) },
    readStdin: () => stdin,
    stdinIsTTY: false,
    env
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

const GITLAB = {
  GITLAB_CI: 'true',
  CI_PIPELINE_ID: '4242',
  CI_COMMIT_SHA: SHA,
  CI_COMMIT_BRANCH: 'main',
  CI_PROJECT_URL: 'https://gitlab.com/acme/app'
}

let registry: FakeRegistry

beforeEach(async () => {
  registry = await FakeRegistry.start({ auth: { mode: 'basic', username: 'ci', password: PASSWORD } })
})

afterEach(async () => {
  await registry.close()
})

describe('exit 0', () => {
  test('--help and <command> --help print the usage on stdout', async () => {
    for (const argv of [['--help'], ['build', '--help'], ['merge', '-h']]) {
      const run = await cli(argv)
      expect([run.code, run.stderr]).toEqual([0, ''])
      expect(run.stdout).toMatch(/^Usage: ecr-publish /)
    }
  })
})

describe('exit 1: the operation failed', () => {
  // The registry speaks plain HTTP, the CLI HTTPS (as the action): the merge fails after
  // parsing, in a GitLab pipeline's context, with the password read from stdin.
  test('a registry that cannot be reached over TLS; the password appears nowhere', async () => {
    const run = await cli(
      ['merge', '--registry', registry.host, '--repository', 'team/app', '--tags', '1.0', '--username', 'ci', '--password-stdin', '--json'],
      GITLAB,
      `${PASSWORD}\n`
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`error: list tags team/app: TLS to ${registry.host} failed (ERR_SSL_WRONG_VERSION_NUMBER)`)
    expect(run.stderr).toContain('==> Log in')
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD)
  })
})

describe('exit 2: bad input, before anything is done', () => {
  const table: [string, string[], NodeJS.ProcessEnv, string][] = [
    ['no command', [], {}, 'Usage: ecr-publish <command> [flags]'],
    ['an unknown flag', ['merge', '--repo', 'a'], {}, 'error: --repo is not a flag of merge (ecr-publish merge --help)'],
    [
      'no repository',
      ['merge', '--run-key', 'r1'],
      {},
      'error: input repository: is required: give the ECR repository name, e.g. team/app'
    ],
    [
      'no run key outside CI',
      ['merge', '--repository', 'team/app'],
      {},
      'error: input run-key: is empty and no CI system names this run: give --run-key, e.g. --run-key nightly_42 (the same for the legs and the merge)'
    ],
    [
      'a run key with -',
      ['merge', '--repository', 'team/app', '--run-key', 'a-b'],
      {},
      'error: input run-key: "a-b" is not valid: use 1 to 64 letters, digits, "_" or "." (no "-"), e.g. run-key: nightly_42'
    ],
    [
      'a bad --attempt',
      ['merge', '--repository', 'team/app', '--run-key', 'r1', '--attempt', '0'],
      {},
      'error: input attempt: "0" is not a whole number from 1: give 1, 2, ... (the job\'s retry), or leave it out'
    ],
    [
      'a bad platform',
      ['merge', '--repository', 'team/app', '--run-key', 'r1', '--platforms', 'linux/amd65'],
      {},
      'error: input platforms: invalid platform "linux/amd65": unknown architecture "amd65" (known: amd64, arm64, arm, 386, ppc64le, s390x, riscv64, mips64le, loong64); expected os/arch[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7'
    ],
    [
      'a boolean that is neither',
      ['merge', '--repository', 'team/app', '--run-key', 'r1', '--cleanup', 'yes'],
      {},
      'error: input cleanup: "yes" is not a boolean: use true or false'
    ],
    [
      'a username without --password-stdin',
      ['merge', '--repository', 'team/app', '--run-key', 'r1', '--username', 'u'],
      {},
      'error: input password: is empty but username is set: give both username and password (non-ECR registries only), or neither'
    ],
    [
      'CodeBuild without a run key',
      ['merge', '--repository', 'team/app'],
      { CODEBUILD_BUILD_ID: 'p:1', CODEBUILD_RESOLVED_SOURCE_VERSION: SHA },
      'error: input run-key: is empty and this CodeBuild build names no run: map #{codepipeline.PipelineExecutionId} to the environment variable PIPELINE_EXECUTION_ID in each CodeBuild action of the pipeline (the legs and the merge), run the legs as one batch build, or give --run-key, e.g. --run-key nightly_42'
    ]
  ]
  test.each(table)('%s', async (_, argv, env, message) => {
    const run = await cli(argv, env)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')[0]).toBe(message)
    expect(registry.requests).toEqual([])
  })

  test('--password-stdin with an empty stdin, or a terminal', async () => {
    const empty = await cli(['merge', '--repository', 'team/app', '--run-key', 'r1', '--username', 'u', '--password-stdin'], {}, '\n')
    expect([empty.code, empty.stderr]).toEqual([2, 'error: --password-stdin: stdin is empty: pipe the password or token in\n'])
  })
})

describe('check', () => {
  test('no --manifests: exit 2 with the input error', async () => {
    const run = await cli(['check'])
    expect([run.code, run.stdout, run.stderr]).toEqual([
      2,
      '',
      'error: input manifests: is required in mode: check: give the deployment files, one per line or comma-separated, e.g. k8s/**/*.yaml\n'
    ])
  })

  test('an image that cannot be read is unknown: not ready, exit 0 (fail-on missing fails only on a missing platform)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-check-'))
    try {
      const file = join(dir, 'deploy.yaml')
      writeFileSync(
        file,
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: 127.0.0.1:9/team/app:1.0\n'
      )
      const run = await cli(['check', '--manifests', file, '--json'])
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toEqual({ ready: 'false', missing: '[]' })
      expect(run.stderr).toContain(
        'warning: unknown: 127.0.0.1:9/team/app:1.0: GET manifest team/app:1.0: connection to 127.0.0.1:9 failed'
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('interrupted', () => {
  test('SIGINT during a run: the clean-up runs and the exit code is 130', async () => {
    // A server that accepts and never answers: the run waits on it until interrupted.
    const sockets: Socket[] = []
    const server = createServer(socket => sockets.push(socket))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    let stderr = ''
    let interrupt: ((signal: 'SIGINT' | 'SIGTERM') => void) | undefined
    const exited = new Promise<number>(resolve => {
      const io: Io = {
        stdout: { write: () => true },
        stderr: { write: (text: string | Uint8Array) => (stderr += String(text)) },
        readStdin: () => '',
        stdinIsTTY: false,
        env: {},
        onInterrupt: handler => {
          interrupt = handler
          return () => (interrupt = undefined)
        },
        exit: resolve
      }
      void main(['merge', '--registry', `127.0.0.1:${port}`, '--repository', 'team/app', '--run-key', 'r1', '--tags', '1.0'], io)
    })
    while (sockets.length === 0) await new Promise(resolve => setTimeout(resolve, 20))
    interrupt?.('SIGINT')
    expect(await exited).toBe(130)
    expect(stderr).toContain('error: SIGINT: stopped; cleaning up')
    for (const socket of sockets) socket.destroy()
    await new Promise(resolve => server.close(resolve))
  })
})
