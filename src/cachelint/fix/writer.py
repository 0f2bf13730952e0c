"""Replace a file's bytes atomically, or leave the file exactly as it was.

The new bytes go to a temporary file in the same folder (so the rename cannot
cross file systems), which is flushed and fsynced, given the original's mode
bits (and owner, where that differs), and renamed over the original. Readers
see the old file or the new one, never a mix. The rename happens only if the
file still holds the bytes the repair was planned from: a page edited meanwhile
is not overwritten. On any failure the temporary file is removed.

Symlinked pages are written through: the link's target is replaced and the link
stays a link, because the checker read the page through the link. Renaming over
the link itself would silently turn it into a detached copy.

A file without write permission is refused, as an in-place write would be.
Hard links to the page are not updated (the rename gives it a new inode), and
extended attributes are not copied.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from cachelint.errors import FixWriteError

TEMP_SUFFIX = ".cachelint-tmp"


def replace_file(path: Path, data: bytes, *, expected: bytes) -> None:
    """Write ``data`` to ``path`` atomically if the file still holds ``expected``.

    Raises :class:`~cachelint.errors.FixWriteError` with the reason when the
    file is not replaced; the file is then unchanged.
    """
    target = Path(os.path.realpath(path))
    try:
        _replace(target, data, expected=expected)
    except FixWriteError as exc:
        raise FixWriteError(str(exc), path=str(path)) from exc
    except OSError as exc:
        raise FixWriteError(_reason(exc), path=str(path)) from exc


def _replace(target: Path, data: bytes, *, expected: bytes) -> None:
    status = target.stat()
    if not os.access(target, os.W_OK):
        raise FixWriteError("it is read-only", path=str(target))
    descriptor, temp = _temporary_file(target)
    try:
        with open(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, stat.S_IMODE(status.st_mode))
        _keep_owner(temp, status)
        if target.read_bytes() != expected:
            raise FixWriteError(
                "it changed on disk since it was read; not overwritten", path=str(target)
            )
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(target.parent)


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
