#!/usr/bin/env python3
"""A real-shaped video clickstream, written as an Hourbook data folder.

What an HTML5 player logs: `currentTime` is a binary double, `playbackRate` a float32 on many
players (1.2 is logged as 1.20000004768), instants come from Date.toISOString() (UTC, ms) or
from a server clock with microseconds. Viewers pause, seek back and forward, change speed
mid-chapter, open a second tab, and a few scripts fake progress. Nothing here is rounded to
suit Hourbook: positions are printed with the player's digits.

usage: generate.py OUT [--learners N] [--seed S]
Then: hourbook build OUT --out SITE, and scripts/clickstream/reference.py OUT SITE compares
Hourbook's hours.csv with an independent reading of the P rules (exact fractions).
"""
import argparse
import datetime as dt
import os
import random
import struct

RATES = [1.0, 1.0, 1.0, 1.25, 1.5, 2.0, 0.75, 1.2, 1.1, 1.75]


def float32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def rate_text(rate, rng):
    """As players print it: float32 widened to double, in one of three common spellings."""
    wide = float32(rate)
    style = rng.random()
    if style < 0.4:
        return "%.12g" % wide  # 1.20000004768
    if style < 0.7:
        return repr(wide)  # 1.2000000476837158
    if style < 0.8:
        return "%.20f" % wide  # 1.20000004768371582031
    return repr(rate)  # 1.2 (a player that keeps doubles)


def position_text(position, rng):
    if rng.random() < 0.6:
        return "%.9f" % position
    return repr(position)


def instant_text(moment, rng):
    utc = moment.astimezone(dt.timezone.utc)
    if rng.random() < 0.7:
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (utc.microsecond // 1000)
    # A server clock: local time with microseconds and an offset.
    local = moment.astimezone(dt.timezone(dt.timedelta(hours=8)))
    return local.strftime("%Y-%m-%dT%H:%M:%S.%f+08:00")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--learners", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2012)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "playback"), exist_ok=False)

    with open(os.path.join(args.out, "departments.csv"), "w") as f:
        f.write("dept_id,name,parent_id\nD1,在线课程学员,\n")
    learners = ["U%05d" % n for n in range(1, args.learners + 1)]
    with open(os.path.join(args.out, "learners.csv"), "w") as f:
        f.write("learner_id,name,dept_id\n")
        for n, learner in enumerate(learners):
            f.write("%s,学员%d,D1\n" % (learner, n))

    # Eleven lectures of two chapters, durations with a player's fractions.
    chapters = []
    with open(os.path.join(args.out, "catalog.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<catalog>\n')
        for lecture in range(1, 12):
            course = "LEC%02d" % lecture
            f.write('  <course id="%s" title="第%d讲" category="platform-online">\n' % (course, lecture))
            for part in (1, 2):
                duration = round(rng.uniform(420, 1500), rng.choice([0, 1, 3, 6]))
                chapter = "%s-%d" % (course, part)
                hours = rng.choice(["0.25", "0.5"])
                f.write('    <chapter id="%s" duration="%s" hours="%s"/>\n' % (chapter, duration, hours))
                chapters.append((course, chapter, float(duration)))
            f.write("  </course>\n")
        f.write("</catalog>\n")

    header = "event_id,learner_id,course_id,chapter_id,session_id,started_at,ended_at,pos_from,pos_to,rate,client\n"
    files = {}
    event = 0
    start_day = dt.datetime(2012, 10, 1, 9, 0, tzinfo=dt.timezone.utc)
    for learner in learners:
        clock = start_day + dt.timedelta(days=rng.randint(0, 80), hours=rng.randint(0, 12))
        session_number = 0
        for course, chapter, duration in rng.sample(chapters, rng.randint(1, 8)):
            session_number += 1
            session = "%s-t%d" % (learner, session_number)
            position = 0.0
            rate = 1.0
            for _ in range(rng.randint(1, 9)):
                if position >= duration - 1:
                    break  # the video has ended
                behaviour = rng.random()
                if behaviour < 0.15:  # seek back
                    position = max(0.0, position - rng.uniform(5, 200))
                elif behaviour < 0.25:  # seek forward
                    position = min(duration, position + rng.uniform(5, 300))
                if rng.random() < 0.3:
                    rate = rng.choice(RATES)
                wall = rng.uniform(3, 420)
                start = clock
                end = clock + dt.timedelta(seconds=wall)
                advance = wall * float32(rate)
                pos_from = position
                pos_to = min(duration + rng.uniform(0, 0.4), position + advance)
                rate_logged = rate_text(rate, rng)
                if rng.random() < 0.01:  # a script fakes progress: far more video than time
                    pos_to = pos_from + wall * 3.7
                if rng.random() < 0.005:  # a hacked client claims a speed above 2×
                    rate_logged = "%.12g" % float32(2.0000003)
                event += 1
                month = start.strftime("%Y-%m")
                row = [
                    "ev%07d" % event, learner, course, chapter, session, instant_text(start, rng),
                    instant_text(end, rng), position_text(pos_from, rng), position_text(pos_to, rng), rate_logged,
                    rng.choice(["pc", "app"]),
                ]
                files.setdefault(month, []).append(",".join(row))
                position = pos_to
                # Pause, or sometimes a second tab that overlaps this one.
                if rng.random() < 0.05:
                    clock = start + dt.timedelta(seconds=wall / 2)
                    session_number += 1
                    session = "%s-t%d" % (learner, session_number)
                else:
                    clock = end + dt.timedelta(seconds=rng.uniform(0, 3600))
            clock += dt.timedelta(hours=rng.uniform(1, 72))
    for month, rows in sorted(files.items()):
        with open(os.path.join(args.out, "playback", month + ".csv"), "w") as f:
            f.write(header)
            f.write("\n".join(rows) + "\n")
    # The same month exported twice by another export tool: columns in another order,
    # positions with more digits (the same milliseconds), rates written with trailing zeros.
    first = sorted(files)[0]
    with open(os.path.join(args.out, "playback", first + "-export2.csv"), "w") as f:
        f.write("event_id,started_at,ended_at,learner_id,chapter_id,course_id,session_id,pos_from,pos_to,client,rate\n")
        for line in files[first][: len(files[first]) // 2]:
            e, l, c, ch, s, a, b, pf, pt, r, cl = line.split(",")
            f.write(",".join([e, a, b, l, ch, c, s, pf + ("0" if "." in pf else ""), pt, cl, r + ("0" if "." in r else ".0")]) + "\n")
    print("wrote %s: %d learners, %d playback rows" % (args.out, len(learners), event))


if __name__ == "__main__":
    main()
