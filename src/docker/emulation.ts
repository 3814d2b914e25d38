// Makes sure the builder can run every platform it is asked for: natively, through a
// QEMU emulator registered in binfmt_misc, or by registering one the way
// docker/setup-qemu-action does. Otherwise a clear error before anything is built.
import { existsSync, readFileSync } from 'node:fs'
import { formatPlatform } from '../oci/platform.js'
import type { Platform } from '../oci/types.js'
import type { Logger } from '../util/logger.js'
import { docker, lastLine, run } from './cli.js'

/** QEMU's name for each architecture (binfmt_misc entries are qemu-<name>). */
const QEMU_NAMES: Record<string, string> = {
  amd64: 'x86_64',
  arm64: 'aarch64',
  arm: 'arm',
  '386': 'i386',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips64le: 'mips64el',
  loong64: 'loongarch64'
}

export type EmulationHow = 'native' | 'builder' | 'binfmt' | 'update-binfmts' | 'tonistiigi/binfmt'

export interface PlatformSupport {
  platform: string
  emulated: boolean
  how: EmulationHow
}

/** Can a runner of this platform execute the other's binaries without an emulator? */
export function runsNatively(platform: Platform, runner: Platform): boolean {
  if (platform.os !== runner.os) return false
  if (platform.architecture === runner.architecture) return true
  return runner.architecture === 'amd64' && platform.architecture === '386'
}

export interface EmulationOptions {
  runner: Platform
  /** Platforms a remote or named builder reports it can build (it brings its own emulators). */
  builderPlatforms?: string[]
  binfmtDir?: string
  logger: Logger
}

export async function ensureEmulators(platforms: Platform[], options: EmulationOptions): Promise<PlatformSupport[]> {
  const results: PlatformSupport[] = []
  for (const platform of platforms) results.push(await ensureOne(platform, options))
  return results
}

async function ensureOne(platform: Platform, options: EmulationOptions): Promise<PlatformSupport> {
  const name = formatPlatform(platform)
  if (runsNatively(platform, options.runner)) return { platform: name, emulated: false, how: 'native' }
  if (options.builderPlatforms?.includes(name)) return { platform: name, emulated: true, how: 'builder' }
  const qemu = QEMU_NAMES[platform.architecture]
  if (!qemu) throw new Error(`${name} cannot be emulated: QEMU has no user-mode emulator for ${platform.architecture}`)
  const dir = options.binfmtDir ?? '/proc/sys/fs/binfmt_misc'
  if (isRegistered(dir, qemu)) return { platform: name, emulated: true, how: 'binfmt' }

  const attempts: string[] = []
  for (const [how, command, args] of [
    ['update-binfmts', 'update-binfmts', ['--enable', `qemu-${qemu}`]],
    ['update-binfmts', 'sudo', ['-n', 'update-binfmts', '--enable', `qemu-${qemu}`]]
  ] as const) {
    const result = await run(command, [...args], { silent: true })
    if (result.exitCode === 0 && isRegistered(dir, qemu)) {
      options.logger.info(`${name}: enabled the qemu-${qemu} emulator through binfmt_misc`)
      return { platform: name, emulated: true, how }
    }
    attempts.push(`${command} ${args.join(' ')}: ${lastLine(result.stderr) || `exit ${result.exitCode}`}`)
  }
  const binfmt = await docker(['run', '--privileged', '--rm', 'tonistiigi/binfmt', '--install', qemu], { silent: true })
  if (binfmt.exitCode === 0 && isRegistered(dir, qemu)) {
    options.logger.info(`${name}: installed the qemu-${qemu} emulator with tonistiigi/binfmt`)
    return { platform: name, emulated: true, how: 'tonistiigi/binfmt' }
  }
  attempts.push(`docker run tonistiigi/binfmt: ${lastLine(binfmt.stderr) || `exit ${binfmt.exitCode}`}`)
  throw new Error(
    `${name} cannot be built on this ${formatPlatform(options.runner)} runner: no QEMU emulator is registered for it (binfmt_misc qemu-${qemu}) and none could be set up (${attempts.join('; ')}). ` +
      'Add docker/setup-qemu-action before this step, or install qemu-user-static and binfmt-support, or build it natively on a matching runner (see the native matrix recipe).'
  )
}

function isRegistered(dir: string, qemu: string): boolean {
  const entry = `${dir}/qemu-${qemu}`
  return existsSync(entry) && readFileSync(entry, 'utf8').startsWith('enabled')
}

/** The platforms a named builder reports (`docker buildx inspect`). */
export async function builderPlatforms(builder: string): Promise<string[]> {
  const result = await docker(['buildx', 'inspect', '--bootstrap', builder], { silent: true })
  if (result.exitCode !== 0)
    throw new Error(
      `input builder: buildx builder "${builder}" is not available: ${lastLine(result.stderr)} (create it with docker buildx create, or docker/setup-buildx-action)`
    )
  const line = result.stdout.split('\n').find(l => l.trim().startsWith('Platforms:'))
  return (line?.split(':')[1] ?? '')
    .split(',')
    .map(p => p.trim().replace(/\*$/, ''))
    .filter(Boolean)
}
