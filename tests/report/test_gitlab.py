"""GitLab Code Quality JSON, field by field."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from cachelint.report import Report
from cachelint.report.gitlab import render_gitlab
from tests.report.sample import NASTY, NASTY_PATH, diagnostic, nasty_report, report


def render(report: Report) -> list[dict[str, Any]]:
    stream = io.StringIO()
    render_gitlab(report, stream)
    return json.loads(stream.getvalue())


def test_issue_fields(root: Path) -> None:
    warning, error, multi_line = render(nasty_report(root))
    assert error["description"] == f"CL201 {NASTY}"
    assert error["check_name"] == "CL201"
    assert error["severity"] == "major"
    assert error["location"] == {"path": NASTY_PATH, "lines": {"begin": 5, "end": 5}}
    assert isinstance(error["fingerprint"], str) and len(error["fingerprint"]) == 32
    assert warning["severity"] == "minor"
    assert warning["location"]["path"] == "_cache/develop/zlib/specs.md"
    assert multi_line["location"]["lines"] == {"begin": 6, "end": 7}
    assert multi_line["description"] == 'CL104 <tag attr="v">&amp; ünïcode</tag>'


def test_fingerprints_are_unique_and_stable(root: Path) -> None:
    first = [issue["fingerprint"] for issue in render(nasty_report(root))]
    assert len(set(first)) == len(first)
    assert first == [issue["fingerprint"] for issue in render(nasty_report(root))]


def test_no_findings_is_an_empty_array(root: Path) -> None:
    assert render(report([], root=root, checked=["a.md"])) == []


def test_paths_are_relative_to_the_repository_root(root: Path, monkeypatch) -> None:
    (root / "site").mkdir()
    monkeypatch.chdir(root / "site")
    issue = render(report([diagnostic(path="specs.md")], root=root))[0]
    assert issue["location"]["path"] == "site/specs.md"
