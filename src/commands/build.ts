// Build legs: build each requested platform (natively, or under QEMU), push it under
// the run's staging tag, and check what landed. A leg never writes a release tag; a
// one-job multi-platform build hands its staged legs to the same merge as a matrix.
import { PlatformLookup } from '../check/platforms.js'
import { preflightLeg } from '../check/preflight.js'
import { chooseBuilder, type BuilderChoice } from '../docker/builder.js'
import type { BuildOptions } from '../docker/build-options.js'
import { runBuildx } from '../docker/buildx.js'
import { classicBuild } from '../docker/classic-build.js'
import { checkDocker, retryDocker } from '../docker/cli.js'
import { builderPlatforms, ensureEmulators, type PlatformSupport } from '../docker/emulation.js'
import { dockerLogin } from '../docker/login.js'
import { ensureRepository } from '../ecr/repository.js'
import type { GitContext } from '../git/context.js'
import { imageLabels } from '../metadata/labels.js'
import { cacheTags } from '../oci/cache-refs.js'
import { formatPlatform } from '../oci/platform.js'
import { buildTag, stagingTag } from '../oci/staging.js'
import type { Platform } from '../oci/types.js'
import { phase, type Logger } from '../util/logger.js'
import type { RegistrySession } from './session.js'
import { PushedIndexGoneError, stagePushed, type StagedLeg } from './stage.js'

export interface BuildConfig {
  repository: string
  platforms: Platform[]
  context: string
  file?: string
  target?: string
  buildArgs: Record<string, string>
  labels: Record<string, string>
  secrets: { id: string; value: string }[]
  /** true (mode=min), false, or buildx's provenance attributes (mode=max,...). */
  provenance: boolean | string
  cache: 'ecr' | 'none'
  /** build-push-action's other options. */
  options: BuildOptions
  push: boolean
  createRepository: boolean
  tagMutability: 'MUTABLE' | 'IMMUTABLE'
  runKey: string
  runAttempt: number
  builder?: string
  /** `auto`: create a docker-container builder when the current one cannot export cache or attestations. */
  createBuilder: 'auto' | 'false'
  /** The BuildKit image of a builder this job creates. */
  buildkitImage: string
  git: GitContext
  /** The standard OCI labels (title, version, ...): under the user's labels. */
  standard?: Record<string, string>
  /** Check the base images for the leg's platforms before building (default true). */
  preflight?: boolean
  /**
   * publish-when-complete's set: another leg of the run may then publish this leg, and delete its
   * staging tag, as soon as the tag is pushed (see LegResult.taken).
   */
  publishWhenComplete?: readonly Platform[]
}

export interface BuildHooks {
  /** A builder was created that the post step must remove (called before the build, so a failed build still removes it). */
  onBuilderCreated?: (name: string) => void
}

/** Where the build runs: the runner's own platform and OS. */
export interface Runner {
  platform: Platform
  windows: boolean
}

export interface LegResult {
  platform: string
  /** What the staging tag points to: an index. Empty when nothing was pushed. */
  digest: string
  /** The image manifest inside it. */
  childDigest: string
  /** Image size: manifest, config and layers. */
  size: number
  seconds: number
  cachedSteps: number
  /** The registry cache ref existed and was imported. */
  cacheImported: boolean
  emulated: boolean
  /** The cache ref written (or, on pull requests, the first read). */
  cacheRef?: string
  /** The cache ref BuildKit found and imported. */
  cacheImportedRef?: string
  /** The leg wrote cacheRef (false on pull requests and builds that push nothing). */
  cacheWritten?: boolean
  stagingTag: string
  pushed: boolean
  /** Which builder built it, and why that one. */
  builder: string
  /**
   * publish-when-complete: another leg completed the set between this leg's push and its read-back,
   * published it and deleted its staging tag. childDigest and size then come from the published index.
   */
  taken?: boolean
}

export interface BuildResult {
  registry: string
  repository: string
  legs: LegResult[]
  /** The staged legs as read back: a merge in the same job publishes them without reading them again. */
  staged: StagedLeg[]
  notes: string[]
  builder?: BuilderChoice
}

/**
 * `session` is undefined only for a build that pushes nothing without credentials (a pull
 * request from a fork): it builds without the registry, and without its cache.
 */
