"""The annotations GitHub shows name as many pages as possible."""

from __future__ import annotations

from cachelint.model import Position, Severity
from cachelint.report.annotation_choice import plan_annotations
from tests.report.sample import diagnostic


def page(name: str, errors: int, warnings: int = 0) -> list:
    path = f"_cache/t/{name}/specs.md"
    found = [diagnostic(path=path, position=Position(n, 1)) for n in range(1, errors + 1)]
    found += [
        diagnostic(path=path, severity=Severity.WARNING, position=Position(100 + n, 1))
        for n in range(warnings)
    ]
    return found


def test_one_per_page_first_worst_first() -> None:
    # abyss has 26 errors; seven more pages have one or two each.
    found = page("abyss", 26) + [d for n in range(7) for d in page(f"p{n}", 1 + n % 2)]
    plan = plan_annotations(found)
    assert len(plan.shown) == 10
    assert plan.pages_shown == 8  # every page, then the worst pages' second findings
    shown_abyss = [d for d in plan.shown if "abyss" in d.path]
    assert len(shown_abyss) == 2  # abyss (worst) gets a second before p0 (one error) would
    assert len(plan.shown) + len(plan.rest) == len(found)
    assert plan.hidden


def test_warnings_go_first_to_pages_no_error_names() -> None:
    errors = [d for n in range(10) for d in page(f"e{n}", 1, warnings=3)]
    warned = [d for n in range(4) for d in page(f"w{n}", 0, warnings=1)]
    plan = plan_annotations(errors + warned)
    warning_pages = {d.path for d in plan.shown if d.severity is Severity.WARNING}
    assert {f"_cache/t/w{n}/specs.md" for n in range(4)} <= warning_pages
    assert plan.pages_shown == 14


def test_all_shown_when_they_fit_in_file_order() -> None:
    found = page("a", 3, warnings=2) + page("b", 2)
    plan = plan_annotations(found)
    assert list(plan.shown) == found
    assert not plan.hidden
