"""The lean path and the reference path give byte-identical results.

The lean path reads generated pages with the JSON-lines reader
(:mod:`cachelint.page.jsonlines`) and lets jsonschema-rs pass valid pages
(:mod:`cachelint.schema.check`). The reference path, ``CACHELINT_NO_FASTPATH=1``,
reads every page with the YAML parser and runs the reference validator on every
page. Both check the same catalog through the installed ``cachelint``: synthetic
pages of every era (``benchmarks/synthetic.py``) and mutants of them made to
land on the lean path's edges (stale meta, unsorted lists, duplicate keys,
floats, NaN, big integers, unknown targets, deep nesting, escapes, odd line
ends, block YAML, broken front matter). Every output format, ``-j 2`` and the
result cache (cold, then warm) must give the reference run's bytes.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from cachelint.limits import DEFAULT_LIMITS
from cachelint.model import PageKind
from cachelint.page.jsonlines import DISABLE_VARIABLE
from cachelint.page.parse import page_kind, parse_front_matter
from cachelint.page.split import FrontMatter, split_front_matter
from cachelint.schema import check
from cachelint.schema.check import schema_findings
from tests.conftest import CORPUS, PAGES
from tests.helpers import cachelint_command

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
# Formats written besides the JSON on stdout, from the same run.
REPORTS = ("sarif", "full", "concise", "json-lines", "junit", "gitlab", "github", "html")
JSON = ("--output-format", "json")
CATALOG_MEGABYTES = 0.9  # about 60 pages, each one tag folder's page, then the data files
# Runs of fewer files stay in one process (cachelint.run.workers): -j 2 must start workers.
WORKERS_FROM = 64

# When the run started and how long it took: the only bytes that may differ.
_RUN_CLOCK = {
    "junit": (re.compile(rb'\b(timestamp|time)="[^"]*"'), rb'\1="-"'),
    "html": (re.compile(rb"(<dt>When</dt><dd>)[^<]*"), rb"\1-"),
}

Page = tuple[list[str], dict[str, Any], list[dict[str, Any]]]


def _generator() -> Any:
    sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("bench_generate", BENCHMARKS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- mutations: each takes a page's text and returns the mutant's -------------


def _split(text: str) -> Page:
    lines = text.split("\n")
    meta = json.loads(next(line for line in lines if line.startswith("meta: "))[6:])
    specs = json.loads(next(line for line in lines if line.startswith("spec_details: "))[14:])
    return lines, meta, specs


def _join(lines: list[str], meta: dict[str, Any], specs: list[dict[str, Any]]) -> str:
    out = []
    for line in lines:
        if line.startswith("meta: "):
            line = f"meta: {json.dumps(meta)}"
        elif line.startswith("spec_details: "):
            line = f"spec_details: {json.dumps(specs)}"
        out.append(line)
    return "\n".join(out)


def _data_edit(
    edit: Callable[[dict[str, Any], list[dict[str, Any]]], None],
) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        lines, meta, specs = _split(text)
        edit(meta, specs)
        return _join(lines, meta, specs)

    return mutate


def _text_edit(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        assert old in text
        return text.replace(old, new, count)

    return mutate


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def _block_yaml(text: str) -> str:
    lines, meta, specs = _split(text)
    head = [line for line in lines[1:] if line and not line.startswith(("meta:", "spec_", "---"))]
    body = yaml.safe_dump({"meta": meta, "spec_details": specs}, sort_keys=False)
    return "---\n" + "\n".join(head) + "\n" + body + "---\n"


def _set(**values: Any) -> Callable[[dict[str, Any], list[dict[str, Any]]], None]:
    def edit(meta: dict[str, Any], specs: list[dict[str, Any]]) -> None:
        specs[0].update(values)

    return edit


MUTATIONS: dict[str, Callable[[str], str]] = {
    "stale count": _data_edit(lambda m, s: m.update(num_specs=m["num_specs"] + 1)),
    "stale stack count": _data_edit(
        lambda m, s: m["num_specs_by_stack"].update(root=m["num_specs_by_stack"]["root"] + 2)
    ),
    "missing target": _data_edit(lambda m, s: m.update(targets=m["targets"][:-1])),
    "extra compiler": _data_edit(lambda m, s: m["compilers"].append("gcc@=1.0")),
    "unsorted list": _data_edit(lambda m, s: m.update(versions=[*m["versions"][::-1], "0.1"])),
    "unsorted specs": _data_edit(lambda m, s: s.reverse()),
    "duplicate hash": _data_edit(lambda m, s: s.append(dict(s[0]))),
    "not in root": _data_edit(
        lambda m, s: s[0].update(stacks=[x for x in s[0]["stacks"] if x != "root"])
    ),
    "unknown target": _data_edit(_set(target="skylake_avx9000")),
    "other platform": _data_edit(_set(platform="plan9", os="sonoma")),
    "bad variant": _data_edit(_set(variants=["+x", "+x", "k=v=w", ""])),
    "bad hash": _data_edit(_set(hash="ABC")),
    "extra key": _data_edit(_set(colour="red")),
    "missing key": _data_edit(lambda m, s: s[0].pop("os")),
    "wrong type": _data_edit(_set(versions="1.0", size=7)),
    "no specs": _data_edit(lambda m, s: s.clear()),
    # Around the default max-depth of 64 (data deeper than it is CL006, not parsed).
    **{f"nested {n}": _data_edit(_set(variants=_nested(n))) for n in (59, 60, 61, 62, 80)},
    "float": _data_edit(_set(size=1.5)),
    "float count": _text_edit('"num_specs": ', '"num_specs": 1e3, "x": '),
    "NaN and Infinity": _text_edit('"size": "-"', '"size": NaN, "more": -Infinity'),
    "18 digits": _data_edit(_set(size=123456789012345678)),
    "19 digits": _data_edit(_set(size=1234567890123456789)),
    "2**63": _data_edit(lambda m, s: m.update(num_specs=2**63)),
    "-2**63": _data_edit(_set(size=-(2**63))),
    "huge count": _data_edit(lambda m, s: m.update(num_specs=10**40)),
    "duplicate JSON key": _text_edit('"compiler": ', '"compiler": "x", "compiler": '),
    "duplicate hash key": _text_edit('"hash": ', '"hash": "x", "hash": '),
    "duplicate line": _text_edit("layout: cache\n", "layout: cache\nlayout: cache\n"),
    "space before colon": _text_edit('"os": ', '"os" : '),
    "long key": _data_edit(_set(**{"k" * 1030: 1})),
    "escape": _text_edit('"size": "-"', '"size": "\\u00e9\\ud83d\\ude00\\n"'),
    "lone surrogate": _text_edit('"size": "-"', '"size": "\\ud800"'),
    "non-ASCII": _text_edit('"size": "-"', '"size": "ü中😀"'),
    "control character": _text_edit('"size": "-"', '"size": "\x7f"'),
    "tab": _text_edit("layout: cache", "layout:\tcache"),
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "BOM": lambda text: "\ufeff" + text,
    "trailing comment": _text_edit("layout: cache", "layout: cache # generated"),
    "comment line": _text_edit("layout: cache\n", "layout: cache\n# a comment\n\n"),
    "suppression": lambda text: _text_edit(
        "layout: cache", "layout: cache  # cachelint: disable=CL201"
    )(MUTATIONS["stale count"](text)),
    "unused suppression": _text_edit("layout: cache", "layout: cache  # cachelint: disable=CL401"),
    "plain yes": _text_edit("layout: cache", "layout: yes"),
    "plain float title": lambda text: text.replace("title: ", "title: 1.0 #", 1),
    "date title": lambda text: text.replace("title: ", "title: 2025-07-13 #", 1),
    "null title": lambda text: text.replace("title: ", "title: ~ #", 1),
    "wrong tag": lambda text: text.replace("categories: [package, ", "categories: [package, v9", 1),
    "block YAML": _block_yaml,
    "anchor": _text_edit("layout: cache", "layout: &a cache\nalias: *a"),
    "unclosed fence": lambda text: text.rstrip("-\n") + "\n",
    "truncated": lambda text: text[: len(text) * 2 // 3] + "\n---\n",
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic pages of every era, the mutants, and the repository's sample pages."""
    root = tmp_path_factory.mktemp("reference") / "catalog"
    _generator().generate(root, megabytes=CATALOG_MEGABYTES, seed=14)
    pages = sorted(root.glob("_cache/*/*/specs.md"))
    assert len(pages) >= len(MUTATIONS)
    step = len(pages) // len(MUTATIONS)
    for index, mutate in enumerate(MUTATIONS.values()):
        page = pages[index * step]
        page.write_bytes(mutate(page.read_text(encoding="utf-8")).encode())
    shutil.copytree(PAGES / "_cache", root / "_cache", dirs_exist_ok=True)
    assert sum(1 for _ in root.rglob("*.md")) >= WORKERS_FROM
    return root


