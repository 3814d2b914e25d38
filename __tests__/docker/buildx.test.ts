// buildxArgs: the exact argv of `docker buildx build`, and proof that values from inputs
// and git refs stay single argv elements in value positions, never flags or extra paths.
import { jest } from '@jest/globals'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import {
  BuildxError,
  buildxArgs,
  cacheImported,
  countCachedSteps,
  importedCacheRefs,
  runBuildx,
  secretEnvName,
  type BuildxPlan
} from '../../src/docker/buildx.js'
import { DEFAULT_BUILD_OPTIONS } from '../../src/docker/build-options.js'
import { parsePlatform } from '../../src/oci/platform.js'

const registry = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
const SHA = '0123456789abcdef0123456789abcdef01234567'

function plan(overrides: Partial<BuildxPlan> = {}): BuildxPlan {
  return {
    context: '.',
    platforms: [parsePlatform('linux/amd64')],
    buildArgs: {},
    labels: {},
    secretIds: [],
    provenance: true,
    tags: [],
    push: false,
    ...overrides
  }
}

// Every flag buildxArgs may emit: those that take the next element as their value, and the rest.
const VALUE_FLAGS = new Set([
  '--builder',
  '--platform',
  '--file',
  '--target',
  '--build-arg',
  '--label',
  '--secret',
  '--tag',
  '--cache-from',
  '--cache-to',
  '--metadata-file'
])
const LONE_FLAGS = new Set(['--progress=plain', '--provenance=mode=min', '--provenance=false', '--push'])
// The options' flags (build-options.test.ts checks their values).
const OPTION_VALUE_FLAGS = ['--build-context', '--ssh', '--network', '--add-host', '--shm-size', '--ulimit', '--no-cache-filter', '--call']
for (const flag of OPTION_VALUE_FLAGS) VALUE_FLAGS.add(flag)
for (const flag of ['--no-cache', '--pull', '--provenance=mode=max', '--sbom=true']) LONE_FLAGS.add(flag)

interface Parsed {
  flags: [string, string | undefined][]
  positionals: string[]
}

/**
 * Reads argv the way a flag parser does (after `buildx build`). Fails on any element in a
 * flag position that is not one of ours, and on any positional before `--`.
 */
function parseArgv(args: string[]): Parsed {
  expect(args.slice(0, 2)).toEqual(['buildx', 'build'])
  const flags: [string, string | undefined][] = []
  for (let i = 2; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--') return { flags, positionals: args.slice(i + 1) }
    if (VALUE_FLAGS.has(arg)) {
      expect(i + 1).toBeLessThan(args.length)
      flags.push([arg, args[i + 1]])
      i++
    } else if (LONE_FLAGS.has(arg)) {
      flags.push([arg, undefined])
    } else {
      throw new Error(`argv[${i}] ${JSON.stringify(arg)} is in a flag position but is not a flag buildxArgs emits`)
    }
  }
  throw new Error('argv has no -- terminator before the context')
}

