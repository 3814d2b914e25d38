// Mirrors on fake registries: the same index bytes and children everywhere, blobs copied
// only where missing, a failing mirror leaving the others published and saying what it holds.
import { DescribeRepositoriesCommand, ECRPUBLICClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr-public'
import { mockClient } from 'aws-sdk-client-mock'
import { randomBytes } from 'node:crypto'
import { mirrorFailure, publishMirrors, type MirrorTarget } from '../../src/commands/mirror.js'
import { indexFor, type Candidate } from '../../src/commands/publish.js'
import { RegistryClient } from '../../src/registry/client.js'
import { silentLogger } from '../../src/util/logger.js'
import { FakeRegistry, sha256 } from '../../testing/fake-registry.js'

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
let primary: FakeRegistry
let ghcr: FakeRegistry
const clientOf = (r: FakeRegistry) => new RegistryClient({ registry: `http://${r.host}`, retry: { attempts: 1 } })

beforeEach(async () => {
  primary = await FakeRegistry.start()
  ghcr = await FakeRegistry.start()
})
afterEach(async () => {
  await primary.close()
  await ghcr.close()
})

function seedImage(architecture: string): Candidate {
  const config = Buffer.from(JSON.stringify({ os: 'linux', architecture }))
  const layer = randomBytes(64)
  primary.seedBlob('team/app', config)
  primary.seedBlob('team/app', layer)
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(layer), size: layer.length }]
  }
  const bytes = Buffer.from(JSON.stringify(manifest))
  const digest = primary.seedManifest('team/app', sha256(bytes), bytes, OCI_MANIFEST)
  return {
    origin: architecture,
    image: {
      descriptor: { mediaType: OCI_MANIFEST, digest, size: bytes.length, platform: { os: 'linux', architecture } },
      config: { os: 'linux', architecture },
      size: 0
    },
    attestations: []
  }
}

test('two mirrors: same index digest and children; a second run copies nothing', async () => {
  const candidates = [seedImage('amd64'), seedImage('arm64')]
  const index = indexFor(candidates, 'strip', {})
  const mirrors: MirrorTarget[] = [
    { registry: ghcr.host, repository: 'acme/app' },
    { registry: primary.host, repository: 'other/app' }
  ]
  const connect = async (t: MirrorTarget) => clientOf(t.registry === ghcr.host ? ghcr : primary)
  const options = {
    tags: ['1.0'],
    platformTags: true,
    createRepository: true,
    tagMutability: 'MUTABLE' as const,
    logger: silentLogger,
    maskSecret: () => {},
    connect
  }
  const source = { client: clientOf(primary), repository: 'team/app' }
  const results = await publishMirrors(source, index, candidates, mirrors, options)
  expect(results.map(r => r.error)).toEqual([undefined, undefined])
  expect(results[0]).toMatchObject({ digest: index.digest, blobsCopied: 4 })
  expect(results[0].tags.sort()).toEqual(['1.0', '1.0-amd64', '1.0-arm64'])
  expect(ghcr.manifest('acme/app', '1.0')?.digest).toBe(index.digest)
  expect(ghcr.manifest('acme/app', '1.0-arm64')?.digest).toBe(candidates[1].image.descriptor.digest)
  expect(primary.manifest('other/app', '1.0')?.digest).toBe(index.digest)
  // Within one registry: mounted, nothing streamed.
  expect(results[1]).toMatchObject({ blobsCopied: 4, bytesMoved: 0 })
  expect(mirrorFailure(results)).toBeUndefined()

  const again = await publishMirrors(source, index, candidates, mirrors, options)
  expect(again.map(r => [r.blobsCopied, r.bytesMoved])).toEqual([
    [0, 0],
    [0, 0]
  ])
})

test('a failing mirror leaves the other published; the failure names what each holds', async () => {
  const candidates = [seedImage('amd64')]
  const index = indexFor(candidates, 'strip', {})
  ghcr.fault(
    { method: 'PUT', path: '/v2/acme/app/manifests/latest' },
    { status: 400, body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'no' }] }) }
  )
  const mirrors: MirrorTarget[] = [
    { registry: ghcr.host, repository: 'acme/app' },
    { registry: primary.host, repository: 'other/app' }
  ]
  const connect = async (t: MirrorTarget) => clientOf(t.registry === ghcr.host ? ghcr : primary)
  const results = await publishMirrors({ client: clientOf(primary), repository: 'team/app' }, index, candidates, mirrors, {
    tags: ['1.0', 'latest'],
    platformTags: false,
    createRepository: true,
    tagMutability: 'MUTABLE',
    logger: silentLogger,
    maskSecret: () => {},
    connect
  })
  expect(results[0].tags).toEqual(['1.0'])
  expect(results[0].error).toContain('tag latest')
  expect(results[1].tags).toEqual(['1.0', 'latest'])
  expect(results[1].error).toBeUndefined()
  expect(mirrorFailure(results)).toMatch(
    new RegExp(
      `^1 of 2 mirrors failed .*The primary is published; mirrors hold: ${ghcr.host}/acme/app: 1.0; ${primary.host}/other/app: 1.0, latest\\. Re-run`
    )
  )
})

test('a public.ecr.aws mirror logs in through ECR Public (token masked) and looks up its repository without the alias', async () => {
  const publicEcr = mockClient(ECRPUBLICClient)
  try {
    publicEcr
      .on(GetAuthorizationTokenCommand)
      .resolves({ authorizationData: { authorizationToken: Buffer.from('AWS:pub-tok').toString('base64') } })
    publicEcr.on(DescribeRepositoriesCommand).rejects(Object.assign(new Error('missing'), { name: 'RepositoryNotFoundException' }))
    const candidates = [seedImage('amd64')]
    const masked: string[] = []
    // No connect given: the real routing by host. create-repository off, so it stops before any registry call.
    const [result] = await publishMirrors(
      { client: clientOf(primary), repository: 'team/app' },
      indexFor(candidates, 'strip', {}),
      candidates,
      [{ registry: 'public.ecr.aws', repository: 'acme/app' }],
      {
        tags: ['1.0'],
        platformTags: false,
        createRepository: false,
        tagMutability: 'MUTABLE',
        logger: silentLogger,
        maskSecret: s => masked.push(s)
      }
    )
    expect(result.error).toBe('ECR Public repository app does not exist in public.ecr.aws/acme; create it or set create-repository: true')
    expect(result.tags).toEqual([])
    expect(masked).toContain('pub-tok')
    expect(publicEcr.commandCalls(DescribeRepositoriesCommand)[0].args[0].input).toEqual({ repositoryNames: ['app'] })
  } finally {
    publicEcr.restore()
  }
})
