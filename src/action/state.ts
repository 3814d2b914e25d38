// What the post step needs from the main step, through GITHUB_STATE.
import * as core from '@actions/core'

const LOGGED_IN = 'logged-in-registry'
const LOGOUT = 'logout'
const CREATED_BUILDER = 'created-builder'

export function saveLogin(registry: string, logout: boolean): void {
  core.saveState(LOGGED_IN, registry)
  core.saveState(LOGOUT, String(logout))
}

export function loadLogin(): { registry?: string; logout: boolean } {
  const registry = core.getState(LOGGED_IN)
  return { registry: registry || undefined, logout: core.getState(LOGOUT) !== 'false' }
}

/** A buildx builder this job created: the post step removes it. */
export function saveCreatedBuilder(name: string): void {
  core.saveState(CREATED_BUILDER, name)
}

export function loadCreatedBuilder(): string | undefined {
  return core.getState(CREATED_BUILDER) || undefined
}
