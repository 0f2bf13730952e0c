"""Replace a file's bytes atomically, or leave the file exactly as it was.

The new bytes go to a temporary file in the same folder (so the rename cannot
cross file systems), which is flushed and fsynced, given the original's mode
bits (and owner, where that differs), and renamed over the original. Readers
see the old file or the new one, never a mix. The rename happens only if the
file still holds the bytes the repair was planned from: a page edited meanwhile
is not overwritten. On any failure the temporary file is removed.

Only a regular file inside the catalog root is written, and never through a
symlink: a link is refused, since its target may be anywhere (a pull request
decides where). A file whose mode bits allow no write is refused, as root too
(root's ``access()`` says yes to everything). Hard links to the page are not
updated (the rename gives it a new inode), and extended attributes are not
copied.

Checking and renaming cannot be one step. Immediately before the rename the
page is stat'ed and its bytes read again through the descriptor it was first
read from; after the rename the old inode is read once more, and an edit made
to it in place in between is put back. What remains is an editor that replaces
the page by renaming its own file over it in the instant between the last check
and the rename (docs/fix.md).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from cachelint.errors import FixWriteError
from cachelint.page.boundary import is_within

TEMP_SUFFIX = ".cachelint-tmp"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after lstat must not hang
_ANY_WRITE = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
CHANGED_BEFORE = "it changed on disk since it was read; not overwritten"
CHANGED_DURING = "it was edited while being fixed; the edit was kept, nothing fixed"


def replace_file(
    path: Path, data: bytes, *, expected: bytes, inside: str | os.PathLike[str] | None = None
) -> None:
    """Write ``data`` to ``path`` atomically if the file still holds ``expected``.

    ``inside`` is the catalog root the file must be in. Raises
    :class:`~cachelint.errors.FixWriteError` with the reason when the file is
    not replaced; the file is then unchanged.
    """
    target = Path(os.path.abspath(path))
    try:
        _refuse_unless_writable(target, inside)
        descriptor = os.open(target, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
        try:
            _replace(target, descriptor, data, expected=expected)
        finally:
            os.close(descriptor)
    except FixWriteError as exc:
        raise FixWriteError(str(exc), path=str(path)) from exc
    except OSError as exc:
        raise FixWriteError(_reason(exc), path=str(path)) from exc


def _refuse_unless_writable(target: Path, inside: str | os.PathLike[str] | None) -> None:
    status = os.lstat(target)
    if stat.S_ISLNK(status.st_mode):
        raise FixWriteError("it is a symlink; cachelint does not write through links", path="")
    if not stat.S_ISREG(status.st_mode):
        raise FixWriteError("it is not a regular file", path="")
    if inside is not None:
        folder = os.path.realpath(os.path.abspath(inside))
        if not is_within(os.path.realpath(target), folder):
            raise FixWriteError("it is outside the catalog root", path="")
    if not status.st_mode & _ANY_WRITE or not os.access(target, os.W_OK):
        raise FixWriteError("it is read-only", path="")


def _replace(target: Path, descriptor: int, data: bytes, *, expected: bytes) -> None:
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or _content(descriptor) != expected:
        raise FixWriteError(CHANGED_BEFORE, path="")
    temp_descriptor, temp = _temporary_file(target)
    try:
        with open(temp_descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, stat.S_IMODE(status.st_mode))
        _keep_owner(temp, status)
        # The last look, as close to the rename as Python allows.
        if not _unchanged(target, descriptor, status, expected):
            raise FixWriteError(CHANGED_BEFORE, path="")
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(target.parent)
    if _content(descriptor) != expected:  # written in place during the rename
        _put_back(target, descriptor, status)
        raise FixWriteError(CHANGED_DURING, path="")


def _unchanged(target: Path, descriptor: int, status: os.stat_result, expected: bytes) -> bool:
    now = os.lstat(target)
    same_file = (now.st_dev, now.st_ino) == (status.st_dev, status.st_ino)
    held = os.fstat(descriptor)
    same_stat = (held.st_size, held.st_mtime_ns) == (status.st_size, status.st_mtime_ns)
    return same_file and same_stat and _content(descriptor) == expected


def _content(descriptor: int) -> bytes:
    """The file's bytes now, read from its start through the descriptor."""
    chunks, offset = [], 0
    while chunk := os.pread(descriptor, 1 << 20, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _put_back(target: Path, descriptor: int, status: os.stat_result) -> None:
    """The edit that reached the old file while it was renamed over, restored atomically."""
    temp_descriptor, temp = _temporary_file(target)
    try:
        with open(temp_descriptor, "wb") as stream:
            stream.write(_content(descriptor))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, stat.S_IMODE(status.st_mode))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _temporary_file(target: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise FixWriteError(
            f"cannot create a temporary file in {target.parent}: {_reason(exc)}", path=str(target)
        ) from exc


def _keep_owner(temp: str, original: os.stat_result) -> None:
    made = os.stat(temp)
    if (made.st_uid, made.st_gid) == (original.st_uid, original.st_gid):
        return
    try:
        os.chown(temp, original.st_uid, original.st_gid)
    except OSError as exc:
        raise FixWriteError(f"its owner cannot be kept: {_reason(exc)}", path=temp) from exc


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can fsync a folder.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _reason(exc: OSError) -> str:
    return exc.strerror or f"{type(exc).__name__}: {exc}"
