// build-push-action's build options: their forms (validated once, by the edge, through the
// parse* functions here) and the `docker buildx build` arguments they become (arrays, never
// a shell string). Each parse* throws a plain Error saying what is accepted; the edge names the input.

export type CallMode = 'build' | 'check' | 'outline' | 'targets'

export interface BuildOptions {
  /** `name=value` (a path, docker-image://..., target:..., a URL): --build-context. */
  buildContexts: string[]
  /** `default`, `default=<socket or key>[,...]`, `<id>=<path>`: --ssh. */
  ssh: string[]
  network?: 'default' | 'none' | 'host'
  /** `host:ip`: --add-host. */
  addHosts: string[]
  shmSize?: string
  /** `name=soft[:hard]`: --ulimit. */
  ulimits: string[]
  noCache: boolean
  noCacheFilters: string[]
  pull: boolean
  /** build (default) builds; check lints the Dockerfile, outline and targets describe it: those build nothing. */
  call: CallMode
  /** Secrets read from files. Only neutral paths reach argv (see secretFileArgs). */
  secretFiles: { id: string; path: string }[]
  /** false, or buildx's --sbom value: `true` or `generator=<image>`. */
  sbom: false | string
  /** The user's cache specs (build-push-action syntax): when given, they replace the ECR cache for that direction. */
  cacheFrom: string[]
  cacheTo: string[]
}

export const DEFAULT_BUILD_OPTIONS: BuildOptions = {
  buildContexts: [],
  ssh: [],
  network: undefined,
  addHosts: [],
  shmSize: undefined,
  ulimits: [],
  noCache: false,
  noCacheFilters: [],
  pull: false,
  call: 'build',
  secretFiles: [],
  sbom: false,
  cacheFrom: [],
  cacheTo: []
}

/** The arguments of the options (all but the secret files, which runBuildx links first). */
export function buildOptionArgs(options: BuildOptions): string[] {
  const args: string[] = []
  for (const context of options.buildContexts) args.push('--build-context', context)
  for (const ssh of options.ssh) args.push('--ssh', ssh)
  if (options.network) args.push('--network', options.network)
  for (const host of options.addHosts) args.push('--add-host', host)
  if (options.shmSize) args.push('--shm-size', options.shmSize)
  for (const ulimit of options.ulimits) args.push('--ulimit', ulimit)
  if (options.noCache) args.push('--no-cache')
  for (const stage of options.noCacheFilters) args.push('--no-cache-filter', stage)
  if (options.pull) args.push('--pull')
  if (options.call !== 'build') args.push('--call', options.call)
  if (options.sbom) args.push(`--sbom=${options.sbom}`)
  return args
}

/**
 * `--secret id=<id>,src=<dir>/secret-file-<i>` for each secret file: `dir` holds a symlink
 * per file (made by runBuildx), so argv carries neither the user's path nor the contents,
 * and files of any size work (an environment variable is limited to 128 KiB).
 */
export function secretFileArgs(secretFiles: BuildOptions['secretFiles'], dir: string): string[] {
  return secretFiles.flatMap((s, i) => ['--secret', `id=${s.id},src=${secretFileLink(dir, i)}`])
}

export function secretFileLink(dir: string, index: number): string {
  return `${dir}/secret-file-${index}`
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.\-/:@]*$/

/** build-contexts: `name=value` per entry. */
export function parseBuildContexts(entries: string[]): string[] {
  for (const entry of entries) {
    const eq = entry.indexOf('=')
    if (eq <= 0 || !NAME.test(entry.slice(0, eq)) || entry.slice(eq + 1).trim() === '')
      throw new Error(`"${entry}" is not name=value: e.g. alpine=docker-image://alpine:3.20, src=./src or base=target:base`)
  }
  return entries
}

/** ssh: `default`, `default=<socket or key>[,...]` or `<id>=<path>` per line. */
export function parseSsh(entries: string[]): string[] {
  for (const entry of entries) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*(=[^\s=][^=]*)?$/.test(entry))
      throw new Error(`"${entry}" is not default, default=<socket>, or <id>=<socket or key path>: e.g. default, or github=/tmp/agent.sock`)
  }
  return entries
}

export function parseNetwork(value: string): 'default' | 'none' | 'host' {
  if (value === 'default' || value === 'none' || value === 'host') return value
  throw new Error(`"${value}" is not one of default, none, host (BuildKit's networking modes for RUN)`)
}

