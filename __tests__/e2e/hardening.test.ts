// Hardening on the real stack: steps of one run racing each other, build secrets and
// registry credentials that must never surface, registries that are not (or not honest)
// registries, and a hostile branch name and labels.
import { createHash, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../../testing/action-runner.js'
import { dockerShim, startGateProxy, startTlsServer } from '../../testing/hostile.js'
import { errorOf, expectSuccess, SHA, startScenario, type Scenario } from '../../testing/scenario.js'
import { busyboxContext, uniqueRepository } from '../../testing/stack.js'
import { pushSyntheticImage, syntheticImage } from '../../testing/synthetic-image.js'

let s: Scenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const sha256 = (bytes: Uint8Array | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`
const nonce = () => randomBytes(6).toString('hex')

/** DELETE on the test registry, past the action (a leg half-pushed, a blob lost). */
async function registryDelete(path: string): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${s.stack.username}:${s.stack.password}`).toString('base64')}`
  const res = await fetch(`https://${s.stack.registry}/v2/${path}`, { method: 'DELETE', headers: { authorization } })
  if (res.status !== 202) throw new Error(`DELETE ${path}: ${res.status} ${await res.text()}`)
}

/** Copies this run's staging tags under another run key: the same legs, staged again. */
async function restage(repository: string, runKey: string): Promise<string[]> {
  const copied: string[] = []
  for (const tag of (await s.api.tags(repository)).filter(t => t.startsWith('stage-4242-1-'))) {
    const staged = await s.api.manifest(repository, tag)
    const copy = tag.replace('stage-4242-', `stage-${runKey}-`)
    await s.api.putManifest(repository, copy, JSON.stringify(staged.json), OCI_INDEX)
    copied.push(copy)
  }
  return copied.sort()
}

function staging(tags: string[], runKey: string): string[] {
  return tags.filter(t => t.startsWith(`stage-${runKey}-`)).sort()
}

