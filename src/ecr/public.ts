// ECR Public (public.ecr.aws): the login through the ECR Public API, as aws-actions/amazon-ecr-login
// does it, and making sure a repository exists. The API lives only in us-east-1, whatever the
// region of the run. A repository path there is `<alias>/<name>`: the alias is the registry's,
// and the API names repositories without it.
import {
  BatchDeleteImageCommand,
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRPUBLICClient,
  GetAuthorizationTokenCommand,
  type Repository
} from '@aws-sdk/client-ecr-public'
import { awsRequestHandler } from '../net/aws-proxy-agent.js'
import type { Credentials } from '../registry/auth.js'
import { silentLogger } from '../util/logger.js'
import { decodeToken } from './auth.js'
import { callAws, type AwsCallOptions } from './call.js'
import type { DeleteTagsResult } from './repository.js'

export const ECR_PUBLIC_HOST = 'public.ecr.aws'
export const ECR_PUBLIC_REGION = 'us-east-1'

/** The ECR Public API client: us-east-1, through the same proxy policy as every other call. */
export function ecrPublicClient(): ECRPUBLICClient {
  return new ECRPUBLICClient({ region: ECR_PUBLIC_REGION, requestHandler: awsRequestHandler() })
}

export interface EcrPublicLogin extends Credentials {
  expiresAt?: Date
}

/** GetAuthorizationToken of ECR Public: one token for public.ecr.aws, decoded into docker credentials. */
export async function getEcrPublicLogin(client: ECRPUBLICClient, opts: AwsCallOptions = {}): Promise<EcrPublicLogin> {
  const out = await callAws('ECR Public GetAuthorizationToken', () => client.send(new GetAuthorizationTokenCommand({})), opts)
  const data = out.authorizationData
  if (!data?.authorizationToken) {
    throw new Error(
      'ECR Public GetAuthorizationToken returned no authorization data; check that the credentials may call ' +
        'ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken'
    )
  }
  const { username, password } = decodeToken(data.authorizationToken, 'ECR Public GetAuthorizationToken')
  ;(opts.logger ?? silentLogger).debug(
    `ECR Public login${data.expiresAt ? `, valid until ${data.expiresAt.toISOString()}` : ''} (region ${ECR_PUBLIC_REGION})`
  )
  return { username, password, ...(data.expiresAt ? { expiresAt: data.expiresAt } : {}) }
}

/** `<alias>/<name>` of a repository path in public.ecr.aws; the name may itself hold slashes. */
export function splitPublicRepository(path: string): { alias: string; name: string } {
  const slash = path.indexOf('/')
  if (slash <= 0 || slash === path.length - 1) {
    throw new Error(`"${path}" is not an ECR Public repository path: give <alias>/<name>, e.g. public.ecr.aws/acme/app`)
  }
  return { alias: path.slice(0, slash), name: path.slice(slash + 1) }
}

export interface EnsurePublicRepositoryOptions extends AwsCallOptions {
  /** The path in public.ecr.aws: `<alias>/<name>`. */
  repository: string
  create: boolean
}

/**
 * Makes sure the repository exists in the public registry of the credentials' account, creating it
 * when allowed. The API cannot address another account's alias: a repository whose URI names a
 * different alias is an error, so nothing is pushed to a registry the credentials do not own.
 */
export async function ensurePublicRepository(client: ECRPUBLICClient, opts: EnsurePublicRepositoryOptions): Promise<{ created: boolean }> {
  const { alias, name } = splitPublicRepository(opts.repository)
  const wanted = `${ECR_PUBLIC_HOST}/${opts.repository}`
  let repo = await describe(client, name, opts)
  let created = false
  if (!repo) {
    if (!opts.create) {
      throw new Error(
        `ECR Public repository ${name} does not exist in ${ECR_PUBLIC_HOST}/${alias}; create it or set create-repository: true`
      )
    }
    try {
      const out = await callAws(
        'ECR Public CreateRepository',
        () => client.send(new CreateRepositoryCommand({ repositoryName: name })),
        opts
      )
      repo = out.repository
      created = true
    } catch (err) {
      if ((err as { name?: string }).name !== 'RepositoryAlreadyExistsException') throw err
      // Another job created it between our describe and create: use theirs.
      repo = await describe(client, name, opts)
    }
  }
  if (repo?.repositoryUri && repo.repositoryUri.toLowerCase() !== wanted.toLowerCase()) {
    throw new Error(
      `ECR Public repository ${name} of these credentials is ${repo.repositoryUri}, not ${wanted}: ` +
        `the alias ${alias} belongs to another registry; give the alias of the credentials' account`
    )
  }
  return { created }
}

async function describe(client: ECRPUBLICClient, name: string, opts: AwsCallOptions): Promise<Repository | undefined> {
  try {
    const out = await callAws(
      'ECR Public DescribeRepositories',
      () => client.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })),
      opts
    )
    return out.repositories?.find(r => r.repositoryName === name)
  } catch (err) {
    if ((err as { name?: string }).name === 'RepositoryNotFoundException') return undefined
    throw err
  }
}

/**
 * The login a registry client of public.ecr.aws needs: the first credentials, and how to get fresh
 * ones when they expire. Every secret goes to `maskSecret` before it is used.
 */
export async function ecrPublicLogin(opts: { maskSecret: (secret: string) => void } & AwsCallOptions): Promise<{
  client: ECRPUBLICClient
  credentials: Credentials
  refreshCredentials: () => Promise<Credentials>
}> {
  const client = ecrPublicClient()
  const refreshCredentials = async (): Promise<Credentials> => {
    const token = await getEcrPublicLogin(client, opts)
    opts.maskSecret(token.password)
    opts.maskSecret(Buffer.from(`${token.username}:${token.password}`).toString('base64'))
    return { username: token.username, password: token.password }
  }
  return { client, credentials: await refreshCredentials(), refreshCredentials }
}

const BATCH_DELETE_LIMIT = 100

/**
 * Deletes tags of a public repository (`<alias>/<name>`) through the API, as deleteTags does in
 * ECR: the registry API of public.ecr.aws deletes nothing. A tag already gone counts as deleted.
 */
export async function deletePublicTags(
  client: ECRPUBLICClient,
  opts: { repository: string; tags: string[] } & AwsCallOptions
): Promise<DeleteTagsResult> {
  const { name } = splitPublicRepository(opts.repository)
  const tags = [...new Set(opts.tags)]
  const result: DeleteTagsResult = { deleted: [], failures: [] }
  for (let i = 0; i < tags.length; i += BATCH_DELETE_LIMIT) {
    const chunk = tags.slice(i, i + BATCH_DELETE_LIMIT)
    const input = { repositoryName: name, imageIds: chunk.map(imageTag => ({ imageTag })) }
    const out = await callAws('ECR Public BatchDeleteImage', () => client.send(new BatchDeleteImageCommand(input)), opts)
    const failed = new Map(
      (out.failures ?? [])
        .filter(f => f.imageId?.imageTag !== undefined && f.failureCode !== 'ImageNotFound')
        .map(f => [f.imageId!.imageTag!, f])
    )
    for (const tag of chunk) {
      const failure = failed.get(tag)
      if (failure) result.failures.push({ tag, code: failure.failureCode ?? 'Unknown', reason: failure.failureReason ?? '' })
      else result.deleted.push(tag)
    }
  }
  return result
}
