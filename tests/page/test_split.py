"""Splitting a page into front matter and body."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cachelint.model import Finding
from cachelint.page.split import FrontMatter, split_front_matter

# The closing fence as a line-by-line regex search finds it: the reference. Jekyll's
# YAML_FRONT_MATTER_REGEXP closes at the first "---" or "..." line.
FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def reference_closing(text: str, start: int) -> int | None:
    match = FENCE.search(text, start)
    return None if match is None else match.start()


def test_front_matter_between_the_fences() -> None:
    front_matter = split_front_matter('---\ntitle: "x"\n--- \nbody\n---\n')
    assert front_matter == FrontMatter('title: "x"\n', first_line=2, start=4, end=15)


def test_lines_that_only_start_like_a_fence_are_not_fences() -> None:
    text = "---\na: ----\n---x\n----\n  ---\n--- \t\r\nbody"
    front_matter = split_front_matter(text)
    assert isinstance(front_matter, FrontMatter)
    assert front_matter.text == "a: ----\n---x\n----\n  ---\n"


def test_an_unclosed_front_matter_is_reported() -> None:
    finding = split_front_matter("---\na: 1\n---x\n")
    assert isinstance(finding, Finding)
    assert finding.code == "CL002"
    assert "not closed" in finding.message


def test_front_matter_closes_at_a_dots_line_as_jekyll_reads_it() -> None:
    front_matter = split_front_matter('---\ntitle: "x"\n... \nbody\n---\nmore\n')
    assert front_matter == FrontMatter('title: "x"\n', first_line=2, start=4, end=15)
    text = "---\na: ...\n....\n ...\n...x\n---\n"  # none of these is a fence but the last
    front_matter = split_front_matter(text)
    assert isinstance(front_matter, FrontMatter)
    assert front_matter.text == "a: ...\n....\n ...\n...x\n"


@given(st.text(alphabet="-.\n \t\rab", max_size=60))
def test_the_closing_fence_is_where_a_regex_search_finds_it(body: str) -> None:
    text = "---\n" + body
    front_matter = split_front_matter(text)
    closing = reference_closing(text, 4)
    if isinstance(front_matter, FrontMatter):
        assert front_matter.end == closing
    else:
        expected = "not closed" if closing is None else "empty"
        assert expected in front_matter.message


@given(st.text(alphabet="#\n \t\r\x0b\x85\u2028ab", max_size=30))
def test_front_matter_is_empty_when_no_line_holds_more_than_a_comment(body: str) -> None:
    front_matter = split_front_matter(f"---\n{body}\n---\n")
    lines = f"{body}\n".splitlines()
    empty = not any(line.strip() and not line.lstrip().startswith("#") for line in lines)
    assert isinstance(front_matter, Finding) == empty
