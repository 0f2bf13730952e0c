"""The rule plugin interface, used by built-in and third-party rules alike.

A rule is a :class:`Rule` object, usually made with the :func:`rule` decorator
from a generator function that receives a :class:`~cachelint.model.Page` and
yields :class:`~cachelint.model.Finding` objects carrying a JSON Pointer. The
function's docstring is the rule's documentation: its first line is the
summary; the rest explains the rule with a failing and a passing example.

Rules are found through the ``cachelint.rules`` entry-point group::

    [project.entry-points."cachelint.rules"]
    XY101 = "my_plugin.rules:my_rule"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from cachelint.docstrings import describe
from cachelint.model import Finding, Page, PageKind, Severity
from cachelint.record import Record, fill

CODE_PATTERN = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")

CheckFunction = Callable[[Page], Iterable[Finding]]


class Rule(Record):
    """A check with a stable code.

    ``needs`` lists the JSON Pointer patterns the check reads (``*`` matches any
    one segment, a final ``**`` any descendants): the check is skipped on a page
    whose schema errors touch them, so it only ever sees valid data.
    """

    __slots__ = (
        "check",
        "code",
        "doc",
        "enabled",
        "fixable",
        "kinds",
        "name",
        "needs",
        "severity",
        "summary",
    )

    code: str
    name: str
    summary: str
    doc: str
    check: CheckFunction
    severity: Severity
    enabled: bool
    needs: tuple[str, ...]
    kinds: tuple[PageKind, ...]
    fixable: bool

    def __init__(
        self,
        code: str,
        name: str,
        summary: str,
        doc: str,
        check: CheckFunction,
        severity: Severity = Severity.ERROR,
        enabled: bool = True,
        needs: tuple[str, ...] = (),
        kinds: tuple[PageKind, ...] = (PageKind.TAGGED,),
        fixable: bool = False,
    ) -> None:
        fill(self, code, name, summary, doc, check, severity, enabled, needs, kinds, fixable)


def rule(
    *,
    code: str,
    name: str,
    severity: Severity | str = Severity.ERROR,
    enabled: bool = True,
    needs: tuple[str, ...] = (),
    kinds: tuple[PageKind, ...] = (PageKind.TAGGED,),
    fixable: bool = False,
) -> Callable[[CheckFunction], Rule]:
    """Make a :class:`Rule` from a check function and its docstring."""

    def wrap(check: CheckFunction) -> Rule:
        summary, doc = describe(check)
        return Rule(
            code=code,
            name=name,
            summary=summary,
            doc=doc,
            check=check,
            severity=Severity(severity),
            enabled=enabled,
            needs=needs,
            kinds=kinds,
            fixable=fixable,
        )

    return wrap


def is_blocked(need: str, error_pointer: str) -> bool:
    """Whether a schema error at ``error_pointer`` makes data under ``need`` untrustworthy."""
    need_parts = need.split("/")[1:]
    deep = bool(need_parts) and need_parts[-1] == "**"
    if deep:
        need_parts = need_parts[:-1]
    error_parts = error_pointer.split("/")[1:] if error_pointer else []
    for have, want in zip(error_parts, need_parts, strict=False):
        if want not in ("*", have):
            return False
    return len(error_parts) <= len(need_parts) or deep
