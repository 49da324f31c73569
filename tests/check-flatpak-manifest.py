#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The Flatpak manifest cannot be built on a machine without the GNOME
# runtime; this checks what can be checked without it: valid JSON, the same
# app id as the desktop file and the metainfo, a GNOME 44 or newer runtime,
# every downloaded source pinned by sha256, and least-privilege finish-args.
#
# Usage: check-flatpak-manifest.py MANIFEST DESKTOP_FILE METAINFO   (TAP output)

import json
import os
import re
import sys
import xml.etree.ElementTree as ET

manifest_path, desktop_path, metainfo_path = sys.argv[1:4]
results = []


def check(ok, name, detail=''):
    results.append((bool(ok), name, detail))


try:
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)
    check(isinstance(manifest, dict), 'the manifest is a JSON object')
except ValueError as e:
    manifest = {}
    check(False, 'the manifest is valid JSON', str(e))

app_id = manifest.get('app-id', '')
desktop_id = os.path.basename(desktop_path)[:-len('.desktop')]
metainfo = ET.parse(metainfo_path).getroot()
check(app_id == desktop_id, 'app-id is the desktop file\'s name', '%r, %r' % (app_id, desktop_id))
check(app_id == metainfo.findtext('id'), 'app-id is the metainfo id',
      '%r, %r' % (app_id, metainfo.findtext('id')))
check(os.path.basename(manifest_path) == app_id + '.json', 'the manifest is named after the app id')
check(metainfo.findtext('launchable') == app_id + '.desktop', 'the metainfo launches this desktop file')

check(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk',
      'the GNOME runtime and SDK')
version = str(manifest.get('runtime-version', ''))
check(re.fullmatch(r'\d+', version) and int(version) >= 44, 'runtime-version is 44 or newer',
      repr(version))
command = manifest.get('command')
check(command == 'glide' and command in [b.text for b in metainfo.iter('binary')],
      'the command is the binary the metainfo provides', repr(command))

args = manifest.get('finish-args', [])
for needed in ('--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri',
               '--share=network'):
    check(needed in args, 'finish-args has %s' % needed)
# Documents go through the file chooser portal, passwords through the secret
# portal; nothing else of the host is opened.
refused = [a for a in args
           if re.match(r'--filesystem=(home|host|host-os|host-etc|~)', a)
           or a in ('--socket=x11', '--socket=session-bus', '--socket=system-bus',
                    '--device=all', '--talk-name=org.freedesktop.secrets')
           or a.startswith('--own-name') or a.startswith('--filesystem')]
check(not refused, 'no broad access in finish-args', ' '.join(refused))
check(len(args) == len(set(args)), 'no finish-arg twice')

modules = manifest.get('modules', [])
names = [m.get('name') if isinstance(m, dict) else m for m in modules]
check(names and names[-1] == 'glide', 'glide is the last module', repr(names))
for wanted in ('libharu', 'libpq'):
    check(wanted in names, 'a %s module (not in the GNOME runtime)' % wanted)
for module in modules:
    if not isinstance(module, dict):
        check(False, 'module %r is inline, not a file reference' % module)
        continue
    sources = module.get('sources', [])
    check(sources, 'module %s has sources' % module.get('name'))
    for source in sources:
        kind = source.get('type')
        label = 'module %s: %s source' % (module.get('name'), kind)
        if kind == 'dir':
            check(module.get('name') == 'glide', label + ' only for Glide itself')
        elif kind in ('archive', 'file'):
            check(re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')),
                  label + ' pinned by sha256', source.get('url', ''))
            check(source.get('url', '').startswith('https://'), label + ' fetched over https',
                  source.get('url', ''))
        else:
            check(False, label + ' of a kind this check does not pin', repr(source))
libharu = [m for m in modules if isinstance(m, dict) and m.get('name') == 'libharu']
check(libharu and any("2_3_0" in s.get("url", "") for s in libharu[0].get('sources', [])),
      'libharu is release 2.3.0 (the version Glide is written for)')

print('1..%d' % len(results))
for i, (ok, name, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        print('# ' + detail)
sys.exit(0 if all(r[0] for r in results) else 1)
