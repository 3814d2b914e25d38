// `latest` never goes backwards: one read of what the latest tag holds now (its index's
// org.opencontainers.image.version annotation), then the pure decision of src/metadata/latest.ts.
import { OCI } from '../metadata/labels.js'
import { decideLatest, type LatestDecision, type LatestPolicy } from '../metadata/latest.js'
import type { SemVer } from '../metadata/semver.js'
import type { RegistryClient } from '../registry/client.js'
import { RegistryError } from '../registry/errors.js'

export interface LatestPlan {
  /** The floating tag guarded: `latest`, or with the flavor's prefix/suffix. */
  tag: string
  policy: LatestPolicy
  /** The version being published. */
  published?: SemVer | string
}

export interface LatestOutcome extends LatestDecision {
  tag: string
}

/** The version annotation of what `tag` holds; undefined when nothing is there or it carries none. */
export async function versionHeld(client: RegistryClient, repository: string, tag: string): Promise<string | undefined> {
  let bytes: Uint8Array
  try {
    bytes = (await client.getManifest(repository, tag)).bytes
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return undefined
    throw error
  }
  try {
    const manifest = JSON.parse(Buffer.from(bytes).toString('utf8')) as { annotations?: Record<string, unknown> }
    const version = manifest.annotations?.[OCI.version]
    return typeof version === 'string' && version !== '' ? version : undefined
  } catch {
    return undefined
  }
}

/** Whether this publication moves the plan's tag; `policy: always` reads nothing. */
export async function checkLatest(client: RegistryClient, repository: string, plan: LatestPlan): Promise<LatestOutcome> {
  const current = plan.policy === 'always' ? undefined : await versionHeld(client, repository, plan.tag)
  return { tag: plan.tag, ...decideLatest(plan.policy, plan.tag, plan.published, current) }
}
