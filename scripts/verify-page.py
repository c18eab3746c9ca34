#!/usr/bin/env python3
"""Checks a built site's certificates in headless Chromium (not run in CI):

1. verify.html, opened from file://, finds a code typed into it and shows the figures of
   exports/learners.csv for that learner-year; an unknown code shows "no such certificate";
2. a department's print file prints as one A4 page per certificate.

Needs chromium, chromium-driver and a CJK font (apt-get install -y chromium chromium-driver
fonts-wqy-zenhei poppler-utils) and Selenium (pip install selenium).

    scripts/verify-page.py [SITE]          # default: site/
"""
import base64
import csv
import pathlib
import shutil
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support.ui import WebDriverWait


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def main():
    site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    certificates = rows(site / "exports/certificates.csv")
    learners = rows(site / "exports/learners.csv")
    assert len(certificates) == len(learners), "one certificate per learners.csv row"

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"):
        options.add_argument(flag)
    # The system's chromedriver when there is one (Selenium Manager would go online to fetch one).
    driver_path = shutil.which("chromedriver")
    service = webdriver.ChromeService(executable_path=driver_path) if driver_path else None
    driver = webdriver.Chrome(options=options, service=service)
    failures = 0
    try:
        # A few learner-years spread over the file, and the last one.
        picks = sorted({0, len(certificates) // 3, len(certificates) // 2, len(certificates) - 1})
        for index in picks:
            certificate, learner = certificates[index], learners[index]
            driver.get((site / "verify.html").as_uri())
            box = driver.find_element(By.ID, "verify-code")
            box.send_keys(certificate["code"].lower().replace("-", " "))
            driver.find_element(By.ID, "verify-button").click()
            result = WebDriverWait(driver, 10).until(
                lambda d: d.find_element(By.ID, "verify-result").text.strip() or None)
            expected = [certificate["code"], learner["name"], learner["online_hours"], learner["offline_hours"],
                        learner["total_hours"], learner["required_hours"], learner["year"]]
            missing = [value for value in expected if value not in result]
            status = "ok" if not missing else "MISSING " + ", ".join(missing)
            failures += bool(missing)
            print(f"verify.html {certificate['code']} ({learner['learner_id']} {learner['year']}): {status}")

        driver.get((site / "verify.html").as_uri())
        driver.find_element(By.ID, "verify-code").send_keys("0000-0000-0000-0001")
        driver.find_element(By.ID, "verify-button").click()
        result = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "verify-result").text.strip() or None)
        unknown_ok = "查无此证明" in result or "No such certificate" in result
        failures += not unknown_ok
        print(f"verify.html unknown code: {'ok' if unknown_ok else 'WRONG: ' + result}")

        # The largest department print file of the latest year: one A4 page per certificate.
        files = sorted((site / "certificates").glob("*/*.html"), key=lambda p: (p.parent.name, p.stat().st_size))
        for page in files[-1:] + files[:1]:
            driver.get(page.as_uri())
            count = len(driver.find_elements(By.CSS_SELECTOR, "section.certificate"))
            print_options = PrintOptions()
            print_options.page_width = 21.0
            print_options.page_height = 29.7
            pdf = base64.b64decode(driver.print_page(print_options))
            with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as file:
                file.write(pdf)
            info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True).stdout
            pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
            ok = pages == count
            failures += not ok
            print(f"{page.relative_to(site)}: {count} certificates, {pages} PDF pages: {'ok' if ok else 'WRONG'} ({file.name})")
    finally:
        driver.quit()
    print("all checks passed" if failures == 0 else f"{failures} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
