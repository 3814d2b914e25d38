// `docker build` + `docker push` for Windows runners, where there is no BuildKit.
import type { Logger } from '../util/logger.js'
import { docker, DockerCommandError, lastLine, retryDocker } from './cli.js'

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
  if (built.exitCode !== 0) throw new DockerCommandError('docker build', lastLine(built.stderr), built.exitCode)
  const seconds = (Date.now() - started) / 1000
  if (!push) return { seconds }
  await retryDocker(
    `docker push ${plan.tag}`,
    async () => {
      const pushed = await docker(['push', plan.tag])
      if (pushed.exitCode !== 0) throw new DockerCommandError(`docker push ${plan.tag}`, lastLine(pushed.stderr))
    },
    { logger }
  )
  return { seconds: (Date.now() - started) / 1000 }
}
