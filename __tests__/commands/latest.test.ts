import { checkLatest, versionHeld } from '../../src/commands/latest.js'
import type { RegistryClient } from '../../src/registry/client.js'
import { RegistryError } from '../../src/registry/errors.js'

/** A client whose getManifest answers from a map of tag -> manifest JSON (absent: 404). */
function clientWith(manifests: Record<string, unknown>, reads: string[] = []): RegistryClient {
  return {
    getManifest: (_repo: string, reference: string) => {
      reads.push(reference)
      if (!(reference in manifests)) return Promise.reject(new RegistryError(`GET manifest ${reference}`, 'not found', { status: 404 }))
      const bytes = Buffer.from(
        typeof manifests[reference] === 'string' ? (manifests[reference] as string) : JSON.stringify(manifests[reference])
      )
      return Promise.resolve({ digest: 'sha256:x', mediaType: 'application/vnd.oci.image.index.v1+json', bytes, size: bytes.length })
    }
  } as unknown as RegistryClient
}

const index = (version?: string) => ({
  schemaVersion: 2,
  manifests: [],
  annotations: version ? { 'org.opencontainers.image.version': version } : {}
})

describe('versionHeld', () => {
  test.each<[string, Record<string, unknown>, string | undefined]>([
    ['an index with a version', { latest: index('2.0.0') }, '2.0.0'],
    ['an index without one', { latest: index() }, undefined],
    ['no such tag', {}, undefined],
    ['a body that is not JSON', { latest: 'not json' }, undefined]
  ])('%s', async (_, manifests, expected) => {
    expect(await versionHeld(clientWith(manifests), 'team/app', 'latest')).toBe(expected)
  })

  test('other registry errors are not swallowed', async () => {
    const client = {
      getManifest: () => Promise.reject(new RegistryError('GET manifest latest', 'denied', { status: 403 }))
    } as unknown as RegistryClient
    await expect(versionHeld(client, 'team/app', 'latest')).rejects.toThrow('denied')
  })
})

describe('checkLatest', () => {
  test('a back-port leaves latest where it is', async () => {
    const outcome = await checkLatest(clientWith({ latest: index('2.0.0') }), 'team/app', {
      tag: 'latest',
      policy: 'highest',
      published: '1.4.7'
    })
    expect(outcome).toEqual({
      tag: 'latest',
      move: false,
      reason: 'latest holds 2.0.0, higher than 1.4.7: latest stays (latest-policy: highest)'
    })
  })

  test('a flavored latest tag is the one read', async () => {
    const reads: string[] = []
    const outcome = await checkLatest(clientWith({ 'latest-slim': index('1.0.0') }, reads), 'team/app', {
      tag: 'latest-slim',
      policy: 'highest',
      published: '1.1.0'
    })
    expect(reads).toEqual(['latest-slim'])
    expect(outcome.move).toBe(true)
  })

  test('always reads nothing and moves', async () => {
    const reads: string[] = []
    const outcome = await checkLatest(clientWith({ latest: index('9.0.0') }, reads), 'team/app', {
      tag: 'latest',
      policy: 'always',
      published: '1.0.0'
    })
    expect(reads).toEqual([])
    expect(outcome.move).toBe(true)
  })
})
