// The table of inputs is the one source: action.yml's inputs are generated from it (npm run
// inputs) and must equal it, and parseInputs reads exactly the inputs it lists.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { withInputs } from '../../tools/action-inputs.js'
import { githubRunContext } from '../../src/config/github.js'
import { parseCheckInputs } from '../../src/check/inputs.js'
import { parseInputs } from '../../src/config/inputs.js'
import { INPUTS } from '../../src/config/inputs-table.js'

const actionYml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')

interface ActionInput {
  description: string
  required: boolean
  default?: string
}

test('action.yml lists the table inputs, in order, with their descriptions, required flags and defaults', () => {
  const inputs = (parse(actionYml) as { inputs: Record<string, ActionInput> }).inputs
  expect(Object.keys(inputs)).toEqual(INPUTS.map(i => i.name))
  for (const spec of INPUTS) {
    expect({ name: spec.name, ...inputs[spec.name] }).toEqual({
      name: spec.name,
      description: spec.description,
      required: spec.required === true,
      ...(spec.default !== undefined ? { default: spec.default } : {})
    })
  }
})

test('action.yml is what npm run inputs writes (run it after editing the table)', () => {
  expect(withInputs(actionYml, INPUTS)).toBe(actionYml)
})

test('a boolean input defaults to true or false; a list or required input has no default', () => {
  for (const spec of INPUTS) {
    if (spec.kind === 'boolean') expect([spec.name, spec.default]).toEqual([spec.name, expect.stringMatching(/^(true|false)$/)])
    if (spec.kind === 'list' || spec.required) expect([spec.name, spec.default]).toEqual([spec.name, undefined])
  }
})

test('parseInputs (build, merge) and parseCheckInputs (check) read exactly the inputs of the table', () => {
  const read = new Set<string>()
  const given: Record<string, string> = { repository: 'team/app', 'run-key': 'run_1', tags: '1.0' }
  const source = (mode: string) => ({
    read: (name: string) => {
      read.add(name)
      return name === 'mode' ? mode : (given[name] ?? '')
    },
    secret: () => {},
    info: () => {}
  })
  const runner = { platform: { os: 'linux', architecture: 'amd64' }, windows: false }
  const context = githubRunContext({ GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567', GITHUB_REF: 'refs/heads/main' })
  parseInputs(source('build'), runner, {}, context)
  parseInputs(source('merge'), runner, {}, context)
  parseCheckInputs(
    { ...source('check'), read: name => (read.add(name), name === 'mode' ? 'check' : name === 'manifests' ? 'k8s' : '') },
    {}
  )
  expect([...read].sort()).toEqual(INPUTS.map(i => i.name).sort())
})
