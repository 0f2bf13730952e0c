"""Codes reported by the pipeline stages themselves (reading, parsing, schema).

These are not rule plugins: they come from the stages before any rule runs.
Their documentation lives here so ``cachelint rules`` and ``cachelint rule``
show every code from one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from cachelint.model import Severity


@dataclass(frozen=True, slots=True)
class StageCode:
    """Documentation of a code that a pipeline stage reports."""

    code: str
    name: str
    summary: str
    doc: str = ""
    severity: Severity = Severity.ERROR
    enabled: bool = True
    fixable: bool = False


STAGE_CODES: dict[str, StageCode] = {
    code.code: code
    for code in (
        StageCode("CL001", "unreadable-file", "File cannot be read, or is not UTF-8."),
        StageCode(
            "CL002",
            "front-matter-missing",
            "Front matter missing, empty, or not closed.",
            "A page starts with a '---' line and its YAML ends at the next '---' line.",
        ),
        StageCode("CL003", "invalid-yaml", "Front matter is not valid YAML."),
        StageCode(
            "CL004",
            "duplicate-key",
            "Duplicate key in the front matter.",
            "YAML loaders silently keep the last value, so one of the two is lost.",
        ),
        StageCode(
            "CL005",
            "yaml-tag-anchor-alias",
            "YAML tags, anchors or aliases in the front matter.",
            "Catalogs never use them; they are refused for safety and nothing is constructed.",
        ),
        StageCode(
            "CL006",
            "limit-exceeded",
            "A page exceeds a resource limit (file size, nesting depth) and is not parsed.",
            "Limits keep hostile input from exhausting time or memory; see max-file-size.",
        ),
        StageCode("CL101", "missing-key", "A required key is missing."),
        StageCode("CL102", "wrong-type", "A value has the wrong type."),
        StageCode("CL103", "unexpected-key", "An unexpected key."),
        StageCode("CL104", "pattern-mismatch", "A value does not match its pattern, enum, const."),
        StageCode("CL105", "schema-violation", "Any other schema violation (bounds, ...)."),
        StageCode(
            "CL900",
            "rule-crashed",
            "A rule raised an exception while checking a page.",
            "The other rules and pages are still checked; the run ends with exit status 2.",
        ),
    )
}

# Codes that are reported unless explicitly ignored, whatever is selected:
# a page that cannot be read or parsed was not checked at all.
ALWAYS_SELECTED_PREFIX = "CL0"
INTERNAL_ERROR = "CL900"
