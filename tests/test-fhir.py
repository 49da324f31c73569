#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# glide --export-fhir and --ndjson against the official HL7 FHIR R4 JSON
# schema: the demo clinic as a Bundle, one patient's Bundle and NDJSON files,
# every resource valid, every reference resolving inside its export, ids
# unique and the same bytes from two exports, drafts never final, the codes
# those of glide-codes.c's table; an unknown chart writes nothing.
#
# Usage: test-fhir.py GLIDE   (TAP output; a private HOME of its own)
# GLIDE_FHIR_SCHEMA names fhir.schema.json (build-aux/fetch-fhir-schema puts
# it in build-aux/cache/); GLIDE_SOURCE_ROOT the source tree.

import copy
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings

glide = sys.argv[1]
results = []
started = time.monotonic()

SNOMED = 'http://snomed.info/sct'
LOINC = 'http://loinc.org'
CPT = 'http://www.ama-assn.org/go/cpt'
ICD10 = 'http://hl7.org/fhir/sid/icd-10'
GLIDE = 'https://glidept.github.io/fhir/CodeSystem/'


def check(ok, name, detail=''):
    results.append((bool(ok), name, detail))
    return bool(ok)


def finish():
    print('1..%d' % len(results))
    for i, (ok, name, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok and detail:
            print('# ' + str(detail).replace('\n', ' ')[:2000])
    print('# %.1f s' % (time.monotonic() - started))
    sys.exit(0 if all(r[0] for r in results) else 1)


schema_path = os.environ.get('GLIDE_FHIR_SCHEMA', '')
if not os.path.isfile(schema_path):
    check(False, 'the FHIR R4 schema is at hand',
          '%s is missing: run build-aux/fetch-fhir-schema first' % (schema_path or
                                                                   'GLIDE_FHIR_SCHEMA'))
    finish()

import jsonschema  # noqa: E402 (only once the schema is known to be there)

with open(schema_path, encoding='utf-8') as f:
    schema = json.load(f)
check(schema.get('id') == 'http://hl7.org/fhir/json-schema/4.0', 'the official FHIR R4 schema')

# The Bundle alone, its entries' resources checked one by one against their
# own definitions: the root's oneOf over every resource type is slow.
bundle_schema = copy.deepcopy(schema)
bundle_schema['definitions']['Bundle_Entry']['properties']['resource'] = {'type': 'object'}
validators = {}


def validator(name, whole):
    key = (name, id(whole))
    if key not in validators:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', DeprecationWarning)
            resolver = jsonschema.RefResolver.from_schema(whole)
            validators[key] = jsonschema.Draft6Validator({'$ref': '#/definitions/' + name},
                                                         resolver=resolver)
    return validators[key]


def schema_errors(resource):
    kind = resource.get('resourceType')
    if kind not in schema['definitions']:
        return ['unknown resourceType %r' % kind]
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        return ['%s %s: %s at %s' % (kind, resource.get('id'), e.message, list(e.absolute_path))
                for e in validator(kind, schema).iter_errors(resource)]


def bundle_errors(bundle):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        errors = ['Bundle: %s at %s' % (e.message, list(e.absolute_path))
                  for e in validator('Bundle', bundle_schema).iter_errors(bundle)]
    for entry in bundle.get('entry', []):
        errors += schema_errors(entry['resource'])
    return errors


def references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == 'reference' and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def codings(node):
    if isinstance(node, dict):
        if 'system' in node and 'code' in node and isinstance(node['code'], str):
            yield node['system'], node['code']
        for value in node.values():
            yield from codings(value)
    elif isinstance(node, list):
        for value in node:
            yield from codings(value)


def table_codes():
    """The (system, code) pairs of glide-codes.c's FHIR table."""
    path = os.path.join(os.environ['GLIDE_SOURCE_ROOT'], 'src', 'core', 'glide-codes.c')
    with open(path, encoding='utf-8') as f:
        text = f.read()
    systems = dict(re.findall(r'#define (LOINC|SNOMED|CPT|ICD10) "([^"]+)"', text))
    rows = re.findall(r'\{ GLIDE_FHIR_KEY_(\w+), ([\w-]+), (LOINC|SNOMED|CPT|ICD10), '
                      r'(NULL|"[^"]*"),', text)
    return {(systems[s], c.strip('"')) for _, _, s, c in rows if c != 'NULL'}, rows


def run(args, home):
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, 'data'),
               XDG_CONFIG_HOME=os.path.join(home, 'config'), LANG='C', LC_ALL='C', TZ='UTC')
    return subprocess.run([glide] + args, capture_output=True, text=True, env=env)


