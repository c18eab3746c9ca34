#!/usr/bin/env bash
# Benchmark: the 100,000-learner organisation (about 10 million playback rows).
# Builds release, generates bench-out/org once (seed 7), then times `validate` and `build`
# with /usr/bin/time -v; results are appended to bench-out/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release
bin=.build/release/hourbook
mkdir -p bench-out
results=bench-out/results.txt

if [ ! -d bench-out/org ]; then
    echo "generating bench-out/org (100,000 learners, seed 7)…"
    /usr/bin/time -v "$bin" demo-data bench-out/org --learners 100000 --seed 7 2> bench-out/generate.time
fi

# Data rows of the playback logs (headers excluded).
rows=0
for file in bench-out/org/playback/*.csv; do
    rows=$((rows + $(wc -l < "$file") - 1))
done

# Runs one command under /usr/bin/time -v; prints and records wall time and peak memory.
measure() {
    local label=$1; shift
    local log=bench-out/$label.time
    local status=0
    /usr/bin/time -v "$@" > bench-out/$label.out 2> "$log" || status=$?
    local wall rss seconds
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    # h:mm:ss or m:ss(.ss) → seconds
    seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<< "$wall")
    local line="$(date -u +%Y-%m-%dT%H:%M:%SZ) $(git rev-parse --short HEAD) $label exit=$status wall=${wall} (${seconds}s) maxrss=$((rss / 1024))MiB"
    if [ "$label" = validate ]; then
        line+=" rows=$rows rows/s=$(awk -v r="$rows" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.0f", r / s; else print "n/a" }')"
    fi
    echo "$line" | tee -a "$results"
}

measure validate "$bin" validate bench-out/org
rm -rf bench-out/site
measure build "$bin" build bench-out/org --out bench-out/site --quiet --timings
# Stage wall times of the build (import, rules, exports, site, evidence, publish).
grep '^hourbook: ' bench-out/build.time | sed 's/^hourbook: /  /' | tee -a "$results"
