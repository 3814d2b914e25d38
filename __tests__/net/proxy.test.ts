import {
  bypassesProxy,
  describeProxyEnv,
  describeProxyFailure,
  parseNoProxy,
  proxyFor,
  proxyRefused,
  proxySecrets,
  readProxyEnv,
  redactProxyUrl
} from '../../src/net/proxy.js'

const ecr = 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/'
const api = 'https://api.ecr.us-east-1.amazonaws.com/'

function via(env: Record<string, string>, url: string): string | undefined {
  const chosen = proxyFor(url, readProxyEnv(env))
  return chosen && `${chosen.shown} ${chosen.variable}`
}

describe('which variable', () => {
  it.each([
    [{ HTTPS_PROXY: 'http://up:3128' }, 'http://up:3128 HTTPS_PROXY'],
    [{ https_proxy: 'http://low:3128' }, 'http://low:3128 https_proxy'],
    [{ HTTPS_PROXY: 'http://up:3128', https_proxy: 'http://low:3128' }, 'http://low:3128 https_proxy'],
    [{ HTTPS_PROXY: 'http://up:3128', https_proxy: '' }, 'http://up:3128 HTTPS_PROXY'],
    [{ HTTP_PROXY: 'http://plain:8080' }, 'http://plain:8080 HTTP_PROXY'],
    [{ http_proxy: 'http://plain:8080', HTTPS_PROXY: 'http://secure:3128' }, 'http://secure:3128 HTTPS_PROXY'],
    [{ https_proxy: 'proxy.corp:3128' }, 'http://proxy.corp:3128 https_proxy']
  ])('https URLs: %j -> %s', (env, expected) => {
    expect(via(env, ecr)).toBe(expected)
  })

  it('http URLs use HTTP_PROXY only', () => {
    expect(via({ HTTPS_PROXY: 'http://secure:3128' }, 'http://127.0.0.1:5000/v2/')).toBeUndefined()
    expect(via({ http_proxy: 'http://plain:8080' }, 'http://127.0.0.1:5000/v2/')).toBe('http://plain:8080 http_proxy')
  })

  it('no variables, no proxy', () => {
    expect(via({}, ecr)).toBeUndefined()
    expect(describeProxyEnv(readProxyEnv({ NO_PROXY: 'example.com' }))).toBeUndefined()
  })
})

