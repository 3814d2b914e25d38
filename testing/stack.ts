// The real test stack that scripts/stack.sh provisions: Docker + BuildKit + QEMU,
// the reference registry (TLS, htpasswd) and Node 24, and beside them the variants: a
// classic-store engine as GitHub-hosted runners ship it, a logging forward proxy, a
// second registry standing in for GHCR, and a third one behind the real host name of a
// second ECR account and region. Tests read it from stack.json.
import { execFileSync } from 'node:child_process'
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  writeFileSync,
  existsSync,
  chmodSync,
  statSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder with package.json above this file (also when compiled into .bench/ for the tools). */
export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)))

function findRoot(dir: string): string {
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('no package.json above the test support')
    dir = parent
  }
  return dir
}
export const stackDir = process.env.STACK_DIR ?? '/var/tmp/ecr-publish-stack'

export interface Stack {
  registry: string
  username: string
  password: string
  caCert: string
  busybox: Record<'amd64' | 'arm64' | 'arm/v7', string>
  node24: string
  /** The second engine: classic image store, overlay2, buildx's `docker` driver (as on hosted runners). */
  classicDocker: { host: string }
  /** tinyproxy: `url` for HTTPS_PROXY, `log` lists each request's target (see proxyTargets). */
  proxy: { url: string; log: string }
  /** The registry standing in for GHCR ("ghcr.test:5444"), its certificate signed by `caCert`. */
  mirrorRegistry: { registry: string; username: string; password: string }
  /**
   * The registry of a second ECR account and region ("987654321098.dkr.ecr.us-west-2.amazonaws.com",
   * :443 through /etc/hosts), its certificate signed by `caCert`. Its user is `AWS`, its password the
   * token the ECR emulator's second account hands out (startScenario adds that account).
   */
  secondEcr?: { registry: string; accountId: string; region: string; username: string; password: string }
  /**
   * The registry standing in for ECR Public: "public.ecr.aws" on `address`:443, which no hosts file
   * maps; a step reaches it through resolveHostsEnv. Its user is `AWS`, its password the token of
   * the emulator's ECR Public GetAuthorizationToken (startScenario sets that up).
   */
  ecrPublic?: { registry: string; address: string; username: string; password: string }
}

/** Environment for a step whose own process (and nothing else) resolves the names given to these addresses. */
export function resolveHostsEnv(hosts: Record<string, string>): Record<string, string> {
  return {
    NODE_OPTIONS: `--import=${join(projectRoot, 'testing/resolve-hosts.mjs')}`,
    RESOLVE_HOSTS: Object.entries(hosts)
      .map(([name, address]) => `${name}=${address}`)
      .join(',')
  }
}

export function loadStack(): Stack {
  const file = join(stackDir, 'stack.json')
  if (!existsSync(file)) throw new Error(`the test stack is not provisioned (${file} missing): run scripts/stack.sh`)
  return JSON.parse(readFileSync(file, 'utf8')) as Stack
}

/** A build context with the busybox Dockerfile and the per-arch busybox binaries. */
export function busyboxContext(stack: Stack): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-'))
  copyFileSync(join(projectRoot, 'testing/fixtures/busybox/Dockerfile'), join(dir, 'Dockerfile'))
  const folders: Record<string, string> = { amd64: 'amd64', arm64: 'arm64', 'arm/v7': 'armv7' }
  for (const [arch, folder] of Object.entries(folders)) {
    mkdirSync(join(dir, 'bb', folder), { recursive: true })
    copyFileSync(stack.busybox[arch as keyof Stack['busybox']], join(dir, 'bb', folder, 'busybox'))
    chmodSync(join(dir, 'bb', folder, 'busybox'), 0o755)
  }
  return dir
}

export interface DockerClientOptions {
  /** A DOCKER_HOST, e.g. stack.classicDocker.host; the caller's engine when absent. */
  host?: string
}

export interface Login {
  registry: string
  username: string
  password: string
}

/**
 * A Docker config folder of its own, logged in to each registry by `docker login
 * --password-stdin`, as docker/login-action leaves one for the step that reads it (DOCKER_CONFIG).
 */
export function dockerLoginConfig(prefix: string, logins: readonly Login[]): string {
  const config = mkdtempSync(join(tmpdir(), prefix))
  for (const { registry, username, password } of logins) {
    execFileSync('docker', ['login', '--username', username, '--password-stdin', registry], {
      input: password,
      env: { ...process.env, DOCKER_CONFIG: config },
      stdio: ['pipe', 'ignore', 'pipe']
    })
  }
  return config
}

/** A Docker config folder of its own whose config.json holds these logins (by host), as `docker login` writes them. */
export function dockerConfigWith(prefix: string, logins: Record<string, Omit<Login, 'registry'>>): string {
  const config = mkdtempSync(join(tmpdir(), prefix))
  const auths = Object.fromEntries(
    Object.entries(logins).map(([host, { username, password }]) => [
      host,
      { auth: Buffer.from(`${username}:${password}`).toString('base64') }
    ])
  )
  writeFileSync(join(config, 'config.json'), JSON.stringify({ auths }), { mode: 0o600 })
  return config
}

/** Runs the docker CLI with its own config folder logged in to the stack's registries. */
export function dockerClient(stack: Stack, options: DockerClientOptions = {}): (args: string[]) => string {
  const logins = [stack, stack.mirrorRegistry, stack.secondEcr].filter(login => login !== undefined)
  const config = dockerConfigWith('docker-config-', Object.fromEntries(logins.map(login => [login.registry, login])))
  const env = { ...process.env, DOCKER_CONFIG: config, ...(options.host ? { DOCKER_HOST: options.host } : {}) }
  return args => execFileSync('docker', args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Where the proxy log ends now: pass it to proxyTargets after the calls under test. */
export function proxyLogOffset(stack: Stack = loadStack()): number {
  return existsSync(stack.proxy.log) ? statSync(stack.proxy.log).size : 0
}

/**
 * The host:port targets the proxy was asked for after `offset`, in order: CONNECT
 * targets as given, absolute-URL requests (plain HTTP) with their default port filled in.
 */
export function proxyTargets(offset: number, stack: Stack = loadStack()): string[] {
  return parseProxyLog(readFrom(stack.proxy.log, offset))
}

/** The targets in tinyproxy's log lines ("Request (file descriptor 5): CONNECT host:443 HTTP/1.1"). */
export function parseProxyLog(text: string): string[] {
  const targets: string[] = []
  for (const line of text.split('\n')) {
    const request = /Request \(file descriptor \d+\): (\S+) (\S+) HTTP\//.exec(line)
    if (!request) continue
    const [, method, target] = request
    if (method === 'CONNECT') {
      targets.push(target)
    } else if (URL.canParse(target)) {
      const url = new URL(target)
      targets.push(`${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`)
    }
  }
  return targets
}

function readFrom(file: string, offset: number): string {
  if (!existsSync(file)) return ''
  const length = statSync(file).size - offset
  if (length <= 0) return ''
  const buffer = Buffer.alloc(length)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, buffer, 0, length, offset)
  } finally {
    closeSync(fd)
  }
  return buffer.toString('utf8')
}

/** A repository name no other test uses. */
export function uniqueRepository(prefix: string): string {
  return `e2e/${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
}
