// mode: check through dist/ against the real registry: images with different platform sets
// pushed to it, referenced from Kubernetes (a multi-document file and Helm-rendered output),
// an ECS task definition and a Compose file; the registry is reached through the ECR login
// the emulator hands out. Hostile files never hang or crash the check.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runAction, type ActionRun } from '../../testing/action-runner.js'
import { errorOf, expectSuccess, startScenario, type Scenario } from '../../testing/scenario.js'
import { registryApi } from '../../testing/registry-api.js'
import { pushSyntheticImage } from '../../testing/synthetic-image.js'

const fixtures = join(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/check')
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`

let s: Scenario
/** The workspace the step runs in: the fixtures with the stack's registry and this run's repositories. */
let workspace: string
let registry: string
let multiDigest: string

beforeAll(async () => {
  s = await startScenario()
  registry = `${s.stack.registry}/e2e`
  const repo = (name: string) => `e2e/check-${run}/${name}`
  // A multi-arch index (with a provenance attestation, unknown/unknown, that is no platform),
  // an amd64-only image, a Windows-only image.
  const [amd, arm] = await Promise.all([
    pushSyntheticImage(s.api, repo('multi'), { os: 'linux', architecture: 'amd64' }),
    pushSyntheticImage(s.api, repo('multi'), { os: 'linux', architecture: 'arm64' })
  ])
  const attestation = await pushSyntheticImage(s.api, repo('multi'), { os: 'unknown', architecture: 'unknown' })
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { mediaType: amd.mediaType, digest: amd.digest, size: amd.size, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: arm.mediaType, digest: arm.digest, size: arm.size, platform: { os: 'linux', architecture: 'arm64' } },
      {
        mediaType: attestation.mediaType,
        digest: attestation.digest,
        size: attestation.size,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': amd.digest }
      }
    ]
  }
  multiDigest = await s.api.putManifest(repo('multi'), '1', JSON.stringify(index), index.mediaType)
  await pushSyntheticImage(s.api, repo('amd'), { os: 'linux', architecture: 'amd64' }, { tag: '1' })
  await pushSyntheticImage(s.api, repo('windows'), { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2700' }, { tag: '1' })

  workspace = mkdtempSync(join(tmpdir(), 'check-workspace-'))
  cpSync(fixtures, workspace, { recursive: true })
  for (const file of walk(workspace)) {
    const text = readFileSync(file, 'utf8')
    writeFileSync(
      file,
      text
        .replace(/__REGISTRY__/g, registry)
        .replace(/__RUN__/g, run)
        .replace(/__DIGEST__/g, multiDigest)
    )
  }
})
afterAll(async () => {
  await s?.close()
})

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

function check(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ inputs: { mode: 'check', ...inputs }, env: s.env(), cwd: workspace })
}

const deployments = 'k8s/*.yaml\nhelm/rendered.yaml\necs/*.json\ncompose/compose.yaml'
const image = (name: string) => `${registry}/check-${run}/${name}:1`

/** The summary row of an image: its four cells. */
function row(summary: string, name: string): string[] {
  const start = summary.indexOf(`<tr><td><code>${name}</code></td>`)
  if (start === -1) throw new Error(`no summary row for ${name}:\n${summary}`)
  const html = summary.slice(start, summary.indexOf('</tr>', start))
  return [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(m => m[1])
}

test('Kubernetes, Helm-rendered, ECS and Compose files: rows, missing, ready, and fail-on: missing fails the step naming the images', async () => {
  const result = await check({ manifests: deployments })
  expect(result.exitCode).not.toBe(0)
  // ECR images through the ECR login (the registry answers nobody anonymous).
  expect(result.stdout).toContain(`logged in to ECR registry ${s.stack.registry}`)
  expect(errorOf(result).split('%0A')).toEqual([
    '2 image(s) lack a platform the deployments need:',
    `${image('amd')} has no linux/arm64: it has linux/amd64 (compose/compose.yaml:8, Compose service cache, container cache)`,
    `${image('windows')} has no linux/amd64, linux/arm64: it has windows/amd64 (helm/rendered.yaml:28 [shop/templates/daemonset.yaml], DaemonSet shop-agent, container agent)`
  ])
  expect(result.outputs.ready).toBe('false')

  const missing = JSON.parse(result.outputs.missing) as { image: string; missing: string[]; platforms: string[]; usedIn: object[] }[]
  expect(missing.map(m => [m.image, m.missing, m.platforms])).toEqual([
    [image('amd'), ['linux/arm64'], ['linux/amd64']],
    [image('windows'), ['linux/amd64', 'linux/arm64'], ['windows/amd64']]
  ])
  expect(missing[0].usedIn).toEqual([
    { file: 'compose/compose.yaml', line: 8, kind: 'Compose service', name: 'cache', container: 'cache' },
    { file: 'ecs/task-definition.json', line: 14, kind: 'ECS task definition', name: 'shop-api', container: 'log-router' },
    { file: 'k8s/app.yaml', line: 16, kind: 'Deployment', name: 'web', namespace: 'shop', container: 'migrate' },
    { file: 'k8s/app.yaml', line: 65, kind: 'Pod', name: 'debug', container: 'probe' },
    // Pinned to arm64 by a node affinity: it needs arm64, which the image lacks. The one pinned to amd64 is fine.
    { file: 'k8s/pinned.yaml', line: 32, kind: 'Deployment', name: 'graviton', container: 'app' }
  ])
  expect(row(result.summary, image('amd'))[1]).toContain('k8s/pinned.yaml:13, Deployment legacy, container app, pinned to linux/amd64')
  // An annotation at each place the image is used, an error as the step fails.
  expect(result.stdout).toContain(`::error title=Image lacks a platform,file=k8s/app.yaml,line=16::${image('amd')} has no linux/arm64`)

  const summary = result.summary
  expect(row(summary, image('multi'))).toEqual([
    `<code>${image('multi')}</code>`,
    'compose/compose.yaml:3, Compose service web, container web<br>ecs/task-definition.json:9, ECS task definition shop-api, container api<br>' +
      'helm/rendered.yaml:15 [shop/templates/statefulset.yaml], StatefulSet shop-db, container db<br>' +
      'k8s/app.yaml:19, Deployment shop/web, container app<br>k8s/app.yaml:62, Pod debug, container shell',
    'linux/amd64, linux/arm64',
    'ready'
  ])
  // The digest reference, checked as it is (the index it names).
  expect(row(summary, `${registry}/check-${run}/multi@${multiDigest}`).slice(1)).toEqual([
    'k8s/app.yaml:43, CronJob shop/nightly, container report',
    'linux/amd64, linux/arm64',
    'ready'
  ])
  expect(row(summary, image('amd')).slice(2)).toEqual(['linux/amd64', '<b>missing</b> linux/arm64'])
  expect(row(summary, image('windows')).slice(1)).toEqual([
    'helm/rendered.yaml:28 [shop/templates/daemonset.yaml], DaemonSet shop-agent, container agent',
    'windows/amd64',
    '<b>missing</b> linux/amd64, linux/arm64'
  ])
  expect(row(summary, 'ghcr.test:5444/acme/proxy:${PROXY_TAG:-2}')[3]).toMatch(/^unknown: names a variable/)
  // What to do, per workload, in its format's terms.
  expect(summary).toContain('<p><b>Deployment shop/web (k8s/app.yaml)</b></p>')
  expect(summary).toContain('<code>nodeSelector: {kubernetes.io/arch: amd64}</code>')
  expect(summary).toContain('<code>&quot;runtimePlatform&quot;: {&quot;cpuArchitecture&quot;: &quot;X86_64&quot;')
  expect(summary).toContain('<code>platform: linux/amd64</code>')
  expect(result.stdout).toContain('check: compose/compose.yaml: service worker is built from source (build:): no image to check; skipped')
  // Nothing built, pushed or staged.
  expect(result.stdout).not.toContain('docker buildx')
})

test('fail-on: never only warns, at each place; ready is still false', async () => {
  const result = await check({ manifests: deployments, 'fail-on': 'never' })
  expectSuccess(result)
  expect(result.outputs.ready).toBe('false')
  expect(JSON.parse(result.outputs.missing)).toHaveLength(2)
  expect(result.stdout).toContain(`::warning title=Image lacks a platform,file=k8s/app.yaml,line=16::${image('amd')} has no linux/arm64`)
  expect(result.stdout).not.toContain('::error')
})

test('every image with every platform: ready, and the step passes', async () => {
  writeFileSync(
    join(workspace, 'ready.yaml'),
    `apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers:\n    - {name: a, image: ${image('multi')}}\n    - {name: b, image: "${registry}/check-${run}/multi@${multiDigest}"}\n`
  )
  const result = await check({ manifests: 'ready.yaml' })
  expectSuccess(result)
  expect(result.outputs.ready).toBe('true')
  expect(result.outputs.missing).toBe('[]')
  expect(result.summary).toContain('Ready: 2 image(s) in 1 file(s); 0 missing a platform, 0 unknown.')
  // platforms narrows what is asked: the amd64-only image is ready for linux/amd64 alone.
  const amdOnly = await check({ manifests: 'compose/compose.yaml', platforms: 'linux/amd64', 'fail-on': 'never' })
  expect(row(amdOnly.summary, image('amd'))[3]).toBe('ready')
})

test('hostile and odd files: refused or reported, never a hang or a crash; Docker Hub names are unknown, never ready', async () => {
  // A 50 MB file, past the bound.
  writeFileSync(join(workspace, 'hostile/huge.yaml'), `# ${'x'.repeat(50 * 1024 * 1024)}\n`)
  const result = await check({ manifests: 'hostile/*.yaml', 'fail-on': 'missing' })
  // Nothing lacks a platform, so fail-on: missing passes; but nothing unknown is ever ready.
  expectSuccess(result)
  expect(result.outputs.ready).toBe('false')
  const out = result.stdout
  expect(out).toMatch(/check: hostile\/billion-laughs\.yaml:2: not read: .*\(YAML aliases expanding past 1000\)/)
  expect(out).toMatch(/check: hostile\/invalid\.yaml:1\d: invalid YAML: /)
  expect(out).toContain('check: hostile/helm-template.yaml')
  expect(out).toContain('looks like an unrendered Helm template: run `helm template`')
  expect(out).toContain('check: hostile/huge.yaml: larger than 10 MB, the most the check reads of a file: not checked')
  expect(out).toContain('::debug::check: hostile/not-kubernetes.yaml:2: document 1 is not a Kubernetes object')
  const summary = result.summary
  expect(row(summary, 'docker.io/library/nginx:latest')[1]).toBe(
    'hostile/odd-images.yaml:12, Deployment odd, container hub<br>hostile/odd-images.yaml:12, Deployment odd, container merged'
  )
  expect(row(summary, 'docker.io/library/nginx:latest')[3]).toMatch(/^unknown: /)
  expect(row(summary, 'docker.io/bitnami/redis:7.2')[3]).toMatch(/^unknown: /)
  expect(row(summary, '$(REGISTRY)/app:1')[3]).toMatch(/^unknown: names a variable/)
  expect(row(summary, `  ${image('multi')} `)[3]).toBe('unknown: has leading or trailing whitespace, which Kubernetes and ECS reject')
  // Another registry, anonymous: it answers 401, so the image is unknown with the registry's reason.
  expect(row(summary, 'ghcr.test:5444/acme/tool:1')[3]).toMatch(/^unknown: /)
  expect(summary).not.toMatch(/<td>ready<\/td>/)
  expect(summary).toContain('<h4>Files not read</h4>')
  expect(out).toContain(
    '::warning title=Image not checked,file=hostile/odd-images.yaml,line=12::cannot check docker.io/library/nginx:latest'
  )
})

