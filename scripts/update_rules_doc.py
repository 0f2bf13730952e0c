"""Write docs/rules.md from the built-in rules' docstrings and the stage codes' docs.

Usage: ``python scripts/update_rules_doc.py`` to rewrite it, ``--check`` to
only say whether it is up to date (exit 1 when stale).
"""

from __future__ import annotations

import sys
from pathlib import Path

from cachelint.rules.doc import builtin_markdown
from cachelint.rules.registry import load_rules

RULES_DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def main(argv: list[str]) -> int:
    """Rewrite docs/rules.md, or with ``--check`` compare it."""
    text = builtin_markdown(load_rules())
    if "--check" in argv:
        current = RULES_DOC.read_text(encoding="utf-8") if RULES_DOC.exists() else ""
        if current != text:
            print(f"{RULES_DOC} is stale: run python scripts/update_rules_doc.py")
            return 1
        return 0
    RULES_DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
