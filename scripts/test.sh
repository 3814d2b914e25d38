#!/usr/bin/env bash
# `npm test`: everything, on a fresh machine with nothing done first.
#   dependencies + the real stack (setup.sh) -> typecheck -> format -> lint -> dist/ freshness -> jest (unit + e2e)
set -euo pipefail
source "$(dirname "$0")/setup.sh"

npx tsc --noEmit
npx prettier --check --log-level warn . || { echo "format: run 'npm run format' and commit" >&2; exit 1; }
npx eslint .
node scripts/bundle.mjs --check

results=$(mktemp)
status=0
NODE_OPTIONS=--experimental-vm-modules npx jest --ci --json --outputFile="$results" "$@" || status=$?
# The plain closing line CI reads.
node -e "const r=JSON.parse(require('fs').readFileSync('$results','utf8')); console.log(r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed' + (r.numPendingTests ? ', ' + r.numPendingTests + ' skipped' : ''))" || true
rm -f "$results"
exit $status
