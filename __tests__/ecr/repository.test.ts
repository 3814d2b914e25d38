import {
  BatchDeleteImageCommand,
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  RepositoryAlreadyExistsException,
  RepositoryNotFoundException,
  type Repository
} from '@aws-sdk/client-ecr'
import { mockClient } from 'aws-sdk-client-mock'
import { allowsCacheTags, deleteTags, ensureRepository, filterCoversCacheTags, filterTouchesCacheTags } from '../../src/ecr/repository.js'
import { IMMUTABLE_EXCLUSION_FILTERS } from '../../src/oci/staging.js'

const ecrMock = mockClient(ECRClient)
const client = new ECRClient({ region: 'us-east-1' })
const noWait = { sleep: async () => {}, baseDelayMs: 1 }

const notFound = (name: string) =>
  new RepositoryNotFoundException({ message: `The repository with name '${name}' does not exist`, $metadata: {} })
const repo = (name: string, extra: Partial<Repository> = {}): Repository => ({
  repositoryName: name,
  imageTagMutability: 'MUTABLE',
  ...extra
})

beforeEach(() => ecrMock.reset())

describe('ensureRepository', () => {
  test('an existing mutable repository keeps the cache', async () => {
    ecrMock.on(DescribeRepositoriesCommand).resolves({ repositories: [repo('team/app')] })
    const r = await ensureRepository(client, { repository: 'team/app', tagMutability: 'MUTABLE', create: true, registryId: '123456789012' })
    expect(r).toEqual({ created: false, mutability: 'MUTABLE', cacheRepository: 'team/app', notes: [] })
    expect(ecrMock.commandCalls(DescribeRepositoriesCommand)[0].args[0].input).toEqual({
      repositoryNames: ['team/app'],
      registryId: '123456789012'
    })
    expect(ecrMock.commandCalls(CreateRepositoryCommand)).toHaveLength(0)
  })

  test('creates an immutable repository that exempts cache tags', async () => {
    ecrMock.on(DescribeRepositoriesCommand).rejects(notFound('app'))
    ecrMock.on(CreateRepositoryCommand).callsFake(input => ({
      repository: repo(input.repositoryName, {
        imageTagMutability: input.imageTagMutability,
        imageTagMutabilityExclusionFilters: input.imageTagMutabilityExclusionFilters
      })
    }))
    const r = await ensureRepository(client, { repository: 'app', tagMutability: 'IMMUTABLE', create: true })
    expect(ecrMock.commandCalls(CreateRepositoryCommand)[0].args[0].input).toEqual({
      repositoryName: 'app',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'AES256' },
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: ['cache-*', 'stage-*', 'build-*'].map(filter => ({ filterType: 'WILDCARD', filter }))
    })
    expect(r).toEqual({ created: true, mutability: 'IMMUTABLE_WITH_EXCLUSION', cacheRepository: 'app', notes: [] })
  })

  test('creates a mutable repository without exclusion filters', async () => {
    ecrMock.on(DescribeRepositoriesCommand).rejects(notFound('app'))
    ecrMock.on(CreateRepositoryCommand).resolves({ repository: repo('app') })
    const r = await ensureRepository(client, { repository: 'app', tagMutability: 'MUTABLE', create: true })
    const input = ecrMock.commandCalls(CreateRepositoryCommand)[0].args[0].input
    expect(input.imageTagMutability).toBe('MUTABLE')
    expect(input.imageTagMutabilityExclusionFilters).toBeUndefined()
    expect(r.created).toBe(true)
  })

  test('a repository created concurrently by another leg is a success', async () => {
    ecrMock
      .on(DescribeRepositoriesCommand)
      .rejectsOnce(notFound('app'))
      .resolves({
        repositories: [
          repo('app', {
            imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
            imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'cache-*' }]
          })
        ]
      })
    ecrMock.on(CreateRepositoryCommand).rejects(new RepositoryAlreadyExistsException({ message: 'exists', $metadata: {} }))
    const r = await ensureRepository(client, { repository: 'app', tagMutability: 'IMMUTABLE', create: true })
    expect(r).toEqual({ created: false, mutability: 'IMMUTABLE_WITH_EXCLUSION', cacheRepository: 'app', notes: [] })
    expect(ecrMock.commandCalls(DescribeRepositoriesCommand)).toHaveLength(2)
  })

  test('a missing repository without create is an actionable error', async () => {
    ecrMock.on(DescribeRepositoriesCommand).rejects(notFound('app'))
    await expect(
      ensureRepository(client, { repository: 'app', tagMutability: 'MUTABLE', create: false, registryId: '123456789012' })
    ).rejects.toThrow('repository app does not exist in registry 123456789012; create it or set create-repository: true')
    expect(ecrMock.commandCalls(CreateRepositoryCommand)).toHaveLength(0)
  })

  test('an existing immutable repository gets a mutable companion for the cache', async () => {
    ecrMock
      .on(DescribeRepositoriesCommand, { repositoryNames: ['app'] })
      .resolves({ repositories: [repo('app', { imageTagMutability: 'IMMUTABLE' })] })
    ecrMock.on(DescribeRepositoriesCommand, { repositoryNames: ['app-buildcache'] }).rejects(notFound('app-buildcache'))
    ecrMock.on(CreateRepositoryCommand).resolves({ repository: repo('app-buildcache') })
    const r = await ensureRepository(client, { repository: 'app', tagMutability: 'IMMUTABLE', create: true })
    expect(r.cacheRepository).toBe('app-buildcache')
    expect(r.created).toBe(false)
    expect(r.mutability).toBe('IMMUTABLE')
    expect(r.notes).toContain('repository app has immutable tags; the build cache is kept in app-buildcache')
    const create = ecrMock.commandCalls(CreateRepositoryCommand)
    expect(create).toHaveLength(1)
    expect(create[0].args[0].input).toMatchObject({ repositoryName: 'app-buildcache', imageTagMutability: 'MUTABLE' })
  })

  test('the companion that already exists is reused', async () => {
    ecrMock
      .on(DescribeRepositoriesCommand, { repositoryNames: ['app'] })
      .resolves({ repositories: [repo('app', { imageTagMutability: 'IMMUTABLE' })] })
    ecrMock.on(DescribeRepositoriesCommand, { repositoryNames: ['app-buildcache'] }).resolves({ repositories: [repo('app-buildcache')] })
    const r = await ensureRepository(client, { repository: 'app', tagMutability: 'MUTABLE', create: false })
    expect(r.cacheRepository).toBe('app-buildcache')
    expect(r.notes).toContain(
      'repository app already exists with IMMUTABLE tags; tag-mutability MUTABLE only applies when the repository is created'
    )
    expect(ecrMock.commandCalls(CreateRepositoryCommand)).toHaveLength(0)
  })

  test('an immutable companion is refused', async () => {
    ecrMock
      .on(DescribeRepositoriesCommand)
      .callsFake(input => ({ repositories: [repo(input.repositoryNames[0], { imageTagMutability: 'IMMUTABLE' })] }))
    await expect(ensureRepository(client, { repository: 'app', tagMutability: 'IMMUTABLE', create: true })).rejects.toThrow(
      /its build cache repository app-buildcache; make app-buildcache MUTABLE/
    )
  })

  test('describe calls are retried on throttling', async () => {
    ecrMock
      .on(DescribeRepositoriesCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }))
      .resolves({ repositories: [repo('app')] })
    const r = await ensureRepository(client, { repository: 'app', tagMutability: 'MUTABLE', create: false, retry: noWait })
    expect(r.cacheRepository).toBe('app')
    expect(ecrMock.commandCalls(DescribeRepositoriesCommand)).toHaveLength(2)
  })
})

