"""The data files' parse results, remembered across runs by their text."""

from __future__ import annotations

from pathlib import Path

import pytest

from cachelint.model import Finding
from cachelint.page.yamlparse import parse_yaml
from cachelint.run.cache.yamlmemo import YamlMemo
from tests.tests_support import make_store

TAGS = "- name: develop\n  stacks:\n  - e4s\n  - root\n"
BROKEN = "- name: develop\n  name: twice\n"


def parse(memo: YamlMemo, text: str):
    return memo.parse(text, first_line=1, max_depth=64)


def test_a_saved_result_is_not_parsed_again(tmp_path: Path, monkeypatch) -> None:
    memo = YamlMemo.in_store(make_store(tmp_path))
    assert parse(memo, TAGS) == parse_yaml(TAGS, first_line=1)
    assert parse(memo, BROKEN).findings == parse_yaml(BROKEN, first_line=1).findings
    memo.save()

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr("cachelint.page.yamlparse.parse_yaml", no_parsing)
    again = YamlMemo.in_store(make_store(tmp_path))
    assert parse(again, TAGS).data == [{"name": "develop", "stacks": ["e4s", "root"]}]
    (duplicate,) = parse(again, BROKEN).findings
    assert duplicate.code == "CL004" and duplicate.position is not None


def test_the_options_are_part_of_the_key(tmp_path: Path) -> None:
    memo = YamlMemo.in_store(make_store(tmp_path))
    assert parse(memo, TAGS).findings == ()
    shallow = memo.parse(TAGS, first_line=1, max_depth=2)
    assert [f.code for f in shallow.findings] == ["CL006"]


def test_a_save_keeps_only_what_the_run_used(tmp_path: Path) -> None:
    memo = YamlMemo.in_store(make_store(tmp_path))
    parse(memo, TAGS)
    parse(memo, "old: 1\n")
    memo.save()
    later = YamlMemo.in_store(make_store(tmp_path))
    parse(later, TAGS)
    parse(later, "new: 2\n")
    later.save()
    assert len(YamlMemo.in_store(make_store(tmp_path))._entries()) == 2


def test_dates_are_parsed_every_time(tmp_path: Path) -> None:
    memo = YamlMemo.in_store(make_store(tmp_path))
    assert str(parse(memo, "day: 2025-01-02\n").data["day"]) == "2025-01-02"
    memo.save()
    assert not (tmp_path / memo.name).exists()


@pytest.mark.parametrize("content", [b"\x00garbage", b""])
def test_a_corrupt_memo_is_ignored_and_rewritten(tmp_path: Path, content: bytes) -> None:
    memo = YamlMemo.in_store(make_store(tmp_path))
    (tmp_path / memo.name).write_bytes(content)
    assert parse(memo, TAGS).findings == ()
    memo.save()
    assert len(YamlMemo.in_store(make_store(tmp_path))._entries()) == 1


def test_schema_findings_are_remembered_by_text_and_schema(tmp_path: Path) -> None:
    memo = YamlMemo.in_store(make_store(tmp_path))
    missing = (Finding("CL101", "front matter: required key 'stacks' is missing", "/0/stacks"),)
    assert memo.schema_findings(TAGS, "tags", lambda: missing) == missing
    assert memo.schema_findings(TAGS, "site-meta", lambda: ()) == ()
    memo.save()

    def no_validation() -> tuple[Finding, ...]:
        raise AssertionError("validated again")

    again = YamlMemo.in_store(make_store(tmp_path))
    assert again.schema_findings(TAGS, "tags", no_validation) == missing
    assert again.schema_findings(TAGS, "site-meta", no_validation) == ()


@pytest.mark.parametrize(
    "data", [{1: "integer key"}, [float("nan")], {"a": (1, 2)}, {"n": 1.0}, [True, 1]]
)
def test_only_data_that_json_gives_back_exactly_is_remembered(data) -> None:
    from cachelint.model import Parsed
    from cachelint.run.cache.yamlmemo import _encode

    expected = data in ({"n": 1.0}, [True, 1])
    assert (_encode(Parsed(data, ())) is not None) is expected


def test_a_memo_the_checked_tree_forged_is_not_believed(tmp_path: Path) -> None:
    memo = YamlMemo.in_store(make_store(tmp_path))
    parse(memo, BROKEN)
    memo.save()
    forged = YamlMemo.in_store(make_store(tmp_path / "other"))  # another key
    (tmp_path / "other" / forged.name).write_bytes((tmp_path / memo.name).read_bytes())
    assert forged._entries() == {}
    assert [f.code for f in parse(forged, BROKEN).findings] == ["CL004"]
