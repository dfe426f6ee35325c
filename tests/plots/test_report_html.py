"""The self-contained HTML report: structure, escaping, and rendering in headless Chromium.

The browser test needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs
them with apt-get). Where they are missing it is skipped, unless ``REEQUITY_REQUIRE_BROWSER``
is set (as ``.ci/run`` does), in which case their absence is a failure.
"""

from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from reequity.errors import ConfigurationError
from reequity.report_html import write_html_report

matplotlib.use("Agg")

HEADLINE = pd.DataFrame(
    {
        "event": ["SYN-E1", "SYN-E2", "<script>alert(1)</script>"],
        "window": ["0:0", "-1:1", "0:5"],
        "caar": [0.0123, -0.0045, 0.031],
        "p": [0.04, 0.5, 0.2],
    }
)


def _figure(path: Path) -> Path:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1, 2], [0, 1, 0])
    fig.savefig(path, dpi=60)
    plt.close(fig)
    return path


@pytest.fixture
def report(tmp_path: Path) -> Path:
    figures = {"CAAR path": _figure(tmp_path / "a.png"), "CAR heatmap": _figure(tmp_path / "b.png")}
    return write_html_report(
        tmp_path / "out",
        title="synthetic study",
        settings={"model": "market", "windows": ["0:0", "-1:1"]},
        tables={"Headline": HEADLINE, "Issues": pd.DataFrame(columns=["kind", "message"])},
        figures=figures,
        notes="Synthetic inputs.",
        links={"all CAARs (CSV)": "caar.csv"},
    )


def test_figures_are_embedded_and_text_is_escaped(report: Path, tmp_path: Path) -> None:
    page = report.read_text(encoding="utf-8")
    png = base64.b64encode((tmp_path / "a.png").read_bytes()).decode("ascii")
    assert f"data:image/png;base64,{png}" in page
    assert page.count("<img ") == 2 and "a.png" not in page  # nothing to fetch from disk
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    # the answer comes before the settings
    assert page.index("<h2>Headline</h2>") < page.index("<h2>Settings</h2>")
    assert "(no rows)" in page and 'href="caar.csv"' in page


def test_missing_figure_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="does not exist"):
        write_html_report(tmp_path, title="t", settings={}, tables={}, figures={"x": "nope.png"})


def _browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        if os.environ.get("REEQUITY_REQUIRE_BROWSER"):
            pytest.fail("chromium and chromedriver are required (apt-get install chromium "
                        "chromium-driver)")  # fmt: skip
        pytest.skip("headless Chromium not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ):
        options.add_argument(flag)  # fmt: skip
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def test_report_renders_in_a_headless_browser(report: Path) -> None:
    browser = _browser()
    try:
        browser.get(report.resolve().as_uri())
        assert browser.title == "synthetic study"
        first = browser.find_element("css selector", "table")
        rows = first.find_elements("css selector", "tbody tr")
        assert [r.find_elements("css selector", "td")[0].text for r in rows] == list(
            HEADLINE["event"]
        )
        assert first.is_displayed() and first.size["height"] > 0
        sizes = browser.execute_script(
            "return Array.from(document.images).map(i => [i.complete, i.naturalWidth]);"
        )
        assert len(sizes) == 2 and all(done and width > 0 for done, width in sizes)
        # the escaped cell is shown as text, not run as a script
        assert "<script>alert(1)</script>" in first.text
    finally:
        browser.quit()
