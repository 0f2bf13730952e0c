"""File results as plain JSON data for the result cache, and back."""

from __future__ import annotations

from typing import Any

from cachelint.catalog.facts import PageFacts
from cachelint.model import Diagnostic, FileResult, Position, Related, Severity


def encode_result(result: FileResult) -> tuple[Any, ...]:
    """A result as plain data that JSON can hold (sets as sorted lists)."""
    diagnostics = tuple(
        (
            d.code,
            d.severity.value,
            d.message,
            d.position.line,
            d.position.column,
            d.position.end_line,
            d.position.end_column,
            d.pointer,
            d.fixable,
            tuple((r.pointer, *_position(r.position)) for r in d.related),
        )
        for d in result.diagnostics
    )
    facts = result.facts
    packed_facts = (
        None
        if facts is None
        else (
            facts.num_specs,
            sorted(facts.compilers),
            sorted(facts.parameters),
            sorted(facts.stacks),
        )
    )
    return (result.checked, result.note, result.fix_note, diagnostics, packed_facts)


def decode_result(payload: tuple[Any, ...] | None, display: str) -> FileResult | None:
    """The result :func:`encode_result` encoded (``None``: absent or corrupt)."""
    if payload is None:
        return None
    try:
        checked, note, fix_note, diagnostics, packed_facts = payload
        facts = None if packed_facts is None else _facts(*packed_facts)
        placed = tuple(
            Diagnostic(
                code=code,
                severity=Severity(severity),
                message=message,
                path=display,
                position=Position(line, column, end_line, end_column),
                pointer=pointer,
                fixable=fixable,
                related=tuple(Related(p, Position(*place)) for p, *place in related),
            )
            for (
                code,
                severity,
                message,
                line,
                column,
                end_line,
                end_column,
                pointer,
                fixable,
                related,
            ) in diagnostics
        )
    except (TypeError, ValueError, AttributeError):
        return None  # a corrupt entry: checked again and rewritten
    return FileResult(
        display,
        checked=checked,
        diagnostics=placed,
        note=note,
        fix_note=fix_note,
        facts=facts,
    )


def _facts(num_specs: int | None, compilers: list[str], parameters: list[str], stacks: list[str]):
    if not (num_specs is None or type(num_specs) is int):
        raise TypeError("num_specs")
    return PageFacts(num_specs, frozenset(compilers), frozenset(parameters), frozenset(stacks))


def _position(position: Position) -> tuple[int, int, int | None, int | None]:
    return (position.line, position.column, position.end_line, position.end_column)
