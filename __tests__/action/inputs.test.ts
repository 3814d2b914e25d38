// getInputs(): every bad input fails before any side effect, with a message that starts
// with `input <name>:` and says what is accepted; good inputs come back typed and normalised.
import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { release, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Inputs } from '../../src/config/inputs.js'
import { detectRunner } from '../../src/config/runner.js'
import { DEFAULT_BUILD_OPTIONS } from '../../src/docker/build-options.js'
import type { Runner } from '../../src/commands/build.js'

type GetInputs = typeof import('../../src/action/inputs.js').getInputs

const SHA = '0123456789abcdef0123456789abcdef01234567'
const PLATFORM_FORM = 'expected os/arch[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7'
const KNOWN_ARCH = 'amd64, arm64, arm, 386, ppc64le, s390x, riscv64, mips64le, loong64'
const REPOSITORY_FORM = 'use lowercase letters, digits and . _ - separated by /, e.g. team/app'
const TAG_FORM = 'a tag is 1 to 128 of A-Z a-z 0-9 _ . - and must not start with . or -'
const REFERENCE_FORM = 'expected host[:port]/repository[:tag][@digest], e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1.0'
const KEY_VALUE_FORM =
  'is not KEY=VALUE: one entry per line, the key starting with a letter or _ and made of letters, digits, _ . - /, e.g. KEY=value'
const RUN_KEY_FORM = 'is not valid: use 1 to 64 letters, digits, "_" or "." (no "-"), e.g. run-key: nightly_42'
const PAIR = 'give both username and password (non-ECR registries only), or neither'

// The environment of one test: inputs by their action.yml name, other variables as they are.
interface Case {
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
}

const savedEnv = { ...process.env }
let eventDir: string
let eventPath: string
let getInputs: GetInputs

/** core.getInput's variable name: spaces become '_', '-' stays. */
function inputVar(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** A clean runner-like environment: no INPUT_*, GITHUB_* or AWS region from the host. */
function resetEnv(): void {
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_') || key.startsWith('GITHUB_') || key === 'AWS_REGION' || key === 'AWS_DEFAULT_REGION') {
      delete process.env[key]
    }
  }
}

/** Base: a push of main in run 8812345, repository team/app; a case overrides any of it. */
function apply(c: Case): void {
  const env: Record<string, string | undefined> = {
    GITHUB_RUN_ID: '8812345',
    GITHUB_SHA: SHA,
    GITHUB_REF: 'refs/heads/main',
    [inputVar('repository')]: 'team/app',
    ...c.env
  }
  for (const [name, value] of Object.entries(c.inputs ?? {})) env[inputVar(name)] = value
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
}

/** The runner these tests run on (the default build platform); a case may give another. */
const hostRunner = detectRunner(process.platform, process.arch, release())

function run(c: Case, runner: Runner = hostRunner): Inputs {
  apply(c)
  return getInputs(runner)
}

beforeAll(async () => {
  // The event payload (GITHUB_EVENT_PATH) gives the commit time.
  eventDir = mkdtempSync(join(tmpdir(), 'inputs-test-'))
  eventPath = join(eventDir, 'event.json')
  writeFileSync(eventPath, JSON.stringify({ head_commit: { timestamp: '2024-05-01T10:00:00+02:00' } }))
  resetEnv()
  process.env.GITHUB_EVENT_PATH = eventPath
  ;({ getInputs } = await import('../../src/action/inputs.js'))
})

afterAll(() => {
  rmSync(eventDir, { recursive: true, force: true })
})

let stdout: string[]

beforeEach(() => {
  resetEnv()
  // getInputs reads the event file on each call; every case gets the same one.
  process.env.GITHUB_EVENT_PATH = eventPath
  stdout = []
  // core.setSecret writes ::add-mask:: commands to stdout: keep them, and out of the test log.
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key]
  Object.assign(process.env, savedEnv)
})

const long257 = `${'a'.repeat(128)}/${'b'.repeat(128)}`
const tag129 = 't'.repeat(129)
const runKey65 = 'k'.repeat(65)

