"""Fixtures shared by every test folder: pages to check and an in-process CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from cachelint.cli import main

REPO = Path(__file__).resolve().parents[1]
BC_PAGE = "_cache/develop-2025-07-13/bc/specs.md"


class Outcome(NamedTuple):
    """What one ``cachelint`` run printed and returned."""

    status: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Outcome]:
    """Run ``cachelint ARGS`` in this process; returns status, stdout and stderr."""

    def run(*args: str) -> Outcome:
        capsys.readouterr()
        status = main(list(args))
        captured = capsys.readouterr()
        return Outcome(status, captured.out, captured.err)

    return run


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder that is also the current folder."""
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def write(project: Path) -> Callable[[str, str], Path]:
    """Write a file below the project folder, making folders as needed."""

    def write_file(relative: str, text: str) -> Path:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


@pytest.fixture(scope="session")
def repo() -> Path:
    """The root of the repository (``examples/``, ``docs/`` ...)."""
    return REPO


@pytest.fixture(scope="session")
def clean_bc() -> str:
    """A real, clean page (``_cache/develop-2025-07-13/bc/specs.md``)."""
    return (REPO / "examples" / "catalog" / BC_PAGE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def broken_bc() -> str:
    """The same page with CL201 on line 5 (``meta``) and CL301 on line 6 (``spec_details``)."""
    return (REPO / "examples" / "broken" / BC_PAGE).read_text(encoding="utf-8")
