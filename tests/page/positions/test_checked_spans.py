"""Spans of diagnostics as the checker reports them, from bytes on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cachelint.model import Diagnostic
from cachelint.page import yamlparse
from tests.helpers import check_file, file_text, span_text
from tests.page.positions.test_resolver import PAGE

LOADERS = [
    pytest.param(yamlparse._Loader, id="default"),
    pytest.param(yaml.SafeLoader, id="pure-python"),
]


def check_bytes(tmp_path: Path, raw: bytes) -> tuple[str, list[Diagnostic]]:
    path = tmp_path / "_cache" / "develop" / "zlib" / "specs.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return file_text(raw), list(check_file(path).diagnostics)


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, diagnostics
    return found[0]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [False, True])
def test_rule_finding_spans_its_value(tmp_path: Path, newline: str, bom: bool) -> None:
    page = PAGE.replace('"num_specs": 1', '"num_specs": 12').replace("+shared", "naïve=😀")
    raw = (("\ufeff" if bom else "") + page.replace("\n", newline)).encode()
    text, diagnostics = check_bytes(tmp_path, raw)
    cl201 = only(diagnostics, "CL201")
    assert span_text(text, cl201.position) == "12"
    assert span_text(text, only(diagnostics, "CL104").position) == '"naïve=😀"'
    assert cl201.position.line == 5  # the BOM and CRs add no lines


def test_every_diagnostic_has_an_end(tmp_path: Path) -> None:
    page = PAGE.replace('"num_specs": 1', '"num_specs": 2').replace('"size": "-"', '"size": -1')
    _, diagnostics = check_bytes(tmp_path, page.encode())
    assert {d.code for d in diagnostics} >= {"CL201", "CL105"}
    for diagnostic in diagnostics:
        position = diagnostic.position
        assert position.end_line is not None and position.end_column is not None
        assert (position.end_line, position.end_column) > (position.line, position.column)


@pytest.mark.parametrize("loader", LOADERS)
def test_yaml_error_is_at_the_parser_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loader: type
) -> None:
    monkeypatch.setattr(yamlparse, "_Loader", loader)
    page = '---\ntitle: "zlïb😀"\nmeta: {"a": [1, 2}\n---\n'
    text, diagnostics = check_bytes(tmp_path, page.encode())
    cl003 = only(diagnostics, "CL003")
    assert (cl003.position.line, cl003.position.column) == (3, 18)
    assert span_text(text, cl003.position) == "}"


@pytest.mark.parametrize("loader", LOADERS)
def test_unacceptable_character_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loader: type
) -> None:
    monkeypatch.setattr(yamlparse, "_Loader", loader)
    page = '---\ntitle: "zlïb😀"\nlayout: "ca\x07che"\n---\n'
    text, diagnostics = check_bytes(tmp_path, page.encode())
    cl003 = only(diagnostics, "CL003")
    assert "U+0007" in cl003.message
    assert span_text(text, cl003.position) == "\x07"


@pytest.mark.parametrize("loader", LOADERS)
def test_duplicate_key_spans_the_second_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loader: type
) -> None:
    monkeypatch.setattr(yamlparse, "_Loader", loader)
    page = '---\ntitle: zlib\nmeta: {"ñum": 1, "ñum": 2}\n---\n'
    text, diagnostics = check_bytes(tmp_path, page.encode())
    cl004 = only(diagnostics, "CL004")
    assert (cl004.position.line, cl004.position.column) == (3, 18)
    assert span_text(text, cl004.position) == '"ñum"'


def test_anchor_spans_the_anchored_node(tmp_path: Path) -> None:
    page = "---\ntitle: &name zlib\nlayout: cache\n---\n"
    text, diagnostics = check_bytes(tmp_path, page.encode())
    assert span_text(text, only(diagnostics, "CL005").position) == "&name zlib"


def test_missing_front_matter_is_an_empty_span_at_the_start(tmp_path: Path) -> None:
    _, diagnostics = check_bytes(tmp_path, b"title: zlib\n")
    position = only(diagnostics, "CL002").position
    assert (position.line, position.column, position.end_line, position.end_column) == (1, 1, 1, 1)
