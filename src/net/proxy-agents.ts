// The proxy policy of proxy.ts, handed to the two HTTP stacks the action uses:
// undici's fetch (the registry client) and the AWS SDK's Node HTTP handler (ECR API).
import { KEEP_ALIVE_OPTIONS } from '../registry/dispatcher.js'
import http from 'node:http'
import https from 'node:https'
import type { Socket } from 'node:net'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici'
import {
  describeProxyFailure,
  formatNoProxy,
  hasProxy,
  proxyFor,
  proxyRefused,
  readProxyEnv,
  type ProxyEnv,
  type ProxySetting
} from './proxy.js'

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

type ConnectOpts = Parameters<HttpsProxyAgent<string>['connect']>[1]

/**
 * An https-proxy-agent that asks the policy on every connection: NO_PROXY hosts go through a
 * plain agent (agent-base hands the request to an Agent that connect() returns), the rest
 * through the proxy, and a tunnel the proxy refuses is an error naming the proxy, not a
 * replayed 403 that would read as the target's answer.
 */
class PolicyProxyAgent extends HttpsProxyAgent<string> {
  constructor(
    private readonly setting: ProxySetting,
    private readonly policy: ProxyEnv,
    private readonly direct: http.Agent
  ) {
    super(setting.url.href, { keepAlive: true })
  }

  override async connect(req: http.ClientRequest, opts: ConnectOpts): Promise<Socket> {
    const scheme = opts.secureEndpoint ? 'https' : 'http'
    const host = opts.host?.includes(':') ? `[${opts.host}]` : (opts.host ?? '')
    const target = `${host}:${opts.port}`
    // agent-base accepts an Agent from connect() and passes the request to it.
    if (!proxyFor(`${scheme}://${target}`, this.policy)) return this.direct as unknown as Socket
    let status = 0
    req.once('proxyConnect', (answer: { statusCode?: number }) => (status = answer.statusCode ?? 0))
    let socket: Socket
    try {
      socket = await super.connect(req, opts)
    } catch (err) {
      throw describeProxyFailure(err, this.setting, target) ?? err
    }
    if (status !== 200) {
      socket.destroy()
      throw proxyRefused(this.setting, target, status)
    }
    return socket
  }
}

/** The AWS SDK's request handler under the policy; undefined (the SDK's default) when no proxy is set. */
export function awsRequestHandler(p: ProxyEnv = readProxyEnv()): NodeHttpHandler | undefined {
  if (!hasProxy(p)) return undefined
  const httpsProxy = p.https ?? p.http
  return new NodeHttpHandler({
    httpAgent: p.http ? new PolicyProxyAgent(p.http, p, new http.Agent({ keepAlive: true })) : new http.Agent({ keepAlive: true }),
    httpsAgent: httpsProxy
      ? new PolicyProxyAgent(httpsProxy, p, new https.Agent({ keepAlive: true }))
      : new https.Agent({ keepAlive: true })
  })
}
