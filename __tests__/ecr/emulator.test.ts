// The ECR emulator driven by the real SDK (signing, JSON 1.1, error typing) and by
// our own ECR modules, backed by the in-memory fake registry over plain http.
import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ImageNotFoundException,
  PutLifecyclePolicyCommand,
  RepositoryAlreadyExistsException,
  RepositoryNotFoundException
} from '@aws-sdk/client-ecr'
import { getEcrLogin } from '../../src/ecr/auth.js'
import { ecrPublicClient, ecrPublicLogin, ensurePublicRepository } from '../../src/ecr/public.js'
import { deleteTags, ensureRepository } from '../../src/ecr/repository.js'
import { MediaType } from '../../src/oci/types.js'
import { startEcrEmulator, type EcrEmulator } from '../../testing/ecr-emulator.js'
import { FakeRegistry } from '../../testing/fake-registry.js'

const USER = 'ci'
const PASSWORD = 'registry-secret-5f2c'

let registry: FakeRegistry
let emulator: EcrEmulator
let client: ECRClient
const noWait = { sleep: async () => {}, baseDelayMs: 1 }

beforeAll(async () => {
  registry = await FakeRegistry.start({ auth: { mode: 'basic', username: USER, password: PASSWORD } })
  emulator = await startEcrEmulator({ registryUrl: registry.url, username: USER, password: PASSWORD })
  client = new ECRClient({
    region: 'us-east-1',
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
    maxAttempts: 1
  })
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
  await registry?.close()
})

function manifestOf(seed: string): Buffer {
  return Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config: { digest: `sha256:${seed}` }, layers: [] })
  )
}

async function push(repo: string, reference: string, bytes: Buffer, mediaType: string): Promise<string> {
  const res = await fetch(`${registry.url}/v2/${repo}/manifests/${reference}`, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': mediaType, authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` }
  })
  expect(res.status).toBe(201)
  return res.headers.get('docker-content-digest')!
}

