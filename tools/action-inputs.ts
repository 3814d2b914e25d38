// action.yml's `inputs:` section, rendered from the table of inputs (src/config/inputs-table.ts).
import { stringify } from 'yaml'
import type { InputSpec } from '../src/config/inputs-table.js'

/** One YAML scalar on one line, quoted only where YAML needs it ("false" stays a string). */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).trimEnd()
}

export function renderInputs(table: readonly InputSpec[]): string {
  const lines = ['inputs:']
  for (const input of table) {
    lines.push(`  ${input.name}:`, `    description: ${scalar(input.description)}`, `    required: ${input.required === true}`)
    if (input.default !== undefined) lines.push(`    default: ${scalar(input.default)}`)
  }
  return `${lines.join('\n')}\n`
}

/** action.yml with its `inputs:` section (up to the blank line before `outputs:`) replaced. */
export function withInputs(actionYml: string, table: readonly InputSpec[]): string {
  const start = actionYml.indexOf('\ninputs:\n')
  const end = actionYml.indexOf('\n\noutputs:\n')
  if (start < 0 || end < start) throw new Error('action.yml: no inputs: section followed by outputs:')
  return `${actionYml.slice(0, start + 1)}${renderInputs(table)}${actionYml.slice(end + 1)}`
}
