"""Records behave as the frozen and plain dataclasses they replace."""

from __future__ import annotations

import ast
import copy
import pickle
from pathlib import Path

import pytest

from cachelint.baseline.key import BaselineKey
from cachelint.model import Finding, Page, PageKind, Position, SiteData, TagDeclaration
from cachelint.record import MutableRecord, Record, fill, replace
from cachelint.rules.registry import load_rules


class Pair(Record):
    __slots__ = ("_total", "left", "right")

    def __init__(self, left: int, right: int = 0) -> None:
        fill(self, left, right)
        object.__setattr__(self, "_total", left + right)


class Counter(MutableRecord):
    __slots__ = ("count", "name")

    def __init__(self, name: str, count: int = 0) -> None:
        fill(self, name, count)


def test_the_fields_are_the_parameters_of_init_in_order() -> None:
    assert Pair._fields == ("left", "right")
    assert Finding._fields == ("code", "message", "pointer", "position", "related")


def test_records_compare_and_hash_by_value_and_class() -> None:
    assert Pair(1, 2) == Pair(1, 2)
    assert Pair(1, 2) != Pair(2, 1)
    assert hash(Pair(1, 2)) == hash(Pair(1, 2))
    assert len({Pair(1, 2), Pair(1, 2), Pair(1)}) == 2
    assert Pair(1, 2) != (1, 2)  # another class is never equal, as for dataclasses


def test_a_derived_slot_is_not_a_field() -> None:
    pair = Pair(1, 2)
    assert pair._total == 3
    assert repr(pair) == "Pair(left=1, right=2)"
    assert replace(pair, right=5)._total == 6


def test_a_record_is_read_only() -> None:
    finding = Finding("CL101", "message")
    with pytest.raises(AttributeError, match="cannot assign"):
        finding.code = "CL102"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="cannot delete"):
        del finding.code  # type: ignore[misc]
    with pytest.raises(AttributeError):
        finding.extra = 1  # type: ignore[attr-defined]


def test_a_mutable_record_changes_and_is_not_hashable() -> None:
    counter = Counter("pages")
    counter.count += 2
    assert counter == Counter("pages", 2)
    with pytest.raises(TypeError):
        hash(counter)


def test_repr_is_the_dataclass_repr() -> None:
    assert repr(Position(1, 2)) == "Position(line=1, column=2, end_line=None, end_column=None)"


def test_records_pickle_and_copy_by_their_fields() -> None:
    site = SiteData(
        "root", "_data/tags.yaml", (TagDeclaration("develop", frozenset({"e4s"}), 0),), "d"
    )
    page = Page("p.md", PageKind.TAGGED, {"title": "zlib"}, site=site)
    for copied in (pickle.loads(pickle.dumps(page)), copy.copy(page), copy.deepcopy(page)):
        assert copied == page
        assert copied.site is not None and copied.site.declares("develop")
    counter = pickle.loads(pickle.dumps(Counter("pages", 3)))
    assert counter == Counter("pages", 3)


def test_replace_changes_the_named_fields_only() -> None:
    finding = Finding("CL101", "message", "/meta")
    assert replace(finding, pointer="/title") == Finding("CL101", "message", "/title")
    assert finding.pointer == "/meta"
    with pytest.raises(TypeError, match="no field 'line'"):
        replace(finding, line=3)


def test_init_sets_every_field_once() -> None:
    with pytest.raises(ValueError):
        fill(Pair.__new__(Pair), 1)  # one value short


def test_baseline_keys_sort_by_path_code_pointer_value() -> None:
    keys = [BaselineKey("b.md", "CL101", "", "x"), BaselineKey("a.md", "CL201", "/z", "")]
    keys.append(BaselineKey("a.md", "CL201", "/a", ""))
    assert sorted(keys) == [keys[2], keys[1], keys[0]]


def test_a_registry_derives_its_outside_codes() -> None:
    registry = load_rules()
    assert registry.outside_codes == frozenset()
    assert "outside_codes" not in registry._fields


def test_no_module_of_cachelint_makes_dataclasses() -> None:
    # A dataclass compiles its methods when its module is imported: half a
    # millisecond a class, on every pre-commit run (orjson imports the module
    # itself; making the classes is what costs).
    source = Path(__file__).resolve().parents[1] / "src" / "cachelint"
    users = [
        path.relative_to(source).as_posix()
        for path in sorted(source.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (
            isinstance(node, ast.ImportFrom | ast.Import)
            and any(alias.name == "dataclasses" for alias in node.names)
        )
        or (isinstance(node, ast.ImportFrom) and node.module == "dataclasses")
    ]
    assert users == []