describe('concurrency', () => {
  const repository = uniqueRepository('race')
  let legs: ActionRun[]
  let published: string

  beforeAll(async () => {
    // Both legs look before either creates: both find no repository, both create it.
    s.emulator.failNext(
      'DescribeRepositories',
      { status: 400, type: 'RepositoryNotFoundException', message: `The repository with name '${repository}' does not exist` },
      2
    )
    legs = await Promise.all([s.leg(repository, 'linux/amd64'), s.leg(repository, 'linux/arm64')])
  })

  test('two legs racing to create the repository: one creates it, the other takes RepositoryAlreadyExists as done', () => {
    for (const leg of legs) expectSuccess(leg)
    const creates = s.emulator.calls.filter(c => c.operation === 'CreateRepository' && c.body.repositoryName === repository)
    // Two attempts, one repository: the second attempt was answered RepositoryAlreadyExistsException.
    expect(creates).toHaveLength(2)
    expect(s.emulator.repositories.get(repository)?.mutability).toBe('MUTABLE')
    const said = legs
      .map(leg =>
        leg.stdout.includes(`created repository ${repository}`)
          ? 'created'
          : leg.stdout.includes(`repository ${repository} exists (MUTABLE)`)
            ? 'exists'
            : 'neither'
      )
      .sort()
    expect(said).toEqual(['created', 'exists'])
    expect(
      staging(
        legs.map(l => l.outputs['staging-tag']),
        '4242'
      )
    ).toEqual(['stage-4242-1-linux-amd64', 'stage-4242-1-linux-arm64'])
  })

  test('two merges of the run at once, without cleanup: both publish the same index, staging stays', async () => {
    const runs = await Promise.all([s.merge(repository, { cleanup: 'false' }), s.merge(repository, { cleanup: 'false' })])
    for (const run of runs) expectSuccess(run)
    published = runs[0].outputs.digest
    expect(published).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(runs[1].outputs.digest).toBe(published)
    expect((await s.api.manifest(repository, 'main')).digest).toBe(published)
    expect((await s.api.manifest(repository, 'sha-0123456')).digest).toBe(published)
    expect(staging(await s.api.tags(repository), '4242')).toEqual(['stage-4242-1-linux-amd64', 'stage-4242-1-linux-arm64'])
  })

  test('two merges of the run at once, one cleaning up: both succeed with the same digest, staging is gone', async () => {
    expect(await restage(repository, '5001')).toHaveLength(2)
    const env = { GITHUB_RUN_ID: '5001' }
    const runs = await Promise.all([s.merge(repository, {}, env), s.merge(repository, { cleanup: 'false' }, env)])
    for (const run of runs) expectSuccess(run)
    expect(runs.map(r => r.outputs.digest)).toEqual([published, published])
    expect(staging(await s.api.tags(repository), '5001')).toEqual([])
  })

  test('two merges of the run at once, both cleaning up: both succeed with the same digest', async () => {
    await restage(repository, '5002')
    const env = { GITHUB_RUN_ID: '5002' }
    const runs = await Promise.all([s.merge(repository, {}, env), s.merge(repository, {}, env)])
    for (const run of runs) expectSuccess(run)
    expect(runs.map(r => r.outputs.digest)).toEqual([published, published])
    expect(staging(await s.api.tags(repository), '5002')).toEqual([])
    // The published children survived both cleanups.
    const index = await s.api.manifest(repository, 'main')
    for (const child of index.json.manifests) expect((await s.api.manifest(repository, child.digest)).status).toBe(200)
  })

  test('a merge whose staging tags are deleted under it by a concurrent merge of the run still publishes the same index', async () => {
    await restage(repository, '5003')
    const env = { GITHUB_RUN_ID: '5003' }
    // The slow merge lists the staging tags, then waits at the gate while the other one
    // publishes and cleans up: when it reads them, they are gone.
    const gate = await startGateProxy((method, path) => method === 'GET' && /\/manifests\/stage-5003-/.test(path))
    const slow = await startScenario({ registryUrl: gate.url })
    try {
      const slowRun = runAction({ inputs: { mode: 'merge', repository, cleanup: 'false' }, env: slow.env(env) })
      await Promise.race([
        gate.whenHeld(2),
        slowRun.then(r => Promise.reject(new Error(`the gated merge ended before reading the staging tags:\n${r.stdout}`)))
      ])
      const fast = await s.merge(repository, {}, env)
      expectSuccess(fast)
      expect(fast.outputs.digest).toBe(published)
      expect(staging(await s.api.tags(repository), '5003')).toEqual([])
      gate.release()
      const late = await slowRun
      expectSuccess(late)
      expect(late.outputs.digest).toBe(published)
      const warning = late.stdout.split('\n').find(line => line.startsWith('::warning::staging tags ')) ?? ''
      expect(warning).toContain('were deleted while this merge read them (a concurrent merge of run 5003 cleaned up)')
      expect(warning).toContain('stage-5003-1-linux-amd64')
      expect(warning).toContain('stage-5003-1-linux-arm64')
      expect((await s.api.manifest(repository, 'main')).digest).toBe(published)
    } finally {
      gate.release()
      await slow.close()
      await gate.close()
    }
  })

  test('a merge of the run after another one published and cleaned up is a no-op with the same digest', async () => {
    await restage(repository, '5004')
    const env = { GITHUB_RUN_ID: '5004' }
    expectSuccess(await s.merge(repository, {}, env))
    const again = await s.merge(repository, {}, env)
    expectSuccess(again)
    expect(again.outputs.digest).toBe(published)
    expect(again.stdout).toContain('no staging tag of run 5004 is left')
    // Other tags are no no-op: that is a merge with nothing staged, and says so.
    const other = await s.merge(repository, { tags: 'other-tag' }, env)
    expect(other.exitCode).not.toBe(0)
    expect(errorOf(other)).toContain('no build leg is staged for run 5004')
    expect(await s.api.tags(repository)).not.toContain('other-tag')
  })

  describe.each([
    ['its image manifest is not pushed yet', 'manifest'],
    ['its config blob is missing', 'config']
  ])('a newer attempt still pushing (%s)', (_, missing) => {
    test('the merge fails naming the staging tag and publishes nothing', async () => {
      const attempt = missing === 'manifest' ? 2 : 3
      const tag = `stage-4242-${attempt}-linux-arm64`
      const pushed = await pushSyntheticImage(
        s.api,
        repository,
        { os: 'linux', architecture: 'arm64' },
        { labels: { 'org.opencontainers.image.revision': SHA }, content: `attempt ${attempt} ${nonce()}` }
      )
      const index = {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [{ mediaType: OCI_MANIFEST, digest: pushed.digest, size: pushed.size, platform: { os: 'linux', architecture: 'arm64' } }]
      }
      await s.api.putManifest(repository, tag, JSON.stringify(index), OCI_INDEX)
      const child = await s.api.manifest(repository, pushed.digest)
      if (missing === 'manifest') await registryDelete(`${repository}/manifests/${pushed.digest}`)
      else await registryDelete(`${repository}/blobs/${child.json.config.digest}`)
      const tagName = `never-${missing}`
      const run = await s.merge(repository, { tags: tagName, cleanup: 'false' }, { GITHUB_RUN_ATTEMPT: String(attempt) })
      expect(run.exitCode).not.toBe(0)
      const error = errorOf(run)
      expect(error).toContain(`staging tag ${tag} cannot be read whole (is its build leg still pushing?`)
      expect(error).toContain(
        missing === 'manifest'
          ? `lists ${pushed.digest}, which is not in ${repository}`
          : `the config blob of ${repository}@${pushed.digest} is missing`
      )
      expect(error).toContain('Nothing was published.')
      expect(await s.api.tags(repository)).not.toContain(tagName)
      expect((await s.api.manifest(repository, 'main')).digest).toBe(published)
    })
  })
})

