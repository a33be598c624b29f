#!/usr/bin/env bash
# Quick start: install what is missing, build, and start Xarxa from the build tree.
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/deps.sh
[ -f build/build.ninja ] || meson setup build
ninja -C build
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
exec build/src/xarxa "$@"
