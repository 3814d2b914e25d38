import { ECRClient, GetAuthorizationTokenCommand, ServerException } from '@aws-sdk/client-ecr'
import { mockClient } from 'aws-sdk-client-mock'
import { getEcrLogin, hostOfEndpoint } from '../../src/ecr/auth.js'
import { MISSING_CREDENTIALS_MESSAGE } from '../../src/ecr/call.js'

const ecrMock = mockClient(ECRClient)
const client = new ECRClient({ region: 'us-east-1' })
const noWait = { sleep: async () => {}, baseDelayMs: 1 }
const host = '123456789012.dkr.ecr.us-east-1.amazonaws.com'

function awsError(name: string, status: number, fault: 'client' | 'server' = 'client'): Error {
  return Object.assign(new Error(`${name} happened`), { name, $fault: fault, $metadata: { httpStatusCode: status } })
}

function tokenResponse(user: string, password: string, proxyEndpoint = `https://${host}`) {
  return {
    authorizationData: [
      {
        authorizationToken: Buffer.from(`${user}:${password}`).toString('base64'),
        proxyEndpoint,
        expiresAt: new Date('2030-01-01T12:00:00Z')
      }
    ]
  }
}

beforeEach(() => ecrMock.reset())

describe('getEcrLogin', () => {
  test('decodes the token and takes the host of the proxy endpoint', async () => {
    // A password may itself contain colons: only the first one separates.
    ecrMock.on(GetAuthorizationTokenCommand).resolves(tokenResponse('AWS', 'pa:ss'))
    const login = await getEcrLogin(client, {})
    expect(login).toEqual({ registry: host, username: 'AWS', password: 'pa:ss', expiresAt: new Date('2030-01-01T12:00:00Z') })
  })

  test('keeps a non-default port of the proxy endpoint', async () => {
    ecrMock.on(GetAuthorizationTokenCommand).resolves(tokenResponse('AWS', 'x', 'https://registry.test:5443/'))
    expect((await getEcrLogin(client)).registry).toBe('registry.test:5443')
  })

  test('passes registryIds through', async () => {
    ecrMock.on(GetAuthorizationTokenCommand).resolves(tokenResponse('AWS', 'x'))
    await getEcrLogin(client, { registryIds: ['210987654321'] })
    expect(ecrMock.commandCalls(GetAuthorizationTokenCommand)[0].args[0].input).toEqual({ registryIds: ['210987654321'] })
  })

  test('retries throttling, then succeeds', async () => {
    ecrMock
      .on(GetAuthorizationTokenCommand)
      .rejectsOnce(awsError('ThrottlingException', 400))
      .rejectsOnce(new ServerException({ message: 'internal', $metadata: { httpStatusCode: 500 } }))
      .resolves(tokenResponse('AWS', 'secret'))
    const infos: string[] = []
    const logger = { info: (m: string) => infos.push(m), warning: () => {}, debug: () => {} }
    const login = await getEcrLogin(client, { logger, retry: noWait })
    expect(login.password).toBe('secret')
    expect(ecrMock.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(3)
    expect(infos.join('\n')).toMatch(/retrying ECR GetAuthorizationToken.*throttled \(ThrottlingException\)/)
  })

  test('does not retry AccessDenied and keeps the error type', async () => {
    ecrMock.on(GetAuthorizationTokenCommand).rejects(awsError('AccessDeniedException', 400))
    await expect(getEcrLogin(client, { retry: noWait })).rejects.toMatchObject({ name: 'AccessDeniedException' })
    expect(ecrMock.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(1)
  })

  test('missing credentials become an actionable error', async () => {
    const sdkError = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })
    ecrMock.on(GetAuthorizationTokenCommand).rejects(sdkError)
    const err = await getEcrLogin(client, { retry: noWait }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect((err as Error).message).toBe(MISSING_CREDENTIALS_MESSAGE)
    expect((err as Error).message).toContain('aws-actions/configure-aws-credentials')
    expect((err as Error).cause).toBe(sdkError)
    expect(ecrMock.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(1)
  })

  test('a malformed token is refused without echoing it', async () => {
    ecrMock.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [{ authorizationToken: Buffer.from('no-colon-secret').toString('base64'), proxyEndpoint: `https://${host}` }]
    })
    const err = (await getEcrLogin(client).catch((e: unknown) => e)) as Error
    expect(err.message).toContain('malformed token')
    expect(err.message).not.toContain('no-colon-secret')
  })

  test('an empty answer names the permission to check', async () => {
    ecrMock.on(GetAuthorizationTokenCommand).resolves({ authorizationData: [] })
    await expect(getEcrLogin(client)).rejects.toThrow('ecr:GetAuthorizationToken')
  })
})

test('hostOfEndpoint accepts an endpoint without a scheme', () => {
  expect(hostOfEndpoint(host)).toBe(host)
  expect(hostOfEndpoint('http://127.0.0.1:8080')).toBe('127.0.0.1:8080')
  expect(hostOfEndpoint(`https://${host}:443`)).toBe(host)
})
