import { canonicalImage } from '../../src/check/images.js'
import { judge, workloadAdvice } from '../../src/check/report.js'
import type { ImageUse } from '../../src/check/uses.js'
import { parsePlatformList } from '../../src/oci/platform.js'

const wanted = parsePlatformList('linux/amd64,linux/arm64')

describe('canonicalImage', () => {
  test.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
    ['index.docker.io/library/nginx:1', 'docker.io/library/nginx:1'],
    ['registry.test:5443/team/app:1', 'registry.test:5443/team/app:1'],
    ['localhost/app', 'localhost/app:latest'],
    [`nginx:1.27@sha256:${'a'.repeat(64)}`, `docker.io/library/nginx:1.27@sha256:${'a'.repeat(64)}`],
    [
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:${'b'.repeat(64)}`,
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:${'b'.repeat(64)}`
    ]
  ])('%s is %s', (written, canonical) => {
    expect(canonicalImage(written)).toEqual({ ok: true, canonical })
  })

  test.each([
    ['$(REGISTRY)/app:1', 'names a variable'],
    ['${REGISTRY}/app:1', 'names a variable'],
    ['ghcr.io/acme/app:$TAG', 'names a variable'],
    ['{{ .Values.image }}', 'a Helm template expression'],
    [' nginx', 'leading or trailing whitespace'],
    ['nginx: 1', 'holds whitespace'],
    ['Nginx', 'not an image reference'],
    ['nginx@sha256:short', 'not an image reference']
  ])('%s is unknown: %s', (written, reason) => {
    const name = canonicalImage(written)
    expect(name.ok).toBe(false)
    expect(name.ok ? '' : name.reason).toContain(reason)
  })
})

const use = (over: Partial<ImageUse>): ImageUse => ({
  image: 'x',
  format: 'kubernetes',
  file: 'k8s/app.yaml',
  line: 1,
  kind: 'Deployment',
  name: 'web',
  namespace: 'shop',
  container: 'app',
  ...over
})

describe('verdicts and advice', () => {
  test('an index with both is ready; amd64 only is missing arm64; an unreadable one is unknown with the reason', () => {
    const amd = { ok: true as const, platforms: parsePlatformList('linux/amd64') }
    expect(judge('a', [], { ok: true, platforms: parsePlatformList('linux/amd64,linux/arm64/v8') }, wanted)).toMatchObject({
      verdict: 'ready',
      missing: []
    })
    expect(judge('a', [], amd, wanted)).toMatchObject({ verdict: 'missing', missing: ['linux/arm64'], has: ['linux/amd64'] })
    expect(judge('a', [], { ok: false, reason: 'no route' }, wanted)).toMatchObject({ verdict: 'unknown', reason: 'no route' })
  })

  test('per workload: its missing images, and a pin to where all its images run, in the form of its format', () => {
    const amd = { ok: true as const, platforms: parsePlatformList('linux/amd64') }
    const both = { ok: true as const, platforms: parsePlatformList('linux/amd64,linux/arm64') }
    const arm = { ok: true as const, platforms: parsePlatformList('linux/arm64') }
    const reports = [
      judge(
        'r/amd:1',
        [
          use({ container: 'init' }),
          use({ format: 'ecs', kind: 'ECS task definition', name: 'api', namespace: undefined, file: 'td.json' })
        ],
        amd,
        wanted
      ),
      judge(
        'r/both:1',
        [use({}), use({ format: 'compose', kind: 'Compose service', name: 'web', namespace: undefined, file: 'compose.yaml' })],
        both,
        wanted
      ),
      judge('r/arm:1', [use({ name: 'batch', container: 'job' })], arm, wanted),
      judge('r/amd2:1', [use({ name: 'batch', container: 'sidecar' })], amd, wanted)
    ]
    const advice = workloadAdvice(reports, wanted)
    expect(advice.map(a => [a.workload, a.images])).toEqual([
      ['Deployment shop/web (k8s/app.yaml)', ['r/amd:1 (container init) has no linux/arm64: it has linux/amd64']],
      ['ECS task definition api (td.json)', ['r/amd:1 (container app) has no linux/arm64: it has linux/amd64']],
      [
        'Deployment shop/batch (k8s/app.yaml)',
        [
          'r/arm:1 (container job) has no linux/amd64: it has linux/arm64',
          'r/amd2:1 (container sidecar) has no linux/arm64: it has linux/amd64'
        ]
      ]
    ])
    expect(advice[0].advice).toContain('`nodeSelector: {kubernetes.io/arch: amd64}`')
    expect(advice[0].advice).toContain('requiredDuringSchedulingIgnoredDuringExecution')
    expect(advice[1].advice).toContain('"cpuArchitecture": "X86_64"')
    expect(advice[2].advice).toBe(
      'Replace the image with one built for every platform (a multi-arch index): no platform asked for has all of its images.'
    )
  })

  test('a pinned workload needs only its pin: the same amd64-only image is ready there and missing where unpinned', () => {
    const amd = { ok: true as const, platforms: parsePlatformList('linux/amd64') }
    const pinned = use({ name: 'legacy', pinned: ['linux/amd64'] })
    expect(judge('r/amd:1', [pinned], amd, wanted)).toMatchObject({ verdict: 'ready', missing: [], lacking: [] })
    const arm = use({ name: 'graviton', pinned: ['linux/arm64'] })
    const both = judge('r/amd:1', [pinned, use({ name: 'web' }), arm], amd, wanted)
    expect(both).toMatchObject({ verdict: 'missing', missing: ['linux/arm64'] })
    expect(both.lacking.map(l => [l.use.name, l.missing])).toEqual([
      ['web', ['linux/arm64']],
      ['graviton', ['linux/arm64']]
    ])
    expect(workloadAdvice([both], wanted).map(a => a.workload)).toEqual([
      'Deployment shop/web (k8s/app.yaml)',
      'Deployment shop/graviton (k8s/app.yaml)'
    ])
  })

  test('Compose: pin with platform:', () => {
    const amd = { ok: true as const, platforms: parsePlatformList('linux/amd64') }
    const [advice] = workloadAdvice(
      [judge('r/amd:1', [use({ format: 'compose', kind: 'Compose service', name: 'cache' })], amd, wanted)],
      wanted
    )
    expect(advice.advice).toContain('`platform: linux/amd64`')
  })
})
