import { isTransientNetworkError, parseRetryAfter, retry, type RetryDecision, type RetryOptions } from '../../src/util/retry.js'
import type { Logger } from '../../src/util/logger.js'

const always = (): RetryDecision => ({ retry: true, reason: 'boom' })
const never = (): RetryDecision => ({ retry: false })

function harness(overrides: Partial<RetryOptions> = {}) {
  const sleeps: number[] = []
  const infos: string[] = []
  let clock = 0
  const logger: Logger = { info: m => infos.push(m), warning: () => {}, debug: () => {} }
  const opts: RetryOptions = {
    operation: 'PUT manifest team/app:1.2',
    logger,
    random: () => 1,
    now: () => clock,
    sleep: async ms => {
      sleeps.push(ms)
      clock += ms
    },
    ...overrides
  }
  return { opts, sleeps, infos, advance: (ms: number) => (clock += ms) }
}

function failing(times: number, value = 'ok', error = () => new Error('503 Service Unavailable')) {
  const calls: number[] = []
  const fn = async (attempt: number) => {
    calls.push(attempt)
    if (calls.length <= times) throw error()
    return value
  }
  return { fn, calls }
}

class CustomError extends Error {
  readonly status = 503
}

describe('retry', () => {
  it('returns the first success without sleeping', async () => {
    const h = harness()
    const { fn, calls } = failing(0)
    await expect(retry(fn, always, h.opts)).resolves.toBe('ok')
    expect(calls).toEqual([1])
    expect(h.sleeps).toEqual([])
  })

  it('retries with full-jitter exponential backoff until it succeeds', async () => {
    const h = harness({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 })
    const { fn, calls } = failing(3)
    await expect(retry(fn, always, h.opts)).resolves.toBe('ok')
    expect(calls).toEqual([1, 2, 3, 4])
    expect(h.sleeps).toEqual([50, 100, 200])
  })

  it('caps the backoff at maxDelayMs', async () => {
    const h = harness({ baseDelayMs: 1000, maxDelayMs: 3000, attempts: 5 })
    const { fn } = failing(4)
    await retry(fn, always, h.opts)
    expect(h.sleeps).toEqual([1000, 2000, 3000, 3000])
  })

  it('uses defaults of 5 attempts and 250 ms base', async () => {
    const h = harness()
    const { fn, calls } = failing(10)
    await expect(retry(fn, always, h.opts)).rejects.toThrow('after 5 attempts')
    expect(calls).toHaveLength(5)
    expect(h.sleeps).toEqual([250, 500, 1000, 2000])
  })

  it('honours a server-requested delay, capped at four times maxDelayMs', async () => {
    const h = harness({ maxDelayMs: 1000 })
    const { fn } = failing(2)
    const delays = [1500, 60000]
    await retry(fn, () => ({ retry: true, afterMs: delays.shift(), reason: '429' }), h.opts)
    expect(h.sleeps).toEqual([1500, 4000])
  })

  it('never sleeps past the deadline and stops once it has passed', async () => {
    const h = harness({ deadlineMs: 1000, attempts: 10, maxDelayMs: 100000 })
    const { fn, calls } = failing(10)
    const err = await retry(fn, () => ({ retry: true, afterMs: 700, reason: 'wait' }), h.opts).catch((e: unknown) => e)
    expect(h.sleeps).toEqual([700, 300])
    expect(calls).toEqual([1, 2, 3])
    expect((err as Error).message).toBe('PUT manifest team/app:1.2 failed after 3 attempts: 503 Service Unavailable')
  })

  it('counts time spent inside attempts against the deadline', async () => {
    const h = harness({ deadlineMs: 1000, attempts: 10, baseDelayMs: 10 })
    const calls: number[] = []
    const fn = async (attempt: number): Promise<string> => {
      calls.push(attempt)
      h.advance(600)
      throw new Error('slow failure')
    }
    await expect(retry(fn, always, h.opts)).rejects.toThrow('failed after 2 attempts: slow failure')
    expect(calls).toEqual([1, 2])
  })

  it('throws a non-retryable error at once, unchanged', async () => {
    const h = harness()
    const original = new CustomError('404 Not Found')
    const { fn, calls } = failing(1, 'ok', () => original)
    const err = await retry(fn, never, h.opts).catch((e: unknown) => e)
    expect(err).toBe(original)
    expect((err as Error).message).toBe('404 Not Found')
    expect(calls).toEqual([1])
  })

  it('throws the last error itself, its message naming operation and attempts', async () => {
    const h = harness({ attempts: 3 })
    const { fn } = failing(5, 'ok', () => new CustomError('503 Service Unavailable'))
    const err = await retry(fn, always, h.opts).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CustomError)
    expect((err as CustomError).status).toBe(503)
    expect((err as Error).message).toBe('PUT manifest team/app:1.2 failed after 3 attempts: 503 Service Unavailable')
  })

  it('does not repeat the operation when the error message already starts with it', async () => {
    const h = harness({ attempts: 2 })
    const { fn } = failing(5, 'ok', () => new Error('PUT manifest team/app:1.2: 500 Internal Server Error'))
    await expect(retry(fn, always, h.opts)).rejects.toThrow(
      /^PUT manifest team\/app:1.2 failed after 2 attempts: 500 Internal Server Error$/
    )
  })

  it('wraps thrown non-errors', async () => {
    const h = harness({ attempts: 2 })
    const fn = async (): Promise<never> => {
      throw 'plain string'
    }
    await expect(retry(fn, always, h.opts)).rejects.toThrow('PUT manifest team/app:1.2 failed after 2 attempts: plain string')
  })

  it('logs each retry with delay, attempt and reason', async () => {
    const h = harness({ baseDelayMs: 100 })
    const { fn } = failing(2)
    await retry(fn, always, h.opts)
    expect(h.infos).toEqual([
      'retrying PUT manifest team/app:1.2 in 100ms (attempt 2/5): boom',
      'retrying PUT manifest team/app:1.2 in 200ms (attempt 3/5): boom'
    ])
  })

  it('passes the attempt number and treats attempts < 1 as one attempt', async () => {
    const h = harness({ attempts: 0 })
    const { fn, calls } = failing(1)
    await expect(retry(fn, always, h.opts)).rejects.toThrow('503')
    expect(calls).toEqual([1])
  })
})

