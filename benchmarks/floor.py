"""The lean floor: the least work that still checks every page of a catalog.

    python benchmarks/floor.py CATALOG [--schema-dir DIR]

Written for the benchmark (issue 14's first target: cachelint ``-j 1`` cold
within 1.5 times this), not a checker anyone should use: no positions, no
findings, no YAML. In one process it walks ``_cache/*/*/specs.md``, reads each
page's bytes, splits the front matter off at the ``---`` fences, parses the
``meta`` and ``spec_details`` JSON lines with orjson and the other ``key:
value`` lines by splitting strings, asks jsonschema-rs for the schema verdict
(the bundled schemas, read as files), and runs one pass of the invariants:
``num_specs``, ``num_specs_by_stack``, and the sorted sets ``compilers``,
``oss``, ``platforms``, ``targets``, ``versions`` and ``stacks`` against what
the specs hold.

Prints the number of pages, of pages it could not split or parse, of pages the
schema rejects and of invariant failures; exits 1 when any is not zero.
Benchmark only: it imports nothing from cachelint.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson

REPOSITORY = Path(__file__).resolve().parents[1]
# Where the wheel puts the schemas, then the source checkout's folder (as cachelint looks).
SCHEMA_DIRS = (REPOSITORY / "src" / "cachelint" / "schemas", REPOSITORY / "schemas")
JSON_KEYS = frozenset({b"meta", b"spec_details"})
# meta's sorted sets and the spec field each is made of.
SUMMARY_FIELDS = (
    ("compilers", "compiler"),
    ("oss", "os"),
    ("platforms", "platform"),
    ("targets", "target"),
)


class Unparsable(Exception):
    """Front matter outside the plain generators' layout this floor reads."""


def schema_dir() -> Path:
    """The first folder of ``SCHEMA_DIRS`` that holds the page schema."""
    for folder in SCHEMA_DIRS:
        if (folder / "catalog-page.schema.json").is_file():
            return folder
    raise SystemExit(f"no catalog-page.schema.json in {' or '.join(map(str, SCHEMA_DIRS))}")


def validators(folder: Path) -> dict[str, Any]:
    """A jsonschema-rs validator for each page schema, by schema name."""
    found = {}
    for name in ("catalog-page", "legacy-page"):
        schema = orjson.loads((folder / f"{name}.schema.json").read_bytes())
        found[name] = jsonschema_rs.validator_for(schema)
    return found


def page_schema(data: dict[str, Any]) -> str:
    """As cachelint decides: flat legacy pages have ``category``/``spec_files``."""
    if "categories" in data or "spec_details" in data:
        return "catalog-page"
    return "legacy-page" if "category" in data or "spec_files" in data else "catalog-page"


def page_paths(root: Path) -> list[str]:
    """``_cache/*/*/specs.md``, as strings, from two levels of ``os.scandir``."""
    paths = []
    for tag in os.scandir(root / "_cache"):
        if tag.is_dir():
            for package in os.scandir(tag.path):
                path = f"{package.path}/specs.md"
                if package.is_dir() and os.path.isfile(path):
                    paths.append(path)
    return paths


def front_matter(raw: bytes) -> dict[str, Any]:
    """The front matter's data, by splitting lines (JSON values by orjson)."""
    if not raw.startswith(b"---\n"):
        raise Unparsable
    end = raw.find(b"\n---", 3)
    if end < 0:
        raise Unparsable
    data: dict[str, Any] = {}
    for line in raw[4:end].split(b"\n"):
        key, separator, value = line.partition(b": ")
        if not separator:
            raise Unparsable
        if key in JSON_KEYS:
            data[key.decode()] = orjson.loads(value)
        else:
            data[key.decode()] = _plain_value(value.decode())
    return data


def _plain_value(text: str) -> str | list[str]:
    """A quoted or bare string, or a flow list of bare strings (``[package, tag]``)."""
    if text[:1] == "[" and text[-1:] == "]":
        return text[1:-1].split(", ")
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def invariant_failures(data: dict[str, Any]) -> int:
    """How many of the page's summary invariants fail (one pass over its specs)."""
    meta, specs = data["meta"], data["spec_details"]
    failures = int(meta["num_specs"] != len(specs))
    stacks = Counter(chain.from_iterable(map(set, map(itemgetter("stacks"), specs))))
    failures += stacks != meta["num_specs_by_stack"]
    failures += meta["stacks"] != sorted(stacks)
    versions = set(chain.from_iterable(map(itemgetter("versions"), specs)))
    failures += meta["versions"] != sorted(versions)
    for name, field in SUMMARY_FIELDS:
        failures += meta[name] != sorted(set(map(itemgetter(field), specs)))
    return failures


def check(root: Path, folder: Path) -> Counter[str]:
    """Every page below ``root``: the counts the floor prints."""
    by_schema = validators(folder)
    counts: Counter[str] = Counter()
    for path in page_paths(root):
        counts["pages"] += 1
        with open(path, "rb") as page:
            raw = page.read()
        try:
            data = front_matter(raw)
        except (Unparsable, UnicodeDecodeError, orjson.JSONDecodeError):
            counts["unparsable"] += 1
            continue
        schema = page_schema(data)
        if not by_schema[schema].is_valid(data):
            counts["schema-invalid"] += 1
        elif schema == "catalog-page":  # the invariants are those of tagged pages
            counts["invariant failures"] += invariant_failures(data)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("root", type=Path, help="catalog root (holds _cache/)")
    parser.add_argument("--schema-dir", type=Path, help="folder of *.schema.json (default: found)")
    args = parser.parse_args(argv)
    counts = check(args.root, args.schema_dir or schema_dir())
    problems = ("unparsable", "schema-invalid", "invariant failures")
    print(f"floor: {counts['pages']} pages, " + ", ".join(f"{counts[k]} {k}" for k in problems))
    return 1 if any(counts[k] for k in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
