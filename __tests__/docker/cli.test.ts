// docker() against a real process: a fake `docker` first on PATH shows what argv, stdin and
// environment the CLI would get, and that no shell ever reads the arguments.
import { jest } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { BuildxError } from '../../src/docker/buildx.js'
import {
  checkDocker,
  docker,
  DockerCommandError,
  DockerMissingError,
  lastLine,
  retryDocker,
  setCommandOutput
} from '../../src/docker/cli.js'

// Prints its argv NUL-separated on stdout; `login` echoes stdin to stderr; `version` and
// `buildx version` answer like Docker, or fail as control files next to it ask. (Control
// files, not variables: under jest, process.env is the sandbox's copy, which a child
// process spawned without an explicit env does not inherit.)
const FAKE_DOCKER = `#!/bin/bash
here="$(dirname "$0")"
if [ "$1" = "version" ]; then
  if [ -e "$here/engine-down" ]; then
    echo 'Client: Docker Engine - Community' >&2
    echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2
    exit 1
  fi
  echo '27.3.1'
  exit 0
fi
if [ "$1" = "buildx" ] && [ "$2" = "version" ]; then
  if [ -e "$here/no-buildx" ]; then
    echo "docker: 'buildx' is not a docker command." >&2
    exit 1
  fi
  echo 'github.com/docker/buildx v0.17.1 257815a'
  exit 0
fi
if [ "$1" = "login" ]; then
  cat >&2
fi
if [ -e "$here/print-var" ]; then
  name="$(cat "$here/print-var")"
  printf '%s' "\${!name}" >&2
fi
printf '%s\\0' "$@"
if [ -e "$here/exit-code" ]; then exit "$(cat "$here/exit-code")"; fi
exit 0
`

const savedEnv = { ...process.env }
let dir: string

/** Tells the fake docker how to behave on its next runs. */
function control(name: string, content = ''): void {
  writeFileSync(join(dir, name), content)
}

function argvOf(stdout: string): string[] {
  expect(stdout.endsWith('\0')).toBe(true)
  return stdout.slice(0, -1).split('\0')
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fake-docker-'))
  writeFileSync(join(dir, 'docker'), FAKE_DOCKER)
  chmodSync(join(dir, 'docker'), 0o755)
  process.env.PATH = `${dir}${delimiter}${savedEnv.PATH ?? ''}`
  // A command that is not silent echoes its command line and output to stdout: keep the test log clean.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})

afterEach(() => {
  jest.restoreAllMocks()
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key]
  Object.assign(process.env, savedEnv)
  rmSync(dir, { recursive: true, force: true })
})

