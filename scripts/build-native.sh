#!/usr/bin/env bash
# Builds the native Holt-Winters grid kernel (analytics/holt-winters/native/grid.c) into
# analytics/holt-winters/native/build/grid.node. Optional: without it the WebAssembly kernel runs (same results,
# 2-3x slower grid search), so a machine without a C compiler or with another CPU architecture only gets a note.
#   --if-changed   skip when the addon is newer than its source (provisioning)
#   --out FILE     build FILE instead (the tests build narrower variants)
#   --max-isa N    widest vectors to compile for: 512 (default: AVX-512, AVX2 and baseline), 256, or 128
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/analytics/holt-winters/native/grid.c"
out="$root/analytics/holt-winters/native/build/grid.node"
if_changed=0
max_isa=512
while [ $# -gt 0 ]; do
  case "$1" in
    --if-changed) if_changed=1 ;;
    --out) out="$2"; shift ;;
    --max-isa) max_isa="$2"; shift ;;
    *) echo "build-native.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
out_dir="$(dirname "$out")"
mkdir -p "$out_dir" # even when nothing is built, so the Dockerfile can copy it either way
if [ "$if_changed" = 1 ] && [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "${src%/*}/grid-width.h" ]; then
  exit 0
fi
note() { echo "native grid kernel: $*; the WebAssembly kernel will run instead" >&2; }
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then note "no C compiler ($cc)"; exit 0; fi
if [ "$(uname -m)" != "x86_64" ]; then note "built for x86-64 only, this is $(uname -m)"; exit 0; fi
# Node's headers ship beside its binary (official tarballs and Debian's nodejs alike).
include="$(node -p "require('node:path').resolve(process.execPath, '..', '..', 'include', 'node')")"
if [ ! -f "$include/node_api.h" ]; then note "Node's headers are not in $include"; exit 0; fi
# -ffp-contract=off and no -ffast-math: every lane must round exactly as the JS reference does (see grid.c).
if ! "$cc" -O3 -std=gnu11 -fPIC -shared -ffp-contract=off -fno-fast-math -Wall -Wextra \
  -DGRID_MAX_ISA="$max_isa" -I"$include" -o "$out.tmp" "$src"; then
  rm -f "$out.tmp"
  note "the compiler failed"
  exit 0
fi
mv "$out.tmp" "$out"
echo "native grid kernel: built $out" >&2
