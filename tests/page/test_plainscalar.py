"""The plain-scalar table is PyYAML's resolver table, and answers as PyYAML does."""

from __future__ import annotations

import re

import yaml
from hypothesis import given
from hypothesis import strategies as st

from cachelint.page.plainscalar import IMPLICIT_RESOLVERS, resolves_to_string

SCALARS = [
    "", "~", "null", "Null", "NULL", "nul", "yes", "Yes", "YES", "yEs", "no", "on", "Off",
    "true", "False", "y", "n", "0", "-0", "+1", "012", "08", "0b101", "0x1F", "0xg", "1_000",
    "1:30", "1:60", "1.5", "1.", ".5", "1e3", "1.0e+3", "1.0e3", ".inf", "-.Inf", ".nan",
    ".NaN", "<<", "<", "=", "==", "!", "&", "*", "2024-01-02", "2024-1-2", "2024-01-02T03:04:05Z",
    "2024-01-02 03:04:05.5 +01:00", "2024-13-45", "gcc@12", "x86_64_v3", "linux-rhel8-zen4",
    "1.2.3", "v1", "3.11", "e4s", "0o17", "+", "-", ".", "+.inf", "12:30:45.5", "ON ",
]  # fmt: skip


def pyyaml_resolves_to_string(plain: str) -> bool:
    """PyYAML's own answer: the tag its resolver gives ``plain`` as a plain scalar."""
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, plain, (True, False))
    return tag == "tag:yaml.org,2002:str"


def pyyaml_table() -> list[tuple[str, str, int, str]]:
    """(tag, pattern, flags, first character) in PyYAML's order."""
    table = yaml.resolver.Resolver.yaml_implicit_resolvers
    return sorted(
        (tag, pattern.pattern, pattern.flags, first)
        for first, entries in table.items()
        for tag, pattern in entries
    )


def test_the_table_is_pyyamls() -> None:
    ours = sorted(
        (tag, pattern, re.compile(pattern, flags).flags, first)
        for tag, pattern, flags, firsts in IMPLICIT_RESOLVERS
        for first in firsts
    )
    assert ours == pyyaml_table()
    assert None not in yaml.resolver.Resolver.yaml_implicit_resolvers  # no wildcard entries
    assert not yaml.resolver.Resolver.yaml_path_resolvers


def test_the_order_of_each_first_character_is_pyyamls() -> None:
    for first, entries in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        ours = [tag for tag, _, _, firsts in IMPLICIT_RESOLVERS if first in tuple(firsts)]
        assert ours == [tag for tag, _ in entries], first


def test_known_scalars_resolve_as_pyyaml_resolves_them() -> None:
    answers = {text: resolves_to_string(text) for text in SCALARS}
    assert answers == {text: pyyaml_resolves_to_string(text) for text in SCALARS}
    assert answers["gcc@12"] and answers["1.2.3"] and answers["1e3"]  # YAML 1.1 floats need a dot
    assert not any(answers[text] for text in ("on", "0x1F", "~", "2024-01-02", "1.0e+3", ""))


@given(st.text(alphabet="0123456789-+._:eExXbBoO~<=!&*TtZz yesnoaulfrNY\t", max_size=24))
def test_generated_scalars_resolve_as_pyyaml_resolves_them(text: str) -> None:
    assert resolves_to_string(text) == pyyaml_resolves_to_string(text)


@given(st.text(max_size=12))
def test_any_text_resolves_as_pyyaml_resolves_it(text: str) -> None:
    assert resolves_to_string(text) == pyyaml_resolves_to_string(text)
