#!/usr/bin/env bash
# `npm run reliability`: runs the fault-injection tests, which record every run in
# reliability/results.json, then renders that into the README's Reliability table.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
NODE_OPTIONS=--experimental-vm-modules npx jest --ci __tests__/e2e/faults.test.ts --selectProjects e2e
# The bad-input table's cases: the tests under its "rejects" and "never carry the secret" headings.
run=$(mktemp)
NODE_OPTIONS=--experimental-vm-modules npx jest --ci __tests__/action/inputs.test.ts --selectProjects unit --json --outputFile="$run"
node -e "
const run = JSON.parse(require('fs').readFileSync('$run', 'utf8'))
const cases = run.testResults.flatMap(f => f.assertionResults).filter(t => t.ancestorTitles.some(a => /rejects|never carry the secret/.test(a)))
require('fs').writeFileSync('reliability/bad-input.json', JSON.stringify({ source: '__tests__/action/inputs.test.ts', cases: cases.length, passed: cases.filter(t => t.status === 'passed').length }, null, 2) + '\\n')
"
rm -f "$run"
node scripts/reliability-table.mjs
