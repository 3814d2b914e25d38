// Preloaded into the action's own process (NODE_OPTIONS=--import) by the tests that need a
// real registry name to reach the stack without an /etc/hosts entry that would take that name
// from the whole machine (public.ecr.aws). RESOLVE_HOSTS lists name=address pairs, comma
// separated; every other name resolves as usual. Plain JavaScript: it runs beside dist/.
import dns from 'node:dns'

const overrides = new Map(
  (process.env.RESOLVE_HOSTS ?? '')
    .split(',')
    .filter(pair => pair.includes('='))
    .map(pair => pair.split('=').map(part => part.trim().toLowerCase()))
)
const lookup = dns.lookup

dns.lookup = function (hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options
    options = {}
  }
  const address = overrides.get(String(hostname).toLowerCase())
  if (address === undefined) return lookup.call(dns, hostname, options, callback)
  const family = address.includes(':') ? 6 : 4
  const all = typeof options === 'object' && options !== null && options.all === true
  if (all) process.nextTick(callback, null, [{ address, family }])
  else process.nextTick(callback, null, address, family)
}
