#!/bin/sh
# Renders a few pages of a built site in headless Chromium at desktop and phone widths, for
# a person to look at (not run in CI). Usage: scripts/screenshots.sh [SITE_DIR] [OUT_DIR]
#   SITE_DIR  a written site (default: the test fixture, written by the golden test into
#             /tmp/fixture-site via HOURBOOK_FIXTURE_SITE)
#   OUT_DIR   where the PNGs go (default /tmp/screens)
# Needs chromium and a CJK font (apt-get update && apt-get install -y chromium fonts-wqy-zenhei).
# With chromium-driver, poppler-utils and Selenium (pip install selenium) it then runs
# scripts/browser-check.py: search for every key spanning a shard boundary, keyboard, year,
# sideways overflow at 1280 and 375 px, printed page counts; exit status 1 if one fails.
set -eu
cd "$(dirname "$0")/.."
SITE="${1:-/tmp/fixture-site}"
OUT="${2:-/tmp/screens}"
if [ ! -f "$SITE/index.html" ]; then
    if [ "$SITE" = /tmp/fixture-site ]; then
        HOURBOOK_FIXTURE_SITE=/tmp/fixture-site swift test --scratch-path .build-site \
            --filter 'GoldenPages/indexDepartmentAndLearnerMatchTheirGoldenFiles' >/dev/null
    else
        echo "no site at $SITE" >&2; exit 1
    fi
fi
SITE="$(cd "$SITE" && pwd)"
mkdir -p "$OUT"
# The first department page and learner page in name order, plus the fixed pages.
DEPT="$(find "$SITE/departments" -name '*.html' | sort | tail -n 1)"
LEARNER="$(find "$SITE/learners" -name 'l001-*.html' | head -n 1)"
[ -n "$LEARNER" ] || LEARNER="$(find "$SITE/learners" -name '*.html' | sort | head -n 1)"
shoot() { # name file size
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files \
        --screenshot="$OUT/$1-$3.png" --window-size="$3" "file://$2" >/dev/null 2>&1
    echo "$OUT/$1-$3.png"
}
for size in 1280,900 375,800; do
    shoot index "$SITE/index.html" "$size"
    shoot department "$DEPT" "$size"
    shoot learner "$LEARNER" "$size"
    shoot diagnostics "$SITE/diagnostics.html" "$size"
done
# The archive as it prints (学时证明).
chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$OUT/learner-print.pdf" --no-pdf-header-footer \
    "file://$LEARNER" >/dev/null 2>&1 && echo "$OUT/learner-print.pdf"
if command -v chromedriver >/dev/null && command -v pdfinfo >/dev/null && python3 -c 'import selenium' 2>/dev/null; then
    python3 scripts/browser-check.py "$SITE" "$OUT"
fi