describe('getInputs rejects', () => {
  const table: [string, Case, string][] = [
    // platforms
    [
      'platform without arch',
      { inputs: { platforms: 'linux' } },
      `input platforms: invalid platform "linux": it is not os/arch[/variant]; ${PLATFORM_FORM}`
    ],
    [
      'platform with four parts',
      { inputs: { platforms: 'linux/arm64/v9/x' } },
      `input platforms: invalid platform "linux/arm64/v9/x": it is not os/arch[/variant]; ${PLATFORM_FORM}`
    ],
    [
      'unknown architecture',
      { inputs: { platforms: 'linux/amd65' } },
      `input platforms: invalid platform "linux/amd65": unknown architecture "amd65" (known: ${KNOWN_ARCH}); ${PLATFORM_FORM}`
    ],
    [
      'unknown os',
      { inputs: { platforms: 'plan9/amd64' } },
      `input platforms: invalid platform "plan9/amd64": unknown os "plan9" (known: linux, windows, darwin, freebsd); ${PLATFORM_FORM}`
    ],
    [
      'unknown variant',
      { inputs: { platforms: 'linux/arm/v9' } },
      `input platforms: invalid platform "linux/arm/v9": unknown variant "v9" for architecture arm; ${PLATFORM_FORM}`
    ],
    [
      'empty platform entries only (build)',
      { inputs: { platforms: ' , ,\n,' } },
      'input platforms: lists no platform, only empty entries: give os/arch entries separated by commas or newlines, e.g. linux/amd64,linux/arm64'
    ],
    [
      'empty platform entries only (merge)',
      { inputs: { mode: 'merge', platforms: ',,' } },
      'input platforms: lists no platform, only empty entries: give os/arch entries separated by commas or newlines, e.g. linux/amd64,linux/arm64'
    ],
    [
      'the same platform through an alias',
      { inputs: { platforms: 'linux/arm64,linux/aarch64' } },
      'input platforms: duplicate platform "linux/arm64" in platforms ("linux/arm64" and "linux/aarch64" are the same platform)'
    ],
    [
      'the same platform twice',
      { inputs: { mode: 'merge', platforms: 'linux/amd64\nlinux/amd64' } },
      'input platforms: duplicate platform "linux/amd64" in platforms ("linux/amd64" is listed twice)'
    ],
    // repository
    ['missing repository', { inputs: { repository: '  ' } }, 'input repository: is required: give the ECR repository name, e.g. team/app'],
    [
      'uppercase repository',
      { inputs: { repository: 'Team/App' } },
      `input repository: repository "Team/App" is not a valid ECR repository name: it contains uppercase letters; ${REPOSITORY_FORM}`
    ],
    [
      'repository with ..',
      { inputs: { repository: 'team/../app' } },
      `input repository: repository "team/../app" is not a valid ECR repository name: it contains ".."; ${REPOSITORY_FORM}`
    ],
    [
      'repository with a leading /',
      { inputs: { repository: '/team/app' } },
      `input repository: repository "/team/app" is not a valid ECR repository name: it starts or ends with "/"; ${REPOSITORY_FORM}`
    ],
    [
      'repository with a trailing /',
      { inputs: { repository: 'team/app/' } },
      `input repository: repository "team/app/" is not a valid ECR repository name: it starts or ends with "/"; ${REPOSITORY_FORM}`
    ],
    [
      'repository of 257 characters',
      { inputs: { repository: long257 } },
      `input repository: repository "${long257}" is not a valid ECR repository name: it is 257 characters long, over the 256 allowed; ${REPOSITORY_FORM}`
    ],
    [
      'repository of one character',
      { inputs: { repository: 'a' } },
      `input repository: repository "a" is not a valid ECR repository name: it must be at least 2 characters long; ${REPOSITORY_FORM}`
    ],
    [
      'repository with a space',
      { inputs: { repository: 'team/my app' } },
      `input repository: repository "team/my app" is not a valid ECR repository name: it contains " "; ${REPOSITORY_FORM}`
    ],
    [
      'repository with an empty component',
      { inputs: { repository: 'team//app' } },
      `input repository: repository "team//app" is not a valid ECR repository name: it has an empty path component ("//"); ${REPOSITORY_FORM}`
    ],
    [
      'repository component starting with -',
      { inputs: { repository: 'team/-app' } },
      `input repository: repository "team/-app" is not a valid ECR repository name: path component "-app" must start and end with a letter or digit, with single separators between them; ${REPOSITORY_FORM}`
    ],
    // enumerations
    ['unknown mode', { inputs: { mode: 'deploy' } }, 'input mode: "deploy" is not one of build, merge, check'],
    ['unknown cache', { inputs: { cache: 's3' } }, 'input cache: "s3" is not one of ecr, none'],
    ['unknown attestations', { inputs: { attestations: 'drop' } }, 'input attestations: "drop" is not one of keep, strip'],
    [
      'unknown tag-mutability',
      { inputs: { 'tag-mutability': 'frozen' } },
      'input tag-mutability: "frozen" is not one of MUTABLE, IMMUTABLE'
    ],
    ['unknown create-builder', { inputs: { 'create-builder': 'true' } }, 'input create-builder: "true" is not one of auto, false'],
    [
      'buildkit-image that would be a flag',
      { inputs: { 'buildkit-image': '--privileged' } },
      'input buildkit-image: "--privileged" is not an image reference: give e.g. moby/buildkit:buildx-stable-1 or <registry>/<repository>:<tag> of a mirror'
    ],
    [
      'buildkit-image with a space',
      { inputs: { 'buildkit-image': 'moby/buildkit latest' } },
      'input buildkit-image: "moby/buildkit latest" is not an image reference: give e.g. moby/buildkit:buildx-stable-1 or <registry>/<repository>:<tag> of a mirror'
    ],
    // booleans
    ['push: yes', { inputs: { push: 'yes' } }, 'input push: "yes" is not a boolean: use true or false'],
    [
      'provenance: 1',
      { inputs: { provenance: '1' } },
      'input provenance: "1" is not true, false, or mode=min|max with optional builder-id=<url> and version=v0.2|v1, comma-separated, e.g. mode=max'
    ],
    ['logout: No', { inputs: { logout: 'No' } }, 'input logout: "No" is not a boolean: use true or false'],
    ['cleanup: on', { inputs: { cleanup: 'on' } }, 'input cleanup: "on" is not a boolean: use true or false'],
    ['preflight: off', { inputs: { preflight: 'off' } }, 'input preflight: "off" is not a boolean: use true or false'],
    ['create-repository: Y', { inputs: { 'create-repository': 'Y' } }, 'input create-repository: "Y" is not a boolean: use true or false'],
    // tags
    [
      'tag of 129 characters',
      { inputs: { tags: tag129 } },
      `input tags: tag "${tag129}" is not valid: it is 129 characters long; ${TAG_FORM}`
    ],
    ['tag with a space', { inputs: { tags: 'v1 2' } }, `input tags: tag "v1 2" is not valid: it contains " "; ${TAG_FORM}`],
    ['tag with a slash', { inputs: { tags: 'ok,a/b' } }, `input tags: tag "a/b" is not valid: it contains "/"; ${TAG_FORM}`],
    ['tag starting with -', { inputs: { tags: '-lead' } }, `input tags: tag "-lead" is not valid: it starts with "-"; ${TAG_FORM}`],
    ['tag starting with .', { inputs: { tags: '.hidden' } }, `input tags: tag ".hidden" is not valid: it starts with "."; ${TAG_FORM}`],
    ['the same tag twice', { inputs: { tags: '1.0, latest\n1.0' } }, 'input tags: lists "1.0" twice: give each tag once'],
    // KEY=VALUE lists
    ['build-arg without =', { inputs: { 'build-args': 'NOEQUALS' } }, `input build-args: line 1 ${KEY_VALUE_FORM}`],
    ['build-arg with an empty key', { inputs: { 'build-args': 'A=1\n=value' } }, `input build-args: line 2 ${KEY_VALUE_FORM}`],
    ['build-arg key starting with a digit', { inputs: { 'build-args': '1ABC=x' } }, `input build-args: line 1 ${KEY_VALUE_FORM}`],
    ['label key with a space', { inputs: { labels: 'my key=1' } }, `input labels: line 1 ${KEY_VALUE_FORM}`],
    [
      'label key given twice',
      { inputs: { labels: 'a=1\nb=2\na=3' } },
      'input labels: key "a" is given twice (lines 1 and 3): give each key once'
    ],
    ['annotation line after blank lines', { inputs: { annotations: '\n\nnoequals' } }, `input annotations: line 3 ${KEY_VALUE_FORM}`],
    [
      'annotation key given twice',
      { inputs: { annotations: 'k=1\r\n k =2' } },
      'input annotations: key "k" is given twice (lines 1 and 2): give each key once'
    ],
    // platform-tags
    [
      'platform-tags not a boolean',
      { inputs: { 'platform-tags': 'yes' } },
      'input platform-tags: "yes" is not a boolean: use true or false'
    ],
    [
      'a tag whose platform tag would pass 128 characters',
      { inputs: { mode: 'merge', 'platform-tags': 'true', platforms: 'linux/amd64,linux/arm/v7', tags: `1.0,${'t'.repeat(122)}` } },
      `input platform-tags: the platform tag of "${'t'.repeat(122)}" for linux-arm-v7 is invalid: tag "${'t'.repeat(122)}-arm-v7" is not valid: it is 129 characters long; ${TAG_FORM}`
    ],
    // mirrors
    [
      'a mirror without a registry host',
      { inputs: { mode: 'merge', mirrors: 'acme/app' } },
      `input mirrors: invalid image reference "acme/app": it does not start with a registry host; ${REFERENCE_FORM}`
    ],
    [
      'a mirror with a tag',
      { inputs: { mode: 'merge', mirrors: 'ghcr.io/acme/app:1.0' } },
      'input mirrors: "ghcr.io/acme/app:1.0" names a tag or digest: give the repository only, e.g. ghcr.io/acme/app (the tags input applies)'
    ],
    [
      'mirrors on a build leg',
      { inputs: { mirrors: 'ghcr.io/acme/app' } },
      'input mirrors: only a merge, or a one-job multi-platform build that pushes, publishes: give mirrors there'
    ],
    // sources
    [
      'source that is not a reference',
      { inputs: { mode: 'merge', sources: 'not a ref' } },
      `input sources: invalid image reference "not a ref": it does not start with a registry host; ${REFERENCE_FORM}`
    ],
    [
      'source with an uppercase registry-less name',
      { inputs: { mode: 'merge', sources: 'UPPER/x:1' } },
      `input sources: invalid image reference "UPPER/x:1": it does not start with a registry host; ${REFERENCE_FORM}`
    ],
    [
      'source with a short digest',
      { inputs: { mode: 'merge', sources: 'registry.test/app@sha256:short' } },
      `input sources: invalid image reference "registry.test/app@sha256:short": digest "sha256:short" must be sha256:<64 lowercase hex> or sha512:<128 lowercase hex>; ${REFERENCE_FORM}`
    ],
    [
      'source with an uppercase repository',
      { inputs: { mode: 'merge', sources: 'registry.test/ok:1,registry.test/App:1' } },
      `input sources: invalid image reference "registry.test/App:1": repository "App" must be lowercase; ${REFERENCE_FORM}`
    ],
    // run key and attempt
    ['run-key with -', { inputs: { 'run-key': 'nightly-42' } }, `input run-key: "nightly-42" ${RUN_KEY_FORM}`],
    ['run-key of 65 characters', { inputs: { 'run-key': runKey65 } }, `input run-key: "${runKey65}" ${RUN_KEY_FORM}`],
    [
      'no run-key and no GITHUB_RUN_ID',
      { env: { GITHUB_RUN_ID: undefined } },
      'input run-key: is empty and GITHUB_RUN_ID is not set: give a run identifier, e.g. run-key: nightly_42'
    ],
    ...['0', 'x', '1e0', '-1', '', '1.5'].map((attempt): [string, Case, string] => [
      `GITHUB_RUN_ATTEMPT "${attempt}"`,
      { env: { GITHUB_RUN_ATTEMPT: attempt } },
      `input run-key: GITHUB_RUN_ATTEMPT "${attempt}" is not a whole number from 1: leave it to the runner, which sets 1, 2, ...`
    ]),
    // credentials
    [
      'username without password',
      { inputs: { registry: 'registry.test', username: 'bot' } },
      `input password: is empty but username is set: ${PAIR}`
    ],
    [
      'password without username',
      { inputs: { registry: 'registry.test', password: 'pw' } },
      `input username: is empty but password is set: ${PAIR}`
    ],
    [
      'ECR Public without an alias anywhere',
      { inputs: { registry: 'public.ecr.aws', repository: 'app' } },
      'input registry: public.ecr.aws needs the registry alias, and repository "app" has none: give registry: public.ecr.aws/<alias>, or repository: <alias>/app'
    ],
    [
      'ECR Public with a malformed alias',
      { inputs: { registry: 'public.ecr.aws/Acme' } },
      'input registry: "public.ecr.aws/Acme" is not an ECR Public registry: give public.ecr.aws/<alias>, the alias in 2 to 50 lowercase letters, digits, ".", "_" or "-"'
    ],
    // merge tags
    [
      'merge without tags and without GITHUB_SHA',
      { inputs: { mode: 'merge' }, env: { GITHUB_SHA: undefined } },
      'input tags: is empty and there is no git context (GITHUB_SHA) to derive tags from: give tags, e.g. tags: 1.2.3,latest'
    ],
    [
      'a one-job multi-platform build that pushes, without tags and without GITHUB_SHA',
      { inputs: { platforms: 'linux/amd64,linux/arm64' }, env: { GITHUB_SHA: undefined } },
      'input tags: is empty and there is no git context (GITHUB_SHA) to derive tags from: give tags, e.g. tags: 1.2.3,latest'
    ],
    // publish-when-complete
    [
      'publish-when-complete with an invalid platform',
      { inputs: { platforms: 'linux/amd64', 'publish-when-complete': 'linux/amd64,linux/amd65' } },
      `input publish-when-complete: invalid platform "linux/amd65": unknown architecture "amd65" (known: ${KNOWN_ARCH}); ${PLATFORM_FORM}`
    ],
    [
      'publish-when-complete with only empty entries',
      { inputs: { platforms: 'linux/amd64', 'publish-when-complete': ' , ' } },
      'input publish-when-complete: lists no platform, only empty entries: give the platforms of the whole matrix, e.g. linux/amd64,linux/arm64'
    ],
    [
      "publish-when-complete without the leg's own platform",
      { inputs: { platforms: 'linux/arm64', 'publish-when-complete': 'linux/amd64,linux/arm/v7' } },
      "input publish-when-complete: does not list linux/arm64, which this leg builds: list every platform of the matrix, this leg's included, e.g. publish-when-complete: linux/amd64,linux/arm64"
    ],
    [
      'publish-when-complete on a merge',
      { inputs: { mode: 'merge', 'publish-when-complete': 'linux/amd64,linux/arm64' } },
      'input publish-when-complete: is for build legs (mode: build): a merge job publishes anyway; drop one of the two'
    ],
    [
      'publish-when-complete without tags and without GITHUB_SHA',
      { inputs: { platforms: 'linux/amd64', 'publish-when-complete': 'linux/amd64,linux/arm64' }, env: { GITHUB_SHA: undefined } },
      'input tags: is empty and there is no git context (GITHUB_SHA) to derive tags from: give tags, e.g. tags: 1.2.3,latest'
    ],
    [
      'default tags from a GITHUB_SHA that is not a commit id',
      { inputs: { mode: 'merge' }, env: { GITHUB_SHA: 'nothex' } },
      'input tags: commit sha "nothex" is not a git commit id (7 to 64 hex digits)'
    ]
  ]

  test('the table is large enough and every message names its input', () => {
    expect(table.length).toBeGreaterThanOrEqual(45)
    for (const [, , message] of table) expect(message).toMatch(/^input [a-z-]+: /)
  })

  test.each(table)('%s', (_name, c, message) => {
    expect(() => run(c)).toThrow(message)
    // toThrow(string) matches a substring: the message must be exactly this one.
    let error: unknown
    try {
      run(c)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).name).toBe('InputError')
    expect((error as Error).message).toBe(message)
  })
})

