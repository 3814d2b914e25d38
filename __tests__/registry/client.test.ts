import { MediaType } from '../../src/oci/types.js'
import { RegistryClient, type RegistryClientOptions } from '../../src/registry/client.js'
import { errorFromResponse, RegistryError } from '../../src/registry/errors.js'
import { parseChallenges, type Credentials } from '../../src/registry/auth.js'
import { requestBudgetMs } from '../../src/registry/transport.js'
import type { Logger } from '../../src/util/logger.js'
import { FakeRegistry, sha256, type FakeRegistryOptions } from '../../testing/fake-registry.js'

const repo = 'team/app'
const manifest = { schemaVersion: 2, mediaType: MediaType.OciManifest, config: { digest: 'sha256:00', size: 1 }, layers: [] }
const manifestBytes = Buffer.from(JSON.stringify(manifest))
const creds: Credentials = { username: 'AWS', password: 'token-1' }

let servers: FakeRegistry[] = []

afterEach(async () => {
  await Promise.all(servers.map(s => s.close()))
  servers = []
})

async function fake(opts: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const server = await FakeRegistry.start(opts)
  servers.push(server)
  return server
}

function clientFor(server: FakeRegistry, extra: Partial<RegistryClientOptions> = {}) {
  const sleeps: number[] = []
  const infos: string[] = []
  const warnings: string[] = []
  const logger: Logger = { info: m => infos.push(m), warning: m => warnings.push(m), debug: () => {} }
  const client = new RegistryClient({
    registry: server.host,
    insecure: true,
    logger,
    ...extra,
    retry: {
      random: () => 1,
      sleep: async ms => {
        sleeps.push(ms)
      },
      ...extra.retry
    }
  })
  return { client, sleeps, infos, warnings }
}

/** A refreshCredentials hook that counts its calls. */
function refresher(password: string) {
  const hook = Object.assign(
    async (): Promise<Credentials> => {
      hook.calls++
      return { username: 'AWS', password }
    },
    { calls: 0 }
  )
  return hook
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(RegistryError)
  return err as RegistryError
}

