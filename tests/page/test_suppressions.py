"""``# cachelint: disable=...`` comments, and CL010 for those that suppress nothing."""

from __future__ import annotations

import json

import pytest

from cachelint.page.split import FrontMatter
from cachelint.page.suppressions import find_comments

PAGE = "_cache/develop-2025-07-13/bc/specs.md"


def findings(result) -> list[tuple[str, int]]:
    """(code, line) of each diagnostic of a JSON report."""
    return [(d["code"], d["line"]) for d in json.loads(result.out)]


def with_page_comment(page: str, comment: str) -> str:
    """The page with ``comment`` as the first front-matter line (shifts lines by one)."""
    return page.replace("---\n", f"---\n{comment}\n", 1)


def with_trailing_comment(page: str, key: str, comment: str) -> str:
    """The page with ``comment`` after the value on the line of ``key``."""
    lines = page.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] += f"  {comment}"
    return "\n".join(lines)


@pytest.fixture
def check(write, cli):
    def run(text: str, *flags: str):
        write(PAGE, text)
        return cli("check", "--isolated", "--output-format", "json", *flags, PAGE)

    return run


def test_without_comments_both_faults_are_reported(check, broken_bc):
    assert findings(check(broken_bc)) == [("CL201", 5), ("CL301", 6)]


def test_page_comment_turns_codes_off_for_the_page(check, broken_bc):
    result = check(with_page_comment(broken_bc, "# cachelint: disable=CL201, CL301"))
    assert findings(result) == []
    assert result.status == 0


def test_trailing_comment_turns_codes_off_on_its_line_only(check, broken_bc):
    text = with_trailing_comment(broken_bc, "meta", "# cachelint: disable=CL201,CL301")
    assert findings(check(text)) == [("CL301", 6)]


def test_suppression_of_a_parse_stage_code(check, clean_bc):
    duplicate = clean_bc.replace("layout: cache\n", 'layout: cache\ntitle: "bc"\n')
    assert [code for code, _ in findings(check(duplicate))] == ["CL004"]
    assert findings(check(with_page_comment(duplicate, "# cachelint: disable=CL004"))) == []


def test_unused_suppressions_are_silent_by_default(check, clean_bc):
    result = check(with_page_comment(clean_bc, "# cachelint: disable=CL201"))
    assert findings(result) == []


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("# cachelint: disable=CL201", "unused suppression: no CL201 finding on this page"),
        ("# cachelint: disable=XY123", "suppression names unknown code XY123"),
        ("# cachelint: disable=CL403", "suppression of CL403 has no effect: CL403 is not selected"),
        ("# cachelint: disable=CL900", "CL900 (a crashed rule) cannot be suppressed"),
        ("# cachelint: disabel=CL201", "malformed suppression comment"),
        ("# cachelint: disable=cl201", "malformed suppression comment"),
    ],
)
def test_cl010_reports_page_comments_that_suppress_nothing(check, clean_bc, comment, message):
    result = check(with_page_comment(clean_bc, comment), "--extend-select", "CL010")
    report = json.loads(result.out)
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in report] == [
        ("CL010", 2, 1, "warning")
    ]
    assert message in report[0]["message"]
    assert result.status == 0  # a warning


def test_cl010_reports_an_unused_trailing_comment(check, broken_bc):
    text = with_trailing_comment(broken_bc, "spec_details", "# cachelint: disable=CL201")
    report = json.loads(check(text, "--extend-select", "CL010").out)
    assert [(d["code"], d["line"]) for d in report] == [("CL201", 5), ("CL301", 6), ("CL010", 6)]
    unused = report[2]
    assert unused["message"] == "unused suppression: no CL201 finding on this line"
    line = text.split("\n")[5]
    assert unused["column"] == line.index("#") + 1


def test_cl010_is_quiet_about_used_suppressions(check, broken_bc):
    text = with_trailing_comment(broken_bc, "meta", "# cachelint: disable=CL201")
    assert findings(check(text, "--extend-select", "CL010")) == [("CL301", 6)]


def test_cl010_can_itself_be_suppressed_for_the_page(check, clean_bc):
    text = with_page_comment(clean_bc, "# cachelint: disable=CL010,CL201")
    assert findings(check(text, "--extend-select", "CL010")) == []


def test_comment_marks_inside_values_are_not_comments():
    text = 'title: "a#cachelint: disable=CL201"\nmeta: {}\n'
    assert find_comments(FrontMatter(text, first_line=2, start=4, end=4 + len(text))) == (
        find_comments(None)
    )
