// ECR repositories: make sure the target (and, when needed, a cache companion) exists,
// and delete tags idempotently.

import {
  BatchDeleteImageCommand,
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
  type ImageTagMutabilityExclusionFilter,
  type Repository
} from '@aws-sdk/client-ecr'
import { CACHE_TAG_PREFIX, IMMUTABLE_EXCLUSION_FILTERS } from '../oci/staging.js'
import { silentLogger } from '../util/logger.js'
import { callAws, type AwsCallOptions } from './call.js'
import { installLifecyclePolicy } from './lifecycle.js'

export const CACHE_REPOSITORY_SUFFIX = '-buildcache'

export interface EnsureRepositoryOptions extends AwsCallOptions {
  repository: string
  tagMutability: 'MUTABLE' | 'IMMUTABLE'
  create: boolean
  registryId?: string
}

export interface EnsuredRepository {
  created: boolean
  mutability: string
  /** Where the registry build cache goes: the repository itself or its mutable companion. */
  cacheRepository: string
  notes: string[]
}

export async function ensureRepository(client: ECRClient, opts: EnsureRepositoryOptions): Promise<EnsuredRepository> {
  const notes: string[] = []
  const { repo, created } = await describeOrCreate(client, opts.repository, opts.tagMutability, opts)
  if (created) notes.push(...(await installLifecyclePolicy(client, opts.repository, opts)))
  const mutability = repo.imageTagMutability ?? 'MUTABLE'
  if (!created && !agrees(mutability, opts.tagMutability)) {
    notes.push(
      `repository ${opts.repository} already exists with ${mutability} tags; ` +
        `tag-mutability ${opts.tagMutability} only applies when the repository is created`
    )
  }
  if (allowsCacheTags(repo)) return { created, mutability, cacheRepository: opts.repository, notes }

  const cacheRepository = `${opts.repository}${CACHE_REPOSITORY_SUFFIX}`
  const cache = await describeOrCreate(client, cacheRepository, 'MUTABLE', opts)
  if (!allowsCacheTags(cache.repo)) {
    throw new Error(
      `repository ${opts.repository} has immutable tags, and so does its build cache repository ${cacheRepository}; ` +
        `make ${cacheRepository} MUTABLE (or exclude ${CACHE_TAG_PREFIX}* from immutability) so that cache tags can be rewritten`
    )
  }
  notes.push(`repository ${opts.repository} has immutable tags; the build cache is kept in ${cacheRepository}`)
  if (cache.created) notes.push(`created repository ${cacheRepository} for the build cache`)
  if (cache.created) notes.push(...(await installLifecyclePolicy(client, cacheRepository, opts)))
  return { created, mutability, cacheRepository, notes }
}

function agrees(actual: string, wanted: 'MUTABLE' | 'IMMUTABLE'): boolean {
  return wanted === 'MUTABLE' ? actual.startsWith('MUTABLE') : actual.startsWith('IMMUTABLE')
}

/** True when every `cache-…` tag may be overwritten in this repository. */
export function allowsCacheTags(repo: Pick<Repository, 'imageTagMutability' | 'imageTagMutabilityExclusionFilters'>): boolean {
  const mutability = repo.imageTagMutability ?? 'MUTABLE'
  if (mutability === 'MUTABLE') return true
  // MUTABLE_WITH_EXCLUSION makes the excluded tags immutable.
  if (mutability === 'MUTABLE_WITH_EXCLUSION') {
    return !(repo.imageTagMutabilityExclusionFilters ?? []).some(f => filterTouchesCacheTags(f))
  }
  if (mutability === 'IMMUTABLE_WITH_EXCLUSION') {
    return (repo.imageTagMutabilityExclusionFilters ?? []).some(f => filterCoversCacheTags(f))
  }
  return false
}

/**
 * A wildcard filter matches every tag `cache-<anything>` exactly when it ends in `*` and
 * the rest matches some prefix of `cache-` (the final `*` then absorbs whatever follows).
 */
export function filterCoversCacheTags(f: ImageTagMutabilityExclusionFilter): boolean {
  if (f.filterType !== 'WILDCARD' || !f.filter?.endsWith('*')) return false
  const head = wildcardRegExp(f.filter.slice(0, -1))
  for (let i = 0; i <= CACHE_TAG_PREFIX.length; i++) {
    if (head.test(CACHE_TAG_PREFIX.slice(0, i))) return true
  }
  return false
}

