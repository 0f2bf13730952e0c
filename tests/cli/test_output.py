"""Colour and streams are decided by the environment, not by reporters."""

from __future__ import annotations

import io

import pytest

from cachelint.cli.output import ellipsis_for, summary_stream, wants_color


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour variable and an ordinary terminal, whatever the machine running the tests has."""
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")


def test_colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_color(Terminal())
    assert not wants_color(io.StringIO())


def test_no_colour_with_no_color_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_color(Terminal())


def test_an_empty_no_color_does_not_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "")  # https://no-color.org: "present and not empty"
    assert wants_color(Terminal())


def test_summary_goes_where_the_report_does_not() -> None:
    import sys

    assert summary_stream("sarif", None) is sys.stderr
    assert summary_stream("full", None) is sys.stdout
    assert summary_stream("sarif", "report.sarif") is sys.stdout


@pytest.mark.parametrize(
    ("choice", "env", "terminal", "wanted"),
    [
        ("always", {"NO_COLOR": "1"}, False, True),  # the flag wins over the environment
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("auto", {"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
    ],
)
def test_color_flag_and_variables(
    monkeypatch: pytest.MonkeyPatch, choice: str, env: dict[str, str], terminal: bool, wanted: bool
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = Terminal() if terminal else io.StringIO()
    assert wants_color(stream, choice=choice) is wanted


@pytest.mark.parametrize(
    ("encoding", "ellipsis"),
    [
        ("utf-8", "\u2026"),
        ("UTF-8", "\u2026"),
        ("ascii", "..."),
        ("latin-1", "..."),
        ("cp1252", "\u2026"),
    ],
)
def test_the_ellipsis_the_terminal_can_show(encoding: str, ellipsis: str) -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    assert ellipsis_for(stream) == ellipsis