describe('buildxArgs', () => {
  test('a full plan gives exactly this argv', () => {
    const full = plan({
      builder: 'remote-builder',
      context: './app',
      file: 'app/Dockerfile.prod',
      target: 'runtime',
      platforms: [parsePlatform('linux/arm64')],
      buildArgs: { NODE_VERSION: '20', QUERY: 'a=b,c=d' },
      labels: { 'org.opencontainers.image.revision': SHA, 'org.opencontainers.image.title': 'App' },
      secretIds: ['npm', 'gh_token'],
      provenance: true,
      tags: [`${registry}/team/app:stage-8812345-1-linux-arm64`],
      push: true,
      cacheFrom: [`${registry}/team/app:cache-linux-arm64`],
      cacheTo: `${registry}/team/app:cache-linux-arm64`
    })
    expect(buildxArgs(full, '/tmp/meta/metadata.json')).toEqual([
      'buildx',
      'build',
      '--progress=plain',
      '--builder',
      'remote-builder',
      '--platform',
      'linux/arm64',
      '--file',
      'app/Dockerfile.prod',
      '--target',
      'runtime',
      '--build-arg',
      'NODE_VERSION=20',
      '--build-arg',
      'QUERY=a=b,c=d',
      '--label',
      `org.opencontainers.image.revision=${SHA}`,
      '--label',
      'org.opencontainers.image.title=App',
      '--secret',
      'id=npm,env=ECR_PUBLISH_SECRET_0',
      '--secret',
      'id=gh_token,env=ECR_PUBLISH_SECRET_1',
      '--provenance=mode=min',
      '--tag',
      `${registry}/team/app:stage-8812345-1-linux-arm64`,
      '--cache-from',
      `type=registry,ref=${registry}/team/app:cache-linux-arm64`,
      '--cache-to',
      `type=registry,ref=${registry}/team/app:cache-linux-arm64,mode=max,image-manifest=true,oci-mediatypes=true`,
      '--metadata-file',
      '/tmp/meta/metadata.json',
      '--push',
      '--',
      './app'
    ])
  })

  test('a minimal plan leaves out every optional flag', () => {
    expect(buildxArgs(plan({ provenance: false, platforms: [parsePlatform('linux/arm/v7')] }), 'm.json')).toEqual([
      'buildx',
      'build',
      '--progress=plain',
      '--platform',
      'linux/arm/v7',
      '--provenance=false',
      '--metadata-file',
      'm.json',
      '--',
      '.'
    ])
  })

  test('several platforms are one comma-separated --platform value', () => {
    const args = buildxArgs(plan({ platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v6'].map(parsePlatform) }), 'm.json')
    expect(parseArgv(args).flags.filter(([flag]) => flag === '--platform')).toEqual([
      ['--platform', 'linux/amd64,linux/arm64,linux/arm/v6']
    ])
  })

  const hostile = [
    '$(touch /tmp/pwned)',
    '`touch /tmp/pwned`',
    'line one\nline two',
    '--push',
    '--output=type=local,dest=/',
    '-',
    '--',
    "'; rm -rf / #",
    '-o type=local,dest=/'
  ]

  test.each(hostile)('hostile value %j stays one argv element in a value position', value => {
    const args = buildxArgs(
      plan({
        builder: value,
        context: value,
        file: value,
        target: value,
        buildArgs: { BRANCH: value, [value]: 'x' },
        labels: { 'org.example.branch': value, [value]: 'y' },
        push: false
      }),
      '/tmp/m.json'
    )
    const { flags, positionals } = parseArgv(args)

    // The context is the one and only positional, after the terminator.
    expect(positionals).toEqual([value])
    expect(flags).toEqual([
      ['--progress=plain', undefined],
      ['--builder', value],
      ['--platform', 'linux/amd64'],
      ['--file', value],
      ['--target', value],
      ['--build-arg', `BRANCH=${value}`],
      ['--build-arg', `${value}=x`],
      ['--label', `org.example.branch=${value}`],
      ['--label', `${value}=y`],
      ['--provenance=mode=min', undefined],
      ['--metadata-file', '/tmp/m.json']
    ])
    // Nothing asked for a push: the hostile value did not add one, nor any other flag.
    expect(flags.some(([flag]) => flag === '--push')).toBe(false)
    // Wherever the bare value stands, it stands right after a flag that takes it, or after `--`.
    // (The terminator itself, second to last, is not the value even when the value is `--`.)
    expect(args[args.length - 2]).toBe('--')
    const at = args.flatMap((arg, i) => (arg === value && i !== args.length - 2 ? [i] : []))
    expect(at.length).toBe(4)
    for (const i of at) expect(VALUE_FLAGS.has(args[i - 1]) || (args[i - 1] === '--' && i === args.length - 1)).toBe(true)
  })

  test('secret values never reach argv: only id=<id>,env=<variable>', () => {
    const ids = ['NPM_TOKEN', 'gh', 'a.b-c']
    const args = buildxArgs(plan({ secretIds: ids }), 'm.json')
    const secrets = parseArgv(args).flags.filter(([flag]) => flag === '--secret')
    expect(secrets).toEqual(ids.map((id, i) => ['--secret', `id=${id},env=${secretEnvName(i)}`]))
    for (const [, value] of secrets) expect(value).toMatch(/^id=[^,=]+,env=ECR_PUBLISH_SECRET_\d+$/)
  })
})

describe('secretEnvName', () => {
  test('one distinct, valid environment variable name per index', () => {
    const names = [0, 1, 2, 10, 99].map(secretEnvName)
    expect(names).toEqual([
      'ECR_PUBLISH_SECRET_0',
      'ECR_PUBLISH_SECRET_1',
      'ECR_PUBLISH_SECRET_2',
      'ECR_PUBLISH_SECRET_10',
      'ECR_PUBLISH_SECRET_99'
    ])
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) expect(name).toMatch(/^[A-Z_][A-Z0-9_]*$/)
  })
})

describe('countCachedSteps', () => {
  test('counts the steps BuildKit reports as CACHED in plain progress', () => {
    const progress = [
      '#0 building with "default" instance using docker driver',
      '#1 [internal] load build definition from Dockerfile',
      '#1 transferring dockerfile: 120B done',
      '#1 DONE 0.0s',
      '#5 [2/4] RUN apt-get update',
      '#5 CACHED',
      '',
      '#6 [3/4] COPY package.json .',
      '#6 CACHED\r',
      '  #7 CACHED  ',
      '#8 [4/4] RUN echo CACHED',
      '#8 0.120 CACHED',
      '#8 DONE 0.2s',
      '#9 CACHED extra words',
      'CACHED',
      '#10 cached'
    ].join('\n')
    expect(countCachedSteps(progress)).toBe(3)
  })

  test.each(['', '\n\n', '#1 DONE 0.0s'])('zero for %j', progress => {
    expect(countCachedSteps(progress)).toBe(0)
  })
})

describe('runBuildx with a fake docker on PATH', () => {
  let dir: string
  const savedPath = process.env.PATH

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fake-buildx-'))
    // Records its argv (NUL-separated) and the secret variables, writes the metadata file,
    // and reports progress with two cached steps, the way buildx does.
    const script = [
      '#!/bin/bash',
      'out="$(dirname "$0")"',
      `printf '%s\\0' "$@" > "$out/argv"`,
      `printf '%s\\0' "$ECR_PUBLISH_SECRET_0" "$ECR_PUBLISH_SECRET_1" > "$out/secrets"`,
      'meta=""',
      'while [ $# -gt 0 ]; do',
      '  if [ "$1" = "--metadata-file" ]; then meta="$2"; fi',
      '  case "$1=$2" in --secret=*src=*) cat "${2#*src=}" >> "$out/secret-files";; esac',
      '  shift',
      'done',
      `printf '{"containerimage.digest":"sha256:%064d"}' 7 > "$meta"`,
      `printf '#5 CACHED\\n#6 CACHED\\n#7 DONE 0.1s\\n' >&2`,
      'if [ -e "$out/exit-code" ]; then exit "$(cat "$out/exit-code")"; fi'
    ].join('\n')
    writeFileSync(join(dir, 'docker'), `${script}\n`)
    chmodSync(join(dir, 'docker'), 0o755)
    process.env.PATH = `${dir}${delimiter}${savedPath ?? ''}`
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  })

  afterEach(() => {
    jest.restoreAllMocks()
    process.env.PATH = savedPath
    rmSync(dir, { recursive: true, force: true })
  })

  const secretValues = ['npm-s3cret-value', 'gh $(id) `id` "quoted"\nsecond line']

  test('secret values travel in the environment, never in argv, and the result is read back', async () => {
    const result = await runBuildx(plan({ secretIds: ['npm', 'gh'], labels: { branch: '$(touch /tmp/pwned)' } }), secretValues)
    expect(result.digest).toBe(`sha256:${'0'.repeat(63)}7`)
    expect(result.cachedSteps).toBe(2)
    expect(result.seconds).toBeGreaterThanOrEqual(0)

    const argv = readFileSync(join(dir, 'argv'), 'utf8').split('\0').slice(0, -1)
    expect(argv).toContain('id=npm,env=ECR_PUBLISH_SECRET_0')
    expect(argv).toContain('id=gh,env=ECR_PUBLISH_SECRET_1')
    expect(argv).toContain('branch=$(touch /tmp/pwned)')
    for (const secret of secretValues) expect(argv.join('\n')).not.toContain(secret)

    expect(readFileSync(join(dir, 'secrets'), 'utf8').split('\0').slice(0, -1)).toEqual(secretValues)
    // The secrets went to the child only: this process's environment does not hold them.
    expect(process.env[secretEnvName(0)]).toBeUndefined()
  })

  test('secret files reach buildx through links in its temp dir: the contents read, neither path nor contents in argv', async () => {
    const secretFile = join(dir, 'my-s3cret-path')
    writeFileSync(secretFile, 'file-s3cret-contents')
    const options = { ...DEFAULT_BUILD_OPTIONS, secretFiles: [{ id: 'npmrc', path: secretFile }] }
    await runBuildx(plan({ options }), [])
    expect(readFileSync(join(dir, 'secret-files'), 'utf8')).toBe('file-s3cret-contents')
    const argv = readFileSync(join(dir, 'argv'), 'utf8').split('\0').slice(0, -1)
    const secret = argv[argv.indexOf('--secret') + 1]
    expect(secret).toMatch(/^id=npmrc,src=.*\/secret-file-0$/)
    expect(argv.join('\n')).not.toMatch(/my-s3cret-path|file-s3cret-contents/)
    // The link went with the temp dir.
    expect(() => readFileSync(secret.slice(secret.indexOf('src=') + 4))).toThrow()
  })

  test('a failed build reports the exit code and the last line of its output', async () => {
    writeFileSync(join(dir, 'exit-code'), '3')
    await expect(runBuildx(plan(), [])).rejects.toThrow('docker buildx build failed (exit 3): #7 DONE 0.1s')
  })
})