def read_bytes(path):
    with open(path, 'rb') as f:
        return f.read()


def read_ndjson(folder):
    out = {}
    for name in sorted(os.listdir(folder)):
        kind = name[:-len('.ndjson')]
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            out[kind] = [json.loads(line) for line in f]
    return out


def check_bundle(bundle, label):
    check(bundle.get('resourceType') == 'Bundle' and bundle.get('type') == 'collection',
          label + ': a Bundle of type collection')
    errors = bundle_errors(bundle)
    check(not errors, label + ': every resource is valid against the FHIR R4 schema',
          '; '.join(errors[:5]))
    urls = [e['fullUrl'] for e in bundle['entry']]
    check(all(re.fullmatch(r'urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-'
                           r'[0-9a-f]{12}', u) for u in urls),
          label + ': every fullUrl is a urn:uuid (version 5)')
    check(len(set(urls)) == len(urls), label + ': the UUIDs are unique',
          '%d of %d' % (len(set(urls)), len(urls)))
    check(all(e['fullUrl'] == 'urn:uuid:' + e['resource']['id'] for e in bundle['entry']),
          label + ': each resource id is its fullUrl\'s UUID')
    dangling = [r for r in references(bundle) if r not in set(urls)]
    check(not dangling, label + ': every reference resolves within the bundle', dangling[:3])


# The codes written must be the table's, and the table's sources each there.
table, rows = table_codes()
check(len(rows) >= 10 and all(re.search(r'SRC_\w+ },', line) for line in
                              re.findall(r'\{ GLIDE_FHIR_KEY_[^\n]*', open(os.path.join(
                                  os.environ['GLIDE_SOURCE_ROOT'], 'src', 'core',
                                  'glide-codes.c'), encoding='utf-8').read())),
      'glide-codes.c: every row of the FHIR table names its source', len(rows))

