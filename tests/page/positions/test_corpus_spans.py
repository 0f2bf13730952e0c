"""Property: on real pages, a value changed anywhere is reported at its exact text.

A value at a random JSON path inside ``meta`` or ``spec_details`` is replaced
by a sentinel of the wrong type (the schema must report CL102 there); the page
is written back with LF or CRLF line endings, with or without a BOM, and with
or without non-ASCII text earlier on the same line. The reported span must
slice exactly the sentinel's JSON text out of the file, and every other
diagnostic's span must hold the value its pointer names.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cachelint.page.split import FrontMatter, split_front_matter
from cachelint.pointer import from_pointer, to_pointer
from tests.helpers import CORPUS, DATA, check_file, file_text, span_offsets, span_text

REAL = DATA / "real"

T = TypeVar("T")
Pick = Callable[[Sequence[T]], T]

SECTIONS = ("meta", "spec_details")
WIDE = "é😀中"  # one code point each; 2, 4 and 3 UTF-8 bytes


@dataclass(frozen=True)
class Original:
    """A real page: its lines and its JSON sections."""

    relative: Path
    lines: tuple[str, ...]
    sections: dict[str, Any]


@cache
def load_original(path: Path, root: Path) -> Original | None:
    """The page, if its front matter parses and has a single-line JSON section."""
    text = path.read_text(encoding="utf-8")
    front_matter = split_front_matter(text)
    if not isinstance(front_matter, FrontMatter):
        return None
    try:
        data = yaml.safe_load(front_matter.text)
    except yaml.YAMLError:
        return None
    lines = tuple(text.split("\n"))
    sections = {
        name: data[name]
        for name in SECTIONS
        if isinstance(data, dict)
        and isinstance(data.get(name), dict | list)
        and data[name]
        and any(line.startswith(f"{name}: ") for line in lines)
    }
    return Original(path.relative_to(root), lines, sections) if sections else None


def pages_below(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return [p for p in sorted(root.rglob("*.md")) if load_original(p, root) is not None]


FIXTURES = DATA / "pages"
FIXTURE_PAGES = pages_below(FIXTURES)
CORPUS_PAGES = pages_below(CORPUS.resolve())
KEPT_PAGES = pages_below(REAL)  # real pages kept in this repository (tests/data/README.md)


def json_paths(value: Any, prefix: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """Every path below ``prefix``, in document order (pre-order)."""
    children = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in children:
        yield (*prefix, key)
        if isinstance(child, dict | list):
            yield from json_paths(child, (*prefix, key))


def get(data: Any, parts: Sequence[Any]) -> Any:
    for part in parts:
        data = data[part]
    return data


def existing(data: Any, pointer: str) -> Any:
    """The value at the pointer, or at its deepest existing parent."""
    for part in from_pointer(pointer):
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, dict):
            matches = [v for k, v in data.items() if str(k) == part]
            if not matches:
                break
            data = matches[0]
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            break
    return data


@dataclass(frozen=True)
class Mutated:
    raw: bytes
    pointer: str
    sentinel_json: str


def mutate(original: Original, pick: Pick[Any]) -> Mutated:
    """Replace one value with a wrong-typed sentinel; vary encoding details."""
    section = pick(sorted(original.sections))
    data = json.loads(json.dumps(original.sections[section]))
    paths = list(json_paths(data, (section,)))
    path = pick(paths)
    old = get(data, path[1:-1])[path[-1]]
    sentinel: Any = ["ŝentinel😀", {"k": 1}] if isinstance(old, dict) else {"ŝentinel😀": [1]}
    if pick([False, True]):
        _widen_a_string_before(data, paths[: paths.index(path)])
    get(data, path[1:-1])[path[-1]] = sentinel
    new_line = f"{section}: {json.dumps(data, ensure_ascii=False)}"
    lines = [new_line if line.startswith(f"{section}: ") else line for line in original.lines]
    newline = pick(["\n", "\r\n"])
    bom = "\ufeff" if pick([False, True]) else ""
    raw = (bom + newline.join(lines)).encode("utf-8")
    return Mutated(raw, to_pointer(path), json.dumps(sentinel, ensure_ascii=False))


def _widen_a_string_before(data: Any, earlier: Sequence[tuple[Any, ...]]) -> None:
    for path in earlier:
        value = get(data, path[1:])
        if isinstance(value, str):
            get(data, path[1:-1])[path[-1]] = value + WIDE
            return


def assert_reported_exactly(original: Original, mutated: Mutated, workdir: Path) -> None:
    path = workdir / original.relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(mutated.raw)
    diagnostics = check_file(path).diagnostics
    text = file_text(mutated.raw)

    at_pointer = [d for d in diagnostics if d.pointer == mutated.pointer and d.code == "CL102"]
    assert len(at_pointer) == 1, (mutated.pointer, diagnostics)
    position = at_pointer[0].position
    assert span_text(text, position) == mutated.sentinel_json
    start = text.index(mutated.sentinel_json)
    assert span_offsets(text, position) == (start, start + len(mutated.sentinel_json))

    front_matter = split_front_matter(text)
    assert isinstance(front_matter, FrontMatter)
    data = yaml.safe_load(front_matter.text)
    for diagnostic in diagnostics:
        if diagnostic.pointer:
            indent = " " * (diagnostic.position.column - 1)
            spanned = yaml.safe_load(indent + span_text(text, diagnostic.position))
            assert spanned == existing(data, diagnostic.pointer), diagnostic


@pytest.mark.skipif(not FIXTURE_PAGES, reason="no fixture pages")
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_changed_value_is_reported_at_its_exact_span(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page = data.draw(st.sampled_from(FIXTURE_PAGES))
    original = load_original(page, FIXTURES)
    assert original is not None

    def pick(options: Sequence[Any]) -> Any:
        return data.draw(st.sampled_from(options))

    assert_reported_exactly(original, mutate(original, pick), tmp_path_factory.getbasetemp())


@pytest.mark.skipif(not CORPUS_PAGES, reason="the shared corpus is not present")
@pytest.mark.parametrize(
    "page",
    CORPUS_PAGES,
    ids=[str(p.relative_to(CORPUS.resolve())) for p in CORPUS_PAGES],
)
def test_every_corpus_page(page: Path, tmp_path: Path) -> None:
    original = load_original(page, CORPUS.resolve())
    assert original is not None
    _check_every_value(original, tmp_path)


@pytest.mark.parametrize("page", KEPT_PAGES, ids=[str(p.relative_to(REAL)) for p in KEPT_PAGES])
def test_every_kept_real_page(page: Path, tmp_path: Path) -> None:
    original = load_original(page, REAL)
    assert original is not None
    _check_every_value(original, tmp_path)


def _check_every_value(original: Original, tmp_path: Path) -> None:
    rng = random.Random(str(original.relative))
    assert_reported_exactly(original, mutate(original, rng.choice), tmp_path)
