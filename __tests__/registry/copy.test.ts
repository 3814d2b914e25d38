// Blob copies for mirrors, on fake registries: HEAD first, a mount within one registry
// (falling back to a copy when the registry will not mount), a chunked streamed upload
// across registries with the digest checked, and bounded concurrency.
import { randomBytes } from 'node:crypto'
import { RegistryClient } from '../../src/registry/client.js'
import { copyBlob, copyBlobs } from '../../src/registry/copy.js'
import { FakeRegistry, sha256 } from '../../testing/fake-registry.js'

let a: FakeRegistry
let b: FakeRegistry
const clientOf = (r: FakeRegistry) => new RegistryClient({ registry: `http://${r.host}`, retry: { attempts: 1 } })

beforeEach(async () => {
  a = await FakeRegistry.start()
  b = await FakeRegistry.start()
})
afterEach(async () => {
  await a.close()
  await b.close()
})

const blobOf = (bytes: Buffer) => ({ digest: sha256(bytes), size: bytes.length })

test('across registries: streamed in chunks with Content-Range, then closed under its digest', async () => {
  const bytes = randomBytes(2500)
  a.seedBlob('src/app', bytes)
  const outcome = await copyBlob(
    { client: clientOf(a), repository: 'src/app' },
    { client: clientOf(b), repository: 'dst/app' },
    blobOf(bytes),
    {
      chunkBytes: 1000
    }
  )
  expect(outcome).toBe('copied')
  expect(b.blob('dst/app', sha256(bytes))?.equals(bytes)).toBe(true)
  const patches = b.requests.filter(r => r.method === 'PATCH')
  expect(patches.map(r => r.headers['content-range'])).toEqual(['0-999', '1000-1999', '2000-2499'])
  expect(b.requests.filter(r => r.method === 'PUT').map(r => r.bodyLength)).toEqual([0])
})

test('a blob the target has is left alone after one HEAD', async () => {
  const bytes = randomBytes(100)
  a.seedBlob('src/app', bytes)
  b.seedBlob('dst/app', bytes)
  const outcome = await copyBlob(
    { client: clientOf(a), repository: 'src/app' },
    { client: clientOf(b), repository: 'dst/app' },
    blobOf(bytes)
  )
  expect(outcome).toBe('present')
  expect(b.requests.map(r => r.method)).toEqual(['HEAD'])
  expect(a.requests).toEqual([])
})

test('within one registry: a cross-repository mount, nothing streamed', async () => {
  const bytes = randomBytes(100)
  a.seedBlob('src/app', bytes)
  const client = clientOf(a)
  const outcome = await copyBlob({ client, repository: 'src/app' }, { client, repository: 'dst/app' }, blobOf(bytes))
  expect(outcome).toBe('mounted')
  expect(a.requests.map(r => `${r.method} ${r.path}`)).toEqual([
    `HEAD /v2/dst/app/blobs/${sha256(bytes)}`,
    `POST /v2/dst/app/blobs/uploads/?mount=${encodeURIComponent(sha256(bytes))}&from=${encodeURIComponent('src/app')}`
  ])
  expect(a.blob('dst/app', sha256(bytes))).toBeDefined()
})

test('a registry that answers the mount with 202 gets the blob copied into that upload', async () => {
  const r = await FakeRegistry.start({ noMount: true })
  try {
    const bytes = randomBytes(300)
    r.seedBlob('src/app', bytes)
    const client = clientOf(r)
    const outcome = await copyBlob({ client, repository: 'src/app' }, { client, repository: 'dst/app' }, blobOf(bytes))
    expect(outcome).toBe('copied')
    expect(r.blob('dst/app', sha256(bytes))?.equals(bytes)).toBe(true)
    // One POST (the refused mount): its upload is the one used.
    expect(r.requests.filter(q => q.method === 'POST')).toHaveLength(1)
  } finally {
    await r.close()
  }
})

test('content that does not hash to the digest is never committed', async () => {
  const bytes = randomBytes(100)
  a.seedBlob('src/app', bytes)
  const claimed = { digest: sha256('something else'), size: 100 }
  // The fake serves any stored bytes under the digest asked for: make it serve the wrong ones.
  a.fault(
    { method: 'GET', path: `/v2/src/app/blobs/${claimed.digest}` },
    { status: 200, body: 'x'.repeat(100), contentType: 'application/octet-stream' }
  )
  await expect(
    copyBlob({ client: clientOf(a), repository: 'src/app' }, { client: clientOf(b), repository: 'dst/app' }, claimed)
  ).rejects.toThrow('digest mismatch')
  expect(b.requests.filter(r => r.method === 'PUT')).toEqual([])
  expect(b.blob('dst/app', claimed.digest)).toBeUndefined()
})

test('copyBlobs: duplicates once, counts what moved, at most `concurrency` in flight', async () => {
  const blobs = Array.from({ length: 6 }, () => randomBytes(50))
  for (const bytes of blobs) a.seedBlob('src/app', bytes)
  b.seedBlob('dst/app', blobs[0])
  const source = clientOf(a)
  let inFlight = 0
  let most = 0
  const open = source.openBlob.bind(source)
  source.openBlob = async (repo, digest) => {
    inFlight++
    most = Math.max(most, inFlight)
    try {
      return await open(repo, digest)
    } finally {
      await new Promise(resolve => setImmediate(resolve))
      inFlight--
    }
  }
  const stats = await copyBlobs(
    { client: source, repository: 'src/app' },
    { client: clientOf(b), repository: 'dst/app' },
    [...blobs, blobs[1]].map(blobOf),
    {
      concurrency: 2
    }
  )
  expect(stats).toEqual({ blobsCopied: 5, bytesMoved: 250 })
  expect(most).toBeLessThanOrEqual(2)
  for (const bytes of blobs) expect(b.blob('dst/app', sha256(bytes))).toBeDefined()
})
