"""The progress line: silent for a second, redrawn at most ten times a second, erased at the end."""

from __future__ import annotations

import argparse
import io

import pytest

from cachelint.cli.progress import Progress, progress_for
from cachelint.model import FileResult
from cachelint.run.batches import CleanPages


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def page(findings: int = 0) -> FileResult:
    return FileResult("p.md", checked=True, diagnostics=(object(),) * findings)  # type: ignore[arg-type]


def test_short_runs_draw_nothing():
    stream, clock = io.StringIO(), Clock()
    line = Progress(stream, clock=clock)
    observe = line.observe()
    for _ in range(50):
        clock.now += 0.01
        observe(page())
    line.finish()
    assert stream.getvalue() == ""


def test_drawn_after_a_second_at_most_ten_times_a_second_and_erased():
    stream, clock = io.StringIO(), Clock()
    seen: list[FileResult] = []
    line = Progress(stream, clock=clock)
    observe = line.observe(seen.append)
    for number in range(300):  # 3 s of pages, one per 10 ms
        clock.now += 0.01
        observe(page(findings=1 if number % 100 == 0 else 0))
    line.finish()
    frames = stream.getvalue().split("\r\x1b[K")
    assert frames[0] == "" and frames[-1] == ""  # each drawing starts by erasing; so does the end
    drawn = frames[1:-1]
    assert 18 <= len(drawn) <= 21  # two seconds at ten drawings a second
    assert drawn[0] == "cachelint: 100 pages, 100 pages/s, 1 finding"
    assert drawn[-1] == "cachelint: 300 pages, 100 pages/s, 3 findings"
    assert len(seen) == 300  # every result still reaches the next hook


def test_pages_not_checked_are_not_counted():
    stream, clock = io.StringIO(), Clock()
    observe = Progress(stream, clock=clock).observe()
    clock.now += 2
    observe(FileResult("notes.md", checked=False, note="no front matter"))
    assert stream.getvalue() == "\r\x1b[Kcachelint: 0 pages, 0 pages/s, 0 findings"


def test_runs_of_clean_pages_from_workers_are_counted():
    stream, clock = io.StringIO(), Clock()
    line = Progress(stream, clock=clock)
    observe, observe_pages = line.observe(), line.observe_pages()
    observe(page(findings=2))
    clock.now += 2
    observe_pages(CleanPages([f"p{number}.md" for number in range(99)]))
    assert stream.getvalue() == "\r\x1b[Kcachelint: 100 pages, 50 pages/s, 2 findings"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def options(**overrides) -> argparse.Namespace:
    values = {"quiet": False, "verbose": False, "output_file": None, **overrides}
    return argparse.Namespace(**values)


@pytest.fixture
def terminal(monkeypatch):
    for name in ("CI", "TERM"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("terminal")
def test_a_terminal_gets_the_line():
    assert progress_for(options(), "full", Terminal()) is not None
    assert progress_for(options(output_file="r.json"), "json", Terminal()) is not None


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(
    ("overrides", "output_format", "env"),
    [
        ({"quiet": True}, "full", {}),
        ({"verbose": True}, "full", {}),
        ({}, "sarif", {}),
        ({}, "full", {"CI": "true"}),
        ({}, "full", {"CI": "1"}),
        ({}, "full", {"TERM": "dumb"}),
    ],
)
def test_no_line_where_it_does_not_belong(monkeypatch, overrides, output_format, env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert progress_for(options(**overrides), output_format, Terminal()) is None


@pytest.mark.usefixtures("terminal")
def test_ci_false_is_no_ci(monkeypatch):
    monkeypatch.setenv("CI", "false")
    assert progress_for(options(), "full", Terminal()) is not None


@pytest.mark.usefixtures("terminal")
def test_no_line_without_a_terminal():
    assert progress_for(options(), "full", io.StringIO()) is None
