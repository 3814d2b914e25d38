import { classifyAwsError } from '../../src/ecr/call.js'

function awsError(name: string, status: number, fault: 'client' | 'server' = 'client'): Error {
  return Object.assign(new Error(`${name} happened`), { name, $fault: fault, $metadata: { httpStatusCode: status } })
}

describe('classifyAwsError', () => {
  test.each<[string, unknown, boolean]>([
    ['ThrottlingException', awsError('ThrottlingException', 400), true],
    ['TooManyRequestsException', awsError('TooManyRequestsException', 429), true],
    ['plain 429', awsError('Unknown', 429), true],
    ['503', awsError('ServiceUnavailable', 503, 'server'), true],
    ['server fault without status', Object.assign(new Error('x'), { name: 'ServerException', $fault: 'server' }), true],
    ['ECONNRESET', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    ['TimeoutError', Object.assign(new Error('timed out'), { name: 'TimeoutError' }), true],
    ['AccessDeniedException', awsError('AccessDeniedException', 400), false],
    ['RepositoryNotFoundException', awsError('RepositoryNotFoundException', 400), false],
    ['LimitExceededException', awsError('LimitExceededException', 400), false],
    [
      'CredentialsProviderError',
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
      false
    ],
    ['a string', 'boom', false]
  ])('%s -> retry %s', (_label, err, retry) => {
    expect(classifyAwsError(err).retry).toBe(retry)
  })
})
