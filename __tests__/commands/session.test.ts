import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr'
import { ECRPUBLICClient, GetAuthorizationTokenCommand as PublicGetAuthorizationTokenCommand } from '@aws-sdk/client-ecr-public'
import { mockClient } from 'aws-sdk-client-mock'
import { openSession } from '../../src/commands/session.js'
import { silentLogger } from '../../src/util/logger.js'

const ecr = mockClient(ECRClient)
const token = (password: string, endpoint: string) => ({
  authorizationData: [
    {
      authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
      proxyEndpoint: endpoint,
      expiresAt: new Date(Date.now() + 3600e3)
    }
  ]
})

const publicEcr = mockClient(ECRPUBLICClient)

beforeEach(() => {
  ecr.reset()
  publicEcr.reset()
})

function collectSecrets(): { masked: string[]; maskSecret: (s: string) => void } {
  const masked: string[] = []
  return { masked, maskSecret: s => masked.push(s) }
}

test('no registry: the credentials account registry from the token, the token masked in both forms', async () => {
  ecr.on(GetAuthorizationTokenCommand).resolves(token('s3cret', 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com'))
  const secrets = collectSecrets()
  const session = await openSession({ region: 'eu-west-1', logger: silentLogger, ...secrets })
  expect(session.registry).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com')
  expect(session.credentials).toEqual({ username: 'AWS', password: 's3cret' })
  expect(session.registryId).toBeUndefined()
  expect(session.ecr).toBeDefined()
  expect(secrets.masked).toEqual(['s3cret', Buffer.from('AWS:s3cret').toString('base64')])
  expect(ecr.commandCalls(GetAuthorizationTokenCommand)[0].args[0].input).toEqual({})
})

test('an account id: that registry, in the given region, asked for by id', async () => {
  ecr.on(GetAuthorizationTokenCommand).resolves(token('t', 'https://210987654321.dkr.ecr.us-east-2.amazonaws.com'))
  const session = await openSession({ registry: '210987654321', region: 'us-east-2', logger: silentLogger, ...collectSecrets() })
  expect(session.registry).toBe('210987654321.dkr.ecr.us-east-2.amazonaws.com')
  expect(session.registryId).toBe('210987654321')
  expect(ecr.commandCalls(GetAuthorizationTokenCommand)[0].args[0].input).toEqual({ registryIds: ['210987654321'] })
})

test('an ECR host: its region wins when none is set', async () => {
  ecr.on(GetAuthorizationTokenCommand).resolves(token('t', 'https://111122223333.dkr.ecr.ap-south-1.amazonaws.com'))
  const session = await openSession({
    registry: '111122223333.dkr.ecr.ap-south-1.amazonaws.com',
    logger: silentLogger,
    ...collectSecrets()
  })
  expect(session.registry).toBe('111122223333.dkr.ecr.ap-south-1.amazonaws.com')
  expect(await session.ecr!.config.region()).toBe('ap-south-1')
})

test("an ECR host in another region than the region input: the host's region, and a warning that says so", async () => {
  ecr.on(GetAuthorizationTokenCommand).resolves(token('t', 'https://111122223333.dkr.ecr.ap-south-1.amazonaws.com'))
  const warnings: string[] = []
  const logger = { ...silentLogger, warning: (message: string) => warnings.push(message) }
  const session = await openSession({
    registry: '111122223333.dkr.ecr.ap-south-1.amazonaws.com',
    region: 'eu-west-1',
    logger,
    ...collectSecrets()
  })
  expect(await session.ecr!.config.region()).toBe('ap-south-1')
  expect(warnings).toEqual([
    'registry 111122223333.dkr.ecr.ap-south-1.amazonaws.com is in region ap-south-1; using it instead of region eu-west-1'
  ])
})

test('an ECR host in the region input: no warning', async () => {
  ecr.on(GetAuthorizationTokenCommand).resolves(token('t', 'https://111122223333.dkr.ecr.ap-south-1.amazonaws.com'))
  const warnings: string[] = []
  const logger = { ...silentLogger, warning: (message: string) => warnings.push(message) }
  await openSession({ registry: '111122223333.dkr.ecr.ap-south-1.amazonaws.com', region: 'ap-south-1', logger, ...collectSecrets() })
  expect(warnings).toEqual([])
})

test('another registry: username and password, no AWS call', async () => {
  const secrets = collectSecrets()
  const session = await openSession({ registry: 'ghcr.io', username: 'me', password: 'pat', logger: silentLogger, ...secrets })
  expect(session).toMatchObject({ registry: 'ghcr.io', credentials: { username: 'me', password: 'pat' } })
  expect(session.ecr).toBeUndefined()
  expect(secrets.masked).toEqual(['pat'])
  expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(0)
})

test('another registry without credentials: anonymous', async () => {
  const session = await openSession({ registry: 'registry.example.com:5000', logger: silentLogger, ...collectSecrets() })
  expect(session.credentials).toBeUndefined()
})

test('no region anywhere: a clear error before any call', async () => {
  await expect(openSession({ logger: silentLogger, ...collectSecrets() })).rejects.toThrow(
    'input region: no AWS region is set: give input region, or set AWS_REGION (aws-actions/configure-aws-credentials sets it)'
  )
  expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(0)
})

test('ECR Public without a password: the native login in us-east-1, a bearer (not basic) client, the token masked', async () => {
  publicEcr.on(PublicGetAuthorizationTokenCommand).resolves({
    authorizationData: { authorizationToken: Buffer.from('AWS:pub-s3cret').toString('base64'), expiresAt: new Date(Date.now() + 3600e3) }
  })
  const secrets = collectSecrets()
  const session = await openSession({ registry: 'public.ecr.aws', region: 'eu-west-1', logger: silentLogger, ...secrets })
  expect(session.registry).toBe('public.ecr.aws')
  expect(session.credentials).toEqual({ username: 'AWS', password: 'pub-s3cret' })
  expect(session.ecr).toBeUndefined()
  expect(session.ecrPublic).toBeDefined()
  expect(await session.ecrPublic!.config.region()).toBe('us-east-1')
  expect(secrets.masked).toEqual(['pub-s3cret', Buffer.from('AWS:pub-s3cret').toString('base64')])
  expect(publicEcr.commandCalls(PublicGetAuthorizationTokenCommand)).toHaveLength(1)
  expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(0)
})

test('ECR Public with username and password: used as given, no AWS call', async () => {
  const session = await openSession({
    registry: 'public.ecr.aws',
    username: 'AWS',
    password: 'given',
    logger: silentLogger,
    ...collectSecrets()
  })
  expect(session.credentials).toEqual({ username: 'AWS', password: 'given' })
  expect(session.ecrPublic).toBeUndefined()
  expect(publicEcr.commandCalls(PublicGetAuthorizationTokenCommand)).toHaveLength(0)
})
