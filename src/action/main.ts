import * as core from '@actions/core'
import { release } from 'node:os'
import { runPlan } from '../commands/run.js'
import { describeProxyEnv, proxySecrets, readProxyEnv } from '../net/proxy.js'
import type { CheckInputs } from '../check/inputs.js'
import { detectRunner } from '../config/runner.js'
import { getCheckInputs, getInputs } from './inputs.js'
import { actionsLogger as logger } from './logger.js'
import { writeBuildOutputs, writeCheckOutputs, writeIncompleteOutputs, writeMergeOutputs, writeMetadataOutputs } from './outputs.js'
import { saveCreatedBuilder, saveLogin } from './state.js'

export async function run(): Promise<void> {
  try {
    const check = getCheckInputs()
    if (check) return await checkFiles(check)
    const runner = detectRunner(process.platform, process.arch, release())
    const inputs = getInputs(runner)
    useProxyEnv()
    writeMetadataOutputs(inputs)
    const outcome = await runPlan(inputs, runner, {
      logger,
      maskSecret: secret => core.setSecret(secret),
      hooks: { onBuilderCreated: saveCreatedBuilder, onLogin: registry => saveLogin(registry, inputs.logout) }
    })
    if (outcome.kind === 'built') return await writeBuildOutputs(outcome.built)
    if (outcome.kind === 'incomplete') return await writeIncompleteOutputs(outcome.built, outcome.note)
    await writeMergeOutputs(outcome.merged, outcome.built)
    // A mirror that failed fails the step, after the outputs say what each mirror holds.
    if (outcome.merged.mirrorFailure) core.setFailed(outcome.merged.mirrorFailure)
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

/** mode: check: the deployment files' images against the platforms; fails only as fail-on says. */
async function checkFiles(inputs: CheckInputs): Promise<void> {
  useProxyEnv()
  const { checkDeployments } = await import('../commands/check.js')
  const result = await checkDeployments(inputs, { logger, maskSecret: secret => core.setSecret(secret) })
  await writeCheckOutputs(result)
  if (result.failure) core.setFailed(result.failure)
}
