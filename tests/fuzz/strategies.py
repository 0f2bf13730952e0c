"""Catalog pages for the fuzz tests: real and synthetic, valid and broken.

A page starts as a real page from ``tests/data/pages`` or a synthetic one built
with :func:`tests.conftest.page_text` (specs with odd values, ``meta`` derived or
stale, written in any ``json.dumps`` style), then goes through a few mutations:
byte edits, truncations, swapped or duplicated lines, deep nesting, huge
numbers, NUL bytes, unusual Unicode, line-end changes, BOMs, tabs, and the YAML
features catalog pages refuse.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from hypothesis import strategies as st

from tests.conftest import PAGES, derive_meta, page_text

Draw = Callable[[st.SearchStrategy[Any]], Any]

SEED_PAGES = tuple(path.read_bytes() for path in sorted(PAGES.rglob("*.md")))
BOM = "\ufeff".encode()
REPR_BYTES = 2000


class FuzzPage(NamedTuple):
    """A page's bytes and how they were made (shown when a property fails)."""

    raw: bytes
    recipe: tuple[str, ...]

    def __repr__(self) -> str:
        # Pages can be 50 kB; a failure report needs the recipe and the start.
        clipped = f"{self.raw[:REPR_BYTES]!r}" + (
            f" + {len(self.raw) - REPR_BYTES} more bytes" if len(self.raw) > REPR_BYTES else ""
        )
        return f"FuzzPage(recipe={self.recipe!r}, raw={clipped})"


# --- synthetic pages ----------------------------------------------------------

# Text that has broken parsers, terminals and report formats before.
ODD_TEXT = (
    "",
    " ",
    "é",
    "😀",
    "中文",
    "\u2028",
    "\u202e",  # right-to-left override
    "e\u0301",  # combining accent
    "\x00",
    "\x1b[31m",
    "\x85",
    "\ufeff",
    "\ud800",  # a lone surrogate: json.dumps writes it as an escape
    "\udfff",
    "a\nb",
    "a\r\nb",
    "\t",
    "%0A",
    "::error::",
    '"',
    "'",
    "\\",
    "<&>]]>",
    "# cachelint: disable=CL201",
    "~",
    "null",
    "-",
)
ODD_VALUES = (None, True, 0, -1, 2**70, 1.5, float("inf"), [], {}, [[]], {"": None})


def words(*plausible: str, odd: bool = True) -> st.SearchStrategy[str]:
    """A plausible value, or with ``odd`` sometimes odd text."""
    if not odd:
        return st.sampled_from(plausible)
    return st.one_of(st.sampled_from(plausible), st.sampled_from(ODD_TEXT), st.text(max_size=6))


HASH_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
STACKS = ("root", "e4s", "hep", "tutorial", "e4s-neoverse-v2")


def spec_fields(*, odd: bool) -> dict[str, st.SearchStrategy[Any]]:
    """Strategies for each ``spec_details`` field; ``odd`` lets in odd text and values."""
    stack = st.sampled_from(STACKS)
    return {
        "compiler": words("gcc@11.4.0", "gcc@13.2.0", "oneapi@2024.2.1", "gcc@=7.3.1", odd=odd),
        "hash": st.one_of(st.text(HASH_ALPHABET, min_size=32, max_size=32), words("x", odd=odd)),
        "os": words("ubuntu22.04", "rhel8", "amzn2", odd=odd),
        "platform": words("linux", "darwin", odd=odd),
        "size": st.one_of(st.just("-"), st.integers(0, 2**40), words("12 MB", odd=odd)),
        "stacks": st.lists(st.one_of(stack, words("x", odd=odd)) if odd else stack, max_size=4),
        "target": words("x86_64_v3", "zen4", "neoverse_v2", "aarch64", odd=odd),
        "variants": st.lists(
            words("build_system=autotools", "+shared", "~mpi", odd=odd), max_size=3
        ),
        "versions": st.lists(words("1.07.1", "2.3.1", "develop", odd=odd), max_size=2),
    }


SPEC_FIELDS = {odd: spec_fields(odd=odd) for odd in (False, True)}


def _stale_meta(draw: Draw, meta: dict[str, Any]) -> list[str]:
    """Make ``meta`` stale in a few ways a generator or a hand edit would; say how."""
    changes = draw(st.lists(st.sampled_from(list(META_CHANGES)), max_size=2))
    for change in changes:
        META_CHANGES[change](draw, meta)
    return changes


def _pick_key(draw: Draw, table: dict[str, Any]) -> str | None:
    return draw(st.sampled_from(sorted(table))) if table else None


