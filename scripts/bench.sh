#!/usr/bin/env bash
# Benchmark: the 100,000-learner organisation (about 10 million playback rows), with the peers a
# user could pick instead timed in the same run on the same data:
#   - DuckDB (2 threads) computing chapter coverage from the playback logs (scripts/peers/),
#     the peer of import + rules;
#   - Info-ZIP `zip` packing the same contents as the evidence archives, one after another,
#     the peer of the evidence stage.
# Builds release, generates bench-out/org once (seed 7, or ORG=path for another organisation),
# then prints and appends to bench-out/results.txt: each command's wall time and peak memory,
# the build's stages, and the ratios against the peers.
# Needs: python3 with venv (DuckDB is installed from PyPI into bench-out/venv on first use), zip, unzip.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product hourbook
bin=.build/release/hourbook
mkdir -p bench-out
results=bench-out/results.txt
org=${ORG:-bench-out/org}

if [ ! -d "$org" ]; then
    echo "generating $org (100,000 learners, seed 7)…"
    /usr/bin/time -v "$bin" demo-data "$org" --learners 100000 --seed 7 2> bench-out/generate.time
fi
if [ ! -x bench-out/venv/bin/python ]; then
    python3 -m venv bench-out/venv
    bench-out/venv/bin/pip install --quiet duckdb
fi

# Data rows of the playback logs (headers excluded).
rows=0
for file in "$org"/playback/*.csv; do
    rows=$((rows + $(wc -l < "$file") - 1))
done

# Runs one command under /usr/bin/time -v; records its wall time (seconds) in $seconds.
measure() {
    local label=$1; shift
    local log=bench-out/$label.time
    local status=0
    # The previous command's output (7.5 GB for a build) is written back before this one
    # starts: writeback during the import made it vary from 14 to 31 s.
    sync
    /usr/bin/time -v "$@" > bench-out/$label.out 2> "$log" || status=$?
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    # h:mm:ss or m:ss(.ss) → seconds
    seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<< "$wall")
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(git rev-parse --short HEAD) $label exit=$status wall=${seconds}s maxrss=$((rss / 1024))MiB" | tee -a "$results"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# Every command that reads the organisation reads it from the page cache: the first one would
# otherwise pay for the disk alone (validate took 40 s cold against 14 s warm). This machine's
# kernel pages out cold memory on its own (a DAMON scheme), so it is warmed before each of them.
warm() { find "$org" -type f -exec cat {} + > /dev/null; }

# The previous run's site (8.4 GB, 104,000 files) is deleted first, and the build starts at
# least 65 s later. This machine's ext4 has no journal, and there the kernel will not hand out an
# inode freed less than 60 s before (`recently_deleted` in fs/ext4/ialloc.c): creating 100,000
# files right after deleting 100,000 scanned the freed ones each time, 10 % of the site stage's
# CPU in a profile. A user's build replaces the previous output at its end (`publish`), so the
# next one, after a correction, does not meet this.
# Counted from the end of the deletion: removing 104,000 files takes seconds itself.
rm -rf bench-out/site
deleted_at=$(date +%s)

warm
measure validate "$bin" validate "$org"
validate_s=$seconds
echo "  playback rows: $rows, $(awk -v r="$rows" -v s="$validate_s" 'BEGIN { printf "%.0f", r / s }') rows/s" | tee -a "$results"

wait_s=$((deleted_at + 65 - $(date +%s)))
if [ "$wait_s" -gt 0 ]; then sleep "$wait_s"; fi
warm
measure build "$bin" build "$org" --out bench-out/site --quiet --timings
build_s=$seconds
# Stage wall times of the build, in milliseconds.
stage() { sed -n "s/^hourbook: $1 \([0-9]*\) ms$/\1/p" bench-out/build.time; }
grep '^hourbook: [a-z]* [0-9]* ms$' bench-out/build.time | sed 's/^hourbook: /  /' | tee -a "$results"
import_rules_s=$(awk -v a="$(stage import)" -v b="$(stage rules)" 'BEGIN { print (a + b) / 1000 }')
site_s=$(awk -v a="$(stage site)" 'BEGIN { print a / 1000 }')
evidence_s=$(awk -v a="$(stage evidence)" 'BEGIN { print a / 1000 }')
pages=$(find bench-out/site -name '*.html' | wc -l)
echo "  site: $pages pages, $(awk -v p="$pages" -v s="$site_s" 'BEGIN { printf "%.0f", p / s }') pages/s" | tee -a "$results"

# Peer 1: DuckDB on the playback logs.
warm
measure duckdb bench-out/venv/bin/python scripts/peers/duckdb_playback.py "$org"
duckdb_s=$seconds

# Peer 2: zip of the evidence archives' contents, one archive after another.
rm -rf bench-out/unpacked bench-out/zipped
mkdir -p bench-out/unpacked bench-out/zipped
archives=$(cd bench-out/site/evidence && find . -name '*.zip' | sort)
for archive in $archives; do
    dir="bench-out/unpacked/${archive%.zip}"
    mkdir -p "$dir"
    unzip -q "bench-out/site/evidence/$archive" -d "$dir"
done
zip_all() {
    for archive in $archives; do
        local name=${archive//\//_}
        (cd "bench-out/unpacked/${archive%.zip}" && zip -qr -n .pdf:.jpg:.jpeg:.png:.zip "$OLDPWD/bench-out/zipped/$name" .)
    done
}
export -f zip_all
export archives
measure zip bash -c zip_all
zip_s=$seconds

{
    echo "  ratios: import+rules ${import_rules_s}s / DuckDB ${duckdb_s}s = $(ratio "$import_rules_s" "$duckdb_s") (aim ≤ 0.5)"
    echo "          evidence ${evidence_s}s / zip one after another ${zip_s}s = $(ratio "$evidence_s" "$zip_s") (aim ≤ 0.6)"
    echo "          build ${build_s}s (aim ≤ 45 s), validate ${validate_s}s (aim ≤ 8 s)"
} | tee -a "$results"