describe('secrets errors never carry the secret', () => {
  const secret = 'ghp_Sup3rS3cretT0ken'
  test.each<[string, string, string]>([
    ['a line that is only the secret', `NPM=ok\n${secret}`, `input secrets: line 2 ${KEY_VALUE_FORM}`],
    ['a key with a space', `my token=${secret}`, `input secrets: line 1 ${KEY_VALUE_FORM}`],
    ['an empty key', `=${secret}`, `input secrets: line 1 ${KEY_VALUE_FORM}`],
    [
      'a key given twice',
      `TOKEN=${secret}\nTOKEN=${secret}2`,
      'input secrets: key "TOKEN" is given twice (lines 1 and 2): give each key once'
    ]
  ])('%s', (_name, secrets, message) => {
    apply({ inputs: { secrets } })
    let error: unknown
    try {
      getInputs(hostRunner)
    } catch (e) {
      error = e
    }
    expect((error as Error).message).toBe(message)
    expect((error as Error).message).not.toContain(secret)
    expect(String((error as Error).stack)).not.toContain(secret)
    expect(stdout.join('')).not.toContain(secret)
  })
})

/** The defaults action.yml declares: the runner sets them as INPUT_* when a workflow leaves an input out. */
function actionYmlDefaults(): Record<string, string> {
  const yml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
  const inputsBlock = yml.slice(yml.indexOf('\ninputs:\n'), yml.indexOf('\noutputs:\n'))
  const defaults: Record<string, string> = {}
  let current: string | undefined
  for (const line of inputsBlock.split('\n')) {
    const name = /^ {2}([a-z-]+):\s*$/.exec(line)
    if (name) current = name[1]
    const value = /^ {4}default:\s*(.*)$/.exec(line)
    if (value && current) defaults[current] = value[1].replace(/^"(.*)"$/, '$1')
  }
  return defaults
}

