// The stack's variants are what they claim to be: the engine configured as GitHub-hosted
// runners ship it, the logging forward proxy, the registries standing in for GHCR, a second
// ECR account and ECR Public. The action's own tests on them (issues 9 and 10) rely on these
// facts.
import { execFileSync } from 'node:child_process'
import { get } from 'node:https'
import { readFileSync } from 'node:fs'
import { registryApi } from '../../testing/registry-api.js'
import { busyboxContext, dockerClient, loadStack, proxyLogOffset, proxyTargets, uniqueRepository } from '../../testing/stack.js'

const stack = loadStack()
const classic = dockerClient(stack, { host: stack.classicDocker.host })

/** The stderr of a docker command that must fail. */
function failure(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error)
  }
  throw new Error('the command succeeded')
}

describe('the classic-store engine', () => {
  it('uses the classic image store on overlay2, not the containerd snapshotter', () => {
    const info = classic(['info', '--format', '{{.Driver}} {{json .DriverStatus}}'])
    expect(info).toMatch(/^overlay2 /)
    expect(info).not.toContain('io.containerd.snapshotter')
  })

  it("has buildx's default builder on the docker driver", () => {
    expect(classic(['buildx', 'inspect'])).toMatch(/^Driver:\s+docker$/m)
  })

  it('refuses a registry cache export, as the hosted runners do', () => {
    const repository = `${stack.registry}/${uniqueRepository('classic-cache')}`
    const stderr = failure(() =>
      classic(['buildx', 'build', '--cache-to', `type=registry,ref=${repository}:cache`, '-t', `${repository}:v1`, busyboxContext(stack)])
    )
    expect(stderr).toContain('Cache export is not supported for the docker driver')
  })

  it('builds without provenance or cache export and pushes to the test registry', async () => {
    const repository = uniqueRepository('classic-push')
    classic(['buildx', 'build', '--provenance=false', '--push', '-t', `${stack.registry}/${repository}:v1`, busyboxContext(stack)])
    const manifest = await registryApi(stack).manifest(repository, 'v1')
    expect(manifest.status).toBe(200)
    // The classic store pushes Docker media types, one image manifest (no index).
    expect(manifest.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
  })
})

describe('the forward proxy', () => {
  it('forwards a CONNECT to the registry and logs its target', () => {
    const offset = proxyLogOffset(stack)
    const status = execFileSync(
      'curl',
      ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-x', stack.proxy.url, '--cacert', stack.caCert, `https://${stack.registry}/v2/`],
      { encoding: 'utf8' }
    )
    expect(status).toBe('401')
    // toContain: other suites may use the proxy at the same time.
    expect(proxyTargets(offset, stack)).toContain(stack.registry)
  })
})

describe('the GHCR stand-in', () => {
  const ca = readFileSync(stack.caCert)
  const status = (authorization?: string): Promise<number | undefined> =>
    new Promise((resolve, reject) => {
      const headers = authorization ? { authorization } : undefined
      get(`https://${stack.mirrorRegistry.registry}/v2/`, { ca, headers }, res => {
        res.resume()
        resolve(res.statusCode)
      }).on('error', reject)
    })

  // The request trusts only the stack CA: it also signed this registry's certificate.
  it("answers 401 without credentials or with the first registry's, and 200 with its own", async () => {
    const { username, password } = stack.mirrorRegistry
    expect(await status()).toBe(401)
    expect(await status(`Basic ${Buffer.from(`${stack.username}:${stack.password}`).toString('base64')}`)).toBe(401)
    expect(await status(`Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`)).toBe(200)
  })
})

describe("the second ECR account's registry and the ECR Public stand-in", () => {
  const ca = readFileSync(stack.caCert)
  /** GET /v2/ of a stand-in, at `address` when given (a name no hosts file maps). */
  const status = (host: string, authorization?: string, address?: string): Promise<number | undefined> =>
    new Promise((resolve, reject) => {
      const headers = authorization ? { authorization } : undefined
      const lookup = address
        ? (_: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
            options.all ? cb(null, [{ address, family: 4 }]) : cb(null, address, 4)
        : undefined
      get(`https://${host}/v2/`, { ca, headers, ...(lookup ? { lookup: lookup as never } : {}) }, res => {
        res.resume()
        resolve(res.statusCode)
      }).on('error', reject)
    })
  const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`

  it("answers under the account's real host name: 401 without credentials or with the first registry's, 200 with its own", async () => {
    const second = stack.secondEcr!
    expect(second.registry).toBe('987654321098.dkr.ecr.us-west-2.amazonaws.com')
    expect(await status(second.registry)).toBe(401)
    expect(await status(second.registry, basic(stack.username, stack.password))).toBe(401)
    expect(await status(second.registry, basic(second.username, second.password))).toBe(200)
  })

  it('the ECR Public stand-in answers as public.ecr.aws at its own address, and no hosts entry takes that name', async () => {
    const ecrPublic = stack.ecrPublic!
    expect(readFileSync('/etc/hosts', 'utf8')).not.toMatch(/\spublic\.ecr\.aws(\s|$)/m)
    expect(await status('public.ecr.aws', undefined, ecrPublic.address)).toBe(401)
    expect(await status('public.ecr.aws', basic(stack.username, stack.password), ecrPublic.address)).toBe(401)
    expect(await status('public.ecr.aws', basic(ecrPublic.username, ecrPublic.password), ecrPublic.address)).toBe(200)
  })
})
