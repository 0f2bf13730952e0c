"""The html report read back with the standard library's HTML parser."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any


@dataclass
class ParsedReport:
    """What a test looks at: every element, the tables, the header, the findings data."""

    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    tables: dict[str, list[list[str]]] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        """The findings data (the JSON of ``<script id="data">``)."""
        (text,) = [body for attrs, body in self.scripts if attrs.get("id") == "data"]
        return json.loads(text)

    def findings(self) -> list[dict[str, Any]]:
        """Each finding with its page, message and excerpt spelled out."""
        data = self.data
        return [
            {
                "path": data["pages"][row[0]][0],
                "tag": data["pages"][row[0]][1],
                "fix": data["pages"][row[0]][2],
                "code": row[1],
                "severity": ("error", "warning")[row[2]],
                "where": f"{row[3]}:{row[4]}",
                "message": data["messages"][row[5]],
                "fixable": bool(row[6]),
                "new": bool(row[7]),
                "excerpt": row[8],
            }
            for row in data["findings"]
        ]

    def rows(self, table: str) -> list[dict[str, str]]:
        """A table's body rows as {heading: cell text}."""
        header, *body = self.tables[table]
        return [dict(zip(header, row, strict=True)) for row in body]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = ParsedReport()
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []
        self._term = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.report.elements.append((tag, attributes))
        if tag == "table":
            self._table = attributes.get("id") or f"table{len(self.report.tables)}"
            self.report.tables[self._table] = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "script":
            self._script = attributes
        if tag in ("dt", "dd", "script"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.report.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == "dt":
            self._term = "".join(self._text)
        elif tag == "dd":
            self.report.facts[self._term] = "".join(self._text)
        elif tag == "script" and self._script is not None:
            self.report.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        self._text.append(data)


def parse_report(text: str) -> ParsedReport:
    """Parse a rendered report."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.report
