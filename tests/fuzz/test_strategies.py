"""The fuzz strategies reach every outcome the properties are about, and mutate as named."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st

from cachelint.model import FileResult
from tests.fuzz.strategies import MUTATIONS, SEED_PAGES, FuzzPage, pages
from tests.helpers import check_file

SEARCH = settings(
    max_examples=500,
    derandomize=True,
    database=None,
    phases=[Phase.generate],  # any example will do: no shrinking
    suppress_health_check=list(HealthCheck),
)


def _result(page: FuzzPage) -> FileResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "_cache" / "develop" / "bc" / "specs.md"
        path.parent.mkdir(parents=True)
        path.write_bytes(page.raw)
        return check_file(path)


def _codes(page: FuzzPage) -> set[str]:
    return {d.code for d in _result(page).diagnostics}


OUTCOMES: dict[str, Callable[[FuzzPage], bool]] = {
    "a clean page": lambda page: _codes(page) == set(),
    "a page --fix repairs": lambda page: _result(page).fix is not None,
    "bytes that are not UTF-8": lambda page: "CL001" in _codes(page),
    "broken YAML": lambda page: "CL003" in _codes(page),
    "a refused YAML feature": lambda page: "CL005" in _codes(page),
    "nesting past the limit": lambda page: "CL006" in _codes(page),
    "a schema finding": lambda page: any(code.startswith("CL1") for code in _codes(page)),
    "a rule finding": lambda page: any(code[2] in "2345" for code in _codes(page)),
}


RARE = {"nesting past the limit"}


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_pages_reach(outcome: str) -> None:
    # A rare outcome (one mutation in many, at a depth past the limit) gets a wider
    # search, so that earlier tests' use of the shared random state cannot starve it.
    search = settings(SEARCH, max_examples=3000) if outcome in RARE else SEARCH
    find(pages(), OUTCOMES[outcome], settings=search)


@pytest.mark.parametrize("name", MUTATIONS)
def test_each_mutation_changes_a_real_page(name: str) -> None:
    mutate = MUTATIONS[name]
    find(
        st.data(),
        lambda data: mutate(data.draw, SEED_PAGES[1]) != SEED_PAGES[1],
        settings=SEARCH,
    )
