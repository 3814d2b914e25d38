import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MAX_MANIFEST_BYTES, readManifestFile, readManifestText } from '../../src/check/manifests.js'
import { describeUse } from '../../src/check/uses.js'

const fixtures = join(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/check')
const read = (name: string) => readManifestFile(join(fixtures, name), name)
/** One line per use: where, and the image as written. */
const described = (uses: Awaited<ReturnType<typeof read>>['uses']) => uses.map(u => `${describeUse(u)}: ${u.image}`)

describe('Kubernetes', () => {
  test('a multi-document file: Deployment with an init container, CronJob, a List with a Pod and an ephemeral container', async () => {
    const reading = await read('k8s/app.yaml')
    expect(reading.problems).toEqual([])
    expect(described(reading.uses)).toEqual([
      'k8s/app.yaml:16, Deployment shop/web, container migrate (init): __REGISTRY__/check-__RUN__/amd:1',
      'k8s/app.yaml:19, Deployment shop/web, container app: __REGISTRY__/check-__RUN__/multi:1',
      'k8s/app.yaml:43, CronJob shop/nightly, container report: __REGISTRY__/check-__RUN__/multi@__DIGEST__',
      'k8s/app.yaml:62, Pod debug, container shell: __REGISTRY__/check-__RUN__/multi:1',
      'k8s/app.yaml:65, Pod debug, container probe (ephemeral): __REGISTRY__/check-__RUN__/amd:1'
    ])
  })

  test('Helm-rendered output: each workload carries its # Source template; {{ }} in a ConfigMap is no template to render', async () => {
    const reading = await read('helm/rendered.yaml')
    expect(reading.problems).toEqual([])
    expect(reading.notes.filter(n => n.level === 'warning')).toEqual([])
    expect(described(reading.uses)).toEqual([
      'helm/rendered.yaml:15 [shop/templates/statefulset.yaml], StatefulSet shop-db, container db: __REGISTRY__/check-__RUN__/multi:1',
      'helm/rendered.yaml:28 [shop/templates/daemonset.yaml], DaemonSet shop-agent, container agent: __REGISTRY__/check-__RUN__/windows:1'
    ])
  })

  test('ReplicaSet, Job, PodTemplate and a custom workload with a pod template; a Pod spec without containers is no workload', () => {
    const text = [
      'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: "x.io/a:1"}]',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: job}\nspec:\n  template:\n    spec:\n      containers: [{name: b, image: "x.io/b:1"}]',
      'apiVersion: v1\nkind: PodTemplate\nmetadata: {name: pt}\ntemplate:\n  spec:\n    containers: [{name: c, image: "x.io/c:1"}]',
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: ro}\nspec:\n  template:\n    spec:\n      containers: [{name: d, image: "x.io/d:1"}]',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      replicas: 3'
    ].join('\n---\n')
    const reading = readManifestText(text, 'mixed.yaml')
    expect(reading.uses.map(u => `${u.kind} ${u.name} ${u.container} ${u.image}`)).toEqual([
      'ReplicaSet rs a x.io/a:1',
      'Job job b x.io/b:1',
      'PodTemplate pt c x.io/c:1',
      'Rollout ro d x.io/d:1'
    ])
  })

  test('anchors and merge keys are followed; odd images come back as written, for the verdict to judge', async () => {
    const reading = await read('hostile/odd-images.yaml')
    expect(reading.problems).toEqual([])
    expect(reading.uses.map(u => [u.container, u.image, u.line])).toEqual([
      ['hub', 'nginx', 12],
      ['merged', 'nginx', 12],
      ['env', '$(REGISTRY)/app:1', 16],
      ['braces', '${REGISTRY}/app:1', 18],
      ['spaced', '  __REGISTRY__/check-__RUN__/multi:1 ', 20],
      ['inner-space', '__REGISTRY__/check-__RUN__/multi: 1', 22],
      ['hub-org', 'bitnami/redis:7.2', 24],
      ['other-registry', 'ghcr.test:5444/acme/tool:1', 26]
    ])
  })
})

