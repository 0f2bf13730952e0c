"""The one escaping module: each function both ways."""

from __future__ import annotations

import json

from cachelint.report.escape import (
    json_safe,
    markdown_cell,
    terminal_path,
    terminal_text,
    workflow_data,
    workflow_property,
    xml_text,
)


def test_terminal_text_escapes_what_a_terminal_acts_on() -> None:
    assert terminal_text("a\nb\rc\td\x1b[31m\x9b\x7f") == "a\\nb\\rc\\td\\x1b[31m\\x9b\\x7f"
    assert terminal_text("e\u2028f\u202eg\udcff") == "e\\u2028f\\u202eg\\udcff"


def test_terminal_text_keeps_ordinary_text() -> None:
    assert terminal_text("_cache/develop/naïve 😀/specs.md: 50% a,b") == (
        "_cache/develop/naïve 😀/specs.md: 50% a,b"
    )


def test_terminal_path_never_opens_a_workflow_command() -> None:
    assert terminal_path("::stop-commands::x/specs.md") == "./::stop-commands::x/specs.md"
    assert terminal_path(" ::warning::x") == "./ ::warning::x"
    assert terminal_path("\u3000::x") == "./\u3000::x"
    assert terminal_path("_cache/::x") == "_cache/::x"
    assert terminal_path("/abs/::x") == "/abs/::x"


def test_workflow_escaping() -> None:
    assert workflow_data("50%\r\n::add-mask::x\x1b") == "50%25%0D%0A::add-mask::x\\x1b"
    assert workflow_property("a:b,c\n") == "a%3Ab%2Cc%0A"
    assert workflow_property("plain/path.md") == "plain/path.md"


def test_xml_text() -> None:
    assert (
        xml_text("a\x00b\x1bc\x85d\u2028e\udcff\ufffe")
        == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd\ufffd"
    )
    assert xml_text("a\tb\nc\rd <&>") == "a\tb\nc\rd <&>"


def test_markdown_cell() -> None:
    assert markdown_cell("a|b\nc\x1b") == "a\\|b<br>c\\\\x1b"
    assert markdown_cell("<b>") == "&lt;b&gt;"


def test_json_safe_keeps_the_exact_value() -> None:
    value = {"path": "a\x85b\u2028c\u202ed\udcff\x7f", "n": 1}
    dumped = json_safe(json.dumps(value, ensure_ascii=False))
    assert all(c not in dumped for c in "\x85\u2028\u202e\udcff\x7f")
    assert json.loads(dumped) == value
    assert json_safe('{"a": "plain ü"}') == '{"a": "plain ü"}'