describe('build secrets and credentials', () => {
  const repository = uniqueRepository('secrets')
  // Mixed case and a random length: never a substring of a hex digest, never a cached build.
  const secret = randomBytes(24 + Math.floor(Math.random() * 24)).toString('base64url')
  const tokenBase64 = () => Buffer.from(`${s.stack.username}:${s.emulator.token}`).toString('base64')

  function secretContext(run: string): string {
    const dir = busyboxContext(s.stack)
    writeFileSync(
      join(dir, 'Dockerfile'),
      [
        'FROM scratch',
        'ARG TARGETARCH',
        'ARG TARGETVARIANT',
        'COPY bb/${TARGETARCH}${TARGETVARIANT}/busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        `RUN echo ${nonce()} > /nonce`,
        `RUN --mount=type=secret,id=MYSECRET sh -c 'test -s /run/secrets/MYSECRET && wc -c < /run/secrets/MYSECRET > /secret-length'`,
        run,
        'CMD ["/bin/cat", "/secret-length"]',
        ''
      ].join('\n')
    )
    return dir
  }

  test('the secret reaches the build and nothing else: not the log, files, image config, docker config or any argv', async () => {
    const shim = dockerShim()
    const context = secretContext('')
    const run = await runAction({
      inputs: { repository, platforms: 'linux/amd64', context, secrets: `MYSECRET=${secret}` },
      env: s.env({ PATH: shim.path }),
      post: false
    })
    expectSuccess(run)

    // Logged in, and the file holding the credentials is the user's alone.
    const configFile = join(run.dockerConfigDir, 'config.json')
    expect(statSync(configFile).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(configFile, 'utf8')).auths?.[s.stack.registry]).toBeDefined()

    const ref = `${s.stack.registry}/${repository}:${run.outputs['staging-tag']}`
    expect(s.docker(['run', '--rm', '--pull', 'always', ref]).trim()).toBe(String(secret.length))
    const image = await s.api.manifest(repository, JSON.parse(run.outputs.metadata).legs[0].childDigest)
    expect(JSON.stringify(await s.api.blobJson(repository, image.json.config.digest))).not.toContain(secret)

    expect(run.everything()).not.toContain(secret)
    expect(run.everything()).not.toContain(s.emulator.token)
    // The shim saw the build and the login: the secret went by environment, the password by stdin.
    const argv = shim.argv()
    expect(argv).toContain('--secret id=MYSECRET,env=ECR_PUBLISH_SECRET_0')
    expect(argv).toMatch(/^login --username AWS --password-stdin registry\.test:5443$/m)
    expect(argv).not.toContain(secret)
    expect(argv).not.toContain(s.emulator.token)

    // Then the post step, as the runner starts it: it logs out.
    const post = await run.runPost({ PATH: shim.path })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`logged out of ${s.stack.registry}`)
    expect(JSON.parse(readFileSync(configFile, 'utf8')).auths?.[s.stack.registry]).toBeUndefined()
    const everything = [run.everything(), post.stdout, post.stderr].join('\n')
    for (const value of [secret, s.emulator.token, tokenBase64()]) expect(everything).not.toContain(value)
    expect(shim.argv()).toMatch(/^logout registry\.test:5443$/m)
  })

  test("a docker config that was world-readable before the login is the user's alone after it", async () => {
    // A self-hosted runner's config.json, made 0644 by someone else: docker keeps an existing file's mode.
    const dockerConfig = mkdtempSync(join(tmpdir(), 'docker-config-'))
    const configFile = join(dockerConfig, 'config.json')
    writeFileSync(configFile, '{}\n')
    chmodSync(configFile, 0o644)
    const run = await runAction({
      inputs: { repository, platforms: 'linux/amd64', context: s.context },
      env: s.env({ DOCKER_CONFIG: dockerConfig }),
      post: false
    })
    expectSuccess(run)
    expect(JSON.parse(readFileSync(configFile, 'utf8')).auths?.[s.stack.registry]).toBeDefined()
    expect(statSync(configFile).mode & 0o777).toBe(0o600)
    const post = await run.runPost({ DOCKER_CONFIG: dockerConfig })
    expect(post.exitCode).toBe(0)
    expect(JSON.parse(readFileSync(configFile, 'utf8')).auths?.[s.stack.registry]).toBeUndefined()
  })

  test('a build that fails leaks neither the secret nor the token, and the post step still logs out', async () => {
    const shim = dockerShim()
    const context = secretContext(`RUN --mount=type=secret,id=MYSECRET sh -c 'echo failing on purpose; exit 1'`)
    const failing = uniqueRepository('secrets-failed')
    const run = await runAction({
      inputs: { repository: failing, platforms: 'linux/amd64', context, secrets: `MYSECRET=${secret}` },
      env: s.env({ PATH: shim.path })
    })
    expect(run.exitCode).not.toBe(0)
    expect(errorOf(run)).toContain('docker buildx build failed')
    expect(run.post?.exitCode).toBe(0)
    expect(run.post?.stdout).toContain(`logged out of ${s.stack.registry}`)
    expect(JSON.parse(readFileSync(join(run.dockerConfigDir, 'config.json'), 'utf8')).auths?.[s.stack.registry]).toBeUndefined()
    const everything = run.everything()
    for (const value of [secret, s.emulator.token, tokenBase64()]) expect(everything).not.toContain(value)
    expect(shim.argv()).not.toContain(secret)
    expect((await s.api.tags(failing)).filter(t => t.startsWith('stage-'))).toEqual([])
  })

  test('a logout that fails is a warning: the post step exits 0', async () => {
    const shim = dockerShim({ failLogout: true })
    const run = await runAction({ inputs: { repository, platforms: 'linux/amd64', context: s.context }, env: s.env({ PATH: shim.path }) })
    expectSuccess(run)
    expect(run.post?.exitCode).toBe(0)
    const warning = run.post?.stdout.split('\n').find(line => line.startsWith('::warning::'))
    expect(warning).toContain(`docker logout ${s.stack.registry} failed`)
    expect(warning).toContain('simulated logout failure')
    expect(shim.argv()).toMatch(/^logout registry\.test:5443$/m)
  })
})