describe('pinned workloads', () => {
  test('a nodeSelector or a required node affinity on kubernetes.io/arch pins the workload', async () => {
    const reading = await read('k8s/pinned.yaml')
    expect(reading.uses.map(u => [u.name, u.pinned])).toEqual([
      ['legacy', ['linux/amd64']],
      ['graviton', ['linux/arm64']]
    ])
    expect(describeUse(reading.uses[0])).toBe('k8s/pinned.yaml:13, Deployment legacy, container app, pinned to linux/amd64')
  })

  test('affinity terms are ORed: pinned only when every term names architectures; NotIn and preferred terms do not pin', () => {
    const pod = (affinity: string) =>
      readManifestText(
        `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  affinity: ${affinity}\n  containers: [{name: a, image: x.io/a:1}]\n`,
        'p.yaml'
      ).uses[0].pinned
    const required = (terms: string) => `{nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: ${terms}}}}`
    const arch = (op: string, values: string) => `{key: kubernetes.io/arch, operator: ${op}, values: ${values}}`
    expect(pod(required(`[{matchExpressions: [${arch('In', '[amd64]')}]}, {matchExpressions: [${arch('In', '[arm64]')}]}]`))).toEqual([
      'linux/amd64',
      'linux/arm64'
    ])
    expect(
      pod(required(`[{matchExpressions: [${arch('In', '[amd64]')}]}, {matchExpressions: [{key: zone, operator: In, values: [a]}]}]`))
    ).toBeUndefined()
    expect(pod(required(`[{matchExpressions: [${arch('NotIn', '[arm64]')}]}]`))).toBeUndefined()
    expect(
      pod(
        `{nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, preference: {matchExpressions: [${arch('In', '[arm64]')}]}}]}}`
      )
    ).toBeUndefined()
  })

  test('ECS runtimePlatform and Compose platform: pin', () => {
    const ecs = readManifestText(
      '{"family":"f","runtimePlatform":{"cpuArchitecture":"ARM64","operatingSystemFamily":"LINUX"},"containerDefinitions":[{"name":"c","image":"x.io/c:1"}]}',
      'td.json'
    )
    expect(ecs.uses[0].pinned).toEqual(['linux/arm64'])
    const windows = readManifestText(
      '{"family":"f","runtimePlatform":{"operatingSystemFamily":"WINDOWS_SERVER_2022_CORE"},"containerDefinitions":[{"name":"c","image":"x.io/c:1"}]}',
      'td.json'
    )
    expect(windows.uses[0].pinned).toEqual(['windows/amd64'])
    const compose = readManifestText(
      'services:\n  web: {image: x.io/w:1, platform: linux/amd64}\n  api: {image: x.io/a:1}\n',
      'compose.yaml'
    )
    expect(compose.uses.map(u => u.pinned)).toEqual([['linux/amd64'], undefined])
  })
})

describe('ECS', () => {
  test('the describe-task-definition wrapper, with lines', async () => {
    const reading = await read('ecs/task-definition.json')
    expect(described(reading.uses)).toEqual([
      'ecs/task-definition.json:9, ECS task definition shop-api, container api: __REGISTRY__/check-__RUN__/multi:1',
      'ecs/task-definition.json:14, ECS task definition shop-api, container log-router: __REGISTRY__/check-__RUN__/amd:1'
    ])
  })

  test('the register-task-definition form, on one line', () => {
    const reading = readManifestText('{"family":"f","containerDefinitions":[{"name":"c","image":"x.io/c:1"}]}', 'td.json')
    expect(described(reading.uses)).toEqual(['td.json:1, ECS task definition f, container c: x.io/c:1'])
  })
})

