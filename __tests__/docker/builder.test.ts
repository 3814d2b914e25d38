// The builder a leg runs on, against a fake `docker` first on PATH that answers like a
// stock hosted runner (docker driver, classic image store) or as control files ask, and
// logs every command it gets: the exact commands, the post-step clean-up, the fallback.
import { DEFAULT_BUILD_OPTIONS } from '../../src/docker/build-options.js'
import { jest } from '@jest/globals'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { cleanup } from '../../src/action/post.js'
import { build, type BuildConfig } from '../../src/commands/build.js'
import {
  chooseBuilder,
  createArgs,
  DEFAULT_BUILDKIT_IMAGE,
  inspectBuilder,
  parseBuildxVersion,
  usesContainerdStore,
  type BuilderOptions
} from '../../src/docker/builder.js'
import { buildxArgs } from '../../src/docker/buildx.js'
import { parsePlatform } from '../../src/oci/platform.js'
import type { Logger } from '../../src/util/logger.js'

// Control files, not variables: a child spawned without an explicit env does not see jest's process.env.
const FAKE_DOCKER = `#!/bin/bash
here="$(dirname "$0")"
printf '%s\\0' "$@" >> "$here/calls"; printf '\\n' >> "$here/calls"
driver="$(cat "$here/driver" 2>/dev/null || echo docker)"
case "$1 $2" in
  "version --format") echo '27.5.1'; exit 0 ;;
  "buildx version") echo 'github.com/docker/buildx v0.20.1 a8fe6d4'; exit 0 ;;
  "buildx inspect")
    if [ -n "$3" ] && [ "$3" != "--bootstrap" ] && [ ! -e "$here/builder-$3" ]; then echo "ERROR: no builder \\"$3\\" found" >&2; exit 1; fi
    printf 'Name:   %s\\nDriver: %s\\n\\nNodes:\\nName:     default\\nPlatforms: linux/amd64\\n' "\${3:-default}" "$driver"; exit 0 ;;
  "info --format")
    if [ -e "$here/containerd" ]; then echo '[["driver-type","io.containerd.snapshotter.v1"]]'
    else echo '[["Backing Filesystem","extfs"],["Supports d_type","true"],["Using metacopy","false"],["Native Overlay Diff","true"],["userxattr","false"]]'; fi
    exit 0 ;;
  "buildx create")
    if [ -e "$here/create-fails" ]; then
      echo '#1 [internal] booting buildkit' >&2
      echo '#1 pulling image moby/buildkit:buildx-stable-1 0.0s done' >&2
      echo '#1 ERROR: Error response from daemon: failed to resolve reference "docker.io/moby/buildkit:buildx-stable-1": dial tcp: lookup registry-1.docker.io: no such host' >&2
      echo 'ERROR: Error response from daemon: failed to resolve reference "docker.io/moby/buildkit:buildx-stable-1": dial tcp: lookup registry-1.docker.io: no such host' >&2
      exit 1
    fi
    echo "$4"; exit 0 ;;
  "buildx rm")
    if [ -e "$here/rm-fails" ]; then echo "ERROR: no builder \\"$3\\" found" >&2; exit 1; fi
    echo "$3 removed" >&2; exit 0 ;;
esac
exit 0
`

const savedEnv = { ...process.env }
let dir: string
let stdout: string[]

function control(name: string): void {
  writeFileSync(join(dir, name), '')
}

/** Every docker command the code ran, as argv arrays. */
function calls(): string[][] {
  if (!existsSync(join(dir, 'calls'))) return []
  return readFileSync(join(dir, 'calls'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => line.slice(0, -1).split('\0'))
}

const logged: { info: string[]; warning: string[] } = { info: [], warning: [] }
const logger: Logger = { info: m => logged.info.push(m), warning: m => logged.warning.push(m), debug: () => {} }

function options(overrides: Partial<BuilderOptions> = {}): BuilderOptions {
  return {
    create: 'auto',
    buildkitImage: DEFAULT_BUILDKIT_IMAGE,
    buildxVersion: 'github.com/docker/buildx v0.20.1 a8fe6d4',
    logger,
    newName: () => 'ecr-publish-test',
    ...overrides
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fake-docker-'))
  writeFileSync(join(dir, 'docker'), FAKE_DOCKER)
  chmodSync(join(dir, 'docker'), 0o755)
  process.env.PATH = `${dir}${delimiter}${savedEnv.PATH ?? ''}`
  logged.info = []
  logged.warning = []
  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key]
  Object.assign(process.env, savedEnv)
  rmSync(dir, { recursive: true, force: true })
})

