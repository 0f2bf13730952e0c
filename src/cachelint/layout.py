"""Where a catalog keeps what: its pages, its site data, its tag pages.

A catalog root holds ``_cache/`` (the pages, ``_cache/<tag>/<package>/specs.md``)
and ``_data/`` (the site data). Every stage names these places from here.

``_data/tags.yaml`` and ``_data/meta.yaml`` are the site data; ``pages/tags/
<tag>.md`` is a tag's page. A page lives below ``_cache/``, never there, so the
place alone tells them apart (the summary counts them apart; a named data file
gets its own checks, see :mod:`cachelint.run.datafiles`).
"""

from __future__ import annotations

import os
from pathlib import PurePath

CACHE_FOLDER = "_cache"
DATA_FOLDER = "_data"
TAG_PAGE_FOLDERS = ("pages", "tags")
_SITE_DATA = {"tags.yaml": "tags", "meta.yaml": "meta"}
_DOTS = frozenset({"", ".", ".."})


def data_file_kind(path: str | PurePath) -> str:
    """``tags``, ``meta`` or ``tag-page`` for a file where the site keeps one, else ``""``."""
    # Strings, not PurePath: this runs for every checked file (the summary counts them).
    # The last three names decide; abspath only when the path as given has not got them.
    text = os.fspath(path)
    tail = text.rsplit(os.sep, 3)
    if len(tail) < 4 or (os.altsep and os.altsep in text) or not _DOTS.isdisjoint(tail[1:]):
        tail = ["", "", "", *os.path.abspath(text).rsplit(os.sep, 3)][-4:]
    _, above, parent, name = tail
    if parent == DATA_FOLDER:
        return _SITE_DATA.get(name, "")
    if parent == TAG_PAGE_FOLDERS[1] and above == TAG_PAGE_FOLDERS[0] and name.endswith(".md"):
        return "tag-page"
    return ""


def is_catalog_root(folder: str | PurePath) -> bool:
    """Whether ``folder`` holds both ``_cache/`` and ``_data/``."""
    # os.path.isdir is False for paths the OS refuses (e.g. a name too long).
    join = os.path.join
    return os.path.isdir(join(folder, CACHE_FOLDER)) and os.path.isdir(join(folder, DATA_FOLDER))