def _drop_key(draw: Draw, table: dict[str, Any]) -> None:
    key = _pick_key(draw, table)
    if key is not None:
        del table[key]


def _odd_value(draw: Draw, table: dict[str, Any]) -> None:
    key = _pick_key(draw, table)
    if key is not None:
        table[key] = draw(st.sampled_from(ODD_VALUES))


def _extra_stack(draw: Draw, meta: dict[str, Any]) -> None:
    by_stack = meta.get("num_specs_by_stack")
    if isinstance(by_stack, dict):
        by_stack[draw(st.sampled_from(STACKS))] = draw(st.integers(-1, 9))


def _list_value(draw: Draw, meta: dict[str, Any], *, add: bool) -> None:
    lists = sorted(key for key, value in meta.items() if isinstance(value, list))
    if not lists:
        return
    values = meta[draw(st.sampled_from(lists))]
    if add:
        values.append(draw(words("zen5", "gcc@14.1.0", "rhel9")))
    elif values:
        values.pop(draw(st.integers(0, len(values) - 1)))


def _unsorted(draw: Draw, meta: dict[str, Any]) -> None:
    key = _pick_key(draw, meta)
    if key is not None and isinstance(meta[key], list | dict):
        items = list(meta[key].items() if isinstance(meta[key], dict) else meta[key])
        items.reverse()
        meta[key] = dict(items) if isinstance(meta[key], dict) else items


def _legacy_order(draw: Draw, meta: dict[str, Any]) -> None:
    order = ("versions", "compilers", "oss", "platforms", "targets", "stacks", "num_specs")
    reordered = {key: meta[key] for key in order if key in meta}
    reordered.update(meta)
    meta.clear()
    meta.update(reordered)


META_CHANGES: dict[str, Callable[[Draw, dict[str, Any]], None]] = {
    "num_specs": lambda draw, meta: meta.update(num_specs=draw(st.integers(-1, 9))),
    "drop-key": _drop_key,
    "odd-value": _odd_value,
    "extra-stack": _extra_stack,
    "extra-value": lambda draw, meta: _list_value(draw, meta, add=True),
    "missing-value": lambda draw, meta: _list_value(draw, meta, add=False),
    "unsorted": _unsorted,
    "legacy-order": _legacy_order,
}


@st.composite
def synthetic_pages(draw: Draw) -> FuzzPage:
    """A page in the generator's layout, in any ``json.dumps`` style, maybe stale.

    Half the pages hold odd text and values; the others plausible ones only, so
    that they parse and reach the rules and ``--fix``.
    """
    odd = draw(st.booleans())
    specs = draw(st.lists(st.fixed_dictionaries(SPEC_FIELDS[odd]), max_size=4))
    for spec in specs:
        if draw(st.booleans()) and spec["stacks"] and "root" not in spec["stacks"]:
            spec["stacks"].append("root")
    meta = derive_meta(specs)
    recipe = ["synthetic, odd" if odd else "synthetic", *_stale_meta(draw, meta)]
    if specs and draw(st.booleans()):
        recipe.append(draw(st.sampled_from(["shuffle-specs", "duplicate-spec", "odd-spec"])))
        _change_specs(draw, specs, recipe[-1])
    text = page_text(
        specs,
        meta=meta,
        title=draw(words("bc", "zlib", odd=odd)),
        tag=draw(words("develop", "develop-2025-07-13", odd=odd)),
    )
    separators = draw(st.sampled_from([(", ", ": "), (",", ":"), (",", ": ")]))
    ensure_ascii = draw(st.booleans())
    for name, value in (("meta", meta), ("spec_details", specs)):
        text = text.replace(
            f"{name}: {json.dumps(value)}",
            f"{name}: {json.dumps(value, separators=separators, ensure_ascii=ensure_ascii)}",
        )
    # A lone surrogate written unescaped cannot be UTF-8: its bytes are invalid.
    return FuzzPage(text.encode("utf-8", "surrogatepass"), tuple(recipe))


def _change_specs(draw: Draw, specs: list[dict[str, Any]], change: str) -> None:
    if change == "shuffle-specs":
        specs[:] = draw(st.permutations(specs))
    elif change == "duplicate-spec":
        specs.append(dict(draw(st.sampled_from(specs))))
    else:
        spec = draw(st.sampled_from(specs))
        if draw(st.booleans()):
            _drop_key(draw, spec)
        else:
            _odd_value(draw, spec)


# --- mutations of bytes -------------------------------------------------------


def _at(draw: Draw, raw: bytes) -> int:
    return draw(st.integers(0, len(raw)))


