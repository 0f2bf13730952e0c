"""Colour and streams are decided by the environment, not by reporters."""

from __future__ import annotations

import io

import pytest

from cachelint.output import summary_stream, wants_color


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


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