test('a glob matching nothing fails the step, naming the input, before any registry call', async () => {
  const result = await check({ manifests: 'k8s/*.yaml\ncharts/**/*.yaml' })
  expect(result.exitCode).not.toBe(0)
  expect(errorOf(result)).toBe(
    'input manifests: "charts/**/*.yaml" matches no file: give files, directories or globs of deployment files relative to the workspace, e.g. k8s/**/*.yaml'
  )
  expect(result.stdout).not.toContain('logged in to ECR')
})

test('username/password read the registry input host (a GHCR stand-in); without AWS, images in ECR are unknown, never ready; the password never shows', async () => {
  const mirror = s.stack.mirrorRegistry
  const ghcr = registryApi({ ...s.stack, registry: mirror.registry, username: mirror.username, password: mirror.password })
  await pushSyntheticImage(ghcr, `acme/check-${run}`, { os: 'linux', architecture: 'arm64' }, { tag: '1' })
  writeFileSync(
    join(workspace, 'ghcr.yaml'),
    `apiVersion: v1\nkind: Pod\nmetadata: {name: g}\nspec:\n  containers:\n    - {name: a, image: ${mirror.registry}/acme/check-${run}:1}\n    - {name: b, image: ${image('multi')}}\n`
  )
  const result = await runAction({
    inputs: {
      mode: 'check',
      manifests: 'ghcr.yaml',
      registry: mirror.registry,
      username: mirror.username,
      password: mirror.password,
      'fail-on': 'never'
    },
    cwd: workspace
  })
  expectSuccess(result)
  expect(row(result.summary, `${mirror.registry}/acme/check-${run}:1`).slice(2)).toEqual(['linux/arm64', '<b>missing</b> linux/amd64'])
  // The stack's ECR registry answers nobody anonymous: unknown, with its reason.
  expect(row(result.summary, image('multi'))[3]).toMatch(/^unknown: .*401/)
  expect(result.outputs.ready).toBe('false')
  expect(result.stdout).not.toContain('logged in to ECR')
  expect(result.everything()).not.toContain(mirror.password)
})