describe('cache tag coverage of exclusion filters', () => {
  test.each<[string, boolean]>([
    ['cache-*', true],
    ['*', true],
    ['ca*', true],
    ['c*-*', true],
    ['cache*', true],
    ['cache-', false],
    ['cache-linux-*', false],
    ['cache-*-amd64', false],
    ['release-*', false],
    ['*-cache', false]
  ])('IMMUTABLE_WITH_EXCLUSION %s exempts every cache tag: %s', (filter, expected) => {
    expect(filterCoversCacheTags({ filterType: 'WILDCARD', filter })).toBe(expected)
    expect(
      allowsCacheTags({
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter }]
      })
    ).toBe(expected)
  })

  test.each<[string, boolean]>([
    ['cache-linux-amd64', true],
    ['cache-*', true],
    ['c*', true],
    ['*', true],
    ['cache-linux-*', true],
    ['release-*', false],
    ['v1.0', false]
  ])('MUTABLE_WITH_EXCLUSION %s freezes some cache tag: %s', (filter, touches) => {
    expect(filterTouchesCacheTags({ filterType: 'WILDCARD', filter })).toBe(touches)
    expect(
      allowsCacheTags({
        imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter }]
      })
    ).toBe(!touches)
  })

  test('plain mutabilities', () => {
    expect(allowsCacheTags({ imageTagMutability: 'MUTABLE' })).toBe(true)
    expect(allowsCacheTags({})).toBe(true)
    expect(allowsCacheTags({ imageTagMutability: 'IMMUTABLE' })).toBe(false)
    expect(allowsCacheTags({ imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [] })).toBe(false)
  })

  test("a repository created with the action's exclusion filters keeps its cache tags rewritable", () => {
    const filters = IMMUTABLE_EXCLUSION_FILTERS.map(filter => ({ filterType: 'WILDCARD' as const, filter }))
    expect(allowsCacheTags({ imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: filters })).toBe(true)
  })
})

