// Every input is parsed and validated here, once, before any side effect, into typed Inputs.
// Errors name the input and the accepted form. Both edges call parseInputs with their own
// reader (the action: core.getInput; the CLI: its flags) and their own run context.
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { BuildConfig, Runner } from '../commands/build.js'
import { DEFAULT_BUILDKIT_IMAGE } from '../docker/builder.js'
import type { MergeConfig } from '../commands/merge.js'
import type { MirrorTarget } from '../commands/mirror.js'
import { planRun, publishes, type RunPlan } from '../commands/plan.js'
import * as opts from '../docker/build-options.js'
import type { GitContext } from '../git/context.js'
import { formatPlatform, parsePlatformList, platformsMatch } from '../oci/platform.js'
import type { EventContext } from '../metadata/context.js'
import { standardLabels } from '../metadata/labels.js'
import { resolveTags } from '../metadata/resolve.js'
import { RuleError } from '../metadata/rules.js'
import { validatePlatformTags } from '../oci/platform-tag.js'
import { parseReference, validateRepositoryName, validateTag } from '../oci/reference.js'
import { validateRunKey } from '../oci/staging.js'
import { regionOf, withEcrPublicAlias } from '../ecr/registry-host.js'
import type { Platform } from '../oci/types.js'

/** What the run does, everything a build or a merge takes, plus where to log in and what the post step does. */
export interface Inputs extends BuildConfig, MergeConfig {
  plan: RunPlan
  /** Build legs without a merge job: the platforms of the whole matrix, in index order (empty: off). */
  publishWhenComplete: Platform[]
  registry?: string
  region?: string
  username?: string
  password?: string
  logout: boolean
  /** The image version (metadata-action's `version` output), when the tags name one. */
  version?: string
}

export class InputError extends Error {
  constructor(input: string, message: string) {
    super(`input ${input}: ${message}`)
    this.name = 'InputError'
  }
}

/**
 * `runner`: where this job runs, which decides what a build may build (by default, its own platform).
 * `env`: AWS_REGION/AWS_DEFAULT_REGION and the variables secret-envs names.
 */
