// build-push-action's options on the real stack: build contexts, an ssh-agent socket,
// secret files (never in logs), no-cache, an SBOM from our own scanner image (BuildKit's
// default comes from Docker Hub) with max provenance through the merge, call: check, and
// the branch-aware ECR cache.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../testing/action-runner.js'
import { errorOf, expectSuccess, startScenario, type Scenario } from '../../testing/scenario.js'
import { uniqueRepository } from '../../testing/stack.js'

let s: Scenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

const BUSYBOX = [
  'FROM scratch',
  'ARG TARGETARCH',
  'ARG TARGETVARIANT',
  'COPY bb/${TARGETARCH}${TARGETVARIANT}/busybox /bin/busybox',
  'RUN ["/bin/busybox", "--install", "-s", "/bin"]'
]

/** The busybox context with another Dockerfile (and extra files). */
function context(dockerfile: string[], files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-opts-'))
  cpSync(s.context, dir, { recursive: true })
  writeFileSync(join(dir, 'Dockerfile'), `${dockerfile.join('\n')}\n`)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

test('build-contexts, ssh (an ssh-agent socket), secret-files and no-cache reach the build; the secret never shows', async () => {
  const repository = uniqueRepository('opts')
  const extra = mkdtempSync(join(tmpdir(), 'extra-ctx-'))
  writeFileSync(join(extra, 'hello.txt'), 'from-the-extra-context\n')
  const secretFile = join(mkdtempSync(join(tmpdir(), 'secret-')), 'token')
  writeFileSync(secretFile, 'file-s3cret-value-42')
  const agentDir = mkdtempSync(join(tmpdir(), 'agent-'))
  const socket = join(agentDir, 'agent.sock')
  const agent = spawnSync('ssh-agent', ['-a', socket], { encoding: 'utf8' })
  const agentPid = /SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1]
  try {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(agentDir, 'key')])
    execFileSync('ssh-add', [join(agentDir, 'key')], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' })
    const ctx = context([
      ...BUSYBOX,
      'COPY --from=extra hello.txt /hello.txt',
      'RUN grep -q from-the-extra-context /hello.txt',
      // The value is checked by its length: the Dockerfile (and so the build log) never holds it.
      'RUN --mount=type=secret,id=token,required=true test "$(wc -c < /run/secrets/token)" -eq 20',
      // The forwarded agent socket is a live socket in the build.
      'RUN --mount=type=ssh test -S "$SSH_AUTH_SOCK" && echo ssh-agent-reachable'
    ])
    const inputs = {
      context: ctx,
      'build-contexts': `extra=${extra}`,
      ssh: `default=${socket}`,
      'secret-files': `token=${secretFile}`,
      'no-cache': 'true',
      provenance: 'false'
    }
    const run = await s.leg(repository, 'linux/amd64', { inputs })
    expectSuccess(run)
    expect(run.stdout).toContain('ssh-agent-reachable')
    expect(run.everything()).not.toContain('file-s3cret-value-42')
    expect(run.everything()).not.toContain(secretFile)
    // no-cache: a second build runs every step again.
    const again = await s.leg(repository, 'linux/amd64', { inputs })
    expectSuccess(again)
    expect(JSON.parse(again.outputs.metadata).legs[0].cachedSteps).toBe(0)
  } finally {
    if (agentPid) process.kill(Number(agentPid))
  }
})

test('sbom from a generator image and provenance mode=max: the merged index carries both, imagetools reads the SBOM', async () => {
  const repository = uniqueRepository('sbom')
  // A scanner after BuildKit's protocol: it reads BUILDKIT_SCAN_SOURCE and writes in-toto SPDX statements into BUILDKIT_SCAN_DESTINATION.
  const statement = {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://spdx.dev/Document',
    predicate: {
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'e2e-scan',
      documentNamespace: 'https://example.invalid/e2e-scan',
      creationInfo: { created: '2024-01-01T00:00:00Z', creators: ['Tool: e2e-scanner'] },
      packages: [{ name: 'busybox', SPDXID: 'SPDXRef-Package-busybox', downloadLocation: 'NOASSERTION', versionInfo: 'e2e' }]
    }
  }
  const scanner = context([...BUSYBOX, 'COPY scan.sh /scan.sh', 'ENTRYPOINT ["/bin/sh", "/scan.sh"]'], {
    'scan.sh': `set -e\ntest -d "$BUILDKIT_SCAN_SOURCE"\ncat > "$BUILDKIT_SCAN_DESTINATION/e2e.spdx.json" <<'JSON'\n${JSON.stringify(statement)}\nJSON\n`
  })
  const scannerRef = `${s.stack.registry}/${uniqueRepository('scanner')}:1`
  s.docker(['buildx', 'build', '--platform', 'linux/amd64', '--provenance=false', '--push', '--tag', scannerRef, scanner])

  const leg = await s.leg(repository, 'linux/amd64', { inputs: { sbom: `generator=${scannerRef}`, provenance: 'mode=max' } })
  expectSuccess(leg)
  const merged = await s.merge(repository, { tags: 'sbom' })
  expectSuccess(merged)
  expect(merged.summary).toMatch(/\((sbom, provenance|provenance, sbom)\)/)
  const ref = `${s.stack.registry}/${repository}:sbom`
  const sbom = JSON.parse(s.docker(['buildx', 'imagetools', 'inspect', ref, '--format', '{{json .SBOM}}'])) as { SPDX?: { name?: string } }
  expect(sbom.SPDX?.name).toBe('e2e-scan')
  const provenance = JSON.parse(s.docker(['buildx', 'imagetools', 'inspect', ref, '--format', '{{json .Provenance}}'])) as {
    SLSA?: { metadata?: Record<string, unknown> }
  }
  // mode=max records the build's LLB definition (buildConfig); min does not.
  expect(JSON.stringify(provenance.SLSA)).toContain('"buildConfig"')

  // attestations: strip takes the SBOM out with the provenance.
  const stripped = await s.merge(repository, { tags: 'bare', attestations: 'strip', sources: ref })
  expectSuccess(stripped)
  expect((await s.api.manifest(repository, 'bare')).json.manifests).toHaveLength(1)
})

