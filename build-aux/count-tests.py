#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test cases in one or more of meson's testlog.json files (one per
build directory: the normal and the sanitizer run), TAP subtests included,
and prints "N passed, N failed" as the last line, summed over all of them.
Exit status 1 on any failure; a missing or unreadable log is one failure.

A TAP test contributes one case per "ok"/"not ok" line; if it crashed or
stopped early (meson marks it failed) without a "not ok" line, that counts
as one more failure so a crash is never hidden. Other tests count as one."""

import json
import os
import re
import sys

TAP_LINE = re.compile(r"^(not ok|ok)\b(?:\s+\d+)?(.*)$")

def count(path, label, totals, failures):
    """Adds the cases of one testlog.json to totals (passed, failed, skipped)."""
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        failures.append(f"{label}: no test log ({e.strerror}: {path})")
        totals["failed"] += 1
        return
    for line in lines:
        if not line.strip():
            continue
        test = json.loads(line)
        name = f"{label}/{test.get('name', '?')}"
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
                        totals["skipped"] += 1
                    else:
                        totals["passed"] += 1
                elif "# TODO" in directive.upper():
                    totals["skipped"] += 1
                else:
                    tap_failed += 1
                    failures.append(f"{name}:{directive.strip()}")
            if result not in ("OK", "EXPECTEDFAIL", "SKIP") and tap_failed == 0:
                tap_failed = 1
                failures.append(f"{name}: {result} (crashed or stopped early)")
            totals["failed"] += tap_failed
        elif result in ("OK", "EXPECTEDFAIL"):
            totals["passed"] += 1
        elif result == "SKIP":
            totals["skipped"] += 1
        else:
            totals["failed"] += 1
            failures.append(f"{name}: {result}")

def label_of(path):
    """The build directory a testlog.json belongs to (_build, _build-asan)."""
    parts = os.path.normpath(os.path.abspath(path)).split(os.sep)
    if len(parts) >= 3 and parts[-2] == "meson-logs":
        return parts[-3]
    return path

def main(paths):
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    failures = []
    if not paths:
        failures.append("no test log given")
        totals["failed"] += 1
    for path in paths:
        count(path, label_of(path), totals, failures)
    for f in failures:
        print(f"FAILED {f}")
    if totals["skipped"]:
        print(f"({totals['skipped']} skipped)")
    print(f"{totals['passed']} passed, {totals['failed']} failed")
    return 1 if totals["failed"] else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