export function parseInputs(source: InputSource, runner: Runner, env: NodeJS.ProcessEnv, context: RunContext): Inputs {
  const r = reader(source)
  const { optional, required, oneOf, bool, keyValues, parsed, imageName } = r
  const mode = oneOf('mode', ['build', 'merge', 'check'], 'build')
  if (mode === 'check') throw new Error('mode: check takes its inputs from parseCheckInputs (check/inputs.ts)')
  const repositoryInput = required('repository')
  guard('repository', () => validateRepositoryName(repositoryInput))
  // registry: public.ecr.aws/<alias> puts the alias in front of the repository path.
  const { registry: registryInput, repository } = guard('registry', () => withEcrPublicAlias(optional('registry'), repositoryInput))
  const { git, event } = context
  const runKey = optional('run-key') ?? context.runKey ?? ''
  if (!runKey) throw new InputError('run-key', context.noRunKey)
  try {
    validateRunKey(runKey)
  } catch {
    // validateRunKey's own message already names the input; say it once, in our form.
    throw new InputError('run-key', `"${runKey}" is not valid: use 1 to 64 letters, digits, "_" or "." (no "-"), e.g. run-key: nightly_42`)
  }
  const runAttempt = parseRunAttempt(context)

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
  if (password) source.secret(password)
  if (username && !password)
    throw new InputError('password', 'is empty but username is set: give both username and password (non-ECR registries only), or neither')
  if (password && !username)
    throw new InputError('username', 'is empty but password is set: give both username and password (non-ECR registries only), or neither')

  const latestPolicy = oneOf('latest-policy', ['highest', 'always'], 'highest')
  const mirrors = list(optional('mirrors') ?? '').map(line => guard('mirrors', () => parseMirror(line)))
  const resolved = guardRules(() =>
    resolveTags({
      tags: optional('tags'),
      flavor: optional('flavor'),
      repository,
      registryHost: registryInput && /[.:]/.test(registryInput) ? registryInput.replace(/^https?:\/\//, '') : undefined,
      mirrors,
      git,
      event,
      now: new Date()
    })
  )
  for (const note of resolved.notes) source.info(`tags: ${note}`)
  const tags = resolved.tags
  for (const tag of tags) guard('tags', () => validateTag(tag))
  const options = buildOptions(r)
  // call: check (and outline, targets) builds nothing, so there is nothing to push or publish.
  const push = bool('push', true) && options.call === 'build'
  const publishWhenComplete = completeSet(r, mode)
  const plan = planRun(mode, platforms.length, push, publishWhenComplete.length > 0)
  if (publishes(plan) && tags.length === 0)
    throw new InputError(
      'tags',
      'is empty and there is no git context (GITHUB_SHA) to derive tags from: give tags, e.g. tags: 1.2.3,latest'
    )
  const repeated = tags.find((tag, i) => tags.indexOf(tag) !== i)
  if (repeated !== undefined) throw new InputError('tags', `lists "${repeated}" twice: give each tag once`)

  // Checked against the platforms given; a merge without them checks again before publishing.
  const platformTags = bool('platform-tags', false)
  if (platformTags) guard('platform-tags', () => validatePlatformTags(tags, platforms))

  if (mirrors.length > 0 && !publishes(plan))
    throw new InputError('mirrors', 'only a merge, or a one-job multi-platform build that pushes, publishes: give mirrors there')

  const sources = list(optional('sources') ?? '')
  for (const source of sources) guard('sources', () => parseReference(source))

  const inputs: Inputs = {
    plan,
    publishWhenComplete,
    repository,
    registry: registryInput,
    region: regionOf(optional('region'), env),
    username,
    password,
    platforms,
    context: optional('context') ?? '.',
    file: optional('file'),
    target: optional('target'),
    buildArgs: keyValues('build-args'),
    labels: keyValues('labels'),
    secrets: secrets(r, env),
    provenance: parsed('provenance', opts.parseProvenance) ?? true,
    options,
    cache: oneOf('cache', ['ecr', 'none'], 'ecr'),
    push,
    createRepository: bool('create-repository', true),
    tagMutability: oneOf('tag-mutability', ['MUTABLE', 'IMMUTABLE'], 'MUTABLE'),
    runKey,
    runAttempt,
    builder: optional('builder'),
    createBuilder: oneOf('create-builder', ['auto', 'false'], 'auto'),
    buildkitImage: imageName('buildkit-image', DEFAULT_BUILDKIT_IMAGE),
    preflight: bool('preflight', true),
    logout: bool('logout', true),
    tags,
    sources,
    attestations: oneOf('attestations', ['keep', 'strip'], 'keep'),
    annotations: keyValues('annotations'),
    cleanup: bool('cleanup', true),
    platformTags,
    mirrors,
    git,
    standard: standardLabels(event, resolved.version),
    latest: resolved.latest ? { tag: resolved.latest, policy: latestPolicy, published: resolved.published } : undefined,
    version: resolved.version
  }
  // Last, so that every input is checked for its own form first.
  if (mode !== 'build') return inputs
  const built = checkPlatforms(inputs, runner)
  const outside = publishWhenComplete.length > 0 ? built.find(p => !publishWhenComplete.some(q => platformsMatch(q, p))) : undefined
  if (outside)
    throw new InputError(
      'publish-when-complete',
      `does not list ${formatPlatform(outside)}, which this leg builds: list every platform of the matrix, this leg's included, e.g. publish-when-complete: linux/amd64,linux/arm64`
    )
  return { ...inputs, platforms: built }
}

/** publish-when-complete: the platforms of the whole matrix, for build legs only. */
function completeSet({ optional }: Reader, mode: string): Platform[] {
  const raw = optional('publish-when-complete')
  if (raw === undefined) return []
  if (mode !== 'build')
    throw new InputError('publish-when-complete', 'is for build legs (mode: build): a merge job publishes anyway; drop one of the two')
  const set = guard('publish-when-complete', () => parsePlatformList(raw))
  if (set.length === 0)
    throw new InputError(
      'publish-when-complete',
      'lists no platform, only empty entries: give the platforms of the whole matrix, e.g. linux/amd64,linux/arm64'
    )
  return set
}

/**
 * The platforms a build job may build here: Linux on Linux runners (natively or under
 * QEMU), one Windows platform, the runner's own with its os.version, on Windows runners.
 */
export function checkPlatforms(
  inputs: Pick<Inputs, 'platforms' | 'secrets'> & Partial<Pick<Inputs, 'options'>>,
  runner: Runner
): Platform[] {
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
    if (inputs.secrets.length > 0 || (inputs.options?.secretFiles.length ?? 0) > 0)
      throw new InputError('secrets', 'Windows legs build with docker build (no BuildKit), which has no build secrets')
    const buildkitOnly = inputs.options && opts.buildKitOnlyInput(inputs.options)
    if (buildkitOnly) throw new InputError(buildkitOnly, 'Windows legs build with docker build (no BuildKit), which lacks this option')
    return { ...p, 'os.version': runner.platform['os.version'] }
  })
}

