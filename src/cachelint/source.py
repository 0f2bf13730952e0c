"""Read a file and decode it as UTF-8 text; failures become CL001 findings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cachelint.model import Finding

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Source:
    """A file's decoded text (without BOM) and how it was encoded."""

    text: str
    raw: bytes
    has_bom: bool


def read_source(path: Path) -> Source | Finding:
    """Read ``path`` as UTF-8; return a CL001 finding if that is impossible."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return Finding("CL001", f"cannot read file: {reason}")
    return decode_source(raw)


def decode_source(raw: bytes) -> Source | Finding:
    """Decode bytes as UTF-8 (a leading BOM is allowed and remembered)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        return Finding(
            "CL001",
            f"file is not valid UTF-8: byte 0x{byte:02x} at line {line}, byte {column}",
        )
    has_bom = text.startswith(BOM)
    return Source(text=text[1:] if has_bom else text, raw=raw, has_bom=has_bom)