describe('through the real SDK', () => {
  test('getEcrLogin gets the registry credentials and the proxy endpoint host', async () => {
    const login = await getEcrLogin(client)
    expect(login.registry).toBe(registry.host)
    expect({ username: login.username, password: login.password }).toEqual({ username: USER, password: emulator.token })
    expect(login.expiresAt!.getTime()).toBeGreaterThan(Date.now())
    expect(emulator.calls.at(-1)?.operation).toBe('GetAuthorizationToken')
  })

  test('an injected throttle is retried by getEcrLogin', async () => {
    emulator.failNext('GetAuthorizationToken', { status: 400, type: 'ThrottlingException', message: 'Rate exceeded' })
    const before = emulator.calls.length
    const login = await getEcrLogin(client, { retry: noWait })
    expect(login.password).toBe(PASSWORD)
    expect(emulator.calls.slice(before).map(c => c.operation)).toEqual(['GetAuthorizationToken', 'GetAuthorizationToken'])
  })

  test('an injected AccessDenied comes back typed and is not retried', async () => {
    emulator.failNext('GetAuthorizationToken', { status: 400, type: 'AccessDeniedException', message: 'not allowed' })
    const before = emulator.calls.length
    await expect(getEcrLogin(client, { retry: noWait })).rejects.toMatchObject({ name: 'AccessDeniedException', message: 'not allowed' })
    expect(emulator.calls.length - before).toBe(1)
  })

  test('a missing repository is a typed RepositoryNotFoundException', async () => {
    const err = await client.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RepositoryNotFoundException)
    expect((err as Error).name).toBe('RepositoryNotFoundException')
    expect((err as Error).message).toContain("'nope'")
  })

  test('ensureRepository creates an immutable repository that exempts cache tags, once', async () => {
    const first = await ensureRepository(client, { repository: 'team/app', tagMutability: 'IMMUTABLE', create: true })
    expect(first).toEqual({ created: true, mutability: 'IMMUTABLE_WITH_EXCLUSION', cacheRepository: 'team/app', notes: [] })
    expect(emulator.repositories.get('team/app')).toMatchObject({
      mutability: 'IMMUTABLE_WITH_EXCLUSION',
      exclusions: ['cache-*', 'stage-*', 'build-*'].map(filter => ({ filterType: 'WILDCARD', filter })),
      scanOnPush: true,
      encryptionType: 'AES256'
    })
    const second = await ensureRepository(client, { repository: 'team/app', tagMutability: 'IMMUTABLE', create: true })
    expect(second.created).toBe(false)
    const out = await client.send(new DescribeRepositoriesCommand({ repositoryNames: ['team/app'] }))
    expect(out.repositories?.[0]).toMatchObject({ repositoryUri: `${registry.host}/team/app`, registryId: '123456789012' })
    expect(out.repositories?.[0].createdAt).toBeInstanceOf(Date)
  })

  test('creating twice is a typed RepositoryAlreadyExistsException', async () => {
    await client.send(new CreateRepositoryCommand({ repositoryName: 'dup' }))
    await expect(client.send(new CreateRepositoryCommand({ repositoryName: 'dup' }))).rejects.toBeInstanceOf(
      RepositoryAlreadyExistsException
    )
  })

  test('an existing IMMUTABLE repository gets a mutable cache companion', async () => {
    emulator.repositories.set('legacy', { mutability: 'IMMUTABLE', exclusions: [], createdAt: Date.now() })
    const r = await ensureRepository(client, { repository: 'legacy', tagMutability: 'IMMUTABLE', create: true })
    expect(r.cacheRepository).toBe('legacy-buildcache')
    expect(emulator.repositories.get('legacy-buildcache')?.mutability).toBe('MUTABLE')
  })

  test('ensureRepository without create names the fix', async () => {
    await expect(ensureRepository(client, { repository: 'absent', tagMutability: 'MUTABLE', create: false })).rejects.toThrow(
      'repository absent does not exist'
    )
  })

  test('deleteTags untags like ECR, and a second run is harmless', async () => {
    const repo = 'team/app'
    const shared = await push(repo, 'build-1', manifestOf('a'), MediaType.OciManifest)
    await push(repo, 'keep', manifestOf('a'), MediaType.OciManifest)
    const child = await push(repo, 'build-2', manifestOf('b'), MediaType.OciManifest)
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciIndex,
        manifests: [{ mediaType: MediaType.OciManifest, digest: child, size: 1 }]
      })
    )
    const indexDigest = await push(repo, 'release', index, MediaType.OciIndex)
    const lone = await push(repo, 'stage-x', manifestOf('c'), MediaType.OciManifest)

    const tags = ['build-1', 'build-2', 'stage-x', 'never-existed']
    expect(await deleteTags(client, { repository: repo, tags })).toEqual({ deleted: tags, failures: [] })

    expect(registry.tags(repo)).toEqual(['keep', 'release'])
    expect(registry.manifest(repo, 'keep')?.digest).toBe(shared)
    expect(registry.manifest(repo, 'release')?.digest).toBe(indexDigest)
    expect(registry.manifest(repo, child)).toBeDefined() // still referenced by the index
    expect(registry.manifest(repo, lone)).toBeUndefined() // its last tag went
    const heads = registry.apiRequests.filter(r => r.method === 'HEAD' && r.path.endsWith('/manifests/build-1'))
    expect(heads.length).toBeGreaterThan(0)
    expect(String(heads[0].headers.accept)).toContain(MediaType.OciIndex)
    expect(registry.apiRequests.some(r => r.method === 'DELETE' && r.path === `/v2/${repo}/manifests/${lone}`)).toBe(true)

    expect(await deleteTags(client, { repository: repo, tags })).toEqual({ deleted: tags, failures: [] })
    const last = emulator.calls.filter(c => c.operation === 'BatchDeleteImage').at(-1)
    expect(last?.body.imageIds).toEqual(tags.map(imageTag => ({ imageTag })))
  })

  test('DescribeImages resolves tags to digests; a missing tag is ImageNotFoundException', async () => {
    const digest = await push('team/app', 'v1', manifestOf('d'), MediaType.OciManifest)
    await push('team/app', 'latest', manifestOf('d'), MediaType.OciManifest)
    const out = await client.send(new DescribeImagesCommand({ repositoryName: 'team/app', imageIds: [{ imageTag: 'v1' }] }))
    expect(out.imageDetails?.[0]).toMatchObject({ imageDigest: digest, imageManifestMediaType: MediaType.OciManifest })
    expect(out.imageDetails?.[0].imageTags?.sort()).toEqual(['latest', 'v1'])
    await expect(
      client.send(new DescribeImagesCommand({ repositoryName: 'team/app', imageIds: [{ imageTag: 'nope' }] }))
    ).rejects.toBeInstanceOf(ImageNotFoundException)
  })

  test('PutLifecyclePolicy is recorded and echoed', async () => {
    const text = JSON.stringify({
      rules: [
        {
          rulePriority: 1,
          selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 },
          action: { type: 'expire' }
        }
      ]
    })
    const out = await client.send(new PutLifecyclePolicyCommand({ repositoryName: 'team/app', lifecyclePolicyText: text }))
    expect(out.lifecyclePolicyText).toBe(text)
    expect(emulator.repositories.get('team/app')?.lifecyclePolicy).toBe(text)
  })
})

