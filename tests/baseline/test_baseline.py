"""Baselines: keys that survive line shifts, the file format, and the partition of a run."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from cachelint.baseline.file import (
    Baseline,
    BaselineError,
    baseline_of,
    load_baseline,
    partition,
    render_baseline,
    write_baseline,
)
from cachelint.baseline.key import BaselineKey, KeyMaker
from tests.conftest import page_text, spec
from tests.helpers import check_file

PAGE = "_cache/develop/bc/specs.md"
BROKEN = page_text(meta={"num_specs": 2})  # CL201 and more: meta is incomplete


def _page(root: Path, text: str, relative: str = PAGE) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _diagnostics(path: Path):  # type: ignore[no-untyped-def]
    return check_file(path).diagnostics


def test_keys_name_the_page_below_its_catalog_and_no_line(tmp_path: Path) -> None:
    (tmp_path / "site" / "_data").mkdir(parents=True)
    path = _page(tmp_path / "site", BROKEN)
    keys = {KeyMaker().key(d) for d in _diagnostics(path)}
    assert {key.path for key in keys} == {PAGE}
    assert all(key.value.startswith("sha256:") for key in keys)


def test_a_line_shift_keeps_the_keys_and_a_changed_value_changes_them(tmp_path: Path) -> None:
    path = _page(tmp_path, BROKEN)
    before = {KeyMaker().key(d) for d in _diagnostics(path)}
    _page(tmp_path, BROKEN.replace("---\n", "---\n# a new first line\n\n", 1))
    assert {KeyMaker().key(d) for d in _diagnostics(path)} == before
    _page(tmp_path, page_text(meta={"num_specs": 3}))
    after = {KeyMaker().key(d) for d in _diagnostics(path)}
    changed = {key.pointer for key in before ^ after}
    assert changed == {"/meta/num_specs"}


def test_partition_splits_new_baselined_and_gone(tmp_path: Path) -> None:
    first = _page(tmp_path, BROKEN)
    other = _page(tmp_path, page_text([spec(stacks=["e4s"])]), "_cache/develop/cmake/specs.md")
    baseline = baseline_of([*_diagnostics(first), *_diagnostics(other)])
    _page(tmp_path, page_text(meta={"num_specs": 3}))  # one finding of bc changes value
    _page(tmp_path, page_text(), "_cache/develop/cmake/specs.md")  # cmake is fixed
    now = _diagnostics(first)
    split = partition(now, baseline, checked=[str(first)])
    assert [d.pointer for d in split.new] == ["/meta/num_specs"]
    assert len(split.baselined) == len(now) - 1
    # cmake was not checked: its entry is neither matched nor gone; bc's old value is gone.
    assert [(key.path, key.pointer) for key in split.gone] == [(PAGE, "/meta/num_specs")]
    split = partition([], baseline, checked=[str(first), str(other)])
    assert {key.path for key in split.gone} == {PAGE, "_cache/develop/cmake/specs.md"}


def test_a_written_baseline_reads_back_sorted_and_stable(tmp_path: Path) -> None:
    keys = [BaselineKey("_cache/b/x/specs.md", "CL201", "/meta/num_specs", "sha256:1")] * 2
    keys.append(BaselineKey("_cache/a/x/spéc.md", "CL203", "/spec_details/0/stacks", "v"))
    baseline = Baseline(Counter(keys))
    target = tmp_path / "baseline.json"
    write_baseline(target, baseline)
    text = target.read_text(encoding="ascii")
    assert text == render_baseline(load_baseline(target))
    assert load_baseline(target).entries == baseline.entries
    data = json.loads(text)
    assert data["cachelint_baseline"] == 1
    assert [entry["path"] for entry in data["findings"]] == [
        "_cache/a/x/spéc.md",
        "_cache/b/x/specs.md",
    ]
    assert data["findings"][1]["count"] == 2
    assert len(text.splitlines()) == 5 + 2  # one line per entry: diffs show each


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "invalid JSON"),
        (b"\xff\xfe", "invalid JSON"),
        (b"[]", "not a baseline"),
        (b'{"cachelint_baseline": 2, "findings": []}', "version 2 is not supported"),
        (b'{"cachelint_baseline": 1, "findings": {}}', "'findings' must be a list"),
        (b'{"cachelint_baseline": 1, "findings": [{"code": "CL201"}]}', "findings[0] must be"),
        (
            b'{"cachelint_baseline": 1, "findings": [{"path": "p", "code": "c", "pointer": "",'
            b' "value": "v", "count": 0}]}',
            "findings[0] must be",
        ),
    ],
)
def test_a_malformed_baseline_is_a_usage_error(tmp_path: Path, content: bytes, says: str) -> None:
    target = tmp_path / "baseline.json"
    target.write_bytes(content)
    with pytest.raises(BaselineError, match=None) as raised:
        load_baseline(target)
    assert says in str(raised.value)
    assert str(raised.value).startswith(f"{target}: ")


def test_a_huge_or_missing_baseline_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    target.write_bytes(b" " * 100)
    with pytest.raises(BaselineError, match="larger than 10 bytes"):
        load_baseline(target, max_size=10)
    with pytest.raises(BaselineError, match="cannot read the baseline"):
        load_baseline(tmp_path / "missing.json")
