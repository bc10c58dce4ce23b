"""Page weight and first paint of the portal on a phone: the Help Center home, the ticket form
and a ticket page, as the demo customer, in Simplified Chinese on a 390x844 screen.

Run against a served site with demo data (``make run``, or ``manage.py runserver`` after
``seed_demo``):

    .venv/bin/python bench/bench_pages.py --base-url http://127.0.0.1:8000 \
        --email <demo customer> --password <its password> [--runs 5]

Weight: the bytes of the HTML, CSS and JavaScript each page loads (bodies as served, before
any compression; images and fonts left out). First paint: ``first-contentful-paint`` from
``performance.getEntriesByType('paint')`` in Debian's Chromium, median of ``runs`` loads with a
warm cache of the other pages' files, the same as a user moving through the site.
"""

import argparse
import math
import os
import statistics
from typing import Any

from playwright.sync_api import Page, sync_playwright

CHROMIUM = os.environ.get("WALLETDESK_CHROMIUM", "/usr/bin/chromium")


def _load(page: Page, url: str) -> tuple[dict[str, int], float]:
    """Load ``url``; the decoded body sizes of its HTML, CSS and JS, and its first paint."""
    page.goto(url, wait_until="load")
    measured: dict[str, Any] = page.evaluate(
        """() => {
            const sizes = {document: performance.getEntriesByType("navigation")[0].decodedBodySize};
            for (const r of performance.getEntriesByType("resource")) {
                const kind = r.initiatorType === "link" && r.name.endsWith(".css") ? "stylesheet"
                    : r.initiatorType === "script" ? "script" : null;
                if (kind) sizes[kind] = (sizes[kind] || 0) + r.decodedBodySize;
            }
            const fcp = performance.getEntriesByType("paint")
                .find(e => e.name === "first-contentful-paint");
            return {sizes, fcp: fcp ? fcp.startTime : NaN};
        }"""
    )
    return measured["sizes"], float(measured["fcp"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            locale="zh-CN", viewport={"width": 390, "height": 844}, timezone_id="Asia/Shanghai"
        )
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        page.locator("input[name=username], input[name=email]").first.fill(args.email)
        page.locator("input[name=password]").fill(args.password)
        page.locator("form:has(input[name=password]) button[type=submit]").first.click()
        page.wait_for_load_state()
        page.goto(f"{base}/tickets/")
        ticket = page.locator("main .ticket-list a").first.get_attribute("href")
        pages = {
            "home": f"{base}/",
            "ticket form": f"{base}/tickets/new/withdrawal/",
            "ticket page": f"{base}{ticket}",
        }
        print("| page | HTML | CSS | JS | total | first paint (median) |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, url in pages.items():
            # Weight from a cold load; paint from loads with the files cached.
            cold = context.browser.new_context(  # type: ignore[union-attr]
                locale="zh-CN", viewport={"width": 390, "height": 844}
            )
            cold.add_cookies(context.cookies())
            sizes, _ = _load(cold.new_page(), url)
            cold.close()
            loads = [_load(page, url)[1] for _ in range(args.runs)]
            paints = [p for p in loads if not math.isnan(p)]
            html, css, js = (sizes.get(k, 0) for k in ("document", "stylesheet", "script"))
            print(
                f"| {name} | {html:,} B | {css:,} B | {js:,} B | {html + css + js:,} B "
                f"| {statistics.median(paints) if paints else float('nan'):.0f} ms |"
            )
        browser.close()


if __name__ == "__main__":
    main()