export async function build(
  session: RegistrySession | undefined,
  config: BuildConfig,
  runner: Runner,
  logger: Logger,
  hooks: BuildHooks = {}
): Promise<BuildResult> {
  if (config.push && !session) throw new Error('pushing needs a registry login')
  const registry = session?.registry ?? ''
  const { repository } = config
  const notes: string[] = []

  const { support, builder } = await phase(logger, 'Check Docker, builder and platforms', async () => {
    const versions = await checkDocker()
    logger.info(`Docker ${versions.server}; ${versions.buildx}`)
    // Before a builder is created or a repository touched: a base image without the leg's platform fails here.
    if (config.preflight !== false) await runPreflight(session, config, runner, logger)
    if (runner.windows)
      return {
        support: config.platforms.map(p => ({ platform: formatPlatform(p), emulated: false, how: 'native' }) as PlatformSupport),
        builder: undefined
      }
    const builder = await chooseBuilder({
      named: config.builder,
      create: config.createBuilder,
      buildkitImage: config.buildkitImage,
      buildxVersion: versions.buildx,
      logger,
      onCreated: hooks.onBuilderCreated
    })
    logger.info(`builder: ${builder.description}`)
    if (builder.warning) notes.push(builder.warning)
    const fromBuilder = config.builder ? await builderPlatforms(config.builder) : undefined
    const support = await ensureEmulators(config.platforms, { runner: runner.platform, builderPlatforms: fromBuilder, logger })
    for (const s of support) logger.info(`${s.platform}: ${s.emulated ? `emulated (${s.how})` : 'native'}`)
    return { support, builder }
  })

  let cacheRepository = repository
  if (session)
    await phase(logger, `Prepare ${registry}/${repository}`, async () => {
      if (session.credentials) await dockerLogin(registry, session.credentials, logger)
      if (session.ecr && config.push) {
        const ensured = await ensureRepository(session.ecr, {
          repository,
          tagMutability: config.tagMutability,
          create: config.createRepository,
          registryId: session.registryId,
          logger
        })
        cacheRepository = ensured.cacheRepository
        notes.push(...ensured.notes)
        logger.info(ensured.created ? `created repository ${repository}` : `repository ${repository} exists (${ensured.mutability})`)
      }
      if (session.ecrPublic && config.push) {
        const { ensurePublicRepository } = await import('../ecr/public.js')
        const ensured = await ensurePublicRepository(session.ecrPublic, { repository, create: config.createRepository, logger })
        logger.info(ensured.created ? `created repository ${registry}/${repository}` : `repository ${registry}/${repository} exists`)
      }
    })

  const leg = (platform: Platform, emulated: boolean) =>
    builder
      ? linuxLeg(session, config, builder, platform, emulated, cacheRepository, logger)
      : windowsLeg(session, config, platform, logger)
  // Several platforms build concurrently on one BuildKit, each as its own leg (own cache
  // ref, own staging tag), their lines prefixed; one platform streams as it is.
  const legs =
    config.platforms.length === 1
      ? [await phase(logger, `Build ${formatPlatform(config.platforms[0])}`, () => leg(config.platforms[0], support[0].emulated))]
      : await phase(logger, `Build ${config.platforms.map(formatPlatform).join(', ')}`, () =>
          Promise.all(config.platforms.map((p, i) => leg(p, support[i].emulated)))
        )
  return { registry, repository, legs: legs.map(l => l.leg), staged: legs.flatMap(l => (l.staged ? [l.staged] : [])), notes, builder }
}

/** The leg's own registry answers with its session (credentials); any other registry anonymously, over the session's pool. */
function runPreflight(session: RegistrySession | undefined, config: BuildConfig, runner: Runner, logger: Logger): Promise<void> {
  const lookup = new PlatformLookup({
    logger,
    clients: session ? { [session.registry]: session.client } : {},
    fetch: session?.fetch
  })
  return preflightLeg({ ...config, runner: runner.platform }, lookup, logger)
}

interface Built {
  leg: LegResult
  staged?: StagedLeg
}

