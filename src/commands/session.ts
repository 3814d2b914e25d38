// Logs in to the target registry: ECR and ECR Public through the SDK's credential chain, any
// other registry with username/password (or anonymously). Gives back one RegistryClient
// that every later registry call of the run goes through.
import type { ECRClient } from '@aws-sdk/client-ecr'
import type { ECRPUBLICClient } from '@aws-sdk/client-ecr-public'
import { AwsNotConfiguredError } from '../ecr/call.js'
import { isEcrPublic, resolveRegistryInput } from '../ecr/registry-host.js'
import { earlyConnectionsTaken } from '../net/early-connection.js'
import { hasProxy, readProxyEnv } from '../net/proxy.js'
import type { Credentials } from '../registry/auth.js'
import { RegistryClient } from '../registry/client.js'
import { pooledFetch } from '../registry/dispatcher.js'
import type { Logger } from '../util/logger.js'

export interface SessionOptions {
  registry?: string
  region?: string
  username?: string
  password?: string
  logger: Logger
  /** Called with every secret the moment it is known, before anything else happens. */
  maskSecret: (secret: string) => void
}

export interface RegistrySession {
  /** host[:port] */
  registry: string
  /** The ECR API client, when the registry is ECR (or answers like it). */
  ecr?: ECRClient
  /** The ECR Public API client, when the registry is public.ecr.aws logged in natively. */
  ecrPublic?: ECRPUBLICClient
  /** Account id for ECR calls against a registry other than the caller's own. */
  registryId?: string
  credentials?: Credentials
  client: RegistryClient
  /**
   * The step's one connection pool (registry/dispatcher.ts), for every other registry client of the
   * step (mirrors); undefined behind a proxy, where each client's default is the proxied fetch.
   */
  fetch?: typeof fetch
}

export async function openSession(options: SessionOptions): Promise<RegistrySession> {
  const target = resolveRegistryInput(options.registry, options.region)
  const { logger } = options
  // One keep-alive pool (HTTP/2 where offered) for every registry request of the step;
  // behind a proxy, the transport's default (the proxied fetch, same keep-alive options) carries them.
  const fetch = hasProxy(readProxyEnv()) ? undefined : pooledFetch(logger).fetch
  if (target.kind === 'other') {
    // ECR Public without a password given: its own login, through the SDK chain.
    if (isEcrPublic(target.host) && !options.password) return openEcrPublicSession(options, fetch)
    const credentials = options.username && options.password ? { username: options.username, password: options.password } : undefined
    if (credentials) options.maskSecret(credentials.password)
    return { registry: target.host, credentials, client: new RegistryClient({ registry: target.host, credentials, logger, fetch }), fetch }
  }

  // An ECR host decides the region; when the region input disagrees, say which one is used.
  if (target.kind === 'ecr' && target.note) logger.warning(target.note)
  const region = target.kind === 'ecr' ? target.region : options.region
  if (!region) {
    throw new AwsNotConfiguredError(
      'input region: no AWS region is set: give input region, or set AWS_REGION (aws-actions/configure-aws-credentials sets it)'
    )
  }
  // The SDK ignores HTTPS_PROXY by itself: the handler applies the same policy as the registry client.
  // Loaded only for ECR: the SDK is most of the start-up of a step that needs it (README, Performance).
  // One turn of the event loop first: an early connection to the ECR API (net/early-connection.ts)
  // whose TCP handshake finished while the step's code loaded sends its TLS hello now, and its
  // handshake goes on while the SDK loads (loading blocks the loop).
  await new Promise<void>(resolve => setImmediate(resolve))
  const [{ ECRClient }, { getEcrLogin }, { awsRequestHandler }] = await Promise.all([
    import('@aws-sdk/client-ecr'),
    import('../ecr/auth.js'),
    import('../net/aws-proxy-agent.js')
  ])
  const ecr: ECRClient = new ECRClient({ region, requestHandler: awsRequestHandler() })
  const registryId = target.kind === 'ecr' ? target.accountId : undefined
  const fetchToken = async (): Promise<{ registry: string } & Credentials> => {
    const token = await getEcrLogin(ecr, { registryIds: registryId ? [registryId] : undefined, logger })
    options.maskSecret(token.password)
    options.maskSecret(Buffer.from(`${token.username}:${token.password}`).toString('base64'))
    return token
  }
  const first = await fetchToken()
  if (earlyConnectionsTaken() > 0) logger.debug('ECR API: the login went over the connection opened at start-up')
  const registry = target.kind === 'ecr' ? target.host : first.registry
  const credentials = { username: first.username, password: first.password }
  // An expired token (a 401 after sending it) gets one fresh token and one more try.
  const refreshCredentials = async (): Promise<Credentials> => {
    const token = await fetchToken()
    return { username: token.username, password: token.password }
  }
  logger.info(`logged in to ECR registry ${registry} (region ${region})`)
  return {
    registry,
    ecr,
    registryId,
    credentials,
    client: new RegistryClient({ registry, credentials, refreshCredentials, basicUpfront: true, logger, fetch }),
    fetch
  }
}

async function openEcrPublicSession(options: SessionOptions, fetch: typeof globalThis.fetch | undefined): Promise<RegistrySession> {
  const { logger } = options
  // Loaded only for ECR Public, as the ECR SDK is only for ECR.
  const { ECR_PUBLIC_HOST, ECR_PUBLIC_REGION, ecrPublicLogin } = await import('../ecr/public.js')
  const { client: ecrPublic, credentials, refreshCredentials } = await ecrPublicLogin({ maskSecret: options.maskSecret, logger })
  logger.info(`logged in to ECR Public (${ECR_PUBLIC_HOST}, API region ${ECR_PUBLIC_REGION})`)
  return {
    registry: ECR_PUBLIC_HOST,
    ecrPublic,
    credentials,
    client: new RegistryClient({ registry: ECR_PUBLIC_HOST, credentials, refreshCredentials, logger, fetch }),
    fetch
  }
}
