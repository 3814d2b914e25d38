// The branch facts that scope the build cache: the branch pushed, a pull request's head
// branch, and the repository's default branch from the event; absent when unknown.
import { gitContextFromEnv } from '../../src/git/context.js'

describe('gitContextFromEnv: branch and default branch', () => {
  test('a branch push', () => {
    const git = gitContextFromEnv({ GITHUB_REF: 'refs/heads/feature/x', GITHUB_SHA: 'a' }, { repository: { default_branch: 'main' } })
    expect(git).toMatchObject({ branch: 'feature/x', defaultBranch: 'main' })
  })

  test('a pull request: its head branch', () => {
    const git = gitContextFromEnv(
      { GITHUB_REF: 'refs/pull/7/merge', GITHUB_HEAD_REF: 'fix/y' },
      { number: 7, repository: { default_branch: 'trunk' } }
    )
    expect(git).toMatchObject({ branch: 'fix/y', defaultBranch: 'trunk', prNumber: 7 })
  })

  test('a tag push and an event without a repository: neither key is set', () => {
    const git = gitContextFromEnv({ GITHUB_REF: 'refs/tags/v1.0.0' }, {})
    expect('branch' in git || 'defaultBranch' in git).toBe(false)
  })
})
