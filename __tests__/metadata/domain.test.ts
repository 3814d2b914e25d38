import { gitContextFromEnv } from '../../src/git/context.js'
import { eventContextFrom } from '../../src/metadata/context.js'
import { formatAnnotations, formatLabels, standardLabels } from '../../src/metadata/labels.js'
import { decideLatest } from '../../src/metadata/latest.js'
import { isRuleGrammar, parseFlavor, parseRule, parseRules, splitFields } from '../../src/metadata/rules.js'
import { compareSemver, parseLooseVersion, parseSemver } from '../../src/metadata/semver.js'
import { formatDate } from '../../src/metadata/template.js'

describe('rule grammar', () => {
  test.each([
    ['type=raw,value=a', ['type=raw', 'value=a']],
    ['type=raw,"value=a,b"', ['type=raw', 'value=a,b']],
    ['type=raw,value="a,b"', ['type=raw', 'value=a,b']],
    ['type=raw, value = "say ""hi""" ', ['type=raw', 'value = say "hi"']],
    [' a , , b ', ['a', 'b']]
  ])('splitFields(%j)', (line, fields) => {
    expect(splitFields(line)).toEqual(fields)
  })

  test.each([
    ['type=sha', { prefix: 'sha-', format: 'short', enable: 'true' }, 100],
    ['type=ref,event=pr', { event: 'pr', prefix: 'pr-', enable: 'true' }, 600],
    ['type=schedule', { pattern: 'nightly', enable: 'true' }, 1000],
    ['TYPE=edge,Priority=5', { branch: '', enable: 'true', priority: '5' }, 5],
    ['foo', { value: 'foo', enable: 'true' }, 200]
  ])('parseRule(%j) fills defaults', (line, attrs, priority) => {
    const rule = parseRule(line)
    expect(rule.attrs).toEqual(attrs)
    expect(rule.priority).toBe(priority)
  })

  test.each([
    ['type=semver', 'type=semver needs pattern='],
    ['type=match', 'type=match needs pattern='],
    ['type=ref', 'type=ref needs event='],
    ['type=ref,event=push', 'event "push" in "type=ref,event=push" is not one of branch, tag, pr'],
    ['type=sha,format=medium', 'format "medium"'],
    ['type=pep440,pattern={{version}}', 'unknown type "pep440"'],
    ['type=raw,value=a,priority=high', 'priority "high"'],
    ['type=match,pattern=x,group=a', 'group "a"'],
    ['type=raw,valeu=a', '"valeu" is not an attribute of type=raw'],
    ['type=raw,value="a', 'unclosed quote']
  ])('parseRule(%j) fails: %s', (line, message) => {
    expect(() => parseRule(line)).toThrow(message)
  })

  test('empty input: the default rules, in priority order', () => {
    expect(parseRules('').map(r => r.source)).toEqual(['type=schedule', 'type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr'])
  })

  test.each([
    ['type=semver,pattern={{version}}', true],
    ['latest\n  type=sha', true],
    ['latest,1.2.3', false],
    ['1.2.3\nlatest', false],
    ['registry/app:type=x', false]
  ])('isRuleGrammar(%j) = %s', (input, expected) => {
    expect(isRuleGrammar(input)).toBe(expected)
  })

  test('flavor', () => {
    expect(parseFlavor('latest=false\nprefix=a-,onlatest=true\nsuffix=-z')).toEqual({
      latest: 'false',
      prefix: 'a-',
      prefixOnLatest: true,
      suffix: '-z',
      suffixOnLatest: false
    })
  })

  test.each([
    ['latest=maybe', 'latest "maybe" is not auto, true or false'],
    ['onlatest=true', 'follows no prefix= or suffix='],
    ['prefix=a,onlatest=yes', 'onlatest "yes"'],
    ['color=blue', '"color=blue" is not a flavor entry']
  ])('flavor %j fails: %s', (input, message) => {
    expect(() => parseFlavor(input)).toThrow(message)
  })
})

describe('semver', () => {
  test.each([
    ['v1.2.3', '1.2.3'],
    ['1.2.3', '1.2.3'],
    [' v1.2.3 ', '1.2.3'],
    ['1.2.3-rc.1+b', '1.2.3-rc.1']
  ])('parseSemver(%j).version = %j', (input, version) => {
    expect(parseSemver(input)?.version).toBe(version)
  })

  test.each(['1.2', 'v01.2.3', '1.2.3-01', '1.2.3.4', 'x1.2.3', '1.2.3-', ''])('%j is not semver', input => {
    expect(parseSemver(input)).toBeUndefined()
  })

  // semver.org item 11's example order, then majors and build metadata.
  const ordered = [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.4.7',
    '2.0.0',
    '10.0.0'
  ]
  test.each(ordered.slice(1).map((v, i) => [ordered[i], v]))('%s < %s', (a, b) => {
    expect(compareSemver(parseSemver(a)!, parseSemver(b)!)).toBe(-1)
    expect(compareSemver(parseSemver(b)!, parseSemver(a)!)).toBe(1)
  })
  test('build metadata does not count', () => {
    expect(compareSemver(parseSemver('1.0.0+a')!, parseSemver('1.0.0+b')!)).toBe(0)
  })
  test.each([
    ['2', '2.0.0'],
    ['v2.1', '2.1.0'],
    ['2.1.3', '2.1.3']
  ])('parseLooseVersion(%j) = %s', (input, version) => {
    expect(parseLooseVersion(input)?.version).toBe(version)
  })
})

