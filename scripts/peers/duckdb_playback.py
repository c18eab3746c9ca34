#!/usr/bin/env python3
"""Performance peer: what an analyst would do instead, in DuckDB (2 threads).

Reads a data folder's catalog and playback/*.csv, de-duplicates by event_id, applies the row checks
(unknown chapter, bad time, bad position, rate, implausible), clips intervals to the chapter,
unions them per (learner, chapter) with gaps-and-islands, and credits chapters whose final coverage
reaches 60 %. It does LESS than the P rules of docs/rules.md (no concurrency rule, no crossing-row dating, no ledger),
so a side-by-side ratio against it flatters the peer, not us.
usage: duckdb_playback.py DATADIR   (prints credited chapter count and hours; time it from outside)"""
import sys, os, glob, xml.etree.ElementTree as ET
import duckdb

data = sys.argv[1]
rows = []
for course in ET.parse(os.path.join(data, 'catalog.xml')).getroot().iter('course'):
    for ch in course.iter('chapter'):
        rows.append((ch.get('id').strip(), course.get('id').strip(),
                     int(round(float(ch.get('duration')) * 1000)), float(ch.get('hours'))))
con = duckdb.connect()
con.execute("SET threads=2")
con.execute("CREATE TABLE chapters(chapter_id VARCHAR, course_id VARCHAR, duration_ms BIGINT, hours DOUBLE)")
con.executemany("INSERT INTO chapters VALUES (?,?,?,?)", rows)
files = sorted(glob.glob(os.path.join(data, 'playback', '*.csv')))
con.execute(f"""
CREATE TABLE raw AS SELECT * FROM read_csv({files!r}, header=true, all_varchar=true, union_by_name=true,
                                         normalize_names=true)""")
q = """
WITH d AS (
  SELECT trim(event_id) event_id, trim(learner_id) learner_id, trim(course_id) course_id,
         trim(chapter_id) chapter_id,
         try_cast(trim(started_at) AS TIMESTAMPTZ) s, try_cast(trim(ended_at) AS TIMESTAMPTZ) e,
         try_cast(trim(pos_from) AS DECIMAL(18,3)) pf, try_cast(trim(pos_to) AS DECIMAL(18,3)) pt,
         coalesce(try_cast(nullif(trim(rate),'') AS DOUBLE), 1.0) rate,
         row_number() OVER (PARTITION BY trim(event_id)) rn
  FROM raw),
ok AS (
  SELECT d.learner_id, d.chapter_id, c.duration_ms, c.hours AS hrs, d.e,
         greatest(0, least(c.duration_ms, CAST(d.pf*1000 AS BIGINT))) a,
         greatest(0, least(c.duration_ms, CAST(d.pt*1000 AS BIGINT))) b
  FROM d JOIN chapters c ON c.chapter_id = d.chapter_id AND c.course_id = d.course_id
  WHERE rn = 1 AND d.s IS NOT NULL AND d.e IS NOT NULL AND d.e >= d.s AND d.pt >= d.pf
    AND d.rate > 0 AND d.rate <= 2.0
    AND (d.pt - d.pf) / d.rate <= epoch(d.e) - epoch(d.s) + 30),
marked AS (
  SELECT *, max(b) OVER (PARTITION BY learner_id, chapter_id ORDER BY a, b
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) prev_end
  FROM ok WHERE b > a),
islands AS (
  SELECT *, sum(CASE WHEN prev_end IS NULL OR a > prev_end THEN 1 ELSE 0 END)
            OVER (PARTITION BY learner_id, chapter_id ORDER BY a, b) island
  FROM marked),
cov AS (
  SELECT learner_id, chapter_id, any_value(duration_ms) dur, any_value(hrs) AS hrs, max(e) AS last_e,
         sum(len) covered FROM (
    SELECT learner_id, chapter_id, island, any_value(duration_ms) AS duration_ms, any_value(hrs) AS hrs,
           max(e) e, max(b) - min(a) len FROM islands GROUP BY ALL) GROUP BY learner_id, chapter_id)
SELECT count(*), sum(hrs) FROM cov WHERE covered * 100 >= 60 * dur
"""
n, h = con.execute(q).fetchone()
print(f"duckdb peer: {n} chapters credited, {h:.2f} hours, {len(files)} playback files")
