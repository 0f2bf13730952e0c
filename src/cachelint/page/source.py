"""Read a file and decode it as UTF-8 text; failures become findings.

Files are opened without blocking and checked to be regular files before any
byte is read, so a FIFO or a device named on the command line (or swapped in
mid-run) is reported instead of hanging the run.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cachelint.limits import DEFAULT_LIMITS, MIB
from cachelint.model import FILE_START, Finding
from cachelint.page.boundary import resolve_inside
from cachelint.page.split import has_opening_fence
from cachelint.record import Record, fill

BOM = "\ufeff"
BOM_BYTES = BOM.encode("utf-8")
BOM_CODE = "CL007"
_CHUNK = 1 << 16
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Source(Record):
    """A file's decoded text (without BOM) and how it was encoded."""

    __slots__ = ("has_bom", "raw", "text")

    text: str
    raw: bytes
    has_bom: bool

    def __init__(self, text: str, raw: bytes, has_bom: bool) -> None:
        fill(self, text, raw, has_bom)


def read_source(
    path: Path,
    *,
    max_size: int = DEFAULT_LIMITS.max_file_size,
    inside: str | os.PathLike[str] | None = None,
) -> Source | Finding:
    """Read ``path`` as UTF-8; return a CL001 or CL006 finding if that is impossible.

    With ``inside``, a path that resolves outside that folder is not opened
    (see :mod:`cachelint.page.boundary`), and the resolved path is opened without
    following a symlink.
    """
    flags = _OPEN_FLAGS
    if inside is not None:
        resolved = resolve_inside(path, inside)
        if isinstance(resolved, Finding):
            return resolved
        path, flags = Path(resolved), flags | _NOFOLLOW
    try:
        raw = _read_regular_file(path, max_size, flags)
    except _NotReadable as problem:
        return problem.finding
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return Finding("CL001", f"cannot read file: {reason}")
    return decode_source(raw)


class _NotReadable(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def _read_regular_file(path: Path, max_size: int, flags: int = _OPEN_FLAGS) -> bytes:
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotReadable(
                Finding("CL001", f"cannot read file: not a regular file ({_kind(info.st_mode)})")
            )
        if info.st_size > max_size:
            raise _NotReadable(_too_large(info.st_size, max_size))
        raw = _read_all(fd, limit=max_size + 1, expected=info.st_size)
    finally:
        os.close(fd)
    if len(raw) > max_size:  # the file grew after fstat
        raise _NotReadable(_too_large(len(raw), max_size))
    return raw


def _read_all(fd: int, *, limit: int, expected: int) -> bytes:
    """Up to ``limit`` bytes until end of file (``os.read``: no buffered file object)."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, min(limit - size, max(expected - size + 1, _CHUNK)))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(size: int, max_size: int) -> Finding:
    return Finding(
        "CL006",
        f"file is {_size(size)}, over the max-file-size limit of {_size(max_size)}; not parsed",
    )


def _size(count: int) -> str:
    return f"{count / MIB:.1f} MiB" if count >= MIB else f"{count} bytes"


def _kind(mode: int) -> str:
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a FIFO",
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "a special file")


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


def byte_order_mark(source: Source) -> list[Finding]:
    """CL007 for a page whose front matter hides behind a byte-order mark (Jekyll misses it)."""
    if not source.has_bom or not has_opening_fence(source.text):
        return []
    message = (
        "the file starts with a UTF-8 byte-order mark: Jekyll does not see its front matter "
        "and publishes it as a static file; remove the mark (cachelint check --fix)"
    )
    return [Finding(BOM_CODE, message, position=FILE_START)]