def _run(folder: Path, *args: str, reference: bool, cache: Path | None = None) -> dict[str, Any]:
    """One ``cachelint check`` of ``folder``: its status, stdout, stderr and report files."""
    out = folder.parent / f"reports-{'reference' if reference else 'lean'}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CACHELINT_", "GITHUB_"))}
    env.pop("FORCE_COLOR", None)
    env.update(NO_COLOR="1", **{DISABLE_VARIABLE: "1"} if reference else {})
    caching = ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    reports = [f"--report={name}={out / name}" for name in REPORTS]
    command = [*cachelint_command(), "check", *caching, "--select", "ALL", *args, *reports]
    done = subprocess.run(
        [*command, folder.name],
        cwd=folder.parent,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    files = {name: (out / name).read_bytes() if (out / name).exists() else b"" for name in REPORTS}
    for name, (clock, blank) in _RUN_CLOCK.items():
        files[name] = clock.sub(blank, files[name])
    return {"status": done.returncode, "stdout": done.stdout, "stderr": done.stderr, **files}


def _assert_same(lean: dict[str, Any], reference: dict[str, Any]) -> None:
    assert (lean["status"], lean["stderr"]) == (reference["status"], reference["stderr"])
    for key in ("stdout", *REPORTS):
        assert lean[key] == reference[key], f"{key} differs between the lean and reference paths"


@pytest.fixture(scope="module")
def reference(catalog: Path) -> dict[str, Any]:
    """The reference path's run of the catalog, every format."""
    return _run(catalog, *JSON, reference=True)


def test_every_format_is_the_same_both_ways(catalog: Path, reference: dict[str, Any]) -> None:
    lean = _run(catalog, *JSON, reference=False)
    _assert_same(lean, reference)
    findings = json.loads(reference["stdout"])
    assert reference["status"] == 1 and reference["stderr"] != b""
    # The mutants reach every stage: parse errors, schema, page and catalog rules.
    codes = {finding["code"] for finding in findings}
    assert {"CL003", "CL004", "CL005", "CL006", "CL102", "CL201", "CL401", "CL601"} <= codes
    assert {"CL010", "CL505"} <= codes


def test_workers_and_the_cache_give_the_reference_bytes(
    catalog: Path, reference: dict[str, Any], tmp_path: Path
) -> None:
    for path in (False, True):
        _assert_same(_run(catalog, *JSON, "-j", "2", reference=path), reference)
        cache = tmp_path / f"cache-{path}"
        for _state in ("cold", "warm"):
            _assert_same(_run(catalog, *JSON, "-j", "2", reference=path, cache=cache), reference)
        assert any(cache.rglob("*")), "the cache was filled"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is not available")
def test_the_real_corpus_is_the_same_both_ways(tmp_path: Path) -> None:
    corpus = tmp_path / "real"
    shutil.copytree(CORPUS, corpus)
    reference = _run(corpus, *JSON, reference=True)
    _assert_same(_run(corpus, *JSON, reference=False), reference)


@pytest.mark.parametrize("reference", [False, True], ids=["lean", "reference"])
def test_the_variable_switches_both_shortcuts(
    monkeypatch: pytest.MonkeyPatch, reference: bool
) -> None:
    """Not two runs of one path: the reference path parses and validates another way."""
    monkeypatch.setenv(DISABLE_VARIABLE, "1" if reference else "0")
    generator = _generator()
    text, _specs = generator.build_page(14, generator.make_tag(14, "v2025.07.0"), "zlib")
    front_matter = split_front_matter(text)
    assert isinstance(front_matter, FrontMatter)
    parsed = parse_front_matter(front_matter, max_depth=DEFAULT_LIMITS.max_depth)
    assert parsed.canonical is not reference and parsed.findings == ()
    explained = []
    monkeypatch.setattr(check, "validate", lambda data, kind: explained.append(kind) or [])
    assert schema_findings(parsed.data, page_kind(parsed.data), canonical=parsed.canonical) == []
    assert explained == ([PageKind.TAGGED] if reference else [])
