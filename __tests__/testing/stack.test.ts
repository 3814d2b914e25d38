// The stack script stops only what it started, and the proxy log reader finds each target.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseProxyLog, projectRoot } from '../../testing/stack.js'

const script = readFileSync(join(projectRoot, 'scripts/stack.sh'), 'utf8')

describe('scripts/stack.sh', () => {
  it('never kills processes by name', () => {
    expect(script).not.toMatch(/\b(pkill|killall|pgrep)\b/)
  })

  it('starts every daemon through the one helper that records its pid file', () => {
    const nohups = script.split('\n').filter(line => /\bnohup\b/.test(line) && !line.trim().startsWith('#'))
    expect(nohups).toHaveLength(1)
    expect(nohups[0]).toContain('echo $! >"$pidfile"')
  })

  it('keeps the classic-store engine off the first engine: own socket, roots, pid file and bridge', () => {
    for (const flag of ['--data-root', '--exec-root', '--pidfile', '--config-file', '--bridge', '-H']) expect(script).toContain(`${flag} `)
    expect(script).not.toMatch(/"bridge"\s*:\s*"none"/)
    expect(script).toContain('\\"containerd-snapshotter\\":false')
  })
})

describe('parseProxyLog', () => {
  const log = [
    'CONNECT   Dec 02 14:06:57.921 [12160]: Connect (file descriptor 5): 127.0.0.1',
    'CONNECT   Dec 02 14:06:57.923 [12160]: Request (file descriptor 5): CONNECT registry.test:5443 HTTP/1.1',
    'CONNECT   Dec 02 14:06:57.930 [12160]: Established connection to host "registry.test" using file descriptor 6.',
    'CONNECT   Dec 02 14:06:58.197 [12160]: Request (file descriptor 7): GET http://example.test/v2/ HTTP/1.1',
    'CONNECT   Dec 02 14:06:58.198 [12160]: Request (file descriptor 8): GET http://example.test:8080/x HTTP/1.1',
    'CONNECT   Dec 02 14:06:58.199 [12160]: Request (file descriptor 9): CONNECT ecr.us-east-1.amazonaws.com:443 HTTP/1.1',
    'CONNECT   Dec 02 14:06:58.2'
  ].join('\n')

  it('returns each request target as host:port, in order', () => {
    expect(parseProxyLog(log)).toEqual(['registry.test:5443', 'example.test:80', 'example.test:8080', 'ecr.us-east-1.amazonaws.com:443'])
  })

  it('finds nothing in connection-only lines', () => {
    expect(parseProxyLog('CONNECT   Dec 02 14:06:57.921 [1]: Connect (file descriptor 5): 127.0.0.1\n')).toEqual([])
  })
})
