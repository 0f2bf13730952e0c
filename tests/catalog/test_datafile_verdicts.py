"""jsonschema-rs and the reference validator agree on the data files they both judge."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from cachelint.schema import verdict as fastschema
from cachelint.schema.explain import build_validator, load_schema, validate_with
from tests.catalog.builder import CatalogBuilder
from tests.conftest import spec

pytest.importorskip("jsonschema_rs")

REAL_TAGS = Path(__file__).resolve().parents[1] / "data" / "real" / "_data"  # kept real pages


def data_files(tmp_path: Path) -> list[tuple[str, Any]]:
    """Data files a catalog holds: a consistent built one, and the real tags file."""
    builder = CatalogBuilder(tmp_path)
    builder.page("develop", "a", [spec(), spec(compiler="gcc@12.3.0", variants=["~ipo"])])
    builder.page("v1.0", "b").consistent()
    files = [
        ("tags", yaml.safe_load(builder.text("_data/tags.yaml"))),
        ("site-meta", yaml.safe_load(builder.text("_data/meta.yaml"))),
    ]
    files.append(("tags", yaml.safe_load((REAL_TAGS / "tags.yaml").read_text())))
    return files


def broken_variants(data: Any) -> list[Any]:
    """The data with one thing wrong each: a key gone, a wrong type, an unknown key, ..."""
    variants = []
    for change in (
        lambda d: d.pop(next(iter(d))),
        lambda d: d.__setitem__(next(iter(d)), 7),
        lambda d: d.__setitem__(next(iter(d)), "1,00"),
        lambda d: d.__setitem__("unexpected", {}),
        lambda d: d.__setitem__(next(iter(d)), -1),
        lambda d: d.clear(),
    ):
        top = copy.deepcopy(data)
        target = top[0] if isinstance(top, list) else top[next(iter(top))]
        change(target)
        variants.append(top)
    variants.append([] if isinstance(data, dict) else {})
    return variants


def reference_valid(data: Any, schema: str) -> bool:
    return validate_with(build_validator(load_schema(schema)), data) == []


def test_same_verdict_on_data_files_and_broken_variants(tmp_path: Path) -> None:
    judged = 0
    for schema, data in data_files(tmp_path):
        assert fastschema.is_plain(data)
        assert fastschema.is_valid_against(data, schema) is reference_valid(data, schema) is True
        for variant in broken_variants(data):
            if fastschema.is_plain(variant):
                judged += 1
                quick = fastschema.is_valid_against(variant, schema)
                assert quick is reference_valid(variant, schema), (schema, variant)
    assert judged >= 12


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        ({"name": "develop", "stacks": ["e4s"], "count": 3, "ok": True, "none": None}, True),
        ("a\\b", False),
        ("caf\u00e9", False),
        ("tab\there", False),
        (2**63, False),
        (-(2**63) + 1, True),
        (1.5, False),
        (datetime.date(2025, 1, 2), False),
        ({1: "x"}, False),
        ({"k\u00e9": 1}, False),
        (b"bytes", False),
    ],
)
def test_plain_data_is_what_the_fast_path_reads(value: Any, plain: bool) -> None:
    assert fastschema.is_plain(value) is plain
    assert fastschema.is_plain([{"deep": [value]}]) is plain
