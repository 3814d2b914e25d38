// metadata-action's rules on the real stack, and `latest` across a back-port: publish
// 2.0.0, then 1.4.7 (latest stays on 2.0.0), then 2.0.1 (latest moves).
import { expectSuccess, startScenario, type Scenario } from '../../testing/scenario.js'
import { uniqueRepository } from '../../testing/stack.js'
import type { ActionRun } from '../../testing/action-runner.js'

let s: Scenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

const RULES = 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}\ntype=sha'
const VERSION = 'org.opencontainers.image.version'

describe('latest never goes backwards', () => {
  const repository = uniqueRepository('metadata')
  const runs: Record<string, ActionRun> = {}
  const latest: Record<string, string | undefined> = {}

  /** One release: an amd64 leg and the merge, as a tag push of `version` in its own run. */
  async function release(version: string, sha: string, run: string): Promise<void> {
    const env = { GITHUB_REF: `refs/tags/v${version}`, GITHUB_SHA: sha, GITHUB_RUN_ID: run }
    expectSuccess(await s.leg(repository, 'linux/amd64', { inputs: { tags: RULES }, env }))
    runs[version] = await s.merge(repository, { tags: RULES }, env)
    expectSuccess(runs[version])
    latest[version] = (await s.api.manifest(repository, 'latest')).digest
  }

  beforeAll(async () => {
    await release('2.0.0', '2000000000000000000000000000000000000000', '7001')
    await release('1.4.7', '1470000000000000000000000000000000000000', '7002')
    await release('2.0.1', '2010000000000000000000000000000000000000', '7003')
  })

  test('2.0.0 takes latest, with the version annotation and outputs', async () => {
    const r = runs['2.0.0']
    expect(r.outputs.tags.split(',')).toEqual(['2.0.0', '2', 'sha-2000000', 'latest'].map(t => `${s.stack.registry}/${repository}:${t}`))
    expect(latest['2.0.0']).toBe(r.outputs.digest)
    expect(r.outputs.version).toBe('2.0.0')
    expect(r.outputs.labels.split('\n')).toContain(`${VERSION}=2.0.0`)
    expect(r.outputs.annotations.split('\n')).toContain(`index:${VERSION}=2.0.0`)
    expect((await s.api.manifest(repository, '2.0.0')).json.annotations[VERSION]).toBe('2.0.0')
    expect(r.summary).toContain('moved')
  })

  test('the back-port 1.4.7 publishes its own tags, and latest still holds 2.0.0', async () => {
    const r = runs['1.4.7']
    expect(r.outputs.tags.split(',')).toEqual(['1.4.7', '1', 'sha-1470000'].map(t => `${s.stack.registry}/${repository}:${t}`))
    expect(latest['1.4.7']).toBe(runs['2.0.0'].outputs.digest)
    expect((await s.api.manifest(repository, '1.4.7')).digest).toBe(r.outputs.digest)
    expect(r.stdout).toContain('::notice::latest holds 2.0.0, higher than 1.4.7: latest stays (latest-policy: highest)')
    expect(r.summary).toContain('did not move')
  })

  test('2.0.1 moves latest forward', () => {
    expect(latest['2.0.1']).toBe(runs['2.0.1'].outputs.digest)
    expect(latest['2.0.1']).not.toBe(runs['2.0.0'].outputs.digest)
  })

  test('the leg images carry the standard OCI labels', async () => {
    const index = await s.api.manifest(repository, '2.0.1')
    const child = index.json.manifests[0].digest as string
    const manifest = await s.api.manifest(repository, child)
    const config = await s.api.blobJson(repository, manifest.json.config.digest)
    expect(config.config.Labels).toMatchObject({
      [VERSION]: '2.0.1',
      'org.opencontainers.image.revision': '2010000000000000000000000000000000000000',
      'org.opencontainers.image.title': 'app',
      'org.opencontainers.image.source': 'https://github.com/acme/app'
    })
  })
})