describe('getInputs accepts', () => {
  const runner = { os: 'linux', architecture: process.arch === 'arm64' ? 'arm64' : 'amd64' }
  const releaseEnv = { GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_SHA: SHA }

  const expectedDefaults: Inputs = {
    plan: { kind: 'build' },
    publishWhenComplete: [],
    repository: 'team/app',
    registry: undefined,
    region: undefined,
    username: undefined,
    password: undefined,
    platforms: [runner],
    context: '.',
    file: undefined,
    target: undefined,
    buildArgs: {},
    labels: {},
    secrets: [],
    provenance: true,
    options: DEFAULT_BUILD_OPTIONS,
    cache: 'ecr',
    push: true,
    createRepository: true,
    tagMutability: 'MUTABLE',
    runKey: '8812345',
    runAttempt: 1,
    builder: undefined,
    createBuilder: 'auto',
    buildkitImage: 'moby/buildkit:buildx-stable-1',
    preflight: true,
    logout: true,
    tags: ['1.2.3', '1.2', '1', 'latest', 'sha-0123456'],
    sources: [],
    attestations: 'keep',
    annotations: {},
    cleanup: true,
    platformTags: false,
    mirrors: [],
    git: { sha: SHA, ref: 'refs/tags/v1.2.3', prNumber: undefined, sourceUrl: undefined, commitTime: '2024-05-01T08:00:00.000Z' },
    standard: {
      'org.opencontainers.image.created': '2024-05-01T08:00:00.000Z',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.version': '1.2.3'
    },
    latest: { tag: 'latest', policy: 'highest', published: '1.2.3' },
    version: '1.2.3'
  }

  test('defaults when no input but repository is given', () => {
    expect(run({ env: releaseEnv })).toStrictEqual(expectedDefaults)
  })

  test("action.yml's declared defaults give the same result as absent inputs", () => {
    const defaults = actionYmlDefaults()
    expect(Object.keys(defaults).sort()).toEqual(
      [
        'attestations',
        'buildkit-image',
        'cache',
        'call',
        'cleanup',
        'context',
        'create-builder',
        'create-repository',
        'fail-on',
        'latest-policy',
        'logout',
        'mode',
        'no-cache',
        'platform-tags',
        'preflight',
        'provenance',
        'pull',
        'push',
        'sbom',
        'tag-mutability'
      ].sort()
    )
    expect(run({ env: releaseEnv, inputs: defaults })).toStrictEqual(expectedDefaults)
  })

  test('the runner platform only on a supported runner, and none by default in merge mode', () => {
    expect(['x64', 'arm64']).toContain(process.arch)
    expect(run({ inputs: { mode: 'merge' } }).platforms).toEqual([])
  })

  test('platform aliases are normalised', () => {
    expect(run({ inputs: { platforms: 'linux/aarch64' } }).platforms).toEqual([{ os: 'linux', architecture: 'arm64' }])
    expect(run({ inputs: { mode: 'merge', platforms: 'LINUX/x86_64,\nlinux/armhf, linux/arm64/v8' } }).platforms).toEqual([
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
      { os: 'linux', architecture: 'arm64' }
    ])
  })

  test("multi-line build-args keep '=' and ',' inside values, CRLF and blank lines included", () => {
    const inputs = run({
      inputs: { 'build-args': '\nFOO=a=b=c\r\nURL=https://example.test/?q=1&r=2\n\n  LIST=x,y,z  \nEMPTY=\n' }
    })
    expect(inputs.buildArgs).toStrictEqual({ FOO: 'a=b=c', URL: 'https://example.test/?q=1&r=2', LIST: 'x,y,z', EMPTY: '' })
  })

  test('keys that are Object.prototype names are plain keys', () => {
    const inputs = run({ inputs: { labels: 'constructor=1\n__proto__=2\ntoString=3\nhasOwnProperty=4' } })
    expect(Object.entries(inputs.labels)).toEqual([
      ['constructor', '1'],
      ['__proto__', '2'],
      ['toString', '3'],
      ['hasOwnProperty', '4']
    ])
    expect(Object.getPrototypeOf(inputs.labels)).toBe(Object.prototype)
  })

  test('create-builder false and a buildkit-image mirror in ECR', () => {
    const mirror = '123456789012.dkr.ecr.us-east-1.amazonaws.com/mirror/moby/buildkit:v0.17.0@sha256:' + 'a'.repeat(64)
    const inputs = run({ inputs: { 'create-builder': 'FALSE', 'buildkit-image': mirror } })
    expect({ createBuilder: inputs.createBuilder, buildkitImage: inputs.buildkitImage }).toEqual({
      createBuilder: 'false',
      buildkitImage: mirror
    })
  })

  test('labels and annotations with dotted keys', () => {
    const inputs = run({
      inputs: { mode: 'merge', labels: 'org.opencontainers.image.title=App', annotations: 'org.opencontainers.image.vendor=ACME, Inc.' }
    })
    expect(inputs.labels).toStrictEqual({ 'org.opencontainers.image.title': 'App' })
    expect(inputs.annotations).toStrictEqual({ 'org.opencontainers.image.vendor': 'ACME, Inc.' })
  })

  test('enumerations and booleans are case-insensitive and come back canonical', () => {
    const inputs = run({
      inputs: {
        mode: 'MERGE',
        cache: 'None',
        attestations: 'STRIP',
        'tag-mutability': 'immutable',
        push: 'FALSE',
        provenance: 'False',
        logout: 'TRUE',
        cleanup: 'false',
        'create-repository': 'True',
        preflight: 'False'
      }
    })
    expect(inputs).toMatchObject({
      plan: { kind: 'merge' },
      cache: 'none',
      attestations: 'strip',
      tagMutability: 'IMMUTABLE',
      push: false,
      provenance: false,
      logout: true,
      cleanup: false,
      createRepository: true,
      preflight: false
    })
  })

  test('secrets are parsed and masked, and so is the password', () => {
    const inputs = run({
      inputs: { secrets: 'NPM_TOKEN=npm-s3cret\ngh=a=b', registry: 'registry.test', username: 'bot', password: 'pw-s3cret' }
    })
    expect(inputs.secrets).toStrictEqual([
      { id: 'NPM_TOKEN', value: 'npm-s3cret' },
      { id: 'gh', value: 'a=b' }
    ])
    expect(inputs).toMatchObject({ registry: 'registry.test', username: 'bot', password: 'pw-s3cret' })
    const log = stdout.join('')
    expect(log).toContain('::add-mask::npm-s3cret')
    expect(log).toContain('::add-mask::a=b')
    expect(log).toContain('::add-mask::pw-s3cret')
  })

  test('explicit tags separated by commas and newlines', () => {
    expect(run({ inputs: { tags: ' 1.0, latest\n\nstable,' } }).tags).toEqual(['1.0', 'latest', 'stable'])
  })

  test('branch and sha tags for a branch push', () => {
    expect(run({ env: { GITHUB_REF: 'refs/heads/feature/x_y' } }).tags).toEqual(['feature-x_y', 'sha-0123456'])
  })

  test('no tags in build mode without git context', () => {
    expect(run({ env: { GITHUB_SHA: undefined, GITHUB_REF: undefined } }).tags).toEqual([])
  })

  test('registry public.ecr.aws/<alias>: the alias goes in front of the repository, no username or password needed', () => {
    expect(run({ inputs: { registry: 'public.ecr.aws/acme' } })).toMatchObject({ registry: 'public.ecr.aws', repository: 'acme/team/app' })
    expect(run({ inputs: { registry: 'public.ecr.aws', repository: 'acme/app' } })).toMatchObject({
      registry: 'public.ecr.aws',
      repository: 'acme/app'
    })
  })

  test('mirrors: one repository per line, registry host first', () => {
    expect(
      run({ inputs: { mode: 'merge', mirrors: 'ghcr.io/acme/app\n\n 987654321098.dkr.ecr.us-west-2.amazonaws.com/team/app ' } }).mirrors
    ).toEqual([
      { registry: 'ghcr.io', repository: 'acme/app' },
      { registry: '987654321098.dkr.ecr.us-west-2.amazonaws.com', repository: 'team/app' }
    ])
  })

  test('run-key, attempt, sources and region', () => {
    const digest = `sha256:${'a'.repeat(64)}`
    const inputs = run({
      inputs: { mode: 'merge', 'run-key': 'nightly_42.b', sources: `registry.test/app:1\nregistry.test:5000/app@${digest}` },
      env: { GITHUB_RUN_ATTEMPT: '3', AWS_DEFAULT_REGION: 'eu-west-1', GITHUB_REPOSITORY: 'acme/app' }
    })
    expect(inputs).toMatchObject({
      runKey: 'nightly_42.b',
      runAttempt: 3,
      sources: ['registry.test/app:1', `registry.test:5000/app@${digest}`],
      region: 'eu-west-1'
    })
    expect(inputs.git.sourceUrl).toBe('https://github.com/acme/app')
  })

  test('input region wins over AWS_REGION, which wins over AWS_DEFAULT_REGION', () => {
    expect(run({ env: { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'eu-west-1' } }).region).toBe('us-east-2')
    expect(run({ inputs: { region: 'ap-south-1' }, env: { AWS_REGION: 'us-east-2' } }).region).toBe('ap-south-1')
  })
})

