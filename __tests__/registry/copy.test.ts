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

describe('a chunk the registry took in part before a reset (its retry answers 416)', () => {
  // Retries on, without waiting: the transport resends the PATCH the reset cut.
  const retrying = (r: FakeRegistry) =>
    new RegistryClient({ registry: `http://${r.host}`, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } })
  const copy = (bytes: Buffer) =>
    copyBlob({ client: clientOf(a), repository: 'src/app' }, { client: retrying(b), repository: 'dst/app' }, blobOf(bytes), {
      chunkBytes: 1000
    })
  const patches = () => b.requests.filter(r => r.method === 'PATCH').map(r => r.headers['content-range'])
  const uploadCalls = () => b.requests.filter(r => r.path.includes('/blobs/uploads/')).map(r => r.method)
  /** After the `n`th PATCH is answered, the next one writes `bytes` of its body and the connection resets. */
  const cutPatch = (n: number, bytes: number) => {
    let seen = 0
    b.afterRequest(r => {
      if (r.method === 'PATCH' && ++seen === n) b.fault({ method: 'PATCH' }, { takeBytes: bytes })
    })
  }

  test('resumes from the offset the upload status gives: only the rest of the chunk is sent again', async () => {
    const bytes = randomBytes(2500)
    a.seedBlob('src/app', bytes)
    cutPatch(1, 300)
    await expect(copy(bytes)).resolves.toBe('copied')
    expect(b.blob('dst/app', sha256(bytes))?.equals(bytes)).toBe(true)
    // The cut PATCH, its retry refused with 416, the status, the rest of the chunk from 1300.
    expect(patches()).toEqual(['0-999', '1000-1999', '1000-1999', '1300-1999', '2000-2499'])
    expect(uploadCalls()).toEqual(['POST', 'PATCH', 'PATCH', 'PATCH', 'GET', 'PATCH', 'PATCH', 'PUT'])
    expect(a.requests.filter(r => r.method === 'GET')).toHaveLength(1)
  })

  test('a chunk the registry took whole goes on with the next one', async () => {
    const bytes = randomBytes(2500)
    a.seedBlob('src/app', bytes)
    cutPatch(1, 1000)
    await expect(copy(bytes)).resolves.toBe('copied')
    expect(b.blob('dst/app', sha256(bytes))?.equals(bytes)).toBe(true)
    expect(patches()).toEqual(['0-999', '1000-1999', '1000-1999', '2000-2499'])
  })

  test('a first chunk whose status cannot tell ("0-0") starts a fresh upload with the chunk in hand', async () => {
    const bytes = randomBytes(2500)
    a.seedBlob('src/app', bytes)
    b.fault({ method: 'PATCH' }, { takeBytes: 1 })
    await expect(copy(bytes)).resolves.toBe('copied')
    expect(b.blob('dst/app', sha256(bytes))?.equals(bytes)).toBe(true)
    // The old upload abandoned, a new one started; the source read once.
    expect(uploadCalls()).toEqual(['POST', 'PATCH', 'PATCH', 'GET', 'DELETE', 'POST', 'PATCH', 'PATCH', 'PATCH', 'PUT'])
    expect(a.requests.filter(r => r.method === 'GET')).toHaveLength(1)
  })

  test('a registry behind the chunk in hand: the blob streams again from the source into a fresh upload', async () => {
    const bytes = randomBytes(2500)
    a.seedBlob('src/app', bytes)
    cutPatch(1, 300)
    // The status says the registry holds only 500 bytes, before this chunk's start.
    b.fault(
      { method: 'GET', path: /\/blobs\/uploads\// },
      { status: 204, headers: { Range: '0-499', Location: '/v2/dst/app/blobs/uploads/lost' }, body: '' }
    )
    await expect(copy(bytes)).resolves.toBe('copied')
    expect(b.blob('dst/app', sha256(bytes))?.equals(bytes)).toBe(true)
    expect(a.requests.filter(r => r.method === 'GET')).toHaveLength(2)
    expect(patches().slice(-3)).toEqual(['0-999', '1000-1999', '2000-2499'])
  })

  test('a registry that drops the upload after a cut chunk (404, as the reference registry does): the blob streams again', async () => {
    const bytes = randomBytes(2500)
    a.seedBlob('src/app', bytes)
    const invalid = JSON.stringify({ errors: [{ code: 'BLOB_UPLOAD_INVALID', message: 'blob upload invalid' }] })
    let seen = 0
    b.afterRequest(r => {
      if (r.method !== 'PATCH' || ++seen !== 1) return
      // The second chunk cut after 300 bytes; its retry and the status then find the upload gone.
      b.fault({ method: 'PATCH' }, { takeBytes: 300 }, { status: 404, body: invalid })
      b.fault({ method: 'GET' }, { status: 404, body: invalid })
    })
    await expect(copy(bytes)).resolves.toBe('copied')
    expect(b.blob('dst/app', sha256(bytes))?.equals(bytes)).toBe(true)
    expect(a.requests.filter(r => r.method === 'GET')).toHaveLength(2)
    expect(uploadCalls()).toEqual(['POST', 'PATCH', 'PATCH', 'PATCH', 'GET', 'DELETE', 'POST', 'PATCH', 'PATCH', 'PATCH', 'PUT'])
  })

  test('a 416 that resuming does not cure fails the copy with the 416', async () => {
    const bytes = randomBytes(2500)
    a.seedBlob('src/app', bytes)
    b.fault({ method: 'PATCH' }, ...Array.from({ length: 5 }, () => ({ status: 416 })))
    await expect(copy(bytes)).rejects.toMatchObject({ status: 416 })
    expect(b.blob('dst/app', sha256(bytes))).toBeUndefined()
  })
})

describe('a slow source: the timeout counts the wait for bytes, not the whole blob', () => {
  const slowCopy = (bytes: Buffer, timeoutMs: number) =>
    copyBlob(
      {
        client: new RegistryClient({ registry: `http://${a.host}`, retry: { attempts: 1 }, requestTimeoutMs: timeoutMs }),
        repository: 'src/app'
      },
      { client: clientOf(b), repository: 'dst/app' },
      blobOf(bytes),
      { chunkBytes: 1000 }
    )

  test('a blob that keeps arriving is copied although it takes longer than the timeout', async () => {
    const bytes = randomBytes(3000)
    a.seedBlob('src/app', bytes)
    // 12 pieces 100 ms apart: 1.1 s in all, at most 100 ms without bytes, under a 1 s timeout.
    a.fault({ method: 'GET', path: /\/blobs\// }, { trickle: { pieces: 12, intervalMs: 100 } })
    await expect(slowCopy(bytes, 1000)).resolves.toBe('copied')
    expect(b.blob('dst/app', sha256(bytes))?.equals(bytes)).toBe(true)
  })

  test('a source that goes quiet mid-blob fails the copy, naming the idle time; nothing is committed', async () => {
    const bytes = randomBytes(3000)
    a.seedBlob('src/app', bytes)
    a.fault({ method: 'GET', path: /\/blobs\// }, { stallMidway: true })
    await expect(slowCopy(bytes, 300)).rejects.toThrow(`no bytes from ${a.host} for 300ms`)
    expect(b.blob('dst/app', sha256(bytes))).toBeUndefined()
    expect(b.requests.filter(r => r.method === 'PUT')).toEqual([])
  })
})
