// The first thing a step or a CLI command does: when it will log in to ECR, open the
// connection to the ECR API while the rest of the code (and the AWS SDK) loads
// (net/early-connection.ts). Reads the inputs as they were given, before any parsing;
// anything unclear (a proxy, another registry, mode check, an input the parser will refuse)
// opens nothing, and the run goes on exactly as without it.
import { ecrApiEndpoint } from '../ecr/api-endpoint.js'
import { regionOf, resolveRegistryInput } from '../ecr/registry-host.js'
import { connectEarly } from '../net/early-connection.js'
import { hasProxy, readProxyEnv } from '../net/proxy.js'

type Env = Record<string, string | undefined>

/** An input's raw value by its name (`mode` included), as the edge received it. */
export type RawInput = (name: string) => string | undefined

/** The ECR API endpoint this run's login will call, when the inputs say it surely will. */
export function earlyLoginEndpoint(input: RawInput, env: Env): URL | undefined {
  const given = (name: string) => input(name)?.trim() || undefined
  try {
    if ((given('mode') ?? 'build').toLowerCase() === 'check') return undefined
    if (hasProxy(readProxyEnv(env))) return undefined
    const region = regionOf(given('region'), env)
    const target = resolveRegistryInput(given('registry'), region)
    if (target.kind === 'other') return undefined
    return ecrApiEndpoint(target.kind === 'ecr' ? target.region : region, env)
  } catch {
    // The input is refused later, by the parser, with its own message.
    return undefined
  }
}

/** Resolves once the connection attempt has left (after one turn of the event loop: Node starts a connect on the next tick). */
export async function connectEarlyForLogin(input: RawInput, env: Env = process.env): Promise<void> {
  const endpoint = earlyLoginEndpoint(input, env)
  if (!endpoint) return
  connectEarly(endpoint)
  // Loading the rest blocks the loop; without this turn the connect would wait for it.
  await new Promise<void>(resolve => setImmediate(resolve))
}