describe('hostile registries and sources', () => {
  const repository = uniqueRepository('hostile')
  const reg = () => s.stack.registry

  async function refused(sources: string, tag = 'never'): Promise<string> {
    const run = await s.merge(repository, { sources, tags: tag })
    expect(run.exitCode).not.toBe(0)
    expect(await s.api.tags(repository)).not.toContain(tag)
    return errorOf(run)
  }

  beforeAll(async () => {
    // The repository exists (with an image in it): what is refused is the source, not the repository.
    await pushSyntheticImage(s.api, repository, { os: 'linux', architecture: 'amd64' }, { tag: 'present' })
  })

  test('a source digest that was never pushed: the error names the source', async () => {
    const source = `${reg()}/${repository}@${sha256(`never pushed ${nonce()}`)}`
    const error = await refused(source)
    expect(error).toContain(`source ${source} cannot be used`)
    expect(error).toContain('MANIFEST_UNKNOWN')
  })

  test('a config blob that is not JSON: the error says so', async () => {
    const config = randomBytes(777)
    const layer = syntheticImage({ os: 'linux', architecture: 'amd64' }, { content: nonce() }).layer
    await s.api.putBlob(repository, config, sha256(config))
    await s.api.putBlob(repository, layer, sha256(layer))
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(layer), size: layer.length }]
    })
    await s.api.putManifest(repository, sha256(manifest), manifest, OCI_MANIFEST)
    const error = await refused(`${reg()}/${repository}@${sha256(manifest)}`)
    expect(error).toContain(`the config blob of ${repository}@${sha256(manifest)} is not JSON`)
  })

  test('an index whose child lives in another repository: refused, nothing published', async () => {
    const other = uniqueRepository('elsewhere')
    const platform = { os: 'linux', architecture: 'arm64' }
    const opts = { content: `foreign ${nonce()}` }
    const child = await pushSyntheticImage(s.api, other, platform, opts)
    // The registry only stores an index whose children it has: push the child here too, then take it away.
    await pushSyntheticImage(s.api, repository, platform, opts)
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: OCI_MANIFEST, digest: child.digest, size: child.size, platform }]
    })
    await s.api.putManifest(repository, 'foreign-index', index, OCI_INDEX)
    await registryDelete(`${repository}/manifests/${child.digest}`)
    expect((await s.api.manifest(other, child.digest)).status).toBe(200)
    const error = await refused(`${reg()}/${repository}:foreign-index`)
    expect(error).toContain(`source ${reg()}/${repository}:foreign-index cannot be used`)
    expect(error).toContain(`lists ${child.digest}, which is not in ${repository}`)
  })

  test('a manifest over 4 MiB is refused by the registry itself', async () => {
    const big = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [],
      annotations: { padding: 'x'.repeat(5 * 1024 * 1024) }
    })
    await expect(s.api.putManifest(repository, 'big', big, OCI_INDEX)).rejects.toThrow(/MANIFEST_INVALID|too large/)
  })

  /** A merge against a non-ECR registry with username/password, and no AWS in sight. */
  function mergeAt(host: string, inputs: Record<string, string>): Promise<ActionRun> {
    return runAction({
      inputs: {
        mode: 'merge',
        repository: 'e2e/hostile',
        registry: host,
        username: 'someone',
        password: `pw-${nonce()}`,
        tags: 'never',
        ...inputs
      }
    })
  }

  test.each([
    ['with a Content-Length', false],
    ['streamed without a Content-Length', true]
  ])('a 5 MiB manifest (%s) from a registry that serves one: the error names the 4 MiB limit', async (_, chunked) => {
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [],
      annotations: { padding: 'x'.repeat(5 * 1024 * 1024) }
    })
    const server = await startTlsServer(req => {
      const json = { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' }
      if (req.url === '/v2/' || req.url === '/v2') return { status: 200, headers: json, body: '{}' }
      if (/\/manifests\/big$/.test(req.url ?? ''))
        return { status: 200, headers: { 'content-type': OCI_INDEX, 'docker-content-digest': sha256(body) }, body, chunked }
      return { status: 404, headers: json, body: JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }) }
    })
    try {
      const run = await mergeAt(server.host, { sources: `${server.host}/e2e/hostile:big` })
      expect(run.exitCode).not.toBe(0)
      expect(errorOf(run)).toContain('the manifest is larger than 4 MiB, the limit registries accept')
      expect(errorOf(run)).toContain(`source ${server.host}/e2e/hostile:big cannot be used`)
      expect(server.requests.filter(r => r.method === 'PUT' || r.method === 'POST')).toEqual([])
    } finally {
      await server.close()
    }
  })

  test.each([
    ['staged legs', {}],
    ['sources', { sources: 'SOURCE' }]
  ])('a registry that answers HTML (%s): the error says it answered HTML', async (_, extra: Record<string, string>) => {
    const server = await startTlsServer(() => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!doctype html><html><body>Sign in to the Wi-Fi</body></html>'
    }))
    try {
      const inputs = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, v.replace('SOURCE', `${server.host}/e2e/hostile:v1`)]))
      const run = await mergeAt(server.host, inputs)
      expect(run.exitCode).not.toBe(0)
      expect(errorOf(run)).toContain(`the registry answered HTML, not the registry API: is ${server.host} a container registry?`)
      expect(server.requests.length).toBeGreaterThan(0)
      expect(server.requests.filter(r => r.method === 'PUT' || r.method === 'POST' || r.method === 'DELETE')).toEqual([])
    } finally {
      await server.close()
    }
  })
})

