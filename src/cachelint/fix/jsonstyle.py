"""Recognise how ``json.dumps`` wrote a value, to write a new one the same way.

Catalog generators write ``meta`` and ``spec_details`` as one line of JSON
(a YAML flow collection). A value is rewritten only if one of the
``json.dumps`` styles below reproduces the page's text byte for byte, so a
rewrite never changes spacing or escaping the page did not choose.
"""

from __future__ import annotations

import json
from typing import Any

from cachelint.record import Record, fill


class JsonStyle(Record):
    """The ``json.dumps`` options a text was written with."""

    __slots__ = ("ensure_ascii", "item_separator", "key_separator")

    item_separator: str
    key_separator: str
    ensure_ascii: bool

    def __init__(
        self, item_separator: str = ", ", key_separator: str = ": ", ensure_ascii: bool = True
    ) -> None:
        fill(self, item_separator, key_separator, ensure_ascii)

    def dumps(self, value: Any) -> str:
        """``value`` written in this style."""
        return json.dumps(
            value,
            separators=(self.item_separator, self.key_separator),
            ensure_ascii=self.ensure_ascii,
        )


# json.dumps defaults first: a text without non-ASCII characters fits both
# escaping styles, and new values are then escaped as generators do.
STYLES = tuple(
    JsonStyle(items, keys, ascii_only)
    for ascii_only in (True, False)
    for items in (", ", ",")
    for keys in (": ", ":")
)


def detect_style(text: str, expected: Any) -> JsonStyle | None:
    """The style that writes ``expected`` exactly as ``text``, if ``text`` holds it."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if value != expected:
        return None
    return next((style for style in STYLES if style.dumps(value) == text), None)
