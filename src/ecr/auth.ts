// ECR login (GetAuthorizationToken) and the error policy shared by every ECR API call.

import { GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr'
import { silentLogger, type Logger } from '../util/logger.js'
import { isTransientNetworkError, retry, type RetryDecision } from '../util/retry.js'

export interface EcrLogin {
  /** host[:port] of the proxy endpoint, what `docker login` takes. */
  registry: string
  username: string
  password: string
  expiresAt?: Date
}

/** Tuning of the retries around ECR API calls; tests pass a fake sleep. */
export interface AwsRetryOptions {
  attempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  deadlineMs?: number
  sleep?: (ms: number) => Promise<void>
}

export interface AwsCallOptions {
  logger?: Logger
  retry?: AwsRetryOptions
}

/** No AWS credentials (or region) on this runner: a pull request from a fork, or a missing set-up step. */
export class AwsNotConfiguredError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'AwsNotConfiguredError'
  }
}

export const MISSING_CREDENTIALS_MESSAGE =
  'no AWS credentials found: use aws-actions/configure-aws-credentials (OIDC) before this step, ' +
  'or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY'

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequests',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown'
])

const TIMEOUTS = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'])

interface AwsErrorShape {
  name?: string
  message?: string
  $fault?: string
  $metadata?: { httpStatusCode?: number }
}

function shape(err: unknown): AwsErrorShape {
  return typeof err === 'object' && err !== null ? (err as AwsErrorShape) : {}
}

export function isMissingCredentials(err: unknown): boolean {
  const e = shape(err)
  return e.name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '')
}

/** Retries throttling, server faults and transient network errors; nothing else. */
export function classifyAwsError(err: unknown): RetryDecision {
  if (isMissingCredentials(err)) return { retry: false }
  const e = shape(err)
  const name = e.name ?? ''
  const status = e.$metadata?.httpStatusCode
  if (THROTTLING.has(name) || status === 429) return { retry: true, reason: `throttled (${name || 'HTTP 429'})` }
  if ((status !== undefined && status >= 500) || e.$fault === 'server') {
    return { retry: true, reason: `server error (${name || `HTTP ${status}`})` }
  }
  if (TIMEOUTS.has(name)) return { retry: true, reason: `timeout (${name})` }
  if (isTransientNetworkError(err)) return { retry: true, reason: `network error (${name || e.message})` }
  return { retry: false }
}

/** Runs one ECR API call under the shared retry policy, turning missing credentials into an actionable error. */
export async function callAws<T>(operation: string, fn: () => Promise<T>, opts: AwsCallOptions = {}): Promise<T> {
  try {
    return await retry(() => fn(), classifyAwsError, { operation, logger: opts.logger ?? silentLogger, ...opts.retry })
  } catch (err) {
    if (isMissingCredentials(err)) throw new AwsNotConfiguredError(MISSING_CREDENTIALS_MESSAGE, { cause: err })
    throw withStatus(err)
  }
}

/**
 * An answer the SDK cannot parse (a 5xx from a load balancer, a cut body) leaves an error
 * that says only `UnknownError`: the HTTP status is what the user can act on, so it is added.
 */
function withStatus(err: unknown): unknown {
  const status = shape(err).$metadata?.httpStatusCode
  if (!(err instanceof Error) || status === undefined) return err
  // A typed ECR error (AccessDeniedException: ...) already says what went wrong.
  // (The retry loop may have prefixed `<operation> failed after N attempts: `.)
  const bare = ['UnknownError', err.name, ''].some(detail => err.message === detail || err.message.endsWith(`: ${detail}`))
  if (!bare) return err
  err.message = `${err.message || err.name} (HTTP ${status})`
  return err
}

/** Logs in to the private registry of the credentials' account (or of `registryIds[0]`). */
export async function getEcrLogin(client: ECRClient, opts: { registryIds?: string[] } & AwsCallOptions = {}): Promise<EcrLogin> {
  const logger = opts.logger ?? silentLogger
  const input = opts.registryIds?.length ? { registryIds: opts.registryIds } : {}
  const out = await callAws('ECR GetAuthorizationToken', () => client.send(new GetAuthorizationTokenCommand(input)), opts)
  const data = out.authorizationData?.[0]
  if (!data?.authorizationToken || !data.proxyEndpoint) {
    throw new Error(
      'ECR GetAuthorizationToken returned no authorization data; check that the credentials may call ecr:GetAuthorizationToken'
    )
  }
  const { username, password } = decodeToken(data.authorizationToken)
  const registry = hostOfEndpoint(data.proxyEndpoint)
  logger.debug(`ECR login for ${registry}${data.expiresAt ? `, valid until ${data.expiresAt.toISOString()}` : ''}`)
  return { registry, username, password, ...(data.expiresAt ? { expiresAt: data.expiresAt } : {}) }
}

function decodeToken(token: string): { username: string; password: string } {
  const decoded = Buffer.from(token, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  // Never echo the token: it is a credential.
  if (colon <= 0) throw new Error('ECR GetAuthorizationToken returned a malformed token (expected base64 of user:password)')
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

export function hostOfEndpoint(endpoint: string): string {
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(endpoint) ? endpoint : `https://${endpoint}`
  try {
    return new URL(withScheme).host
  } catch {
    throw new Error(`ECR returned an unusable proxy endpoint "${endpoint}"`)
  }
}
