import fc from 'fast-check'
import {
  InvalidReferenceError,
  isValidTag,
  parseReference,
  validateRepositoryName,
  validateTag,
  type ImageReference
} from '../../src/oci/reference.js'

const SHA256 = `sha256:${'a'.repeat(64)}`
const SHA512 = `sha512:${'0'.repeat(128)}`
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com'

describe('parseReference', () => {
  test.each<[string, ImageReference]>([
    [`${ECR}/app`, { registry: ECR, repository: 'app' }],
    [`${ECR}/team/app:1.0`, { registry: ECR, repository: 'team/app', tag: '1.0' }],
    [`${ECR}/app@${SHA256}`, { registry: ECR, repository: 'app', digest: SHA256 }],
    [`${ECR}/app:v1@${SHA256}`, { registry: ECR, repository: 'app', tag: 'v1', digest: SHA256 }],
    [`localhost/app`, { registry: 'localhost', repository: 'app' }],
    [`localhost:5000/a/b/c:latest`, { registry: 'localhost:5000', repository: 'a/b/c', tag: 'latest' }],
    [`registry:5000/app`, { registry: 'registry:5000', repository: 'app' }],
    [`127.0.0.1:5000/app:x`, { registry: '127.0.0.1:5000', repository: 'app', tag: 'x' }],
    [`[::1]:5000/app`, { registry: '[::1]:5000', repository: 'app' }],
    [`ghcr.io/a__b/c-d/e.f/g--h:_tag`, { registry: 'ghcr.io', repository: 'a__b/c-d/e.f/g--h', tag: '_tag' }],
    [`r.io/app@${SHA512}`, { registry: 'r.io', repository: 'app', digest: SHA512 }]
  ])('parses %s', (input, expected) => {
    expect(parseReference(input)).toStrictEqual(expected)
  })

  test.each<[string, RegExp]>([
    ['nginx', /does not start with a registry host/],
    ['library/nginx:1', /does not start with a registry host/],
    ['', /does not start with a registry host/],
    [`${ECR}/Foo`, /repository "Foo" must be lowercase/],
    [`${ECR}/`, /repository is empty/],
    [`${ECR}/a//b`, /empty path component/],
    [`${ECR}/a_/b`, /path component "a_"/],
    [`${ECR}/a___b`, /path component "a___b"/],
    [`${ECR}/-a`, /path component "-a"/],
    [`${ECR}/${'a'.repeat(257)}`, /257 characters long/],
    [`${ECR}/app:`, /tag "" is not valid: it is empty/],
    [`${ECR}/app:.x`, /tag ".x" is not valid: it starts with "."/],
    [`${ECR}/app:${'t'.repeat(129)}`, /129 characters long/],
    [`${ECR}/app:a:b`, /tag "a:b" is not valid: it contains ":"/],
    [`${ECR}/app@sha256:abc`, /digest "sha256:abc" must be sha256:<64 lowercase hex>/],
    [`${ECR}/app@sha256:${'A'.repeat(64)}`, /digest/],
    [`${ECR}/app@md5:${'a'.repeat(32)}`, /digest/],
    ['bad_host.io/app', /registry "bad_host.io" is not a valid host/],
    ['host.io:port/app', /registry "host.io:port"/]
  ])('rejects %s', (input, message) => {
    expect(() => parseReference(input)).toThrow(InvalidReferenceError)
    expect(() => parseReference(input)).toThrow(message)
  })

  test('errors quote the input and show the accepted form', () => {
    expect(() => parseReference('nginx:latest')).toThrow(
      /^invalid image reference "nginx:latest": .*expected host\[:port\]\/repository\[:tag\]\[@digest\]/
    )
  })
})