describe('getInputs decides the run plan', () => {
  test.each<[string, Case, string]>([
    ['a build of the runner platform', {}, 'build'],
    ['a build of one platform', { inputs: { platforms: 'linux/arm64' } }, 'build'],
    ['a one-job multi-platform build that pushes', { inputs: { platforms: 'linux/amd64,linux/arm64' } }, 'build-and-publish'],
    ['a multi-platform build that pushes nothing', { inputs: { platforms: 'linux/amd64,linux/arm64', push: 'false' } }, 'build'],
    ['a merge', { inputs: { mode: 'merge' } }, 'merge'],
    ['a merge of given platforms', { inputs: { mode: 'merge', platforms: 'linux/amd64,linux/arm64' } }, 'merge'],
    [
      'a leg with publish-when-complete',
      { inputs: { platforms: 'linux/arm64', 'publish-when-complete': 'linux/amd64,linux/arm64' } },
      'build-and-publish-when-complete'
    ],
    [
      'a leg with publish-when-complete that pushes nothing',
      { inputs: { platforms: 'linux/arm64', 'publish-when-complete': 'linux/amd64,linux/arm64', push: 'false' } },
      'build'
    ]
  ])('%s: %s', (_name, c, kind) => {
    expect(run(c).plan).toEqual({ kind })
  })

  test('publish-when-complete keeps its order (the index order) and normalises aliases', () => {
    const inputs = run({ inputs: { platforms: 'linux/arm64', 'publish-when-complete': 'linux/aarch64, linux/amd64', tags: 'v1' } })
    expect(inputs.publishWhenComplete).toEqual([
      { os: 'linux', architecture: 'arm64' },
      { os: 'linux', architecture: 'amd64' }
    ])
    expect(inputs.tags).toEqual(['v1'])
  })
})

