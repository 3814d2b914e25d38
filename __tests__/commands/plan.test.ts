import { planRun, publishes, type Mode, type RunPlan } from '../../src/commands/plan.js'

describe('planRun: the one rule for what a run does', () => {
  test.each<[Mode, number, boolean, boolean, RunPlan['kind']]>([
    ['build', 1, true, false, 'build'],
    ['build', 1, false, false, 'build'],
    ['build', 2, true, false, 'build-and-publish'],
    ['build', 3, false, false, 'build'],
    ['build', 1, true, true, 'build-and-publish-when-complete'],
    ['build', 2, true, true, 'build-and-publish-when-complete'],
    ['build', 1, false, true, 'build'],
    ['merge', 0, true, false, 'merge'],
    ['merge', 2, false, false, 'merge']
  ])('%s of %d platforms, push %s, publish-when-complete %s: %s', (mode, platforms, push, whenComplete, kind) => {
    expect(planRun(mode, platforms, push, whenComplete)).toEqual({ kind })
  })
})

test('a merge and a build that publishes write release tags; a build does not', () => {
  expect(publishes({ kind: 'merge' })).toBe(true)
  expect(publishes({ kind: 'build-and-publish' })).toBe(true)
  expect(publishes({ kind: 'build-and-publish-when-complete' })).toBe(true)
  expect(publishes({ kind: 'build' })).toBe(false)
})