test('call: check lints without pushing, or says clearly that this buildx cannot', async () => {
  const repository = uniqueRepository('check')
  const run = await s.leg(repository, 'linux/amd64', { inputs: { call: 'check', context: context([...BUSYBOX, 'FROM scratch as base']) } })
  expect(await s.api.tags(repository)).toEqual([])
  if (run.exitCode === 0) throw new Error(`call: check passed a Dockerfile with a lint warning:\n${run.stdout}`)
  const error = errorOf(run)
  // buildx >= 0.15 reports the FromAsCasing warning; older buildx: our message naming the input and the version needed.
  expect(error).toMatch(/FromAsCasing|call \(check, outline, targets\) needs buildx 0\.15 or newer/)
})

describe('branch-aware ECR cache', () => {
  const event = (extra: object = {}) => ({ repository: { default_branch: 'main' }, ...extra })
  const leg = (repository: string, env: Record<string, string>, evt: object) =>
    runAction({ inputs: { repository, platforms: 'linux/amd64', context: s.context }, env: s.env(env), event: evt })

  test("a feature branch imports main's cache and writes its own; a pull request writes nothing; main's ref is unchanged", async () => {
    const repository = uniqueRepository('branchcache')
    expectSuccess(await leg(repository, { GITHUB_REF: 'refs/heads/main' }, event()))
    const mainCache = await s.api.manifest(repository, 'cache-linux-amd64')

    const feature = await leg(repository, { GITHUB_REF: 'refs/heads/feature/login', GITHUB_RUN_ID: '4343' }, event())
    expectSuccess(feature)
    const legMeta = JSON.parse(feature.outputs.metadata).legs[0]
    expect(legMeta.cacheImportedRef).toMatch(/:cache-linux-amd64$/)
    expect(legMeta.cachedSteps).toBeGreaterThan(0)
    const branchTag = (await s.api.tags(repository)).find(t => /^cache-linux-amd64-feature-login\.[0-9a-f]{8}$/.test(t))
    expect(branchTag).toBeDefined()
    expect(feature.summary).toContain(branchTag)
    expect((await s.api.manifest(repository, 'cache-linux-amd64')).digest).toBe(mainCache.digest)

    const branchDigest = (await s.api.manifest(repository, branchTag!)).digest
    const before = (await s.api.tags(repository)).filter(t => t.startsWith('cache-')).sort()
    const pr = await leg(
      repository,
      { GITHUB_REF: 'refs/pull/7/merge', GITHUB_HEAD_REF: 'feature/login', GITHUB_EVENT_NAME: 'pull_request', GITHUB_RUN_ID: '4444' },
      event({ number: 7 })
    )
    expectSuccess(pr)
    expect(JSON.parse(pr.outputs.metadata).legs[0].cacheImportedRef).toMatch(new RegExp(`:${branchTag!.replace('.', '\\.')}$`))
    expect(pr.summary).toContain('read only')
    expect((await s.api.tags(repository)).filter(t => t.startsWith('cache-')).sort()).toEqual(before)
    expect((await s.api.manifest(repository, 'cache-linux-amd64')).digest).toBe(mainCache.digest)
    expect((await s.api.manifest(repository, branchTag!)).digest).toBe(branchDigest)
  })

  test('a repository the action creates gets the lifecycle policy; an existing one keeps its own', async () => {
    const created = uniqueRepository('lifecycle')
    expectSuccess(await leg(created, { GITHUB_REF: 'refs/heads/main' }, event()))
    expect(JSON.parse(s.emulator.repositories.get(created)?.lifecyclePolicy ?? '{}').rules).toHaveLength(3)
    const existing = uniqueRepository('ownpolicy')
    s.emulator.repositories.set(existing, { mutability: 'MUTABLE', exclusions: [], createdAt: Date.now(), lifecyclePolicy: '{"rules":[]}' })
    expectSuccess(await leg(existing, { GITHUB_REF: 'refs/heads/main' }, event()))
    expect(s.emulator.repositories.get(existing)?.lifecyclePolicy).toBe('{"rules":[]}')
  })
})
