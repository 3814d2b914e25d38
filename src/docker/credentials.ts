// The credentials Docker itself would use for a registry host, read the way the docker
// CLI reads them: $DOCKER_CONFIG/config.json (or ~/.docker/config.json), its `auths`
// (what docker/login-action writes) and the credential helpers it names
// (`credHelpers`, `credsStore`: `docker-credential-<name> get`, the host on stdin).
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Credentials } from '../registry/auth.js'

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>
  credHelpers?: Record<string, string>
  credsStore?: string
}

/** Runs a credential helper: `docker-credential-<name> get` with the host on stdin; its stdout. */
export type HelperRunner = (program: string, host: string) => Promise<string>

export interface DockerCredentialsOptions {
  env?: NodeJS.ProcessEnv
  runHelper?: HelperRunner
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json')
}

/** The host's credentials, or undefined (anonymous) when the config has none for it. Never logs them. */
export async function dockerCredentials(host: string, options: DockerCredentialsOptions = {}): Promise<Credentials | undefined> {
  const file = dockerConfigPath(options.env)
  let config: DockerConfig
  try {
    config = JSON.parse(await readFile(file, 'utf8')) as DockerConfig
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Error(`the Docker config ${file} cannot be read as JSON: ${(error as Error).message}`, { cause: error })
  }
  const helper = config.credHelpers?.[host] ?? config.credsStore
  if (config.credHelpers?.[host] === undefined) {
    const fromAuths = fromAuthEntry(host, config, file)
    if (fromAuths) return fromAuths
  }
  if (!helper) return undefined
  return fromHelper(`docker-credential-${helper}`, host, options.runHelper ?? runHelper)
}

/** An `auths` entry under the host, or under a URL of it (https://host/v1/ and the like). */
function fromAuthEntry(host: string, config: DockerConfig, file: string): Credentials | undefined {
  const entries = Object.entries(config.auths ?? {})
  const entry = entries.find(([key]) => key === host) ?? entries.find(([key]) => hostOf(key) === host)
  if (!entry) return undefined
  const [, value] = entry
  if (value.auth) {
    const decoded = Buffer.from(value.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    // Never echo the value: it is a credential.
    if (colon <= 0) throw new Error(`the Docker config ${file} has an auths entry for ${host} that is not base64 of user:password`)
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
  }
  if (value.username && value.password) return { username: value.username, password: value.password }
  return undefined
}

async function fromHelper(program: string, host: string, run: HelperRunner): Promise<Credentials | undefined> {
  let out: string
  try {
    out = await run(program, host)
  } catch (error) {
    // "credentials not found" is an answer: anonymous. Helpers say so on stdout with exit 1.
    if (/credentials not found/i.test((error as Error).message)) return undefined
    throw new Error(`${program} get for ${host} failed: ${(error as Error).message}`, { cause: error })
  }
  let parsed: { Username?: unknown; Secret?: unknown }
  try {
    parsed = JSON.parse(out) as typeof parsed
  } catch {
    throw new Error(`${program} get for ${host} did not answer JSON {Username, Secret}`)
  }
  if (typeof parsed.Username !== 'string' || typeof parsed.Secret !== 'string' || parsed.Secret === '') {
    throw new Error(`${program} get for ${host} answered without a Username and Secret`)
  }
  return { username: parsed.Username, password: parsed.Secret }
}

const runHelper: HelperRunner = (program, host) =>
  new Promise((resolve, reject) => {
    const child = execFile(program, ['get'], { timeout: 30000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      // Only stdout's first line is echoed on failure: helpers print "credentials not found" there, never a secret.
      if (error) reject(new Error(stdout.trim().split('\n')[0] || error.message))
      else resolve(stdout)
    })
    child.stdin?.end(host)
  })

function hostOf(key: string): string | undefined {
  try {
    return new URL(/^[a-z]+:\/\//i.test(key) ? key : `https://${key}`).host
  } catch {
    return undefined
  }
}
