#!/usr/bin/env bash
# `npm run bench`: two benchmarks on the real stack, one after the other; each prints its
# Markdown table to stdout and writes it to .bench/<name>.md (raw samples: .bench/<name>.json).
#   merge (tools/bench-merge.ts): this action's `mode: merge` against `docker login` +
#     `docker buildx imagetools create` on the local registry, through a TCP latency relay,
#     for the README recipes; then the merge in repositories of 10 to 100,000 tags.
#   build (tools/bench-build.ts): a leg's overhead over the same `docker buildx build` by
#     hand, a CPU-bound step native vs under QEMU, and a rebuild with the ECR registry cache
#     vs without (it prunes only its own build cache records, by id).
#
#   npm run bench -- [--runs 5] [--latencies 0,50] [--scenarios 2x3,8x10] [--recipes platforms,default,sources]
#     [--tools merge,imagetools] [--repo-sizes 10,10000,100000] [--repo-runs 3]   ("none" skips a list)
#     (the arguments go to the merge bench)
#   BENCH_BUILD_RUNS=3 BENCH_BUILD_LOOPS=1000000 BENCH_BUILD_PARTS=overhead,qemu,cache: the build bench's
#   BENCH_ONLY=merge or BENCH_ONLY=build runs one of the two (then the arguments go to that one:
#   BENCH_ONLY=build npm run bench -- --runs 1 --parts qemu).
#   BENCH_ONLY=preflight (tools/bench-preflight.ts): a build leg's pre-flight (its base images'
#     platforms) at 0 and 50 ms: wall time, requests, connections [--runs 5] [--latencies 0,50].
#   BENCH_VERBOSE=1 also logs every request kind and a timeline of the first measured merge run.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
[ -f dist/main/index.js ] || { echo "bench: dist/main/index.js is missing: npm run bundle first" >&2; exit 1; }
compile_tools
only=${BENCH_ONLY:-}
case "$only" in
  '' | merge | build) ;;
  preflight) node .bench/tools/bench-preflight.js "$@"; exit ;;
  *) echo "bench: BENCH_ONLY=$only: use merge, build or preflight" >&2; exit 1 ;;
esac
if [ "$only" != build ]; then
  node .bench/tools/bench-merge.js "$@"
fi
if [ "$only" = build ]; then
  node .bench/tools/bench-build.js "$@"
elif [ "$only" != merge ]; then
  echo
  node .bench/tools/bench-build.js
fi
