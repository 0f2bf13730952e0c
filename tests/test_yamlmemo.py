"""The data files' parse results, remembered across runs by their text."""

from __future__ import annotations

from pathlib import Path

import pytest

from cachelint.model import Finding
from cachelint.yamlmemo import YamlMemo
from cachelint.yamlparse import parse_yaml

TAGS = "- name: develop\n  stacks:\n  - e4s\n  - root\n"
BROKEN = "- name: develop\n  name: twice\n"


def parse(memo: YamlMemo, text: str):
    return memo.parse(text, first_line=1, max_depth=64)


def test_a_saved_result_is_not_parsed_again(tmp_path: Path, monkeypatch) -> None:
    memo = YamlMemo.in_folder(tmp_path)
    assert parse(memo, TAGS) == parse_yaml(TAGS, first_line=1)
    assert parse(memo, BROKEN).findings == parse_yaml(BROKEN, first_line=1).findings
    memo.save()

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr("cachelint.yamlparse.parse_yaml", no_parsing)
    again = YamlMemo.in_folder(tmp_path)
    assert parse(again, TAGS).data == [{"name": "develop", "stacks": ["e4s", "root"]}]
    (duplicate,) = parse(again, BROKEN).findings
    assert duplicate.code == "CL004" and duplicate.position is not None


def test_the_options_are_part_of_the_key(tmp_path: Path) -> None:
    memo = YamlMemo.in_folder(tmp_path)
    assert parse(memo, TAGS).findings == ()
    shallow = memo.parse(TAGS, first_line=1, max_depth=2)
    assert [f.code for f in shallow.findings] == ["CL006"]


def test_a_save_keeps_only_what_the_run_used(tmp_path: Path) -> None:
    memo = YamlMemo.in_folder(tmp_path)
    parse(memo, TAGS)
    parse(memo, "old: 1\n")
    memo.save()
    later = YamlMemo.in_folder(tmp_path)
    parse(later, TAGS)
    parse(later, "new: 2\n")
    later.save()
    assert len(YamlMemo.in_folder(tmp_path)._entries()) == 2


def test_dates_are_parsed_every_time(tmp_path: Path) -> None:
    memo = YamlMemo.in_folder(tmp_path)
    assert str(parse(memo, "day: 2025-01-02\n").data["day"]) == "2025-01-02"
    memo.save()
    assert not memo.file.exists()


@pytest.mark.parametrize("content", [b"\x00garbage", b""])
def test_a_corrupt_memo_is_ignored_and_rewritten(tmp_path: Path, content: bytes) -> None:
    memo = YamlMemo.in_folder(tmp_path)
    memo.file.write_bytes(content)
    assert parse(memo, TAGS).findings == ()
    memo.save()
    assert len(YamlMemo.in_folder(tmp_path)._entries()) == 1


def test_schema_findings_are_remembered_by_text_and_schema(tmp_path: Path) -> None:
    memo = YamlMemo.in_folder(tmp_path)
    missing = (Finding("CL101", "front matter: required key 'stacks' is missing", "/0/stacks"),)
    assert memo.schema_findings(TAGS, "tags", lambda: missing) == missing
    assert memo.schema_findings(TAGS, "site-meta", lambda: ()) == ()
    memo.save()

    def no_validation() -> tuple[Finding, ...]:
        raise AssertionError("validated again")

    again = YamlMemo.in_folder(tmp_path)
    assert again.schema_findings(TAGS, "tags", no_validation) == missing
    assert again.schema_findings(TAGS, "site-meta", no_validation) == ()