with tempfile.TemporaryDirectory() as home:
    db = os.path.join(home, 'demo.db')
    r = run(['-d', db, '--demo'], home)
    check(r.returncode == 0, 'the demo clinic is made', r.stderr)
    r = run(['-d', db, '--export-json', os.path.join(home, 'demo.json')], home)
    check(r.returncode == 0, 'its JSON export', r.stderr)
    with open(os.path.join(home, 'demo.json'), encoding='utf-8') as f:
        document = json.load(f)
    courses = [c for p in document['patients'] for c in p['courses']]
    sessions = [s for c in courses for s in c['sessions']]
    drafts = [s for s in sessions if not s.get('signed')]

    # The whole clinic as a Bundle, twice.
    first, second = os.path.join(home, 'clinic.json'), os.path.join(home, 'again.json')
    r = run(['-d', db, '--export-fhir', first], home)
    check(r.returncode == 0, '--export-fhir succeeds', r.stderr)
    r = run(['-d', db, '--export-fhir', second], home)
    check(read_bytes(first) == read_bytes(second), 'two exports are the same bytes')
    with open(first, encoding='utf-8') as f:
        bundle = json.load(f)
    check_bundle(bundle, 'the clinic')
    resources = [e['resource'] for e in bundle['entry']]
    by_type = {}
    for res in resources:
        by_type.setdefault(res['resourceType'], []).append(res)
    count = {k: len(v) for k, v in by_type.items()}
    check(count.get('Patient') == len(document['patients']) and count.get('Organization') == 1 and
          count.get('Practitioner') == len(document['therapists']),
          'a Patient each, the clinic, the therapists', count)
    check(count.get('EpisodeOfCare') == len(courses) and count.get('Condition') == len(courses),
          'an EpisodeOfCare and a Condition per course', count)
    check(count.get('Encounter') == len(sessions), 'an Encounter per session', count)
    treated = sum(len(s['treatments']) for s in sessions)
    measured = sum(len(s['measures']) for s in sessions)
    check(count.get('Procedure') == treated, 'a Procedure per treated area', count)
    check(count.get('Observation') == treated + measured,
          'an Observation per measure and per treated area\'s skin response', count)

    # Goals: one each, their measured target in the measure's own code and
    # unit, their status as FHIR's lifecycle and achievement, the course's
    # condition as what they address.
    goals = [g for c in courses for g in c.get('goals', [])]
    fhir_goals = by_type.get('Goal', [])
    check(len(goals) > 0 and count.get('Goal') == len(goals), 'a Goal per goal of a course', count)
    lifecycle = {'not-started': ('accepted', None), 'progressing': ('active', 'in-progress'),
                 'met': ('completed', 'achieved'), 'partly-met': ('completed', 'improving'),
                 'not-met': ('completed', 'not-achieved'), 'revised': ('cancelled', None)}
    expected = sorted((g['text'], ) + lifecycle[g['status'][-1]['status']] for g in goals)
    got = sorted((g['description']['text'], g['lifecycleStatus'],
                  g['achievementStatus']['coding'][0]['code'] if 'achievementStatus' in g else None)
                 for g in fhir_goals)
    check(got == expected, 'each Goal\'s lifecycle and achievement follow its latest status',
          [x for x in got if x not in expected][:3])
    pain_targets = [t for g in fhir_goals for t in g.get('target', [])
                    if (LOINC, '72514-3') in set(codings(t.get('measure', {})))]
    check(len(pain_targets) == sum(1 for g in goals if g.get('measure') == 'pain') and
          all(t['detailQuantity']['code'] == '{score}' for t in pain_targets),
          'a pain goal\'s target is LOINC 72514-3 with a UCUM {score}', len(pain_targets))
    conditions = {'urn:uuid:' + c['id'] for c in by_type['Condition']}
    check(all(g['addresses'][0]['reference'] in conditions for g in fhir_goals),
          'each Goal addresses its course\'s Condition')

    # Drafts: in progress and preliminary, never finished or final.
    encounters = {e['id']: e for e in by_type['Encounter']}
    unsigned = {i for i, e in encounters.items() if e['status'] == 'in-progress'}
    check(len(drafts) > 0 and len(unsigned) == len(drafts) and
          all(e['status'] in ('finished', 'in-progress') for e in encounters.values()),
          'each draft session is an Encounter in progress, the others finished',
          '%d drafts, %d in progress' % (len(drafts), len(unsigned)))

    def encounter_of(res):
        return res['encounter']['reference'][len('urn:uuid:'):]
    wrong = [o['id'] for o in by_type['Observation']
             if o['status'] != ('preliminary' if encounter_of(o) in unsigned else 'final')]
    check(not wrong, 'a draft\'s Observations are preliminary, a signed session\'s final', wrong[:3])
    wrong = [p['id'] for p in by_type['Procedure']
             if p['status'] != ('in-progress' if encounter_of(p) in unsigned else 'completed')]
    check(not wrong, 'a draft\'s Procedures are in progress, a signed session\'s completed',
          wrong[:3])

    # Codes: the table's, where they belong.
    standard = {c for c in codings(bundle) if c[0] in (SNOMED, LOINC, CPT)}
    check(standard <= table, 'every SNOMED CT, LOINC and CPT code is in glide-codes.c\'s table',
          sorted(standard - table))
    icd = sorted(c for s, c in codings(bundle) if s == ICD10)
    check(icd == sorted(c['icd10'] for c in courses if c.get('icd10')),
          'each course\'s ICD-10 code, in http://hl7.org/fhir/sid/icd-10', icd[:5])
    pain = [o for o in by_type['Observation']
            if (LOINC, '72514-3') in set(codings(o['code']))]
    check(len(pain) == sum(1 for s in sessions for m in s['measures'] if m['measure'] == 'pain')
          and all(o['valueQuantity'] == {'value': o['valueQuantity']['value'], 'unit': '{score}',
                                         'system': 'http://unitsofmeasure.org', 'code': '{score}'}
                  for o in pain),
          'pain is LOINC 72514-3 with a UCUM {score}')
    rom = [o for o in by_type['Observation'] if (SNOMED, '364564000') in set(codings(o['code']))]
    check(rom and all(o['valueQuantity']['code'] == 'deg' and
                      any(c['code']['coding'][0]['code'] == 'motion' for c in o['component'])
                      for o in rom),
          'ROM is SNOMED 364564000 in degrees with its motion in a component', len(rom))
    timed = [c['valueCodeableConcept']['coding'][0]['code'] for o in by_type['Observation']
             for c in o.get('component', []) if c['code']['coding'][0]['code'] == 'timing']
    check(len(timed) == measured and set(timed) == {'pre', 'post'},
          'each measure says whether it was before or after treatment', len(timed))
    check(all((CPT, '97140') in set(codings(p['code'])) and p['code'].get('text')
              for p in by_type['Procedure']), 'a Procedure is CPT 97140 with IASTM in its text')
    sides = {c for p in by_type['Procedure'] for c in codings(p['bodySite'])
             if c[1] in ('7771000', '24028007', '51440002', '399488007')}
    check({(SNOMED, '7771000'), (SNOMED, '24028007')} <= sides,
          'laterality as SNOMED CT qualifiers on the body site', sorted(sides))
    sites = {c for p in by_type['Procedure'] for c in codings(p['bodySite']) if c[0] == SNOMED}
    check((SNOMED, '220023008') in sites and all(
        p['bodySite'][0]['coding'][-1]['system'] == GLIDE + 'site' for p in by_type['Procedure']),
        'sites as SNOMED CT where verified, always as a Glide site code')

    # One patient: their record and the therapists it names, nothing else.
    chart = document['patients'][0]['chart']
    one = os.path.join(home, 'one.json')
    r = run(['-d', db, '--export-fhir', one, '--patient', chart], home)
    check(r.returncode == 0, '--export-fhir --patient succeeds', r.stderr)
    with open(one, encoding='utf-8') as f:
        single = json.load(f)
    check_bundle(single, 'one patient')
    patients = [e['resource'] for e in single['entry']
                if e['resource']['resourceType'] == 'Patient']
    check(len(patients) == 1 and patients[0]['identifier'][0]['value'] == chart,
          'one patient\'s bundle holds that patient alone')

    # NDJSON: the same resources, a file per type, Type/id references.
    folder = os.path.join(home, 'ndjson')
    r = run(['-d', db, '--ndjson', folder], home)
    check(r.returncode == 0, '--ndjson succeeds', r.stderr)
    files = read_ndjson(folder)
    check(set(files) == set(by_type) and all(all(x['resourceType'] == k for x in v)
                                             for k, v in files.items()),
          'one TYPE.ndjson per resource type', sorted(files))
    flat = [x for v in files.values() for x in v]
    errors = [e for x in flat for e in schema_errors(x)]
    check(not errors, 'every NDJSON resource is valid against the FHIR R4 schema',
          '; '.join(errors[:5]))
    keys = ['%s/%s' % (x['resourceType'], x['id']) for x in flat]
    check(len(set(keys)) == len(keys) == len(resources), 'NDJSON ids are unique, one per resource')
    dangling = [ref for x in flat for ref in references(x) if ref not in set(keys)]
    check(not dangling, 'every NDJSON reference resolves within the files', dangling[:3])
    as_bundle = json.loads(re.sub(r'"reference": "[A-Za-z]+/', '"reference": "urn:uuid:',
                                  json.dumps(flat)))
    check(sorted(as_bundle, key=lambda x: x['id']) == sorted(resources, key=lambda x: x['id']),
          'the NDJSON resources are the bundle\'s')
    again = os.path.join(home, 'ndjson2')
    run(['-d', db, '--ndjson', again], home)
    check(all(read_bytes(os.path.join(folder, n)) == read_bytes(os.path.join(again, n))
              for n in os.listdir(folder)), 'two NDJSON exports are the same bytes')

    # An unknown chart: an error naming it, nothing written.
    missing = os.path.join(home, 'missing.json')
    r = run(['-d', db, '--export-fhir', missing, '--patient', 'NO-SUCH'], home)
    check(r.returncode == 1 and 'NO-SUCH' in r.stderr and not os.path.exists(missing),
          'an unknown --patient is refused and writes nothing', r.stderr)
    r = run(['-d', db, '--ndjson', os.path.join(home, 'nd-missing'), '--patient', 'NO-SUCH'], home)
    check(r.returncode == 1 and not os.path.exists(os.path.join(home, 'nd-missing')),
          'nor with --ndjson', r.stderr)
    r = run(['-d', db, '--export-fhir', first, '--patient', 'NO-SUCH'], home)
    check(read_bytes(first) == read_bytes(second), 'an existing file is left as it was')

finish()
