#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with translatable strings is missing from po/POTFILES.in,
or POTFILES.in lists a file that does not exist."""

import os
import re
import sys

top = sys.argv[1]
listed = set()
with open(os.path.join(top, "po", "POTFILES.in"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

marks = {
    ".c": re.compile(r'\b(N?_|C_|NC_|g_dngettext|ngettext|glide_ngettext|glide_pgettext)\s*\('),
    ".ui": re.compile(r'translatable="yes"'),
    ".in": re.compile(r'.'),
    ".xml": re.compile(r'<(summary|description)>'),
}
found = set()
for folder in ("src", "ui", "data"):
    for root, _, files in os.walk(os.path.join(top, folder)):
        for name in files:
            path = os.path.relpath(os.path.join(root, name), top)
            ext = os.path.splitext(name)[1]
            if ext not in marks or "bodymap" in path or "icons" in path:
                continue
            if ext == ".xml" and "gschema" not in name:
                continue
            with open(os.path.join(top, path), encoding="utf-8") as f:
                if marks[ext].search(f.read()):
                    found.add(path)

status = 0
for path in sorted(found - listed):
    print(f"not in po/POTFILES.in: {path}")
    status = 1
for path in sorted(listed):
    if not os.path.exists(os.path.join(top, path)):
        print(f"listed in po/POTFILES.in but missing: {path}")
        status = 1
# The languages offered for documents (glide-language.c, the GSettings key's
# choices) are English and those po/LINGUAS builds catalogs for.
with open(os.path.join(top, "po", "LINGUAS"), encoding="utf-8") as f:
    linguas = {w for line in f for w in line.split("#")[0].split()}
with open(os.path.join(top, "src", "core", "glide-language.c"), encoding="utf-8") as f:
    offered = set(re.findall(r'\{ "([a-z]{2,3}(?:_[A-Z]{2})?)", "', f.read())) - {"en"}
with open(os.path.join(top, "data", "io.github.glidept.Glide.gschema.xml"), encoding="utf-8") as f:
    schema = f.read()
key = re.search(r'<key name="document-language".*?</key>', schema, re.S).group(0)
choices = set(re.findall(r'<choice value="([^"]*)"/>', key)) - {"", "en"}
for name, codes in (("src/core/glide-language.c", offered), ("the document-language key", choices)):
    if codes != linguas:
        print(f"{name} offers {sorted(codes)}, po/LINGUAS has {sorted(linguas)}")
        status = 1
print(f"{len(listed)} files listed, {len(found)} with translatable strings, "
      f"languages {sorted(linguas)}")
sys.exit(status)
