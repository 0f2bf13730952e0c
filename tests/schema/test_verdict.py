"""jsonschema-rs and the reference validator agree on every page the fast path reads."""

from __future__ import annotations

import copy
import json
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cachelint.page import jsonlines as fastpath
from cachelint.page.parse import page_kind
from cachelint.page.split import FrontMatter, split_front_matter
from cachelint.schema import verdict as fastschema
from cachelint.schema.explain import validate

pytest.importorskip("jsonschema_rs")

REPO = Path(__file__).resolve().parents[2]
FOLDERS = [REPO / ".." / "shared" / "corpus" / "real", REPO / ".." / "shared" / "seeds"]
FOLDERS.append(REPO / "examples")


def canonical_pages() -> list[dict[str, Any]]:
    """The data of every page (corpus when present, examples always) the fast path reads."""
    pages = []
    for folder in FOLDERS:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt")):
            front_matter = split_front_matter(path.read_text(encoding="utf-8"))
            if isinstance(front_matter, FrontMatter):
                data = fastpath.parse(front_matter.text)
                if data is not None:
                    pages.append(data)
    return pages


PAGES = canonical_pages()


def reread(data: dict[str, Any]) -> dict[str, Any] | None:
    """The data written as a canonical page and read back by the fast path."""
    text = "".join(f"{key}: {json.dumps(value)}\n" for key, value in data.items())
    return fastpath.parse(text)


def assert_same_verdict(data: dict[str, Any]) -> bool:
    kind = page_kind(data)
    reference_valid = validate(data, kind) == []
    assert fastschema.is_valid(data, kind) is reference_valid, data
    return reference_valid


def test_jsonschema_rs_is_installed() -> None:
    assert fastschema.available()


def test_same_verdict_on_every_page() -> None:
    assert len(PAGES) >= 4
    verdicts = [assert_same_verdict(page) for page in PAGES]
    assert all(verdicts)  # every page the fast path reads is valid


def _set(path: list[Any], value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _delete(path: list[Any]) -> Any:
    def change(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


BREAKAGES = {
    "negative count": _set(["meta", "num_specs"], -1),
    "count as string": _set(["meta", "num_specs"], "3"),
    "bool as count": _set(["meta", "num_specs"], True),
    "title with capitals": _set(["title"], "Zlib"),
    "title with a space": _set(["title"], "z lib"),
    "layout": _set(["layout"], "table"),
    "three categories": _set(["categories"], ["package", "develop", "x"]),
    "category": _set(["categories", 0], "packages"),
    "missing meta": _delete(["meta"]),
    "missing hash": _delete(["spec_details", 0, "hash"]),
    "short hash": _set(["spec_details", 0, "hash"], "abc"),
    "upper-case hash": _set(["spec_details", 0, "hash"], "A" * 32),
    "hash with 1": _set(["spec_details", 0, "hash"], "1" * 32),
    "negative size": _set(["spec_details", 0, "size"], -12),
    "size text": _set(["spec_details", 0, "size"], "12 MB"),
    "http tarball": _set(["spec_details", 0, "tarball"], "http://x/y.spack"),
    "tarball with a space": _set(["spec_details", 0, "tarball"], "https://x/ y.spack"),
    "bad variant": _set(["spec_details", 0, "variants"], ["+ x"]),
    "no versions": _set(["spec_details", 0, "versions"], []),
    "unexpected spec key": _set(["spec_details", 0, "extra"], 1),
    "unexpected top key": _set(["extra"], "x"),
    "bad stack name": _set(["meta", "num_specs_by_stack", "-bad"], 1),
    "compiler": _set(["spec_details", 0, "compiler"], "gcc 11"),
    "null": _set(["meta", "oss"], None),
}


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_same_verdict_on_broken_pages(breakage: Any) -> None:
    tested = 0
    for page in PAGES:
        if page_kind(page).value != "catalog-page":
            continue
        broken = copy.deepcopy(page)
        breakage(broken)
        broken = reread(broken)
        assert broken is not None
        assert assert_same_verdict(broken) is False
        tested += 1
    assert tested


ASCII = st.text(alphabet=string.printable.replace("\\", "").strip("\t\n\r\x0b\x0c"), max_size=40)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**62), max_value=2**62)
    | ASCII
    | st.from_regex(r"[a-z2-7]{32}", fullmatch=True)
    | st.sampled_from(["-", "gcc@=11.4.0", "none", "+x", "~x", "a=b", "root", "linux", "1.2"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(ASCII, children, max_size=3),
    max_leaves=8,
)


def _pointers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _pointers(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _pointers(item, (*path, index))
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_property_same_verdict_on_damaged_pages(data: st.DataObject) -> None:
    page = copy.deepcopy(data.draw(st.sampled_from(PAGES)))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(_pointers(page)[1:]))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        target = page
        for part in path[:-1]:
            target = target[part]
        if action == "delete":
            del target[path[-1]]
        elif action == "add" and isinstance(target, dict):
            target[data.draw(ASCII)] = data.draw(VALUES)
        else:
            target[path[-1]] = data.draw(VALUES)
        if not page:
            break
    reread_page = reread(page) if isinstance(page, dict) else None
    if reread_page is not None:
        assert_same_verdict(reread_page)
