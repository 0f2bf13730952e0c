"""Recognising the json.dumps style a value was written in."""

from __future__ import annotations

import json

import pytest

from cachelint.fix.jsonstyle import STYLES, JsonStyle, detect_style

VALUE = {"title": "café", "n": [1, 2], "m": {"a": "b"}}


@pytest.mark.parametrize("style", STYLES, ids=repr)
def test_every_style_is_recognised_and_rewrites_alike(style: JsonStyle) -> None:
    text = json.dumps(
        VALUE,
        separators=(style.item_separator, style.key_separator),
        ensure_ascii=style.ensure_ascii,
    )
    assert detect_style(text, VALUE) == style
    assert style.dumps({"title": "naïve", "n": []}) == json.dumps(
        {"title": "naïve", "n": []},
        separators=(style.item_separator, style.key_separator),
        ensure_ascii=style.ensure_ascii,
    )


def test_plain_ascii_text_is_taken_as_escaping_like_json_dumps() -> None:
    style = detect_style('{"a": ["b"]}', {"a": ["b"]})
    assert style == JsonStyle(", ", ": ", ensure_ascii=True)
    assert style.dumps({"a": "é"}) == '{"a": "\\u00e9"}'


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('{"a": 1, "b":2}', {"a": 1, "b": 2}),  # mixed separators
        ('{ "a": 1, "b": 2 }', {"a": 1, "b": 2}),  # padding
        ('{"a": 1, "b": 2} ', {"a": 1, "b": 2}),  # trailing space
        ('{"a": 1e3}', {"a": 1000.0}),  # a number json.dumps writes otherwise
        ('{"a": "\\u0041"}', {"a": "A"}),  # an escape json.dumps does not make
        ('{"a": "é", "b": "caf\\u00e9"}', {"a": "é", "b": "café"}),  # raw and escaped
        ("{a: 1, b: 2}", {"a": 1, "b": 2}),  # YAML, not JSON
    ],
)
def test_text_json_dumps_would_not_write_is_not_recognised(text: str, value: object) -> None:
    assert detect_style(text, value) is None


def test_text_holding_another_value_is_not_recognised() -> None:
    assert detect_style('{"a": 1}', {"a": 2}) is None
