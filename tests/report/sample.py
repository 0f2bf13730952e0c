"""Reports built by hand, with text every format must escape."""

from __future__ import annotations

from pathlib import Path

from cachelint.model import Diagnostic, Position, Severity
from cachelint.report import RenderOptions, Report, RuleInfo

# Everything a format could choke on: %, comma, colon, CR/LF, quotes, <&>, non-ASCII.
NASTY = "50% of a,b: \"x\" 'y' <&> naïve 😀\r\nnext line\nlast %0A"
NASTY_PATH = "odd dir/a,b:c %25 ü/specs.md"

NUM_SPECS = Position(5, 20, 5, 21)
PLAIN = RenderOptions()

RULES = {
    "CL201": RuleInfo("CL201", "num-specs-mismatch", "meta.num_specs differs.", "Long doc."),
    "CL104": RuleInfo("CL104", "pattern-mismatch", "A value does not match its pattern."),
    "CL302": RuleInfo(
        "CL302", "summary-stale-value", "A stale meta value.", severity=Severity.WARNING
    ),
}


def diagnostic(
    code: str = "CL201",
    *,
    path: str = "_cache/develop/zlib/specs.md",
    message: str = "meta.num_specs is 3 but spec_details has 2 entries",
    position: Position = NUM_SPECS,
    severity: Severity = Severity.ERROR,
    pointer: str = "/meta/num_specs",
) -> Diagnostic:
    return Diagnostic(code, severity, message, path, position, pointer)


def report(
    diagnostics: list[Diagnostic],
    *,
    root: Path,
    checked: list[str] | None = None,
    texts: dict[str, str] | None = None,
    options: RenderOptions = PLAIN,
) -> Report:
    """A report whose paths are relative to ``root`` (pass ``root`` as the cwd)."""
    paths = checked if checked is not None else sorted({d.path for d in diagnostics})
    sources = texts or {}
    return Report(
        diagnostics=tuple(sorted(diagnostics, key=lambda d: d.sort_key)),
        checked_files=tuple(paths),
        rules=RULES,
        root=root,
        options=options,
        read_text=sources.get,
    )


def nasty_report(root: Path, **kwargs: object) -> Report:
    """Errors and a warning with hostile messages and paths, one spanning two lines."""
    return report(
        [
            diagnostic(path=NASTY_PATH, message=NASTY, pointer="/meta/a~1b"),
            diagnostic(
                "CL104",
                path=NASTY_PATH,
                message='<tag attr="v">&amp; ünïcode</tag>',
                position=Position(6, 1, 7, 4),
                pointer="/spec_details",
            ),
            diagnostic("CL302", severity=Severity.WARNING, message=NASTY, pointer=""),
        ],
        root=root,
        checked=[NASTY_PATH, "_cache/develop/zlib/specs.md", "_cache/develop/clean/specs.md"],
        **kwargs,  # type: ignore[arg-type]
    )
