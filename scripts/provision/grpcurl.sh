#!/usr/bin/env bash
# Provides `grpcurl` at $VIGIL_TOOLS_DIR/bin/grpcurl, the gRPC client the reflection tests use as an outsider would.
# Built from the pinned Go module with the machine's Go toolchain; module and build caches stay inside
# $VIGIL_TOOLS_DIR/go so nothing is written outside the repository.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

link="$VIGIL_TOOLS_DIR/bin/grpcurl"
dest="$VIGIL_TOOLS_DIR/grpcurl/$GRPCURL_VERSION"
mkdir -p "$VIGIL_TOOLS_DIR/bin"
if [ ! -x "$dest/grpcurl" ]; then
  command -v go >/dev/null || fail "grpcurl $GRPCURL_VERSION is built with Go: install Go 1.21 or newer (https://go.dev/dl) and rerun"
  say "building grpcurl $GRPCURL_VERSION from the Go module proxy (first run only)"
  gohome="$VIGIL_TOOLS_DIR/go"
  mkdir -p "$dest"
  GOPATH="$gohome" GOMODCACHE="$gohome/pkg/mod" GOCACHE="$gohome/cache" GOFLAGS="-modcacherw -buildvcs=false" \
    GOBIN="$dest" GOTOOLCHAIN=local CGO_ENABLED=0 \
    go install -ldflags "-X main.version=$GRPCURL_VERSION" "github.com/fullstorydev/grpcurl/cmd/grpcurl@$GRPCURL_VERSION" \
    || fail "go install github.com/fullstorydev/grpcurl/cmd/grpcurl@$GRPCURL_VERSION failed"
fi
ln -sf "$dest/grpcurl" "$link"
