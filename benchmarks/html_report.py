"""Time the html report for a large run: render, file size, and opening it in Chromium.

    python benchmarks/html_report.py [--findings 100000] [--keep /tmp/report.html]

Builds a report of synthetic findings (ten per page, pages of one 3 kB line
of front matter as the generator writes them, 100 tags), renders it with the
``html`` and the ``full`` format, and prints the seconds, the ratio and the
file size. With a Chromium on PATH (``.ci/install-browser``) it also opens
the report headless and times the load (parsing the data, the first screen
of findings) and one filter change. Nothing here is shipped with cachelint.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

from cachelint.record import replace

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the browser helper of the tests

from cachelint.model import Diagnostic, Position, Severity  # noqa: E402
from cachelint.report import REPORTERS, Report  # noqa: E402
from cachelint.report.base import RenderOptions, rule_infos  # noqa: E402

PER_PAGE = 10
CODES = [("CL203", Severity.ERROR), ("CL504", Severity.ERROR), ("CL302", Severity.WARNING)]


def synthetic_report(findings: int) -> Report:
    """``findings`` diagnostics, ten a page, with the text of every page in memory."""
    pages = max(1, findings // PER_PAGE)
    spec = '{"compiler": "gcc@11.4.0", "hash": "%032d", "stacks": ["e4s", "root"]}, '
    line = "spec_details: [" + "".join(spec % n for n in range(40)) + "]"
    texts: dict[str, str] = {}
    diagnostics = []
    for n in range(findings):
        path = f"_cache/tag{n // PER_PAGE % 100:03d}/package{n // PER_PAGE:06d}/specs.md"
        texts.setdefault(path, f"---\ntitle: x\n{line}\n---\n")
        column = 16 + (n % PER_PAGE) * 70
        code, severity = CODES[n % len(CODES)]
        diagnostics.append(
            Diagnostic(
                code,
                severity,
                f"spec_details[{n % PER_PAGE}] is not in the root stack 'root' (it is in e4s)",
                path,
                Position(3, column, 3, column + 34),
                f"/spec_details/{n % PER_PAGE}/hash",
                fixable=code == "CL302",
            )
        )
    diagnostics.sort(key=lambda d: d.sort_key)
    from cachelint.rules.registry import load_rules

    return Report(
        diagnostics=tuple(diagnostics),
        checked_files=tuple(sorted(texts)),
        rules=rule_infos(load_rules().documented()),
        read_text=texts.get,
        options=RenderOptions(width=120),
    ), pages


def timed_render(report: Report, fmt: str, path: Path) -> float:
    start = time.perf_counter()
    with path.open("w", encoding="utf-8") as stream:
        REPORTERS[fmt](report, stream)
    return time.perf_counter() - start


def browser_times(path: Path) -> tuple[float, float] | None:
    """Seconds to load the report in headless Chromium, and to filter it by one rule."""
    from tests.report.browser import Browser, BrowserError, find_chromium

    executable = find_chromium()
    if executable is None:
        return None
    with tempfile.TemporaryDirectory() as profile:
        try:
            with Browser(executable, Path(profile), timeout=120) as browser:
                browser.open("about:blank")
                start = time.perf_counter()
                browser.open(path.as_uri())
                loaded = time.perf_counter() - start
                assert browser.evaluate("document.querySelectorAll('.finding').length") > 0
                start = time.perf_counter()
                browser.evaluate(
                    "(f => { f.value = 'CL504'; f.dispatchEvent(new Event('change')) })"
                    "(document.querySelector('#filters [name=rule]'))"
                )
                filtered = time.perf_counter() - start
                assert not browser.errors, browser.errors
                return loaded, filtered
        except BrowserError as exc:
            print(f"browser: {exc}", file=sys.stderr)
            return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="also write the report here")
    args = parser.parse_args()
    report, pages = synthetic_report(args.findings)
    with tempfile.TemporaryDirectory() as folder:
        html = Path(args.keep) if args.keep else Path(folder) / "report.html"
        full = Path(folder) / "report.txt"
        html_seconds = timed_render(report, "html", html)
        full_seconds = timed_render(replace(report), "full", full)
        size = html.stat().st_size
        zipped = len(gzip.compress(html.read_bytes(), compresslevel=6))
        print(f"{args.findings:,} findings on {pages:,} pages")
        print(f"html render: {html_seconds:.2f} s; full render: {full_seconds:.2f} s; "
              f"html / full: {html_seconds / full_seconds:.2f}x")  # fmt: skip
        print(f"html file: {size / 1e6:.1f} MB ({zipped / 1e6:.1f} MB gzipped, as an artifact)")
        print(f"full text: {full.stat().st_size / 1e6:.1f} MB")
        opened = browser_times(html) if os.environ.get("NO_BROWSER") is None else None
        if opened is None:
            print("browser: not timed (no Chromium; run .ci/install-browser)")
        else:
            print(f"browser: loaded with the first screen in {opened[0]:.2f} s; "
                  f"filtered by a rule in {opened[1]:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
