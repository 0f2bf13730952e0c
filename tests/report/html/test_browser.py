"""The html report in headless Chromium: no console errors, filters, paging, sorting.

Skips where no Chromium can be started (``.ci/install-browser`` installs
Debian's). The browser is driven over the DevTools protocol on a pipe
(:mod:`tests.report.browser`): no WebDriver, no network.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cachelint.model import Position
from tests.conftest import CORPUS, require
from tests.report.browser import Browser, BrowserError, find_chromium
from tests.report.html.hostile import MARKUP, hostile_report
from tests.report.html.parsed import parse_report
from tests.report.html.test_report import generated, render, run_html
from tests.report.sample import diagnostic, report

__all__ = ["generated"]  # the catalog fixture, shared with test_report

SHOWN = "Array.from(document.querySelectorAll('#list .finding'), e => e.dataset.code)"
STATUS = "document.getElementById('status').textContent"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium (run .ci/install-browser)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    chromium = Browser(executable, profile)
    try:
        started = chromium.__enter__()
    except (BrowserError, OSError) as exc:
        chromium.__exit__(None, None, None)
        pytest.skip(f"Chromium does not start here: {exc}")
    yield started
    chromium.__exit__(None, None, None)


@pytest.fixture
def fresh(browser: Browser) -> Browser:
    """The browser with no errors left from an earlier test."""
    browser.errors.clear()
    return browser


def choose(browser: Browser, name: str, value: str) -> None:
    """Pick ``value`` in the filter ``name`` as a user would (a change event)."""
    browser.evaluate(
        f"(f => {{ f.value = {value!r}; f.dispatchEvent(new Event('change', {{bubbles: true}})) }})"
        f"(document.querySelector('#filters [name={name}]'))"
    )


def test_filtering_by_rule_shows_only_its_findings(
    fresh: Browser, generated: Path, tmp_path: Path
) -> None:
    output = tmp_path / "report.html"
    run_html(generated, ".", output=output)
    codes = [f["code"] for f in parse_report(output.read_text(encoding="utf-8")).findings()]
    assert {"CL201", "CL505"} <= set(codes)
    fresh.open(output.as_uri())
    assert sorted(fresh.evaluate(SHOWN)) == sorted(codes)
    choose(fresh, "rule", "CL201")
    assert fresh.evaluate(SHOWN) == ["CL201"]
    assert fresh.evaluate(STATUS).startswith(f"1 of {len(codes)} findings on 1 pages")
    assert fresh.evaluate("location.hash") == "#rule=CL201"
    assert fresh.evaluate("document.querySelector('#list mark').textContent") == "5"
    fix = "document.querySelector('#list .fix code').textContent"
    assert fresh.evaluate(fix) == "cachelint check --fix _cache/develop/zlib/specs.md"
    shot = fresh.screenshot(tmp_path / "report.png")
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert fresh.errors == []


def test_real_corpus_in_the_browser(fresh: Browser, tmp_path: Path) -> None:
    corpus = require(CORPUS)
    output = tmp_path / "real.html"
    run_html(corpus, ".", output=output)
    findings = parse_report(output.read_text(encoding="utf-8")).findings()
    fresh.open(output.as_uri() + "#rule=CL504")  # a link keeps its filters
    assert fresh.evaluate(SHOWN) == ["CL504"] * 4
    marks = fresh.evaluate(
        "Array.from(document.querySelectorAll('#list mark'), m => m.textContent)"
    )
    assert set(marks) == {'"developer-tools"', '"aws-ahug-aarch64"'}
    choose(fresh, "rule", "")
    choose(fresh, "q", "amg2013")
    amg2013 = [f["code"] for f in findings if "amg2013" in f["path"]]
    assert fresh.evaluate(SHOWN) == amg2013
    assert set(amg2013) == {"CL203", "CL504"}
    fresh.screenshot(tmp_path / "real.png")
    assert fresh.errors == []


def test_hostile_strings_stay_text_in_the_browser(
    fresh: Browser, root: Path, tmp_path: Path
) -> None:
    output = tmp_path / "hostile.html"
    output.write_text(render(hostile_report(root)), encoding="utf-8")
    fresh.open(output.as_uri())
    assert fresh.evaluate("document.querySelectorAll('img, svg, iframe').length") == 0
    assert fresh.evaluate("document.scripts.length") == 2
    messages = "Array.from(document.querySelectorAll('#list .msg'), e => e.textContent)"
    assert MARKUP in fresh.evaluate(messages)
    marks = "Array.from(document.querySelectorAll('#list mark'), e => e.textContent)"
    assert MARKUP in fresh.evaluate(marks)
    assert fresh.errors == []


def test_a_large_list_is_shown_a_screen_at_a_time(
    fresh: Browser, root: Path, tmp_path: Path
) -> None:
    many = [
        diagnostic(path=f"_cache/develop/p{n // 10:03d}/specs.md", position=Position(5, n + 1))
        for n in range(450)
    ]
    output = tmp_path / "many.html"
    output.write_text(render(report(many, root=root)), encoding="utf-8")
    fresh.open(output.as_uri())
    assert len(fresh.evaluate(SHOWN)) == 200
    assert "(showing 1\u2013200)" in fresh.evaluate(STATUS)
    for _ in range(2):
        fresh.evaluate("document.querySelector('#pager-top button:last-child').click()")
    assert len(fresh.evaluate(SHOWN)) == 50
    assert "(showing 401\u2013450)" in fresh.evaluate(STATUS)
    assert fresh.errors == []


def test_tables_sort_by_a_column(fresh: Browser, generated: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    run_html(generated, ".", output=output)
    fresh.open(output.as_uri())
    tags = (
        "Array.from(document.querySelectorAll('#tag-table tbody tr'), r => r.cells[0].textContent)"
    )
    heading = "document.querySelector('#tag-table th:nth-child(3) button').click()"  # Specs
    fresh.evaluate(heading)
    assert fresh.evaluate(tags) == ["v1", "develop"]  # 3 specs, then 6
    fresh.evaluate(heading)
    assert fresh.evaluate(tags) == ["develop", "v1"]
    assert fresh.errors == []


def test_dark_theme_and_print_stylesheet(fresh: Browser, generated: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    run_html(generated, ".", output=output)
    fresh.open(output.as_uri())
    background = "getComputedStyle(document.body).backgroundColor"
    filters = "getComputedStyle(document.getElementById('filters')).display"
    light = fresh.evaluate(background)
    dark = [{"name": "prefers-color-scheme", "value": "dark"}]
    fresh.call("Emulation.setEmulatedMedia", features=dark)
    assert fresh.evaluate(background) != light
    assert fresh.evaluate(filters) == "flex"
    fresh.call("Emulation.setEmulatedMedia", media="print", features=dark)
    assert fresh.evaluate(background) == "rgb(255, 255, 255)"  # paper stays white
    assert fresh.evaluate(filters) == "none"
    fresh.call("Emulation.setEmulatedMedia", media="", features=[])
    assert fresh.errors == []