describe('latest never goes backwards', () => {
  test.each<[string, 'highest' | 'always', string | undefined, string | undefined, boolean, string]>([
    ['back-port', 'highest', '1.4.7', '2.0.0', false, 'latest holds 2.0.0, higher than 1.4.7: latest stays'],
    ['newer', 'highest', '2.1.0', '2.0.0', true, '2.1.0 is not lower than 2.0.0'],
    ['same (re-run)', 'highest', '2.0.0', '2.0.0', true, 'not lower'],
    ['first release', 'highest', '1.0.0', undefined, true, 'holds no versioned image yet'],
    ['pre-release', 'highest', '3.0.0-rc.1', '2.0.0', false, '3.0.0-rc.1 is a pre-release'],
    ['pre-release, first', 'highest', '3.0.0-rc.1', undefined, false, 'pre-release'],
    ['not semver', 'highest', 'nightly', '2.0.0', true, 'version "nightly" is no semver version to compare'],
    ['no version', 'highest', undefined, '2.0.0', true, 'this image has no semver version'],
    ['current not semver', 'highest', '1.0.0', 'master', true, 'holds version "master", not semver'],
    ['current major.minor', 'highest', '1.9.9', '2.0', false, 'higher than 1.9.9'],
    ['always', 'always', '1.4.7', '2.0.0', true, 'latest-policy is always']
  ])('%s', (_, policy, published, current, move, reason) => {
    const decision = decideLatest(policy, 'latest', published, current)
    expect(decision.move).toBe(move)
    expect(decision.reason).toContain(reason)
  })
})

describe('event context', () => {
  const repository = {
    name: 'app',
    description: 'An app',
    html_url: 'https://github.com/octo/app',
    default_branch: 'main',
    license: { spdx_id: 'MIT' }
  }
  test('a pull request (also from a fork) names its head commit, not the merge commit', () => {
    const ctx = eventContextFrom(
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/9/merge', GITHUB_SHA: 'merge0000' },
      { pull_request: { head: { sha: 'head1111' }, base: { ref: 'main' } }, repository }
    )
    expect(ctx.sha).toBe('head1111')
    expect(ctx.baseRef).toBe('main')
    expect(ctx.repository).toEqual({
      name: 'app',
      description: 'An app',
      htmlUrl: 'https://github.com/octo/app',
      license: 'MIT',
      defaultBranch: 'main'
    })
  })
  test('the git context names the PR head too, so the merge checks the commit the legs labelled', () => {
    const pr = { pull_request: { number: 9, head: { sha: 'head1111' } } }
    expect(gitContextFromEnv({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: 'merge0000' }, pr).sha).toBe('head1111')
    expect(gitContextFromEnv({ GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_SHA: 'base0000' }, pr).sha).toBe('head1111')
    expect(gitContextFromEnv({ GITHUB_EVENT_NAME: 'push', GITHUB_SHA: 'push0000' }, pr).sha).toBe('push0000')
    expect(gitContextFromEnv({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: 'merge0000' }, { pull_request: { number: 9 } }).sha).toBe(
      'merge0000'
    )
  })

  test('a push names GITHUB_SHA; the repository falls back to GITHUB_REPOSITORY', () => {
    const ctx = eventContextFrom(
      { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v1.0.0', GITHUB_SHA: 'abc', GITHUB_REPOSITORY: 'octo/app' },
      {
        base_ref: 'refs/heads/main',
        head_commit: { timestamp: '2020-01-09T12:00:00+01:00' },
        repository: { license: { spdx_id: 'NOASSERTION' } }
      }
    )
    expect(ctx.sha).toBe('abc')
    expect(ctx.baseRef).toBe('main')
    expect(ctx.commitDate?.toISOString()).toBe('2020-01-09T11:00:00.000Z')
    expect(ctx.repository).toEqual({
      name: 'app',
      htmlUrl: 'https://github.com/octo/app',
      description: undefined,
      license: undefined,
      defaultBranch: undefined
    })
  })
  test('standard labels and the output formats', () => {
    const ctx = eventContextFrom(
      { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v1.0.0', GITHUB_SHA: 'abc' },
      { head_commit: { timestamp: '2020-01-09T12:00:00Z' }, repository }
    )
    const labels = standardLabels(ctx, '1.0.0')
    expect(formatLabels({ ...labels, 'a.user': 'x' })).toBe(
      [
        'a.user=x',
        'org.opencontainers.image.created=2020-01-09T12:00:00.000Z',
        'org.opencontainers.image.description=An app',
        'org.opencontainers.image.licenses=MIT',
        'org.opencontainers.image.revision=abc',
        'org.opencontainers.image.source=https://github.com/octo/app',
        'org.opencontainers.image.title=app',
        'org.opencontainers.image.url=https://github.com/octo/app',
        'org.opencontainers.image.version=1.0.0'
      ].join('\n')
    )
    expect(formatAnnotations({ b: '2', a: '1' })).toBe('index:a=1\nindex:b=2')
  })
})

describe('date formats', () => {
  const d = new Date('2020-01-10T15:25:50.123Z')
  test.each([
    ['YYYYMMDD', 'UTC', '20200110'],
    ['dddd, MMMM Do YYYY, h:mm:ss a', 'UTC', 'Friday, January 10th 2020, 3:25:50 pm'],
    ['YYYYMMDD-HHmmss', 'Asia/Tokyo', '20200111-002550'],
    ['YYYY-MM-DDTHH:mm:ss.SSSZ', 'Asia/Kolkata', '2020-01-10T20:55:50.123+05:30'],
    ['[week] ddd D MMM YY', 'UTC', 'week Fri 10 Jan 20'],
    ['X', 'UTC', '1578669950']
  ])('%s in %s', (format, tz, expected) => {
    expect(formatDate(d, format, tz)).toBe(expected)
  })
})
