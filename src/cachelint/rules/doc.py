"""Rule documentation, from the one source: each rule's docstring (or stage code's doc).

A docstring reads: a summary line (what the rule checks), paragraphs on why it
matters, then examples, each a header line ending in ``::`` (``Failing ...::``,
``Passing::``) followed by an indented block. ``cachelint rule CODE``,
``cachelint rules --output-format json|markdown`` and ``docs/rules.md`` are all
rendered from it.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from typing import Any

from cachelint.catalog.rule import CatalogRule
from cachelint.codes import StageCode
from cachelint.docstrings import cleandoc
from cachelint.record import Record, fill
from cachelint.rules.base import Rule
from cachelint.rules.registry import BUILTIN, RuleRegistry

_EXAMPLE_HEADER = re.compile(r"^(?P<title>\S.*)::\s*$")
_LITERAL = re.compile(r"``(.+?)``")

MARKDOWN_INTRO = """\
# Rules

Every code `cachelint` reports here: the rules of cachelint and of installed
plugins, and the codes of the pipeline stages. `cachelint rule CODE` prints
the same text for one code.
"""

DOCS_INTRO = """\
# Rules

<!-- Generated from the rules' docstrings by `python scripts/update_rules_doc.py`;
     do not edit by hand (tests/docs/test_rules_doc.py fails when this file is stale). -->

Every code cachelint reports, built-in rules and the codes of the pipeline
stages alike. `cachelint rule CODE` prints the same text; `cachelint rules`
also lists the rules of installed plugins (see [plugins.md](plugins.md)).

Codes come in families: CL0xx reading and parsing, CL1xx the page schema,
CL2xx counts, CL3xx the `meta` summary, CL4xx hashes and order, CL5xx the
catalog and its site data, CL6xx Spack semantics (does `spec_details` make
sense as a Spack build: CL60x targets, platforms and operating systems, from
Spack's own archspec data; CL61x compiler, variant and version syntax; CL62x
the binaries and the history of tags), CL9xx cachelint itself.
"""


class Example(Record):
    """A failing or passing example: its header (``Failing (...)``) and its text."""

    __slots__ = ("text", "title")

    title: str
    text: str

    def __init__(self, title: str, text: str) -> None:
        fill(self, title, text)


class RuleDoc(Record):
    """Everything known about one code, ready to render."""

    __slots__ = (
        "code",
        "enabled",
        "examples",
        "explanation",
        "fixable",
        "name",
        "origin",
        "runs",
        "severity",
        "source",
        "summary",
    )

    code: str
    name: str
    summary: str
    explanation: str
    examples: tuple[Example, ...]
    severity: str
    enabled: bool
    fixable: bool
    origin: str
    source: str
    runs: str  # when a catalog rule runs (empty: on every checked page, or a stage)

    def __init__(
        self,
        code: str,
        name: str,
        summary: str,
        explanation: str,
        examples: tuple[Example, ...],
        severity: str,
        enabled: bool,
        fixable: bool,
        origin: str,
        source: str,
        runs: str = "",
    ) -> None:
        fill(
            self,
            code,
            name,
            summary,
            explanation,
            examples,
            severity,
            enabled,
            fixable,
            origin,
            source,
            runs,
        )


def rule_docs(registry: RuleRegistry) -> list[RuleDoc]:
    """The documentation of every code, in code order."""
    return [rule_doc(doc, registry) for doc in registry.documented()]


def rule_doc(doc: Rule | CatalogRule | StageCode, registry: RuleRegistry) -> RuleDoc:
    """Split one code's doc into explanation and examples."""
    body = cleandoc(doc.doc)
    if not isinstance(doc, StageCode):
        body = body.partition("\n")[2]  # a rule's docstring starts with its summary
    explanation, examples = _split(textwrap.dedent(body).strip("\n"))
    return RuleDoc(
        code=doc.code,
        name=doc.name,
        summary=doc.summary,
        explanation=explanation,
        examples=examples,
        severity=doc.severity.value,
        enabled=doc.enabled,
        fixable=doc.fixable,
        origin=registry.origin(doc.code),
        source=registry.source(doc.code),
        runs=doc.condition if isinstance(doc, CatalogRule) else "",
    )


def _split(body: str) -> tuple[str, tuple[Example, ...]]:
    lines = body.splitlines()
    starts = [i for i, line in enumerate(lines) if _EXAMPLE_HEADER.match(line)]
    if not starts:
        return body.strip(), ()
    explanation = "\n".join(lines[: starts[0]]).strip()
    examples = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        title = _EXAMPLE_HEADER.match(lines[start]).group("title")  # type: ignore[union-attr]
        text = textwrap.dedent("\n".join(lines[start + 1 : end])).strip("\n")
        examples.append(Example(title, text))
    return explanation, tuple(examples)


