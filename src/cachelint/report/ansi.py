"""ANSI styling that switches off entirely when colour is not wanted."""

from __future__ import annotations

from cachelint.model import Severity

BOLD = "1"
RED = "31"
YELLOW = "33"
BLUE = "34"
CYAN = "36"

SEVERITY_COLORS = {Severity.ERROR: RED, Severity.WARNING: YELLOW}


class Style:
    """Wraps text in SGR sequences, or returns it unchanged when disabled."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *codes: str) -> str:
        if not self.enabled or not codes or not text:
            return text
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"
