"""Compilers are written in Spack's syntax, one form per page."""

from __future__ import annotations

from collections.abc import Iterator

from cachelint.model import Finding, Page, Severity
from cachelint.rules.base import rule
from cachelint.spack.specs import spec_table
from cachelint.spack.syntax import compiler_form
from cachelint.spack.values import GoodValues, column

_WELL_FORMED = GoodValues(lambda compiler: compiler_form(compiler) is not None, column("compiler"))


@rule(code="CL611", name="malformed-compiler", needs=("/spec_details/*/compiler",))
def malformed_compiler(page: Page) -> Iterator[Finding]:
    """A spec's ``compiler`` is not ``none`` or ``name@version`` / ``name@=version``.

    The generator prints the compiler as Spack does: its name, ``@`` (``@=``
    before 2025, an exact version) and one version, or ``none`` for specs
    built without one. A range (``gcc@11:``), a list, a missing version or a
    variant is not a compiler a binary was built with.

    Failing (a version range)::

        spec_details: [{"compiler": "gcc@11:12", ...}]

    Passing::

        spec_details: [{"compiler": "gcc@11.4.0", ...}]
    """
    specs = page.data["spec_details"]
    if _WELL_FORMED.all_good(specs):
        return  # the common clean page
    for index, spec in enumerate(specs):
        if compiler_form(spec["compiler"]) is None:
            yield Finding(
                "CL611",
                f"spec_details[{index}].compiler {spec['compiler']!r} is not 'none' or "
                "name@version (name@=version)",
                f"/spec_details/{index}/compiler",
            )


@rule(
    code="CL612",
    name="mixed-compiler-forms",
    severity=Severity.WARNING,
    needs=("/spec_details/*/compiler",),
)
def mixed_compiler_forms(page: Page) -> Iterator[Finding]:
    """One page writes compilers both as ``name@=version`` and ``name@version`` (a warning).

    Generators wrote ``gcc@=11.4.0`` until 2025 and ``gcc@11.4.0`` since; one
    page with both means two generator versions wrote into it, and its
    ``meta.compilers`` lists the same compiler twice. Regenerate the page.
    There is no ``--fix``: which form is right depends on the generator that
    owns the tag, the ``meta`` summary and the ``tarball`` URLs follow the
    form, and a mixed page is usually stale in other ways too.

    Failing::

        spec_details: [{"compiler": "gcc@=11.4.0", ...}, {"compiler": "gcc@11.4.0", ...}]

    Passing::

        spec_details: [{"compiler": "gcc@11.4.0", ...}, {"compiler": "gcc@11.4.0", ...}]
    """
    specs = page.data["spec_details"]
    if len(set(map(compiler_form, spec_table(specs).distinct("compiler"))) - {"", None}) < 2:
        return  # one form (or none) on the page
    first: tuple[int, str] | None = None
    for index, spec in enumerate(specs):
        form = compiler_form(spec["compiler"])
        if not form:
            continue  # none, or CL611
        if first is None:
            first = (index, form)
        elif form != first[1]:
            yield Finding(
                "CL612",
                f"spec_details[{index}].compiler {spec['compiler']!r} is written name{form}"
                f"version, spec_details[{first[0]}].compiler name{first[1]}version",
                f"/spec_details/{index}/compiler",
            )
