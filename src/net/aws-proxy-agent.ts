// The proxy policy of proxy.ts, handed to the AWS SDK's Node HTTP handler (ECR and ECR Public
// API calls). Apart from proxy-agents.ts so that it loads only with the SDK.
import http from 'node:http'
import https from 'node:https'
import type { Socket } from 'node:net'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { EarlyConnectionAgent, hasEarlyConnection } from './early-connection.js'
import { describeProxyFailure, hasProxy, proxyFor, proxyRefused, readProxyEnv, type ProxyEnv, type ProxySetting } from './proxy.js'

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

/**
 * The AWS SDK's request handler under the policy. With no proxy: the SDK's own agent settings,
 * taking the early connection to the ECR API when the entry opened one (early-connection.ts);
 * undefined (the SDK's default) otherwise.
 */
export function awsRequestHandler(p: ProxyEnv = readProxyEnv()): NodeHttpHandler | undefined {
  if (!hasProxy(p)) {
    return hasEarlyConnection()
      ? new NodeHttpHandler({ httpsAgent: new EarlyConnectionAgent({ keepAlive: true, maxSockets: 50 }) })
      : undefined
  }
  const httpsProxy = p.https ?? p.http
  return new NodeHttpHandler({
    httpAgent: p.http ? new PolicyProxyAgent(p.http, p, new http.Agent({ keepAlive: true })) : new http.Agent({ keepAlive: true }),
    httpsAgent: httpsProxy
      ? new PolicyProxyAgent(httpsProxy, p, new https.Agent({ keepAlive: true }))
      : new https.Agent({ keepAlive: true })
  })
}