/** build-push-action's options, in its forms: multi-line lists, CSV where it takes CSV. */
function buildOptions(r: Reader): opts.BuildOptions {
  const { optional, lines, parsed, bool } = r
  return {
    buildContexts: guard('build-contexts', () => opts.parseBuildContexts(lines('build-contexts'))),
    ssh: guard('ssh', () => opts.parseSsh(lines('ssh'))),
    network: parsed('network', opts.parseNetwork),
    addHosts: guard('add-hosts', () => opts.parseAddHosts(list(optional('add-hosts') ?? ''))),
    shmSize: parsed('shm-size', opts.parseShmSize),
    ulimits: guard('ulimit', () => opts.parseUlimits(lines('ulimit'))),
    noCache: bool('no-cache', false),
    noCacheFilters: guard('no-cache-filters', () => opts.parseStages(list(optional('no-cache-filters') ?? ''))),
    pull: bool('pull', false),
    call: parsed('call', opts.parseCall) ?? 'build',
    secretFiles: secretFiles(r),
    sbom: parsed('sbom', opts.parseSbom) ?? false,
    cacheFrom: guard('cache-from', () => opts.parseCacheSpecs(lines('cache-from'))),
    cacheTo: guard('cache-to', () => opts.parseCacheSpecs(lines('cache-to')))
  }
}

/** secrets (id=value) and secret-envs (id=ENV_NAME, read here): one list of values, masked, ids unique. */
function secrets({ keyValues, source }: Reader, env: NodeJS.ProcessEnv): { id: string; value: string }[] {
  const given = Object.entries(keyValues('secrets')).map(([id, value]) => ({ id, value }))
  const fromEnv = keyValues('secret-envs', { csv: true })
  for (const [id, name] of Object.entries(fromEnv)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new InputError('secret-envs', `the value for id ${id} is not an environment variable name: e.g. ${id}=MY_TOKEN`)
    const value = env[name]
    if (value === undefined || value === '')
      throw new InputError('secret-envs', `id ${id} reads environment variable ${name}, which is not set: set it in the step's env`)
    if (given.some(s => s.id === id)) throw new InputError('secret-envs', `id ${id} is also given in secrets: give each secret id once`)
    given.push({ id, value })
  }
  for (const { value } of given) source.secret(value)
  return given
}

/**
 * secret-files (id=path): each file must be readable now; its contents are masked (the
 * whole, and each line long enough not to blank ordinary log text). The path stays out of
 * argv and logs (see secretFileArgs); errors name the id only.
 */
function secretFiles({ keyValues, source }: Reader): { id: string; path: string }[] {
  return Object.entries(keyValues('secret-files')).map(([id, file]) => {
    const path = resolve(file)
    let contents: string
    try {
      if (!statSync(path).isFile()) throw new Error('not a file')
      contents = readFileSync(path, 'utf8')
    } catch {
      throw new InputError('secret-files', `the file for id ${id} is not a readable file: give id=<path to a file>, e.g. npmrc=./.npmrc`)
    }
    if (contents !== '') source.secret(contents)
    for (const line of contents.split(/\r?\n/)) if (line.trim().length >= 4) source.secret(line.trim())
    return { id, path }
  })
}

/**
 * Where the inputs come from: the raw value of an input by its action.yml name ('' when not
 * given, untrimmed), and the edge's way to keep a secret out of its logs (the action masks it;
 * the CLI never prints one, so it has nothing to do).
 */
export interface InputSource {
  read(name: string): string
  secret(value: string): void
  /** Notes from parsing (the tag rules'): the action logs them, the CLI too. */
  info(message: string): void
}