describe('RegistryClient manifests', () => {
  it('gets a manifest by tag with the default Accept list', async () => {
    const server = await fake()
    const digest = server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const { client } = clientFor(server)

    const got = await client.getManifest(repo, 'v1')

    expect(got).toEqual({ digest, mediaType: MediaType.OciManifest, bytes: new Uint8Array(manifestBytes), size: manifestBytes.length })
    const accept = String(server.apiRequests[0].headers.accept)
    for (const type of [MediaType.OciIndex, MediaType.OciManifest, MediaType.DockerManifestList, MediaType.DockerManifest]) {
      expect(accept).toContain(type)
    }
    expect(server.apiRequests[0].path).toBe('/v2/team/app/manifests/v1')
  })

  it('gets a manifest by digest and sends a custom Accept list', async () => {
    const server = await fake()
    const digest = server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const { client } = clientFor(server)

    const got = await client.getManifest(repo, digest, [MediaType.OciManifest])

    expect(got.digest).toBe(digest)
    expect(server.apiRequests[0].headers.accept).toBe(MediaType.OciManifest)
  })

  it('refuses content whose digest is not the one asked for, without retrying', async () => {
    const server = await fake()
    const digest = server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    server.fault(
      { path: `/v2/${repo}/manifests/${digest}` },
      { status: 200, body: '{"tampered":true}', contentType: MediaType.OciManifest }
    )
    const { client } = clientFor(server)

    const err = await failure(client.getManifest(repo, digest))

    expect(err.message).toContain(`GET manifest team/app@${digest}`)
    expect(err.message).toContain('digest mismatch')
    expect(server.apiRequests).toHaveLength(1)
  })

  it('uses its own digest and warns when Docker-Content-Digest disagrees with the bytes', async () => {
    const server = await fake()
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const wrong = sha256('something else')
    server.fault(
      { method: 'GET' },
      { status: 200, body: manifestBytes.toString(), contentType: MediaType.OciManifest, headers: { 'Docker-Content-Digest': wrong } }
    )
    const { client, warnings } = clientFor(server)

    const got = await client.getManifest(repo, 'v1')

    expect(got.digest).toBe(sha256(manifestBytes))
    expect(warnings.join('\n')).toContain(wrong)
  })

  it('takes the media type from the body when Content-Type is generic', async () => {
    const server = await fake()
    server.seedManifest(repo, 'v1', manifestBytes, 'application/json')
    const { client } = clientFor(server)

    expect((await client.getManifest(repo, 'v1')).mediaType).toBe(MediaType.OciManifest)
  })

  it('refuses manifests larger than 4 MiB', async () => {
    const server = await fake()
    server.seedManifest(repo, 'big', Buffer.alloc(4 * 1024 * 1024 + 1, 0x20), MediaType.OciManifest)
    const { client } = clientFor(server)

    const err = await failure(client.getManifest(repo, 'big'))

    expect(err.message).toMatch(/GET manifest team\/app:big: .*larger than 4 MiB/)
    expect(server.apiRequests).toHaveLength(1)
  })

  it('heads a manifest, and answers undefined for a missing one', async () => {
    const server = await fake()
    const digest = server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const { client } = clientFor(server)

    await expect(client.headManifest(repo, 'v1')).resolves.toEqual({ digest, mediaType: MediaType.OciManifest, size: manifestBytes.length })
    await expect(client.headManifest(repo, 'nope')).resolves.toBeUndefined()
    expect(server.apiRequests.map(r => r.method)).toEqual(['HEAD', 'HEAD'])
  })

  it('falls back to GET when a HEAD answer lacks the digest', async () => {
    const server = await fake()
    const digest = server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    server.fault({ method: 'HEAD' }, { status: 200, body: '', contentType: MediaType.OciManifest })
    const { client } = clientFor(server)

    await expect(client.headManifest(repo, 'v1')).resolves.toEqual({ digest, mediaType: MediaType.OciManifest, size: manifestBytes.length })
    expect(server.apiRequests.map(r => r.method)).toEqual(['HEAD', 'GET'])
  })

  it('puts a manifest under a tag and under its digest', async () => {
    const server = await fake()
    const { client } = clientFor(server)

    const digest = await client.putManifest(repo, '1.2', manifestBytes, MediaType.OciManifest)
    await client.putManifest(repo, digest, manifestBytes, MediaType.OciManifest)

    expect(digest).toBe(sha256(manifestBytes))
    expect(server.manifest(repo, '1.2')?.digest).toBe(digest)
    expect(server.apiRequests[0].headers['content-type']).toBe(MediaType.OciManifest)
    expect(server.apiRequests[1].path).toBe(`/v2/${repo}/manifests/${digest}`)
  })

  it('refuses to put bytes under a digest they do not have', async () => {
    const server = await fake()
    const { client } = clientFor(server)

    const err = await failure(client.putManifest(repo, sha256('other'), manifestBytes, MediaType.OciManifest))

    expect(err.message).toContain('digest mismatch')
    expect(server.requests).toHaveLength(0)
  })

  it('reports a rejected manifest with the registry code and message, without retrying', async () => {
    const server = await fake()
    server.fault(
      { method: 'PUT' },
      { status: 400, body: JSON.stringify({ errors: [{ code: 'MANIFEST_INVALID', message: 'manifest invalid' }] }) }
    )
    const { client } = clientFor(server)

    const err = await failure(client.putManifest(repo, '1.2', manifestBytes, MediaType.OciManifest))

    expect(err.status).toBe(400)
    expect(err.code).toBe('MANIFEST_INVALID')
    expect(err.message).toBe('PUT manifest team/app:1.2: 400 Bad Request: MANIFEST_INVALID manifest invalid')
    expect(server.apiRequests).toHaveLength(1)
  })

  it('deletes a manifest by digest, idempotently', async () => {
    const server = await fake()
    const digest = server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const { client } = clientFor(server)

    await client.deleteManifest(repo, digest)
    await client.deleteManifest(repo, digest)

    expect(server.manifest(repo, digest)).toBeUndefined()
    expect(server.apiRequests.map(r => r.method)).toEqual(['DELETE', 'DELETE'])
  })

  it('refuses to delete by tag', async () => {
    const server = await fake()
    const { client } = clientFor(server)

    const err = await failure(client.deleteManifest(repo, 'v1'))

    expect(err.message).toContain('manifests are deleted by digest')
  })

  it('rejects invalid repository names and references before sending anything', async () => {
    const server = await fake()
    const { client } = clientFor(server)

    expect((await failure(client.getManifest('Team/App', 'v1'))).message).toContain('not a valid repository name')
    expect((await failure(client.getManifest(repo, '../v1'))).message).toContain('neither a valid tag nor a digest')
    expect(server.requests).toHaveLength(0)
  })
})