/** add-hosts: `host:ip` (or `host=ip`), an IPv4 or IPv6 address, or host-gateway. */
export function parseAddHosts(entries: string[]): string[] {
  for (const entry of entries) {
    const match = /^([A-Za-z0-9][A-Za-z0-9.\-_]*)[:=](.+)$/.exec(entry)
    const ip = match?.[2].replace(/^\[(.*)\]$/, '$1')
    if (!ip || !(ip === 'host-gateway' || /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) || /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/.test(ip)))
      throw new Error(`"${entry}" is not host:ip: e.g. docker:10.180.0.1, or db:host-gateway`)
  }
  return entries
}

/** shm-size: a size in bytes with an optional unit, e.g. 2g, 512m. */
export function parseShmSize(value: string): string {
  if (!/^[0-9]+(\.[0-9]+)?[bkmgBKMG]?$/.test(value))
    throw new Error(`"${value}" is not a size: a number with an optional unit b, k, m or g, e.g. 2g`)
  return value
}

const ULIMITS = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack'
]

/** ulimit: `name=soft[:hard]` per line. */
export function parseUlimits(entries: string[]): string[] {
  for (const entry of entries) {
    const match = /^([a-z]+)=(-?[0-9]+)(?::(-?[0-9]+))?$/.exec(entry)
    if (!match || !ULIMITS.includes(match[1]))
      throw new Error(`"${entry}" is not name=soft[:hard] with a name among ${ULIMITS.join(', ')}: e.g. nofile=1024:1024`)
  }
  return entries
}

/** no-cache-filters: Dockerfile stage names. */
export function parseStages(entries: string[]): string[] {
  for (const entry of entries) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(entry)) throw new Error(`"${entry}" is not a build stage name: e.g. builder`)
  }
  return entries
}

export function parseCall(value: string): CallMode {
  const call = value.toLowerCase()
  if (call === 'build' || call === 'check' || call === 'outline' || call === 'targets') return call
  throw new Error(`"${value}" is not one of build, check, outline, targets`)
}

/** sbom: true, false or generator=<scanner image>, as buildx --sbom takes it. */
export function parseSbom(value: string): false | string {
  const lower = value.toLowerCase()
  if (lower === 'false') return false
  if (lower === 'true') return 'true'
  const generator = /^generator=([^\s,=]+)$/.exec(value)
  if (generator) return `generator=${generator[1]}`
  throw new Error(`"${value}" is not true, false or generator=<scanner image>: e.g. generator=docker/buildkit-syft-scanner:1`)
}

/**
 * provenance: true (mode=min), false, or buildx's attributes: mode=min|max, builder-id=<url>,
 * version=v0.2|v1, comma-separated. The result is what --provenance takes (true stays true).
 */
export function parseProvenance(value: string): boolean | string {
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  const accepted = 'true, false, or mode=min|max with optional builder-id=<url> and version=v0.2|v1, comma-separated, e.g. mode=max'
  const pairs = value.split(',').map(part => part.trim())
  const seen = new Set<string>()
  for (const pair of pairs) {
    const [key, attr] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]
    const valid =
      pair.includes('=') &&
      !seen.has(key) &&
      ((key === 'mode' && (attr === 'min' || attr === 'max')) ||
        (key === 'builder-id' && /^\S+$/.test(attr)) ||
        (key === 'version' && (attr === 'v0.2' || attr === 'v1')))
    if (!valid) throw new Error(`"${value}" is not ${accepted}`)
    seen.add(key)
  }
  return pairs.join(',')
}

/**
 * cache-from / cache-to: one spec per line, as buildx takes it: `type=<backend>,key=value,...`
 * or a bare image reference (a registry cache). Passed on as given.
 */
export function parseCacheSpecs(entries: string[]): string[] {
  for (const entry of entries) {
    const fields = entry.split(',')
    const bare = fields.length === 1 && !entry.includes('=')
    if (!bare && !fields.every(f => /^[a-z][a-z0-9-]*=\S*$/.test(f.trim())))
      throw new Error(
        `"${entry}" is not type=<backend>,key=value,... or an image reference: e.g. type=gha,scope=app or type=local,src=/tmp/cache`
      )
    if (!bare && !fields.some(f => f.trim().startsWith('type=')))
      throw new Error(`"${entry}" names no type: add type=registry, gha, local, s3 or inline`)
  }
  return entries.map(e => e.trim())
}

/** The first input set that only BuildKit honours (Windows legs build with the classic builder), if any. */
export function buildKitOnlyInput(options: BuildOptions): string | undefined {
  const set: [string, boolean][] = [
    ['build-contexts', options.buildContexts.length > 0],
    ['ssh', options.ssh.length > 0],
    ['sbom', options.sbom !== false],
    ['call', options.call !== 'build'],
    ['no-cache-filters', options.noCacheFilters.length > 0],
    ['cache-from', options.cacheFrom.length > 0],
    ['cache-to', options.cacheTo.length > 0]
  ]
  return set.find(([, isSet]) => isSet)?.[0]
}
