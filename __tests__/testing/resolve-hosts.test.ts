// testing/resolve-hosts.mjs, preloaded into a child node process as the e2e tests preload it
// into the action's: the names given resolve to their addresses (both lookup forms net uses),
// every other name as before.
import { execFileSync } from 'node:child_process'
import { resolveHostsEnv } from '../../testing/stack.js'

const lookups = `
import dns from 'node:dns'
const one = name => new Promise((resolve, reject) => dns.lookup(name, (err, address, family) => (err ? reject(err) : resolve({ address, family }))))
const all = name => new Promise((resolve, reject) => dns.lookup(name, { all: true }, (err, list) => (err ? reject(err) : resolve(list))))
console.log(JSON.stringify({
  one: await one('Public.ECR.aws'),
  all: await all('public.ecr.aws'),
  other: await one('localhost').then(r => r.address !== '127.0.0.3')
}))
`

test('the names given resolve to their addresses in the preloaded process, the others as usual', () => {
  const env = { ...process.env, ...resolveHostsEnv({ 'public.ecr.aws': '127.0.0.3' }) }
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', lookups], { env, encoding: 'utf8' })
  expect(JSON.parse(out)).toEqual({
    one: { address: '127.0.0.3', family: 4 },
    all: [{ address: '127.0.0.3', family: 4 }],
    other: true
  })
})
