#!/usr/bin/env bash
# `npm stop`: stops Vigil's processes, then the local stack. Data stays under .vigil/local.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/common.sh"
source "$here/lib/processes.sh"
stop_vigil_processes
bash "$here/stack.sh" down
