"""The bundled schemas: valid 2020-12 schemas that accept every real page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cachelint.model import PageKind
from cachelint.page.parse import page_kind
from cachelint.page.yamlparse import parse_yaml
from cachelint.schema.explain import load_schema, schema_names, validate
from tests.conftest import CORPUS, REAL, SEEDS


@pytest.mark.parametrize("name", ["catalog-page", "legacy-page", "tags", "site-meta"])
def test_schema_is_valid_against_the_2020_12_meta_schema(name):
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_names_are_listed():
    assert {"catalog-page", "legacy-page", "tags", "site-meta"} <= set(schema_names())


def _front_matter(path: Path):
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?\n)---", text, re.S)
    assert match, path
    return parse_yaml(match.group(1), first_line=2)


def _real_pages() -> list[Path]:
    """The kept real pages, and the shared corpus and seeds when present."""
    pages = sorted(REAL.glob("_cache/**/specs.md"))
    if not CORPUS.exists():
        return pages
    pages += sorted(CORPUS.glob("_cache/**/specs.md"))
    return pages + sorted(SEEDS.glob("*.txt"))


def _page_id(path: Path) -> str:
    return ("kept:" if REAL in path.parents else "") + str(path.relative_to(path.parents[2]))


@pytest.mark.parametrize("path", _real_pages(), ids=_page_id)
def test_every_real_page_validates(path):
    parsed = _front_matter(path)
    assert parsed.findings == ()
    assert validate(parsed.data, page_kind(parsed.data)) == []


def test_corpus_has_both_page_kinds():
    kinds = {page_kind(_front_matter(p).data) for p in _real_pages()}
    assert kinds == {PageKind.TAGGED, PageKind.LEGACY}


def test_compiler_forms_are_accepted():
    schema = load_schema("catalog-page")
    pattern = re.compile(schema["$defs"]["compiler"]["pattern"])
    for good in ("gcc@11.4.0", "gcc@=11.4.0", "none", "intel-oneapi-compilers@2025.1.0"):
        assert pattern.match(good), good
    for bad in ("gcc", "@11", "GCC@1", "gcc@ 1"):
        assert not pattern.match(bad), bad


def test_remote_refs_are_refused_never_fetched(monkeypatch):
    import socket

    from cachelint.errors import UsageError
    from cachelint.schema.explain import build_validator, validate_with

    def no_network(*args, **kwargs):
        raise AssertionError("a schema reference tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    validator = build_validator({"$ref": "https://example.com/evil.schema.json"})
    with pytest.raises(UsageError, match="refused"):
        validate_with(validator, {})


def test_refs_to_bundled_schemas_resolve_offline():
    from cachelint.schema.explain import build_validator, validate_with

    validator = build_validator({"$ref": "https://cachelint.dev/schemas/catalog-page.schema.json"})
    assert [f.code for f in validate_with(validator, {})] == ["CL101"] * 5
