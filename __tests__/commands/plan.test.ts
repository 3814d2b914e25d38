import { planRun, publishes, type Mode, type RunPlan } from '../../src/commands/plan.js'

describe('planRun: the one rule for what a run does', () => {
  test.each<[Mode, number, boolean, RunPlan['kind']]>([
    ['build', 1, true, 'build'],
    ['build', 1, false, 'build'],
    ['build', 2, true, 'build-and-publish'],
    ['build', 3, false, 'build'],
    ['merge', 0, true, 'merge'],
    ['merge', 2, false, 'merge']
  ])('%s of %d platforms, push %s: %s', (mode, platforms, push, kind) => {
    expect(planRun(mode, platforms, push)).toEqual({ kind })
  })
})

test('a merge and a build that publishes write release tags; a build does not', () => {
  expect(publishes({ kind: 'merge' })).toBe(true)
  expect(publishes({ kind: 'build-and-publish' })).toBe(true)
  expect(publishes({ kind: 'build' })).toBe(false)
})
