"""Reading _data/tags.yaml and _data/meta.yaml: the declared tags, and CL508."""

from __future__ import annotations

import pickle

import pytest

from cachelint.catalog.sitedata import load_site
from cachelint.errors import ReadOnlyDataError
from tests.catalog.builder import CatalogBuilder, dump
from tests.conftest import real_corpora

Found = tuple[str, int, int]


@pytest.fixture
def builder(tmp_path) -> CatalogBuilder:
    builder = CatalogBuilder(tmp_path)
    builder.page("develop", "bc").page("v0.23.0", "bc").consistent()
    return builder


def found(file) -> list[Found]:
    """(code, line, column) of a data file's findings, placed by its resolver."""
    resolver = file.resolver()
    placed = [(f.code, f.position or resolver.resolve(f.pointer)) for f in file.findings]
    return sorted((code, position.line, position.column) for code, position in placed)


def test_a_consistent_catalog_loads_clean(builder):
    files = load_site(builder.root, "site")
    assert files.tags is not None and files.tags.findings == ()
    assert files.meta is not None and files.meta.findings == ()
    assert files.tags.display == "site/_data/tags.yaml"
    site = files.site
    assert site is not None
    assert site.tag_names() == ("develop", "v0.23.0")
    assert site.stacks_for("develop") == {"e4s", "root"}
    assert site.stacks_for("v0.22.0") is None
    assert site.declares("v0.23.0") and not site.declares("v0.22.0")
    assert site.declaration("v0.23.0").pointer == "/1/name"


def test_site_data_is_read_only_and_travels_to_worker_processes(builder):
    site = load_site(builder.root, "site").site
    with pytest.raises(AttributeError):
        site.declarations = ()  # type: ignore[misc]
    with pytest.raises(ReadOnlyDataError):
        site._by_name["x"] = None
    copy = pickle.loads(pickle.dumps(site))
    assert copy.stacks_for("develop") == {"e4s", "root"}
    assert copy == site


def test_the_digest_follows_the_tags_file(builder):
    before = load_site(builder.root, "site").site.digest
    builder.tags({"develop": ["e4s", "root"]})
    assert load_site(builder.root, "site").site.digest != before


def test_no_data_files_no_site(tmp_path):
    files = load_site(tmp_path, ".")
    assert (files.tags, files.meta, files.site) == (None, None, None)
    assert files.files() == ()


# CL508, both ways: each malformation points at its exact place.

TAGS_WITH_A_TAG_TWICE = """\
- name: develop
  stacks: [e4s, root]
- name: v0.23.0
  stacks: [root]
- name: develop
  stacks: [e4s]
"""


def test_a_tag_named_twice(builder):
    builder.tags(TAGS_WITH_A_TAG_TWICE)
    files = load_site(builder.root, ".")
    assert found(files.tags) == [("CL508", 5, 9)]
    assert "tag 'develop' is declared twice (first as entry 0, line 1)" in (
        files.tags.findings[0].message
    )
    assert files.site is None  # rules that need the tags do not run


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        ("- name: develop\n  stacks: [e4s, root\n", [("CL508", 3, 1)], "invalid YAML"),
        ("- name: &a develop\n  stacks: []\n", [("CL508", 1, 9)], "anchor '&a'"),
        ("- name: develop\n  stacks: !!set {e4s}\n", [("CL508", 2, 11)], "tag '!!set'"),
        ("- name: develop\n  name: v1\n  stacks: []\n", [("CL508", 2, 3)], "duplicate key"),
        ("- name: develop\n  stacks: e4s\n", [("CL508", 2, 11)], "is not of type array"),
        ("- name: develop\n  stacks: [e4s, e4s]\n", [("CL508", 2, 11)], "non-unique"),
        ("- name: develop\n", [("CL508", 1, 3)], "required key 'stacks'"),
        ("- name: dev/elop\n  stacks: []\n", [("CL508", 1, 9)], "does not match"),
        ("name: develop\n", [("CL508", 1, 1)], "is not of type array"),
        ("", [("CL508", 1, 1)], "is not of type array"),
    ],
)
def test_malformed_tags_file(builder, text, expected, words):
    builder.tags(text)
    files = load_site(builder.root, ".")
    assert found(files.tags) == expected
    assert words in files.tags.findings[0].message
    assert files.site is None