def _insert(draw: Draw, raw: bytes, piece: bytes) -> bytes:
    at = _at(draw, raw)
    return raw[:at] + piece + raw[at:]


def byte_edit(draw: Draw, raw: bytes) -> bytes:
    """Replace, insert or delete a few bytes."""
    at = _at(draw, raw)
    size = draw(st.integers(1, 4))
    new = draw(st.binary(min_size=1, max_size=4))
    edit = draw(st.sampled_from(["replace", "insert", "delete"]))
    if edit == "insert":
        return raw[:at] + new + raw[at:]
    return raw[:at] + (new if edit == "replace" else b"") + raw[at + size :]


def truncate(draw: Draw, raw: bytes) -> bytes:
    """Cut the file anywhere (also inside a UTF-8 sequence)."""
    return raw[: _at(draw, raw)]


def _line_edit(edit: str) -> Callable[[Draw, bytes], bytes]:
    def mutate(draw: Draw, raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        i, j = (draw(st.integers(0, len(lines) - 1)) for _ in range(2))
        if edit == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == "duplicate":
            lines.insert(j, lines[i])
        else:
            del lines[i]
        return b"\n".join(lines)

    mutate.__doc__ = f"{edit.capitalize()} lines."
    return mutate


def _value_starts(raw: bytes) -> list[int]:
    return [match.end() for match in re.finditer(rb"[:,\[] ?", raw)]


def deep_nesting(draw: Draw, raw: bytes) -> bytes:
    """Put a deeply nested flow collection where a value starts."""
    depth = draw(st.sampled_from([63, 64, 65, 200, 250, 256, 257, 10_000]))
    opening, closing = draw(st.sampled_from([(b"[", b"]"), (b"{a: ", b"}")]))
    nested = opening * depth + closing * depth
    starts = _value_starts(raw)
    at = draw(st.sampled_from(starts)) if starts else _at(draw, raw)
    return raw[:at] + nested + raw[at:]


NUMBERS = (
    b"9" * 5000,
    b"1" + b"0" * 400,
    b"1e999",
    b"-1e-999",
    b"-0",
    b"0x1F",
    b"0o17",
    b"0b101",
    b"1_000",
    b".inf",
    b"-.inf",
    b".nan",
    b"1:20:30",
    b"2024-13-45",
    b"2024-02-30 25:61:61",
    b"18446744073709551616",
)


def huge_number(draw: Draw, raw: bytes) -> bytes:
    """Replace a run of digits by a huge, special or malformed number."""
    runs = [match.span() for match in re.finditer(rb"[0-9]+", raw)]
    number = draw(st.sampled_from(NUMBERS))
    if not runs:
        return _insert(draw, raw, number)
    start, end = draw(st.sampled_from(runs))
    return raw[:start] + number + raw[end:]


def nul_byte(draw: Draw, raw: bytes) -> bytes:
    """Insert a NUL byte."""
    return _insert(draw, raw, b"\x00")


UNUSUAL = (
    *(text.encode("utf-8", "surrogatepass") for text in ODD_TEXT if text),
    "\U0010ffff".encode(),
    "\ufffe".encode(),
    b"\x7f",
    "\u200b".encode(),  # zero-width space
    "\u00a0".encode(),  # no-break space
    "\U0001f468\u200d\U0001f469\u200d\U0001f467".encode(),  # one grapheme, five code points
    b"\\ud800",  # JSON/YAML escapes of lone surrogates and NUL
    b"\\udfff\\ud800",
    b"\\u0000",
    b"\\x00",
    b"\\N",
    b"\xc0\xaf",  # an overlong encoding
    b"\xed\xa0\x80",  # a surrogate encoded raw
    b"\xff",
)


def unusual_unicode(draw: Draw, raw: bytes) -> bytes:
    """Insert unusual characters, escapes of lone surrogates, or bytes that are no UTF-8."""
    return _insert(draw, raw, draw(st.sampled_from(UNUSUAL)))


def line_ends(draw: Draw, raw: bytes) -> bytes:
    """Change line ends: all to CRLF or CR, one to CRLF, or a stray CR."""
    change = draw(st.sampled_from(["crlf", "cr", "one-crlf", "stray-cr"]))
    if change == "crlf":
        return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if change == "cr":
        return raw.replace(b"\n", b"\r")
    newlines = [match.start() for match in re.finditer(b"\n", raw)]
    if change == "one-crlf" and newlines:
        at = draw(st.sampled_from(newlines))
        return raw[:at] + b"\r" + raw[at:]
    return _insert(draw, raw, b"\r")


def byte_order_mark(draw: Draw, raw: bytes) -> bytes:
    """Add a BOM at the start (maybe a second one) or in the middle."""
    if draw(st.booleans()):
        return BOM + raw
    return _insert(draw, raw, BOM)


def tabs(draw: Draw, raw: bytes) -> bytes:
    """Turn a space into a tab, or indent a line with a tab."""
    spaces = [match.start() for match in re.finditer(b" ", raw)]
    if spaces and draw(st.booleans()):
        at = draw(st.sampled_from(spaces))
        return raw[:at] + b"\t" + raw[at + 1 :]
    lines = raw.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    lines[i] = b"\t" + lines[i]
    return b"\n".join(lines)


YAML_SNIPPETS = (
    b"&a ",
    b"*a",
    b"!!python/name:os.system ",
    b"!!python/object/apply:os.system ['true'] ",
    b"!!str ",
    b"!custom ",
    b"? ",
    b"<<: {}",
    b"<<",
    b"=",
    b"{[1]: 2}",
    b"\n---\n",
    b"\n...\n",
    b"\n--- \n",
    b"%YAML 1.1\n",
    b"\nmeta: {}\n",
    b"\ntitle: again\n",
    b"|\n  block",
    b"'",
    b'"',
    b"{",
    b"]",
    b"# cachelint: disable=CL201",
    b"  # cachelint: disable=CL2,CL403",
    b"\n# cachelint: disable=ALL\n",
    b"# cachelint: disable=",
    b"# cachelint: disable=XX999",
)


def yaml_feature(draw: Draw, raw: bytes) -> bytes:
    """Insert anchors, aliases, tags, document markers, odd keys or suppression comments."""
    snippet = draw(st.sampled_from(YAML_SNIPPETS))
    if snippet.startswith(b"#"):  # a comment at a line's end
        places = [match.start() for match in re.finditer(b"\n", raw)]
        snippet = b"  " + snippet
    elif snippet[:1] in b"&*!<=":  # node properties and odd scalars: where a value starts
        places = _value_starts(raw)
    else:
        places = []
    at = draw(st.sampled_from(places)) if places else _at(draw, raw)
    return raw[:at] + snippet + raw[at:]


def stale_meta(draw: Draw, raw: bytes) -> bytes:
    """Make the one-line JSON ``meta`` stale, as a hand edit or an old generator would."""
    lines = raw.split(b"\n")
    found = [i for i, line in enumerate(lines) if line.startswith(b"meta: {")]
    if not found:
        return raw
    i = draw(st.sampled_from(found))
    try:
        meta = json.loads(lines[i][len(b"meta: ") :])
    except ValueError:
        return raw
    if not isinstance(meta, dict):
        return raw
    _stale_meta(draw, meta)
    lines[i] = b"meta: " + json.dumps(meta).encode()
    return b"\n".join(lines)


MUTATIONS: dict[str, Callable[[Draw, bytes], bytes]] = {
    "stale-meta": stale_meta,
    "byte-edit": byte_edit,
    "truncate": truncate,
    "swap-lines": _line_edit("swap"),
    "duplicate-line": _line_edit("duplicate"),
    "delete-line": _line_edit("delete"),
    "deep-nesting": deep_nesting,
    "huge-number": huge_number,
    "nul-byte": nul_byte,
    "unusual-unicode": unusual_unicode,
    "line-ends": line_ends,
    "bom": byte_order_mark,
    "tabs": tabs,
    "yaml-feature": yaml_feature,
}


@st.composite
def pages(draw: Draw, *, max_mutations: int = 3) -> FuzzPage:
    """A real or synthetic page after up to ``max_mutations`` mutations.

    Real pages are always mutated (unchanged, they are the same few pages), and
    often only by a stale ``meta`` so that ``--fix`` has something to repair;
    synthetic pages are left as made one time in three.
    """
    if draw(st.booleans()):
        index = draw(st.integers(0, len(SEED_PAGES) - 1))
        page = FuzzPage(SEED_PAGES[index], (f"seed {index}",))
        fewest = 1
    else:
        page = draw(synthetic_pages())
        fewest = 0
    raw, recipe = page.raw, list(page.recipe)
    names = st.sampled_from(list(MUTATIONS))
    mutations = st.one_of(
        st.lists(names, min_size=fewest, max_size=max_mutations),
        st.lists(st.just("stale-meta"), min_size=fewest, max_size=1),
    )
    for name in draw(mutations):
        raw = MUTATIONS[name](draw, raw)
        recipe.append(name)
    return FuzzPage(raw, tuple(recipe))
