"""Files of the persistent cache: sealed, bounded, never followed through a link.

Nothing cachelint reads back is trusted as its own unless it proves it: every
file is ``MAGIC``, an HMAC-SHA256 tag, then a JSON payload. The tag covers the
file's name in the cache and the payload, with a random 32-byte key kept in a
0600 file of the user's cache folder (see :mod:`cachelint.store.home`), so a
file that a checked repository ships, or one part copied over another, fails
and is a cache miss: never a verdict. JSON has no shared references or
lengths to trust, so a file decodes in time and memory linear in its size, and
each file has a size cap.

The cache folder and everything inside it are opened without following
symbolic links (``O_NOFOLLOW`` relative to the folder's own descriptor), only
regular files are read (``fstat``), and files are written to a fresh temporary
name (``O_EXCL``) renamed over the old one: a link planted in or as the cache
folder is never read, written through, or created through. Platforms without
descriptor-relative calls (Windows) check each path with ``lstat`` instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from cachelint.store.home import CacheHome

MAGIC = b"cachelint-sealed-1\n"
TAG_SIZE = 32
KEY_FILE = "key"
KEY_SIZE = 32
PIECE = 1 << 18  # a payload is sealed and written this many bytes at a time
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_FLAGS = _NOFOLLOW | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
# Descriptor-relative calls make "never through a link" hold against races too.
_AT = (
    bool(_NOFOLLOW and _DIRECTORY)
    and {os.open, os.mkdir, os.rename, os.link, os.unlink} <= os.supports_dir_fd
)


class Folder:
    """A folder that is opened, and opens its files, without following links."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self, name: str, *, max_size: int) -> bytes | None:
        """The bytes of the regular file ``name`` (``a/b``: in a subfolder), if small enough."""
        try:
            with _Opened(self.path, name, create=False) as (place, leaf):
                flags = os.O_RDONLY | _FLAGS | getattr(os, "O_NONBLOCK", 0)
                fd = (
                    os.open(leaf, flags, dir_fd=place)
                    if _AT
                    else _open_checked(_join(place, leaf), flags)
                )
                with os.fdopen(fd, "rb") as stream:
                    info = os.fstat(stream.fileno())
                    if not stat.S_ISREG(info.st_mode) or info.st_size > max_size:
                        return None  # a FIFO, a device, a folder, or too large
                    data = stream.read(info.st_size + 1)  # not max_size: no big buffer
        except (OSError, ValueError):
            return None
        return data if len(data) <= max_size else None

    def write(
        self,
        name: str,
        data: bytes | Iterable[bytes],
        *,
        exclusive: bool = False,
        header: Callable[[], bytes] | None = None,
    ) -> bool:
        """Write ``name`` atomically (a fresh temporary file renamed over it).

        ``data`` may come in pieces, so that a large file is never all in memory twice.
        ``header()``, asked for once the last piece is written, is written over the
        file's first bytes (a placeholder of the same length among the pieces).
        """
        try:
            with _Opened(self.path, name, create=True) as (place, leaf):
                temporary = f".tmp-{os.urandom(8).hex()}"  # secrets.token_hex(8)
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS
                fd = os.open(temporary, flags, 0o600, dir_fd=place) if _AT else None
                if fd is None:
                    fd = os.open(os.path.join(place, temporary), flags, 0o600)
                try:
                    with os.fdopen(fd, "wb") as stream:
                        for piece in (data,) if isinstance(data, bytes) else data:
                            stream.write(piece)
                        if header is not None:
                            stream.seek(0)
                            stream.write(header())
                    _move(place, temporary, leaf, exclusive=exclusive)
                finally:
                    _unlink(place, temporary)
        except (OSError, ValueError):
            return False
        return True


class _Opened:
    """The folder holding ``name``'s last component (a descriptor, or a checked path)."""

    def __init__(self, root: Path, name: str, *, create: bool) -> None:
        self.root, self.create = root, create
        *self.folders, self.leaf = name.split("/")
        self.fds: list[int] = []

    def __enter__(self) -> tuple[Any, str]:
        if self.create:
            self.root.parent.mkdir(parents=True, exist_ok=True)
        place: Any = None
        try:
            for part in (str(self.root), *self.folders):
                place = self._enter(place, part)
        except BaseException:
            self.__exit__()
            raise
        return place, self.leaf

    def _enter(self, place: Any, part: str) -> Any:
        if self.create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o700, dir_fd=place) if _AT else os.mkdir(_join(place, part), 0o700)
        if not _AT:
            path = _join(place, part)
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                raise NotADirectoryError(path)  # a link or a file where a folder should be
            return path
        fd = os.open(part, os.O_RDONLY | _DIRECTORY | _FLAGS, dir_fd=place)
        self.fds.append(fd)
        return fd

    def __exit__(self, *exc: object) -> None:
        for fd in self.fds:
            os.close(fd)


def _join(place: str | None, part: str) -> str:
    return part if place is None else os.path.join(place, part)


def _open_checked(path: str, flags: int) -> int:
    if not stat.S_ISREG(os.lstat(path).st_mode):
        raise OSError(f"not a regular file: {path}")
    return os.open(path, flags)


def _move(place: Any, temporary: str, leaf: str, *, exclusive: bool) -> None:
    if not _AT:
        (os.link if exclusive else os.replace)(_join(place, temporary), _join(place, leaf))
    elif exclusive:  # never replaces what is there (a link included): linkat fails instead
        os.link(temporary, leaf, src_dir_fd=place, dst_dir_fd=place, follow_symlinks=False)
    else:  # POSIX rename replaces atomically, as os.replace does
        os.rename(temporary, leaf, src_dir_fd=place, dst_dir_fd=place)


