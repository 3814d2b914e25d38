import { ecrHostFor, isEcrPublic, parseEcrHost, resolveRegistryInput, type EcrHost } from '../../src/ecr/registry-host.js'

const acct = '123456789012'

describe('parseEcrHost', () => {
  const cases: [string, EcrHost | undefined][] = [
    [`${acct}.dkr.ecr.us-east-1.amazonaws.com`, { accountId: acct, region: 'us-east-1', fips: false, dualStack: false, partition: 'aws' }],
    [
      `${acct}.dkr.ecr.eu-central-2.amazonaws.com`,
      { accountId: acct, region: 'eu-central-2', fips: false, dualStack: false, partition: 'aws' }
    ],
    [
      `${acct}.dkr.ecr.ap-southeast-5.amazonaws.com`,
      { accountId: acct, region: 'ap-southeast-5', fips: false, dualStack: false, partition: 'aws' }
    ],
    [
      `${acct}.dkr.ecr.cn-north-1.amazonaws.com.cn`,
      { accountId: acct, region: 'cn-north-1', fips: false, dualStack: false, partition: 'aws-cn' }
    ],
    [
      `${acct}.dkr.ecr.cn-northwest-1.amazonaws.com.cn`,
      { accountId: acct, region: 'cn-northwest-1', fips: false, dualStack: false, partition: 'aws-cn' }
    ],
    [
      `${acct}.dkr.ecr-fips.us-east-2.amazonaws.com`,
      { accountId: acct, region: 'us-east-2', fips: true, dualStack: false, partition: 'aws' }
    ],
    [
      `${acct}.dkr.ecr.us-gov-west-1.amazonaws.com`,
      { accountId: acct, region: 'us-gov-west-1', fips: false, dualStack: false, partition: 'aws-us-gov' }
    ],
    [
      `${acct}.dkr.ecr-fips.us-gov-east-1.amazonaws.com`,
      { accountId: acct, region: 'us-gov-east-1', fips: true, dualStack: false, partition: 'aws-us-gov' }
    ],
    [`${acct}.dkr-ecr.us-west-2.on.aws`, { accountId: acct, region: 'us-west-2', fips: false, dualStack: true, partition: 'aws' }],
    [`${acct}.dkr-ecr-fips.us-west-2.on.aws`, { accountId: acct, region: 'us-west-2', fips: true, dualStack: true, partition: 'aws' }],
    [
      `${acct}.dkr.ecr.us-iso-east-1.c2s.ic.gov`,
      { accountId: acct, region: 'us-iso-east-1', fips: false, dualStack: false, partition: 'aws-iso' }
    ],
    [
      `${acct}.dkr.ecr.us-isob-east-1.sc2s.sgov.gov`,
      { accountId: acct, region: 'us-isob-east-1', fips: false, dualStack: false, partition: 'aws-iso-b' }
    ],
    [
      `${acct.toUpperCase()}.DKR.ECR.US-EAST-1.AMAZONAWS.COM`,
      { accountId: acct, region: 'us-east-1', fips: false, dualStack: false, partition: 'aws' }
    ],
    [
      `${acct}.dkr.ecr.us-east-1.amazonaws.com:443`,
      { accountId: acct, region: 'us-east-1', fips: false, dualStack: false, partition: 'aws' }
    ],
    [`${acct}.dkr.ecr.us-east-1.amazonaws.com:5000`, undefined],
    [`12345678901.dkr.ecr.us-east-1.amazonaws.com`, undefined],
    [`1234567890123.dkr.ecr.us-east-1.amazonaws.com`, undefined],
    [`${acct}.dkr.ecr.us-east-1.amazonaws.com.evil.example`, undefined],
    [`evil.example/${acct}.dkr.ecr.us-east-1.amazonaws.com`, undefined],
    [`${acct}.dkr.ecr.amazonaws.com`, undefined],
    [`${acct}.dkr-ecr.us-west-2.amazonaws.com`, undefined],
    [`${acct}.dkr.ecr.us-west-2.on.aws`, undefined],
    ['public.ecr.aws', undefined],
    ['ghcr.io', undefined],
    ['registry.test:5443', undefined],
    ['', undefined]
  ]
  test.each(cases)('%s', (host, expected) => {
    expect(parseEcrHost(host)).toEqual(expected)
  })
})

describe('isEcrPublic', () => {
  test.each([
    ['public.ecr.aws', true],
    ['PUBLIC.ECR.AWS', true],
    ['public.ecr.aws:443', true],
    ['public.ecr.aws.example', false],
    [`${acct}.dkr.ecr.us-east-1.amazonaws.com`, false]
  ])('%s -> %s', (host, expected) => {
    expect(isEcrPublic(host)).toBe(expected)
  })
})

