"""The fast path reads exactly what the YAML parser reads, or steps aside."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cachelint.config.check import CheckSettings
from cachelint.config.selection import build_selection
from cachelint.model import Finding
from cachelint.page import jsonlines as fastpath
from cachelint.page.parse import parse_front_matter
from cachelint.page.source import read_source
from cachelint.page.split import FrontMatter, split_front_matter
from cachelint.page.yamlparse import parse_yaml
from cachelint.rules.registry import load_rules
from cachelint.run.checker import check_target
from cachelint.scope.discovery import iter_targets
from tests.conftest import CORPUS, REAL, real_corpora

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=["json", "orjson"], autouse=True)
def reader(request: pytest.FixtureRequest) -> Iterator[str]:
    """Every test of this module twice: with the reader of a process's first lines, and after."""
    before = fastpath._lines_before_orjson
    fastpath._lines_before_orjson = 10**9 if request.param == "json" else 0
    yield request.param
    fastpath._lines_before_orjson = before


SHARED = REPO / ".." / "shared"
CORPUS_DIRS = [CORPUS, SHARED / "seeds", REPO / "examples"]


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types, mappings in the same key order (True is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def assert_equivalent(text: str) -> Any:
    """The fast path's data is the YAML parser's, or the fast path declines."""
    fast = fastpath.parse(text)
    if fast is not None:
        parsed = parse_yaml(text, first_line=2)
        assert parsed.findings == (), parsed.findings
        assert same(fast, parsed.data), (fast, parsed.data)
    return fast


# --- every corpus page ---------------------------------------------------------------


def corpus_front_matter(folders: list[Path] = CORPUS_DIRS) -> list[tuple[Path, FrontMatter]]:
    found = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt")):
            source = read_source(path)
            if isinstance(source, Finding):
                continue
            front_matter = split_front_matter(source.text)
            if isinstance(front_matter, FrontMatter):
                found.append((path, front_matter))
    return found


# Pages (and tagged pages) each real corpus has at least: the kept ones, or all.
LEAST = {REAL: (12, 9), CORPUS: (100, 90)}


@pytest.mark.parametrize("corpus", real_corpora())
def test_every_corpus_page_reads_the_same(corpus: Path) -> None:
    pages = corpus_front_matter([corpus, SHARED / "seeds", REPO / "examples"])
    assert len(pages) > LEAST[corpus][0]
    for path, front_matter in pages:
        try:
            assert_equivalent(front_matter.text)
        except AssertionError as error:
            raise AssertionError(f"{path}: {error}") from None


@pytest.mark.parametrize("corpus", real_corpora())
def test_the_fast_path_takes_every_tagged_corpus_page(corpus: Path) -> None:
    pages = corpus_front_matter([corpus])
    tagged = [(p, fm) for p, fm in pages if p.parent.parent.parent.name == "_cache"]
    assert len(tagged) >= LEAST[corpus][1]
    declined = [str(p) for p, fm in tagged if fastpath.parse(fm.text) is None]
    assert declined == []


@pytest.mark.parametrize("corpus", real_corpora())
def test_the_fast_path_declines_the_broken_flat_index_pages(corpus: Path) -> None:
    flat = [fm for p, fm in corpus_front_matter([corpus]) if p.name == "index.md"]
    assert len(flat) == 2
    assert all(fastpath.parse(fm.text) is None for fm in flat)


def run_findings(paths: list[str]) -> list[Any]:
    registry = load_rules()
    selection = build_selection(known=registry.all_codes(), enabled_by_default=[], select=["ALL"])
    every_rule = CheckSettings(registry=registry, selection=selection)
    return [check_target(target, every_rule) for target in iter_targets(paths)]


@pytest.mark.parametrize("corpus", real_corpora())
def test_corpus_findings_are_identical_with_the_fast_path_off(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [str(corpus), str(REPO / "examples")]
    monkeypatch.delenv(fastpath.DISABLE_VARIABLE, raising=False)
    fast = run_findings(paths)
    monkeypatch.setenv(fastpath.DISABLE_VARIABLE, "1")
    slow = run_findings(paths)
    assert fast == slow
    assert sum(len(result.diagnostics) for result in fast) > 10  # real findings compared


def test_the_environment_variable_turns_the_fast_path_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(fastpath.DISABLE_VARIABLE, "1")
    assert not fastpath.enabled()
    monkeypatch.setenv(fastpath.DISABLE_VARIABLE, "0")
    assert fastpath.enabled()
    monkeypatch.delenv(fastpath.DISABLE_VARIABLE)
    assert fastpath.enabled()


# --- chosen cases --------------------------------------------------------------------

CANONICAL = (
    'title: "zlib"\nlayout: cache\ncategories: [package, develop]\n'
    'meta: {"num_specs": 1, "stacks": ["root"]}\n'
    'spec_details: [{"hash": "abc", "size": "-", "stacks": ["root"], "variants": []}]\n'
)


def test_the_canonical_layout_is_read() -> None:
    assert assert_equivalent(CANONICAL) == {
        "title": "zlib",
        "layout": "cache",
        "categories": ["package", "develop"],
        "meta": {"num_specs": 1, "stacks": ["root"]},
        "spec_details": [{"hash": "abc", "size": "-", "stacks": ["root"], "variants": []}],
    }


DECLINED = {
    "comment line": "# generated\n" + CANONICAL,
    "trailing comment": 'title: "zlib" # name\n',
    "blank line": 'title: "zlib"\n\nlayout: cache\n',
    "single quotes": "title: 'zlib'\n",
    "yes": "layout: yes\n",
    "no": "layout: no\n",
    "on key": "on: cache\n",
    "off": "layout: off\n",
    "null": "layout: null\n",
    "tilde": "layout: ~\n",
    "empty value": "layout:\n",
    "float": "layout: 1.5\n",
    "float with exponent": "layout: 1.0e+3\n",
    "octal": "layout: 012\n",
    "int": "layout: 12\n",
    "date": "layout: 2025-07-13\n",
    "date in a list": "categories: [package, 2025-07-13]\n",
    "duplicate key": 'title: "a"\ntitle: "b"\n',
    "duplicate JSON key": 'meta: {"a": 1, "a": 2}\n',
    "duplicate nested JSON key": 'meta: [{"b": {"a": 1, "a": 1}}]\n',
    "tab": 'title:\t"zlib"\n',
    "tab in JSON": 'meta: {"a":\t1}\n',
    "CRLF": 'title: "zlib"\r\nlayout: cache\r\n',
    "anchor": "layout: &a cache\n",
    "alias": "layout: *a\n",
    "tag": "layout: !!str cache\n",
    "escaped slash": 'meta: {"a": "\\/"}\n',
    "surrogate pair": 'meta: {"a": "\\ud83d\\ude00"}\n',
    "newline escape": 'title: "a\\nb"\n',
    "JSON float": 'meta: {"a": 1.5}\n',
    "JSON exponent": 'meta: {"a": 1e3}\n',
    "NaN": 'meta: {"a": NaN}\n',
    "Infinity": 'meta: {"a": -Infinity}\n',
    "too many digits": 'meta: {"a": ' + "9" * 5000 + "}\n",
    "integer beyond 64 bits": 'meta: {"a": 1234567890123456789}\n',
    "integer beyond 53 bits": 'meta: {"a": 9007199254740992}\n',
    "negative integer beyond 53 bits": 'meta: {"a": [-9007199254740992]}\n',
    "non-ASCII": 'title: "zlïb"\n',
    "non-BMP": 'title: "z\U0001f600"\n',
    "BOM": '\ufefftitle: "zlib"\n',
    "DEL": 'title: "z\x7f"\n',
    "long JSON key": 'meta: {"' + "k" * 1100 + '": 1}\n',
    "key of 1000 characters with 16 spaces before ':'": (
        'meta: {"' + "k" * 1000 + '"' + " " * 16 + ": 1}\n"
    ),
    "key of 1001 characters": 'meta: [{"' + "k" * 1001 + '": 1}]\n',
    "deep nesting": "meta: " + "[" * 2000 + "]" * 2000 + "\n",
    "indented line": 'title: "zlib"\n  layout: cache\n',
    "block sequence": "spec_files:\n - a.json\n",
    "document end": 'title: "zlib"\n...\n',
    "second document": 'title: "zlib"\n---\n',
    "no final newline": 'title: "zlib"',
    "flow mapping in plain YAML": "meta: {a: 1}\n",
    "JSON and plain mixed": 'categories: ["package", develop]\n',
    "folded value": "title: >\n",
    "plain scalar with colon": "layout: a:b\n",
    "two spaces after colon": "layout:  cache\n",
    "long key": "k" * 200 + ": x\n",
    # orjson keeps the last of duplicate keys: the key count of its dump proves none
    "duplicate key deep down": (
        'spec_details: [{"a": [{"b": {"c": [1, {"d": true, "e": [], "d": true}]}}]}]\n'
    ),
    "duplicate key in a later object": 'meta: [{"a": 1, "b": 2}, {"b": 1, "b": 1}]\n',
    "duplicate key of objects": 'meta: {"a": {"x": 1}, "a": {"x": 1}}\n',
    "duplicate key with ':' values": 'meta: {"a": ":x", "a": ":y"}\n',
    "duplicate ':' key": 'meta: {":": 1, ":": 2}\n',
    "duplicate empty key": 'meta: {"": 1, "": 1}\n',
    "JSON float 1.0": 'meta: {"a": 1.0}\n',
    "JSON float 0.0 in a list": "meta: [0, 0.0]\n",
    "JSON exponent 1E3": 'meta: {"a": 1E3}\n',
    "JSON exponent -0.5E+2": 'meta: {"a": [-0.5E+2]}\n',
    "JSON exponent 1e-7": 'meta: {"a": {"b": 1e-7}}\n',
    "JSON float after a string": 'meta: ["1", 2.5]\n',
    "JSON float overflowing": 'meta: [{"a": 1e400}]\n',
    "Infinity (plain)": 'meta: {"a": Infinity}\n',
    "NaN in a list": "meta: [1, NaN]\n",
    "integer of 18 digits": 'meta: {"a": [123456789012345678]}\n',
    "integer of 19 digits": 'meta: {"a": [1234567890123456789]}\n',
    "integer of 21 digits (a float to orjson)": 'meta: {"a": [123456789012345678901]}\n',
    "integer beyond unsigned 64 bits": 'meta: {"a": 18446744073709551616}\n',
    "integer below signed 64 bits": 'meta: {"a": -9223372036854775809}\n',
    # a string looking like a number after a separator declines too, to be safe
    "float-like text after a separator in a string": 'meta: {"a": "x,1.5"}\n',
    "exponent-like text after a separator in a string": 'meta: {"a": "patches=ab,4e2a"}\n',
    "long key deep down": 'meta: [{"a": {"' + "k" * 1001 + '": 1}}]\n',
    "long ':' key": 'meta: {":' + "k" * 1000 + '": 1}\n',
    "nesting orjson reads but cannot write": "meta: " + "[" * 300 + "]" * 300 + "\n",
    "nesting beyond orjson": "meta: " + "[" * 1100 + "]" * 1100 + "\n",
    "JSON trailing comma": "meta: [1, 2,]\n",
    "JSON comment": "meta: [1] // note\n",
    "JSON single quotes": "meta: ['a']\n",
    "JSON unquoted key": "meta: {a: 1}\n",
    "JSON leading zero": "meta: [01]\n",
    "JSON plus sign": "meta: [+1]\n",
    "JSON True": "meta: [True]\n",
    "two JSON values": "meta: [1] [2]\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_declines(text: str) -> None:
    assert fastpath.parse(text) is None


ACCEPTED = {
    "1e3 is a string in YAML 1.1": "layout: 1e3\n",
    "0o12 is a string in YAML 1.1": "layout: 0o12\n",
    "integers within 53 bits": 'meta: {"a": 9007199254740991, "b": -0, "c": -9007199254740991}\n',
    "space before colon": 'meta: {"a" : 1, "b"  :  [1 , 2]}\n',
    "key of 1000 characters with 15 spaces before ':'": (
        'meta: {"' + "k" * 1000 + '"' + " " * 15 + ": 1}\n"
    ),
    "JSON literals": 'meta: {"a": true, "b": false, "c": null}\n',
    "compact JSON": 'meta: {"a":1,"b":[1,2]}\n',
    "roomy JSON": 'meta: { "a": [ 1 , 2 ] , "b": {} }\n',
    "YAML-ish characters in strings": 'meta: {"#a": "b: c # d", "&x": "*y", "!": "|"}\n',
    "key of 1000 characters": 'meta: {"' + "k" * 1000 + '": 1}\n',
    "empty lists": "categories: []\nmeta: []\n",
    "spaces in quotes": 'title: "  a b  "\n',
    "empty quotes": 'title: ""\n',
    "negative integers of 16 digits": 'meta: {"a": [-1234567890123456, 999999999999999]}\n',
    "numbers and words in strings": (
        'meta: {"1.5": "1e3", "x": ["-0.5E+2", "NaN", "Infinity", "12345678901234567890"]}\n'
    ),
    "':' and JSON-like text in strings": (
        'meta: {":": ":", "a:": "b:", "{": ["}", ":x:", "::", ", k: 1}", "[x, {a: 1, a: 2}]"]}\n'
    ),
    "keys that differ only after a ':'": 'meta: {"a:b": 1, "a:c": 2, ":a": 3, "": 4}\n',
    "the same key in different objects": 'meta: [{"a": 1}, {"a": 1, "b": {"a": 2}}]\n',
    "long strings that are not keys": f'meta: {{"a": "{"v" * 2000}", "b": [":{"w" * 1001}"]}}\n',
    "literals in lists and objects": 'meta: [true, false, {"t": true, "f": false, "n": null}]\n',
}


@pytest.mark.parametrize("text", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepts_what_it_can_prove(text: str) -> None:
    assert assert_equivalent(text) is not None


# --- properties ----------------------------------------------------------------------

SAFE_TEXT = st.text(alphabet=string.ascii_letters + string.digits + "_.+-@=,:' ", max_size=12)
ANY_TEXT = st.text(max_size=12)
YAML_WORDS = st.sampled_from(
    ["yes", "No", "ON", "off", "null", "Null", "~", "true", "1e3", "0o12", "012", "0x1f",
     "1_000", "1:30", ".inf", ".NaN", "2025-07-13", "2001-12-14t21:59:43.10-05:00", "<<",
     "=", "-", "cache", "package", "develop", "v0.23.1", "develop-2025-07-13", "gcc@11.4.0"]
)  # fmt: skip
JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | SAFE_TEXT
    | ANY_TEXT
    | YAML_WORDS
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(SAFE_TEXT | YAML_WORDS | ANY_TEXT, children, max_size=4)
    ),
    max_leaves=20,
)
SAFE_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | SAFE_TEXT | YAML_WORDS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(SAFE_TEXT | YAML_WORDS, children, max_size=4)
    ),
    max_leaves=20,
)
SEPARATORS = st.sampled_from([(", ", ": "), (",", ":"), (" , ", " : "), (",  ", ":  ")])
PLAIN_KEYS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
KEYS = st.one_of(PLAIN_KEYS, PLAIN_KEYS, PLAIN_KEYS, YAML_WORDS)