describe('parseReference of generated references', () => {
  const format = (r: ImageReference): string =>
    `${r.registry}/${r.repository}${r.tag !== undefined ? `:${r.tag}` : ''}${r.digest !== undefined ? `@${r.digest}` : ''}`

  const alnum = fc.stringMatching(/^[a-z0-9]{1,8}$/)
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,6}[a-z0-9])?$/)
  const registry = fc.oneof(
    fc
      .tuple(fc.array(label, { minLength: 2, maxLength: 4 }), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
      .map(([labels, port]) => labels.join('.') + (port === undefined ? '' : `:${port}`)),
    fc.constantFrom('localhost', 'localhost:5000', ECR)
  )
  const component = fc
    .tuple(alnum, fc.array(fc.tuple(fc.constantFrom('.', '_', '__', '-', '---'), alnum), { maxLength: 3 }))
    .map(([first, rest]) => first + rest.map(([sep, part]) => sep + part).join(''))
  const repository = fc.array(component, { minLength: 1, maxLength: 4 }).map(cs => cs.join('/'))
  const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/)
  const digest = fc.oneof(
    fc.stringMatching(/^[a-f0-9]{64}$/).map(h => `sha256:${h}`),
    fc.stringMatching(/^[a-f0-9]{128}$/).map(h => `sha512:${h}`)
  )
  const reference = fc
    .record({ registry, repository, tag, digest }, { requiredKeys: ['registry', 'repository'] })
    .map((r): ImageReference => ({ ...r }))

  test('parse(format(x)) equals x for valid references', () => {
    fc.assert(
      fc.property(reference, ref => {
        expect(parseReference(format(ref))).toStrictEqual(ref)
      })
    )
  })
})

describe('validateRepositoryName (ECR)', () => {
  test.each(['ab', 'team/app', 'a.b_c-d/e', 'x/y/z/w', '0/1', 'a'.repeat(256)])('accepts %s', name => {
    expect(() => validateRepositoryName(name)).not.toThrow()
  })

  test.each<[string, RegExp]>([
    ['a', /at least 2 characters/],
    ['', /at least 2 characters/],
    ['a'.repeat(257), /257 characters long, over the 256 allowed/],
    ['Team/app', /contains uppercase letters/],
    ['/team/app', /starts or ends with "\/"/],
    ['team/app/', /starts or ends with "\/"/],
    ['team//app', /empty path component/],
    ['team..app', /contains "\.\."/],
    ['team app', /contains " "/],
    ['team/app:1', /contains ":"/],
    ['team/-app', /path component "-app"/],
    ['team/app_', /path component "app_"/],
    ['a__b', /path component "a__b"/],
    ['a--b', /path component "a--b"/]
  ])('rejects %j', (name, problem) => {
    expect(() => validateRepositoryName(name)).toThrow(problem)
    expect(() => validateRepositoryName(name)).toThrow(`repository "${name}" is not a valid ECR repository name: `)
    expect(() => validateRepositoryName(name)).toThrow(/e\.g\. team\/app$/)
  })
})

describe('validateTag / isValidTag', () => {
  test.each(['latest', '1.2.3', '_x', 'A-b_c.d', 'sha-abcdef0', 't'.repeat(128)])('accepts %s', tag => {
    expect(isValidTag(tag)).toBe(true)
    expect(() => validateTag(tag)).not.toThrow()
  })

  test.each<[string, RegExp]>([
    ['', /it is empty/],
    ['.hidden', /starts with "\."/],
    ['-x', /starts with "-"/],
    ['a+b', /contains "\+"/],
    ['a/b', /contains "\/"/],
    ['é', /contains "é"/],
    ['t'.repeat(129), /129 characters long/]
  ])('rejects %j', (tag, problem) => {
    expect(isValidTag(tag)).toBe(false)
    expect(() => validateTag(tag)).toThrow(problem)
  })

  test('isValidTag agrees with validateTag on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), s => {
        let threw = false
        try {
          validateTag(s)
        } catch {
          threw = true
        }
        expect(threw).toBe(!isValidTag(s))
      })
    )
  })
})