/** A wildcard filter matches at least one tag `cache-<something>`. */
export function filterTouchesCacheTags(f: ImageTagMutabilityExclusionFilter): boolean {
  if (f.filterType !== 'WILDCARD' || !f.filter) return false
  const star = f.filter.indexOf('*')
  if (star < 0) return f.filter.startsWith(CACHE_TAG_PREFIX)
  // The first star can absorb whatever of `cache-` the literal head does not spell out.
  const head = f.filter.slice(0, star)
  return head.startsWith(CACHE_TAG_PREFIX) || CACHE_TAG_PREFIX.startsWith(head)
}

function wildcardRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${body}$`, 's')
}

async function describeOrCreate(
  client: ECRClient,
  name: string,
  tagMutability: 'MUTABLE' | 'IMMUTABLE',
  opts: EnsureRepositoryOptions
): Promise<{ repo: Repository; created: boolean }> {
  const existing = await describe(client, name, opts)
  if (existing) return { repo: existing, created: false }
  if (!opts.create) {
    const registry = opts.registryId ?? "of the credentials' account"
    throw new Error(`repository ${name} does not exist in registry ${registry}; create it or set create-repository: true`)
  }
  try {
    const out = await callAws(
      'ECR CreateRepository',
      () => client.send(new CreateRepositoryCommand(createInput(name, tagMutability, opts.registryId))),
      opts
    )
    ;(opts.logger ?? silentLogger).debug(`created ECR repository ${name} (${out.repository?.imageTagMutability ?? tagMutability} tags)`)
    if (out.repository) return { repo: out.repository, created: true }
  } catch (err) {
    if (errorName(err) !== 'RepositoryAlreadyExistsException') throw err
    // Another leg created it between our describe and create: use theirs.
  }
  const now = await describe(client, name, opts)
  if (!now) throw new Error(`repository ${name} was created but cannot be described; check ecr:DescribeRepositories permissions`)
  return { repo: now, created: false }
}

function createInput(name: string, tagMutability: 'MUTABLE' | 'IMMUTABLE', registryId: string | undefined) {
  const mutability =
    tagMutability === 'IMMUTABLE'
      ? {
          imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' as const,
          imageTagMutabilityExclusionFilters: IMMUTABLE_EXCLUSION_FILTERS.map(filter => ({
            filterType: 'WILDCARD' as const,
            filter
          }))
        }
      : { imageTagMutability: 'MUTABLE' as const }
  return {
    repositoryName: name,
    ...(registryId ? { registryId } : {}),
    imageScanningConfiguration: { scanOnPush: true },
    encryptionConfiguration: { encryptionType: 'AES256' as const },
    ...mutability
  }
}

async function describe(client: ECRClient, name: string, opts: EnsureRepositoryOptions): Promise<Repository | undefined> {
  const input = { repositoryNames: [name], ...(opts.registryId ? { registryId: opts.registryId } : {}) }
  try {
    const out = await callAws('ECR DescribeRepositories', () => client.send(new DescribeRepositoriesCommand(input)), opts)
    return out.repositories?.find(r => r.repositoryName === name)
  } catch (err) {
    if (errorName(err) === 'RepositoryNotFoundException') return undefined
    throw err
  }
}

function errorName(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as { name?: string }).name : undefined
}

export interface DeleteTagsOptions extends AwsCallOptions {
  repository: string
  tags: string[]
  registryId?: string
}

export interface DeleteTagsResult {
  deleted: string[]
  failures: { tag: string; code: string; reason: string }[]
}

const BATCH_DELETE_LIMIT = 100

/** Deletes tags; a tag that is already gone counts as deleted, so a rerun is harmless. */
export async function deleteTags(client: ECRClient, opts: DeleteTagsOptions): Promise<DeleteTagsResult> {
  const tags = [...new Set(opts.tags)]
  const result: DeleteTagsResult = { deleted: [], failures: [] }
  for (let i = 0; i < tags.length; i += BATCH_DELETE_LIMIT) {
    const chunk = tags.slice(i, i + BATCH_DELETE_LIMIT)
    const input = {
      repositoryName: opts.repository,
      imageIds: chunk.map(imageTag => ({ imageTag })),
      ...(opts.registryId ? { registryId: opts.registryId } : {})
    }
    const out = await callAws('ECR BatchDeleteImage', () => client.send(new BatchDeleteImageCommand(input)), opts)
    const failed = new Map<string, { code: string; reason: string }>()
    for (const f of out.failures ?? []) {
      const tag = f.imageId?.imageTag
      if (tag === undefined || f.failureCode === 'ImageNotFound') continue
      failed.set(tag, { code: f.failureCode ?? 'Unknown', reason: f.failureReason ?? '' })
    }
    for (const tag of chunk) {
      const failure = failed.get(tag)
      if (failure) result.failures.push({ tag, ...failure })
      else result.deleted.push(tag)
    }
  }
  return result
}
