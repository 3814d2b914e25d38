// `docker build` + `docker push` for Windows runners, where there is no BuildKit.
import { docker, lastLine } from './cli.js'

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

export async function classicBuildAndPush(plan: ClassicBuildPlan, onLine?: (line: string) => void): Promise<{ seconds: number }> {
  const started = Date.now()
  const built = await docker(dockerBuildArgs(plan), { onLine })
  if (built.exitCode !== 0) throw new Error(`docker build failed (exit ${built.exitCode}): ${lastLine(built.stderr)}`)
  const pushed = await docker(['push', plan.tag], { onLine })
  if (pushed.exitCode !== 0) throw new Error(`docker push ${plan.tag} failed: ${lastLine(pushed.stderr)}`)
  return { seconds: (Date.now() - started) / 1000 }
}
