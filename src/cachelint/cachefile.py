"""Files of the persistent cache: read whole, written atomically, ignored by git."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any


def load_marshal(file: Path) -> Any:
    """The data marshalled in ``file``, or ``None`` when it is absent or corrupt."""
    try:
        return marshal.loads(file.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # no cache yet, or a corrupt one: it is rewritten on save


def save_marshal(file: Path, data: Any, *, cache_dir: Path) -> bool:
    """Write ``data`` to ``file`` (in ``cache_dir``) atomically: a temporary file renamed over it.

    Several cachelint processes at once never corrupt the file: the last one
    wins. A cache that cannot be written is skipped quietly (returns False).
    """
    import tempfile  # a run that finds everything cached writes nothing

    try:
        payload = marshal.dumps(data)
        file.parent.mkdir(parents=True, exist_ok=True)
        _ignore_in_git(cache_dir)
        fd, temporary = tempfile.mkstemp(dir=file.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(payload)
            os.replace(temporary, file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return False
    return True


def _ignore_in_git(folder: Path) -> None:
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by cachelint: this folder is a cache.\n*\n")
