#!/usr/bin/env bash
# `npm run demo`: two build legs (amd64 native, arm64 under QEMU) and a merge, run from
# dist/ exactly as a GitHub runner runs them, against a throwaway local registry: no AWS account.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
compile_tools
exec node .bench/tools/demo.js "$@"
