#!/usr/bin/env bash
# Fuzzing: libFuzzer targets for the readers of untrusted input (docs/fuzzing.md). Not in CI.
#
#   scripts/fuzz.sh build                 build the four targets (release, -sanitize=fuzzer,address)
#   scripts/fuzz.sh run TARGET [SECONDS]  fuzz one target (csv, xml, settings, verifier), 600 s by default
#   scripts/fuzz.sh all [SECONDS]         every target in turn, one at a time
#   scripts/fuzz.sh repro TARGET FILE…    run the target once on each FILE (a crash input), no fuzzing
#
# How it is built: the targets are a separate SwiftPM package in Fuzz/ that depends on the root
# package by path, so `swift test` at the root never sees them. Each target is an executable
# with `@_cdecl("LLVMFuzzerTestOneInput")` and no `main` (libFuzzer's is linked in), built with
#   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing
# (Swift 6.3.1, Linux). -sanitize=fuzzer instruments the Swift code for coverage and links
# libFuzzer; address adds ASan, since the CSV reader and the interners work on unsafe pointers;
# -enable-testing lets the targets `@testable import HourbookImport` and call the importer's
# own internal entry points (the decoders, the playback parser) instead of a public wrapper.
# C code (libxml2, libyaml in Yams, BoringSSL) is not instrumented.
#
# Fuzz/Package.swift says tools version 5.4: from 5.5 on, SwiftPM renames an executable's main
# and links with --defsym main=<Target>_main, which fails for a target whose main is libFuzzer's.
#
# One fuzzing process at a time, one worker (-fork=1, see run()): the machine is shared.
# The seeds are Fuzz/corpus/TARGET (committed, small; Fuzz/make-seeds.py remakes them from data/)
# and Fuzz/regressions/TARGET (every crash input found so far). What a run adds goes to
# Fuzz/.work/ (not committed): the grown corpus, crash artifacts and the log with libFuzzer's
# final statistics.
set -euo pipefail
cd "$(dirname "$0")/.."

binary() {
    case "$1" in
        csv) echo Fuzz/.build/release/FuzzCSV ;;
        xml) echo Fuzz/.build/release/FuzzXML ;;
        settings) echo Fuzz/.build/release/FuzzSettings ;;
        verifier) echo Fuzz/.build/release/FuzzVerifier ;;
        *) echo "unknown target '$1' (csv, xml, settings, verifier)" >&2; exit 64 ;;
    esac
}

build() {
    (cd Fuzz && swift build -c release \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing)
}

run() {
    local target=$1 seconds=${2:-600}
    local bin
    bin=$(binary "$target")
    [ -x "$bin" ] || build
    local work=Fuzz/.work
    mkdir -p "$work/corpus/$target" "$work/artifacts/$target" "$work/logs" "Fuzz/regressions/$target"
    local stamp
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    local log="$work/logs/$target-$stamp.log"
    echo "fuzzing $target for $seconds s; log: $log"
    # One fuzzing process at a time: -fork=1 runs one child after another, and goes on past a
    # crash, a hang or an out-of-memory (each is written to the artifacts folder), so that one run
    # of the full length finds all it can. (-workers=1 -jobs=1 also runs one process, but stops at
    # the first crash and writes its output to ./fuzz-0.log.) The first corpus folder receives new
    # inputs; the committed seeds and regressions are only read. -timeout=10: an input that takes
    # over 10 s is a hang; -rss_limit_mb: a runaway allocation. SWIFT_BACKTRACE=enable=no leaves
    # crash reports to libFuzzer and ASan (the Swift backtracer trips ASan). detect_leaks=0 (also for
    # the fork-mode children, hence ASAN_OPTIONS): the leak checker flags every input of the
    # verifier (Foundation's one-time allocations); a leak
    # is not what these runs look for.
    # A dictionary of tokens (Fuzz/dictionaries/TARGET.dict) lets mutations reach long numbers and
    # keywords that bit flips rarely build.
    local dictionary=()
    [ -f "Fuzz/dictionaries/$target.dict" ] && dictionary=(-dict="Fuzz/dictionaries/$target.dict")
    ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no "$bin" "${dictionary[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -detect_leaks=0 \
        -artifact_prefix="$work/artifacts/$target/$stamp-" \
        "$work/corpus/$target" "Fuzz/corpus/$target" "Fuzz/regressions/$target" > "$log" 2>&1 || true
    echo "crashes, hangs and out-of-memory inputs found:"
    grep -E 'SUMMARY|Test unit written|^==.*ERROR' "$log" | sort | uniq -c || true
    echo "final statistics (executions, coverage, features):"
    grep -E '^#[0-9]+: cov:|INFO: fuzzed for|INFO: exiting' "$log" | tail -3 || true
    echo "artifacts of this run:"
    ls -l "$work/artifacts/$target" | grep -F -- "$stamp-" || echo "  none"
}

case "${1:-}" in
    build) build ;;
    run) [ $# -ge 2 ] || { echo "usage: $0 run TARGET [SECONDS]" >&2; exit 64; }; run "$2" "${3:-600}" ;;
    all) for target in csv xml settings verifier; do run "$target" "${2:-600}"; done ;;
    repro)
        [ $# -ge 3 ] || { echo "usage: $0 repro TARGET FILE…" >&2; exit 64; }
        bin=$(binary "$2"); shift 2
        [ -x "$bin" ] || build
        ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no "$bin" -timeout=10 -runs=1 "$@"
        ;;
    *) sed -n '2,7p' "$0"; exit 64 ;;
esac
