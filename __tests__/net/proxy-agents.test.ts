// The adapters against real sockets: a proxy that refuses every tunnel shows which calls
// went to it (its log) and what the caller is told; NO_PROXY calls reach the target direct.
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { awsRequestHandler } from '../../src/net/aws-proxy-agent.js'
import { proxiedFetch } from '../../src/net/proxy-agents.js'
import { readProxyEnv } from '../../src/net/proxy.js'
import { RegistryClient } from '../../src/registry/client.js'
import { startRefusingProxy, type RefusingProxy } from '../../testing/refusing-proxy.js'

let proxy: RefusingProxy
let target: http.Server
let targetHost: string
let targetHits = 0

beforeAll(async () => {
  proxy = await startRefusingProxy(403)
  target = http.createServer((_req, res) => {
    targetHits++
    res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' }).end('{"authorizationData":[]}')
  })
  await new Promise<void>(resolve => target.listen(0, '127.0.0.1', resolve))
  targetHost = `127.0.0.1:${(target.address() as AddressInfo).port}`
})

afterAll(async () => {
  await proxy.close()
  await new Promise(resolve => target.close(resolve))
})

beforeEach(() => {
  proxy.targets.length = 0
  targetHits = 0
})

function env(extra: Record<string, string> = {}) {
  const withCredentials = proxy.url.replace('http://', 'http://alice:pa55word@')
  return readProxyEnv({ HTTP_PROXY: withCredentials, HTTPS_PROXY: withCredentials, ...extra })
}

function ecrClient(extra: Record<string, string> = {}): ECRClient {
  return new ECRClient({
    region: 'us-east-1',
    endpoint: `http://${targetHost}`,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
    maxAttempts: 1,
    requestHandler: awsRequestHandler(env(extra))
  })
}

describe('registry fetch', () => {
  it('goes through the proxy, and a refusal names the proxy without its credentials', async () => {
    const failure = proxiedFetch(env())(`http://${targetHost}/v2/`)
    await expect(failure).rejects.toThrow(
      `the proxy ${proxy.url} (from HTTP_PROXY) refused to connect to ${targetHost} (HTTP 403): the proxy forbids this destination`
    )
    await expect(failure).rejects.not.toThrow(/alice|pa55word/)
    expect(proxy.targets).toContain(targetHost)
    expect(targetHits).toBe(0)
  })

  it('NO_PROXY hosts go direct', async () => {
    const res = await proxiedFetch(env({ NO_PROXY: '127.0.0.1' }))(`http://${targetHost}/v2/`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('authorizationData')
    expect(proxy.targets).toEqual([])
    expect(targetHits).toBe(1)
  })

  it('the registry client reports the refusal with the operation, and does not retry it', async () => {
    const sleeps: number[] = []
    const client = new RegistryClient({
      registry: `http://${targetHost}`,
      fetch: proxiedFetch(env()),
      retry: { sleep: async ms => void sleeps.push(ms) }
    })
    await expect(client.listTags('team/app')).rejects.toThrow(
      `list tags team/app: connection to ${targetHost} failed: the proxy ${proxy.url} (from HTTP_PROXY) refused to connect to ${targetHost} (HTTP 403)`
    )
    expect(sleeps).toEqual([])
    expect(proxy.targets).toEqual([targetHost])
  })

  it('an unreachable proxy says so', async () => {
    const gone = await startRefusingProxy()
    await gone.close()
    const p = readProxyEnv({ http_proxy: gone.url })
    await expect(proxiedFetch(p)(`http://${targetHost}/v2/`)).rejects.toThrow(
      `cannot reach the proxy ${gone.url} (from http_proxy) to connect to ${targetHost} (ECONNREFUSED)`
    )
  })
})

describe('ECR API (AWS SDK)', () => {
  it('goes through the proxy, and a refusal names the proxy without its credentials', async () => {
    const client = ecrClient()
    try {
      const failure = client.send(new GetAuthorizationTokenCommand({}))
      await expect(failure).rejects.toThrow(`the proxy ${proxy.url} (from HTTP_PROXY) refused to connect to ${targetHost} (HTTP 403)`)
      await expect(failure).rejects.not.toThrow(/alice|pa55word/)
    } finally {
      client.destroy()
    }
    expect(proxy.targets).toContain(targetHost)
    expect(targetHits).toBe(0)
  })

  it('NO_PROXY hosts go direct', async () => {
    const client = ecrClient({ no_proxy: `localhost,127.0.0.1:${targetHost.split(':')[1]}` })
    try {
      const answer = await client.send(new GetAuthorizationTokenCommand({}))
      expect(answer.authorizationData).toEqual([])
    } finally {
      client.destroy()
    }
    expect(proxy.targets).toEqual([])
    expect(targetHits).toBe(1)
  })

  it('no proxy variables: the SDK default handler', () => {
    expect(awsRequestHandler(readProxyEnv({ NO_PROXY: '*' }))).toBeUndefined()
  })
})

describe('a proxy that wants credentials (407)', () => {
  let p407: RefusingProxy
  beforeAll(async () => {
    p407 = await startRefusingProxy(407)
  })
  afterAll(async () => {
    await p407.close()
  })

  it('fetch and the SDK both say to put credentials in the URL', async () => {
    const p = readProxyEnv({ http_proxy: p407.url })
    const hint = `the proxy ${p407.url} (from http_proxy) refused to connect to ${targetHost} (HTTP 407): the proxy wants credentials`
    await expect(proxiedFetch(p)(`http://${targetHost}/v2/`)).rejects.toThrow(hint)
    const client = new ECRClient({
      region: 'us-east-1',
      endpoint: `http://${targetHost}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
      maxAttempts: 1,
      requestHandler: awsRequestHandler(p)
    })
    try {
      await expect(client.send(new GetAuthorizationTokenCommand({}))).rejects.toThrow(hint)
    } finally {
      client.destroy()
    }
    expect(targetHits).toBe(0)
  })
})
