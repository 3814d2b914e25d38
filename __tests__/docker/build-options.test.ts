// build-push-action's options: each form accepted or refused with what is accepted, and
// the exact buildx arguments they become (values stay single argv elements).
import {
  buildKitOnlyInput,
  buildOptionArgs,
  DEFAULT_BUILD_OPTIONS,
  parseAddHosts,
  parseBuildContexts,
  parseCacheSpecs,
  parseCall,
  parseNetwork,
  parseProvenance,
  parseSbom,
  parseShmSize,
  parseSsh,
  parseStages,
  parseUlimits,
  secretFileArgs,
  type BuildOptions
} from '../../src/docker/build-options.js'

function options(overrides: Partial<BuildOptions> = {}): BuildOptions {
  return { ...DEFAULT_BUILD_OPTIONS, ...overrides }
}

describe('buildOptionArgs', () => {
  test('no options, no arguments', () => {
    expect(buildOptionArgs(DEFAULT_BUILD_OPTIONS)).toEqual([])
  })

  test('every option, in a fixed order, each value its own element', () => {
    const args = buildOptionArgs(
      options({
        buildContexts: ['alpine=docker-image://alpine:3.20', 'src=./my src'],
        ssh: ['default', 'github=/tmp/agent.sock'],
        network: 'none',
        addHosts: ['docker:10.180.0.1', 'db:host-gateway'],
        shmSize: '2g',
        ulimits: ['nofile=1024:2048'],
        noCache: true,
        noCacheFilters: ['builder', 'test'],
        pull: true,
        call: 'check',
        sbom: 'generator=registry.test/scanner:1',
        cacheFrom: ['type=gha'],
        cacheTo: ['type=gha,mode=max']
      })
    )
    expect(args).toEqual([
      '--build-context',
      'alpine=docker-image://alpine:3.20',
      '--build-context',
      'src=./my src',
      '--ssh',
      'default',
      '--ssh',
      'github=/tmp/agent.sock',
      '--network',
      'none',
      '--add-host',
      'docker:10.180.0.1',
      '--add-host',
      'db:host-gateway',
      '--shm-size',
      '2g',
      '--ulimit',
      'nofile=1024:2048',
      '--no-cache',
      '--no-cache-filter',
      'builder',
      '--no-cache-filter',
      'test',
      '--pull',
      '--call',
      'check',
      '--sbom=generator=registry.test/scanner:1'
    ])
  })

  test('sbom true is --sbom=true; call build adds nothing', () => {
    expect(buildOptionArgs(options({ sbom: 'true', call: 'build' }))).toEqual(['--sbom=true'])
  })

  test('secret files become neutral links: the id, never the path', () => {
    const args = secretFileArgs(
      [
        { id: 'npmrc', path: '/home/me/.npmrc' },
        { id: 'key', path: '/secret/key.pem' }
      ],
      '/tmp/ecr-publish-x'
    )
    expect(args).toEqual([
      '--secret',
      'id=npmrc,src=/tmp/ecr-publish-x/secret-file-0',
      '--secret',
      'id=key,src=/tmp/ecr-publish-x/secret-file-1'
    ])
    expect(args.join(' ')).not.toMatch(/npmrc$|key\.pem|\/home\/me/)
  })
})

