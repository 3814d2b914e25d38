// Platforms (os/arch[/variant]) normalised the way containerd normalises them, so that
// aliases (aarch64, x86_64, armhf, ...) compare and format the same.
import type { ImageConfig, Platform } from './types.js'

export class InvalidPlatformError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidPlatformError'
  }
}

/** The fields a platform comparison reads; both Platform and ImageConfig have them. */
export type PlatformLike = Pick<Platform, 'os' | 'architecture' | 'variant' | 'os.version'>

const PLATFORM_FORM = 'expected os/arch[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7'
const KNOWN_OS = ['linux', 'windows', 'darwin', 'freebsd']
const KNOWN_ARCH = ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'mips64le', 'loong64']

// Variants each architecture accepts once normalised ('' = none).
const KNOWN_VARIANTS = new Map<string, RegExp>([
  ['amd64', /^(?:v[234])?$/],
  ['arm64', /^(?:v8\.[1-9]|v9(?:\.[0-9])?)?$/],
  ['arm', /^v[5-8]$/]
])

const ARCH_ALIASES = new Map([
  ['x86_64', 'amd64'],
  ['x86-64', 'amd64'],
  ['aarch64', 'arm64'],
  ['i386', '386'],
  ['i686', '386']
])

/** containerd's arch/variant normalisation; does not check that the result is known. */
function normaliseArchVariant(arch: string, variant: string): { architecture: string; variant: string } {
  const a = arch.trim().toLowerCase()
  const v = variant.trim().toLowerCase()
  if (a === 'armhf') return { architecture: 'arm', variant: 'v7' }
  if (a === 'armel') return { architecture: 'arm', variant: 'v6' }
  const architecture = ARCH_ALIASES.get(a) ?? a
  if (architecture === 'arm64') return { architecture, variant: ['8', 'v8', 'v8.0'].includes(v) ? '' : v }
  if (architecture === 'amd64') return { architecture, variant: v === 'v1' ? '' : v }
  if (architecture === 'arm') {
    if (v === '') return { architecture, variant: 'v7' }
    return { architecture, variant: /^[5-8]$/.test(v) ? `v${v}` : v }
  }
  if (architecture === '386') return { architecture, variant: '' }
  return { architecture, variant: v }
}

function build(os: string, architecture: string, variant: string): Platform {
  return variant === '' ? { os, architecture } : { os, architecture, variant }
}

export function parsePlatform(s: string): Platform {
  const fail = (problem: string): never => {
    throw new InvalidPlatformError(`invalid platform "${s}": ${problem}; ${PLATFORM_FORM}`)
  }
  const parts = s
    .trim()
    .toLowerCase()
    .split('/')
    .map(p => p.trim())
  if (parts.length < 2 || parts.length > 3 || parts.some(p => p === '')) fail('it is not os/arch[/variant]')
  const [os, arch, rawVariant = ''] = parts
  if (!KNOWN_OS.includes(os)) fail(`unknown os "${os}" (known: ${KNOWN_OS.join(', ')})`)
  const { architecture, variant } = normaliseArchVariant(arch, rawVariant)
  if (!KNOWN_ARCH.includes(architecture)) fail(`unknown architecture "${arch}" (known: ${KNOWN_ARCH.join(', ')})`)
  const allowed = KNOWN_VARIANTS.get(architecture) ?? /^$/
  if (!allowed.test(variant)) fail(`unknown variant "${rawVariant}" for architecture ${architecture}`)
  return build(os, architecture, variant)
}

/** Platforms from a comma- or newline-separated list; blank entries are ignored. */
export function parsePlatformList(s: string): Platform[] {
  const seen = new Map<string, string>()
  const platforms: Platform[] = []
  for (const entry of s
    .split(/[,\r\n]/)
    .map(e => e.trim())
    .filter(e => e !== '')) {
    const platform = parsePlatform(entry)
    const key = platformKey(platform)
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      const why = earlier === entry ? `"${entry}" is listed twice` : `"${earlier}" and "${entry}" are the same platform`
      throw new InvalidPlatformError(`duplicate platform "${key}" in platforms (${why})`)
    }
    seen.set(key, entry)
    platforms.push(platform)
  }
  return platforms
}

