"""``related``: a finding about several places keeps each one in the JSON formats."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_check import cachelint, write
from tests.conftest import column_of, page_text, spec

PAGE = "_cache/develop/bc/specs.md"
SPECS = [
    spec(hash="a" * 32, stacks=["e4s"]),
    spec(hash="b" * 32, stacks=["root"]),
    spec(hash="c" * 32, stacks=[]),
]


def _related(text: str, needle: str, occurrence: int = 1) -> dict[str, object]:
    column = column_of(text, 6, needle, occurrence)
    return {"line": 6, "column": column, "end_line": 6, "end_column": column + len(needle)}


def test_json_lists_every_related_place_with_its_span(tmp_path: Path) -> None:
    text = page_text(SPECS)
    write(tmp_path, PAGE, text)
    result = cachelint("check", "--no-cache", "--output-format", "json", PAGE, cwd=tmp_path)
    [finding] = json.loads(result.stdout)
    assert finding["code"] == "CL203"
    assert finding["related"] == [
        {"pointer": "/spec_details/0/stacks", **_related(text, '["e4s"]')},
        {"pointer": "/spec_details/2/stacks", **_related(text, "[]")},
    ]


def test_json_lines_and_the_result_cache_keep_related(tmp_path: Path) -> None:
    write(tmp_path, PAGE, page_text(SPECS))
    cache = str(tmp_path / "cache")
    runs = [
        cachelint(
            "check", "--cache-dir", cache, "--output-format", "json-lines", PAGE, cwd=tmp_path
        )
        for _ in range(2)  # the second run reads the result from the cache
    ]
    first, second = ([json.loads(line) for line in run.stdout.splitlines()] for run in runs)
    assert first == second
    assert [item["pointer"] for item in first[0]["related"]] == [
        "/spec_details/0/stacks",
        "/spec_details/2/stacks",
    ]


def test_findings_about_one_place_have_no_related(tmp_path: Path) -> None:
    write(tmp_path, PAGE, page_text(meta={"num_specs": 1}))
    result = cachelint("check", "--no-cache", "--output-format", "json", PAGE, cwd=tmp_path)
    assert all(finding["related"] == [] for finding in json.loads(result.stdout))
