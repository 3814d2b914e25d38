// checkDeployments against a fake registry: distinct images resolved once however many files
// use them, logins per registry (the registry input's, another ECR host's own), verdicts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkDeployments, type CheckConfig } from '../../src/commands/check.js'
import type { RegistrySession, SessionOptions } from '../../src/commands/session.js'
import { parsePlatformList } from '../../src/oci/platform.js'
import { MediaType, type Platform } from '../../src/oci/types.js'
import { RegistryClient } from '../../src/registry/client.js'
import type { Logger } from '../../src/util/logger.js'
import { FakeRegistry } from '../../testing/fake-registry.js'

let server: FakeRegistry
beforeEach(async () => {
  server = await FakeRegistry.start()
})
afterEach(async () => {
  await server.close()
})

const lines: string[] = []
const logger: Logger = {
  info: m => lines.push(`info ${m}`),
  warning: m => lines.push(`warning ${m}`),
  debug: m => lines.push(`debug ${m}`)
}
beforeEach(() => {
  lines.length = 0
})

function seedIndex(repo: string, platforms: Platform[]): void {
  const manifests = platforms.map((platform, i) => ({
    mediaType: MediaType.OciManifest,
    digest: `sha256:${String(i).repeat(64)}`,
    size: 100,
    platform
  }))
  server.seedManifest(repo, '1', { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests }, MediaType.OciIndex)
}

const both = parsePlatformList('linux/amd64,linux/arm64')
const amdOnly = parsePlatformList('linux/amd64')
const client = () => new RegistryClient({ registry: server.host, insecure: true, retry: { attempts: 1 } })

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-command-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

const pod = (name: string, images: string[]) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n${images.map((image, i) => `    - {name: c${i}, image: "${image}"}`).join('\n')}\n`

const config = (over: Partial<CheckConfig> = {}): CheckConfig => ({
  manifests: ['k8s/**/*.yaml'],
  failOn: 'missing',
  platforms: both,
  ...over
})

test('200 files over 150 distinct images: each image is asked for once; the amd64-only ones are missing, the step fails', async () => {
  for (let i = 0; i < 150; i++) seedIndex(`team/app${i}`, i % 50 === 0 ? amdOnly : both)
  const files: Record<string, string> = {}
  for (let f = 0; f < 200; f++)
    files[`k8s/app${f}.yaml`] = pod(`p${f}`, [`${server.host}/team/app${f % 150}:1`, `${server.host}/team/app${(f * 7) % 150}:1`])
  const result = await checkDeployments(config(), {
    logger,
    maskSecret: () => {},
    cwd: workspace(files),
    anonymousClient: client
  })
  expect(result.files).toHaveLength(200)
  expect(result.images).toHaveLength(150)
  expect(server.apiRequests.filter(r => r.method === 'GET' || r.method === 'HEAD')).toHaveLength(150)
  expect(result.images.filter(i => i.verdict === 'missing').map(i => i.image)).toEqual([
    `${server.host}/team/app0:1`,
    `${server.host}/team/app100:1`,
    `${server.host}/team/app50:1`
  ])
  expect(result.ready).toBe(false)
  expect(result.failure).toMatch(/^3 image\(s\) lack a platform the deployments need:\n/)
  expect(result.advice).toHaveLength(
    new Set(
      result.images
        .filter(i => i.verdict === 'missing')
        .flatMap(i => i.uses)
        .map(u => u.name)
    ).size
  )
})

test('fail-on: never: the same verdicts, no failure', async () => {
  seedIndex('team/amd', amdOnly)
  const cwd = workspace({ 'k8s/a.yaml': pod('a', [`${server.host}/team/amd:1`]) })
  const result = await checkDeployments(config({ failOn: 'never' }), { logger, maskSecret: () => {}, cwd, anonymousClient: client })
  expect(result.images.map(i => [i.verdict, i.missing])).toEqual([['missing', ['linux/arm64']]])
  expect(result.failure).toBeUndefined()
  expect(result.ready).toBe(false)
})

test("the registry input's ECR login for its host, another ECR host's own login on first use, and a failed login makes its images unknown", async () => {
  seedIndex('team/app', both)
  const own = '111111111111.dkr.ecr.us-east-1.amazonaws.com'
  const other = '222222222222.dkr.ecr.eu-west-1.amazonaws.com'
  const denied = '333333333333.dkr.ecr.eu-west-1.amazonaws.com'
  const opened: (string | undefined)[] = []
  const openSession = async (options: SessionOptions): Promise<RegistrySession> => {
    opened.push(options.registry)
    if (options.registry === denied) throw new Error('AccessDeniedException: not authorized to perform ecr:GetAuthorizationToken')
    return { registry: options.registry ?? own, client: client() }
  }
  const cwd = workspace({
    'k8s/a.yaml': pod('a', [`${own}/team/app:1`, `${other}/team/app:1`, `${other}/team/app:1`, `${denied}/team/app:1`])
  })
  const result = await checkDeployments(config({ region: 'us-east-1' }), {
    logger,
    maskSecret: () => {},
    cwd,
    openSession,
    anonymousClient: () => {
      throw new Error('no anonymous client expected')
    }
  })
  // The default login once (no registry input), then each other ECR host once.
  expect(opened.sort()).toEqual([other, denied, undefined].sort())
  expect(result.images.map(i => [i.image, i.verdict])).toEqual([
    [`${denied}/team/app:1`, 'unknown'],
    [`${own}/team/app:1`, 'ready'],
    [`${other}/team/app:1`, 'ready']
  ])
  expect(result.images[0].reason).toContain('AccessDeniedException')
})

test('without a region, no default ECR login is tried; a registry input with username/password logs in to that host only', async () => {
  seedIndex('team/app', both)
  const opened: SessionOptions[] = []
  const openSession = async (options: SessionOptions): Promise<RegistrySession> => {
    opened.push(options)
    return { registry: 'ghcr.example', client: client() }
  }
  const cwd = workspace({ 'k8s/a.yaml': pod('a', ['ghcr.example/team/app:1', `${server.host}/team/app:1`]) })
  const none = await checkDeployments(config(), { logger, maskSecret: () => {}, cwd, openSession, anonymousClient: client })
  expect(opened).toEqual([])
  expect(none.images.every(i => i.verdict === 'ready')).toBe(true)

  await checkDeployments(config({ registry: 'ghcr.example', username: 'u', password: 'p' }), {
    logger,
    maskSecret: () => {},
    cwd,
    openSession,
    anonymousClient: client
  })
  expect(opened.map(o => [o.registry, o.username, o.password])).toEqual([['ghcr.example', 'u', 'p']])
})

test('images the file cannot tell are unknown with the reason, and never reach a registry', async () => {
  const cwd = workspace({ 'k8s/a.yaml': pod('a', ['$(REGISTRY)/app:1', '{{ .Values.image }}']) })
  const result = await checkDeployments(config(), { logger, maskSecret: () => {}, cwd, anonymousClient: client })
  expect(result.images.map(i => i.verdict)).toEqual(['unknown', 'unknown'])
  expect(server.requests).toEqual([])
  expect(result.ready).toBe(false)
  expect(result.failure).toBeUndefined()
})

test('no image at all: a warning, and ready (nothing lacks a platform)', async () => {
  const cwd = workspace({ 'k8s/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' })
  const result = await checkDeployments(config(), { logger, maskSecret: () => {}, cwd, anonymousClient: client })
  expect(result.images).toEqual([])
  expect(result.ready).toBe(true)
  expect(lines).toContain('warning check: the files name no container image (1 file(s) read)')
})
