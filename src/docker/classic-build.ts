// `docker build` + `docker push` for Windows runners, where there is no BuildKit.
import type { Logger } from '../util/logger.js'
import { retry } from '../util/retry.js'
import { docker, isTransientDockerError, lastLine } from './cli.js'

export interface ClassicBuildPlan {
  context: string
  file?: string
  target?: string
  buildArgs: Record<string, string>
  labels: Record<string, string>
  /** The full reference to tag and push. */
  tag: string
}

export function dockerBuildArgs(plan: ClassicBuildPlan): string[] {
  const args = ['build']
  if (plan.file) args.push('--file', plan.file)
  if (plan.target) args.push('--target', plan.target)
  for (const [key, value] of Object.entries(plan.buildArgs)) args.push('--build-arg', `${key}=${value}`)
  for (const [key, value] of Object.entries(plan.labels)) args.push('--label', `${key}=${value}`)
  args.push('--tag', plan.tag, '--', plan.context)
  return args
}

/** Builds, and pushes `plan.tag` when asked (retrying transient registry errors). */
export async function classicBuild(plan: ClassicBuildPlan, push: boolean, logger?: Logger): Promise<{ seconds: number }> {
  const started = Date.now()
  const built = await docker(dockerBuildArgs(plan))
  if (built.exitCode !== 0) throw new Error(`docker build failed (exit ${built.exitCode}): ${lastLine(built.stderr)}`)
  const seconds = (Date.now() - started) / 1000
  if (!push) return { seconds }
  await retry(
    async () => {
      const pushed = await docker(['push', plan.tag])
      if (pushed.exitCode !== 0) throw new DockerPushError(plan.tag, lastLine(pushed.stderr))
    },
    error =>
      error instanceof DockerPushError && isTransientDockerError(error.detail) ? { retry: true, reason: error.detail } : { retry: false },
    { operation: `docker push ${plan.tag}`, logger }
  )
  return { seconds: (Date.now() - started) / 1000 }
}

class DockerPushError extends Error {
  constructor(
    tag: string,
    readonly detail: string
  ) {
    super(`docker push ${tag} failed: ${detail}`)
  }
}