describe('BuildxError.transient: when building again is worth it', () => {
  test.each([
    ['ERROR: failed to push registry.test:5443/a:b: received unexpected HTTP status: 503 Service Unavailable', true],
    ['Error response from daemon: received unexpected HTTP status: 502 Bad Gateway', true],
    [
      'ERROR: failed to solve: failed to do request: Put "https://x/v2/a/manifests/b": read tcp 1.2.3.4:5->6.7.8.9:443: read: connection reset by peer',
      true
    ],
    ['ERROR: failed to solve: failed to fetch anonymous token: 429 Too Many Requests', true],
    ['ERROR: failed to solve: process "/bin/sh -c curl -f https://x/500" did not complete successfully: exit code: 22', false],
    ['ERROR: failed to solve: failed to compute cache key: "/missing" not found', false],
    ['ERROR: failed to authorize: failed to fetch oauth token: 401 Unauthorized', false]
  ])('%s -> %s', (detail, transient) => {
    expect(new BuildxError(1, detail).transient).toBe(transient)
  })
})

describe('cacheImported', () => {
  test.each([
    ['#3 importing cache manifest from r/a:cache-linux-amd64\n#3 DONE 0.0s\n#7 CACHED', true],
    [
      '#3 importing cache manifest from r/a:cache-linux-amd64\n#3 ERROR: failed to configure registry cache importer: r/a:cache-linux-amd64: not found',
      false
    ],
    ['#7 CACHED\n#8 DONE 0.1s', false]
  ])('%j -> %s', (progress, imported) => {
    expect(cacheImported(progress)).toBe(imported)
  })
})

