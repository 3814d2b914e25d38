// What one run does, decided once from the user's inputs before any side effect: the
// Action edge decides it from its inputs (a CLI edge will from its flags), then follows
// it. Nothing below the edge decides it again.

export type Mode = 'build' | 'merge' | 'check'

export type RunPlan =
  /** Build the legs and, when pushing, stage them: a matrix leg, or a build that publishes nothing. */
  | { kind: 'build' }
  /** One job, several platforms, pushed: build and stage the legs, then publish them through the merge. */
  | { kind: 'build-and-publish' }
  /**
   * A matrix leg that publishes when its run is complete: build and stage, then, when every
   * platform of the set is staged for this run, publish them through the merge (no merge job).
   */
  | { kind: 'build-and-publish-when-complete' }
  /** Find this run's staged legs (or the given sources) and publish them. */
  | { kind: 'merge' }
  /** Check the images of deployment files for platforms: no build, no push, no staging. */
  | { kind: 'check' }

/**
 * The one rule for what publishes under tags: a merge, a one-job multi-platform build that
 * pushes, and a pushing leg given the platforms of its whole matrix (publish-when-complete).
 */
export function planRun(mode: Mode, platformCount: number, push: boolean, whenComplete = false): RunPlan {
  if (mode === 'check') return { kind: 'check' }
  if (mode === 'merge') return { kind: 'merge' }
  if (!push) return { kind: 'build' }
  if (whenComplete) return { kind: 'build-and-publish-when-complete' }
  return platformCount > 1 ? { kind: 'build-and-publish' } : { kind: 'build' }
}

/** The plan writes release tags (and so needs some). */
export function publishes(plan: RunPlan): boolean {
  return plan.kind !== 'build' && plan.kind !== 'check'
}
