"""Helpers for the --fix tests: build pages, run the real CLI in-process."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cachelint.cli.main import main

REPO = Path(__file__).resolve().parents[2]
SHARED_CORPUS = REPO / ".." / "shared" / "corpus" / "real"
FIXTURES = REPO / "tests" / "data" / "fix-corpus"
REAL = REPO / "tests" / "data" / "real"  # real pages kept from the shared corpus
TEMP_MARK = ".cachelint-tmp"


@dataclass(frozen=True)
class CliResult:
    status: int
    out: str
    err: str

    def records(self) -> list[dict[str, Any]]:
        return json.loads(self.out)


def run_cli(*args: str | Path) -> CliResult:
    """Run ``cachelint`` through its real entry function, capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(arg) for arg in args])
    return CliResult(status, out.getvalue(), err.getvalue())


def spec(
    digest: str,
    *,
    stacks: list[str],
    target: str = "x86_64_v3",
    compiler: str = "gcc@11.4.0",
    os: str = "ubuntu22.04",
    versions: list[str] | None = None,
) -> dict[str, Any]:
    """One ``spec_details`` entry with the keys in generator order."""
    return {
        "compiler": compiler,
        "hash": digest,
        "os": os,
        "platform": "linux",
        "size": "-",
        "stacks": stacks,
        "target": target,
        "variants": ["build_system=generic"],
        "versions": versions or ["1.2"],
    }


SPECS = [
    spec("kegjoarlmwlz3uvrnind7pxb4rz5ea3b", stacks=["e4s", "root"]),
    spec(
        "q6v22ffmm3k6o2fajdv2ysdlhe5j4ail",
        stacks=["root"],
        target="zen4",
        compiler="gcc@13.2.0",
        versions=["1.3"],
    ),
    spec(
        "ra6efl5kcaeif2g6czhzivtjogj752jt",
        stacks=["hep", "root"],
        compiler="oneapi@2024.2.1",
        os="rhel8",
    ),
]

# The clean meta of SPECS, written by hand in the two generator eras.
SORTED_META = {
    "compilers": ["gcc@11.4.0", "gcc@13.2.0", "oneapi@2024.2.1"],
    "num_specs": 3,
    "num_specs_by_stack": {"e4s": 1, "hep": 1, "root": 3},
    "oss": ["rhel8", "ubuntu22.04"],
    "platforms": ["linux"],
    "stacks": ["e4s", "hep", "root"],
    "targets": ["x86_64_v3", "zen4"],
    "versions": ["1.2", "1.3"],
}
LEGACY_META = {
    "versions": ["1.2", "1.3"],
    "compilers": ["gcc@11.4.0", "gcc@13.2.0", "oneapi@2024.2.1"],
    "oss": ["rhel8", "ubuntu22.04"],
    "platforms": ["linux"],
    "targets": ["x86_64_v3", "zen4"],
    "stacks": ["e4s", "hep", "root"],
    "num_specs": 3,
    "num_specs_by_stack": {"e4s": 1, "root": 3, "hep": 1},
}


def page_text(
    meta: Any,
    specs: Any = None,
    *,
    separators: tuple[str, str] = (", ", ": "),
    ensure_ascii: bool = True,
    newline: str = "\n",
    final_newline: bool = False,
    bom: bool = False,
    extra: tuple[str, ...] = (),
    body: str = "",
) -> str:
    """A tagged page for ``_cache/develop/pkg/``; ``meta`` may be given as text."""

    def dump(value: Any) -> str:
        if isinstance(value, str):
            return value
        return json.dumps(value, separators=separators, ensure_ascii=ensure_ascii)

    lines = [
        "---",
        'title: "pkg"',
        "layout: cache",
        "categories: [package, develop]",
        *extra,
        f"meta: {dump(meta)}",
        f"spec_details: {dump(SPECS if specs is None else specs)}",
        "---",
    ]
    text = newline.join(lines) + (newline if final_newline or body else "") + body
    return ("\ufeff" if bom else "") + text


def write_page(root: Path, text: str, *, tag: str = "develop", package: str = "pkg") -> Path:
    """Write a page at ``root/_cache/<tag>/<package>/specs.md`` byte for byte."""
    path = root / "_cache" / tag / package / "specs.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files a writer left behind in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if TEMP_MARK in p.name)
