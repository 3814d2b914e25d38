// The real test stack that scripts/stack.sh provisions: Docker + BuildKit + QEMU,
// the reference registry (TLS, htpasswd) and Node 24. Tests read it from stack.json.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs'
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

/** Runs the docker CLI with its own config folder logged in to the stack's registry. */
export function dockerClient(stack: Stack): (args: string[]) => string {
  const config = mkdtempSync(join(tmpdir(), 'docker-config-'))
  const auth = Buffer.from(`${stack.username}:${stack.password}`).toString('base64')
  writeFileSync(join(config, 'config.json'), JSON.stringify({ auths: { [stack.registry]: { auth } } }), { mode: 0o600 })
  return args =>
    execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_CONFIG: config }, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** A repository name no other test uses. */
export function uniqueRepository(prefix: string): string {
  return `e2e/${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
}
