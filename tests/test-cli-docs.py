#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The generated glide.1 and bash completion against what the program itself
# takes: every option of `glide --help-all` is described in the man page and
# completed by bash, the page renders without groff warnings, and the
# completion gives file names, folders and listed values where they belong.
#
# Usage: test-cli-docs.py GLIDE GLIDE.1 COMPLETION   (TAP output)

import os
import re
import subprocess
import sys
import tempfile

glide, man_page, completion = sys.argv[1:4]

# GApplication's own D-Bus service mode, not an option of Glide's table.
GAPPLICATION_OWN = {'--gapplication-service', '--help-gapplication'}

results = []


def check(ok, name, detail=''):
    results.append((ok, name, detail))


def help_options():
    out = subprocess.run([glide, '--help-all'], capture_output=True, text=True, check=True,
                         env=dict(os.environ, LANG='C', LC_ALL='C')).stdout
    options = set()
    for line in out.splitlines():
        m = re.match(r'^\s+(?:-(\w), )?(--[\w-]+)', line)
        if m:
            options.add(m.group(2))
            if m.group(1):
                options.add('-' + m.group(1))
    return options - GAPPLICATION_OWN


def render(device):
    return subprocess.run(['groff', '-man', '-T' + device, '-ww', '-P-c', '-P-b', '-P-u',
                           man_page], capture_output=True, text=True,
                          env=dict(os.environ, LANG='C.UTF-8'))


def complete(*words, cwd=None):
    script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _glide; '
              'printf "%s\\n" "${COMPREPLY[@]}"')
    out = subprocess.run(['bash', '--norc', '--noprofile', '-c', script, 'bash',
                          os.path.abspath(completion), 'glide', *words],
                         capture_output=True, text=True, check=True, cwd=cwd).stdout
    return sorted(w for w in out.splitlines() if w)


options = help_options()
check(len(options) > 30, 'glide --help-all lists the options', '%d found' % len(options))

rendered = render('utf8')
check(rendered.returncode == 0 and rendered.stderr == '',
      'groff -man -Tutf8 -ww renders glide.1 without warnings', rendered.stderr.strip())

# An option is described when it heads an indented paragraph of its own.
headings = set()
for line in rendered.stdout.splitlines():
    m = re.match(r'^ {7}(?:-(\w), )?(--[\w-]+)', line)
    if m:
        headings.add(m.group(2))
        if m.group(1):
            headings.add('-' + m.group(1))
missing = sorted(options - headings)
check(not missing, 'every option is described in glide.1', 'missing: %s' % ' '.join(missing))
extra = sorted(headings - options)
check(not extra, 'glide.1 describes no option glide does not take', 'extra: %s' % ' '.join(extra))

text = rendered.stdout
for section in ('NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'FILES', 'ENVIRONMENT',
                'EXIT STATUS', 'EXAMPLES', 'SEE ALSO'):
    check(re.search(r'^%s$' % section, text, re.M) is not None, 'glide.1 has %s' % section)
# Options copied from the page must work: a hyphen-minus, not U+2010.
check('\u2010-' not in text and '\u2212' not in text, 'options render with hyphen-minus')

check(complete('--export-j') == ['--export-json'], 'glide --export-j<TAB> completes --export-json',
      repr(complete('--export-j')))
every = set(complete('-'))
missing = sorted(options - every)
check(not missing, 'every option completes', 'missing: %s' % ' '.join(missing))
check(complete('--role', '') == ['admin', 'manager', 'therapist'], '--role <TAB> lists the roles',
      repr(complete('--role', '')))
check(complete('--paper', 'l') == ['letter'], '--paper l<TAB> completes letter')

with tempfile.TemporaryDirectory() as d:
    os.mkdir(os.path.join(d, 'backups'))
    open(os.path.join(d, 'clinic.json'), 'w').close()
    got = complete('--import', '', cwd=d)
    check(got == ['backups', 'clinic.json'], '--import <TAB> completes file names', repr(got))
    got = complete('--backup-dir', '', cwd=d)
    check(got == ['backups'], '--backup-dir <TAB> completes folders only', repr(got))
    got = complete('--patient', '', cwd=d)
    check(got == [], '--patient <TAB> offers nothing (a chart number)', repr(got))

print('1..%d' % len(results))
for i, (ok, name, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        print('# ' + detail)
sys.exit(0 if all(r[0] for r in results) else 1)