describe('docker()', () => {
  test("not silent: the command line and both output streams are echoed to the command output's stdout", async () => {
    let echoed = ''
    let errEchoed = ''
    setCommandOutput({
      stdout: { write: (chunk: string | Uint8Array) => (echoed += String(chunk)) },
      stderr: { write: (chunk: string | Uint8Array) => (errEchoed += String(chunk)) }
    })
    try {
      control('print-var', 'SOME_VAR')
      const result = await docker(['buildx', 'build', '.'], { env: { SOME_VAR: 'on-stderr' } })
      expect(result).toEqual({ exitCode: 0, stdout: 'buildx\0build\0.\0', stderr: 'on-stderr' })
      // buildx writes its progress to stderr: the log shows it with the rest.
      expect(echoed).toMatch(/^\[command\]\S*docker buildx build \.\n/)
      expect(echoed).toContain('on-stderr')
      expect(echoed).toContain('buildx\0build\0.\0')
      echoed = ''
      await docker(['buildx', 'build', '.'], { silent: true })
      await docker(['buildx', 'build', '.'], { onLine: () => {} })
      expect([echoed, errEchoed]).toEqual(['', ''])
    } finally {
      setCommandOutput({ stdout: process.stdout, stderr: process.stderr })
    }
  })

  test('hostile strings reach the process as they are and no shell runs them', async () => {
    const marker = `/tmp/pwned-${randomBytes(8).toString('hex')}`
    const args = [
      'build',
      '--label',
      `x=$(touch ${marker})`,
      '--label',
      `y=\`touch ${marker}\``,
      '--build-arg',
      `z=; touch ${marker}; echo`,
      '--build-arg',
      'multi=line one\nline two',
      '--label',
      'quote=\' " \\',
      '--',
      '`id`'
    ]
    const result = await docker(args, { silent: true })
    expect(result.exitCode).toBe(0)
    expect(argvOf(result.stdout)).toEqual(args)
    expect(existsSync(marker)).toBe(false)
  })

  test('the brief example: a $( ) label and a backtick context', async () => {
    const marker = `/tmp/pwned-${randomBytes(8).toString('hex')}`
    const args = ['build', '--label', `x=$(touch ${marker})`, '--', '`id`']
    const result = await docker(args)
    expect(argvOf(result.stdout)).toEqual(['build', '--label', `x=$(touch ${marker})`, '--', '`id`'])
    expect(existsSync(marker)).toBe(false)
  })

  test('input reaches stdin and never argv', async () => {
    const password = 'pa$$word `id` $(id)\nsecond'
    const result = await docker(['login', '--username', 'AWS', '--password-stdin', 'registry.test'], { input: password, silent: true })
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toBe(password)
    expect(argvOf(result.stdout)).toEqual(['login', '--username', 'AWS', '--password-stdin', 'registry.test'])
    expect(result.stdout).not.toContain(password)
  })

  test('extra env reaches the process on top of the inherited environment', async () => {
    control('print-var', 'ECR_PUBLISH_SECRET_0')
    const secret = 's3cret $(id)'
    const result = await docker(['buildx', 'build'], { env: { ECR_PUBLISH_SECRET_0: secret }, silent: true })
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toBe(secret)
    expect(argvOf(result.stdout)).toEqual(['buildx', 'build'])
    expect(process.env.ECR_PUBLISH_SECRET_0).toBeUndefined()
  })

  test('a non-zero exit is returned, not thrown', async () => {
    control('exit-code', '7')
    const result = await docker(['push', 'registry.test/app:1'], { silent: true })
    expect(result.exitCode).toBe(7)
    expect(argvOf(result.stdout)).toEqual(['push', 'registry.test/app:1'])
  })

  test('no docker on PATH gives the install hint', async () => {
    process.env.PATH = dir
    rmSync(join(dir, 'docker'))
    const error = await docker(['version'], { silent: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DockerMissingError)
    expect((error as Error).message).toBe(
      'docker is not installed or not on PATH: build legs need Docker with buildx (GitHub-hosted Linux runners have both; elsewhere install Docker Engine and the docker-buildx plugin, or use docker/setup-buildx-action)'
    )
  })
})

describe('checkDocker()', () => {
  test('reports the engine and buildx versions', async () => {
    await expect(checkDocker()).resolves.toEqual({ server: '27.3.1', buildx: 'github.com/docker/buildx v0.17.1 257815a' })
  })

  test('engine not reachable', async () => {
    control('engine-down')
    await expect(checkDocker()).rejects.toThrow(
      'the Docker engine is not reachable (docker version: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?): start Docker, or check DOCKER_HOST'
    )
  })

  test('buildx missing', async () => {
    control('no-buildx')
    await expect(checkDocker()).rejects.toThrow(
      'docker buildx is not installed: add docker/setup-buildx-action before this step, or install the docker-buildx plugin'
    )
  })
})

describe('lastLine', () => {
  test.each<[string, string]>([
    ['one', 'one'],
    ['first\nsecond\n', 'second'],
    ['\n\n  error: denied  \n\n', 'error: denied'],
    ['', '']
  ])('%j -> %j', (text, expected) => {
    expect(lastLine(text)).toBe(expected)
  })
})

describe('DockerCommandError', () => {
  test('names the command, the exit code when given, and its last line', () => {
    expect(new DockerCommandError('docker push r/a:b', 'denied: not allowed').message).toBe('docker push r/a:b failed: denied: not allowed')
    expect(new DockerCommandError('docker build', 'no such file', 1).message).toBe('docker build failed (exit 1): no such file')
    expect(new BuildxError(3, '#7 DONE 0.1s')).toBeInstanceOf(DockerCommandError)
  })
})

describe('retryDocker: one retry rule for every docker command', () => {
  const fast = { sleep: async () => {}, baseDelayMs: 1 }

  /** A command that fails with these errors in turn, then succeeds; counts its runs. */
  function failing(...errors: Error[]) {
    const runs = { count: 0 }
    const fn = async () => {
      const error = errors[runs.count++]
      if (error) throw error
      return 'done'
    }
    return { runs, fn }
  }

  test('a transient registry error is retried until the command succeeds', async () => {
    const command = failing(
      new DockerCommandError('docker push r/a:b', 'received unexpected HTTP status: 503 Service Unavailable'),
      new DockerCommandError('docker push r/a:b', 'read: connection reset by peer')
    )
    await expect(retryDocker('docker push r/a:b', command.fn, fast)).resolves.toBe('done')
    expect(command.runs.count).toBe(3)
  })

  test.each<[string, Error]>([
    ['a credentials error', new DockerCommandError('docker login r', 'unauthorized: authentication required')],
    ['a failed RUN step, whatever its output', new BuildxError(1, 'process "/bin/sh -c curl https://x/503" did not complete successfully')],
    ['an error that is not a docker command', new Error('503 Service Unavailable')]
  ])('%s is not retried', async (_name, error) => {
    const command = failing(error)
    await expect(retryDocker('docker something', command.fn, fast)).rejects.toBe(error)
    expect(command.runs.count).toBe(1)
  })
})
