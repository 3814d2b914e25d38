#!/usr/bin/env bash
# `npm run bench`: the merge benchmark (tools/bench-merge.ts), this action's `mode: merge`
# against `docker login` + `docker buildx imagetools create` on the local registry,
# through the test proxy. The Markdown table goes to stdout and .bench/merge.md.
#
#   npm run bench -- [--runs 5] [--latencies 0,50] [--scenarios 2x3,8x10] [--tools merge,imagetools]
#   BENCH_VERBOSE=1 also logs every request kind and a timeline of the first measured run.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
[ -f dist/main/index.js ] || { echo "bench: dist/main/index.js is missing: npm run bundle first" >&2; exit 1; }
compile_tools
exec node .bench/tools/bench-merge.js "$@"
