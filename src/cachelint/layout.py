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


def data_file_kind(path: str | PurePath) -> str:
    """``tags``, ``meta`` or ``tag-page`` for a file where the site keeps one, else ``""``."""
    # Strings, not PurePath: this runs for every checked file (the summary counts them).
    folder, name = os.path.split(os.path.abspath(path))
    above, parent = os.path.split(folder)
    if parent == DATA_FOLDER:
        return _SITE_DATA.get(name, "")
    if parent == TAG_PAGE_FOLDERS[1] and name.endswith(".md"):
        return "tag-page" if os.path.basename(above) == TAG_PAGE_FOLDERS[0] else ""
    return ""


def is_catalog_root(folder: str | PurePath) -> bool:
    """Whether ``folder`` holds both ``_cache/`` and ``_data/``."""
    # os.path.isdir is False for paths the OS refuses (e.g. a name too long).
    join = os.path.join
    return os.path.isdir(join(folder, CACHE_FOLDER)) and os.path.isdir(join(folder, DATA_FOLDER))
