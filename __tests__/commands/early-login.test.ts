// Which ECR API endpoint an entry (the action's, the CLI's) connects to before the rest
// loads: only when the inputs say the run will surely log in to ECR there; anything else
// opens nothing. The action's inputs come as INPUT_* variables, the CLI's as flags.
import { earlyLoginEndpoint } from '../../src/commands/early-login.js'
import { ecrApiEndpoint } from '../../src/ecr/api-endpoint.js'

type Env = Record<string, string>
const fromEnv = (env: Env) => (name: string) => env[`INPUT_${name.toUpperCase()}`]
const endpoint = (env: Env) => earlyLoginEndpoint(fromEnv(env), env)?.href

describe('earlyLoginEndpoint', () => {
  test('the default registry: the regional ECR API of AWS_REGION (or the region input)', () => {
    expect(endpoint({ INPUT_MODE: 'merge', AWS_REGION: 'eu-west-1' })).toBe('https://api.ecr.eu-west-1.amazonaws.com/')
    expect(endpoint({ AWS_DEFAULT_REGION: 'us-east-2' })).toBe('https://api.ecr.us-east-2.amazonaws.com/')
    expect(endpoint({ INPUT_REGION: 'ap-south-1', AWS_REGION: 'eu-west-1' })).toBe('https://api.ecr.ap-south-1.amazonaws.com/')
  })

  test('an ECR host decides the region, China included', () => {
    expect(endpoint({ INPUT_REGISTRY: '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', AWS_REGION: 'eu-west-1' })).toBe(
      'https://api.ecr.cn-north-1.amazonaws.com.cn/'
    )
    expect(endpoint({ INPUT_REGISTRY: '123456789012', INPUT_REGION: 'us-gov-west-1' })).toBe('https://api.ecr.us-gov-west-1.amazonaws.com/')
  })

  test("the SDK's configured endpoint wins, as in the SDK", () => {
    expect(endpoint({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'https://a.test', AWS_ENDPOINT_URL_ECR: 'https://ecr.test:8443' })).toBe(
      'https://ecr.test:8443/'
    )
    expect(endpoint({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'https://a.test' })).toBe('https://a.test/')
    expect(endpoint({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'https://a.test', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBe(
      'https://api.ecr.eu-west-1.amazonaws.com/'
    )
  })

  test.each([
    ['mode check', { INPUT_MODE: 'check', AWS_REGION: 'eu-west-1' }],
    ['another registry', { INPUT_REGISTRY: 'ghcr.io', AWS_REGION: 'eu-west-1' }],
    ['ECR Public', { INPUT_REGISTRY: 'public.ecr.aws/acme', AWS_REGION: 'eu-west-1' }],
    ['a proxy (its policy decides the route)', { AWS_REGION: 'eu-west-1', HTTPS_PROXY: 'http://proxy.test:3128' }],
    ['no region', {}],
    ['a FIPS endpoint', { AWS_REGION: 'us-east-1', AWS_USE_FIPS_ENDPOINT: 'true' }],
    ['a dual-stack endpoint', { AWS_REGION: 'us-east-1', AWS_USE_DUALSTACK_ENDPOINT: 'true' }],
    ['an input the parser will refuse', { INPUT_REGISTRY: 'a/b', AWS_REGION: 'eu-west-1' }],
    ['a malformed proxy URL', { AWS_REGION: 'eu-west-1', HTTPS_PROXY: 'http://[' }],
    ['a region of another shape', { AWS_REGION: 'Europe' }]
  ])('nothing is opened early with %s', (_, env) => {
    expect(endpoint(env as Env)).toBeUndefined()
  })

  test("the CLI's flags: the command is the mode", () => {
    const flags = new Map([['registry', '123456789012.dkr.ecr.eu-central-1.amazonaws.com']])
    const cli = (command: string) => earlyLoginEndpoint(name => (name === 'mode' ? command : flags.get(name)), {})?.href
    expect(cli('merge')).toBe('https://api.ecr.eu-central-1.amazonaws.com/')
    expect(cli('check')).toBeUndefined()
  })
})

test('ecrApiEndpoint: a configured endpoint that is not a URL opens nothing', () => {
  expect(ecrApiEndpoint('eu-west-1', { AWS_ENDPOINT_URL_ECR: 'not a url' })).toBeUndefined()
})
