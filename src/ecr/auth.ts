// ECR login: GetAuthorizationToken, the token decoded into docker credentials.
import { GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr'
import { silentLogger } from '../util/logger.js'
import { callAws, type AwsCallOptions } from './call.js'

export interface EcrLogin {
  /** host[:port] of the proxy endpoint, what `docker login` takes. */
  registry: string
  username: string
  password: string
  expiresAt?: Date
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
  const { username, password } = decodeToken(data.authorizationToken, 'ECR GetAuthorizationToken')
  const registry = hostOfEndpoint(data.proxyEndpoint)
  logger.debug(`ECR login for ${registry}${data.expiresAt ? `, valid until ${data.expiresAt.toISOString()}` : ''}`)
  return { registry, username, password, ...(data.expiresAt ? { expiresAt: data.expiresAt } : {}) }
}

/** A token of GetAuthorizationToken (base64 of user:password) as docker credentials. */
export function decodeToken(token: string, operation: string): { username: string; password: string } {
  const decoded = Buffer.from(token, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  // Never echo the token: it is a credential.
  if (colon <= 0) throw new Error(`${operation} returned a malformed token (expected base64 of user:password)`)
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
