"""The naive peer: what people write today to check a catalog.

    python benchmarks/naive_peer.py CATALOG [--validator-once]

python-frontmatter reads each page (PyYAML, with the C loader when present),
``jsonschema.validate`` checks it against cachelint's bundled schema (building
a validator, and checking the schema, on every call, as that function does),
then the invariants are checked in plain Python. ``--validator-once`` builds
the validator once instead, the first thing a careful user would change.

Benchmark only: not shipped with cachelint. Prints the number of pages and of
problems; exits 1 when there are problems.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import frontmatter
import jsonschema

from cachelint.schema.explain import load_schema

SUMMARY = {
    "compilers": "compiler",
    "oss": "os",
    "platforms": "platform",
    "targets": "target",
}


def invariants(data: dict[str, Any], tag: str, package: str) -> list[str]:
    """Every invariant cachelint's default rules check, in plain Python."""
    problems = []
    meta, specs = data["meta"], data["spec_details"]
    if meta["num_specs"] != len(specs):
        problems.append("num_specs")
    by_stack = Counter(stack for spec in specs for stack in set(spec["stacks"]))
    if dict(by_stack) != meta["num_specs_by_stack"]:
        problems.append("num_specs_by_stack")
    problems += [f"not in root: {s['hash']}" for s in specs if "root" not in s["stacks"]]
    derived = {name: {spec[key] for spec in specs} for name, key in SUMMARY.items()}
    derived["stacks"] = set(by_stack)
    derived["versions"] = {version for spec in specs for version in spec["versions"]}
    for name, values in derived.items():
        if meta[name] != sorted(values):
            problems.append(f"meta.{name}")
    if len({spec["hash"] for spec in specs}) != len(specs):
        problems.append("duplicate hash")
    if data["categories"][1] != tag:
        problems.append("categories")
    if data["title"] != package:
        problems.append("title")
    return problems


def check(root: Path, *, validator_once: bool) -> tuple[int, int]:
    """Check every page below ``root``; returns (pages, problems)."""
    schema = load_schema("catalog-page")
    validator = jsonschema.Draft202012Validator(schema)
    pages = problems = 0
    for path in sorted(root.glob("_cache/*/*/specs.md")):
        pages += 1
        data = frontmatter.load(path).metadata
        try:
            if validator_once:
                validator.validate(data)
            else:
                jsonschema.validate(data, schema)
        except jsonschema.ValidationError:
            problems += 1
            continue
        problems += len(invariants(data, path.parent.parent.name, path.parent.name))
    return pages, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("root", type=Path, help="catalog root (holds _cache/)")
    parser.add_argument("--validator-once", action="store_true", help="build the validator once")
    args = parser.parse_args(argv)
    pages, problems = check(args.root, validator_once=args.validator_once)
    print(f"naive peer: {pages} pages, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