function withCode(code: string, message = code): Error {
  return Object.assign(new Error(message), { code })
}

describe('isTransientNetworkError', () => {
  it.each([
    'ECONNRESET',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT'
  ])('is true for %s, directly or as the cause of fetch failed', code => {
    expect(isTransientNetworkError(withCode(code))).toBe(true)
    expect(isTransientNetworkError(new TypeError('fetch failed', { cause: withCode(code) }))).toBe(true)
  })

  it('is true for undici body termination and for timeouts', () => {
    expect(isTransientNetworkError(new TypeError('terminated', { cause: withCode('UND_ERR_SOCKET') }))).toBe(true)
    expect(isTransientNetworkError(new TypeError('terminated'))).toBe(true)
    expect(isTransientNetworkError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe(true)
    expect(isTransientNetworkError(new DOMException('aborted', 'AbortError'))).toBe(true)
  })

  it('looks into AggregateError from multi-address connects', () => {
    const aggregate = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed')
    expect(isTransientNetworkError(new TypeError('fetch failed', { cause: aggregate }))).toBe(true)
  })

  it('is false for permanent failures', () => {
    expect(isTransientNetworkError(withCode('ENOTFOUND'))).toBe(false)
    expect(isTransientNetworkError(new TypeError('fetch failed', { cause: withCode('CERT_HAS_EXPIRED') }))).toBe(false)
    expect(isTransientNetworkError(new Error('something else'))).toBe(false)
    expect(isTransientNetworkError(new TypeError('Invalid URL'))).toBe(false)
    expect(isTransientNetworkError(undefined)).toBe(false)
    expect(isTransientNetworkError('ECONNRESET')).toBe(false)
  })

  it('survives cyclic causes', () => {
    const a = new Error('a') as Error & { cause?: unknown }
    const b = new Error('b', { cause: a })
    a.cause = b
    expect(isTransientNetworkError(a)).toBe(false)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z')

  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000)
    expect(parseRetryAfter(' 120 ', now)).toBe(120000)
    expect(parseRetryAfter('0', now)).toBe(0)
  })

  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30000)
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0)
  })

  it('ignores absent or malformed values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('', now)).toBeUndefined()
    expect(parseRetryAfter('-1', now)).toBeUndefined()
    expect(parseRetryAfter('1.5', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })
})
