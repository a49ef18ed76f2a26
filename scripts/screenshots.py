"""Screenshots of the bundled sample for the README (docs/images/), taken in Debian's chromium.

Usage: .venv/bin/python scripts/screenshots.py [OUT_DIR]   (needs the test extra: Playwright)
The browser tests write full-page screenshots of every kind of page to .cache/screenshots/.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import SAMPLE_TODAY, build_project  # noqa: E402
from browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# (file name, page, viewport width, viewport height, element to scroll to)
SHOTS = [
    ("home.jpg", "index.html", 1280, 860, None),
    ("calendar.jpg", "calendar/index.html", 1280, 860, "#m2026-11"),
    ("stats-phone.jpg", "stats/index.html", 375, 760, ".chart-grid"),
]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = Path(tmp) / "output"
        build_project(ROOT, site, SAMPLE_TODAY)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path, width, height, anchor in SHOTS:
            phone = width < 600
            page = browser.new_page(viewport={"width": width, "height": height},
                                    device_scale_factor=2 if phone else 1, is_mobile=phone)
            page.goto((site / path).as_uri())
            if anchor:
                page.evaluate("a => scrollTo(0, document.querySelector(a).getBoundingClientRect().top + scrollY - 12)",
                              anchor)
            page.screenshot(path=out / name, type="jpeg", quality=72)
            print(f"{out / name}: {(out / name).stat().st_size // 1024} KB")
            page.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images")
