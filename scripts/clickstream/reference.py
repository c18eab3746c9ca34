#!/usr/bin/env python3
"""An independent reading of the P rules (docs/rules.md), in exact fractions, to hold Hourbook's
exports against on playback-only data folders (such as generate.py writes).

It shares no code with Hourbook: its own CSV reading (Python's csv), its own timestamp and
decimal parsing (positions cut at the millisecond, rates as exact Fractions of their digits),
de-duplication by event_id on values, the row checks in order, one-thing-at-a-time, and the 60 %
union rule. It then compares, per (learner, year, category), its credited hours with
SITE/exports/hours.csv, and the count of ledger entries per rule with SITE/exports/ledger.jsonl.

usage: reference.py DATA SITE      exit 0 when both agree, 1 otherwise (differences printed)
Limits: no caps, no filings or check-ins, every learner active (what generate.py writes).
"""
import csv
import datetime as dt
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from fractions import Fraction

TZ = dt.timezone(dt.timedelta(hours=8))
STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})?$")
SECONDS = re.compile(r"^(\d*)(?:\.(\d+))?$")
RATE = re.compile(r"^[+-]?(\d+(\.\d+)?|\.\d+)$")


def instant_ms(text):
    m = STAMP.match(text)
    if not m:
        return None
    y, mo, d, h, mi, s, frac, off = m.groups()
    ms = int((frac or "0")[:3].ljust(3, "0"))
    if off in (None,):
        tz = TZ
    elif off in ("Z", "z"):
        tz = dt.timezone.utc
    else:
        sign = -1 if off[0] == "-" else 1
        tz = dt.timezone(sign * dt.timedelta(hours=int(off[1:3]), minutes=int(off[4:6])))
    moment = dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=tz)
    return int(moment.timestamp()) * 1000 + ms


def seconds_ms(text):
    m = SECONDS.match(text)
    if not m or (m.group(1) == "" and m.group(2) is None):
        return None
    whole, frac = m.group(1) or "0", (m.group(2) or "")
    return int(whole) * 1000 + int(frac[:3].ljust(3, "0"))


def local_date(ms):
    return dt.datetime.fromtimestamp(ms // 1000, TZ).date()


def code_points(text):
    return [ord(c) for c in text]


def main():
    data, site = sys.argv[1], sys.argv[2]
    roster = {row["learner_id"].strip() for row in csv.DictReader(open(os.path.join(data, "learners.csv"), encoding="utf-8-sig"))}
    chapters = {}
    for course in ET.parse(os.path.join(data, "catalog.xml")).getroot().iter("course"):
        for chapter in course.iter("chapter"):
            duration = seconds_ms(chapter.get("duration").strip())
            hours = Fraction(chapter.get("hours").strip())
            chapters[chapter.get("id").strip()] = (course.get("id").strip(), duration, hours, course.get("category").strip())

    seen = {}
    rows = []
    rules = Counter()
    for path in sorted(glob.glob(os.path.join(data, "playback", "*.csv")), key=lambda p: os.path.basename(p).encode()):
        for record in csv.DictReader(open(path, encoding="utf-8-sig", newline="")):
            r = {k.strip().lower(): (v or "").strip() for k, v in record.items()}
            started, ended = instant_ms(r["started_at"]), instant_ms(r["ended_at"])
            pf, pt = seconds_ms(r["pos_from"]), seconds_ms(r["pos_to"])
            rate_text = r.get("rate", "") or "1"
            if None in (started, ended, pf, pt) or not RATE.match(rate_text):
                continue  # a row error: not used, claims no id
            rate = Fraction(rate_text.lstrip("+"))
            values = (r["learner_id"], r["course_id"], r["chapter_id"], r["session_id"], started, ended, pf, pt, rate,
                      r.get("client", "").lower())
            event = r["event_id"]
            if event in seen:
                continue  # an exact duplicate is dropped; a conflict is an error for the later row
            seen[event] = values
            rows.append((event,) + values)

    accepted = defaultdict(list)
    for event, learner, course, chapter, session, started, ended, pf, pt, rate, _ in rows:
        known = chapters.get(chapter)
        if learner not in roster:
            rule = "P-UNKNOWN-LEARNER"
        elif known is None or known[0] != course:
            rule = "P-UNKNOWN-CHAPTER"
        elif ended < started:
            rule = "P-BAD-TIME"
        elif pt < pf:
            rule = "P-BAD-POSITION"
        elif rate <= 0 or rate > 2:
            rule = "P-RATE"
        elif Fraction(pt - pf) / rate > (ended - started) + 30_000:
            rule = "P-IMPLAUSIBLE"
        else:
            accepted[learner].append((started, event, ended, session, chapter, pf, pt))
            continue
        rules[rule] += 1

    credits = defaultdict(Fraction)
    for learner, items in accepted.items():
        kept = []
        for started, event, ended, session, chapter, pf, pt in sorted(items, key=lambda x: (x[0], code_points(x[1]))):
            if any(a[0] < ended and started < a[2] and a[3] != session for a in kept):
                rules["P-CONCURRENT"] += 1
                continue
            kept.append((started, event, ended, session, chapter, pf, pt))
        by_chapter = defaultdict(list)
        for item in kept:
            by_chapter[item[4]].append(item)
        for chapter, items in by_chapter.items():
            course, duration, hours, category = chapters[chapter]
            intervals = []
            credited = False
            for started, event, ended, session, _, pf, pt in sorted(items, key=lambda x: (x[2], code_points(x[1]))):
                a, b = max(0, min(pf, duration)), max(0, min(pt, duration))
                if b > a:
                    intervals.append((a, b))
                covered = union_length(intervals)
                if covered * 100 >= 60 * duration:
                    year = local_date(ended).year
                    credits[(learner, year, category)] += hours
                    rules["P-CHAPTER"] += 1
                    credited = True
                    break
            if not credited:
                rules["P-INCOMPLETE"] += 1

    ours = {}
    for row in csv.DictReader(open(os.path.join(site, "exports", "hours.csv"), encoding="utf-8-sig")):
        ours[(row["learner_id"], int(row["year"]), row["category_id"])] = Fraction(row["hours"])
    theirs = {k: v for k, v in credits.items() if v != 0}
    ledger = Counter(json.loads(line)["rule"] for line in open(os.path.join(site, "exports", "ledger.jsonl"), encoding="utf-8"))
    problems = 0
    for key in sorted(set(ours) | set(theirs)):
        if ours.get(key) != theirs.get(key):
            problems += 1
            if problems <= 20:
                print("hours differ", key, "hourbook", ours.get(key), "reference", theirs.get(key))
    for rule in sorted(set(ledger) | set(rules)):
        if ledger.get(rule, 0) != rules.get(rule, 0):
            problems += 1
            print("entries differ", rule, "hourbook", ledger.get(rule, 0), "reference", rules.get(rule, 0))
    print("reference: %d playback rows used, %d learner-category rows, entries %s; %s" % (
        len(rows), len(theirs), dict(sorted(rules.items())), "AGREES" if problems == 0 else "%d DIFFERENCES" % problems))
    sys.exit(0 if problems == 0 else 1)


def union_length(intervals):
    total, end = 0, None
    for a, b in sorted(intervals):
        if end is None or a > end:
            total += b - a
            end = b
        elif b > end:
            total += b - end
            end = b
    return total


if __name__ == "__main__":
    main()
