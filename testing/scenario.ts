// Shared set-up for the e2e tests: the ECR API emulator over the real registry, and
// one-liners that run a build leg or a merge through dist/ as a runner would.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type ActionRun } from './action-runner.js'
import { startEcrEmulator, type EcrEmulator } from './ecr-emulator.js'
import { startProxy, type Proxy } from './proxy.js'
import { registryApi } from './registry-api.js'
import { busyboxContext, dockerClient, dockerConfigWith, loadStack, stackDir, type Stack } from './stack.js'
import { pushSyntheticImage } from './synthetic-image.js'

export const SHA = '0123456789abcdef0123456789abcdef01234567'

export interface Scenario {
  stack: Stack
  emulator: EcrEmulator
  api: ReturnType<typeof registryApi>
  docker: (args: string[]) => string
  context: string
  /** Environment every step of this scenario gets (AWS credentials, the emulator endpoint). */
  env(extra?: Record<string, string>): Record<string, string>
  leg(repository: string, platform: string, extra?: { inputs?: Record<string, string>; env?: Record<string, string> }): Promise<ActionRun>
  merge(repository: string, inputs?: Record<string, string>, env?: Record<string, string>): Promise<ActionRun>
  close(): Promise<void>
}

export async function startScenario(options: { registryUrl?: string } = {}): Promise<Scenario> {
  const stack = loadStack()
  const emulator = await startEcrEmulator({
    registryUrl: options.registryUrl ?? `https://${stack.registry}`,
    username: stack.username,
    password: stack.password,
    ca: readFileSync(stack.caCert, 'utf8'),
    // ECR Public tokens open the registry standing in for public.ecr.aws.
    ...(stack.ecrPublic ? { publicCredentials: { username: stack.ecrPublic.username, password: stack.ecrPublic.password } } : {}),
    // The second account answers the calls signed for its region, with the token of its own registry.
    otherAccounts: stack.secondEcr
      ? [
          {
            registryUrl: `https://${stack.secondEcr.registry}`,
            username: stack.secondEcr.username,
            password: stack.secondEcr.password,
            accountId: stack.secondEcr.accountId,
            region: stack.secondEcr.region,
            ca: readFileSync(stack.caCert, 'utf8')
          }
        ]
      : []
  })
  const context = busyboxContext(stack)
  const env = (extra: Record<string, string> = {}) => ({
    AWS_ENDPOINT_URL_ECR: emulator.endpoint,
    AWS_ENDPOINT_URL_ECR_PUBLIC: emulator.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'not-a-secret',
    AWS_REGION: 'us-east-1',
    GITHUB_SHA: SHA,
    ...extra
  })
  return {
    stack,
    emulator,
    api: registryApi(stack),
    docker: dockerClient(stack),
    context,
    env,
    leg: (repository, platform, extra = {}) =>
      runAction({ inputs: { repository, platforms: platform, context, ...extra.inputs }, env: env(extra.env) }),
    merge: (repository, inputs = {}, extraEnv = {}) => runAction({ inputs: { mode: 'merge', repository, ...inputs }, env: env(extraEnv) }),
    close: () => emulator.close()
  }
}

/** Fails with the step's own output when it did not succeed: a readable test failure. */
export function expectSuccess(run: ActionRun): void {
  if (run.exitCode !== 0) throw new Error(`step failed (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`)
}

/** The ::error:: line a failed step printed. */
export function errorOf(run: ActionRun): string {
  return (
    run.stdout
      .split('\n')
      .find(line => line.startsWith('::error::'))
      ?.slice('::error::'.length) ?? ''
  )
}

/** A Linux image of each architecture pushed to `repository` (built from SHA), as `sources` references by digest. */
export async function pushSources(
  s: Scenario,
  repository: string,
  architectures: readonly string[] = ['amd64', 'arm64']
): Promise<string[]> {
  const labels = { 'org.opencontainers.image.revision': SHA }
  const sources: string[] = []
  for (const architecture of architectures) {
    const image = await pushSyntheticImage(s.api, repository, { os: 'linux', architecture }, { labels })
    sources.push(`${s.stack.registry}/${repository}@${image.digest}`)
  }
  return sources
}

/**
 * The GHCR stand-in behind a fault proxy, for a mirror that meets faults: the proxy speaks TLS
 * as registry.test:<port> (the primary's certificate), and `dockerConfig` holds the login
 * docker/login-action would write for the proxied host.
 */
export async function mirrorBehindFaultProxy(stack: Stack): Promise<{ proxy: Proxy; dockerConfig: string }> {
  const ghcr = stack.mirrorRegistry
  const ca = readFileSync(stack.caCert, 'utf8')
  const proxy = await startProxy({
    target: `https://${ghcr.registry}`,
    tls: { key: readFileSync(join(stackDir, 'registry/certs/tls.key'), 'utf8'), cert: ca },
    ca
  })
  return { proxy, dockerConfig: dockerConfigWith('mirror-fault-login-', { [proxy.host]: ghcr }) }
}