async function linuxLeg(
  session: RegistrySession | undefined,
  config: BuildConfig,
  builder: BuilderChoice,
  platform: Platform,
  emulated: boolean,
  cacheRepository: string,
  logger: Logger
): Promise<Built> {
  const registry = session?.registry ?? ''
  const name = formatPlatform(platform)
  const staging = stagingTag(config.runKey, config.runAttempt, platform)
  const cache = legCache(session, config, platform, cacheRepository)
  // With attestations (provenance, SBOM), buildx pushes an index (image + attestation
  // manifest) under the staging tag. Without, it pushes a bare image: that goes under a build
  // tag, and the leg stages a one-entry index of it (a tag is never written twice: IMMUTABLE repositories refuse).
  // A builder that cannot attest or export registry cache builds without attestations,
  // with inline cache, and still reads the registry cache.
  const provenance = builder.full ? config.provenance : false
  const options = builder.full ? config.options : { ...config.options, sbom: false as const }
  const pushTag = provenance !== false || options.sbom !== false ? staging : buildTag(staging)
  const prefix = config.platforms.length > 1 ? (line: string) => logger.info(`[${name}] ${line}`) : undefined
  const plan = {
    builder: builder.name,
    context: config.context,
    file: config.file,
    target: config.target,
    platforms: [platform],
    buildArgs: config.buildArgs,
    labels: imageLabels(config.labels, config.git, config.standard),
    secretIds: config.secrets.map(s => s.id),
    provenance,
    tags: config.push ? [`${registry}/${config.repository}:${pushTag}`] : [],
    push: config.push,
    cacheFrom: cache.from,
    cacheTo: config.push && builder.full ? cache.to : undefined,
    inlineCache: config.push && !builder.full && cache.to !== undefined,
    options
  }
  // BuildKit retries its own pushes, but the engine's push of the result does not: a 5xx
  // there fails buildx after the build is done, and a rerun is cached (and writes only this
  // run's own staging tag, which IMMUTABLE repositories created here exclude).
  const built = await retryDocker(
    `docker buildx build ${name}`,
    () =>
      runBuildx(
        plan,
        config.secrets.map(s => s.value),
        prefix
      ),
    { logger, attempts: 3, baseDelayMs: 2000 }
  )
  const leg = {
    platform: name,
    seconds: built.seconds,
    cachedSteps: built.cachedSteps,
    cacheImported: built.cacheImported,
    cacheImportedRef: built.cacheImportedRef,
    emulated,
    cacheRef: cache.to ?? cache.from?.[0],
    cacheWritten: config.push && cache.to !== undefined,
    stagingTag: staging,
    pushed: config.push,
    builder: builder.description
  }
  if (!config.push || !session) return legResult(leg)
  const completing = (config.publishWhenComplete?.length ?? 0) > 0
  const taken = (digest: string): Built => {
    logger.info(
      `${name}: ${staging} was taken right after its push: another leg of run ${config.runKey} completed the set, published it and cleaned up`
    )
    return { leg: { ...leg, taken: true, digest, childDigest: '', size: 0 } }
  }
  // The docker driver pushes through the engine: what landed is read from the registry.
  const digest = builder.full ? built.digest : (await session.client.headManifest(config.repository, pushTag))?.digest
  if (!digest) {
    if (completing) return taken('')
    throw new Error(`buildx pushed ${registry}/${config.repository}:${pushTag} but its digest is unknown (metadata file, registry)`)
  }
  let staged: StagedLeg
  try {
    staged = await stagePushed(session.client, config.repository, digest, platform, staging)
  } catch (error) {
    if (completing && error instanceof PushedIndexGoneError) return taken(digest)
    throw error
  }
  logger.info(`staged ${name} as ${registry}/${config.repository}:${staging} (${staged.digest}); image ${staged.image.descriptor.digest}`)
  return legResult(leg, staged)
}

/**
 * The ECR cache refs of a leg: its branch's, then the default branch's; pull requests
 * only read. A cache-from or cache-to input replaces the ECR cache in its direction.
 */
function legCache(
  session: RegistrySession | undefined,
  config: BuildConfig,
  platform: Platform,
  cacheRepository: string
): { from?: string[]; to?: string } {
  if (!session || config.cache !== 'ecr') return {}
  const tags = cacheTags(platform, {
    branch: config.git.branch,
    defaultBranch: config.git.defaultBranch,
    pullRequest: config.git.prNumber !== undefined || config.git.ref.startsWith('refs/pull/')
  })
  const ref = (tag: string) => `${session.registry}/${cacheRepository}:${tag}`
  return {
    from: config.options.cacheFrom.length > 0 ? undefined : tags.from.map(ref),
    to: config.options.cacheTo.length > 0 || tags.to === undefined ? undefined : ref(tags.to)
  }
}

/** Windows runners have no BuildKit: `docker build`, push under a build tag, then stage. */
async function windowsLeg(session: RegistrySession | undefined, config: BuildConfig, platform: Platform, logger: Logger): Promise<Built> {
  const name = formatPlatform(platform)
  const staging = stagingTag(config.runKey, config.runAttempt, platform)
  const labels = imageLabels(config.labels, config.git, config.standard)
  const pushTo = config.push && session ? `${session.registry}/${config.repository}:${buildTag(staging)}` : undefined
  const built = await classicBuild(
    {
      context: config.context,
      file: config.file,
      target: config.target,
      buildArgs: config.buildArgs,
      labels,
      tag: pushTo ?? `${config.repository}:${buildTag(staging)}`
    },
    pushTo !== undefined,
    logger
  )
  const leg = {
    platform: name,
    seconds: built.seconds,
    cachedSteps: 0,
    cacheImported: false,
    emulated: false,
    stagingTag: staging,
    pushed: pushTo !== undefined,
    builder: 'docker build (Windows has no BuildKit)'
  }
  if (!pushTo || !session) return legResult(leg)
  const head = await session.client.headManifest(config.repository, buildTag(staging))
  if (!head) throw new Error(`docker push reported success but ${pushTo} is not in the registry`)
  const staged = await stagePushed(session.client, config.repository, head.digest, platform, staging)
  logger.info(`staged ${name} (${staged.image.descriptor.platform?.['os.version']}) as ${session.registry}/${config.repository}:${staging}`)
  return legResult(leg, staged)
}

/** A leg's result; what its staging tag points to, its image and their size are known once it is staged. */
function legResult(leg: Omit<LegResult, 'digest' | 'childDigest' | 'size'>, staged?: StagedLeg): Built {
  if (!staged) return { leg: { ...leg, digest: '', childDigest: '', size: 0 } }
  return { leg: { ...leg, digest: staged.digest, childDigest: staged.image.descriptor.digest, size: staged.image.size }, staged }
}
