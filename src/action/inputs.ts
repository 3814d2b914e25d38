// The only place that reads INPUT_*: the action's reader over the shared parsing
// (config/inputs.ts, check/inputs.ts), which masks every secret the moment it is read.
import * as core from '@actions/core'
import { parseCheckInputs, type CheckInputs } from '../check/inputs.js'
import type { Runner } from '../commands/build.js'
import { githubRunContext } from '../config/github.js'
import { parseInputs, type Inputs } from '../config/inputs.js'

/** `runner`: where this job runs, which decides what a build may build (by default, its own platform). */
export function getInputs(runner: Runner, env: NodeJS.ProcessEnv = process.env): Inputs {
  const source = {
    read: (name: string) => core.getInput(name, { trimWhitespace: false }),
    secret: (value: string) => core.setSecret(value),
    info: (message: string) => core.info(message)
  }
  return parseInputs(source, runner, env, githubRunContext(env))
}

/** mode: check reads its own few inputs (no repository, nothing built or pushed); undefined in the other modes. */
export function getCheckInputs(env: NodeJS.ProcessEnv = process.env): CheckInputs | undefined {
  return parseCheckInputs({ read: name => core.getInput(name), secret: value => core.setSecret(value) }, env)
}