describe('NO_PROXY', () => {
  const proxy = { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://proxy:3128' }
  it.each([
    ['exact host', '123456789012.dkr.ecr.us-east-1.amazonaws.com', ecr, true],
    ['exact host, another host', '123456789012.dkr.ecr.us-east-1.amazonaws.com', api, false],
    ['leading-dot suffix', '.amazonaws.com', api, true],
    ['leading-dot suffix covers the domain itself', '.amazonaws.com', 'https://amazonaws.com/', true],
    ['star-dot suffix', '*.amazonaws.com', ecr, true],
    ['bare domain covers subdomains', 'amazonaws.com', ecr, true],
    ['suffix is not a substring', 'zonaws.com', ecr, false],
    ['upper case entry', '.AmazonAWS.com', api, true],
    ['matching port', 'registry.test:5443', 'https://registry.test:5443/v2/', true],
    ['other port', 'registry.test:5443', 'https://registry.test:443/v2/', false],
    ['default port counts', 'registry.test:443', 'https://registry.test/v2/', true],
    ['IP address', '127.0.0.1', 'http://127.0.0.1:5000/v2/', true],
    ['star', '*', ecr, true],
    ['star among others', 'localhost, *', api, true],
    ['space and comma separated', 'localhost  .example.com,registry.test', 'https://registry.test/', true],
    ['empty', '', ecr, false]
  ])('%s: NO_PROXY=%s, %s bypasses: %s', (_name, noProxy, url, bypass) => {
    expect(proxyFor(url, readProxyEnv({ ...proxy, NO_PROXY: noProxy }))?.shown).toBe(bypass ? undefined : 'http://proxy:3128')
  })

  it('reads no_proxy before NO_PROXY', () => {
    expect(via({ ...proxy, no_proxy: 'example.com', NO_PROXY: '*' }, ecr)).toBe('http://proxy:3128 HTTPS_PROXY')
    expect(via({ ...proxy, no_proxy: '*', NO_PROXY: '' }, ecr)).toBeUndefined()
  })

  it('parses entries the way the adapters are given them', () => {
    expect(parseNoProxy(' .Example.com,*.b.org  c:8080,,')).toEqual([
      { hostname: 'example.com', port: 0 },
      { hostname: 'b.org', port: 0 },
      { hostname: 'c', port: 8080 }
    ])
    expect(parseNoProxy('a.com,*')).toEqual([{ hostname: '*', port: 0 }])
    expect(bypassesProxy(parseNoProxy('[::1]'), '[::1]', 80)).toBe(true)
  })
})

describe('credentials', () => {
  const env = { HTTPS_PROXY: 'http://alice:s%40cret@proxy.corp:3128' }

  it('never shows user or password', () => {
    const p = readProxyEnv(env)
    expect(p.https?.shown).toBe('http://proxy.corp:3128')
    expect(redactProxyUrl(new URL('https://u:p@h:1/'))).toBe('https://h:1')
    expect(describeProxyEnv(p)).toBe('proxy: HTTPS through http://proxy.corp:3128 (from HTTPS_PROXY)')
    expect(describeProxyEnv(readProxyEnv({ ...env, HTTP_PROXY: 'http://bob:pw@plain:8080', NO_PROXY: '.internal' }))).toBe(
      'proxy: HTTPS through http://proxy.corp:3128 (from HTTPS_PROXY), HTTP through http://plain:8080 (from HTTP_PROXY); direct to internal (NO_PROXY)'
    )
  })

  it('gives the password to mask, raw and decoded', () => {
    expect(proxySecrets(readProxyEnv(env)).sort()).toEqual(['s%40cret', 's@cret'])
    expect(proxySecrets(readProxyEnv({ HTTPS_PROXY: 'http://proxy:3128' }))).toEqual([])
  })

  it('keeps them out of errors', () => {
    const p = readProxyEnv(env).https!
    const refused = proxyRefused(p, 'api.ecr.us-east-1.amazonaws.com:443', 407)
    expect(refused.message).toContain(
      'the proxy http://proxy.corp:3128 (from HTTPS_PROXY) refused to connect to api.ecr.us-east-1.amazonaws.com:443 (HTTP 407)'
    )
    expect(refused.message).toContain('credentials')
    expect(refused.message).not.toMatch(/alice|cret/)
    expect(() => readProxyEnv({ https_proxy: 'http://alice:secret@exa mple:3128' })).toThrow(
      /^https_proxy: "http:\/\/exa mple:3128" is not a proxy URL/
    )
  })
})

describe('malformed variables', () => {
  it('names the variable and the accepted form', () => {
    expect(() => readProxyEnv({ HTTP_PROXY: 'socks5://proxy:1080' })).toThrow(
      'HTTP_PROXY: socks5 proxies are not supported; give an http:// or https:// proxy URL'
    )
    expect(() => readProxyEnv({ HTTPS_PROXY: 'http://:3128' })).toThrow(/HTTPS_PROXY/)
  })
})

describe('describeProxyFailure', () => {
  const p = readProxyEnv({ HTTPS_PROXY: 'http://u:p@proxy:3128' }).https!

  it('a refused tunnel (undici) names the proxy, its variable and the status', () => {
    const err = new TypeError('fetch failed', { cause: new Error('Proxy response (403) !== 200 when HTTP Tunneling') })
    const described = describeProxyFailure(err, p, 'registry.test:5443')
    expect(described?.message).toMatch(
      /^the proxy http:\/\/proxy:3128 \(from HTTPS_PROXY\) refused to connect to registry.test:5443 \(HTTP 403\): .*NO_PROXY/
    )
  })

  it('an unreachable proxy says to check the variable', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3128'), { code: 'ECONNREFUSED' })
    const described = describeProxyFailure(new TypeError('fetch failed', { cause }), p, 'registry.test:5443')
    expect(described?.message).toBe(
      'cannot reach the proxy http://proxy:3128 (from HTTPS_PROXY) to connect to registry.test:5443 (ECONNREFUSED): check that the proxy runs and that HTTPS_PROXY names the right host and port, or unset it to go direct'
    )
  })

  it('leaves other failures alone', () => {
    expect(describeProxyFailure(new Error('certificate has expired'), p, 'registry.test:5443')).toBeUndefined()
  })
})
