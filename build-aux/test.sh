#!/usr/bin/env bash
# Quick start for tests: install what is missing, build with warnings as
# errors, run the whole suite headless, then build and run it again under
# AddressSanitizer and UndefinedBehaviorSanitizer.  Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
build-aux/deps.sh || exit 1

jobs=${XARXA_TEST_JOBS:-2}
status=0

run_suite () {
  local dir=$1; shift
  rm -rf "$dir"
  if ! meson setup "$dir" --werror "$@" >"$dir.setup.log" 2>&1; then
    cat "$dir.setup.log"; return 1
  fi
  ninja -C "$dir" || return 1
  meson test -C "$dir" --print-errorlogs --num-processes "$jobs" || return 1
}

run_suite build || status=1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions="$PWD/build-aux/lsan.supp":print_suppressions=0 \
  run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug || status=1

python3 build-aux/count-tests.py build/meson-logs/testlog.json build-asan/meson-logs/testlog.json
exit $status
