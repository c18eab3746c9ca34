#!/usr/bin/env python3
"""Checks `hourbook bundles` output independently of Hourbook's own code.

    scripts/check-bundles.py DATA OUT [--names]

For each bundle of OUT/bundles.csv (level 1: one per department without a parent): the learner
count must equal the roster learners of that department's subtree (as this script reads
learners.csv and departments.csv), with one archive page each; and no byte of the bundle —
entry names, every entry, the entries of the evidence zips inside — may hold the id of a learner
of another unit. Ids are found with the pattern L followed by digits (the demo's ids). With
--names, also every *distinctive* name of another unit (a name held in one unit only, not inside
another learner's name, not in the catalog, filings, settings or departments) in any run of
Chinese text. Exit 1 on any finding.
"""
import collections, csv, io, re, sys, zipfile

data, out = sys.argv[1], sys.argv[2]
check_names = '--names' in sys.argv[3:]


def read(name):
    return list(csv.DictReader(open(f'{data}/{name}', encoding='utf-8-sig')))


parent = {r['dept_id']: r['parent_id'] for r in read('departments.csv')}


def unit(department):
    seen = set()
    while parent.get(department) and department not in seen:
        seen.add(department)
        department = parent[department]
    return department


roster = [r for r in read('learners.csv') if r['dept_id'] in parent]
unit_of = {r['learner_id']: unit(r['dept_id']) for r in roster}

distinct = {}
if check_names:
    units_of = collections.defaultdict(set)
    for r in roster:
        units_of[r['name']].add(unit(r['dept_id']))
    inputs = ''
    for name in ['catalog.xml', 'filings.xml', 'hourbook.yaml', 'departments.csv']:
        try:
            inputs += open(f'{data}/{name}', encoding='utf-8').read()
        except OSError:
            pass
    by_length = collections.defaultdict(set)
    for n in units_of:
        by_length[len(n)].add(n)
    inside_other = {n[i:i + k] for n in units_of for k in range(1, len(n)) for i in range(len(n) - k + 1)
                    if n[i:i + k] in by_length[k]}
    distinct = {n: next(iter(u)) for n, u in units_of.items()
                if len(u) == 1 and n not in inside_other and n not in inputs}
lengths = sorted({len(n) for n in distinct})
ids = re.compile(rb'L\d+')
cjk = re.compile('[\u3400-\u9fff]+')


def entries(archive):
    for info in archive.infolist():
        contents = archive.read(info)
        yield info.filename, contents
        if info.filename.endswith('.zip'):
            yield from entries(zipfile.ZipFile(io.BytesIO(contents)))


findings = files = size = 0
bundles = list(csv.DictReader(open(f'{out}/bundles.csv', encoding='utf-8-sig')))
for bundle in bundles:
    department = bundle['department']
    expected = sum(1 for u in unit_of.values() if u == department)
    pages = 0
    for name, contents in entries(zipfile.ZipFile(f"{out}/{bundle['file']}")):
        files += 1
        size += len(contents)
        if name.count('/') == 2 and '/learners/' in name and name.endswith('.html'):
            pages += 1
        for match in set(ids.findall(name.encode() + b'\0' + contents)):
            other = unit_of.get(match.decode())
            if other is not None and other != department:
                findings += 1
                print(f'{bundle["file"]}!{name}: id {match.decode()} of {other}')
        if distinct:
            text = name + '\0' + contents.decode('utf-8', 'ignore')
            for run in cjk.findall(text):
                for k in lengths:
                    for i in range(len(run) - k + 1):
                        other = distinct.get(run[i:i + k])
                        if other is not None and other != department:
                            findings += 1
                            print(f'{bundle["file"]}!{name}: name {run[i:i + k]} of {other}')
    if int(bundle['learners']) != expected or pages != expected:
        findings += 1
        print(f'{bundle["file"]}: {bundle["learners"]} learners listed, {pages} archive pages, {expected} expected')
print(f'{len(bundles)} bundles, {files} files, {size} bytes scanned; {len(unit_of)} learners, '
      f'{len(distinct)} distinctive names; {findings} findings')
sys.exit(1 if findings else 0)
