#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# glide --export-csv against Python's csv module: the demo clinic's four
# files read back with as many rows as its JSON export has records, RFC 4180
# line ends and quoting, a formula in a note kept as text, and a period that
# keeps only its sessions.
#
# Usage: test-csv.py GLIDE   (TAP output; a private HOME of its own)

import csv
import json
import os
import subprocess
import sys
import tempfile

glide = sys.argv[1]
results = []


def check(ok, name, detail=''):
    results.append((bool(ok), name, detail))


def run(args, home):
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, 'data'),
               XDG_CONFIG_HOME=os.path.join(home, 'config'), LANG='C', LC_ALL='C')
    return subprocess.run([glide] + args, capture_output=True, text=True, env=env)


def read(folder, name):
    with open(os.path.join(folder, name), newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))


with tempfile.TemporaryDirectory() as home:
    db = os.path.join(home, 'demo.db')
    out = os.path.join(home, 'csv')
    r = run(['-d', db, '--demo'], home)
    check(r.returncode == 0, 'the demo clinic is made', r.stderr)
    r = run(['-d', db, '--export-json', os.path.join(home, 'demo.json')], home)
    check(r.returncode == 0, 'its JSON export', r.stderr)
    with open(os.path.join(home, 'demo.json'), encoding='utf-8') as f:
        document = json.load(f)
    courses = [c for p in document['patients'] for c in p['courses']]
    sessions = [s for c in courses for s in c['sessions']]
    treatments = [t for s in sessions for t in s['treatments']]
    measures = [m for s in sessions for m in s['measures']]

    r = run(['-d', db, '--export-csv', out], home)
    check(r.returncode == 0, '--export-csv succeeds', r.stderr)
    tables = {name: read(out, name + '.csv')
              for name in ('courses', 'sessions', 'treatments', 'measures')}
    check(len(tables['courses']) == len(courses), 'courses.csv has every course',
          '%d != %d' % (len(tables['courses']), len(courses)))
    check(len(tables['sessions']) == len(sessions), 'sessions.csv has every session',
          '%d != %d' % (len(tables['sessions']), len(sessions)))
    check(len(tables['treatments']) == len(treatments), 'treatments.csv has every treated area',
          '%d != %d' % (len(tables['treatments']), len(treatments)))
    check(len(tables['measures']) == len(measures), 'measures.csv has every measure',
          '%d != %d' % (len(tables['measures']), len(measures)))
    check(sorted(s['start'] for s in tables['sessions']) == sorted(s['start'] for s in sessions),
          'the sessions are the same visits')
    check(all(t['site_label'] and t['site'] for t in tables['treatments']),
          'treated areas carry the code and its label')
    with open(os.path.join(out, 'sessions.csv'), 'rb') as f:
        raw = f.read()
    check(raw.count(b'\r\n') >= len(sessions) + 1 and not raw.startswith(b'\xef\xbb\xbf'),
          'lines end in CRLF, no byte order mark')
    check(sum(int(s['units']) for s in tables['sessions']) > 0, 'sessions carry their units')

    # A note that a spreadsheet would run, with a comma, quotes and a line break.
    hostile = '=HYPERLINK("http://x","y"), then\nmore'
    single = os.path.join(home, 'one.json')
    patient = document['patients'][0]
    patient['courses'][-1]['sessions'][0]['note'] = hostile
    patient['chart'] = 'Z-9'
    with open(single, 'w', encoding='utf-8') as f:
        json.dump({'format': 'glide-interchange', 'version': 2,
                   'therapists': document['therapists'], 'tools': document['tools'],
                   'patients': [patient]}, f)
    db2 = os.path.join(home, 'two.db')
    r = run(['-d', db2, '--import', single], home)
    check(r.returncode == 0, 'a note with a formula imports', r.stderr)
    out2 = os.path.join(home, 'csv2')
    r = run(['-d', db2, '--export-csv', out2], home)
    notes = [s['note'] for s in read(out2, 'sessions.csv')]
    check("'" + hostile in notes, 'the formula is kept as text, quoted whole', repr(notes[:2]))

    # A period keeps its sessions and the courses they belong to.
    first = min(s['start'] for s in sessions)[:10]
    r = run(['-d', db, '--export-csv', os.path.join(home, 'csv3'), '--from', first, '--to', first],
            home)
    check(r.returncode == 0, '--from and --to', r.stderr)
    period = read(os.path.join(home, 'csv3'), 'sessions.csv')
    check(len(period) == sum(1 for s in sessions if s['start'][:10] == first) and len(period) > 0,
          'only the period\'s sessions', str(len(period)))
    r = run(['-d', db, '--export-csv', os.path.join(home, 'csv4'), '--from', '2026-02-30'], home)
    check(r.returncode == 2 and '--from' in r.stderr, 'a bad date is refused', r.stderr)

print('1..%d' % len(results))
for i, (ok, name, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        print('# ' + detail.replace('\n', ' '))
sys.exit(0 if all(r[0] for r in results) else 1)
