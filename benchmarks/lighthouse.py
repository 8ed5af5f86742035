"""Readers on a phone: Lighthouse scores and the dashboard's cost, on the site as nginx serves it.

`python -m benchmarks.lighthouse` builds and precompresses the site as `make build` does, serves it with
deploy/nginx/ on 127.0.0.1 and prints:
- Lighthouse 12.2.3 (mobile preset) for the home page, an article, an issue's print view, the dashboard and
  a leader's task page: performance, accessibility and best practices, LCP and TBT (targets: accessibility
  and best practices 100, which tests/test_lighthouse.py checks; performance 90 or more);
- the dashboard on an emulated mid-range phone (CDP: CPU throttled 4×, 4 Mbit/s, 40 ms): bytes transferred
  until the page is read, and until every chart is drawn (the reader scrolls to them), and the time to each.
Prints figures and asserts nothing; stops by itself.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from scripts.hosting.precompress import precompress
from scripts.site import build
from tests import lighthouse
from tests.conftest import CHROMIUM_ARGS
from tests.nginx_server import running_nginx
from tests.test_lighthouse import MORE_PAGES, PAGES

REPO = Path(__file__).resolve().parents[1]
PHONE = {"width": 360, "height": 740}
NETWORK = {"offline": False, "latency": 40, "downloadThroughput": 4_000_000 / 8, "uploadThroughput": 1_000_000 / 8}


def dashboard_on_a_phone(base: str) -> str:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=lighthouse.CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", NETWORK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            received = {"bytes": 0}
            cdp.on(
                "Network.loadingFinished",
                lambda event: received.__setitem__("bytes", received["bytes"] + event["encodedDataLength"]),
            )
            start = time.perf_counter()
            page.goto(base + PAGES["dashboard"], wait_until="load")
            read_at, read_bytes = time.perf_counter() - start, received["bytes"]
            figures = page.locator("figure.bt-chart")
            for index in range(figures.count()):  # the reader scrolls to each chart; it is drawn on screen
                figures.nth(index).scroll_into_view_if_needed()
                figures.nth(index).locator("svg.main-svg").first.wait_for(state="attached", timeout=120_000)
            drawn_at = time.perf_counter() - start
            page.wait_for_timeout(500)
            return (
                f"  trang đọc được (load): {read_at:.1f} s, {read_bytes / 1024:.0f} KB; "
                f"cả {figures.count()} biểu đồ đã vẽ: {drawn_at:.1f} s, {received['bytes'] / 1024:.0f} KB"
            )
        finally:
            browser.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        build(site, quiet=True)  # as `make build`: the pages, then the search index
        precompress(site)
        with running_nginx(site, tmp / "nginx") as base:
            print("Lighthouse 12.2.3, di động (hiệu năng / truy cập / thực hành tốt; LCP, TBT):")
            for name, path in {**PAGES, **MORE_PAGES}.items():
                audit = lighthouse.run(base + path, ("performance", "accessibility", "best-practices"))
                scores = audit.scores
                print(
                    f"  {name:16} {scores['performance']:3} / {scores['accessibility']:3} / "
                    f"{scores['best-practices']:3}   LCP {audit.lcp_ms / 1000:.2f} s, TBT {audit.tbt_ms:.0f} ms"
                )
                for category, failing in audit.failing.items():
                    for item in failing[:5] if category != "performance" else []:  # metrics are printed above
                        print(f"      {category}: {item}")
            print("Trang chỉ tiêu trên điện thoại giả lập (CPU chậm 4×, 4 Mbit/s):")
            print(dashboard_on_a_phone(base))


if __name__ == "__main__":
    main()
