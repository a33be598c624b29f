#!/bin/sh
# check-systemd-unit.sh — checks a systemd unit with systemd-analyze verify.
#
# Usage: check-systemd-unit.sh SYSTEMD-ANALYZE UNIT
# systemd-analyze only warns about unknown keys and bad values, so any
# message it prints counts as a failure here.
#
# Copyright 2026 The Xarxa developers
# SPDX-License-Identifier: GPL-3.0-or-later

analyze="$1"
unit="$2"
output=$("$analyze" verify --man=no "$unit" 2>&1)
status=$?
if [ -n "$output" ]; then
  printf '%s\n' "$output"
  exit 1
fi
exit $status
