#!/usr/bin/env python3
# Adds up the results of meson's test logs: prints "N passed, N failed".
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                result = json.loads(line).get("result", "")
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
    except FileNotFoundError:
        print(f"{path}: no test log (the build failed before tests ran)")
        failed += 1
if skipped:
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
else:
    print(f"{passed} passed, {failed} failed")