def plain(text: str) -> str:
    """reStructuredText ````literal```` markup as Markdown/terminal ```literal```."""
    return _LITERAL.sub(r"`\1`", text)


def render_text(doc: RuleDoc) -> str:
    """``cachelint rule CODE``: the full documentation of one code."""
    out = [f"{doc.code} {doc.name}", "", f"What it checks: {plain(doc.summary)}", ""]
    if doc.explanation:
        out += ["Why it matters:", textwrap.indent(plain(doc.explanation), "  "), ""]
    for example in doc.examples:
        out += [f"{plain(example.title)}:", "", textwrap.indent(example.text, "    "), ""]
    if doc.runs:
        out += ["Runs:", textwrap.indent(textwrap.fill(plain(doc.runs), 76), "  "), ""]
    out += [
        f"Default severity:   {doc.severity}",
        f"Enabled by default: {_yes(doc.enabled)}",
        f"Fixable:            {_yes(doc.fixable)}",
        f"Origin:             {_origin(doc)}",
    ]
    return "\n".join(out) + "\n"


def record(doc: RuleDoc) -> dict[str, Any]:
    """The stable JSON shape of one code's documentation."""
    return {
        "code": doc.code,
        "name": doc.name,
        "summary": doc.summary,
        "explanation": doc.explanation,
        "examples": [{"title": e.title, "text": e.text} for e in doc.examples],
        "severity": doc.severity,
        "enabled": doc.enabled,
        "fixable": doc.fixable,
        "origin": doc.origin,
        "source": doc.source,
        "runs": doc.runs,
    }


def render_markdown(docs: Iterable[RuleDoc], *, intro: str = MARKDOWN_INTRO) -> str:
    """A Markdown page: a table of every code, then one section per code."""
    docs = list(docs)
    out = [intro, "| Code | Name | Summary | Severity | Default | Fixable | Origin |"]
    out.append("| --- | --- | --- | --- | --- | --- | --- |")
    for doc in docs:
        out.append(
            f"| [{doc.code}](#{doc.code.lower()}) | `{doc.name}` | {_cell(doc.summary)} "
            f"| {doc.severity} | {'on' if doc.enabled else 'off'} | {_yes(doc.fixable)} "
            f"| {doc.origin} |"
        )
    for doc in docs:
        out += ["", f"## {doc.code}", "", f"`{doc.name}`: {plain(doc.summary)}", ""]
        if doc.explanation:
            out += [plain(doc.explanation), ""]
        for example in doc.examples:
            out += [f"{plain(example.title)}:", "", "```", example.text, "```", ""]
        if doc.runs:
            out += [f"Runs {plain(doc.runs)}.", ""]
        out.append(
            f"Default severity: {doc.severity}; enabled by default: {_yes(doc.enabled)}; "
            f"fixable: {_yes(doc.fixable)}; origin: {doc.origin}."
        )
    return "\n".join(out) + "\n"


def builtin_markdown(registry: RuleRegistry) -> str:
    """``docs/rules.md``: the Markdown page of cachelint's own codes only."""
    builtin = (doc for doc in rule_docs(registry) if doc.origin == BUILTIN)
    return render_markdown(builtin, intro=DOCS_INTRO)


def _origin(doc: RuleDoc) -> str:
    """``built-in (cachelint==0.1.0)``, or a plugin's ``distribution==version``."""
    if doc.origin == BUILTIN:
        return f"{BUILTIN} ({doc.source.removesuffix(f' ({BUILTIN})')})"
    return doc.source


def _cell(text: str) -> str:
    return plain(text).replace("|", "\\|")


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def help_markdown(summary: str, doc: str) -> str:
    """A code's documentation as Markdown (SARIF ``help.markdown``): the docstring's
    reStructuredText literals become code spans and its ``Failing::`` blocks fenced code.
    """
    body = cleandoc(doc)
    first, _, rest = body.partition("\n")
    if first.strip() == summary.strip():  # a rule's docstring starts with its summary
        body = rest
    explanation, examples = _split(textwrap.dedent(body).strip("\n"))
    out = [_code_spans(summary), ""]
    if explanation:
        out += [_code_spans(explanation), ""]
    for example in examples:
        out += [f"{_code_spans(example.title)}:", "", "```", example.text, "```", ""]
    return "\n".join(out).strip() + "\n"


def _code_spans(text: str) -> str:
    """Like :func:`plain`, also for a literal broken across lines (Markdown allows that)."""
    return re.sub(r"``(.+?)``", r"`\1`", text, flags=re.DOTALL)
