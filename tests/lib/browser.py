"""Headless Chromium for the browser tests (issue 16: t0902, t0903, t0906).

The tests run their WebDriver script with Debian's python3-selenium through
tests/lib/web.sh's browser_run, which puts this folder on PYTHONPATH:

    from browser import start, result, submit, keep
    d = start(1000, 800)        # Chromium with a profile of its own, "id" first
    d = start(lang="en")        # ... or English only
    result("what is checked", ok) # PASS:/FAIL: lines, counted by browser_done
"""

import tempfile

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def start(width=1000, height=800, lang="id"):
    """Start headless Chromium preferring Indonesian (lang "id": Accept-Language
    "id,en"), or asking only for lang, and return the driver."""
    opts = webdriver.ChromeOptions()
    # A profile of its own: two browser tests running at once must not share
    # Chromium's default profile (the second instance exits at start).
    opts.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="chromium-"))
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=" + lang,
              "--window-size=%d,%d" % (width, height)):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"intl.accept_languages": "id,en" if lang == "id" else lang})
    # Chromium now and then exits while starting on a loaded machine ("session
    # not created: Chrome instance exited"): start it again, at most three times.
    for attempt in range(3):
        try:
            d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
            break
        except Exception as e:
            if attempt == 2 or "session not created" not in str(e):
                raise
    d.set_page_load_timeout(30)
    return d


def result(name, ok):
    """One check: a PASS: or FAIL: line (browser_done counts them)."""
    print(("PASS: " if ok else "FAIL: ") + name, flush=True)


def gone(element):
    """A wait condition: true once element has left the page.  Chromium
    sometimes says so not as a stale element but as an inspector error
    ("Node with given id does not belong to the document"), which
    EC.staleness_of does not take for an answer (CI, 2026-12-06)."""
    def predicate(_driver):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as e:
            if "does not belong to the document" in str(e):
                return True
            raise
    return predicate


def submit(d):
    """Submit the page's form and wait until the next page has replaced this
    one, so that no element of the old page is read while the new one loads."""
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(d, 15).until(gone(old))
    WebDriverWait(d, 15).until(lambda drv: drv.execute_script("return document.readyState") == "complete")


def keep(d, art, name):
    """Keep a screenshot and the page's HTML as test artefacts."""
    d.save_screenshot(f"{art}/{name}.png")
    with open(f"{art}/{name}.html", "w") as f:
        f.write(d.page_source)
