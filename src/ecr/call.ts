// The policy of every ECR API call: which errors are retried (throttling, server faults,
// transient network errors), and missing credentials turned into an actionable error.
import { silentLogger, type Logger } from '../util/logger.js'
import { isTransientNetworkError, retry, type RetryDecision } from '../util/retry.js'

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
