"""The settings of the Spack rules: stack-name templates and mutable tags.

``stack-architectures`` lists templates of stack names that name an
architecture, matched against each stack a spec is in. A template is
dash-separated parts: a literal (``ml``), ``*`` (any number of parts, none
included), ``{platform}`` (one part that is a Spack platform) or ``{family}``
(one part that is an archspec target family); ``{platform=NAME}`` and
``{family=NAME}`` match nothing but state what the stack holds. The first
template that matches a stack name decides. An empty list turns CL606 off.

``mutable-tags`` lists the tags (``fnmatch`` globs) whose build caches still
change; every other tag is immutable for CL622.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fnmatch import fnmatchcase

from cachelint.record import Record, fill

DEFAULT_STACK_ARCHITECTURES = ("*-{platform}-{family}-*", "e4s-power{family=ppc64le}")
DEFAULT_MUTABLE_TAGS = ("develop",)

_CONSTRAINT = re.compile(r"\{(platform|family)=([A-Za-z0-9_.]+)\}")
_PART = re.compile(r"^(?:\*|\{platform\}|\{family\}|[A-Za-z0-9_.]+)$")
# Longer stack names are not matched: templates with several ``*`` backtrack.
MAX_STACK_NAME = 200
MAX_WILDCARDS = 2


class SpackOptions(Record):
    """What the Spack rules are configured with."""

    __slots__ = ("mutable_tags", "stack_architectures")

    stack_architectures: tuple[str, ...]
    mutable_tags: tuple[str, ...]

    def __init__(
        self,
        stack_architectures: tuple[str, ...] = DEFAULT_STACK_ARCHITECTURES,
        mutable_tags: tuple[str, ...] = DEFAULT_MUTABLE_TAGS,
    ) -> None:
        fill(self, stack_architectures, mutable_tags)

    def is_mutable(self, tag: str) -> bool:
        """Whether ``tag``'s build cache may still change."""
        return any(fnmatchcase(tag, glob) for glob in self.mutable_tags)


DEFAULT_SPACK_OPTIONS = SpackOptions()


class StackTemplate(Record):
    """A parsed template: its regular expression and the values it states."""

    __slots__ = ("fixed", "pattern", "text")

    text: str
    pattern: re.Pattern[str]
    fixed: tuple[tuple[str, str], ...]  # the stated values, as (key, value) pairs

    def __init__(
        self, text: str, pattern: re.Pattern[str], fixed: tuple[tuple[str, str], ...]
    ) -> None:
        fill(self, text, pattern, fixed)

    def architecture(self, stack: str) -> dict[str, str] | None:
        """``{"platform": ..., "family": ...}`` (either may be absent) if ``stack`` matches."""
        if len(stack) > MAX_STACK_NAME:
            return None
        match = self.pattern.match(stack)
        if match is None:
            return None
        found = {key: value for key, value in match.groupdict().items() if value is not None}
        return {**found, **dict(self.fixed)}


def check_template(text: str) -> str:
    """``text`` if it is a well-formed template; a ValueError saying why not."""
    if not isinstance(text, str) or not text:
        raise ValueError("expected a template string, such as '*-{platform}-{family}-*'")
    rest = _CONSTRAINT.sub("", text)
    parts = rest.split("-") if rest else []
    bad = [part for part in parts if not _PART.match(part)]
    if bad:
        raise ValueError(
            f"{text!r}: {bad[0]!r} is not a literal, '*', '{{platform}}' or '{{family}}'"
        )
    named = {name for name, _ in _CONSTRAINT.findall(text)} | {
        part[1:-1] for part in parts if part.startswith("{")
    }
    if not named:
        raise ValueError(f"{text!r} names no {{platform}} or {{family}}")
    if _repeats(parts):
        raise ValueError(f"{text!r} names {{platform}} or {{family}} twice")
    # A template comes from a configuration file, which may be hostile: few
    # wildcards, never adjacent, keep the match linear in the stack name.
    if parts.count("*") > MAX_WILDCARDS or "*-*" in rest:
        raise ValueError(f"{text!r}: at most {MAX_WILDCARDS} '*', never two in a row")
    return text


def _repeats(parts: list[str]) -> bool:
    placeholders = [part for part in parts if part.startswith("{")]
    return len(placeholders) != len(set(placeholders))


def compile_templates(
    texts: Iterable[str], *, platforms: Iterable[str], families: Iterable[str]
) -> tuple[StackTemplate, ...]:
    """The templates, with ``{platform}`` and ``{family}`` bound to the known names."""
    alternatives = {
        "{platform}": _alternation("platform", platforms),
        "{family}": _alternation("family", families),
    }
    return tuple(_compile(text, alternatives) for text in texts)


def _alternation(group: str, names: Iterable[str]) -> str:
    ordered = sorted(names, key=lambda name: (-len(name), name))  # longest first
    return f"(?P<{group}>{'|'.join(map(re.escape, ordered))})"


def _compile(text: str, alternatives: dict[str, str]) -> StackTemplate:
    fixed = tuple(_CONSTRAINT.findall(text))
    rest = _CONSTRAINT.sub("", text)
    parts = rest.split("-") if rest else []
    pieces: list[str] = []
    for index, part in enumerate(parts):
        if part == "*":  # whole dash-separated parts, none included
            pieces.append("(?:[^-]+-)*" if index == 0 else "(?:-[^-]+)*")
            continue
        glued = index == 0 or (index == 1 and parts[0] == "*")
        pieces.append(("" if glued else "-") + alternatives.get(part, re.escape(part)))
    return StackTemplate(text, re.compile("^" + "".join(pieces) + "$"), fixed)