test('a client without an endpoint reaches the emulator through AWS_ENDPOINT_URL_ECR and env credentials', async () => {
  const keys = ['AWS_ENDPOINT_URL_ECR', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const
  const saved = keys.map(k => process.env[k])
  Object.assign(process.env, { AWS_ENDPOINT_URL_ECR: emulator.endpoint, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' })
  const envClient = new ECRClient({ region: 'us-east-1', maxAttempts: 1 })
  try {
    const before = emulator.calls.length
    expect((await getEcrLogin(envClient)).password).toBe(PASSWORD)
    expect(emulator.calls.length).toBe(before + 1)
  } finally {
    envClient.destroy()
    keys.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i])))
  }
})

describe('ECR Public, through the real SDK and AWS_ENDPOINT_URL_ECR_PUBLIC', () => {
  const keys = ['AWS_ENDPOINT_URL_ECR_PUBLIC', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const
  let saved: (string | undefined)[]
  beforeAll(() => {
    saved = keys.map(k => process.env[k])
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_ECR_PUBLIC: emulator.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'x'
    })
  })
  afterAll(() => keys.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i]))))

  test('ecrPublicLogin gets the registry credentials from the ECR Public GetAuthorizationToken, an injected throttle retried', async () => {
    emulator.failNext('ecr-public:GetAuthorizationToken', { status: 400, type: 'ThrottlingException' })
    const masked: string[] = []
    const login = await ecrPublicLogin({ maskSecret: s => masked.push(s), retry: noWait })
    expect(login.credentials).toEqual({ username: USER, password: PASSWORD })
    expect(masked).toContain(PASSWORD)
    expect(emulator.calls.filter(c => c.operation === 'ecr-public:GetAuthorizationToken')).toHaveLength(2)
    login.client.destroy()
  })

  test('ensurePublicRepository creates the repository without the alias, once', async () => {
    const client = ecrPublicClient()
    try {
      expect(await ensurePublicRepository(client, { repository: 'emulated/team/web', create: true })).toEqual({ created: true })
      expect(await ensurePublicRepository(client, { repository: 'emulated/team/web', create: true })).toEqual({ created: false })
      expect([...emulator.publicRepositories.keys()]).toEqual(['team/web'])
      expect(emulator.calls.filter(c => c.operation === 'ecr-public:CreateRepository').map(c => c.body)).toEqual([
        { repositoryName: 'team/web' }
      ])
      // The private registry is untouched.
      expect(emulator.repositories.has('team/web')).toBe(false)
    } finally {
      client.destroy()
    }
  })

  test("another alias than the account's: refused, nothing created", async () => {
    const client = ecrPublicClient()
    try {
      await expect(ensurePublicRepository(client, { repository: 'someone/team/web', create: true })).rejects.toThrow(
        'is public.ecr.aws/emulated/team/web, not public.ecr.aws/someone/team/web'
      )
      await expect(ensurePublicRepository(client, { repository: 'emulated/absent', create: false })).rejects.toThrow(
        'ECR Public repository absent does not exist in public.ecr.aws/emulated'
      )
      expect(emulator.publicRepositories.has('absent')).toBe(false)
    } finally {
      client.destroy()
    }
  })
})

