// The only place that reads INPUT_*: every input is parsed and validated here, once,
// before any side effect, into typed Inputs. Errors name the input and the accepted form.
import * as core from '@actions/core'
import { context } from '@actions/github'
import { gitContextFromEnv, type GitContext } from '../git/context.js'
import { parsePlatformList, runnerPlatform } from '../oci/platform.js'
import { parseReference, validateRepositoryName, validateTag } from '../oci/reference.js'
import { validateRunKey } from '../oci/staging.js'
import { defaultTags } from '../oci/tags.js'
import type { Platform } from '../oci/types.js'

export type Mode = 'build' | 'merge'

export interface BuildSecret {
  id: string
  value: string
}

export interface Inputs {
  mode: Mode
  repository: string
  registry?: string
  region?: string
  username?: string
  password?: string
  /** build: what this job builds (default: the runner's platform). merge: what the index must hold (empty: every staged leg). */
  platforms: Platform[]
  context: string
  file?: string
  target?: string
  buildArgs: Record<string, string>
  labels: Record<string, string>
  secrets: BuildSecret[]
  provenance: boolean
  cache: 'ecr' | 'none'
  push: boolean
  createRepository: boolean
  tagMutability: 'MUTABLE' | 'IMMUTABLE'
  runKey: string
  runAttempt: number
  builder?: string
  logout: boolean
  tags: string[]
  sources: string[]
  attestations: 'keep' | 'strip'
  annotations: Record<string, string>
  cleanup: boolean
  git: GitContext
}

export class InputError extends Error {
  constructor(input: string, message: string) {
    super(`input ${input}: ${message}`)
    this.name = 'InputError'
  }
}

export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const mode = oneOf('mode', ['build', 'merge'], 'build')
  const repository = required('repository')
  guard('repository', () => validateRepositoryName(repository))
  const git = gitContextFromEnv(env, context.payload)
  const runKey = optional('run-key') ?? env.GITHUB_RUN_ID ?? ''
  if (!runKey) throw new InputError('run-key', 'is empty and GITHUB_RUN_ID is not set: give a run identifier, e.g. run-key: nightly-42')
  guard('run-key', () => validateRunKey(runKey))
  const runAttempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1')
  if (!Number.isInteger(runAttempt) || runAttempt < 1) throw new InputError('run-key', `GITHUB_RUN_ATTEMPT "${env.GITHUB_RUN_ATTEMPT}" is not a positive integer`)

  const platformsInput = optional('platforms')
  const platforms = platformsInput ? guard('platforms', () => parsePlatformList(platformsInput)) : mode === 'build' ? [runnerPlatform(process.arch, process.platform)] : []
  if (mode === 'build' && platforms.length === 0) throw new InputError('platforms', 'lists no platform: give one, e.g. linux/arm64')

  const username = optional('username')
  const password = optional('password')
  if (password) core.setSecret(password)
  if (Boolean(username) !== Boolean(password)) throw new InputError(username ? 'password' : 'username', 'username and password go together (for non-ECR registries only)')

  const tagsInput = optional('tags')
  const tags = tagsInput ? list(tagsInput) : git.sha ? defaultTags(git) : []
  for (const tag of tags) guard('tags', () => validateTag(tag))
  if (mode === 'merge' && tags.length === 0) throw new InputError('tags', 'is empty and there is no git context (GITHUB_SHA) to derive tags from: give tags, e.g. tags: 1.2.3,latest')
  if (new Set(tags).size !== tags.length) throw new InputError('tags', `lists a tag twice: ${tags.join(', ')}`)

  const sources = list(optional('sources') ?? '')
  for (const source of sources) guard('sources', () => parseReference(source))

  return {
    mode,
    repository,
    registry: optional('registry'),
    region: optional('region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    username,
    password,
    platforms,
    context: optional('context') ?? '.',
    file: optional('file'),
    target: optional('target'),
    buildArgs: keyValues('build-args'),
    labels: keyValues('labels'),
    secrets: Object.entries(keyValues('secrets')).map(([id, value]) => {
      core.setSecret(value)
      return { id, value }
    }),
    provenance: bool('provenance', true),
    cache: oneOf('cache', ['ecr', 'none'], 'ecr'),
    push: bool('push', true),
    createRepository: bool('create-repository', true),
    tagMutability: oneOf('tag-mutability', ['MUTABLE', 'IMMUTABLE'], 'MUTABLE'),
    runKey,
    runAttempt,
    builder: optional('builder'),
    logout: bool('logout', true),
    tags,
    sources,
    attestations: oneOf('attestations', ['keep', 'strip'], 'keep'),
    annotations: keyValues('annotations'),
    cleanup: bool('cleanup', true),
    git
  }
}

function optional(name: string): string | undefined {
  const value = core.getInput(name).trim()
  return value === '' ? undefined : value
}

function required(name: string): string {
  const value = optional(name)
  if (value === undefined) throw new InputError(name, 'is required')
  return value
}

function oneOf<T extends string>(name: string, accepted: readonly T[], fallback: T): T {
  const value = optional(name) ?? fallback
  const match = accepted.find(a => a.toLowerCase() === value.toLowerCase())
  if (!match) throw new InputError(name, `"${value}" is not one of ${accepted.join(', ')}`)
  return match
}

function bool(name: string, fallback: boolean): boolean {
  const value = optional(name)?.toLowerCase()
  if (value === undefined) return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  throw new InputError(name, `"${value}" is not a boolean: use true or false`)
}

/** Comma- or newline-separated values, empty entries dropped. */
function list(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map(v => v.trim())
    .filter(v => v !== '')
}

/** One `KEY=VALUE` per line (values may contain '=' and ','). */
function keyValues(name: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = core.getInput(name).split('\n')
  for (const [n, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '')
    if (line.trim() === '') continue
    const eq = line.indexOf('=')
    const key = eq > 0 ? line.slice(0, eq).trim() : ''
    if (!/^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(key)) {
      // Never echo the line itself: for `secrets` it may be the secret.
      throw new InputError(name, `line ${n + 1} is not KEY=VALUE: one entry per line, the key made of letters, digits, _ . - /`)
    }
    if (key in result) throw new InputError(name, `key "${key}" is given twice`)
    result[key] = line.slice(eq + 1)
  }
  return result
}

function guard<T>(name: string, validate: () => T): T {
  try {
    return validate()
  } catch (error) {
    throw new InputError(name, (error as Error).message)
  }
}
