import fc from 'fast-check'
import { validateTag } from '../../src/oci/reference.js'
import { defaultTags, sanitizeTag, TagError, type GitRef } from '../../src/oci/tags.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'

describe('sanitizeTag', () => {
  test.each<[string, string]>([
    ['main', 'main'],
    ['feature/x', 'feature-x'],
    ['Feature/X_y.z', 'Feature-X_y.z'],
    ['a//b', 'a-b'],
    ['a/-/b', 'a-b'],
    ['a---b', 'a-b'],
    ['.hidden', 'hidden'],
    ['-.-x', 'x'],
    ['/leading', 'leading'],
    ['dependabot/npm_and_yarn/@types/node-20.1', 'dependabot-npm_and_yarn-types-node-20.1'],
    ['ünïcode', 'n-code'],
    ['a+b', 'a-b'],
    ['_x', '_x'],
    ['x'.repeat(200), 'x'.repeat(128)]
  ])('%j -> %j', (input, expected) => {
    expect(sanitizeTag(input)).toBe(expected)
  })

  test.each(['', '///', '...', '-', '.-.', '🙂'])('rejects %j', input => {
    expect(() => sanitizeTag(input)).toThrow(TagError)
    expect(() => sanitizeTag(input)).toThrow(`cannot make a tag from "${input}"`)
  })

  test('any string either sanitises to a valid tag or throws TagError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), s => {
        let tag: string | undefined
        try {
          tag = sanitizeTag(s)
        } catch (e) {
          expect(e).toBeInstanceOf(TagError)
          return
        }
        expect(() => validateTag(tag as string)).not.toThrow()
      })
    )
  })

  test('leaves valid tags without "--" unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/), tag => {
        fc.pre(!tag.includes('--'))
        expect(sanitizeTag(tag)).toBe(tag)
      })
    )
  })
})

describe('defaultTags', () => {
  test.each<[GitRef, string[]]>([
    [{ ref: 'refs/tags/v1.2.3', sha: SHA }, ['1.2.3', '1.2', '1', 'latest', 'sha-0123456']],
    [{ ref: 'refs/tags/1.2.3', sha: SHA }, ['1.2.3', '1.2', '1', 'latest', 'sha-0123456']],
    [{ ref: 'refs/tags/v0.1.0', sha: SHA }, ['0.1.0', '0.1', '0', 'latest', 'sha-0123456']],
    [{ ref: 'refs/tags/v10.20.30', sha: SHA }, ['10.20.30', '10.20', '10', 'latest', 'sha-0123456']],
    [{ ref: 'refs/tags/v1.2.3-rc.1', sha: SHA }, ['1.2.3-rc.1', 'sha-0123456']],
    [{ ref: 'refs/tags/1.0.0-alpha-beta', sha: SHA }, ['1.0.0-alpha-beta', 'sha-0123456']],
    [{ ref: 'refs/tags/v1.2.3+build.5', sha: SHA }, ['1.2.3_build.5', 'sha-0123456']],
    [{ ref: 'refs/tags/v1.2.3-rc.1+b7', sha: SHA }, ['1.2.3-rc.1_b7', 'sha-0123456']],
    [{ ref: 'refs/tags/v1.2', sha: SHA }, ['v1.2', 'sha-0123456']],
    [{ ref: 'refs/tags/v01.2.3', sha: SHA }, ['v01.2.3', 'sha-0123456']],
    [{ ref: 'refs/tags/release/2024-01', sha: SHA }, ['release-2024-01', 'sha-0123456']],
    [{ ref: 'refs/tags/@@@', sha: SHA }, ['sha-0123456']],
    [{ ref: 'refs/heads/main', sha: SHA }, ['main', 'sha-0123456']],
    [{ ref: 'refs/heads/feature/x', sha: SHA }, ['feature-x', 'sha-0123456']],
    [{ ref: 'refs/heads/latest', sha: SHA }, ['latest', 'sha-0123456']],
    [{ ref: 'refs/heads/sha-0123456', sha: SHA }, ['sha-0123456']],
    [{ ref: 'refs/pull/12/merge', sha: SHA }, ['pr-12', 'sha-0123456']],
    [{ ref: 'refs/pull/7/head', sha: SHA }, ['pr-7', 'sha-0123456']],
    [{ ref: 'refs/pull/12/merge', sha: SHA, prNumber: 34 }, ['pr-34', 'sha-0123456']],
    [{ ref: 'refs/heads/main', sha: SHA.toUpperCase() }, ['main', 'sha-0123456']],
    [{ ref: 'something/else', sha: SHA }, ['something-else', 'sha-0123456']],
    [{ ref: '', sha: SHA }, ['sha-0123456']]
  ])('%j', (g, expected) => {
    expect(defaultTags(g)).toEqual(expected)
  })

  test.each(['', 'xyz', '012345', 'g123456789'])('rejects sha %j', sha => {
    expect(() => defaultTags({ ref: 'refs/heads/main', sha })).toThrow(TagError)
    expect(() => defaultTags({ ref: 'refs/heads/main', sha })).toThrow(`commit sha "${sha}" is not a git commit id`)
  })

  test.each([0, -1, 1.5])('rejects pull request number %d', prNumber => {
    expect(() => defaultTags({ ref: 'refs/pull/1/merge', sha: SHA, prNumber })).toThrow(
      /pull request number .* is not a positive whole number/
    )
  })

  const sha = fc.stringMatching(/^[0-9a-f]{40}$/)
  const ref = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string().map(s => `refs/heads/${s}`),
    fc.string().map(s => `refs/tags/${s}`),
    fc.string().map(s => `refs/pull/${s}`),
    fc
      .tuple(fc.nat(), fc.nat(), fc.nat(), fc.option(fc.stringMatching(/^[0-9A-Za-z-]{1,200}$/), { nil: undefined }))
      .map(([a, b, c, pre]) => `refs/tags/v${a}.${b}.${c}${pre === undefined ? '' : `-${pre}`}`)
  )

  test('every tag is valid, unique, and the last is the sha tag, for any ref', () => {
    fc.assert(
      fc.property(ref, sha, (r, s) => {
        const tags = defaultTags({ ref: r, sha: s })
        for (const tag of tags) expect(() => validateTag(tag)).not.toThrow()
        expect(new Set(tags).size).toBe(tags.length)
        expect(tags[tags.length - 1]).toBe(`sha-${s.slice(0, 7)}`)
      })
    )
  })
})