describe('RegistryClient blobs', () => {
  it('gets a blob and verifies its digest', async () => {
    const server = await fake()
    const digest = server.seedBlob(repo, '{"architecture":"arm64"}')
    const { client } = clientFor(server)

    const bytes = await client.getBlob(repo, digest)

    expect(Buffer.from(bytes).toString()).toBe('{"architecture":"arm64"}')
  })

  it('fails on a blob whose bytes do not match the digest', async () => {
    const server = await fake()
    const digest = server.seedBlob(repo, 'real')
    server.fault({ method: 'GET' }, { status: 200, body: 'fake', contentType: 'application/octet-stream' })
    const { client } = clientFor(server)

    const err = await failure(client.getBlob(repo, digest))

    expect(err.message).toContain(`GET blob team/app@${digest}: digest mismatch`)
  })

  it('refuses a blob above maxBytes', async () => {
    const server = await fake()
    const digest = server.seedBlob(repo, 'x'.repeat(100))
    const { client } = clientFor(server)

    const err = await failure(client.getBlob(repo, digest, 10))

    expect(err.message).toContain('larger than the 10 bytes expected')
  })

  it('follows a blob redirect to another host without forwarding Authorization', async () => {
    const storage = await fake()
    const server = await fake({ auth: { mode: 'basic', username: creds.username, password: creds.password }, blobRedirect: storage })
    const digest = server.seedBlob(repo, 'layer in s3')
    const { client } = clientFor(server, { credentials: creds })

    const bytes = await client.getBlob(repo, digest)

    expect(Buffer.from(bytes).toString()).toBe('layer in s3')
    expect(server.apiRequests.at(-1)?.headers.authorization).toMatch(/^Basic /)
    expect(storage.requests).toHaveLength(1)
    expect(storage.requests[0].path).toBe(`/storage/${digest}`)
    expect(storage.requests[0].headers.authorization).toBeUndefined()
  })
})

describe('RegistryClient tags', () => {
  it.each([false, true])('lists 2500 tags over pages of 1000 (absolute links: %s)', async absoluteLinks => {
    const server = await fake({ absoluteLinks })
    const digest = server.seedManifest(repo, 'seed', manifestBytes, MediaType.OciManifest)
    const tags = Array.from({ length: 2499 }, (_, i) => `t${String(i).padStart(4, '0')}`)
    server.seedTags(repo, tags, digest)
    const { client } = clientFor(server)

    const listed = await client.listTags(repo)

    expect(listed).toHaveLength(2500)
    expect(new Set(listed)).toEqual(new Set([...tags, 'seed']))
    expect(server.apiRequests).toHaveLength(3)
    for (const r of server.apiRequests) expect(new URL(r.path, server.url).searchParams.get('n')).toBe('1000')
  })

  it('answers [] for a repository the registry does not know', async () => {
    const server = await fake()
    const { client } = clientFor(server)

    await expect(client.listTags('team/none')).resolves.toEqual([])
  })

  it('answers [] for a null tag list', async () => {
    const server = await fake()
    server.fault({ path: `/v2/${repo}/tags/list` }, { status: 200, body: '{"name":"team/app","tags":null}' })
    const { client } = clientFor(server)

    await expect(client.listTags(repo)).resolves.toEqual([])
  })
})

