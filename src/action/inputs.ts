// The only place that reads INPUT_*: every input is parsed and validated here, once,
// before any side effect, into typed Inputs. Errors name the input and the accepted form.
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import type { BuildConfig, Runner } from '../commands/build.js'
import type { MergeConfig } from '../commands/merge.js'
import { planRun, publishes, type RunPlan } from '../commands/plan.js'
import { gitContextFromEnv, type GitHubEvent } from '../git/context.js'
import { parsePlatformList } from '../oci/platform.js'
import { parseReference, validateRepositoryName, validateTag } from '../oci/reference.js'
import { validateRunKey } from '../oci/staging.js'
import { defaultTags } from '../oci/tags.js'
import type { Platform } from '../oci/types.js'

/** What the run does, everything a build or a merge takes, plus where to log in and what the post step does. */
export interface Inputs extends BuildConfig, MergeConfig {
  plan: RunPlan
  registry?: string
  region?: string
  username?: string
  password?: string
  logout: boolean
}

export class InputError extends Error {
  constructor(input: string, message: string) {
    super(`input ${input}: ${message}`)
    this.name = 'InputError'
  }
}

/**
 * The webhook event the run was triggered by (GITHUB_EVENT_PATH), or {} without one. Read
 * here rather than through @actions/github, whose Octokit was a large share of the start-up.
 */
function eventPayload(env: NodeJS.ProcessEnv): GitHubEvent {
  const path = env.GITHUB_EVENT_PATH
  if (!path) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as GitHubEvent
  } catch {
    return {}
  }
}

