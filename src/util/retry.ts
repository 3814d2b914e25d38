// The one retry loop of the project: full-jitter exponential backoff under an
// attempt limit and a total time budget. Generic: callers say what is retryable.
import { silentLogger, type Logger } from './logger.js'

export type RetryDecision = { retry: false } | { retry: true; afterMs?: number /* e.g. from Retry-After */; reason: string }

export interface RetryOptions {
  attempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  /** Total budget across all attempts and waits. */
  deadlineMs?: number
  /** Named in errors and logs, e.g. `PUT manifest team/app:1.2`. */
  operation: string
  logger?: Logger
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  random?: () => number
}

export const retryDefaults = { attempts: 5, baseDelayMs: 250, maxDelayMs: 8000, deadlineMs: 60000 }

const realSleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

export async function retry<T>(
  fn: (attempt: number) => Promise<T>,
  classify: (err: unknown) => RetryDecision,
  opts: RetryOptions
): Promise<T> {
  const attempts = Math.max(1, Math.floor(opts.attempts ?? retryDefaults.attempts))
  const baseDelayMs = opts.baseDelayMs ?? retryDefaults.baseDelayMs
  const maxDelayMs = opts.maxDelayMs ?? retryDefaults.maxDelayMs
  const deadlineMs = opts.deadlineMs ?? retryDefaults.deadlineMs
  const logger = opts.logger ?? silentLogger
  const sleep = opts.sleep ?? realSleep
  const now = opts.now ?? Date.now
  const random = opts.random ?? Math.random
  const start = now()

  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt)
    } catch (err) {
      const decision = classify(err)
      if (!decision.retry || attempt >= attempts) throw finalError(err, opts.operation, attempt)
      const remaining = start + deadlineMs - now()
      if (remaining <= 0) throw finalError(err, opts.operation, attempt)
      const delay = Math.round(Math.min(remaining, delayFor(decision.afterMs, attempt, { baseDelayMs, maxDelayMs, random })))
      logger.info(`retrying ${opts.operation} in ${delay}ms (attempt ${attempt + 1}/${attempts}): ${decision.reason}`)
      await sleep(delay)
    }
  }
}

function delayFor(
  afterMs: number | undefined,
  attempt: number,
  o: { baseDelayMs: number; maxDelayMs: number; random: () => number }
): number {
  // A server-requested wait is honoured, but a hostile Retry-After cannot park us for hours.
  if (afterMs !== undefined && afterMs >= 0) return Math.min(afterMs, o.maxDelayMs * 4)
  return o.random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1))
}

/** The last error itself (callers keep its class and fields), its message naming the operation and attempts. */
function finalError(err: unknown, operation: string, attempts: number): unknown {
  if (attempts <= 1) return err
  const error = err instanceof Error ? err : new Error(String(err))
  const ownPrefix = `${operation}: `
  const detail = error.message.startsWith(ownPrefix) ? error.message.slice(ownPrefix.length) : error.message
  error.message = `${operation} failed after ${attempts} attempts: ${detail}`
  return error
}

const transientCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])

/** Connection-level failures worth another attempt; undici nests the real cause under `cause`. */
export function isTransientNetworkError(err: unknown): boolean {
  return causeChain(err).some(e => {
    if (typeof e !== 'object' || e === null) return false
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown }
    if (typeof code === 'string' && transientCodes.has(code)) return true
    if (name === 'TimeoutError' || name === 'AbortError') return true
    return name === 'TypeError' && message === 'terminated'
  })
}

function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = []
  const queue: unknown[] = [err]
  while (queue.length > 0 && chain.length < 16) {
    const e = queue.shift()
    if (e === undefined || e === null || chain.includes(e)) continue
    chain.push(e)
    if (typeof e === 'object') {
      const { cause, errors } = e as { cause?: unknown; errors?: unknown }
      queue.push(cause)
      // AggregateError from happy-eyeballs connects: one error per address tried.
      if (Array.isArray(errors)) queue.push(...errors)
    }
  }
  return chain
}

/** Retry-After as milliseconds to wait: delay-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  if (/^\d/.test(trimmed) || /^-/.test(trimmed)) return undefined
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}
