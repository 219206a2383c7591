#!/usr/bin/env bash
# Provides schemathesis (the OpenAPI fuzzer the REST API's contract test runs) in its own virtualenv at
# $VIGIL_TOOLS_DIR/schemathesis/<version>, pinned, from PyPI. A development tool only: nothing at run time uses it.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

dest="$VIGIL_TOOLS_DIR/schemathesis/$SCHEMATHESIS_VERSION"
if [ ! -x "$dest/bin/st" ]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $dest (first run only)"
  rm -rf "$dest"
  python3 -m venv "$dest" || fail "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$dest/bin/python" -m pip install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
    || { rm -rf "$dest"; fail "pip install schemathesis==$SCHEMATHESIS_VERSION failed"; }
fi
"$dest/bin/st" --version >&2