describe('Compose', () => {
  test('services.*.image; a service built from source is skipped, and the log says so', async () => {
    const reading = await read('compose/compose.yaml')
    expect(described(reading.uses)).toEqual([
      'compose/compose.yaml:3, Compose service web, container web: __REGISTRY__/check-__RUN__/multi:1',
      'compose/compose.yaml:8, Compose service cache, container cache: __REGISTRY__/check-__RUN__/amd:1',
      'compose/compose.yaml:10, Compose service proxy, container proxy: ghcr.test:5444/acme/proxy:${PROXY_TAG:-2}'
    ])
    expect(reading.notes).toEqual([
      { level: 'info', message: 'compose/compose.yaml: service worker is built from source (build:): no image to check; skipped' }
    ])
  })
})

describe('hostile and odd input', () => {
  test('a billion-laughs document is refused, naming the file and line, without expanding it', async () => {
    const reading = await read('hostile/billion-laughs.yaml')
    expect(reading.uses).toEqual([])
    expect(reading.problems).toEqual([
      expect.stringMatching(/^hostile\/billion-laughs\.yaml:2: not read: .*resource exhaustion.*\(YAML aliases expanding past 1000\)$/)
    ])
  })

  test('invalid YAML: the file and line of the error', async () => {
    const reading = await read('hostile/invalid.yaml')
    expect(reading.problems).toHaveLength(1)
    expect(reading.problems[0]).toMatch(/^hostile\/invalid\.yaml:1\d: invalid YAML: /)
    expect(reading.problems[0]).not.toContain('helm template')
  })

  test('an unrendered Helm template: told to run helm template', async () => {
    const reading = await read('hostile/helm-template.yaml')
    const said = [...reading.problems, ...reading.notes.filter(n => n.level === 'warning').map(n => n.message)]
    expect(said).toEqual([expect.stringContaining('looks like an unrendered Helm template: run `helm template`')])
    expect(said[0]).toMatch(/^hostile\/helm-template\.yaml/)
  })

  test('a Helm template that parses as YAML is still caught by its images', () => {
    const reading = readManifestText(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "{{ .Values.image }}"}]\n',
      'pod.yaml'
    )
    expect(reading.notes).toEqual([
      { level: 'warning', message: expect.stringContaining('pod.yaml: images hold {{ }} template expressions') }
    ])
  })

  test('YAML that is no deployment is ignored with a debug line', async () => {
    const reading = await read('hostile/not-kubernetes.yaml')
    expect(reading.uses).toEqual([])
    expect(reading.problems).toEqual([])
    expect(reading.notes).toEqual([
      { level: 'debug', message: expect.stringContaining('hostile/not-kubernetes.yaml:2: document 1 is not a Kubernetes object') }
    ])
  })

  test('a file larger than the bound is not read, and the problem says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-huge-'))
    const path = join(dir, 'huge.yaml')
    writeFileSync(path, `# ${'x'.repeat(MAX_MANIFEST_BYTES)}\n`)
    const reading = await readManifestFile(path, 'huge.yaml')
    expect(reading.problems).toEqual(['huge.yaml: larger than 10 MB, the most the check reads of a file: not checked'])
  })

  test('nesting deep enough to exhaust the stack is a problem with its file and line, not a crash', () => {
    const reading = readManifestText(`kind: Pod\napiVersion: v1\nspec: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, 'deep.yaml')
    expect(reading.uses).toEqual([])
    expect(reading.problems).toEqual([expect.stringMatching(/^deep\.yaml:3: invalid YAML: /)])
  })

  test('empty files, empty documents and scalars are no deployment and no problem', () => {
    for (const text of ['', '---\n---\n', 'just text\n', '[1, 2]\n']) {
      const reading = readManifestText(text, 'x.yaml')
      expect([reading.uses, reading.problems]).toEqual([[], []])
    }
  })

  test('a directory or a missing file is a problem, not a crash', async () => {
    expect((await readManifestFile(fixtures, 'dir')).problems).toEqual([expect.stringMatching(/^dir: cannot read it: /)])
    expect((await readManifestFile(join(fixtures, 'none.yaml'), 'none.yaml')).problems).toEqual([
      expect.stringMatching(/^none\.yaml: cannot read it: /)
    ])
  })
})
