// Registry failures as one error type whose message a user can act on.

export interface RegistryErrorOptions {
  status?: number
  /** Distribution error code, e.g. MANIFEST_UNKNOWN, TAG_INVALID. */
  code?: string
  /** Milliseconds the registry asked us to wait (Retry-After). */
  retryAfterMs?: number
  cause?: unknown
}

export class RegistryError extends Error {
  readonly status?: number
  readonly operation: string
  readonly code?: string
  readonly retryAfterMs?: number

  constructor(operation: string, detail: string, opts: RegistryErrorOptions = {}) {
    super(`${operation}: ${detail}`, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.name = 'RegistryError'
    this.operation = operation
    this.status = opts.status
    this.code = opts.code
    this.retryAfterMs = opts.retryAfterMs
  }
}

export interface ErrorResponse {
  status: number
  statusText: string
  contentType: string | null
  body: string
  /** host[:port] of the registry, named in hints. */
  host: string
  retryAfterMs?: number
}

interface DistributionError {
  code?: string
  message?: string
}

/** Builds the error for a non-success answer from its status and body. */
export function errorFromResponse(operation: string, res: ErrorResponse): RegistryError {
  const statusLine = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`
  const opts = { status: res.status, retryAfterMs: res.retryAfterMs }
  if (isHtml(res.contentType, res.body)) {
    return new RegistryError(operation, `${statusLine}: ${htmlHint(res.host)}`, opts)
  }
  const errors = parseErrors(res.body)
  const code = errors[0]?.code
  const parts = [statusLine]
  if (errors.length > 0) {
    parts.push(errors.map(e => [e.code, e.message].filter(Boolean).join(' ')).join('; '))
  } else if (res.body.trim() !== '') {
    parts.push(snippet(res.body))
  }
  const hint = statusHint(res.status, res.host)
  if (hint) parts.push(hint)
  return new RegistryError(operation, parts.join(': '), { ...opts, code })
}

export function htmlHint(host: string): string {
  return `the registry answered HTML, not the registry API: is ${host} a container registry?`
}

export function isHtml(contentType: string | null, body = ''): boolean {
  if (contentType !== null && /^\s*text\/html\b/i.test(contentType)) return true
  return contentType === null && /^\s*<(!doctype html|html)/i.test(body)
}

function statusHint(status: number, host: string): string | undefined {
  if (status === 401) return `authentication to ${host} failed: check the registry credentials (an ECR password expires after 12 hours)`
  if (status === 403) return `the credentials for ${host} are not allowed to do this: check the repository policy and IAM permissions`
  return undefined
}

function parseErrors(body: string): DistributionError[] {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown }
    if (!Array.isArray(parsed?.errors)) return []
    return parsed.errors
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map(e => ({ code: stringOr(e.code), message: stringOr(e.message) }))
  } catch {
    return []
  }
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function snippet(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim()
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}...` : oneLine
}