export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`
}

/** A map key: os/arch[/variant], plus os.version for Windows (2022 and 2025 are different platforms). */
export function platformKey(p: Platform): string {
  return p['os.version'] ? `${formatPlatform(p)}:${p['os.version']}` : formatPlatform(p)
}

function normalised(p: PlatformLike): Platform {
  const { architecture, variant } = normaliseArchVariant(p.architecture, p.variant ?? '')
  return build(p.os.trim().toLowerCase(), architecture, variant)
}

/** Whether `got` (a descriptor's platform or an image config) is the platform `want` asks for. */
export function platformsMatch(want: PlatformLike, got: PlatformLike): boolean {
  if (platformKey(normalised(want)) !== platformKey(normalised(got))) return false
  return want['os.version'] === undefined || osVersionMatches(want['os.version'], got['os.version'])
}

/** 10.0.20348 matches 10.0.20348.2700: the wanted version may name fewer components. */
function osVersionMatches(want: string, got: string | undefined): boolean {
  if (got === undefined) return false
  const w = want.split('.')
  const g = got.split('.')
  return w.length <= g.length && w.every((part, i) => part === g[i])
}

/** The Windows build number of an os.version: 10.0.20348.2700 -> 20348. */
export function windowsBuild(osVersion: string): string | undefined {
  return /^\d+\.\d+\.(\d+)/.exec(osVersion)?.[1]
}

/** The platform an image config describes, carrying Windows' os.version and os.features. */
export function platformFromConfig(config: ImageConfig): Platform {
  const platform = normalised(config)
  if (config['os.version']) platform['os.version'] = config['os.version']
  if (config['os.features'] && config['os.features'].length > 0) platform['os.features'] = [...config['os.features']]
  return platform
}

/** os-arch[-variant], for tag names: linux-arm64, linux-arm-v7. */
export function platformSlug(p: Platform): string {
  const slug = formatPlatform(p).replaceAll('/', '-')
  const build = p.os === 'windows' && p['os.version'] ? windowsBuild(p['os.version']) : undefined
  return build ? `${slug}-${build}` : slug
}

/** linux/amd64 first (registries and clients that look at the first entry), then by name. */
export function sortPlatforms(ps: readonly Platform[]): Platform[] {
  const rank = (p: Platform): string => {
    const key = formatPlatform(p)
    return `${key === 'linux/amd64' ? '0' : '1'}${key}\u0000${p['os.version'] ?? ''}`
  }
  return [...ps].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0))
}

const NODE_ARCH = new Map([
  ['x64', 'amd64'],
  ['arm64', 'arm64'],
  ['arm', 'arm'],
  ['ia32', '386'],
  ['ppc64', 'ppc64le'],
  ['s390x', 's390x'],
  ['riscv64', 'riscv64'],
  ['loong64', 'loong64']
])

// Docker on macOS runs a Linux VM, so a mac runner builds linux images.
const NODE_OS = new Map([
  ['linux', 'linux'],
  ['win32', 'windows'],
  ['darwin', 'linux']
])

/** The platform a runner builds natively, from Node's process.arch and process.platform. */
export function runnerPlatform(nodeArch: string, nodePlatform: string): Platform {
  const arch = NODE_ARCH.get(nodeArch)
  const os = NODE_OS.get(nodePlatform)
  if (arch === undefined || os === undefined) {
    throw new InvalidPlatformError(
      `this runner (${nodePlatform}/${nodeArch}) has no supported container platform; use a Linux or Windows runner on x64 or arm64`
    )
  }
  return build(os, arch, arch === 'arm' ? 'v7' : '')
}
