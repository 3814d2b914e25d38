// The proxy policy of proxy.ts, handed to undici's fetch (the registry client). The AWS SDK's
// side is aws-proxy-agent.ts, loaded with the SDK only.
import { KEEP_ALIVE_OPTIONS } from '../registry/dispatcher.js'
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici'
import { describeProxyFailure, formatNoProxy, hasProxy, proxyFor, readProxyEnv, type ProxyEnv } from './proxy.js'

/**
 * fetch for the registry client: Node's own fetch when no proxy is set, else undici's fetch
 * with an EnvHttpProxyAgent given exactly this module's settings (the undici package's
 * dispatcher only goes with the undici package's fetch). Proxy failures name the proxy.
 */
export function proxiedFetch(p: ProxyEnv = readProxyEnv()): typeof fetch {
  if (!hasProxy(p)) return globalThis.fetch
  const dispatcher = new EnvHttpProxyAgent({
    keepAliveTimeout: KEEP_ALIVE_OPTIONS.keepAliveTimeout,
    keepAliveMaxTimeout: KEEP_ALIVE_OPTIONS.keepAliveMaxTimeout,
    httpProxy: p.http?.url.href ?? '',
    httpsProxy: p.https?.url.href ?? p.http?.url.href ?? '',
    noProxy: formatNoProxy(p.noProxy)
  })
  const send = async (input: URL | string, init?: RequestInit): Promise<Response> => {
    try {
      // undici's Response is the same class Node's fetch returns, typed by another package.
      return (await undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as Response
    } catch (err) {
      const url = new URL(input)
      const proxy = proxyFor(url, p)
      throw (proxy && describeProxyFailure(err, proxy, url.host)) || err
    }
  }
  return send as typeof fetch
}
