"""A `BROWSER` for tests: headless Chromium (Debian's chromium + chromium-driver, driven by
selenium) opens the authorize URL, presses Approve on the consent page and waits until
Switchboard's loopback callback page says the login is done.

Usage: python chromium_approve.py URL   (writes what happened to $APPROVE_LOG when set)
"""

from __future__ import annotations

import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def approve(url: str) -> str:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        driver.get(url)
        WebDriverWait(driver, 30).until(
            expected_conditions.element_to_be_clickable((By.ID, "approve"))
        ).click()
        WebDriverWait(driver, 30).until(
            expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "logged in")
        )
        return f"{driver.current_url}\n{driver.find_element(By.TAG_NAME, 'h1').text}"
    finally:
        driver.quit()


if __name__ == "__main__":
    log = os.environ.get("APPROVE_LOG")
    try:
        result = approve(sys.argv[1])
    except Exception as exc:
        result = f"FAILED {type(exc).__name__}: {exc}"
    if log:
        with open(log, "w", encoding="utf-8") as handle:
            handle.write(result)
