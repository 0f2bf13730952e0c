"""What the fuzz tests hold every output and every repair to.

Each check here is written independently of the code it checks: report formats
are parsed with the standard library and validated against the official SARIF
schema; the lines a repair may touch are found with PyYAML's own composer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from xml.etree import ElementTree as ET

import yaml
from jsonschema import Draft7Validator

from tests.conftest import DATA

# Characters that must not reach a terminal raw: they break lines or drive it.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_FENCE = re.compile(r"---[ \t]*\r?")


@cache
def sarif_validator() -> Draft7Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema)


def _json(output: str, count: int) -> None:
    records = json.loads(output)
    assert len(records) == count


def _json_lines(output: str, count: int) -> None:
    lines = output.splitlines()
    assert len(lines) == count, "one record per line, whatever the messages hold"
    for line in lines:
        json.loads(line)


def _sarif(output: str, count: int) -> None:
    log = json.loads(output)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(log)]
    assert errors == []
    results = log["runs"][0]["results"]
    # Findings of one rule repeated on a page are one result with related locations.
    assert sum(1 + len(r.get("relatedLocations", [])) for r in results) == count


def _junit(output: str, count: int) -> None:
    ET.fromstring(output.encode("utf-8"))


def _github(output: str, count: int) -> None:
    lines = output.split("\n")
    assert lines.pop() == ""
    assert all(line.startswith("::") for line in lines), "a message broke out of its command"
    assert sum(not line.startswith("::notice") for line in lines) == count


def _concise(output: str, count: int) -> None:
    assert len(output.splitlines()) == count, "one line per diagnostic"
    assert not _CONTROL.search(output.replace("\n", ""))


def _full(output: str, count: int) -> None:
    assert not _CONTROL.search(output.replace("\n", "")), "raw control characters"


def _html(output: str, count: int) -> None:
    from tests.report.html.hostile import ELEMENTS
    from tests.report.html.parsed import parse_report

    parsed = parse_report(output)
    assert {tag for tag, _ in parsed.elements} <= ELEMENTS, "an element from the page"
    assert len(parsed.findings()) == count, "every diagnostic in the findings data"
    assert not _CONTROL.search(output.replace("\n", "")), "raw control characters"


# The formats' own promises, checked on what each rendered (without colour).
OUTPUT_CHECKS: dict[str, Callable[[str, int], None]] = {
    "json": _json,
    "json-lines": _json_lines,
    "gitlab": _json,
    "sarif": _sarif,
    "junit": _junit,
    "github": _github,
    "concise": _concise,
    "text": _concise,
    "full": _full,
    "html": _html,
}


def owned_lines(raw: bytes, keys: frozenset[str], *, loader: type) -> set[int]:
    """0-based indices of the file lines (split at LF) holding the values of ``keys``.

    ``loader`` must be the parser cachelint read the page with: libyaml and
    pure-Python PyYAML differ (on tabs after a key, for one).
    """
    text = raw.decode("utf-8").removeprefix("\ufeff")
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if _FENCE.fullmatch(lines[i]))
    start = len(lines[0]) + 1
    front_matter = "\n".join(lines[1:close])
    root = yaml.compose(front_matter, Loader=loader)  # marks count characters
    owned: set[int] = set()
    for key, value in root.value:
        if key.value in keys:
            first = text.count("\n", 0, start + value.start_mark.index)
            last = text.count("\n", 0, start + value.end_mark.index)
            owned.update(range(first, last + 1))
    return owned


def changed_lines(before: bytes, after: bytes) -> set[int]:
    """0-based indices of the lines that differ; the line count must not change."""
    old, new = before.split(b"\n"), after.split(b"\n")
    assert len(old) == len(new), "a repair added or removed lines"
    return {i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b}