@st.composite
def lines(draw: st.DrawFn) -> str:
    key = draw(KEYS)
    kind = draw(st.sampled_from(["json", "quoted", "plain", "plain-list"]))
    if kind == "json":
        values = draw(st.sampled_from([JSON_VALUES, SAFE_JSON_VALUES, SAFE_JSON_VALUES]))
        value = draw(st.lists(values, max_size=3) | st.dictionaries(SAFE_TEXT, values))
        ensure_ascii = draw(st.booleans())
        text = json.dumps(value, separators=draw(SEPARATORS), ensure_ascii=ensure_ascii)
    elif kind == "quoted":
        text = '"' + draw(SAFE_TEXT | ANY_TEXT) + '"'
    elif kind == "plain":
        text = draw(YAML_WORDS | SAFE_TEXT)
    else:
        text = "[" + ", ".join(draw(st.lists(YAML_WORDS | SAFE_TEXT, max_size=4))) + "]"
    return f"{key}: {text}"


PAGES = st.lists(lines(), min_size=1, max_size=4).map(lambda ls: "\n".join(ls) + "\n")
NOISE = st.sampled_from([*"#:'\"\\ \t\n\r-?&*!|>%@,[]{}~\ufeff\x85é\U0001f600", "\\/"])
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(PAGES)
@example('meta: {"a": 1}\n')
def test_property_equivalent_on_generated_pages(text: str) -> None:
    assert_equivalent(text)


