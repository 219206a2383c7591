#!/usr/bin/env bash
# `npm test`: provisions what is missing, starts a fresh test stack on its own ports and data folder
# (VIGIL_PROFILE=test, never the developer's local stack), runs every test (unit and integration), and stops
# the test stack again. Extra arguments go to vitest (e.g. `npm test -- test/unit`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export VIGIL_PROFILE=test
source "$here/lib/common.sh"

bash "$here/provision.sh"
export VIGIL_PROVISIONED=1
# A fresh test stack each run: tests start from known state, and old runs cannot hide a missing migration.
bash "$here/stack.sh" down
rm -rf "$VIGIL_STACK_DIR"
trap 'bash "$here/stack.sh" down >>"$LOG_DIR/stack-down.log" 2>&1' EXIT
bash "$here/stack.sh" up
export_app_env
cd "$VIGIL_ROOT"
# The schema as `npm start` has it: integration tests run against migrated databases, like production.
node bin/vigil.mjs migrate
npx tsc --noEmit
npx biome check .
results="$VIGIL_STACK_DIR/vitest-results.json"
rc=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || rc=$?
# One plain closing line with the counts, so CI can tell how many tests really ran.
node -e 'const r = require(process.argv[1]);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);' "$results" || true
exit "$rc"
