"""Write a deterministic synthetic catalog of about the requested size.

    python benchmarks/generate.py /tmp/catalog --megabytes 200 [--seed 7]

Writes ``_cache/<tag>/<package>/specs.md`` (the real page format, every era),
``_data/tags.yaml``, ``_data/meta.yaml`` and ``pages/tags/<tag>.md``. Each tag
gets 500 to 2,000 packages, as in the real catalog, until the pages add up to
the requested size; the same arguments always give the same bytes. Every page
is clean: ``cachelint check`` finds nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import Tag, build_page, make_tag, package_names, tag_names

MAX_TAGS = 110
PACKAGE_POOL = 4000


class TagStats:
    """What ``_data/meta.yaml`` says about a tag."""

    def __init__(self) -> None:
        self.count = 0
        self.compilers: Counter[str] = Counter()
        self.parameters: Counter[str] = Counter()

    def add(self, specs: list[dict[str, object]]) -> None:
        self.count += len(specs)
        for spec in specs:
            self.compilers[str(spec["compiler"])] += 1
            for variant in spec["variants"]:  # type: ignore[attr-defined]
                name = variant.lstrip("+~").split("=")[0].rstrip(":")
                self.parameters[name] += 1


def generate(root: Path, *, megabytes: float, seed: int) -> tuple[int, int]:
    """Write the catalog below ``root``; returns (pages, bytes of pages)."""
    budget = int(megabytes * 1_000_000)
    members = _members(seed)
    stats: dict[str, TagStats] = {}
    pages = size = 0
    # Round-robin over the tags, so that a small catalog still has every era.
    for round_ in range(max(len(packages) for packages in members.values())):
        for tag, packages in members.items():
            if size >= budget:
                _write_data(root, [t for t in members if t.name in stats], stats)
                return pages, size
            if round_ >= len(packages):
                continue
            text, specs = build_page(seed, tag, packages[round_])
            path = root / "_cache" / tag.name / packages[round_] / "specs.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode()
            path.write_bytes(data)
            stats.setdefault(tag.name, TagStats()).add(specs)
            pages += 1
            size += len(data)
    _write_data(root, list(members), stats)
    return pages, size


def _members(seed: int) -> dict[Tag, list[str]]:
    """Each tag and its 500 to 2,000 packages, in the order they are written."""
    pool = package_names(seed, PACKAGE_POOL)
    members = {}
    for name in tag_names(MAX_TAGS):
        rng = random.Random(f"{seed}:members:{name}")
        members[make_tag(seed, name)] = rng.sample(pool, rng.randint(500, 2000))
    return members


def _write_data(root: Path, tags: list[Tag], stats: dict[str, TagStats]) -> None:
    newest_first = sorted(tags, key=_version_key, reverse=True)
    ordered = sorted(newest_first, key=_tag_rank)  # sorting is stable
    (root / "_data").mkdir(parents=True, exist_ok=True)
    listing = [{"name": tag.name, "stacks": list(tag.stacks)} for tag in ordered]
    _dump(root / "_data" / "tags.yaml", listing)
    _dump(root / "_data" / "meta.yaml", _meta_yaml(stats))
    for tag in ordered:
        page = root / "pages" / "tags" / f"{tag.name}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"---\nlayout: table\npermalink: /tag/{tag.name}/\ntag: {tag.name}\n---",
            encoding="utf-8",
        )


def _tag_rank(tag: Tag) -> int:
    """tags.yaml lists ``develop``, then releases, then snapshots."""
    return 0 if tag.name == "develop" else 1 if tag.name.startswith("v") else 2


def _version_key(tag: Tag) -> tuple[int, ...]:
    version = tag.name.removeprefix("v").removeprefix("develop-").replace("-", ".")
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def _meta_yaml(stats: dict[str, TagStats]) -> dict[str, object]:
    compilers = set().union(*(s.compilers for s in stats.values()))
    parameters = set().union(*(s.parameters for s in stats.values()))
    data: dict[str, object] = {
        "all": {
            "compiler_count": f"{len(compilers):,}",
            "count": sum(s.count for s in stats.values()),
            "parameter_count": f"{len(parameters):,}",
            "version": "all",
        }
    }
    for name, tag in stats.items():
        data[name] = {
            "compilers": dict(tag.compilers),
            "count": tag.count,
            "parameters": dict(tag.parameters),
        }
    return data


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, default_flow_style=False), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("root", type=Path, help="folder to write the catalog into")
    parser.add_argument("--megabytes", type=float, default=200.0, help="size of the pages")
    parser.add_argument("--seed", type=int, default=7, help="same seed, same catalog")
    args = parser.parse_args(argv)
    if (args.root / "_cache").exists():
        parser.error(f"{args.root / '_cache'} exists; give an empty folder")
    pages, size = generate(args.root, megabytes=args.megabytes, seed=args.seed)
    print(f"wrote {pages:,} pages, {size / 1e6:,.1f} MB, below {args.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
