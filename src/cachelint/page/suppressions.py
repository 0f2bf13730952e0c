"""``# cachelint: disable=CODE,...`` comments in a page's front matter.

A comment alone on its line turns the codes off for the whole page; a comment
after a value turns them off for the findings that start on its line. CL900 (a
crashed rule) is never suppressed. With CL010 selected, a suppression that
suppressed nothing is reported, as are malformed suppression comments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Sequence

from cachelint.codes import INTERNAL_ERROR, UNUSED_SUPPRESSION
from cachelint.model import Diagnostic, Finding, Position
from cachelint.page.split import FrontMatter
from cachelint.record import Record, fill

_COMMENT = re.compile(r"(?:^|[ \t])(?P<hash>#)[ \t]*cachelint:(?P<rest>.*)$")
_DISABLE = re.compile(r"^[ \t]*disable[ \t]*=[ \t]*(?P<codes>[A-Z0-9, \t]+?)[ \t]*\r?$")
_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")


class Suppression(Record):
    """One ``disable=`` comment: its codes, where it is, and what it covers."""

    __slots__ = ("codes", "page_wide", "position")

    codes: tuple[str, ...]
    position: Position
    page_wide: bool

    def __init__(self, codes: tuple[str, ...], position: Position, page_wide: bool) -> None:
        fill(self, codes, position, page_wide)

    def covers(self, diagnostic: Diagnostic) -> bool:
        """Whether this comment turns ``diagnostic`` off."""
        return self.covers_at(diagnostic.code, diagnostic.position.line)

    def covers_at(self, code: str, line: int) -> bool:
        """Whether this comment turns ``code`` off on file line ``line``."""
        if code not in self.codes or code == INTERNAL_ERROR:
            return False
        return self.page_wide or line == self.position.line


class Comments(Record):
    """The suppression comments of a page, and the malformed ones."""

    __slots__ = ("malformed", "suppressions")

    suppressions: tuple[Suppression, ...]
    malformed: tuple[Position, ...]

    def __init__(
        self, suppressions: tuple[Suppression, ...] = (), malformed: tuple[Position, ...] = ()
    ) -> None:
        fill(self, suppressions, malformed)


NO_COMMENTS = Comments()


def find_comments(front_matter: FrontMatter | None) -> Comments:
    """Every ``# cachelint:`` comment of the front matter."""
    if front_matter is None or "cachelint:" not in front_matter.text:
        return NO_COMMENTS
    suppressions, malformed = [], []
    for index, line in enumerate(front_matter.text.split("\n")):
        comment = _COMMENT.search(line)
        if comment is None:
            continue
        start = comment.start("hash")
        number = front_matter.first_line + index
        position = Position(number, start + 1, number, len(line.rstrip()) + 1)
        codes = _codes(comment.group("rest"))
        if codes is None:
            malformed.append(position)
        else:
            page_wide = not line[:start].strip()
            suppressions.append(Suppression(codes, position, page_wide))
    return Comments(tuple(suppressions), tuple(malformed))


def _codes(rest: str) -> tuple[str, ...] | None:
    disable = _DISABLE.match(rest)
    if disable is None:
        return None
    codes = tuple(code.strip() for code in disable.group("codes").split(","))
    return codes if codes and all(_CODE.match(code) for code in codes) else None


def suppressed_findings(
    findings: Iterable[Finding], comments: Comments, *, line_of: Callable[[Finding], int]
) -> frozenset[Finding]:
    """The findings a comment turns off (``--fix`` leaves their values alone)."""
    return frozenset(
        finding
        for finding in findings
        if any(s.covers_at(finding.code, line_of(finding)) for s in comments.suppressions)
    )


def apply_suppressions(
    diagnostics: Iterable[Diagnostic], comments: Comments
) -> tuple[list[Diagnostic], set[tuple[Suppression, str]]]:
    """The diagnostics no comment covers, and which (comment, code) pairs were used."""
    kept: list[Diagnostic] = []
    used: set[tuple[Suppression, str]] = set()
    for diagnostic in diagnostics:
        covering = [s for s in comments.suppressions if s.covers(diagnostic)]
        used.update((s, diagnostic.code) for s in covering)
        if not covering:
            kept.append(diagnostic)
    return kept, used


def unused_suppressions(
    comments: Comments,
    used: Collection[tuple[Suppression, str]],
    *,
    known: Container[str],
    selected: Container[str],
) -> Iterator[Finding]:
    """CL010 findings: malformed comments, and codes that suppressed nothing."""
    for position in comments.malformed:
        yield Finding(
            UNUSED_SUPPRESSION,
            "malformed suppression comment: expected '# cachelint: disable=CODE[,CODE...]'",
            position=position,
        )
    for suppression in comments.suppressions:
        for code in _unique(suppression.codes):
            if code == UNUSED_SUPPRESSION or (suppression, code) in used:
                continue
            reason = _why_unused(code, suppression, known=known, selected=selected)
            yield Finding(UNUSED_SUPPRESSION, reason, position=suppression.position)


def _why_unused(
    code: str, suppression: Suppression, *, known: Container[str], selected: Container[str]
) -> str:
    if code not in known:
        return f"suppression names unknown code {code} (see 'cachelint rules')"
    if code == INTERNAL_ERROR:
        return f"{code} (a crashed rule) cannot be suppressed"
    if code not in selected:
        return f"suppression of {code} has no effect: {code} is not selected"
    where = "this page" if suppression.page_wide else "this line"
    return f"unused suppression: no {code} finding on {where}"


def _unique(codes: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(codes))
