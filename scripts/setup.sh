# Sourced by test.sh, demo.sh and bench.sh: dependencies, the real stack, and the CA
# that Node needs to trust the test registry. Works on a fresh machine as it is.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x node_modules/.bin/jest ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Not `npm ci`: npm 11 writes lock files without other platforms' optional bindings
  # and then refuses them in `npm ci`; `npm install` keeps the locked versions.
  npm install --no-fund --no-audit
fi
bash scripts/stack.sh
STACK_DIR=${STACK_DIR:-/var/tmp/ecr-publish-stack}
# Read at Node's start-up: every node process started from here trusts the registry.
NODE_EXTRA_CA_CERTS="$STACK_DIR/registry/certs/ca.crt"
export STACK_DIR NODE_EXTRA_CA_CERTS

# Compiles the TypeScript tools (bench, demo) and the test support they use into .bench/.
compile_tools() {
  rm -rf .bench/tools .bench/testing .bench/__tests__ .bench/src
  npx --no-install tsc -p tools/tsconfig.json
}
