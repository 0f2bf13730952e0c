"""What ``--changed-since`` changed in each tag, as catalog rules see it."""

from __future__ import annotations

from enum import StrEnum

from cachelint.record import Record, fill


class ChangeKind(StrEnum):
    """Which file of a tag changed."""

    PAGE = "page"
    DECLARATION = "declaration"  # the tag's entry in _data/tags.yaml


class TagChange(Record):
    """One change to one tag since the revision.

    ``path`` names the changed file as the user would (a page, or
    ``_data/tags.yaml``); ``status`` is ``added``, ``modified`` or ``deleted``;
    ``new_tag`` says the tag was not declared at the revision (a tag being
    published, not changed).
    """

    __slots__ = ("kind", "new_tag", "path", "status", "tag")

    tag: str
    kind: ChangeKind
    path: str
    status: str
    new_tag: bool

    def __init__(
        self, tag: str, kind: ChangeKind, path: str, status: str, new_tag: bool = False
    ) -> None:
        fill(self, tag, kind, path, status, new_tag)