def _unlink(place: Any, name: str) -> None:
    with contextlib.suppress(OSError):  # already renamed
        os.unlink(name, dir_fd=place) if _AT else os.unlink(_join(place, name))


class CacheStore:
    """Sealed JSON files in one cache folder (see the module doc)."""

    def __init__(self, folder: Path, key: bytes, key_folder: Path | None = None) -> None:
        self.folder = Folder(folder)
        self._key = key
        self._key_folder = key_folder or folder

    def beside_key(self) -> CacheStore:
        """The store of the key's own folder (what is kept per user, not per catalog)."""
        return CacheStore(self._key_folder, self._key)

    @property
    def path(self) -> Path:
        return self.folder.path

    @classmethod
    def open(cls, home: CacheHome) -> CacheStore | None:
        """The store of ``home``, or ``None`` when its key cannot be had safely."""
        key = load_key(Folder(home.key_folder))
        if key is None:
            return None
        return cls(home.folder, key, home.key_folder)

    def load(self, name: str, *, max_size: int) -> Any:
        """The data saved as ``name``, or ``None``: absent, too large, forged or corrupt."""
        raw = self.folder.read(name, max_size=max_size + len(MAGIC) + TAG_SIZE)
        if raw is None or not raw.startswith(MAGIC):
            return None
        text = self._verified_text(name, raw)
        del raw  # a snapshot is megabytes: one copy of it at a time
        if text is None:
            return None
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            return None

    def _verified_text(self, name: str, raw: bytes) -> str | None:
        """The payload behind the seal as text, if the seal is this key's (no copy of the bytes)."""
        start = len(MAGIC) + TAG_SIZE
        view = memoryview(raw)
        if not hmac.compare_digest(view[len(MAGIC) : start], self._seal(name, view[start:])):
            return None  # not written by cachelint with this key: a miss
        try:
            return str(view[start:], "ascii")  # what save_text writes
        except UnicodeDecodeError:
            return None

    def save(self, name: str, data: Any) -> bool:
        """Seal and write ``data`` as ``name``; ``False`` when it cannot be written."""
        try:
            text = json.dumps(data, separators=(",", ":"))  # ASCII: ensure_ascii
        except (TypeError, ValueError):
            return False
        return self.save_text(name, _slices(text))

    def save_text(self, name: str, pieces: Iterable[str]) -> bool:
        """Seal and write a JSON text that comes in ASCII pieces, never all in memory.

        The tag comes first in the file but covers what follows: it is written
        over a placeholder once the last piece is sealed. ``False`` when the text
        cannot be written (a piece that is not ASCII included).
        """
        if self.folder.read(".gitignore", max_size=1024) is None:
            # Linked in, never through: a planted (dangling) link stays as it is.
            self.folder.write(
                ".gitignore", b"# Created by cachelint: a cache.\n*\n", exclusive=True
            )
        mac = self._mac(name)

        def sealed() -> Iterator[bytes]:
            yield MAGIC + bytes(TAG_SIZE)
            for piece in pieces:
                data = piece.encode("ascii")
                mac.update(data)
                yield data

        try:
            return self.folder.write(name, sealed(), header=lambda: MAGIC + mac.digest())
        except TypeError:  # a value JSON cannot hold, met while the pieces were made
            return False

    def _seal(self, name: str, payload: bytes | memoryview) -> bytes:
        mac = self._mac(name)
        mac.update(payload)
        return mac.digest()

    def _mac(self, name: str) -> hmac.HMAC:
        return hmac.new(self._key, name.encode("utf-8", "surrogatepass") + b"\0", hashlib.sha256)


def json_list(items: Iterable[Any]) -> Iterator[str]:
    """``items`` as JSON text, in pieces of a thousand items (for :meth:`CacheStore.save_text`)."""
    return _json_pieces(iter(items), list, "[]")


def json_object(mapping: Mapping[str, Any]) -> Iterator[str]:
    """``mapping`` as JSON text, in pieces of a thousand items (see :func:`json_list`)."""
    return _json_pieces(iter(mapping.items()), dict, "{}")


def _json_pieces(
    items: Iterator[Any], container: Callable[[Iterable[Any]], Any], brackets: str
) -> Iterator[str]:
    """``container`` of ``items`` as JSON, each thousand items a piece (brackets stripped)."""
    yield brackets[0]
    separator = ""
    while chunk := container(islice(items, 1024)):
        yield separator + json.dumps(chunk, separators=(",", ":"))[1:-1]
        separator = ","
    yield brackets[1]


def _slices(text: str) -> Iterator[str]:
    for start in range(0, len(text), PIECE):
        yield text[start : start + PIECE]


def load_key(folder: Folder) -> bytes | None:
    """The key in ``folder``, created (0600, random) on first use; ``None`` if unsafe."""
    for _ in range(2):
        key = _read_key(folder)
        if key is not None:
            return key
        # A new key is linked in, never replacing one: every process agrees on it.
        folder.write(KEY_FILE, os.urandom(KEY_SIZE), exclusive=True)  # secrets.token_bytes
    return None


def _read_key(folder: Folder) -> bytes | None:
    data = folder.read(KEY_FILE, max_size=KEY_SIZE)
    if data is None or len(data) != KEY_SIZE or not _private(folder.path / KEY_FILE):
        return None
    return data


def _private(path: Path) -> bool:
    """Whether only this user can read the key (POSIX modes; Windows ACLs are not checked)."""
    if os.name != "posix":
        return True
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return info.st_uid == os.geteuid() and not info.st_mode & 0o077
