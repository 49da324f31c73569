#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test cases in meson's testlog.json, TAP subtests included, and
prints "N passed, N failed" as the last line. Exit status 1 on any failure.

A TAP test contributes one case per "ok"/"not ok" line; if it crashed or
stopped early (meson marks it failed) without a "not ok" line, that counts
as one more failure so a crash is never hidden. Other tests count as one."""

import json
import re
import sys

TAP_LINE = re.compile(r"^(not ok|ok)\b(?:\s+\d+)?(.*)$")

def main(path):
    passed = failed = skipped = 0
    failures = []
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        print(f"no test log: {e}")
        print("0 passed, 1 failed")
        return 1
    for line in lines:
        if not line.strip():
            continue
        test = json.loads(line)
        name = test.get("name", "?")
        result = test.get("result", "")
        stdout = test.get("stdout") or ""
        tap = [TAP_LINE.match(l) for l in stdout.splitlines()]
        tap = [m for m in tap if m]
        if tap:
            tap_failed = 0
            for m in tap:
                directive = m.group(2)
                if m.group(1) == "ok":
                    if "# SKIP" in directive.upper():
                        skipped += 1
                    else:
                        passed += 1
                elif "# TODO" in directive.upper():
                    skipped += 1
                else:
                    tap_failed += 1
                    failures.append(f"{name}:{directive.strip()}")
            if result not in ("OK", "EXPECTEDFAIL", "SKIP") and tap_failed == 0:
                tap_failed = 1
                failures.append(f"{name}: {result} (crashed or stopped early)")
            failed += tap_failed
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
            failures.append(f"{name}: {result}")
    for f in failures:
        print(f"FAILED {f}")
    if skipped:
        print(f"({skipped} skipped)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