describe('RegistryClient auth', () => {
  it('answers a Basic challenge, then sends Basic up front', async () => {
    const server = await fake({ auth: { mode: 'basic', username: creds.username, password: creds.password } })
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const { client } = clientFor(server, { credentials: creds })

    for (let i = 0; i < 3; i++) await client.getManifest(repo, 'v1')

    const auths = server.apiRequests.map(r => r.headers.authorization)
    expect(auths).toHaveLength(4)
    expect(auths[0]).toBeUndefined()
    const basic = `Basic ${Buffer.from('AWS:token-1').toString('base64')}`
    expect(auths.slice(1)).toEqual([basic, basic, basic])
    expect(client.requestCount).toBe(4)
  })

  it('fails clearly when Basic is required and there are no credentials', async () => {
    const server = await fake({ auth: { mode: 'basic', username: 'u', password: 'p' } })
    const { client } = clientFor(server)

    const err = await failure(client.getManifest(repo, 'v1'))

    expect(err.status).toBe(401)
    expect(err.message).toContain('GET manifest team/app:v1: 401 Unauthorized')
    expect(err.message).toContain('check the registry credentials')
    expect(server.apiRequests).toHaveLength(1)
  })

  it.each(['token', 'access_token'] as const)('gets a Bearer token once and reuses it (field %s)', async tokenField => {
    const server = await fake({ auth: { mode: 'bearer', username: creds.username, password: creds.password, tokenField } })
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const { client } = clientFor(server, { credentials: creds })

    for (let i = 0; i < 5; i++) await client.getManifest(repo, 'v1')

    expect(server.tokenRequests).toHaveLength(1)
    const token = new URL(server.tokenRequests[0].path, server.url)
    expect(token.searchParams.get('service')).toBe('fake-registry')
    expect(token.searchParams.get('scope')).toBe(`repository:${repo}:pull`)
    expect(server.tokenRequests[0].headers.authorization).toBe(`Basic ${Buffer.from('AWS:token-1').toString('base64')}`)
    expect(server.apiRequests).toHaveLength(6)
    expect(server.apiRequests.slice(1).every(r => r.headers.authorization === 'Bearer token-1')).toBe(true)
  })

  it('gets an anonymous token when it has no credentials', async () => {
    const server = await fake({ auth: { mode: 'bearer' } })
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const { client } = clientFor(server)

    await client.getManifest(repo, 'v1')

    expect(server.tokenRequests).toHaveLength(1)
    expect(server.tokenRequests[0].headers.authorization).toBeUndefined()
  })

  it('gets a separate token for push scope', async () => {
    const server = await fake({ auth: { mode: 'bearer', username: creds.username, password: creds.password } })
    const { client } = clientFor(server, { credentials: creds })

    await client.putManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    await client.putManifest(repo, 'v2', manifestBytes, MediaType.OciManifest)
    await client.getManifest(repo, 'v1')

    const scopes = server.tokenRequests.map(r => new URL(r.path, server.url).searchParams.get('scope'))
    expect(scopes).toEqual([`repository:${repo}:pull,push`, `repository:${repo}:pull`])
  })

  it('refreshes expired Basic credentials once and succeeds', async () => {
    const server = await fake({ auth: { mode: 'basic', username: creds.username, password: creds.password } })
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const refreshCredentials = refresher('token-2')
    const { client } = clientFor(server, { credentials: creds, refreshCredentials })
    await client.getManifest(repo, 'v1')
    server.rotateCredentials('AWS', 'token-2')

    const got = await client.getManifest(repo, 'v1')

    expect(got.digest).toBe(sha256(manifestBytes))
    expect(refreshCredentials.calls).toBe(1)
    expect(server.apiRequests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('AWS:token-2').toString('base64')}`)
  })

  it('refreshes credentials when the token endpoint refuses them', async () => {
    const server = await fake({ auth: { mode: 'bearer', username: creds.username, password: creds.password } })
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const refreshCredentials = refresher('token-2')
    const { client } = clientFor(server, { credentials: creds, refreshCredentials })
    await client.getManifest(repo, 'v1')
    server.rotateCredentials('AWS', 'token-2')

    await client.getManifest(repo, 'v1')

    expect(refreshCredentials.calls).toBe(1)
    expect(server.tokenRequests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('AWS:token-2').toString('base64')}`)
  })

  it('calls refreshCredentials only once when the new credentials fail too', async () => {
    const server = await fake({ auth: { mode: 'basic', username: 'AWS', password: 'right' } })
    const refreshCredentials = refresher('still-wrong')
    const { client } = clientFor(server, { credentials: creds, refreshCredentials })

    const err = await failure(client.getManifest(repo, 'v1'))

    expect(err.status).toBe(401)
    expect(refreshCredentials.calls).toBe(1)
  })

  it('refreshes once for concurrent requests', async () => {
    const server = await fake({ auth: { mode: 'basic', username: creds.username, password: creds.password } })
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const refreshCredentials = refresher('token-2')
    const { client } = clientFor(server, { credentials: creds, refreshCredentials })
    await client.getManifest(repo, 'v1')
    server.rotateCredentials('AWS', 'token-2')

    await Promise.all([1, 2, 3, 4].map(() => client.getManifest(repo, 'v1')))

    expect(refreshCredentials.calls).toBe(1)
  })
})

