"""``--statistics``: how many findings of each code, most frequent first (like ruff)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from cachelint.model import Diagnostic
from cachelint.rules.registry import RuleRegistry


def statistics(diagnostics: Sequence[Diagnostic], registry: RuleRegistry) -> list[dict[str, Any]]:
    """One record per code found: code, name, count, and whether a fix exists."""
    counts = Counter(d.code for d in diagnostics)
    fixable = {d.code for d in diagnostics if d.fixable}
    names = {doc.code: doc.name for doc in registry.documented()}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"code": code, "name": names.get(code, ""), "count": count, "fixable": code in fixable}
        for code, count in ordered
    ]


def render_statistics(
    diagnostics: Sequence[Diagnostic], registry: RuleRegistry, stream: TextIO
) -> None:
    """``  3  CL201  [*] num-specs-mismatch`` lines; ``[*]``: some can be fixed."""
    records = statistics(diagnostics, registry)
    width = max((len(str(r["count"])) for r in records), default=1)
    for r in records:
        mark = "[*]" if r["fixable"] else "[ ]"
        stream.write(f"{r['count']:>{width}}\t{r['code']}\t{mark} {r['name']}\n")


def render_statistics_json(
    diagnostics: Sequence[Diagnostic], registry: RuleRegistry, stream: TextIO
) -> None:
    """The same records as a JSON array."""
    json.dump(statistics(diagnostics, registry), stream, indent=2)
    stream.write("\n")
