import {
  BatchDeleteImageCommand,
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRPUBLICClient,
  GetAuthorizationTokenCommand
} from '@aws-sdk/client-ecr-public'
import { mockClient } from 'aws-sdk-client-mock'
import { deletePublicTags, ecrPublicLogin, ensurePublicRepository, getEcrPublicLogin, splitPublicRepository } from '../../src/ecr/public.js'
import { withEcrPublicAlias } from '../../src/ecr/registry-host.js'

const mock = mockClient(ECRPUBLICClient)
const client = new ECRPUBLICClient({ region: 'us-east-1' })
const noWait = { retry: { sleep: async () => {}, baseDelayMs: 1 } }

function awsError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} happened`), { name, $fault: 'client', $metadata: { httpStatusCode: status } })
}

const token = (text: string) => ({
  authorizationData: { authorizationToken: Buffer.from(text).toString('base64'), expiresAt: new Date('2030-01-01T00:00:00Z') }
})

beforeEach(() => mock.reset())

describe('getEcrPublicLogin', () => {
  test('sends an empty request and decodes the token (a password may hold colons)', async () => {
    mock.on(GetAuthorizationTokenCommand).resolves(token('AWS:pa:ss'))
    expect(await getEcrPublicLogin(client)).toEqual({ username: 'AWS', password: 'pa:ss', expiresAt: new Date('2030-01-01T00:00:00Z') })
    expect(mock.commandCalls(GetAuthorizationTokenCommand)[0].args[0].input).toEqual({})
  })

  test('no authorization data: an error naming the permissions', async () => {
    mock.on(GetAuthorizationTokenCommand).resolves({})
    await expect(getEcrPublicLogin(client)).rejects.toThrow('ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken')
  })

  test('a malformed token: an error that does not echo it', async () => {
    mock.on(GetAuthorizationTokenCommand).resolves(token('no-colon-secret'))
    const error = await getEcrPublicLogin(client).catch((e: Error) => e)
    expect((error as Error).message).toBe('ECR Public GetAuthorizationToken returned a malformed token (expected base64 of user:password)')
  })

  test('throttling is retried through the shared policy', async () => {
    mock.on(GetAuthorizationTokenCommand).rejectsOnce(awsError('ThrottlingException', 400)).resolves(token('AWS:x'))
    expect((await getEcrPublicLogin(client, noWait)).password).toBe('x')
    expect(mock.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(2)
  })
})

describe('ecrPublicLogin', () => {
  test('a client in us-east-1 whatever AWS_REGION says; secrets masked; refresh fetches a new token', async () => {
    const saved = process.env.AWS_REGION
    process.env.AWS_REGION = 'eu-central-1'
    try {
      mock.on(GetAuthorizationTokenCommand).resolvesOnce(token('AWS:first')).resolves(token('AWS:second'))
      const masked: string[] = []
      const login = await ecrPublicLogin({ maskSecret: s => masked.push(s) })
      expect(await login.client.config.region()).toBe('us-east-1')
      expect(login.credentials).toEqual({ username: 'AWS', password: 'first' })
      expect(await login.refreshCredentials()).toEqual({ username: 'AWS', password: 'second' })
      expect(masked).toEqual(['first', Buffer.from('AWS:first').toString('base64'), 'second', Buffer.from('AWS:second').toString('base64')])
    } finally {
      if (saved === undefined) delete process.env.AWS_REGION
      else process.env.AWS_REGION = saved
    }
  })
})

describe('ensurePublicRepository', () => {
  test('an existing repository of the alias: no creation, the name sent without the alias', async () => {
    mock
      .on(DescribeRepositoriesCommand)
      .resolves({ repositories: [{ repositoryName: 'team/app', repositoryUri: 'public.ecr.aws/acme/team/app' }] })
    expect(await ensurePublicRepository(client, { repository: 'acme/team/app', create: true })).toEqual({ created: false })
    expect(mock.commandCalls(DescribeRepositoriesCommand)[0].args[0].input).toEqual({ repositoryNames: ['team/app'] })
    expect(mock.commandCalls(CreateRepositoryCommand)).toHaveLength(0)
  })

  test('a missing repository is created when allowed', async () => {
    mock.on(DescribeRepositoriesCommand).rejects(awsError('RepositoryNotFoundException', 400))
    mock.on(CreateRepositoryCommand).resolves({ repository: { repositoryName: 'app', repositoryUri: 'public.ecr.aws/acme/app' } })
    expect(await ensurePublicRepository(client, { repository: 'acme/app', create: true })).toEqual({ created: true })
    expect(mock.commandCalls(CreateRepositoryCommand)[0].args[0].input).toEqual({ repositoryName: 'app' })
  })

  test('a missing repository without create-repository: an error naming the input, nothing created', async () => {
    mock.on(DescribeRepositoriesCommand).rejects(awsError('RepositoryNotFoundException', 400))
    await expect(ensurePublicRepository(client, { repository: 'acme/app', create: false })).rejects.toThrow(
      'ECR Public repository app does not exist in public.ecr.aws/acme; create it or set create-repository: true'
    )
    expect(mock.commandCalls(CreateRepositoryCommand)).toHaveLength(0)
  })

  test('created meanwhile by another job: theirs is used', async () => {
    mock
      .on(DescribeRepositoriesCommand)
      .rejectsOnce(awsError('RepositoryNotFoundException', 400))
      .resolves({ repositories: [{ repositoryName: 'app', repositoryUri: 'public.ecr.aws/acme/app' }] })
    mock.on(CreateRepositoryCommand).rejects(awsError('RepositoryAlreadyExistsException', 400))
    expect(await ensurePublicRepository(client, { repository: 'acme/app', create: true })).toEqual({ created: false })
  })

  test("an alias that is not the credentials' registry: an error naming both", async () => {
    mock.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: 'app', repositoryUri: 'public.ecr.aws/mine/app' }] })
    await expect(ensurePublicRepository(client, { repository: 'acme/app', create: true })).rejects.toThrow(
      'ECR Public repository app of these credentials is public.ecr.aws/mine/app, not public.ecr.aws/acme/app'
    )
  })
})

describe('splitPublicRepository', () => {
  test.each([
    ['acme/app', { alias: 'acme', name: 'app' }],
    ['acme/team/app', { alias: 'acme', name: 'team/app' }]
  ])('%s', (path, expected) => expect(splitPublicRepository(path)).toEqual(expected))

  test.each(['app', '/app', 'acme/'])('%s has no alias and name', path => {
    expect(() => splitPublicRepository(path)).toThrow('is not an ECR Public repository path')
  })
})

describe('withEcrPublicAlias', () => {
  test('public.ecr.aws/<alias>: the alias goes in front of the repository', () => {
    expect(withEcrPublicAlias('public.ecr.aws/acme', 'app')).toEqual({ registry: 'public.ecr.aws', repository: 'acme/app' })
    expect(withEcrPublicAlias('https://public.ecr.aws/acme/', 'team/app')).toEqual({
      registry: 'public.ecr.aws',
      repository: 'acme/team/app'
    })
  })

  test('public.ecr.aws with the alias in the repository', () => {
    expect(withEcrPublicAlias('public.ecr.aws', 'acme/app')).toEqual({ registry: 'public.ecr.aws', repository: 'acme/app' })
  })

  test('other registries unchanged', () => {
    expect(withEcrPublicAlias(undefined, 'app')).toEqual({ registry: undefined, repository: 'app' })
    expect(withEcrPublicAlias('ghcr.io', 'acme/app')).toEqual({ registry: 'ghcr.io', repository: 'acme/app' })
  })

  test('no alias, or a malformed one: an error with the accepted form', () => {
    expect(() => withEcrPublicAlias('public.ecr.aws', 'app')).toThrow('give registry: public.ecr.aws/<alias>, or repository: <alias>/app')
    expect(() => withEcrPublicAlias('public.ecr.aws/Acme', 'app')).toThrow('give public.ecr.aws/<alias>')
    expect(() => withEcrPublicAlias('public.ecr.aws/a/b', 'app')).toThrow('give public.ecr.aws/<alias>')
  })
})

describe('deletePublicTags', () => {
  test('deletes by tag without the alias; a tag already gone counts as deleted, other failures are reported', async () => {
    mock.on(BatchDeleteImageCommand).resolves({
      failures: [
        { imageId: { imageTag: 'gone' }, failureCode: 'ImageNotFound', failureReason: 'not found' },
        { imageId: { imageTag: 'held' }, failureCode: 'ImageReferencedByManifestList', failureReason: 'referenced' }
      ]
    })
    expect(await deletePublicTags(client, { repository: 'acme/app', tags: ['s1', 'gone', 'held', 's1'] })).toEqual({
      deleted: ['s1', 'gone'],
      failures: [{ tag: 'held', code: 'ImageReferencedByManifestList', reason: 'referenced' }]
    })
    expect(mock.commandCalls(BatchDeleteImageCommand)[0].args[0].input).toEqual({
      repositoryName: 'app',
      imageIds: [{ imageTag: 's1' }, { imageTag: 'gone' }, { imageTag: 'held' }]
    })
  })
})
