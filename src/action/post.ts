import * as core from '@actions/core'
import { dockerLogout } from '../docker/login.js'
import { loadLogin } from './state.js'

/** The post step: log out of what the main step logged in to. Never fails the job. */
export async function cleanup(): Promise<void> {
  const { registry, logout } = loadLogin()
  if (!registry || !logout) return
  try {
    await dockerLogout(registry)
    core.info(`logged out of ${registry}`)
  } catch (error) {
    core.warning(`logout: ${(error as Error).message}`)
  }
}