describe('ecrHostFor', () => {
  test.each<[string, { fips?: boolean; dualStack?: boolean }, string]>([
    ['us-east-1', {}, `${acct}.dkr.ecr.us-east-1.amazonaws.com`],
    ['cn-north-1', {}, `${acct}.dkr.ecr.cn-north-1.amazonaws.com.cn`],
    ['us-gov-west-1', {}, `${acct}.dkr.ecr.us-gov-west-1.amazonaws.com`],
    ['us-east-1', { fips: true }, `${acct}.dkr.ecr-fips.us-east-1.amazonaws.com`],
    ['eu-west-1', { dualStack: true }, `${acct}.dkr-ecr.eu-west-1.on.aws`],
    ['us-east-1', { fips: true, dualStack: true }, `${acct}.dkr-ecr-fips.us-east-1.on.aws`],
    ['us-iso-east-1', {}, `${acct}.dkr.ecr.us-iso-east-1.c2s.ic.gov`]
  ])('%s %j', (region, opts, expected) => {
    expect(ecrHostFor(acct, region, opts)).toBe(expected)
  })

  test('round-trips through parseEcrHost', () => {
    for (const region of ['us-east-1', 'cn-northwest-1', 'us-gov-east-1', 'ap-northeast-3']) {
      for (const fips of [false, true]) {
        if (fips && region.startsWith('cn-')) continue
        const parsed = parseEcrHost(ecrHostFor(acct, region, { fips }))
        expect(parsed).toMatchObject({ accountId: acct, region, fips, dualStack: false })
      }
    }
  })

  test('rejects what cannot be an ECR host', () => {
    expect(() => ecrHostFor('12345', 'us-east-1')).toThrow('invalid AWS account id "12345"')
    expect(() => ecrHostFor(acct, 'us east')).toThrow('invalid AWS region "us east"')
    expect(() => ecrHostFor(acct, 'cn-north-1', { dualStack: true })).toThrow('dual-stack')
    expect(() => ecrHostFor(acct, 'cn-north-1', { fips: true })).toThrow('FIPS')
  })
})

describe('resolveRegistryInput', () => {
  test('empty means the default registry of the credentials', () => {
    expect(resolveRegistryInput(undefined, 'us-east-1')).toEqual({ kind: 'ecr-default' })
    expect(resolveRegistryInput('  ', undefined)).toEqual({ kind: 'ecr-default' })
  })

  test('an account id builds the host from the region', () => {
    expect(resolveRegistryInput(acct, 'eu-west-1')).toEqual({
      kind: 'ecr',
      host: `${acct}.dkr.ecr.eu-west-1.amazonaws.com`,
      accountId: acct,
      region: 'eu-west-1'
    })
    expect(resolveRegistryInput(acct, 'cn-north-1')).toMatchObject({ host: `${acct}.dkr.ecr.cn-north-1.amazonaws.com.cn` })
  })

  test('an account id without a region is an error naming the fix', () => {
    expect(() => resolveRegistryInput(acct, undefined)).toThrow('input registry is an account id; set input region or AWS_REGION')
    expect(() => resolveRegistryInput(acct, '')).toThrow('set input region or AWS_REGION')
  })

  test('an ECR host gives its region; a disagreeing region loses, with a note', () => {
    const host = `${acct}.dkr.ecr.eu-west-1.amazonaws.com`
    expect(resolveRegistryInput(host, 'eu-west-1')).toEqual({ kind: 'ecr', host, accountId: acct, region: 'eu-west-1' })
    const r = resolveRegistryInput(host, 'us-east-1')
    expect(r).toMatchObject({ kind: 'ecr', region: 'eu-west-1' })
    expect(r.kind === 'ecr' && r.note).toBe(`registry ${host} is in region eu-west-1; using it instead of region us-east-1`)
  })

  test('a scheme and a trailing slash are dropped', () => {
    const host = `${acct}.dkr.ecr.us-east-2.amazonaws.com`
    expect(resolveRegistryInput(`https://${host}/`, undefined)).toEqual({ kind: 'ecr', host, accountId: acct, region: 'us-east-2' })
    expect(resolveRegistryInput('https://registry.test:5443', undefined)).toEqual({ kind: 'other', host: 'registry.test:5443' })
  })

  test('other hosts pass through, ECR Public included (the caller refuses it)', () => {
    expect(resolveRegistryInput('ghcr.io', 'us-east-1')).toEqual({ kind: 'other', host: 'ghcr.io' })
    expect(resolveRegistryInput('127.0.0.1:5000', undefined)).toEqual({ kind: 'other', host: '127.0.0.1:5000' })
    expect(resolveRegistryInput('[::1]:5000', undefined)).toEqual({ kind: 'other', host: '[::1]:5000' })
    expect(resolveRegistryInput('public.ecr.aws', undefined)).toEqual({ kind: 'other', host: 'public.ecr.aws' })
  })

  test('a path is an error naming the input and the accepted forms', () => {
    expect(() => resolveRegistryInput(`${acct}.dkr.ecr.us-east-1.amazonaws.com/team/app`, undefined)).toThrow(
      /input registry ".*team\/app" must be a registry host without a path.*accepted forms: empty/
    )
  })

  test.each(['reg istry.example', 'registry.example:99999', 'registry.example:', '-bad.example', 'under_score.example'])(
    'rejects invalid host %p',
    value => {
      expect(() => resolveRegistryInput(value, undefined)).toThrow(`input registry "${value}" is not a valid host[:port]`)
    }
  )
})