describe('getInputs checks the platforms against the runner', () => {
  const linux = detectRunner('linux', 'x64', '6.8.0')
  const windows2025 = detectRunner('win32', 'x64', '10.0.26100')

  test('a Windows runner builds its own platform by default, with its os.version', () => {
    expect(run({}, windows2025).platforms).toEqual([{ os: 'windows', architecture: 'amd64', 'os.version': '10.0.26100' }])
  })

  test('a build of a platform the runner cannot build fails as an input error', () => {
    expect(() => run({ inputs: { platforms: 'windows/amd64' } }, linux)).toThrow(
      'input platforms: windows images cannot be built on a linux runner: build Windows images on windows-2022 or windows-2025 runners (a matrix of runners, then mode: merge)'
    )
  })

  test('the form of every input is checked before the runner is', () => {
    expect(() => run({ inputs: { platforms: 'windows/amd64', cache: 's3' } }, linux)).toThrow('input cache: "s3" is not one of ecr, none')
  })

  test('a merge builds nothing: its platforms are not checked against the runner', () => {
    expect(run({ inputs: { mode: 'merge', platforms: 'windows/amd64' } }, linux).platforms).toEqual([
      { os: 'windows', architecture: 'amd64' }
    ])
  })
})

describe('getInputs: tag rules, flavor, full references, latest-policy', () => {
  const release = { GITHUB_REF: 'refs/tags/v2.0.0', GITHUB_SHA: SHA, GITHUB_EVENT_NAME: 'push' }
  const host = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'

  test('lines starting with type= are metadata-action rules', () => {
    const inputs = run({
      env: release,
      inputs: { mode: 'merge', tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}\ntype=sha', flavor: 'suffix=-slim' }
    })
    expect(inputs.tags).toEqual(['2.0.0-slim', '2-slim', 'sha-0123456-slim', 'latest'])
    expect(inputs.version).toBe('2.0.0-slim')
    expect(inputs.latest).toMatchObject({ tag: 'latest', policy: 'highest', published: { version: '2.0.0' } })
    expect(inputs.standard?.['org.opencontainers.image.version']).toBe('2.0.0-slim')
  })

  test('a plain list means what it meant; latest in it is guarded too', () => {
    const inputs = run({ env: release, inputs: { mode: 'merge', tags: '1.4.7,latest', 'latest-policy': 'ALWAYS' } })
    expect(inputs.tags).toEqual(['1.4.7', 'latest'])
    expect(inputs.latest).toEqual({ tag: 'latest', policy: 'always', published: '1.4.7' })
  })

  test("full references to this repository (metadata-action's tags output) become tags", () => {
    const inputs = run({ env: release, inputs: { mode: 'merge', tags: `${host}/team/app:2.0.0\n${host}/team/app:latest`, registry: host } })
    expect(inputs.tags).toEqual(['2.0.0', 'latest'])
  })

  test('full references to a mirror name the same tags (metadata-action listing every image)', () => {
    const inputs = run({
      env: release,
      inputs: {
        mode: 'merge',
        tags: `${host}/team/app:2.0.0\nghcr.io/acme/app:2.0.0\nghcr.io/acme/app:latest`,
        registry: host,
        mirrors: 'ghcr.io/acme/app'
      }
    })
    expect(inputs.tags).toEqual(['2.0.0', 'latest'])
  })

  test.each<[string, Case, string]>([
    [
      'a reference to another repository',
      { inputs: { tags: `${host}/team/other:1.0` } },
      `input tags: "${host}/team/other:1.0" is not a tag of <registry>/team/app: give tags, or full references <registry>/team/app:<tag>`
    ],
    [
      'a reference to another registry',
      { inputs: { tags: `ghcr.io/team/app:1.0`, registry: host } },
      `input tags: "ghcr.io/team/app:1.0" is not a tag of ${host}/team/app`
    ],
    ['a rule of an unknown type', { inputs: { tags: 'type=pep440,pattern={{version}}' } }, 'input tags: unknown type "pep440"'],
    ['a rule without its pattern', { inputs: { tags: 'type=semver' } }, 'input tags: type=semver needs pattern='],
    ['a flavor without rules', { inputs: { tags: '1.0', flavor: 'latest=false' } }, 'input flavor: applies to tag rules only'],
    ['a bad flavor', { inputs: { tags: 'type=sha', flavor: 'latest=never' } }, 'input flavor: latest "never" is not auto, true or false'],
    ['a bad latest-policy', { inputs: { 'latest-policy': 'newest' } }, 'input latest-policy: "newest" is not one of highest, always']
  ])('rejects %s', (_, c, message) => {
    expect(() => run({ ...c, env: { ...release, ...c.env } })).toThrow(message)
  })
})

