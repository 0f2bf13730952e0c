"""CL001-CL005 and the schema codes: each stage reports bad input as a finding."""

from __future__ import annotations

import os

import pytest

from cachelint.config.check import CheckSettings
from cachelint.config.selection import build_selection
from cachelint.rules.registry import load_rules
from cachelint.run.checker import check_target
from cachelint.scope.discovery import make_target
from tests.conftest import column_of, derive_meta, page_text, spec


def test_not_utf8_is_cl001(check_page):
    assert check_page(b"---\ntitle: \xff\n---") == [("CL001", 1, 1)]


def _check_file(path, display="specs.md"):
    registry = load_rules()
    settings = CheckSettings(
        registry=registry,
        selection=build_selection(known=registry.all_codes(), enabled_by_default=[]),
    )
    result = check_target(make_target(path, display=display, explicit=True), settings)
    return [(d.code, d.position.line, d.position.column) for d in result.diagnostics]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without permissions")
def test_unreadable_file_is_cl001(tmp_path):
    path = tmp_path / "specs.md"
    path.write_text(page_text())
    path.chmod(0)
    assert _check_file(path) == [("CL001", 1, 1)]


def test_a_folder_named_like_a_page_is_cl001(tmp_path):
    folder = tmp_path / "specs.md"
    folder.mkdir()
    assert _check_file(folder) == [("CL001", 1, 1)]


def test_missing_file_is_cl001(tmp_path):
    assert _check_file(tmp_path / "gone.md") == [("CL001", 1, 1)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: x\n", "does not start"),
        ("---\ntitle: x\n", "not closed"),
        ("---\n---\n", "empty"),
        ("---\n# only a comment\n---\n", "empty"),
    ],
)
def test_front_matter_problems_are_cl002(check_page, text, message):
    assert check_page(text) == [("CL002", 1, 1)]


def test_invalid_yaml_is_cl003_at_the_parser_mark(check_page):
    text = page_text().replace("layout: cache", "layout: cache: x")
    assert check_page(text) == [("CL003", 3, 14)]


def test_duplicate_key_is_cl004_at_the_second_occurrence(check_page):
    text = page_text().replace("layout: cache\n", "layout: cache\nlayout: cache\n")
    assert check_page(text) == [("CL004", 4, 1)]


@pytest.mark.parametrize(
    "extra",
    [
        "anchor: &a 1\n",
        "alias: *a\n",
        "tagged: !!str 3\n",
        "local: !custom x\n",
    ],
)
def test_tags_anchors_aliases_are_cl005(check_page, extra):
    text = page_text().replace("---\ntitle", f"---\n{extra}title", 1)
    findings = check_page(text)
    assert [(code, line) for code, line, _ in findings] in ([("CL005", 2)], [("CL003", 2)])
    if extra != "alias: *a\n":  # an undefined alias is a YAML error first
        assert findings[0][0] == "CL005"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [("<<: {title: x}\n", ("CL005", 2, 1)), ("other: <<\n", ("CL005", 2, 8))],
)
def test_merge_keys_are_cl005(check_page, extra, expected):
    # Found by the fuzz tests: '<<' resolved to a tag no constructor has (KeyError).
    text = page_text().replace("---\ntitle", f"---\n{extra}title", 1)
    assert check_page(text) == [expected]


def test_a_bare_equals_sign_is_cl003(check_page):
    # YAML 1.1's value key: safe_load cannot construct it either (it was a KeyError).
    text = page_text().replace('title: "bc"', "title: =")
    assert check_page(text) == [("CL003", 2, 8)]


def test_python_tags_run_nothing(check_page, tmp_path):
    marker = tmp_path / "marker"
    payload = f'!!python/object/apply:os.system ["touch {marker}"]'
    text = page_text().replace('title: "bc"', f"title: {payload}")
    assert check_page(text) == [("CL005", 2, 8)]
    assert not marker.exists()


def test_missing_key_is_cl101_at_the_object(check_page):
    text = "\n".join(line for line in page_text().split("\n") if not line.startswith("title"))
    assert check_page(text) == [("CL101", 2, 1)]


def test_missing_meta_gets_cl101_and_no_cascade(check_page):
    text = "\n".join(line for line in page_text().split("\n") if not line.startswith("meta"))
    assert [code for code, *_ in check_page(text)] == ["CL101"]


def test_wrong_type_is_cl102(check_page):
    text = page_text([spec(versions="1.0")])
    [(code, line, column)] = [f for f in check_page(text) if f[0] == "CL102"]
    assert (code, line, column) == ("CL102", 6, column_of(text, 6, '"1.0"'))


def test_unexpected_key_is_cl103(check_page):
    text = page_text([spec(colour="red")])
    assert check_page(text) == [("CL103", 6, column_of(text, 6, '"red"'))]


def test_bad_hash_is_cl104_and_names_the_pattern(tmp_path):
    path = tmp_path / "p.md"
    path.write_text(page_text([spec(hash="ABC")]))
    registry = load_rules()
    settings = CheckSettings(
        registry=registry,
        selection=build_selection(known=registry.all_codes(), enabled_by_default=["CL104"]),
    )
    [diagnostic] = check_target(
        make_target(path, display="p.md", explicit=True), settings
    ).diagnostics
    assert diagnostic.code == "CL104"
    assert diagnostic.message == "spec_details[0].hash: 'ABC' does not match ^[a-z2-7]{32}$"
    assert diagnostic.pointer == "/spec_details/0/hash"


def test_negative_count_is_cl105(check_page):
    specs = [spec()]
    text = page_text(specs, meta=derive_meta(specs) | {"num_specs": -1})
    assert [code for code, *_ in check_page(text)] == ["CL105"]


@pytest.mark.parametrize("size", ["-", 0, 123456])
def test_size_is_dash_or_a_count(check_page, size):
    assert check_page(page_text([spec(size=size)])) == []


@pytest.mark.parametrize(("size", "code"), [("12", "CL104"), (-5, "CL105"), (True, "CL102")])
def test_bad_size(check_page, size, code):
    assert [c for c, *_ in check_page(page_text([spec(size=size)]))] == [code]


def test_two_missing_keys_are_reported_once_each(check_page):
    text = "\n".join(
        line for line in page_text().split("\n") if not line.startswith(("title", "layout"))
    )
    assert check_page(text) == [("CL101", 2, 1), ("CL101", 2, 1)]
