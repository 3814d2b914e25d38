// mode: check's own inputs, read through whatever reads the edge's inputs (INPUT_* for the
// Action, flags for a CLI) and parsed here, once, before any side effect. Errors name the
// input and the accepted form.
import { regionOf, resolveRegistryInput } from '../ecr/registry-host.js'
import { parsePlatformList } from '../oci/platform.js'
import type { Platform } from '../oci/types.js'

export type FailOn = 'missing' | 'never'

/** What `platforms` means in mode: check when it is not given: the two Linux platforms of a Graviton migration. */
export const CHECK_DEFAULT_PLATFORMS = 'linux/amd64,linux/arm64'

export interface CheckConfig {
  /** Files, directories and globs, as the input gives them. */
  manifests: string[]
  failOn: FailOn
  platforms: Platform[]
  registry?: string
  region?: string
  username?: string
  password?: string
}

export interface CheckInputs extends CheckConfig {
  plan: { kind: 'check' }
}

/** How an edge hands over its inputs: the raw value of one (empty when not given), and the masking of a secret. */
export interface CheckInputSource {
  read(name: string): string
  secret(value: string): void
}

export class CheckInputError extends Error {
  constructor(input: string, message: string) {
    super(`input ${input}: ${message}`)
    this.name = 'InputError'
  }
}

/** mode: check's inputs; undefined in any other mode (whose own parsing also judges a bad mode). */
export function parseCheckInputs(source: CheckInputSource, env: NodeJS.ProcessEnv): CheckInputs | undefined {
  const optional = (name: string) => source.read(name).trim() || undefined
  if (optional('mode')?.toLowerCase() !== 'check') return undefined
  const guard = <T>(name: string, parse: () => T): T => {
    try {
      return parse()
    } catch (err) {
      throw new CheckInputError(name, err instanceof Error ? err.message : String(err))
    }
  }
  const username = optional('username')
  const password = optional('password')
  if (password) source.secret(password)
  if (Boolean(username) !== Boolean(password))
    throw new CheckInputError(
      username ? 'password' : 'username',
      "give both username and password (for the registry input's host), or neither"
    )
  const region = regionOf(optional('region'), env)
  const registry = optional('registry')
  guard('registry', () => resolveRegistryInput(registry, region))
  return {
    plan: { kind: 'check' },
    manifests: guard('manifests', () => parseManifestPatterns(optional('manifests'))),
    failOn: guard('fail-on', () => parseFailOn(optional('fail-on'))),
    platforms: guard('platforms', () => parseCheckPlatforms(optional('platforms'))),
    registry,
    region,
    username,
    password
  }
}

/** manifests: one file, directory or glob per line, or comma-separated; at least one. */
export function parseManifestPatterns(raw: string | undefined): string[] {
  const patterns = (raw ?? '')
    .split(/[,\n]/)
    .map(p => p.trim())
    .filter(p => p !== '')
  if (patterns.filter(p => !p.startsWith('!')).length === 0)
    throw new Error('is required in mode: check: give the deployment files, one per line or comma-separated, e.g. k8s/**/*.yaml')
  return patterns
}

export function parseFailOn(raw: string | undefined): FailOn {
  const value = (raw ?? '').trim().toLowerCase() || 'missing'
  if (value !== 'missing' && value !== 'never')
    throw new Error(
      `"${raw}" is not one of missing, never: missing (default) fails the step when an image lacks a platform; never only warns`
    )
  return value
}

/** platforms in mode: check: the ones every image must have (default linux/amd64,linux/arm64). */
export function parseCheckPlatforms(raw: string | undefined): Platform[] {
  const platforms = parsePlatformList(raw?.trim() || CHECK_DEFAULT_PLATFORMS)
  if (platforms.length === 0) throw new Error('lists no platform: give os/arch entries, e.g. linux/amd64,linux/arm64')
  return platforms
}