describe('RegistryClient retries', () => {
  it('retries 503 twice then succeeds', async () => {
    const server = await fake()
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    server.fault({ method: 'GET' }, { status: 503 }, { status: 503 })
    const { client, sleeps, infos } = clientFor(server)

    const got = await client.getManifest(repo, 'v1')

    expect(got.digest).toBe(sha256(manifestBytes))
    expect(sleeps).toHaveLength(2)
    expect(server.apiRequests).toHaveLength(3)
    expect(infos[0]).toMatch(/^retrying GET manifest team\/app:v1 in \d+ms \(attempt 2\/5\): 503 Service Unavailable/)
  })

  it('waits as long as Retry-After says on 429', async () => {
    const server = await fake()
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    server.fault({}, { status: 429, headers: { 'Retry-After': '1' } })
    const { client, sleeps } = clientFor(server)

    await client.getManifest(repo, 'v1')

    expect(sleeps).toEqual([1000])
  })

  it('gives up on a persistent 500, naming the operation, status and attempts', async () => {
    const server = await fake()
    for (let i = 0; i < 5; i++) server.fault({}, { status: 500 })
    const { client } = clientFor(server, { retry: { attempts: 3 } })

    const err = await failure(client.putManifest(repo, 'stage-1-1-linux-arm64', manifestBytes, MediaType.OciManifest))

    expect(err.status).toBe(500)
    expect(err.message).toMatch(/^PUT manifest team\/app:stage-1-1-linux-arm64 failed after 3 attempts: 500 Internal Server Error/)
    expect(server.apiRequests).toHaveLength(3)
  })

  it('does not retry a 404', async () => {
    const server = await fake()
    const { client, sleeps } = clientFor(server)

    const err = await failure(client.getManifest(repo, 'v1'))

    expect(err.status).toBe(404)
    expect(err.code).toBe('MANIFEST_UNKNOWN')
    expect(sleeps).toEqual([])
  })

  it('retries after a connection reset', async () => {
    const server = await fake()
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    server.fault({}, { reset: true })
    const { client, sleeps } = clientFor(server)

    await expect(client.getManifest(repo, 'v1')).resolves.toMatchObject({ digest: sha256(manifestBytes) })
    expect(sleeps).toHaveLength(1)
    expect(server.apiRequests).toHaveLength(2)
  })

  it('retries a body cut short', async () => {
    const server = await fake()
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    server.fault({}, { truncate: true })
    const { client, sleeps } = clientFor(server)

    await expect(client.getManifest(repo, 'v1')).resolves.toMatchObject({ size: manifestBytes.length })
    expect(sleeps).toHaveLength(1)
  })

  it('retries a request that stalls past the timeout', async () => {
    const server = await fake()
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    server.fault({}, { stall: true })
    const { client, infos } = clientFor(server, { requestTimeoutMs: 100 })

    await expect(client.getManifest(repo, 'v1')).resolves.toMatchObject({ size: manifestBytes.length })
    expect(infos[0]).toContain('no complete answer from')
  })

  it('names the host when the connection keeps failing', async () => {
    const server = await fake()
    for (let i = 0; i < 3; i++) server.fault({}, { reset: true })
    const { client } = clientFor(server, { retry: { attempts: 3 } })

    const err = await failure(client.getManifest(repo, 'v1'))

    expect(err.message).toContain('GET manifest team/app:v1 failed after 3 attempts: connection to 127.0.0.1')
    expect(err.status).toBeUndefined()
  })
})

describe('RegistryClient answers that are not the registry API', () => {
  it('says so when a host answers HTML', async () => {
    const server = await fake()
    server.fault({}, { status: 200, contentType: 'text/html; charset=utf-8', body: '<html><body>Welcome</body></html>' })
    const { client } = clientFor(server)

    const err = await failure(client.getManifest(repo, 'v1'))

    expect(err.message).toBe(
      `GET manifest team/app:v1: the registry answered HTML, not the registry API: is ${server.host} a container registry?`
    )
  })

  it('says so for an HTML error page too', async () => {
    const server = await fake()
    server.fault({}, { status: 404, contentType: 'text/html', body: '<!doctype html><h1>Not Found</h1>' })
    const { client } = clientFor(server)

    const err = await failure(client.listTags(repo))

    expect(err.message).toContain(`is ${server.host} a container registry?`)
  })
})

