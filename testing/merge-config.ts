// A merge's configuration for tests that drive merge() or publishWhenComplete() without the
// Actions edge: every field a plain default, the test's own values on top.
import type { MergeConfig } from '../src/commands/merge.js'

export function mergeConfig(values: Pick<MergeConfig, 'repository' | 'runKey' | 'git'> & Partial<MergeConfig>): MergeConfig {
  return {
    platforms: [],
    tags: [],
    sources: [],
    platformTags: false,
    mirrors: [],
    createRepository: false,
    tagMutability: 'MUTABLE',
    attestations: 'keep',
    annotations: {},
    cleanup: true,
    runAttempt: 1,
    ...values
  }
}
