#!/usr/bin/env bash
# `npm run reliability`: runs the fault-injection tests, which record every run in
# reliability/results.json, then renders that into the README's Reliability table.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
NODE_OPTIONS=--experimental-vm-modules npx jest --ci __tests__/e2e/faults.test.ts --selectProjects e2e
node scripts/reliability-table.mjs
