// Which registry-cache tags a build leg reads and writes, by branch. The default branch
// keeps the historical tag cache-<os>-<arch>[-<variant>] (existing caches stay warm); any
// other branch gets its own, cache-<platform>-<branch slug>, so a feature branch never
// overwrites the default branch's cache. Pull requests only read: code under review
// must not write a cache that others import.
import { digestOf } from './digest.js'
import { TAG_MAX } from './reference.js'
import { CACHE_TAG_PREFIX, cacheTag } from './staging.js'
import type { Platform } from './types.js'

export interface CacheScope {
  /** The branch being built: refs/heads/<branch> of a push, the head branch of a pull request. */
  branch?: string
  /** The repository's default branch, when known. */
  defaultBranch?: string
  pullRequest: boolean
}

export interface CacheTags {
  /** Tried in order: the branch's own tag, then the default branch's. */
  from: string[]
  /** Written by the build; undefined for pull requests. */
  to?: string
}

/**
 * Every branch tag holds a '.' (before a short hash of the branch name) and a default tag
 * never does: a lifecycle rule can expire branch caches by pattern (BRANCH_CACHE_PATTERN)
 * without touching the default branch's, and feature/x and feature-x never share a tag.
 */
export const BRANCH_CACHE_PATTERN = `${CACHE_TAG_PREFIX}*.*`

export function cacheTags(platform: Platform, scope: CacheScope): CacheTags {
  const base = cacheTag(platform)
  const own = scope.branch !== undefined && scope.defaultBranch !== undefined && scope.branch !== scope.defaultBranch
  const from = own ? [branchCacheTag(platform, scope.branch!), base] : [base]
  return { from, to: scope.pullRequest ? undefined : from[0] }
}

export function branchCacheTag(platform: Platform, branch: string): string {
  const base = cacheTag(platform)
  const hash = digestOf(new TextEncoder().encode(branch)).slice('sha256:'.length, 'sha256:'.length + 8)
  const slug = branch
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, TAG_MAX - base.length - hash.length - 2)
  return `${base}-${slug || 'branch'}.${hash}`
}
