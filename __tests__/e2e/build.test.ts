// Two native build legs (QEMU stands in for the arm64 runner), each its own process,
// running dist/ against the real Docker engine, registry and the ECR API emulator.
import { readFileSync } from 'node:fs'
import { runAction, type ActionRun } from '../../testing/action-runner.js'
import { startEcrEmulator } from '../../testing/ecr-emulator.js'
import { registryApi } from '../../testing/registry-api.js'
import { busyboxContext, dockerClient, loadStack, uniqueRepository } from '../../testing/stack.js'

const stack = loadStack()
const api = registryApi(stack)
const dockerCli = dockerClient(stack)
let emulator: Awaited<ReturnType<typeof startEcrEmulator>>
const repository = uniqueRepository('legs')
const legs: Record<string, ActionRun> = {}

function awsEnv(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_ECR: emulator.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'not-a-secret',
    AWS_REGION: 'us-east-1'
  }
}

beforeAll(async () => {
  emulator = await startEcrEmulator({
    registryUrl: `https://${stack.registry}`,
    username: stack.username,
    password: stack.password,
    ca: readFileSync(stack.caCert, 'utf8')
  })
  const context = busyboxContext(stack)
  for (const platform of ['linux/amd64', 'linux/arm64']) {
    legs[platform] = await runAction({
      inputs: { repository, platforms: platform, context, 'build-args': `MARKER=${repository}` },
      env: awsEnv()
    })
  }
})

afterAll(async () => {
  await emulator?.close()
})

describe.each([
  ['linux/amd64', 'amd64', 'x86_64'],
  ['linux/arm64', 'arm64', 'aarch64']
])('build leg %s', (platform, arch, uname) => {
  const slug = platform.replace(/\//g, '-')

  test('succeeds and reports the staging tag, digest and image', () => {
    const run = legs[platform]
    expect({ exitCode: run.exitCode, stderr: run.exitCode === 0 ? '' : run.stderr + run.stdout }).toEqual({ exitCode: 0, stderr: '' })
    expect(run.outputs['staging-tag']).toBe(`stage-4242-1-${slug}`)
    expect(run.outputs.registry).toBe(stack.registry)
    expect(run.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(run.outputs.image).toBe(`${stack.registry}/${repository}@${run.outputs.digest}`)
    expect(run.outputs.platforms).toBe(platform)
    const metadata = JSON.parse(run.outputs.metadata)
    expect(metadata.legs[0]).toMatchObject({ platform, digest: run.outputs.digest, childDigest: expect.stringMatching(/^sha256:/) })
    expect(metadata.legs[0].buildSeconds).toBeGreaterThan(0)
  })

  test('the staging tag is an index whose image config says the platform', async () => {
    const run = legs[platform]
    const staged = await api.manifest(repository, run.outputs['staging-tag'])
    expect(staged.digest).toBe(run.outputs.digest)
    expect(staged.json.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    const images = staged.json.manifests.filter((m: any) => m.platform?.architecture !== 'unknown')
    expect(images).toHaveLength(1)
    const image = await api.manifest(repository, images[0].digest)
    const config = await api.blobJson(repository, image.json.config.digest)
    expect({ os: config.os, architecture: config.architecture }).toEqual({ os: 'linux', architecture: arch })
    expect(config.config.Labels['org.opencontainers.image.revision']).toBe('0123456789abcdef0123456789abcdef01234567')
    expect(config.config.Labels['org.opencontainers.image.source']).toBe('https://github.com/acme/app')
  })

  test(`docker run --platform ${platform} prints ${uname}`, () => {
    const ref = `${stack.registry}/${repository}:${legs[platform].outputs['staging-tag']}`
    expect(dockerCli(['run', '--rm', '--pull', 'always', '--platform', platform, ref]).trim()).toBe(uname)
  })

  test('writes a job summary with the leg and the staging tag', () => {
    const { summary, outputs } = legs[platform]
    expect(summary).toContain(platform)
    expect(summary).toContain(outputs['staging-tag'])
    expect(summary).toContain(JSON.parse(outputs.metadata).legs[0].childDigest)
  })

  test('the post step logs out and the token never appears anywhere', () => {
    const run = legs[platform]
    expect(run.post?.exitCode).toBe(0)
    const config = JSON.parse(readFileSync(`${run.dockerConfigDir}/config.json`, 'utf8'))
    expect(config.auths?.[stack.registry]).toBeUndefined()
    // Masked before anything else is printed.
    const firstLines = run.stdout.split('\n').filter(l => !l.startsWith('::debug::') && !l.startsWith('::group::'))
    expect(firstLines[0]).toMatch(/^::add-mask::/)
    const everything = run.everything()
    expect(everything).not.toContain(emulator.token)
    expect(everything).not.toContain(Buffer.from(`${stack.username}:${emulator.token}`).toString('base64'))
  })
})

test('the repository was created through the ECR API before anything was pushed', () => {
  const operations = emulator.calls.map(c => c.operation)
  expect(operations.filter(o => o === 'CreateRepository')).toHaveLength(1)
  expect(emulator.repositories.get(repository)?.mutability).toBe('MUTABLE')
  // The first leg's log: the repository phase ends before the build phase starts.
  const stdout = legs['linux/amd64'].stdout
  expect(stdout.indexOf('created repository')).toBeGreaterThan(-1)
  expect(stdout.indexOf('created repository')).toBeLessThan(stdout.indexOf('::group::Build linux/amd64'))
  expect(stdout.indexOf('::group::Build linux/amd64')).toBeLessThan(stdout.indexOf('staged linux/amd64 as'))
})

test('the registry cache is written per platform in the ECR form', async () => {
  for (const slug of ['linux-amd64', 'linux-arm64']) {
    const cache = await api.manifest(repository, `cache-${slug}`)
    expect(cache.status).toBe(200)
    expect(cache.json.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
  }
})
