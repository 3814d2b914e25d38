// platform-tags on the real stack: beside the index, each release tag gets one tag per
// platform holding that platform's image manifest itself (what Lambda takes), checked
// through the registry API, not the action's own client; and, for a real image built by a
// one-job multi-platform build, run with docker.
import { expectSuccess, SHA, startScenario, type Scenario } from '../../testing/scenario.js'
import { uniqueRepository } from '../../testing/stack.js'
import { pushSyntheticImage } from '../../testing/synthetic-image.js'
import type { ActionRun } from '../../testing/action-runner.js'

let s: Scenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

describe('a merge with platform-tags: true', () => {
  const repository = uniqueRepository('platform-tags')
  const images: Record<string, string> = {}
  let first: ActionRun
  let again: ActionRun

  beforeAll(async () => {
    const labels = { 'org.opencontainers.image.revision': SHA }
    for (const architecture of ['amd64', 'arm64']) {
      images[architecture] = (await pushSyntheticImage(s.api, repository, { os: 'linux', architecture }, { labels })).digest
    }
    const sources = Object.values(images)
      .map(digest => `${s.stack.registry}/${repository}@${digest}`)
      .join('\n')
    const inputs = { sources, tags: '1.2.3,latest', 'platform-tags': 'true' }
    first = await s.merge(repository, inputs)
    again = await s.merge(repository, inputs)
  })

  test('the release tags hold the index; the outputs list the platform tags after them', async () => {
    expectSuccess(first)
    const index = await s.api.manifest(repository, '1.2.3')
    expect(index.mediaType).toBe(OCI_INDEX)
    expect(index.digest).toBe(first.outputs.digest)
    const ref = (tag: string) => `${s.stack.registry}/${repository}:${tag}`
    expect(first.outputs.tags.split(',')).toEqual(
      ['1.2.3', 'latest', '1.2.3-amd64', 'latest-amd64', '1.2.3-arm64', 'latest-arm64'].map(ref)
    )
    expect(JSON.parse(first.outputs.metadata).platformTags).toContainEqual({
      tag: '1.2.3-arm64',
      platform: 'linux/arm64',
      digest: images.arm64
    })
  })

  test.each(['amd64', 'arm64'])('1.2.3-%s is a single image manifest whose config says linux/%s', async architecture => {
    for (const tag of [`1.2.3-${architecture}`, `latest-${architecture}`]) {
      const manifest = await s.api.manifest(repository, tag)
      expect(manifest.status).toBe(200)
      expect(manifest.mediaType).toBe(OCI_MANIFEST)
      expect(manifest.digest).toBe(images[architecture])
      expect(manifest.json.manifests).toBeUndefined()
      const config = await s.api.blobJson(repository, manifest.json.config.digest)
      expect({ os: config.os, architecture: config.architecture }).toEqual({ os: 'linux', architecture })
    }
  })

  test('a re-run leaves every tag as it is', () => {
    expectSuccess(again)
    expect(again.outputs.digest).toBe(first.outputs.digest)
    for (const tag of ['1.2.3', '1.2.3-amd64', 'latest-arm64']) expect(again.stdout).toContain(`${tag} already holds`)
  })
})

describe('a one-job build for amd64 and arm64 with platform-tags: true, run with docker', () => {
  const repository = uniqueRepository('platform-tags-run')
  let build: ActionRun
  const pulled: string[] = []
  const ref = (tag: string) => `${s.stack.registry}/${repository}:${tag}`

  beforeAll(async () => {
    build = await s.leg(repository, 'linux/amd64,linux/arm64', { inputs: { tags: '2.0', 'platform-tags': 'true' } })
  })
  afterAll(() => {
    for (const image of pulled) {
      try {
        s.docker(['image', 'rm', image])
      } catch {
        // Already gone: harmless.
      }
    }
  })

  test.each([
    ['amd64', 'x86_64'],
    ['arm64', 'aarch64']
  ])('2.0-%s runs and prints %s; its config names that architecture', async (architecture, uname) => {
    expectSuccess(build)
    const image = ref(`2.0-${architecture}`)
    pulled.push(image)
    expect(s.docker(['run', '--rm', '--pull', 'always', '--platform', `linux/${architecture}`, image]).trim()).toBe(uname)
    expect(s.docker(['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', image]).trim()).toBe(`linux/${architecture}`)
    const manifest = await s.api.manifest(repository, `2.0-${architecture}`)
    expect(manifest.mediaType).toBe(OCI_MANIFEST)
    const config = await s.api.blobJson(repository, manifest.json.config.digest)
    expect({ os: config.os, architecture: config.architecture }).toEqual({ os: 'linux', architecture })
  })
})
