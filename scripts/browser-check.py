#!/usr/bin/env python3
"""Checks a built site in headless Chromium, as a person would use it (not run in CI).

    scripts/browser-check.py SITE_DIR [OUT_DIR]

- search: every learner name that spans a shard boundary of the index is typed into the
  search box; every holder of it must be listed (read from the shard files here);
  the given name and pinyin initials of a sample must find their holders too;
- keyboard: ArrowDown + Enter opens the first result's page;
- year: a department found from an older year's page opens that year's page;
- screenshots of the index, the largest department page, a learner and the diagnostics at
  1280 and 375 px (full page), and pages whose width exceeds the window are reported;
- print: learner archives printed with --print-to-pdf (A4), pages counted with pdfinfo, pages
  holding almost no text reported, page 1 of each rendered to PNG.

Needs: apt-get install -y chromium chromium-driver fonts-wqy-zenhei poppler-utils;
pip install selenium. Exit status 1 when a check fails.
"""
import glob
import json
import os
import random
import re
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

SITE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "/tmp/fixture-site")
OUT = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "/tmp/screens")
os.makedirs(OUT, exist_ok=True)
failures = []


def fail(message):
    failures.append(message)
    print("FAIL", message)


def load_js(path, open_char, close_char):
    text = open(path, encoding="utf-8").read()
    return json.loads(text[text.index(open_char):text.rindex(close_char) + 1])


manifest = load_js(os.path.join(SITE, "search/index.js"), "{", "}")
shards = [load_js(os.path.join(SITE, "search/%d.js" % i), "[", "]") for i in range(len(manifest["shards"]))]
holders = {}  # key -> set of learner ids
names = {}  # learner id -> name
for shard in shards:
    for row in shard:
        if row[1] == "l":
            holders.setdefault(row[0], set()).add(row[3])
            names[row[3]] = row[2]
# Keys that span a shard boundary, and of those the learners' full names.
boundary = set()
for i in range(1, len(shards)):
    if shards[i] and shards[i - 1] and shards[i][0][0] == shards[i - 1][-1][0]:
        boundary.add(shards[i][0][0])
boundary_names = sorted(k for k in boundary if k in set(names.values()))
print("%d shards, %d learners, %d keys span a boundary (%d of them names)" % (
    len(shards), len(names), len(boundary), len(boundary_names)))

options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files"]:
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
from selenium.webdriver.chrome.service import Service
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
driver.set_window_size(1280, 900)


def url(path):
    return "file://" + os.path.join(SITE, path)


def search(query):
    """Types `query` as one input event and returns the learner ids listed and the links
    (read at once when the list is rendered: it renders only when every shard it needs is in)."""
    driver.execute_script(
        "var b = document.getElementById('search-box');"
        "document.getElementById('search-results').textContent = '';"
        "b.value = arguments[0]; b.dispatchEvent(new Event('input', {bubbles: true}));", query)
    deadline = time.time() + 10
    hrefs = []
    while time.time() < deadline:
        hrefs = driver.execute_script(
            "var l = document.getElementById('search-results');"
            "return l.children.length ? Array.prototype.map.call(l.querySelectorAll('a'), function (a) { return a.href; }) : null;")
        if hrefs is not None:
            break
        time.sleep(0.02)
    found = set()
    for href in hrefs or []:
        match = re.search(r"/learners/([^/]+)\.html$", href)
        if match:
            found.add(match.group(1))
    return found, driver.find_elements(By.CSS_SELECTOR, "#search-results a")


def stem_of(learner_id):
    return learner_id  # plain ids are their own stems (the demo's are)


# Search for every key spanning a boundary (full names, given names, pinyin, initials) held
# (every exact match is listed), and a sample of names.
driver.get(url("index.html"))
others = [n for n in sorted(set(names.values())) if n not in boundary]
random.seed(7)
queries = sorted(boundary) + random.sample(others, min(40, len(others)))
start = time.time()
for query in queries:
    wanted = {stem_of(i) for i in holders.get(query.lower(), set())}
    found, _ = search(query)
    missing = wanted - found
    if missing:
        fail("search %s: %d of %d holders missing (%s)" % (query, len(missing), len(wanted), sorted(missing)[:3]))
print("searched %d keys (%d spanning a shard boundary) in %.1f s" % (
    len(queries), len(queries) - min(40, len(others)), time.time() - start))

