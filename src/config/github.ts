// The run as GitHub Actions names it (GITHUB_* and the event payload): the action's run
// context, and the CLI's when it runs in a GitHub workflow. No @actions/* here.
import { readFileSync } from 'node:fs'
import { gitContextFromEnv, type GitHubEvent } from '../git/context.js'
import { eventContextFrom } from '../metadata/context.js'
import { InputError, type RunContext } from './inputs.js'

/**
 * The webhook event the run was triggered by (GITHUB_EVENT_PATH), or {} without one. Read
 * here rather than through @actions/github, whose Octokit was a large share of the start-up.
 */
function eventPayload(env: NodeJS.ProcessEnv): GitHubEvent {
  const path = env.GITHUB_EVENT_PATH
  if (!path) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as GitHubEvent
  } catch {
    return {}
  }
}

export function githubRunContext(env: NodeJS.ProcessEnv): RunContext {
  const payload = eventPayload(env)
  return {
    runKey: env.GITHUB_RUN_ID || undefined,
    noRunKey: 'is empty and GITHUB_RUN_ID is not set: give a run identifier, e.g. run-key: nightly_42',
    attempt: env.GITHUB_RUN_ATTEMPT,
    badAttempt: raw =>
      new InputError('run-key', `GITHUB_RUN_ATTEMPT "${raw}" is not a whole number from 1: leave it to the runner, which sets 1, 2, ...`),
    git: gitContextFromEnv(env, payload),
    event: eventContextFrom(env, payload)
  }
}