describe('importedCacheRefs', () => {
  test('the first ref imported: a missing branch ref falls back to the default', () => {
    const progress = [
      '#3 importing cache manifest from r/a:cache-linux-amd64-feature.0123abcd',
      '#3 ERROR: failed to configure registry cache importer: r/a:cache-linux-amd64-feature.0123abcd: not found',
      '#4 importing cache manifest from r/a:cache-linux-amd64',
      '#4 DONE 0.1s'
    ].join('\n')
    expect(importedCacheRefs(progress)).toEqual(['r/a:cache-linux-amd64'])
    expect(importedCacheRefs('#4 importing cache manifest from r/a:y\n#3 importing cache manifest from r/a:x\n#3 DONE 0.0s')).toEqual([
      'r/a:y',
      'r/a:x'
    ])
    expect(importedCacheRefs('#7 CACHED')).toEqual([])
  })
})

describe('buildxArgs with options', () => {
  test('options, several cache imports, user cache specs and provenance attributes', () => {
    const options = {
      ...DEFAULT_BUILD_OPTIONS,
      ssh: ['default'],
      noCache: true,
      pull: true,
      sbom: 'true',
      secretFiles: [{ id: 'npmrc', path: '/home/me/.npmrc' }],
      cacheFrom: ['type=gha'],
      cacheTo: ['type=gha,mode=max']
    }
    const args = buildxArgs(
      plan({ provenance: 'mode=max', options, cacheFrom: ['r/a:cache-linux-amd64-x.01234567', 'r/a:cache-linux-amd64'] }),
      'm.json',
      '/tmp/d'
    )
    const { flags, positionals } = parseArgv(args)
    expect(positionals).toEqual(['.'])
    expect(flags).toEqual(
      expect.arrayContaining([
        ['--secret', 'id=npmrc,src=/tmp/d/secret-file-0'],
        ['--provenance=mode=max', undefined],
        ['--ssh', 'default'],
        ['--no-cache', undefined],
        ['--pull', undefined],
        ['--sbom=true', undefined]
      ])
    )
    expect(flags.filter(([flag]) => flag === '--cache-from').map(([, v]) => v)).toEqual([
      'type=registry,ref=r/a:cache-linux-amd64-x.01234567',
      'type=registry,ref=r/a:cache-linux-amd64',
      'type=gha'
    ])
    expect(flags.filter(([flag]) => flag === '--cache-to').map(([, v]) => v)).toEqual(['type=gha,mode=max'])
    expect(args.join(' ')).not.toContain('.npmrc')
  })
})
