// A whole run, by its plan: log in, build the legs, publish (merge) when the plan says so.
// Both edges call it and write its outcome their own way (the action: outputs and summary;
// the CLI: lines and --json). The modes' commands load on demand (separate chunks in dist/):
// a merge never loads the buildx and docker code, a non-ECR registry never the AWS SDK.
import type { Inputs } from '../config/inputs.js'
import { AwsNotConfiguredError } from '../ecr/call.js'
import { phase, type Logger } from '../util/logger.js'
import type { BuildHooks, BuildResult, Runner } from './build.js'
import type { MergeResult } from './merge.js'
import { openSession, type RegistrySession } from './session.js'

const loadBuild = () => import('./build.js')
const loadMerge = () => import('./merge.js')

export interface RunOptions {
  logger: Logger
  /** Called with every secret the moment it is known (the action masks it). */
  maskSecret: (secret: string) => void
  hooks: BuildHooks & {
    /** docker was logged in to this registry for the build: the end of the run logs out of it. */
    onLogin?: (registry: string) => void
  }
}

export type RunOutcome =
  /** Legs built (and staged when pushed); nothing published. */
  | { kind: 'built'; built: BuildResult }
  /** An index published: a merge, or a build that published its own legs. A failed mirror is in merged.mirrorFailure. */
  | { kind: 'published'; merged: MergeResult; built?: BuildResult }
  /** A publish-when-complete leg that did not complete its run's set, and why. */
  | { kind: 'incomplete'; built: BuildResult; note: string }

export async function runPlan(inputs: Inputs, runner: Runner, options: RunOptions): Promise<RunOutcome> {
  switch (inputs.plan.kind) {
    case 'build':
      return buildLegs(inputs, runner, options)
    case 'build-and-publish':
      return buildAndPublish(inputs, runner, options)
    case 'build-and-publish-when-complete':
      return buildAndPublishWhenComplete(inputs, runner, options)
    case 'merge':
      return mergeLegs(inputs, options)
    case 'check':
      // mode: check has its own inputs and command (check/inputs.ts, commands/check.ts).
      throw new Error('mode: check runs through checkDeployments, not runPlan')
  }
}

/** Matrix legs, and builds that publish nothing: the legs are built (and staged when pushed). */
async function buildLegs(inputs: Inputs, runner: Runner, options: RunOptions): Promise<RunOutcome> {
  const { logger, hooks } = options
  const [{ build }, session] = await Promise.all([loadBuild(), phase(logger, 'Log in', () => loginUnlessPushless(inputs, options))])
  if (session?.credentials) hooks.onLogin?.(session.registry)
  return { kind: 'built', built: await build(session, inputs, runner, logger, hooks) }
}

/** One job, several platforms: its staged legs go through the same merge as a matrix's. */
async function buildAndPublish(inputs: Inputs, runner: Runner, options: RunOptions): Promise<RunOutcome> {
  const { logger, hooks, maskSecret } = options
  const [{ build }, { merge }, session] = await Promise.all([
    loadBuild(),
    loadMerge(),
    phase(logger, 'Log in', () => login(inputs, options))
  ])
  if (session.credentials) hooks.onLogin?.(session.registry)
  const built = await build(session, inputs, runner, logger, hooks)
  const merged = await merge(session, { ...inputs, sources: [], cleanup: true }, logger, { built: built.staged, maskSecret })
  return { kind: 'published', merged, built }
}

/** No merge job: the leg that completes its run's set of platforms publishes it, through the merge. */
async function buildAndPublishWhenComplete(inputs: Inputs, runner: Runner, options: RunOptions): Promise<RunOutcome> {
  const { logger, hooks, maskSecret } = options
  const [{ build }, { publishWhenComplete }, session] = await Promise.all([
    loadBuild(),
    import('./complete.js'),
    phase(logger, 'Log in', () => login(inputs, options))
  ])
  if (session.credentials) hooks.onLogin?.(session.registry)
  const built = await build(session, inputs, runner, logger, hooks)
  const taken = built.legs.some(leg => leg.taken)
  const outcome = await publishWhenComplete(session, { ...inputs, platforms: inputs.publishWhenComplete, sources: [] }, logger, {
    maskSecret,
    taken,
    staged: built.staged.map(leg => leg.platform)
  })
  if (!outcome.published) return { kind: 'incomplete', built, note: outcome.note }
  return { kind: 'published', merged: outcome.merge, built: taken ? withPublishedChildren(built, outcome.merge) : built }
}

/** A leg taken by another leg's merge (LegResult.taken): its image and size as the published index holds them. */
export function withPublishedChildren(built: BuildResult, merged: MergeResult): BuildResult {
  const legs = built.legs.map(leg => {
    const child = leg.taken ? merged.children.find(c => c.platform === leg.platform) : undefined
    return child ? { ...leg, childDigest: child.digest, size: child.size } : leg
  })
  return { ...built, legs }
}

async function mergeLegs(inputs: Inputs, options: RunOptions): Promise<RunOutcome> {
  const { logger, maskSecret } = options
  const [{ merge }, session] = await Promise.all([loadMerge(), phase(logger, 'Log in', () => login(inputs, options))])
  return { kind: 'published', merged: await merge(session, inputs, logger, { maskSecret }) }
}

function login(inputs: Inputs, { logger, maskSecret }: RunOptions): Promise<RegistrySession> {
  return openSession({ ...inputs, logger, maskSecret })
}

/**
 * A build that pushes nothing goes on without AWS credentials (a pull request from a fork
 * has none): it builds without the registry and its cache, and says so. Anything else needs them.
 */
async function loginUnlessPushless(inputs: Inputs, options: RunOptions): Promise<RegistrySession | undefined> {
  try {
    return await login(inputs, options)
  } catch (error) {
    if (!inputs.push && error instanceof AwsNotConfiguredError) {
      options.logger.warning(`${error.message}. push is false: building without the registry and its cache`)
      return undefined
    }
    throw error
  }
}
