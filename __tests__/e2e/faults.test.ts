// exploration
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startProxy, type Proxy } from '../support/proxy.js'
import { expectSuccess, startScenario, type Scenario } from '../support/scenario.js'
import { loadStack, stackDir, uniqueRepository } from '../support/stack.js'

const stack = loadStack()
let registryProxy: Proxy
let s: Scenario

beforeAll(async () => {
  const certs = join(stackDir, 'registry/certs')
  registryProxy = await startProxy({
    target: `https://${stack.registry}`,
    tls: { key: readFileSync(join(certs, 'tls.key'), 'utf8'), cert: readFileSync(join(certs, 'ca.crt'), 'utf8') },
    ca: readFileSync(stack.caCert, 'utf8')
  })
  s = await startScenario({ registryUrl: registryProxy.url })
})
afterAll(async () => {
  await s?.close()
  await registryProxy?.close()
})

test('explore', async () => {
  const repository = uniqueRepository('faults-explore')
  registryProxy.inject({ method: 'PUT', path: /\/manifests\//, fault: '503', times: 1 })
  registryProxy.inject({ method: 'HEAD', path: /\/blobs\//, fault: 'reset', times: 1 })
  registryProxy.inject({ method: 'GET', path: /\/manifests\/sha256:/, fault: '503', times: 2 })
  registryProxy.inject({ method: 'GET', path: /\/blobs\//, fault: 'reset', times: 1 })
  const run = await s.leg(repository, 'linux/amd64', { inputs: { 'build-args': `MARKER=${repository}` } })
  console.log(registryProxy.requests.map(r => `${r.method} ${r.path} ${r.status} ${(r.userAgent ?? '-').slice(0, 10)} ${r.fault ?? ''}`).join('\n'))
  console.log(run.stdout)
  expectSuccess(run)
})