describe('forms', () => {
  test.each<[string, () => unknown, unknown]>([
    ['build context', () => parseBuildContexts(['base=target:base', 'docker.io/library/alpine=docker-image://alpine']), 2],
    ['ssh default', () => parseSsh(['default', 'default=/run/a.sock,/run/key', 'gh=/k']), 3],
    ['network', () => parseNetwork('host'), 'host'],
    ['add-hosts v4, v6, gateway', () => parseAddHosts(['a:1.2.3.4', 'b:::1', 'c=host-gateway', 'd:[fe80::1]']), 4],
    ['shm-size', () => parseShmSize('512m'), '512m'],
    ['ulimit', () => parseUlimits(['nofile=1024', 'core=-1:-1']), 2],
    ['stages', () => parseStages(['builder', 'test-1']), 2],
    ['call', () => parseCall('Check'), 'check'],
    ['sbom true', () => parseSbom('True'), 'true'],
    ['sbom false', () => parseSbom('false'), false],
    ['sbom generator', () => parseSbom('generator=registry.test:5443/scanner:1'), 'generator=registry.test:5443/scanner:1'],
    ['provenance true', () => parseProvenance('true'), true],
    ['provenance false', () => parseProvenance('FALSE'), false],
    ['provenance max', () => parseProvenance('mode=max'), 'mode=max'],
    [
      'provenance attributes',
      () => parseProvenance('mode=max, builder-id=https://github.com/o/r/actions/runs/1,version=v1'),
      'mode=max,builder-id=https://github.com/o/r/actions/runs/1,version=v1'
    ],
    ['cache specs', () => parseCacheSpecs(['type=gha,scope=app', 'registry.test/app:cache', ' type=local,src=/tmp/c ']), 3]
  ])('accepts %s', (_name, parse, expected) => {
    const result = parse()
    if (typeof expected === 'number') expect(result).toHaveLength(expected)
    else expect(result).toEqual(expected)
  })

  test('cache specs come back trimmed', () => {
    expect(parseCacheSpecs([' type=local,src=/tmp/c '])).toEqual(['type=local,src=/tmp/c'])
  })

  test.each<[string, () => unknown, string]>([
    ['build context without =', () => parseBuildContexts(['alpine']), '"alpine" is not name=value'],
    ['build context with an empty value', () => parseBuildContexts(['alpine= ']), 'is not name=value'],
    ['build context named -x', () => parseBuildContexts(['-x=y']), 'is not name=value'],
    ['ssh with spaces', () => parseSsh(['default = /a']), 'is not default, default=<socket>'],
    ['ssh flag', () => parseSsh(['--x']), 'is not default'],
    ['network bridge', () => parseNetwork('bridge'), '"bridge" is not one of default, none, host'],
    ['add-hosts without ip', () => parseAddHosts(['docker']), '"docker" is not host:ip'],
    ['add-hosts with a name for ip', () => parseAddHosts(['docker:example.com']), 'is not host:ip'],
    ['shm-size unit', () => parseShmSize('2gb'), '"2gb" is not a size'],
    ['ulimit name', () => parseUlimits(['files=1']), 'with a name among core'],
    ['ulimit value', () => parseUlimits(['nofile=many']), 'is not name=soft[:hard]'],
    ['stage', () => parseStages(['a b']), '"a b" is not a build stage name'],
    ['call', () => parseCall('lint'), '"lint" is not one of build, check, outline, targets'],
    ['sbom', () => parseSbom('yes'), '"yes" is not true, false or generator=<scanner image>'],
    ['sbom generator with options', () => parseSbom('generator=a,b=c'), 'is not true, false or generator'],
    ['provenance mode', () => parseProvenance('mode=full'), '"mode=full" is not true, false, or mode=min|max'],
    ['provenance unknown key', () => parseProvenance('mode=max,secret=x'), 'is not true, false, or mode=min|max'],
    ['provenance repeated key', () => parseProvenance('mode=max,mode=min'), 'is not true, false'],
    ['cache spec without type', () => parseCacheSpecs(['mode=max,ref=a']), 'names no type'],
    ['cache spec with a space', () => parseCacheSpecs(['type=gha, scope=a b']), 'is not type=<backend>']
  ])('refuses %s', (_name, parse, message) => {
    expect(parse).toThrow(message)
  })
})

describe('buildKitOnlyInput', () => {
  test('none for the defaults, else the first set', () => {
    expect(buildKitOnlyInput(DEFAULT_BUILD_OPTIONS)).toBeUndefined()
    expect(buildKitOnlyInput(options({ sbom: 'true', ssh: ['default'] }))).toBe('ssh')
    expect(buildKitOnlyInput(options({ call: 'check' }))).toBe('call')
  })
})