describe('what the builder can do', () => {
  test('driver from docker buildx inspect, the image store from docker info, the buildx version', async () => {
    expect(await inspectBuilder(undefined, 'github.com/docker/buildx v0.20.1 a8fe6d4')).toEqual({
      name: 'default',
      driver: 'docker',
      containerdStore: false,
      buildxVersion: '0.20.1'
    })
    control('containerd')
    expect((await inspectBuilder(undefined, 'x')).containerdStore).toBe(true)
    expect(calls()).toContainEqual(['info', '--format', '{{json .DriverStatus}}'])
    expect(calls()).toContainEqual(['buildx', 'inspect'])
  })

  test.each([
    ['[["driver-type","io.containerd.snapshotter.v1"]]', true],
    ['[["Backing Filesystem","extfs"],["Supports d_type","true"]]', false],
    ['null', false],
    ['not json', false]
  ])('DriverStatus %s -> containerd store %s', (json, expected) => {
    expect(usesContainerdStore(json)).toBe(expected)
  })

  test.each([
    ['github.com/docker/buildx v0.17.1 257815a', '0.17.1'],
    ['github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3', '0.13.1+ds1'],
    ['', 'unknown']
  ])('buildx version of %j is %s', (line, version) => {
    expect(parseBuildxVersion(line)).toBe(version)
  })

  test('a named builder that does not exist is an input error', async () => {
    await expect(chooseBuilder(options({ named: 'no-such' }))).rejects.toThrow(
      /^input builder: buildx builder "no-such" is not available: ERROR: no builder "no-such" found \(create it with docker buildx create/
    )
  })
})

describe('choosing the builder', () => {
  test('classic store + docker driver: a docker-container builder for this job, created with the exact command', async () => {
    const created: string[] = []
    const choice = await chooseBuilder(options({ onCreated: name => created.push(name) }))
    expect(choice).toMatchObject({ kind: 'created', name: 'ecr-publish-test', created: 'ecr-publish-test', full: true })
    expect(choice.warning).toBeUndefined()
    expect(created).toEqual(['ecr-publish-test'])
    expect(calls().filter(c => c[1] === 'create')).toEqual([
      [
        'buildx',
        'create',
        '--name',
        'ecr-publish-test',
        '--driver',
        'docker-container',
        '--driver-opt',
        'image=moby/buildkit:buildx-stable-1',
        '--driver-opt',
        'network=host',
        '--bootstrap'
      ]
    ])
    // Never `--use`: the user's current builder stays current.
    expect(calls().flat()).not.toContain('--use')
    expect(choice.description).toMatch(
      /^ecr-publish-test \(docker-container driver, moby\/buildkit:buildx-stable-1\): created for this job/
    )
  })

  test('buildkit-image: a mirror becomes the builder image', () => {
    const mirror = '123456789012.dkr.ecr.us-east-1.amazonaws.com/mirror/buildkit:v0.17.0'
    expect(createArgs('b', mirror)).toContain(`image=${mirror}`)
  })

  test('the containerd image store: the current builder as it is, nothing created', async () => {
    control('containerd')
    const choice = await chooseBuilder(options())
    expect(choice).toMatchObject({ kind: 'current', full: true })
    expect([choice.name, choice.created]).toEqual([undefined, undefined])
    expect(choice.description).toContain('containerd image store')
    expect(calls().some(c => c[1] === 'create')).toBe(false)
  })

  test('another driver (docker-container, remote, kubernetes): the current builder as it is', async () => {
    writeFileSync(join(dir, 'driver'), 'docker-container')
    expect(await chooseBuilder(options())).toMatchObject({ kind: 'current', full: true })
    expect(calls().some(c => c[1] === 'create')).toBe(false)
  })

  test('a named builder is used as it is and never created or removed', async () => {
    control('builder-ci')
    writeFileSync(join(dir, 'driver'), 'remote')
    const choice = await chooseBuilder(options({ named: 'ci' }))
    expect(choice).toMatchObject({ kind: 'named', name: 'ci', full: true })
    expect(choice.created).toBeUndefined()
    expect(calls().some(c => c[1] === 'create' || c[1] === 'rm')).toBe(false)
  })

  test('create-builder false on a classic runner: the current builder, with what it lost said once', async () => {
    const choice = await chooseBuilder(options({ create: 'false' }))
    expect(choice).toMatchObject({ kind: 'current', full: false })
    expect([choice.name, choice.created]).toEqual([undefined, undefined])
    expect(choice.warning).toContain('create-builder is false')
    expect(calls().some(c => c[1] === 'create')).toBe(false)
  })

  test('a failed creation falls back to the docker driver, removes the half-made builder, and says how to get it back', async () => {
    control('create-fails')
    const created: string[] = []
    const choice = await chooseBuilder(options({ onCreated: name => created.push(name) }))
    expect(choice).toMatchObject({ kind: 'fallback', full: false })
    expect([choice.name, choice.created]).toEqual([undefined, undefined])
    expect(calls().filter(c => c[1] === 'rm')).toEqual([['buildx', 'rm', 'ecr-publish-test']])
    // Removed at once: nothing is left for the post step.
    expect(created).toEqual([])
    expect(choice.warning).toContain('failed to resolve reference "docker.io/moby/buildkit:buildx-stable-1"')
    expect(choice.warning).toContain('Lost: the registry cache export')
    expect(choice.warning).toContain('add docker/setup-buildx-action')
    expect(choice.warning).toContain('enable the containerd image store')
    expect(choice.warning).toContain('set buildkit-image')
    expect(choice.description).toContain('inline cache and without attestations')
  })

  test('a failed creation whose clean-up fails too leaves the builder to the post step', async () => {
    control('create-fails')
    control('rm-fails')
    const created: string[] = []
    await chooseBuilder(options({ onCreated: name => created.push(name) }))
    expect(created).toEqual(['ecr-publish-test'])
  })
})

describe('the fallback build', () => {
  const base = {
    context: '.',
    platforms: [parsePlatform('linux/arm64')],
    buildArgs: {},
    labels: {},
    secretIds: [],
    tags: ['r.test/app:build-1-1-linux-arm64'],
    push: true,
    cacheFrom: ['r.test/app:cache-linux-arm64']
  }

  test('inline cache and the registry cache read, no attestations, no --builder', () => {
    const args = buildxArgs({ ...base, provenance: false, inlineCache: true }, '/m.json')
    expect(args).toContain('--provenance=false')
    expect(args.join(' ')).toContain('--cache-from type=registry,ref=r.test/app:cache-linux-arm64')
    expect(args.join(' ')).toContain('--cache-to type=inline')
    expect(args.filter(a => a === '--cache-to')).toHaveLength(1)
    expect(args).not.toContain('--builder')
  })

  const config: BuildConfig = {
    repository: 'team/app',
    platforms: [parsePlatform('linux/amd64')],
    context: '.',
    buildArgs: {},
    labels: {},
    secrets: [],
    provenance: true,
    cache: 'ecr',
    push: false,
    createRepository: false,
    tagMutability: 'MUTABLE',
    runKey: '1',
    runAttempt: 1,
    createBuilder: 'auto',
    buildkitImage: DEFAULT_BUILDKIT_IMAGE,
    options: DEFAULT_BUILD_OPTIONS,
    git: { sha: 'abc', ref: 'refs/heads/main' }
  }
  const runner = { platform: parsePlatform('linux/amd64'), windows: false }

  test('a created builder builds the leg (--builder), and the hook hears of it before the build', async () => {
    const created: string[] = []
    const result = await build(undefined, config, runner, logger, { onBuilderCreated: name => created.push(name) })
    expect(created).toHaveLength(1)
    const buildCall = calls().find(c => c[1] === 'build')!
    expect(buildCall.slice(buildCall.indexOf('--builder'), buildCall.indexOf('--builder') + 2)).toEqual(['--builder', created[0]])
    expect(buildCall).toContain('--provenance=mode=min')
    expect(calls().findIndex(c => c[1] === 'create')).toBeLessThan(calls().findIndex(c => c[1] === 'build'))
    expect(result.legs[0].builder).toMatch(new RegExp(`^${created[0]} \\(docker-container driver`))
    expect(result.notes).toEqual([])
  })

  test('a failed creation: the leg builds on the docker driver without attestations, and the note says so once', async () => {
    control('create-fails')
    const result = await build(undefined, config, runner, logger)
    const builds = calls().filter(c => c[1] === 'build')
    expect(builds).toHaveLength(1)
    expect(builds[0]).toContain('--provenance=false')
    expect(builds[0]).not.toContain('--builder')
    expect(result.notes.filter(n => n.includes('Lost:'))).toHaveLength(1)
    expect(result.legs[0].builder).toContain('could not be created')
  })
})

describe('the post step', () => {
  test('removes the builder the main step created', async () => {
    process.env['STATE_created-builder'] = 'ecr-publish-test'
    await cleanup()
    expect(calls()).toEqual([['buildx', 'rm', 'ecr-publish-test']])
    expect(stdout.join('')).toContain('removed the buildx builder ecr-publish-test')
  })

  test('a failed removal is a warning, not a failure', async () => {
    process.env['STATE_created-builder'] = 'ecr-publish-test'
    control('rm-fails')
    await cleanup()
    expect(process.exitCode ?? 0).toBe(0)
    expect(stdout.join('')).toContain(
      '::warning::could not remove the buildx builder ecr-publish-test: ERROR: no builder "ecr-publish-test" found'
    )
  })

  test('removes nothing when the main step created nothing', async () => {
    await cleanup()
    expect(calls().some(c => c[1] === 'rm')).toBe(false)
  })
})
