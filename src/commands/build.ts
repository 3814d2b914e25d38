// A build leg: build this runner's platform with buildx, push it under the run's
// staging tag, and check what landed. A leg never writes a release tag.
import { checkDocker } from '../docker/cli.js'
import { runBuildx } from '../docker/buildx.js'
import { dockerLogin } from '../docker/login.js'
import { ensureRepository } from '../ecr/repository.js'
import type { GitContext } from '../git/context.js'
import { buildIndex } from '../oci/manifest.js'
import { formatPlatform, platformsMatch } from '../oci/platform.js'
import { cacheTag, stagingTag } from '../oci/staging.js'
import type { Platform } from '../oci/types.js'
import { phase, type Logger } from '../util/logger.js'
import { inspectReference } from './inspect.js'
import type { RegistrySession } from './session.js'

export interface BuildConfig {
  repository: string
  platform: Platform
  context: string
  file?: string
  target?: string
  buildArgs: Record<string, string>
  labels: Record<string, string>
  secrets: { id: string; value: string }[]
  provenance: boolean
  cache: 'ecr' | 'none'
  push: boolean
  createRepository: boolean
  tagMutability: 'MUTABLE' | 'IMMUTABLE'
  runKey: string
  runAttempt: number
  builder?: string
  git: GitContext
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
  cacheRef?: string
  stagingTag: string
  pushed: boolean
}

export interface BuildResult {
  registry: string
  repository: string
  legs: LegResult[]
  notes: string[]
}

export async function buildLeg(session: RegistrySession, config: BuildConfig, logger: Logger): Promise<BuildResult> {
  const { registry } = session
  const repository = config.repository
  const notes: string[] = []
  const platformName = formatPlatform(config.platform)
  const staging = stagingTag(config.runKey, config.runAttempt, config.platform)

  await phase(logger, 'Check Docker', async () => {
    const versions = await checkDocker()
    logger.info(`Docker ${versions.server}; ${versions.buildx}`)
  })

  let cacheRepository = repository
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
  })

  const cacheRef = config.cache === 'ecr' ? `${registry}/${cacheRepository}:${cacheTag(config.platform)}` : undefined
  // With provenance, buildx pushes an index (image + attestation) under the staging tag.
  // Without, it pushes a bare image: that goes under a build tag, and the leg stages a
  // one-entry index of it, so every staged leg is an index the merge can adopt and delete.
  const pushTag = config.provenance ? staging : `build-${staging.slice('stage-'.length)}`
  const built = await phase(logger, `Build ${platformName}`, () =>
    runBuildx(
      {
        builder: config.builder,
        context: config.context,
        file: config.file,
        target: config.target,
        platforms: [config.platform],
        buildArgs: config.buildArgs,
        labels: { ...config.labels, 'org.opencontainers.image.revision': config.git.sha },
        secretIds: config.secrets.map(s => s.id),
        provenance: config.provenance,
        tags: config.push ? [`${registry}/${repository}:${pushTag}`] : [],
        push: config.push,
        cacheFrom: cacheRef,
        cacheTo: config.push ? cacheRef : undefined
      },
      config.secrets.map(s => s.value)
    )
  )

  const leg: LegResult = {
    platform: platformName,
    digest: '',
    childDigest: '',
    size: 0,
    seconds: built.seconds,
    cachedSteps: built.cachedSteps,
    cacheRef,
    stagingTag: staging,
    pushed: config.push
  }
  if (!config.push) return { registry, repository, legs: [leg], notes }

  await phase(logger, `Stage ${registry}/${repository}:${staging}`, async () => {
    if (!built.digest) throw new Error('buildx pushed but reported no digest in its metadata file')
    const pushed = await inspectReference(session.client, repository, built.digest)
    const image = pushed.images.find(i => platformsMatch(config.platform, i.descriptor.platform!))
    if (!image || pushed.images.length !== 1) {
      const found = pushed.images.map(i => formatPlatform(i.descriptor.platform!)).join(', ') || 'no image'
      throw new Error(`the pushed build holds ${found}, not ${platformName}: check the Dockerfile's FROM --platform and the builder`)
    }
    let digest = pushed.digest
    if (!pushed.isIndex) {
      const index = buildIndex({ images: [image.descriptor], attestations: [] })
      digest = await session.client.putManifest(repository, staging, index.bytes, index.mediaType)
    }
    Object.assign(leg, { digest, childDigest: image.descriptor.digest, size: image.size })
    logger.info(`staged ${platformName} as ${registry}/${repository}:${staging} (${digest}); image ${image.descriptor.digest}`)
  })
  return { registry, repository, legs: [leg], notes }
}
