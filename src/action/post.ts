import * as core from '@actions/core'
import { removeBuilder } from '../docker/builder.js'
import { dockerLogout } from '../docker/login.js'
import { loadCreatedBuilder, loadLogin } from './state.js'

/** The post step: remove the builder the main step created, log out of what it logged in to. Never fails the job. */
export async function cleanup(): Promise<void> {
  await removeCreatedBuilder()
  const { registry, logout } = loadLogin()
  if (!registry || !logout) return
  try {
    await dockerLogout(registry)
    core.info(`logged out of ${registry}`)
  } catch (error) {
    core.warning(`logout: ${(error as Error).message}`)
  }
}

/** The builder (container and state volume) the main step created, also after it failed. */
async function removeCreatedBuilder(): Promise<void> {
  const builder = loadCreatedBuilder()
  if (!builder) return
  try {
    const removed = await removeBuilder(builder)
    if (removed.ok) core.info(`removed the buildx builder ${builder}`)
    else core.warning(`could not remove the buildx builder ${builder}: ${removed.detail} (remove it with docker buildx rm ${builder})`)
  } catch (error) {
    core.warning(`could not remove the buildx builder ${builder}: ${(error as Error).message}`)
  }
}
