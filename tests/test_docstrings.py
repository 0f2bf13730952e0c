"""A rule's documentation: the docstring cleaned as Python 3.11's ``inspect`` cleans it."""

from __future__ import annotations

import inspect
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cachelint.docstrings import cleandoc, describe


def check_bc(page: object) -> None:
    """Page title must match its folder.

    Failing::

        title: "zlib"
    """


def test_describe_gives_the_summary_and_the_dedented_whole() -> None:
    summary, doc = describe(check_bc)
    assert summary == "Page title must match its folder."
    assert doc == 'Page title must match its folder.\n\nFailing::\n\n    title: "zlib"'


def test_a_function_without_a_docstring_has_an_empty_one() -> None:
    assert describe(lambda page: None) == ("", "")


CASES = [
    "",
    "\n",
    "One line.",
    "  Leading spaces.\n    indented\n  less\n",
    "\n\n    First after blanks.\n\n    body\n\n",
    "Tabs\n\tone tab\n\t\ttwo tabs",
    "Blank-looking lines\n    \n        deeper\n    ",
    "Summary\nno indent\n    four",
]


@pytest.mark.parametrize("doc", CASES)
def test_cleans_as_inspect_does(doc: str) -> None:
    assert cleandoc(doc) == inspect.cleandoc(doc)


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="3.13 strips only spaces")
@given(st.text(alphabet=" \t\n\x0cab.", max_size=40))
def test_property_cleans_as_inspect_of_python_3_11_does(doc: str) -> None:
    assert cleandoc(doc) == inspect.cleandoc(doc)
