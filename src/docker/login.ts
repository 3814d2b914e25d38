// docker login/logout for the build legs. The password goes through stdin only.
import { chmodSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Credentials } from '../registry/auth.js'
import type { Logger } from '../util/logger.js'
import { retry } from '../util/retry.js'
import { docker, isTransientDockerError, lastLine } from './cli.js'

export async function dockerLogin(registry: string, credentials: Credentials, logger?: Logger): Promise<void> {
  await retry(
    async () => {
      const result = await docker(['login', '--username', credentials.username, '--password-stdin', registry], {
        input: credentials.password,
        silent: true
      })
      if (result.exitCode !== 0) throw new DockerLoginError(registry, lastLine(result.stderr))
      restrictConfig()
    },
    error =>
      error instanceof DockerLoginError && isTransientDockerError(error.detail) ? { retry: true, reason: error.detail } : { retry: false },
    { operation: `docker login ${registry}`, logger }
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
  if (result.exitCode !== 0) throw new Error(`docker logout ${registry} failed: ${lastLine(result.stderr)}`)
}

class DockerLoginError extends Error {
  constructor(
    registry: string,
    readonly detail: string
  ) {
    super(`docker login ${registry} failed: ${detail}`)
  }
}