test('a hostile branch name and labels stay data: sanitised default tag, labels verbatim, nothing executed', async () => {
  const repository = uniqueRepository('branch')
  const id = nonce()
  const marker = `/tmp/pwned-${id}`
  const ref = `refs/heads/$(touch ${marker})`
  const labels = {
    'evil.backtick': `\`touch ${marker}\``,
    'evil.subst': `$(touch ${marker})`,
    'evil.push': '--push',
    'evil.output': `--output=type=local,dest=${marker}`,
    'evil.quotes': `x'; touch ${marker}; echo "y`
  }
  const leg = await s.leg(repository, 'linux/amd64', {
    inputs: {
      labels: Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')
    },
    env: { GITHUB_REF: ref }
  })
  expectSuccess(leg)
  const merged = await s.merge(repository, {}, { GITHUB_REF: ref })
  expectSuccess(merged)
  expect(existsSync(marker)).toBe(false)
  const branchTag = `touch-tmp-pwned-${id}-`
  expect(merged.outputs.tags).toBe(`${s.stack.registry}/${repository}:${branchTag},${s.stack.registry}/${repository}:sha-0123456`)
  const index = await s.api.manifest(repository, branchTag)
  expect(index.digest).toBe(merged.outputs.digest)
  const image = await s.api.manifest(repository, index.json.manifests[0].digest)
  const config = await s.api.blobJson(repository, image.json.config.digest)
  expect(config.config.Labels).toEqual({
    ...labels,
    'org.opencontainers.image.revision': SHA,
    'org.opencontainers.image.source': 'https://github.com/acme/app',
    // The standard OCI labels (as docker/metadata-action sets them): the version is the sanitised branch tag.
    'org.opencontainers.image.title': 'app',
    'org.opencontainers.image.url': 'https://github.com/acme/app',
    'org.opencontainers.image.version': branchTag
  })
})