@PROPERTY
@given(PAGES, st.lists(st.tuples(st.integers(min_value=0), NOISE), min_size=1, max_size=3))
def test_property_equivalent_on_damaged_pages(text: str, edits: list[tuple[int, str]]) -> None:
    for position, noise in edits:
        at = position % (len(text) + 1)
        text = text[:at] + noise + text[at:]
    assert_equivalent(text)


CATALOG_STRINGS = st.from_regex(r"[a-z0-9][a-z0-9_.@=+-]{0,15}", fullmatch=True)
SPECS = st.lists(
    st.fixed_dictionaries(
        {
            "compiler": CATALOG_STRINGS,
            "hash": st.from_regex(r"[a-z2-7]{32}", fullmatch=True),
            "size": st.just("-"),
            "stacks": st.lists(CATALOG_STRINGS, max_size=3),
            "variants": st.lists(CATALOG_STRINGS, max_size=5),
        }
    ),
    max_size=5,
)


@PROPERTY
@given(CATALOG_STRINGS, SPECS, st.booleans())
def test_property_generator_pages_take_the_fast_path(
    package: str, specs: list[dict[str, Any]], sort_keys: bool
) -> None:
    meta = {"num_specs": len(specs), "stacks": sorted({s for x in specs for s in x["stacks"]})}
    text = (
        f'title: "{package}"\nlayout: cache\ncategories: [package, develop]\n'
        f"meta: {json.dumps(meta, sort_keys=sort_keys)}\n"
        f"spec_details: {json.dumps(specs, sort_keys=sort_keys)}\n"
    )
    assert assert_equivalent(text) is not None


