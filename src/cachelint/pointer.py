"""JSON Pointers (RFC 6901) and the dotted paths used in messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def to_pointer(parts: Iterable[Any]) -> str:
    """``['spec_details', 3, 'hash']`` -> ``/spec_details/3/hash``."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def from_pointer(pointer: str) -> list[str]:
    """``/spec_details/3/hash`` -> ``['spec_details', '3', 'hash']``."""
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def display_path(parts: Sequence[Any]) -> str:
    """``['spec_details', 3, 'hash']`` -> ``spec_details[3].hash``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "front matter"


def short_repr(value: Any, limit: int = 60) -> str:
    """``repr`` clipped for messages: pages hold values of hundreds of kilobytes."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