describe('raw protocol', () => {
  const post = (headers: Record<string, string>, body = '{}') =>
    fetch(emulator.endpoint, { method: 'POST', body, headers: { 'content-type': 'application/x-amz-json-1.1', ...headers } })

  test('an unsigned request is refused', async () => {
    const res = await post({ 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories' })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException')
  })

  test('an unknown operation is UnknownOperationException', async () => {
    const res = await post({
      'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.ListEverything',
      authorization: 'AWS4-HMAC-SHA256 Credential=x'
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' })
  })

  test('every SDK request was signed and recorded with its body', () => {
    const create = emulator.calls.find(c => c.operation === 'CreateRepository' && c.body.repositoryName === 'team/app')
    expect(create?.body).toMatchObject({ imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageScanningConfiguration: { scanOnPush: true } })
    expect(typeof create?.at).toBe('number')
  })
})

describe('two accounts in two regions behind one endpoint', () => {
  const B_USER = 'AWS'
  const B_PASSWORD = 'account-b-secret-91d0'
  let registryB: FakeRegistry
  let two: EcrEmulator
  const clientIn = (region: string) =>
    new ECRClient({ region, endpoint: two.endpoint, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 })

  beforeAll(async () => {
    registryB = await FakeRegistry.start({ auth: { mode: 'basic', username: B_USER, password: B_PASSWORD } })
    two = await startEcrEmulator({
      registryUrl: registry.url,
      username: USER,
      password: PASSWORD,
      otherAccounts: [
        { registryUrl: registryB.url, username: B_USER, password: B_PASSWORD, accountId: '987654321098', region: 'us-west-2' }
      ]
    })
  })
  afterAll(async () => {
    await two?.close()
    await registryB?.close()
  })

  test('a call signed for us-west-2 reaches the second account: its token, its repositories, its call log', async () => {
    const west = clientIn('us-west-2')
    try {
      const login = await getEcrLogin(west, { registryIds: ['987654321098'] })
      expect({ username: login.username, password: login.password }).toEqual({ username: B_USER, password: B_PASSWORD })
      expect(login.registry).toBe(registryB.host)
      await west.send(new CreateRepositoryCommand({ repositoryName: 'team/app', registryId: '987654321098' }))
    } finally {
      west.destroy()
    }
    const [a, b] = two.accounts
    expect(b.repositories.has('team/app')).toBe(true)
    expect(a.repositories.has('team/app')).toBe(false)
    expect(b.calls.map(c => c.operation)).toEqual(['GetAuthorizationToken', 'CreateRepository'])
    expect(a.calls).toEqual([])
    expect(two.calls).toBe(a.calls)
  })

  test("the second account's registry is not reachable through the first account's region", async () => {
    const east = clientIn('us-east-1')
    try {
      await expect(getEcrLogin(east, { registryIds: ['987654321098'], retry: { attempts: 1 } })).rejects.toThrow(/not in us-east-1/)
      const login = await getEcrLogin(east)
      expect(login.password).toBe(PASSWORD)
    } finally {
      east.destroy()
    }
  })
})
