"""Only the stale value's bytes change: every other byte of the file is kept."""

from __future__ import annotations

import itertools
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.fix.fixkit import (
    LEGACY_META,
    SORTED_META,
    SPECS,
    leftovers,
    page_text,
    run_cli,
    write_page,
)

OWN_ORDER_META = {
    "num_specs_by_stack": {"root": 3, "hep": 1, "e4s": 1},
    **{key: SORTED_META[key] for key in reversed(SORTED_META) if key != "num_specs_by_stack"},
}
ORDERS = {"sorted": SORTED_META, "legacy": LEGACY_META, "own": OWN_ORDER_META}
SEPARATORS = {"default": (", ", ": "), "compact": (",", ":"), "compact-items": (",", ": ")}


def _broken(meta: dict[str, Any]) -> dict[str, Any]:
    """A stale copy: wrong count, a stale and a missing target, the last stack missing."""
    stale = json.loads(json.dumps(meta))
    stale["num_specs"] = 2
    stale["targets"] = ["aarch64", "x86_64_v3"]
    stacks = stale["num_specs_by_stack"]
    del stacks[list(stacks)[-1]]
    return stale


def _fix_round_trip(tmp_path: Path, clean: str, broken: str) -> Path:
    """Write ``broken``, --fix it, and check it became ``clean``, then stays so.

    A byte-order mark is removed too (CL007): Jekyll would not see the page.
    """
    clean = clean.removeprefix("\ufeff")
    path = write_page(tmp_path, broken)
    first = run_cli("check", "--fix", path)
    assert first.status == 0, first.out + first.err
    assert path.read_bytes() == clean.encode("utf-8")
    assert leftovers(path.parent) == []
    second = run_cli("check", "--fix", path)
    assert "Fixed 0 findings in 0 files." in second.out
    assert path.read_bytes() == clean.encode("utf-8")
    return path


@pytest.mark.parametrize(
    ("order", "separators", "newline", "final_newline", "bom"),
    list(itertools.product(ORDERS, SEPARATORS, ["\n", "\r\n"], [False, True], [False, True])),
)
def test_fix_changes_only_the_meta_value(
    tmp_path: Path, order: str, separators: str, newline: str, final_newline: bool, bom: bool
) -> None:
    options = {
        "separators": SEPARATORS[separators],
        "newline": newline,
        "final_newline": final_newline,
        "bom": bom,
    }
    clean = page_text(ORDERS[order], **options)
    broken = page_text(_broken(ORDERS[order]), **options)
    assert broken != clean
    _fix_round_trip(tmp_path, clean, broken)


@pytest.mark.parametrize(
    ("key", "suffix"),
    [
        ("meta: ", ""),
        ('"meta": ', ""),
        ("meta:   ", "   # derived: do not edit"),
        ("meta:\n  ", ""),
    ],
    ids=["plain", "quoted-key", "trailing-comment", "value-on-next-line"],
)
def test_the_rest_of_the_meta_line_and_the_file_are_kept(
    tmp_path: Path, key: str, suffix: str
) -> None:
    extra = ("# généré automatiquement \u2014 ne pas éditer", "#   meta: {} (an example)")
    body = '\n# Pkg\n\nmeta: {"num_specs": 2} is how it reads.\n\n---\ntrailing rule\n'

    def text(meta: dict[str, Any]) -> str:
        page = page_text(meta, extra=extra, body=body)
        return page.replace("meta: " + json.dumps(meta), key + json.dumps(meta) + suffix, 1)

    clean, broken = text(SORTED_META), text(_broken(SORTED_META))
    _fix_round_trip(tmp_path, clean, broken)


@pytest.mark.parametrize("ensure_ascii", [True, False], ids=["escaped", "raw"])
def test_non_ascii_in_a_stale_value_is_read_in_the_pages_escaping(
    tmp_path: Path, ensure_ascii: bool
) -> None:
    stale = dict(SORTED_META, targets=["x86_64_v3", "zén4", "zen4"])
    broken = page_text(stale, ensure_ascii=ensure_ascii)
    assert ("zén4" in broken) is not ensure_ascii
    _fix_round_trip(tmp_path, page_text(SORTED_META, ensure_ascii=ensure_ascii), broken)


def test_mode_bits_are_kept(tmp_path: Path) -> None:
    path = write_page(tmp_path, page_text(_broken(SORTED_META)))
    os.chmod(path, 0o640)
    assert run_cli("check", "--fix", path).status == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == page_text(SORTED_META)


def test_specs_sorted_by_hash_change_only_the_spec_details_value(tmp_path: Path) -> None:
    for options in ({"newline": "\r\n", "bom": True}, {"separators": (",", ":")}):
        clean = page_text(SORTED_META, SPECS, **options)
        broken = page_text(SORTED_META, [SPECS[2], SPECS[0], SPECS[1]], **options)
        path = write_page(tmp_path, broken)
        assert run_cli("check", "--fix", "--extend-select", "CL403", path).status == 0
        assert path.read_bytes() == clean.removeprefix("\ufeff").encode("utf-8")  # CL007 too