/** The CI system's facts about this run: the action's from GITHUB_*, the CLI's from its ci-context. */
export interface RunContext {
  /** The run key the CI system names, used when the run-key input is empty. */
  runKey?: string
  /** What input run-key says when neither is given, e.g. "is empty and GITHUB_RUN_ID is not set: ...". */
  noRunKey: string
  /** The attempt as the CI system gives it (unset: 1), and its error when it is not a whole number from 1. */
  attempt?: string
  badAttempt: (raw: string) => InputError
  git: GitContext
  event: EventContext
}

/** The typed readers over one source; every error names the input. */
type Reader = ReturnType<typeof reader>

function reader(source: InputSource) {
  const optional = (name: string): string | undefined => {
    const value = source.read(name).trim()
    return value === '' ? undefined : value
  }
  return {
    source,
    optional,
    required(name: string): string {
      const value = optional(name)
      if (value === undefined) throw new InputError(name, 'is required: give the ECR repository name, e.g. team/app')
      return value
    },
    /** Non-empty lines, trimmed: build-push-action's lists whose entries may contain commas. */
    lines(name: string): string[] {
      return source
        .read(name)
        .split('\n')
        .map(v => v.trim())
        .filter(v => v !== '')
    },
    /** An optional input through a parser of its form (errors name the input). */
    parsed<T>(name: string, parse: (value: string) => T): T | undefined {
      const value = optional(name)
      return value === undefined ? undefined : guard(name, () => parse(value))
    },
    oneOf<T extends string>(name: string, accepted: readonly T[], fallback: T): T {
      const value = optional(name) ?? fallback
      const match = accepted.find(a => a.toLowerCase() === value.toLowerCase())
      if (!match) throw new InputError(name, `"${value}" is not one of ${accepted.join(', ')}`)
      return match
    },
    bool(name: string, fallback: boolean): boolean {
      const value = optional(name)
      if (value === undefined) return fallback
      if (value.toLowerCase() === 'true') return true
      if (value.toLowerCase() === 'false') return false
      throw new InputError(name, `"${value}" is not a boolean: use true or false`)
    },
    /**
     * One `KEY=VALUE` per line (values may contain '=' and ','); each line is trimmed at both ends.
     * `csv`: commas separate entries too (secret-envs, as build-push-action reads it).
     */
    keyValues(name: string, { csv = false } = {}): Record<string, string> {
      // A Map, not an object literal: keys such as constructor or __proto__ are plain keys here.
      const result = new Map<string, { value: string; line: number }>()
      // Untrimmed, so that line numbers in errors count from the input's first line.
      const rows = source.read(name).split('\n')
      for (const [n, raw] of rows.entries())
        for (const entry of csv ? raw.split(',') : [raw]) {
          const line = entry.trim()
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
    },
    /** An image reference as docker takes it (Docker Hub short names included); never a flag. */
    imageName(name: string, fallback: string): string {
      const value = optional(name) ?? fallback
      if (!/^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/.test(value))
        throw new InputError(
          name,
          `"${value}" is not an image reference: give e.g. ${fallback} or <registry>/<repository>:<tag> of a mirror`
        )
      return value
    }
  }
}

/** The run's attempt (1 when unset): a whole number from 1, nothing else. */
function parseRunAttempt(context: RunContext): number {
  const raw = context.attempt
  if (raw === undefined) return 1
  const attempt = /^[1-9][0-9]{0,8}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN
  if (!Number.isSafeInteger(attempt)) throw context.badAttempt(raw)
  return attempt
}

/** Comma- or newline-separated values, empty entries dropped. */
function list(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map(v => v.trim())
    .filter(v => v !== '')
}

/** Tag rules and flavor: the error names the input at fault. */
function guardRules<T>(resolve: () => T): T {
  try {
    return resolve()
  } catch (error) {
    throw new InputError(error instanceof RuleError ? error.input : 'tags', (error as Error).message)
  }
}

/** A mirror: one full repository reference, registry host first, no tag or digest. */
function parseMirror(line: string): MirrorTarget {
  const ref = parseReference(line)
  if (ref.tag !== undefined || ref.digest !== undefined)
    throw new Error(`"${line}" names a tag or digest: give the repository only, e.g. ghcr.io/acme/app (the tags input applies)`)
  return { registry: ref.registry, repository: ref.repository }
}

function guard<T>(name: string, validate: () => T): T {
  try {
    return validate()
  } catch (error) {
    throw new InputError(name, (error as Error).message)
  }
}