describe("build-push-action's options", () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inputs-options-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('each option in its build-push-action form', () => {
    const inputs = run({
      inputs: {
        'build-contexts': 'alpine=docker-image://alpine:3.20\nsrc=./src',
        ssh: 'default\ngh=/tmp/a.sock',
        network: 'none',
        'add-hosts': 'docker:10.180.0.1,db:host-gateway',
        'shm-size': '2g',
        ulimit: 'nofile=1024:2048',
        'no-cache': 'true',
        'no-cache-filters': 'builder,test',
        pull: 'TRUE',
        sbom: 'generator=registry.test/scanner:1',
        provenance: 'mode=max',
        'cache-from': 'type=gha,scope=app\ntype=local,src=/tmp/c',
        'cache-to': 'type=gha,mode=max'
      }
    })
    expect(inputs.options).toStrictEqual({
      buildContexts: ['alpine=docker-image://alpine:3.20', 'src=./src'],
      ssh: ['default', 'gh=/tmp/a.sock'],
      network: 'none',
      addHosts: ['docker:10.180.0.1', 'db:host-gateway'],
      shmSize: '2g',
      ulimits: ['nofile=1024:2048'],
      noCache: true,
      noCacheFilters: ['builder', 'test'],
      pull: true,
      call: 'build',
      secretFiles: [],
      sbom: 'generator=registry.test/scanner:1',
      cacheFrom: ['type=gha,scope=app', 'type=local,src=/tmp/c'],
      cacheTo: ['type=gha,mode=max']
    })
    expect(inputs.provenance).toBe('mode=max')
  })

  test('call: check builds nothing, so it pushes nothing and publishes nothing', () => {
    const inputs = run({ inputs: { call: 'check', platforms: 'linux/amd64,linux/arm64' } })
    expect(inputs).toMatchObject({ push: false, plan: { kind: 'build' }, options: { call: 'check' } })
  })

  test('secret-envs read the environment (CSV or lines), masked, after secrets', () => {
    const inputs = run({
      inputs: { secrets: 'a=1', 'secret-envs': 'npm=NPM_TOKEN_X, gh=GH_TOKEN_X\nthird=THIRD_X' },
      env: { NPM_TOKEN_X: 'npm-env-s3cret', GH_TOKEN_X: 'gh-env-s3cret', THIRD_X: 'third-s3cret' }
    })
    expect(inputs.secrets).toStrictEqual([
      { id: 'a', value: '1' },
      { id: 'npm', value: 'npm-env-s3cret' },
      { id: 'gh', value: 'gh-env-s3cret' },
      { id: 'third', value: 'third-s3cret' }
    ])
    const log = stdout.join('')
    for (const secret of ['npm-env-s3cret', 'gh-env-s3cret', 'third-s3cret']) expect(log).toContain(`::add-mask::${secret}`)
  })

  test('secret-files: absolute paths, contents masked (whole and by line)', () => {
    const file = join(dir, 'npmrc')
    writeFileSync(file, '//registry/:_authToken=file-s3cret\nsecond-line-s3cret\n')
    const inputs = run({ inputs: { 'secret-files': `npmrc=${file}` } })
    expect(inputs.options.secretFiles).toStrictEqual([{ id: 'npmrc', path: file }])
    const log = stdout.join('')
    expect(log).toContain('::add-mask:://registry/:_authToken=file-s3cret')
    expect(log).toContain('::add-mask::second-line-s3cret')
  })

  test.each<[string, Case, string]>([
    ['build-contexts', { inputs: { 'build-contexts': 'alpine' } }, 'input build-contexts: "alpine" is not name=value'],
    ['ssh', { inputs: { ssh: '--help' } }, 'input ssh: "--help" is not default, default=<socket>'],
    ['network', { inputs: { network: 'bridge' } }, 'input network: "bridge" is not one of default, none, host'],
    ['add-hosts', { inputs: { 'add-hosts': 'docker' } }, 'input add-hosts: "docker" is not host:ip'],
    ['shm-size', { inputs: { 'shm-size': 'big' } }, 'input shm-size: "big" is not a size'],
    ['ulimit', { inputs: { ulimit: 'files=1' } }, 'input ulimit: "files=1" is not name=soft[:hard]'],
    ['no-cache', { inputs: { 'no-cache': 'yes' } }, 'input no-cache: "yes" is not a boolean: use true or false'],
    ['no-cache-filters', { inputs: { 'no-cache-filters': 'a b' } }, 'input no-cache-filters: "a b" is not a build stage name'],
    ['pull', { inputs: { pull: '1' } }, 'input pull: "1" is not a boolean: use true or false'],
    ['call', { inputs: { call: 'lint' } }, 'input call: "lint" is not one of build, check, outline, targets'],
    ['sbom', { inputs: { sbom: 'yes' } }, 'input sbom: "yes" is not true, false or generator=<scanner image>'],
    ['provenance', { inputs: { provenance: 'mode=full' } }, 'input provenance: "mode=full" is not true, false, or mode=min|max'],
    ['cache-from', { inputs: { 'cache-from': 'ref=a,mode=max' } }, 'input cache-from: "ref=a,mode=max" names no type'],
    ['cache-to', { inputs: { 'cache-to': 'type=gha, x' } }, 'input cache-to: "type=gha, x" is not type=<backend>'],
    [
      'secret-envs unset',
      { inputs: { 'secret-envs': 'npm=NOT_SET_ANYWHERE' } },
      'input secret-envs: id npm reads environment variable NOT_SET_ANYWHERE, which is not set'
    ],
    [
      'secret-envs not a name',
      { inputs: { 'secret-envs': 'npm=a b' } },
      'input secret-envs: the value for id npm is not an environment variable name'
    ],
    [
      'secret-envs twice',
      { inputs: { secrets: 'npm=x', 'secret-envs': 'npm=HOME' } },
      'input secret-envs: id npm is also given in secrets'
    ],
    [
      'secret-files missing',
      { inputs: { 'secret-files': 'npmrc=/nonexistent/s3cret-path' } },
      'input secret-files: the file for id npmrc is not a readable file'
    ],
    ['secret-files directory', { inputs: { 'secret-files': 'dir=/' } }, 'input secret-files: the file for id dir is not a readable file']
  ])('refuses %s, naming the input', (_name, c, message) => {
    expect(() => run(c)).toThrow(message)
  })

  test('secret-files errors never carry the path', () => {
    expect(() => run({ inputs: { 'secret-files': 'npmrc=/nonexistent/s3cret-path' } })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret-path') })
    )
  })

  test('BuildKit-only options are refused on Windows legs', () => {
    const windows: Runner = { platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' }, windows: true }
    expect(() => run({ inputs: { ssh: 'default' } }, windows)).toThrow('input ssh: Windows legs build with docker build (no BuildKit)')
  })
})
