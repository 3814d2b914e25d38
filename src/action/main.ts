import * as core from '@actions/core'
import { release } from 'node:os'
import type { Runner } from '../commands/build.js'
import { openSession, type RegistrySession } from '../commands/session.js'
import { AwsNotConfiguredError } from '../ecr/call.js'
import { describeProxyEnv, proxySecrets, readProxyEnv } from '../net/proxy.js'
import { getCheckInputs, getInputs, type CheckInputs, type Inputs } from './inputs.js'
import { actionsLogger as logger } from './logger.js'
import { writeBuildOutputs, writeCheckOutputs, writeIncompleteOutputs, writeMergeOutputs, writeMetadataOutputs } from './outputs.js'
import { detectRunner } from './runner.js'
import { saveCreatedBuilder, saveLogin } from './state.js'

// Each mode loads only its own commands (dynamic imports, separate chunks in dist/): a merge
// never loads the buildx and docker code, and a non-ECR registry never loads the AWS SDK.
const loadBuild = () => import('../commands/build.js')
const loadMerge = () => import('../commands/merge.js')

export async function run(): Promise<void> {
  try {
    const check = getCheckInputs()
    if (check) return await checkFiles(check)
    const runner = detectRunner(process.platform, process.arch, release())
    const inputs = getInputs(runner)
    useProxyEnv()
    writeMetadataOutputs(inputs)
    switch (inputs.plan.kind) {
      case 'build':
        return await buildLegs(inputs, runner)
      case 'build-and-publish':
        return await buildAndPublish(inputs, runner)
      case 'build-and-publish-when-complete':
        return await buildAndPublishWhenComplete(inputs, runner)
      case 'merge':
        return await mergeLegs(inputs)
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

/** A proxy's password is masked before anything runs; a malformed proxy URL fails here, before any side effect. */
function useProxyEnv(): void {
  const proxy = readProxyEnv()
  for (const secret of proxySecrets(proxy)) core.setSecret(secret)
  const described = describeProxyEnv(proxy)
  if (described) logger.info(described)
}

/** Matrix legs, and builds that publish nothing: the legs are built (and staged when pushed). */
async function buildLegs(inputs: Inputs, runner: Runner): Promise<void> {
  const [{ build }, session] = await Promise.all([loadBuild(), logger.group('Log in', () => loginUnlessPushless(inputs))])
  if (session?.credentials) saveLogin(session.registry, inputs.logout)
  await writeBuildOutputs(await build(session, inputs, runner, logger, hooks))
}

/** One job, several platforms: its staged legs go through the same merge as a matrix's. */
async function buildAndPublish(inputs: Inputs, runner: Runner): Promise<void> {
  const [{ build }, { merge }, session] = await Promise.all([loadBuild(), loadMerge(), logger.group('Log in', () => login(inputs))])
  if (session.credentials) saveLogin(session.registry, inputs.logout)
  const built = await build(session, inputs, runner, logger, hooks)
  const result = await merge(session, { ...inputs, sources: [], cleanup: true }, logger, built.staged, mask)
  await writeMergeOutputs(result, built)
  if (result.mirrorFailure) core.setFailed(result.mirrorFailure)
}

/** No merge job: the leg that completes its run's set of platforms publishes it, through the merge. */
async function buildAndPublishWhenComplete(inputs: Inputs, runner: Runner): Promise<void> {
  const [{ build }, { publishWhenComplete }, session] = await Promise.all([
    loadBuild(),
    import('../commands/complete.js'),
    logger.group('Log in', () => login(inputs))
  ])
  if (session.credentials) saveLogin(session.registry, inputs.logout)
  const built = await build(session, inputs, runner, logger, hooks)
  const outcome = await publishWhenComplete(session, { ...inputs, platforms: inputs.publishWhenComplete, sources: [] }, logger, {
    maskSecret: mask
  })
  if (!outcome.published) return writeIncompleteOutputs(built, outcome.note)
  await writeMergeOutputs(outcome.merge, built)
  if (outcome.merge.mirrorFailure) core.setFailed(outcome.merge.mirrorFailure)
}

async function mergeLegs(inputs: Inputs): Promise<void> {
  const [{ merge }, session] = await Promise.all([loadMerge(), logger.group('Log in', () => login(inputs))])
  const result = await merge(session, inputs, logger, undefined, mask)
  await writeMergeOutputs(result)
  // A mirror that failed fails the step, after the outputs say what each mirror holds.
  if (result.mirrorFailure) core.setFailed(result.mirrorFailure)
}

/** mode: check: the deployment files' images against the platforms; fails only as fail-on says. */
async function checkFiles(inputs: CheckInputs): Promise<void> {
  useProxyEnv()
  const { checkDeployments } = await import('../commands/check.js')
  const result = await checkDeployments(inputs, { logger, maskSecret: mask })
  await writeCheckOutputs(result)
  if (result.failure) core.setFailed(result.failure)
}

const hooks = { onBuilderCreated: saveCreatedBuilder }
const mask = (secret: string): void => core.setSecret(secret)

function login(inputs: Inputs): Promise<RegistrySession> {
  return openSession({ ...inputs, logger, maskSecret: mask })
}

/**
 * A build that pushes nothing goes on without AWS credentials (a pull request from a fork
 * has none): it builds without the registry and its cache, and says so. Anything else needs them.
 */
async function loginUnlessPushless(inputs: Inputs): Promise<RegistrySession | undefined> {
  try {
    return await login(inputs)
  } catch (error) {
    if (!inputs.push && error instanceof AwsNotConfiguredError) {
      core.warning(`${error.message}. push is false: building without the registry and its cache`)
      return undefined
    }
    throw error
  }
}