describe('RegistryClient construction', () => {
  it('rejects a registry that is not host[:port]', () => {
    expect(() => new RegistryClient({ registry: 'example.com/team' })).toThrow('is not a host[:port]')
  })

  it('accepts http:// as insecure', async () => {
    const server = await fake()
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const client = new RegistryClient({ registry: `http://${server.host}` })

    await expect(client.headManifest(repo, 'v1')).resolves.toMatchObject({ digest: sha256(manifestBytes) })
  })
})

describe('RegistryClient transport', () => {
  it('sends every request through the given dispatcher and fetch, token requests included', async () => {
    const server = await fake({ auth: { mode: 'bearer', username: creds.username, password: creds.password } })
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const dispatcher = { name: 'proxy agent' } as unknown as RequestInit['dispatcher']
    const seen: { url: string; dispatcher: unknown }[] = []
    const recording: typeof fetch = (input, init) => {
      seen.push({ url: String(input), dispatcher: init?.dispatcher })
      return fetch(input, { ...init, dispatcher: undefined })
    }
    const { client } = clientFor(server, { credentials: creds, dispatcher, fetch: recording })

    await client.getManifest(repo, 'v1')

    expect(server.tokenRequests).toHaveLength(1)
    expect(seen.map(s => new URL(s.url).pathname)).toEqual([`/v2/${repo}/manifests/v1`, '/token', `/v2/${repo}/manifests/v1`])
    expect(seen.every(s => s.dispatcher === dispatcher)).toBe(true)
    expect(client.requestCount).toBe(3)
  })

  it('adds no dispatcher when none is given', async () => {
    const server = await fake()
    server.seedManifest(repo, 'v1', manifestBytes, MediaType.OciManifest)
    const inits: (RequestInit | undefined)[] = []
    const recording: typeof fetch = (input, init) => {
      inits.push(init)
      return fetch(input, init)
    }
    const { client } = clientFor(server, { fetch: recording })

    await client.headManifest(repo, 'v1')

    expect(inits).toHaveLength(1)
    expect(inits[0] !== undefined && 'dispatcher' in inits[0]).toBe(false)
  })
})

describe('parseChallenges', () => {
  it('reads Bearer and Basic challenges with quoted parameters', () => {
    expect(parseChallenges('Bearer realm="https://auth.example/token",service="reg",scope="repository:a/b:pull,push"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'reg', scope: 'repository:a/b:pull,push' } }
    ])
    expect(parseChallenges('Bearer realm="x", scope="a b", Basic realm="y"')).toEqual([
      { scheme: 'bearer', params: { realm: 'x', scope: 'a b' } },
      { scheme: 'basic', params: { realm: 'y' } }
    ])
    expect(parseChallenges(null)).toEqual([])
  })
})

describe('errorFromResponse', () => {
  const base = { status: 502, statusText: 'Bad Gateway', contentType: 'text/plain', host: 'reg.example' }

  it('quotes a short plain-text body', () => {
    const err = errorFromResponse('GET manifest a/b:c', { ...base, body: 'upstream down' })
    expect(err.message).toBe('GET manifest a/b:c: 502 Bad Gateway: upstream down')
    expect(err.status).toBe(502)
  })

  it('lists every distribution error and keeps the first code', () => {
    const body = JSON.stringify({
      errors: [
        { code: 'DENIED', message: 'no' },
        { code: 'UNAUTHORIZED', message: 'who' }
      ]
    })
    const err = errorFromResponse('PUT manifest a/b:c', {
      ...base,
      status: 403,
      statusText: 'Forbidden',
      contentType: 'application/json',
      body
    })
    expect(err.code).toBe('DENIED')
    expect(err.message).toContain('403 Forbidden: DENIED no; UNAUTHORIZED who: the credentials for reg.example are not allowed')
  })
})

describe('request time limits', () => {
  test('a request without a body gets the timeout; one with a body also its time at the slowest upload rate allowed', () => {
    expect(requestBudgetMs(30_000, 0)).toBe(30_000)
    // An 8 MiB chunk at 32 KiB/s: 256 s more, so a slow link is not cut at 30 s.
    expect(requestBudgetMs(30_000, 8 * 1024 * 1024)).toBe(30_000 + 256_000)
    expect(requestBudgetMs(30_000, 1)).toBe(30_001)
  })
})
