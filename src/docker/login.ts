// docker login/logout for the build legs. The password goes through stdin only.
import { chmodSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Credentials } from '../registry/auth.js'
import type { Logger } from '../util/logger.js'
import { docker, DockerCommandError, lastLine, retryDocker } from './cli.js'

export async function dockerLogin(registry: string, credentials: Credentials, logger?: Logger): Promise<void> {
  await retryDocker(
    `docker login ${registry}`,
    async () => {
      const result = await docker(['login', '--username', credentials.username, '--password-stdin', registry], {
        input: credentials.password,
        silent: true
      })
      if (result.exitCode !== 0) throw new DockerCommandError(`docker login ${registry}`, lastLine(result.stderr))
      restrictConfig()
    },
    { logger }
  )
}

/**
 * docker creates config.json 0600, but keeps the mode of one that exists: a world-readable
 * file would now hold the registry password. (With a credential helper there may be none.)
 */
function restrictConfig(): void {
  try {
    chmodSync(join(process.env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json'), 0o600)
  } catch {
    // No file: the credentials went to a helper.
  }
}

export async function dockerLogout(registry: string): Promise<void> {
  const result = await docker(['logout', registry], { silent: true })
  if (result.exitCode !== 0) throw new DockerCommandError(`docker logout ${registry}`, lastLine(result.stderr))
}
