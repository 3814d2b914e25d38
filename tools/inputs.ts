// `npm run inputs`: writes action.yml's `inputs:` section from the table of inputs
// (src/config/inputs-table.ts). Edit the table, run this, commit both.
import { readFileSync, writeFileSync } from 'node:fs'
import { INPUTS } from '../src/config/inputs-table.js'
import { withInputs } from './action-inputs.js'

const path = new URL('../../action.yml', import.meta.url)
const before = readFileSync(path, 'utf8')
const after = withInputs(before, INPUTS)
if (after === before) console.log('action.yml: inputs already match the table')
else {
  writeFileSync(path, after)
  console.log(`action.yml: inputs written from the table (${INPUTS.length} inputs)`)
}