test("an image in another ECR account and region: that registry's own ECR login, on first use", async () => {
  const second = s.stack.secondEcr
  if (!second) throw new Error('stack.json has no secondEcr: run scripts/stack.sh of this checkout')
  await pushSyntheticImage(registryApi(second), `e2e/check-${run}/ecr`, { os: 'linux', architecture: 'arm64' }, { tag: '1' })
  const ecrImage = `${second.registry}/e2e/check-${run}/ecr:1`
  writeFileSync(
    join(workspace, 'ecr.json'),
    JSON.stringify({ family: 'graviton', containerDefinitions: [{ name: 'app', image: ecrImage }] }, null, 2)
  )
  const result = await check({ manifests: 'ecr.json', 'fail-on': 'never' })
  expectSuccess(result)
  expect(result.stdout).toContain(`logged in to ECR registry ${second.registry} (region ${second.region})`)
  expect(row(result.summary, ecrImage).slice(1)).toEqual([
    'ecr.json:6, ECS task definition graviton, container app',
    'linux/arm64',
    '<b>missing</b> linux/amd64'
  ])
  const [, b] = s.emulator.accounts
  expect(b.calls.find(c => c.operation === 'GetAuthorizationToken')?.body.registryIds).toEqual([second.accountId])
  expect(result.everything()).not.toContain(second.password)
})
