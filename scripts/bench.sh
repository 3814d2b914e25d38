#!/usr/bin/env bash
# The merge benchmark (bench/merge.bench.ts): this action's `mode: merge` against
# `docker buildx imagetools create` on the local registry, through the test proxy.
# Provisions the stack, compiles the bench into .bench/ and runs it; the Markdown
# table goes to stdout and .bench/merge.md (raw samples in .bench/merge.json).
#
#   bash scripts/bench.sh [--runs 5] [--latencies 0,50] [--scenarios 2x3,8x10] [--tools merge,imagetools]
#   BENCH_VERBOSE=1 also logs every request kind of the first measured run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

STACK_DIR=${STACK_DIR:-/var/tmp/ecr-publish-stack}
# The bench needs Docker, buildx and the registry, not QEMU: a stack that is up is
# used as it is (other suites may be re-registering emulators meanwhile).
if bash scripts/stack.sh status >/dev/null 2>&1 \
  && curl -s -o /dev/null --cacert "$STACK_DIR/registry/certs/ca.crt" "https://registry.test:5443/v2/"; then
  echo "bench: reusing the running stack" >&2
else
  bash scripts/stack.sh >&2
fi
export NODE_EXTRA_CA_CERTS="$STACK_DIR/registry/certs/ca.crt"

[ -f dist/main/index.js ] || { echo "bench: dist/main/index.js is missing: npm run bundle first" >&2; exit 1; }
rm -rf .bench/bench .bench/__tests__ .bench/src
npx --no-install tsc -p bench/tsconfig.json
# The test support resolves dist/ from its own root, which is .bench/ once compiled.
ln -sfn ../dist .bench/dist

exec node .bench/bench/merge.bench.js "$@"