/** `runner`: where this job runs, which decides what a build may build (by default, its own platform). */
export function getInputs(runner: Runner, env: NodeJS.ProcessEnv = process.env): Inputs {
  const mode = oneOf('mode', ['build', 'merge'], 'build')
  const repository = required('repository')
  guard('repository', () => validateRepositoryName(repository))
  const git = gitContextFromEnv(env, eventPayload(env))
  const runKey = optional('run-key') ?? env.GITHUB_RUN_ID ?? ''
  if (!runKey) throw new InputError('run-key', 'is empty and GITHUB_RUN_ID is not set: give a run identifier, e.g. run-key: nightly_42')
  try {
    validateRunKey(runKey)
  } catch {
    // validateRunKey's own message already names the input; say it once, in our form.
    throw new InputError('run-key', `"${runKey}" is not valid: use 1 to 64 letters, digits, "_" or "." (no "-"), e.g. run-key: nightly_42`)
  }
  const runAttempt = parseRunAttempt(env.GITHUB_RUN_ATTEMPT)

  const platformsInput = optional('platforms')
  const platforms = platformsInput
    ? guard('platforms', () => parsePlatformList(platformsInput))
    : mode === 'build'
      ? [{ ...runner.platform }]
      : []
  if (platformsInput && platforms.length === 0) {
    throw new InputError(
      'platforms',
      'lists no platform, only empty entries: give os/arch entries separated by commas or newlines, e.g. linux/amd64,linux/arm64'
    )
  }

  const username = optional('username')
  const password = optional('password')
  if (password) core.setSecret(password)
  if (username && !password)
    throw new InputError('password', 'is empty but username is set: give both username and password (non-ECR registries only), or neither')
  if (password && !username)
    throw new InputError('username', 'is empty but password is set: give both username and password (non-ECR registries only), or neither')

  const tagsInput = optional('tags')
  const tags = tagsInput ? list(tagsInput) : git.sha ? guard('tags', () => defaultTags(git)) : []
  for (const tag of tags) guard('tags', () => validateTag(tag))
  const push = bool('push', true)
  const plan = planRun(mode, platforms.length, push)
  if (publishes(plan) && tags.length === 0)
    throw new InputError(
      'tags',
      'is empty and there is no git context (GITHUB_SHA) to derive tags from: give tags, e.g. tags: 1.2.3,latest'
    )
  const repeated = tags.find((tag, i) => tags.indexOf(tag) !== i)
  if (repeated !== undefined) throw new InputError('tags', `lists "${repeated}" twice: give each tag once`)

  const sources = list(optional('sources') ?? '')
  for (const source of sources) guard('sources', () => parseReference(source))

  const inputs: Inputs = {
    plan,
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
    push,
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
  // Last, so that every input is checked for its own form first.
  return mode === 'build' ? { ...inputs, platforms: checkPlatforms(inputs, runner) } : inputs
}

/**
 * The platforms a build job may build here: Linux on Linux runners (natively or under
 * QEMU), one Windows platform, the runner's own with its os.version, on Windows runners.
 */
export function checkPlatforms(inputs: Pick<Inputs, 'platforms' | 'secrets'>, runner: Runner): Platform[] {
  return inputs.platforms.map(p => {
    const wantsWindows = p.os === 'windows'
    if (wantsWindows !== runner.windows) {
      throw new InputError(
        'platforms',
        `${p.os} images cannot be built on a ${runner.windows ? 'Windows' : runner.platform.os} runner: build ${wantsWindows ? 'Windows images on windows-2022 or windows-2025 runners' : 'Linux images on a Linux runner'} (a matrix of runners, then mode: merge)`
      )
    }
    if (!wantsWindows) return p
    if (inputs.platforms.length > 1)
      throw new InputError('platforms', "a Windows leg builds one platform: its runner's own (windows/amd64)")
    if (p.architecture !== runner.platform.architecture)
      throw new InputError('platforms', `a ${runner.platform.architecture} Windows runner cannot build windows/${p.architecture}`)
    if (inputs.secrets.length > 0)
      throw new InputError('secrets', 'Windows legs build with docker build (no BuildKit), which has no build secrets')
    return { ...p, 'os.version': runner.platform['os.version'] }
  })
}

function optional(name: string): string | undefined {
  const value = core.getInput(name).trim()
  return value === '' ? undefined : value
}

function required(name: string): string {
  const value = optional(name)
  if (value === undefined) throw new InputError(name, 'is required: give the ECR repository name, e.g. team/app')
  return value
}

/** The runner's GITHUB_RUN_ATTEMPT (1 when unset): a whole number from 1, nothing else. */
function parseRunAttempt(raw: string | undefined): number {
  if (raw === undefined) return 1
  const attempt = /^[1-9][0-9]{0,8}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN
  if (!Number.isSafeInteger(attempt)) {
    throw new InputError(
      'run-key',
      `GITHUB_RUN_ATTEMPT "${raw}" is not a whole number from 1: leave it to the runner, which sets 1, 2, ...`
    )
  }
  return attempt
}

function oneOf<T extends string>(name: string, accepted: readonly T[], fallback: T): T {
  const value = optional(name) ?? fallback
  const match = accepted.find(a => a.toLowerCase() === value.toLowerCase())
  if (!match) throw new InputError(name, `"${value}" is not one of ${accepted.join(', ')}`)
  return match
}

function bool(name: string, fallback: boolean): boolean {
  const value = optional(name)
  if (value === undefined) return fallback
  if (value.toLowerCase() === 'true') return true
  if (value.toLowerCase() === 'false') return false
  throw new InputError(name, `"${value}" is not a boolean: use true or false`)
}

/** Comma- or newline-separated values, empty entries dropped. */
function list(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map(v => v.trim())
    .filter(v => v !== '')
}

/** One `KEY=VALUE` per line (values may contain '=' and ','); each line is trimmed at both ends. */
function keyValues(name: string): Record<string, string> {
  // A Map, not an object literal: keys such as constructor or __proto__ are plain keys here.
  const result = new Map<string, { value: string; line: number }>()
  // Untrimmed, so that line numbers in errors count from the input's first line.
  const lines = core.getInput(name, { trimWhitespace: false }).split('\n')
  for (const [n, raw] of lines.entries()) {
    const line = raw.trim()
    if (line === '') continue
    const eq = line.indexOf('=')
    const key = eq > 0 ? line.slice(0, eq).trim() : ''
    if (!/^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(key)) {
      // Never echo the line itself: for `secrets` it may be the secret.
      throw new InputError(
        name,
        `line ${n + 1} is not KEY=VALUE: one entry per line, the key starting with a letter or _ and made of letters, digits, _ . - /, e.g. KEY=value`
      )
    }
    const earlier = result.get(key)
    if (earlier !== undefined)
      throw new InputError(name, `key "${key}" is given twice (lines ${earlier.line} and ${n + 1}): give each key once`)
    result.set(key, { value: line.slice(eq + 1), line: n + 1 })
  }
  return Object.fromEntries([...result].map(([key, { value }]) => [key, value]))
}

function guard<T>(name: string, validate: () => T): T {
  try {
    return validate()
  } catch (error) {
    throw new InputError(name, (error as Error).message)
  }
}
