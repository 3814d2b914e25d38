// The first thing the step does: when it will log in to ECR, open the connection to the ECR
// API while the rest of the step (and the AWS SDK) loads. Reads the inputs from the
// environment as they are; anything unclear (a proxy, another registry, mode check, an input
// that will be refused) opens nothing, and the step goes on exactly as without it.
import { ecrApiEndpoint } from '../ecr/api-endpoint.js'
import { resolveRegistryInput } from '../ecr/registry-host.js'
import { connectEarly } from '../net/early-connection.js'
import { hasProxy, readProxyEnv } from '../net/proxy.js'

type Env = Record<string, string | undefined>

const input = (env: Env, name: string) => env[`INPUT_${name.toUpperCase()}`]?.trim() || undefined

/** The ECR API endpoint this step's login will call, when the inputs say it surely will. */
export function earlyLoginEndpoint(env: Env): URL | undefined {
  try {
    if ((input(env, 'mode') ?? 'build').toLowerCase() === 'check') return undefined
    if (hasProxy(readProxyEnv(env))) return undefined
    const region = input(env, 'region') ?? (env.AWS_REGION?.trim() || undefined) ?? (env.AWS_DEFAULT_REGION?.trim() || undefined)
    const target = resolveRegistryInput(input(env, 'registry'), region)
    if (target.kind === 'other') return undefined
    return ecrApiEndpoint(target.kind === 'ecr' ? target.region : region, env)
  } catch {
    // The input is refused later, by the parser, with its own message.
    return undefined
  }
}

/** Resolves once the connection attempt has left (after one turn of the event loop: Node starts a connect on the next tick). */
export async function connectEarlyForLogin(env: Env = process.env): Promise<void> {
  const endpoint = earlyLoginEndpoint(env)
  if (!endpoint) return
  connectEarly(endpoint)
  // Loading the step blocks the loop; without this turn the connect would wait for it.
  await new Promise<void>(resolve => setImmediate(resolve))
}
