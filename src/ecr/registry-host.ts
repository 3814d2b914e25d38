// ECR registry host names: parsing, building, and resolving the `registry` input.
// Pure: no I/O, no SDK.

export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f' | 'aws-eusc'

export interface EcrHost {
  accountId: string
  region: string
  fips: boolean
  dualStack: boolean
  partition: Partition
}

export type RegistryInput =
  | { kind: 'ecr-default' }
  | { kind: 'ecr'; host: string; accountId: string; region: string; note?: string }
  | { kind: 'other'; host: string }

const ACCOUNT_ID = /^\d{12}$/
const REGION = '[a-z]{2,4}(?:-[a-z]+)+-\\d{1,2}'

// IPv4 DNS suffixes of the partitions, longest first so that `.amazonaws.com.cn` wins over `.amazonaws.com`.
const IPV4_SUFFIXES: [string, Partition][] = [
  ['amazonaws.com.cn', 'aws-cn'],
  ['csp.hci.ic.gov', 'aws-iso-f'],
  ['cloud.adc-e.uk', 'aws-iso-e'],
  ['sc2s.sgov.gov', 'aws-iso-b'],
  ['c2s.ic.gov', 'aws-iso'],
  ['amazonaws.com', 'aws'],
  ['amazonaws.eu', 'aws-eusc']
]

const ECR_HOST = new RegExp(
  `^(\\d{12})\\.(?:dkr\\.ecr(-fips)?\\.(${REGION})\\.(${IPV4_SUFFIXES.map(([s]) => s.replace(/\./g, '\\.')).join('|')})` +
    `|dkr-ecr(-fips)?\\.(${REGION})\\.on\\.aws)$`
)

/** Parses an ECR private registry host (an optional `:443` is tolerated); anything else gives undefined. */
export function parseEcrHost(host: string): EcrHost | undefined {
  const m = ECR_HOST.exec(host.trim().toLowerCase().replace(/:443$/, ''))
  if (!m) return undefined
  const [, accountId, fips4, region4, suffix, fips6, region6] = m
  if (region6 !== undefined) {
    return { accountId, region: region6, fips: fips6 !== undefined, dualStack: true, partition: partitionOfRegion(region6) }
  }
  const partition = IPV4_SUFFIXES.find(([s]) => s === suffix)![1]
  // GovCloud shares the commercial suffix; only the region tells them apart.
  const resolved = partition === 'aws' ? partitionOfRegion(region4) : partition
  return { accountId, region: region4, fips: fips4 !== undefined, dualStack: false, partition: resolved }
}

export function isEcrPublic(host: string): boolean {
  return host.trim().toLowerCase().replace(/:443$/, '') === 'public.ecr.aws'
}

export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  if (region.startsWith('us-isob-')) return 'aws-iso-b'
  if (region.startsWith('us-isof-')) return 'aws-iso-f'
  if (region.startsWith('us-iso-')) return 'aws-iso'
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e'
  if (region.startsWith('eusc-')) return 'aws-eusc'
  return 'aws'
}

function suffixOf(partition: Partition): string {
  if (partition === 'aws-us-gov') return 'amazonaws.com'
  return IPV4_SUFFIXES.find(([, p]) => p === partition)![0]
}

/** The private registry host of an account in a region. */
export function ecrHostFor(accountId: string, region: string, opts: { fips?: boolean; dualStack?: boolean } = {}): string {
  if (!ACCOUNT_ID.test(accountId)) throw new Error(`invalid AWS account id "${accountId}": expected 12 digits`)
  if (!new RegExp(`^${REGION}$`).test(region)) throw new Error(`invalid AWS region "${region}": expected a name like us-east-1`)
  const partition = partitionOfRegion(region)
  const fips = opts.fips ? '-fips' : ''
  if (opts.dualStack) {
    if (partition !== 'aws' && partition !== 'aws-us-gov') {
      throw new Error(`ECR dual-stack endpoints are not supported in region ${region}; use the IPv4 endpoint`)
    }
    return `${accountId}.dkr-ecr${fips}.${region}.on.aws`
  }
  if (opts.fips && partition !== 'aws' && partition !== 'aws-us-gov') {
    throw new Error(`ECR FIPS endpoints are not available in region ${region}`)
  }
  return `${accountId}.dkr.ecr${fips}.${region}.${suffixOf(partition)}`
}