def test_duplicate_key_in_meta_points_at_the_second(builder):
    meta = builder.text("_data/meta.yaml")
    builder.meta(meta + "develop:\n  count: 1\n")
    files = load_site(builder.root, ".")
    line = meta.count("\n") + 1
    assert found(files.meta) == [("CL508", line, 1)]
    assert "duplicate key 'develop'" in files.meta.findings[0].message
    assert files.site is not None  # a broken meta.yaml leaves the tags usable


@pytest.mark.parametrize(
    ("change", "pointer", "words"),
    [
        (lambda m: m.pop("all"), "/all", "the file: required key 'all' is missing"),
        (lambda m: m["all"].update(count="3"), "/all/count", "is not of type integer"),
        (lambda m: m["all"].update(compiler_count=1234), "/all/compiler_count", "type string"),
        (lambda m: m["all"].update(compiler_count="1234"), "/all/compiler_count", "match"),
        (lambda m: m["develop"].pop("compilers"), "/develop/compilers", "required key"),
        (lambda m: m["develop"].update(size=3), "/develop/size", "unexpected key 'size'"),
        (
            lambda m: m["develop"]["parameters"].update(x=-1),
            "/develop/parameters/x",
            "minimum of 0",
        ),
    ],
)
def test_malformed_meta_file(builder, change, pointer, words):
    meta = builder.derived_meta()
    change(meta)
    builder.meta(meta)
    files = load_site(builder.root, ".")
    (finding,) = files.meta.findings
    assert (finding.code, finding.pointer) == ("CL508", pointer)
    assert words in finding.message


def test_counts_with_thousands_separators_are_valid(builder):
    meta = builder.derived_meta()
    meta["all"]["parameter_count"] = "1,234"
    meta["all"]["compiler_count"] = "1,234,567"
    builder.meta(meta)
    assert load_site(builder.root, ".").meta.findings == ()


def test_meta_in_the_real_generator_format_is_valid(builder):
    builder.meta(
        dump(
            {
                "all": {
                    "compiler_count": "31",
                    "count": 425251,
                    "parameter_count": "767",
                    "version": "all",
                },
                "develop": {
                    "compilers": {"gcc@11.4.0": 1987745, "oneapi@2024.2.1": 182394},
                    "count": 60264,
                    "parameters": {"ARKODE": 276, "build_system": 3529217},
                },
            }
        )
    )
    assert load_site(builder.root, ".").meta.findings == ()


@pytest.mark.parametrize("corpus", real_corpora())
def test_the_real_tags_files_are_valid(corpus):
    files = load_site(corpus, "real")
    assert files.tags.findings == ()
    assert len(files.site.declarations) == 101
    assert "developer-tools" not in files.site.stacks_for("develop")
    older = next((corpus / "_older").iterdir())
    assert load_site(older, "older").tags.findings == ()


def test_hostile_data_files_are_findings_not_crashes(builder):
    builder.tags("- name: develop\n  stacks: " + "[" * 200 + "]" * 200 + "\n")
    builder.write("_data/meta.yaml", "")
    (builder.root / "_data" / "meta.yaml").unlink()
    (builder.root / "_data" / "meta.yaml").mkdir()  # a folder named like the file
    files = load_site(builder.root, ".")
    (deep,) = files.tags.findings
    assert (deep.code, deep.position.line) == ("CL508", 2)
    assert "nests deeper than the limit" in deep.message
    (folder,) = files.meta.findings
    assert folder.code == "CL508" and "not a regular file" in folder.message