# --- the proofs orjson needs: duplicate keys, floats, long integers --------------------

# Keys and strings with the characters the proofs count or search for: ':' ends a key,
# '.' and 'e' make a float, digits a long integer; none of them counts inside a string.
TRICKY_TEXT = st.text(alphabet="ab:,{}[].eE1-", max_size=4)
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    TRICKY_TEXT,
).map(lambda value: ("leaf", value))
TREES = st.recursive(
    LEAVES,
    lambda children: (
        st.lists(children, max_size=4).map(lambda items: ("list", items))
        | st.lists(st.tuples(TRICKY_TEXT, children), max_size=4).map(lambda p: ("object", p))
    ),
    max_leaves=25,
)


# What the float proof cannot tell from a float in a string: it declines those too.
FLOAT_LIKE = re.compile(r"[\[\]{},:][0-9+-]*[.eE]")


def to_json(tree: tuple[str, Any]) -> str:
    """JSON text for a tree whose objects are lists of pairs: keys may repeat."""
    kind, value = tree
    if kind == "list":
        return "[" + ", ".join(map(to_json, value)) + "]"
    if kind == "object":
        return "{" + ", ".join(f'"{key}": {to_json(item)}' for key, item in value) + "}"
    return json.dumps(value)


def refusals(tree: tuple[str, Any]) -> set[str]:
    """What the fast path must decline the tree for."""
    kind, value = tree
    if kind == "leaf":
        if isinstance(value, float):
            return {"float"}
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**53:
            return {"long integer"}
        return {"float-like text"} if isinstance(value, str) and FLOAT_LIKE.search(value) else set()
    items = value if kind == "list" else [item for _, item in value]
    found = set().union(*map(refusals, items))
    if kind == "object" and len({key for key, _ in value}) < len(value):
        found.add("duplicate key")
    if kind == "object" and any(FLOAT_LIKE.search(key) for key, _ in value):
        found.add("float-like text")
    return found


@PROPERTY
@given(st.lists(st.tuples(TRICKY_TEXT, TREES), max_size=4))
def test_property_declines_exactly_duplicates_floats_and_long_integers_and_lookalikes(
    pairs: list[tuple[str, Any]],
) -> None:
    tree = ("object", pairs)
    fast = assert_equivalent(f'title: "x"\nmeta: {to_json(tree)}\n')
    assert (fast is None) == bool(refusals(tree)), refusals(tree)


def test_nesting_is_left_to_the_depth_limit() -> None:
    nested: list[Any] = []
    for _ in range(249):
        nested = [nested]
    text = "meta: " + "[" * 250 + "]" * 250 + "\n"
    assert fastpath.parse(text) == {"meta": nested}
    front_matter = split_front_matter(f"---\n{text}---\n")
    assert isinstance(front_matter, FrontMatter)
    too_deep = parse_front_matter(front_matter, max_depth=64)
    assert [finding.code for finding in too_deep.findings] == ["CL006"]
    assert not too_deep.canonical
    allowed = parse_front_matter(front_matter, max_depth=251)  # the mapping counts too
    assert (allowed.findings, allowed.canonical) == ((), True)
