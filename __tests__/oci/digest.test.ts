import {
  bareContentType,
  digestOf,
  isDigest,
  isPinnedDigest,
  MAX_CONFIG_BYTES,
  MAX_MANIFEST_BYTES,
  verifiableAlgorithm
} from '../../src/oci/digest.js'

const SHA256 = `sha256:${'a'.repeat(64)}`
const SHA512 = `sha512:${'0'.repeat(128)}`
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('isPinnedDigest', () => {
  test.each<[string, boolean]>([
    [SHA256, true],
    [SHA512, true],
    [`sha256:${'a'.repeat(63)}`, false],
    [`sha256:${'a'.repeat(65)}`, false],
    [`sha512:${'a'.repeat(64)}`, false],
    [`SHA256:${'a'.repeat(64)}`, false],
    [`sha256:${'g'.repeat(64)}`, false],
    [`${SHA256}\n`, false],
    ['latest', false]
  ])('%s -> %s', (s, expected) => {
    expect(isPinnedDigest(s)).toBe(expected)
  })
})

describe('isDigest', () => {
  test.each<[string, boolean]>([
    [SHA256, true],
    [SHA512, true],
    ['sha256:00', true],
    ['multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8', true],
    ['sha256:', false],
    [':abc', false],
    ['SHA256:abc', false],
    ['sha256:a b', false],
    ['latest', false],
    ['v1.0', false]
  ])('%s -> %s', (s, expected) => {
    expect(isDigest(s)).toBe(expected)
  })

  test('every pinned digest is a digest', () => {
    for (const d of [SHA256, SHA512]) expect(isPinnedDigest(d) && isDigest(d)).toBe(true)
  })
})

describe('digestOf', () => {
  test.each<[string, string]>([
    ['', 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad']
  ])('of %j', (text, expected) => {
    expect(digestOf(enc(text))).toBe(expected)
  })

  test('other algorithms', () => {
    expect(digestOf(enc('abc'), 'sha384')).toBe(
      'sha384:cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7'
    )
    expect(digestOf(enc('abc'), 'sha512')).toMatch(/^sha512:ddaf35a193617aba[a-f0-9]{112}$/)
  })
})

describe('verifiableAlgorithm', () => {
  test.each<[string, string | undefined]>([
    [SHA256, 'sha256'],
    ['sha384:abc', 'sha384'],
    [SHA512, 'sha512'],
    ['md5:abc', undefined],
    ['sha256', undefined],
    ['', undefined]
  ])('%s -> %s', (digest, expected) => {
    expect(verifiableAlgorithm(digest)).toBe(expected)
  })
})

describe('bareContentType', () => {
  test.each<[string | null | undefined, string | undefined]>([
    ['application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.index.v1+json'],
    ['Application/JSON; charset=utf-8', 'application/json'],
    ['  text/html ;q=1', 'text/html'],
    ['', undefined],
    [' ; charset=utf-8', undefined],
    [null, undefined],
    [undefined, undefined]
  ])('%j -> %j', (header, expected) => {
    expect(bareContentType(header)).toBe(expected)
  })
})

test('the limits registries apply', () => {
  expect(MAX_MANIFEST_BYTES).toBe(4 * 1024 * 1024)
  expect(MAX_CONFIG_BYTES).toBe(4 * 1024 * 1024)
})
