// The lifecycle policy goes on repositories this action creates, never on existing ones;
// its rules expire branch caches and run leftovers, never the default branch's cache.
import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  PutLifecyclePolicyCommand,
  RepositoryNotFoundException
} from '@aws-sdk/client-ecr'
import { mockClient } from 'aws-sdk-client-mock'
import { BRANCH_CACHE_DAYS, lifecyclePolicyText } from '../../src/ecr/lifecycle.js'
import { ensureRepository } from '../../src/ecr/repository.js'
import { ecrWildcardMatch as wildcardMatch } from '../../testing/ecr-wildcard.js'
import { branchCacheTag } from '../../src/oci/cache-refs.js'
import { parsePlatform } from '../../src/oci/platform.js'

const ecrMock = mockClient(ECRClient)
const client = new ECRClient({ region: 'us-east-1' })
const noWait = { sleep: async () => {}, baseDelayMs: 1, attempts: 1 }
const notFound = new RepositoryNotFoundException({ message: 'not found', $metadata: {} })

interface Rule {
  rulePriority: number
  selection: { tagStatus: string; tagPatternList: string[]; countType: string; countNumber: number }
  action: { type: string }
}

beforeEach(() => ecrMock.reset())

test('the rules: branch caches, staging and build leftovers, one pattern each', () => {
  const rules = (JSON.parse(lifecyclePolicyText()) as { rules: Rule[] }).rules
  expect(rules.map(r => [r.rulePriority, r.selection.tagPatternList, r.action.type])).toEqual([
    [1, ['cache-*.*'], 'expire'],
    [2, ['stage-*'], 'expire'],
    [3, ['build-*'], 'expire']
  ])
  expect(rules[0].selection.countNumber).toBe(BRANCH_CACHE_DAYS)
  const matches = (tag: string) => rules.some(r => r.selection.tagPatternList.every(p => wildcardMatch(p, tag)))
  expect(matches(branchCacheTag(parsePlatform('linux/amd64'), 'feature/x'))).toBe(true)
  for (const kept of ['cache-linux-amd64', 'cache-linux-arm-v7', 'latest', '1.2.3', 'sha-0123456']) expect(matches(kept)).toBe(false)
})

test('a repository the action creates gets the policy', async () => {
  ecrMock.on(DescribeRepositoriesCommand).rejects(notFound)
  ecrMock.on(CreateRepositoryCommand).resolves({ repository: { repositoryName: 'app', imageTagMutability: 'MUTABLE' } })
  ecrMock.on(PutLifecyclePolicyCommand).resolves({})
  const r = await ensureRepository(client, { repository: 'app', tagMutability: 'MUTABLE', create: true, registryId: '123456789012' })
  expect(r.notes).toEqual([])
  expect(ecrMock.commandCalls(PutLifecyclePolicyCommand).map(c => c.args[0].input)).toEqual([
    { repositoryName: 'app', registryId: '123456789012', lifecyclePolicyText: lifecyclePolicyText() }
  ])
})

test('an existing repository is left alone', async () => {
  ecrMock.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: 'app', imageTagMutability: 'MUTABLE' }] })
  await ensureRepository(client, { repository: 'app', tagMutability: 'MUTABLE', create: true })
  expect(ecrMock.commandCalls(PutLifecyclePolicyCommand)).toHaveLength(0)
})

test('a refusal is a note, and the repository is still used', async () => {
  ecrMock.on(DescribeRepositoriesCommand).rejects(notFound)
  ecrMock.on(CreateRepositoryCommand).resolves({ repository: { repositoryName: 'app', imageTagMutability: 'MUTABLE' } })
  ecrMock
    .on(PutLifecyclePolicyCommand)
    .rejects(Object.assign(new Error('not authorized to perform ecr:PutLifecyclePolicy'), { name: 'AccessDeniedException' }))
  const r = await ensureRepository(client, { repository: 'app', tagMutability: 'MUTABLE', create: true, ...noWait })
  expect(r.created).toBe(true)
  expect(r.notes).toEqual([expect.stringContaining('could not install the lifecycle policy')])
})