const ACCEPTED_FORMS =
  'accepted forms: empty (the account of the AWS credentials), a 12-digit account id, ' +
  'an ECR host like 123456789012.dkr.ecr.us-east-1.amazonaws.com, or another registry host[:port]'

const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?'
const HOST_PORT = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-fA-F:.]+\\])(?::(\\d{1,5}))?$`)

/** The region input, else AWS_REGION, else AWS_DEFAULT_REGION (as aws-actions/configure-aws-credentials and the SDK set them). */
export function regionOf(given: string | undefined, env: Record<string, string | undefined>): string | undefined {
  return given ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
}

/**
 * Interprets the `registry` input. An ECR host decides the region: when an explicit
 * region disagrees, the host wins and `note` says so.
 */
export function resolveRegistryInput(registry: string | undefined, region: string | undefined): RegistryInput {
  const raw = (registry ?? '').trim()
  if (raw === '') return { kind: 'ecr-default' }
  const wantedRegion = region?.trim() || undefined

  if (ACCOUNT_ID.test(raw)) {
    if (!wantedRegion) throw new Error('input registry is an account id; set input region or AWS_REGION')
    return { kind: 'ecr', host: ecrHostFor(raw, wantedRegion), accountId: raw, region: wantedRegion }
  }

  const host = hostOf(raw)
  const ecr = parseEcrHost(host)
  if (!ecr) return { kind: 'other', host }
  const result: RegistryInput = { kind: 'ecr', host: host.toLowerCase().replace(/:443$/, ''), accountId: ecr.accountId, region: ecr.region }
  if (wantedRegion && wantedRegion !== ecr.region) {
    result.note = `registry ${result.host} is in region ${ecr.region}; using it instead of region ${wantedRegion}`
  }
  return result
}

function hostOf(raw: string): string {
  const withoutScheme = raw.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '').replace(/\/+$/, '')
  if (withoutScheme.includes('/')) {
    throw new Error(`input registry "${raw}" must be a registry host without a path (the repository has its own input); ${ACCEPTED_FORMS}`)
  }
  const m = HOST_PORT.exec(withoutScheme)
  if (!m || (m[1] !== undefined && (Number(m[1]) < 1 || Number(m[1]) > 65535))) {
    throw new Error(`input registry "${raw}" is not a valid host[:port]; ${ACCEPTED_FORMS}`)
  }
  return withoutScheme
}

/**
 * `registry: public.ecr.aws/<alias>` is how ECR Public names a registry: the alias moves to the
 * front of the repository path, so that everything after reads `public.ecr.aws/<alias>/<repository>`.
 * Any other registry comes back unchanged; public.ecr.aws without an alias needs one in the repository.
 */
export function withEcrPublicAlias(registry: string | undefined, repository: string): { registry?: string; repository: string } {
  const raw = (registry ?? '')
    .trim()
    .replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '')
    .replace(/\/+$/, '')
  const slash = raw.indexOf('/')
  const host = slash < 0 ? raw : raw.slice(0, slash)
  if (!isEcrPublic(host)) return { registry, repository }
  if (slash < 0) {
    if (!repository.includes('/'))
      throw new Error(
        `public.ecr.aws needs the registry alias, and repository "${repository}" has none: give registry: public.ecr.aws/<alias>, or repository: <alias>/${repository}`
      )
    return { registry: 'public.ecr.aws', repository }
  }
  const alias = raw.slice(slash + 1)
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(alias) || alias.length < 2 || alias.length > 50) {
    throw new Error(
      `"${registry}" is not an ECR Public registry: give public.ecr.aws/<alias>, the alias in 2 to 50 lowercase letters, digits, ".", "_" or "-"`
    )
  }
  return { registry: 'public.ecr.aws', repository: `${alias}/${repository}` }
}