# Given names, pinyin and initials of a sample of learners.
sample = random.sample(sorted(names.items()), min(30, len(names)))
sampled = 0
for learner_id, name in sample:
    keys = [k for k, ids in holders.items() if learner_id in ids and k not in (name.lower(), learner_id.lower())]
    for key in keys:
        found, _ = search(key)
        sampled += 1
        if learner_id not in found:
            fail("search %s (a key of %s %s) does not list them" % (key, learner_id, name))
print("searched %d given-name and pinyin keys of %d learners" % (sampled, len(sample)))

# Keyboard: ArrowDown + Enter opens the first result.
driver.get(url("index.html"))
if boundary_names or others:
    name = (boundary_names or others)[0]
    found, links = search(name)
    first = links[0].get_attribute("href") if links else None
    box = driver.find_element(By.ID, "search-box")
    box.send_keys(Keys.ARROW_DOWN)
    selected = driver.find_elements(By.CSS_SELECTOR, "#search-results a[aria-selected=true]")
    if not selected:
        fail("ArrowDown selects no result")
    box.send_keys(Keys.ENTER)
    time.sleep(0.5)
    if first is None or driver.current_url != first:
        fail("Enter opened %s, not %s" % (driver.current_url, first))
    else:
        print("keyboard: ArrowDown + Enter opened", driver.current_url.split("/")[-1])

# Year: a department found on an older year's page opens that year.
years = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(SITE, "years/*.html")))
if len(years) > 1:
    driver.get(url("years/%s.html" % years[0]))
    department = manifest["departments"][0]
    search(department)
    hrefs = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results a")
             if "/departments/" in a.get_attribute("href")]
    if not hrefs or any("/departments/%s/" % years[0] not in h for h in hrefs):
        fail("department search on years/%s.html opens %s" % (years[0], hrefs[:2]))
    else:
        print("year: departments found on years/%s.html open departments/%s/" % (years[0], years[0]))

# Screenshots, full page, and sideways overflow.
departments = glob.glob(os.path.join(SITE, "departments/*/*.html"))
largest = max(departments, key=os.path.getsize) if departments else None
learners = sorted(glob.glob(os.path.join(SITE, "learners/*.html")))
pages = [("index", "index.html"), ("diagnostics", "diagnostics.html")]
if largest:
    pages.append(("department", os.path.relpath(largest, SITE)))
if learners:
    pages.append(("learner", os.path.relpath(max(learners, key=os.path.getsize), SITE)))
for width in (1280, 375):
    driver.set_window_size(width, 900)
    for label, path in pages:
        driver.get(url(path))
        time.sleep(0.2)
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            fail("%s at %d px scrolls sideways by %d px" % (path, width, overflow))
        height = min(driver.execute_script("return document.documentElement.scrollHeight"), 6000)
        driver.set_window_size(width, height)
        driver.save_screenshot(os.path.join(OUT, "%s-%d.png" % (label, width)))
        driver.set_window_size(width, 900)
for entry in driver.get_log("browser"):
    if entry["level"] == "SEVERE":
        fail("console: %s" % entry["message"])
driver.quit()

# Print learner archives: the smallest, the largest and a few others.
by_size = sorted(learners, key=os.path.getsize)
to_print = sorted(set(by_size[:3] + by_size[-2:] + random.sample(learners, min(5, len(learners)))))
for path in to_print:
    stem = os.path.basename(path)[:-5]
    pdf = os.path.join(OUT, "print-%s.pdf" % stem)
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    "--print-to-pdf=" + pdf, "file://" + path], capture_output=True)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    # Years shown on screen: one printed page per year is the most a small archive may need.
    years_shown = len(re.findall(r'<section class="year-section" id="y', open(path, encoding="utf-8").read()))
    thin = []
    for page in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"],
                              capture_output=True, text=True).stdout
        if len(text.strip()) < 40:
            thin.append(page)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, pdf[:-4]])
    print("print %s: %d page(s) for %d year(s)%s" % (stem, count, years_shown,
          ", nearly empty pages %s" % thin if thin else ""))
    if thin:
        fail("print %s: nearly empty pages %s" % (stem, thin))

print("screenshots and PDFs in", OUT)
if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("all checks passed")