describe('deleteTags', () => {
  test('ImageNotFound counts as deleted; other failures are reported', async () => {
    ecrMock.on(BatchDeleteImageCommand).resolves({
      imageIds: [{ imageTag: 'a', imageDigest: 'sha256:aa' }],
      failures: [
        { imageId: { imageTag: 'b' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' },
        { imageId: { imageTag: 'c' }, failureCode: 'ImageReferencedByManifestList', failureReason: 'referenced' }
      ]
    })
    const r = await deleteTags(client, { repository: 'app', tags: ['a', 'b', 'c'], registryId: '123456789012' })
    expect(r).toEqual({ deleted: ['a', 'b'], failures: [{ tag: 'c', code: 'ImageReferencedByManifestList', reason: 'referenced' }] })
    expect(ecrMock.commandCalls(BatchDeleteImageCommand)[0].args[0].input).toEqual({
      repositoryName: 'app',
      registryId: '123456789012',
      imageIds: [{ imageTag: 'a' }, { imageTag: 'b' }, { imageTag: 'c' }]
    })
  })

  test('deleting twice is harmless', async () => {
    ecrMock
      .on(BatchDeleteImageCommand)
      .resolvesOnce({ imageIds: [{ imageTag: 'x' }] })
      .resolves({ imageIds: [], failures: [{ imageId: { imageTag: 'x' }, failureCode: 'ImageNotFound', failureReason: 'gone' }] })
    const first = await deleteTags(client, { repository: 'app', tags: ['x'] })
    const second = await deleteTags(client, { repository: 'app', tags: ['x'] })
    expect(first).toEqual({ deleted: ['x'], failures: [] })
    expect(second).toEqual(first)
  })

  test('sends chunks of at most 100 tags, without duplicates', async () => {
    ecrMock.on(BatchDeleteImageCommand).callsFake(input => ({ imageIds: input.imageIds }))
    const tags = Array.from({ length: 250 }, (_, i) => `t${i}`)
    const r = await deleteTags(client, { repository: 'app', tags: [...tags, 't0'] })
    const sizes = ecrMock.commandCalls(BatchDeleteImageCommand).map(c => c.args[0].input.imageIds?.length)
    expect(sizes).toEqual([100, 100, 50])
    expect(r.deleted).toEqual(tags)
  })

  test('no tags, no call', async () => {
    expect(await deleteTags(client, { repository: 'app', tags: [] })).toEqual({ deleted: [], failures: [] })
    expect(ecrMock.commandCalls(BatchDeleteImageCommand)).toHaveLength(0)
  })

  test('a throttled chunk is retried', async () => {
    ecrMock
      .on(BatchDeleteImageCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }))
      .resolves({ imageIds: [{ imageTag: 'x' }] })
    expect(await deleteTags(client, { repository: 'app', tags: ['x'], retry: noWait })).toEqual({ deleted: ['x'], failures: [] })
  })
})
