#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a language of po/LINGUAS lacks a message of the source as it is
now: extracts the messages with xgettext (the arguments of po/meson.build,
given after the source root), merges each catalog with them, and asks msgfmt
for untranslated and fuzzy messages and for format strings that differ.

check-translations.py TOP XGETTEXT-ARGS..."""

import os
import re
import subprocess
import sys
import tempfile

top, args = sys.argv[1], sys.argv[2:]
with open(os.path.join(top, "po", "LINGUAS"), encoding="utf-8") as f:
    linguas = [w for line in f for w in line.split("#")[0].split()]

status = 0
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "glide.pot")
    subprocess.run(["xgettext", "--package-name=glide", "-D", top,
                    "-f", os.path.join(top, "po", "POTFILES.in"), "-o", pot] + args,
                   check=True, stderr=subprocess.DEVNULL)
    for lang in linguas:
        merged = os.path.join(tmp, lang + ".po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                        os.path.join(top, "po", lang + ".po"), pot], check=True)
        r = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                           capture_output=True, text=True)
        stats = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
        print(f"{lang}: {stats}")
        if r.returncode != 0:
            print(r.stderr)
            status = 1
        if re.search(r"untranslated|fuzzy", stats):
            status = 1
            # Name what is missing, so the message says what to translate.
            r = subprocess.run(["msgattrib", "--untranslated", merged], capture_output=True,
                               text=True)
            missing = re.findall(r'^msgid "(.+)"$', r.stdout, re.M)
            for msgid in missing[:20]:
                print(f"  {lang}: not translated: {msgid}")
        # A catalog kept in step: what msgmerge would drop is no longer in the source.
        r = subprocess.run(["msgattrib", "--only-obsolete", merged], capture_output=True,
                           text=True)
        obsolete = re.findall(r'^#~ msgid "(.+)"$', r.stdout, re.M)
        if obsolete:
            print(f"  {lang}: {len(obsolete)} messages no longer in the source "
                  f"(run ninja glide-update-po), e.g. {obsolete[0]!r}")
            status = 1
sys.exit(status)
