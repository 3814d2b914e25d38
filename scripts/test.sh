#!/usr/bin/env bash
# `npm test`: everything, on a fresh machine with nothing done first.
#   dependencies -> the real stack (scripts/stack.sh) -> typecheck -> dist/ freshness -> jest (unit + e2e)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/jest ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-fund --no-audit
fi
bash scripts/stack.sh
# Node trusts the test registry's self-signed CA through this (read at start-up).
NODE_EXTRA_CA_CERTS=$(node -p "require('${STACK_DIR:-/var/tmp/ecr-publish-stack}/stack.json').caCert")
export NODE_EXTRA_CA_CERTS

npx tsc --noEmit
node scripts/bundle.mjs --check

results=$(mktemp)
status=0
NODE_OPTIONS=--experimental-vm-modules npx jest --ci --json --outputFile="$results" "$@" || status=$?
# The plain closing line CI reads.
node -e "const r=JSON.parse(require('fs').readFileSync('$results','utf8')); console.log(r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed' + (r.numPendingTests ? ', ' + r.numPendingTests + ' skipped' : ''))" || true
rm -f "$results"
exit $status
