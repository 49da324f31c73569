#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# appstreamcli validate --pedantic --strict, failing on every issue, pedantic
# hints included, except those named below with the reason they stay.
#
# Usage: check-appstream.py APPSTREAMCLI METAINFO

import re
import subprocess
import sys

# GNOME application ids are reverse-DNS names whose case is part of the name
# (org.gnome.TextEditor); io.github.glidept.Glide is also the desktop file's,
# the GSettings schema's, the keyring schema's and the Flatpak's id, and
# Flathub keeps ids as registered. Lowercasing it would orphan every user's
# settings and remembered passwords. README, "Packaging", says the same.
ALLOWED = {'cid-contains-uppercase-letter'}

appstreamcli, metainfo = sys.argv[1:3]
run = subprocess.run([appstreamcli, 'validate', '--pedantic', '--strict', '--no-net',
                      '--explain', '--format=yaml', metainfo],
                     capture_output=True, text=True)
print(run.stdout, end='')
print(run.stderr, end='', file=sys.stderr)
tags = re.findall(r'^- tag: (\S+)', run.stdout, re.M)
unexpected = [t for t in tags if t not in ALLOWED]
if run.returncode != 0 or unexpected or 'Passed: yes' not in run.stdout:
    print('FAIL: appstreamcli exit status %d, issues not allowed: %s'
          % (run.returncode, ', '.join(unexpected) or 'none'), file=sys.stderr)
    sys.exit(1)
