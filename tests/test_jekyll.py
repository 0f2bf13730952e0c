"""Pages are read as Jekyll 4.3 reads them: a byte-order mark, '...' and impossible dates."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_check import cachelint, write
from tests.conftest import column_of, page_text, spec

BOM = b"\xef\xbb\xbf"
PAGE = "_cache/develop/bc/specs.md"


def test_a_byte_order_mark_is_reported_at_the_start(check_page) -> None:
    assert check_page(BOM + page_text().encode()) == [("CL007", 1, 1)]
    assert check_page(page_text()) == []


def test_the_page_behind_the_mark_is_still_checked(check_page) -> None:
    text = page_text(meta={**_meta(), "num_specs": 2})
    assert check_page(BOM + text.encode()) == [("CL007", 1, 1), *check_page(text)]


def test_a_mark_before_no_front_matter_is_left_to_cl002(check_page) -> None:
    assert [code for code, *_ in check_page(BOM + b"# just text\n")] == ["CL002"]


def test_fix_removes_only_the_mark(tmp_path: Path) -> None:
    text = page_text().encode()
    path = write(tmp_path, PAGE, BOM + text)
    done = cachelint("check", "--no-cache", "--fix", PAGE, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert path.read_bytes() == text
    assert "Fixed 1 finding in 1 file." in done.stdout


def test_fix_removes_the_mark_of_a_page_that_does_not_parse(tmp_path: Path) -> None:
    broken = b'---\ntitle: "bc" x"\n---\n'
    path = write(tmp_path, PAGE, BOM + broken)
    done = cachelint("check", "--no-cache", "--fix", "--output-format", "json", PAGE, cwd=tmp_path)
    assert path.read_bytes() == broken
    assert [finding["code"] for finding in json.loads(done.stdout)] == ["CL003"]


def test_fix_leaves_the_mark_when_cl007_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, PAGE, BOM + page_text().encode())
    done = cachelint("check", "--no-cache", "--fix", "--ignore", "CL007", PAGE, cwd=tmp_path)
    assert done.returncode == 0
    assert path.read_bytes().startswith(BOM)


def test_an_impossible_date_is_a_wrong_type_at_its_value(check_page) -> None:
    text = page_text([spec(versions=["2025-02-30"])]).replace('"2025-02-30"', "2025-02-30")
    expected = [
        ("CL102", 5, column_of(text, 5, "2025-02-30")),
        ("CL102", 6, column_of(text, 6, "2025-02-30")),
    ]
    assert check_page(text) == expected


def test_an_impossible_date_quoted_is_a_version(check_page) -> None:
    assert check_page(page_text([spec(versions=["2025-02-30"])])) == []


def test_an_impossible_date_says_what_it_is(tmp_path: Path) -> None:
    text = page_text().replace('"title": "bc"', "").replace('title: "bc"', "title: 2025-02-30")
    write(tmp_path, PAGE, text)
    done = cachelint("check", "--no-cache", "--output-format", "json", PAGE, cwd=tmp_path)
    messages = {(f["code"], f["message"]) for f in json.loads(done.stdout)}
    assert ("CL102", "title: 2025-02-30 (no such date) is not of type string") in messages


def test_an_impossible_date_in_a_data_file_is_reported_where_it_is(tmp_path: Path) -> None:
    write(tmp_path, PAGE, page_text())
    write(tmp_path, "_data/tags.yaml", "- name: develop\n  stacks: [e4s, 2025-02-30]\n")
    done = cachelint("check", "--no-cache", "--output-format", "json", ".", cwd=tmp_path)
    found = [(f["path"], f["code"], f["line"], f["column"]) for f in json.loads(done.stdout)]
    assert ("_data/tags.yaml", "CL508", 2, 17) in found
    assert all(code != "CL003" for _, code, _, _ in found)


def _meta() -> dict[str, object]:
    from tests.conftest import derive_meta

    return derive_meta([spec()])
