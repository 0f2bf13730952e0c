"""Build realistic synthetic catalog pages, deterministically.

Every value comes from a ``random.Random`` seeded by a string naming what is
being built (``seed:tag:package``), so a page does not depend on how many pages
were built before it and the same seed always gives the same bytes.

The pages follow the real generator's eras, decided by the tag:

- ``legacy``: meta keys in generation order, specs carry ``tarball``,
  compilers ``gcc@=11.4.0``, specs and their stacks unsorted;
- ``sorted-tarball``: every key sorted (``json.dumps(sort_keys=True)``),
  specs sorted by hash, ``tarball`` still present;
- ``sorted``: as above without ``tarball``;
- ``sorted-at``: compilers written ``gcc@11.4.0``, compiler ``none`` occurs.

``develop`` holds stale pages, so its pages mix every era.
"""

from __future__ import annotations

import datetime
import json
import math
import random
from collections import Counter
from dataclasses import dataclass

HASH_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
ERAS = ("legacy", "sorted-tarball", "sorted", "sorted-at")
LEGACY_META_KEYS = (
    "versions",
    "compilers",
    "oss",
    "platforms",
    "targets",
    "stacks",
    "num_specs",
    "num_specs_by_stack",
)
LEGACY_SPEC_KEYS = (
    "hash",
    "compiler",
    "versions",
    "os",
    "platform",
    "target",
    "variants",
    "stacks",
    "size",
    "tarball",
)

# stack -> the (platform, os, target, compiler) builds it publishes
STACK_PROFILES: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "e4s": (("linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0"),),
    "e4s-oneapi": (("linux", "ubuntu22.04", "x86_64_v3", "oneapi@2024.2.1"),),
    "e4s-power": (("linux", "ubuntu20.04", "ppc64le", "gcc@9.4.0"),),
    "e4s-neoverse-v2": (("linux", "ubuntu22.04", "neoverse_v2", "gcc@11.4.0"),),
    "e4s-neoverse_v1": (("linux", "ubuntu22.04", "neoverse_v1", "gcc@11.4.0"),),
    "e4s-cray-rhel": (("linux", "rhel8", "zen4", "cce@15.0.1"),),
    "e4s-rocm-external": (("linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0"),),
    "aws-ahug": (("linux", "amzn2", "x86_64_v3", "gcc@7.3.1"),),
    "aws-ahug-aarch64": (
        ("linux", "amzn2", "aarch64", "gcc@7.3.1"),
        ("linux", "amzn2", "neoverse_n1", "gcc@7.3.1"),
    ),
    "aws-isc": (("linux", "amzn2", "x86_64_v4", "gcc@12.3.0"),),
    "aws-isc-aarch64": (("linux", "amzn2", "neoverse_v1", "gcc@12.3.0"),),
    "aws-pcluster-neoverse_v1": (("linux", "amzn2", "neoverse_v1", "gcc@12.3.0"),),
    "aws-pcluster-x86_64_v4": (("linux", "amzn2", "x86_64_v4", "gcc@12.3.0"),),
    "build_systems": (("linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0"),),
    "data-vis-sdk": (("linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0"),),
    "developer-tools-x86_64_v3-linux-gnu": (("linux", "ubuntu20.04", "x86_64_v3", "gcc@10.5.0"),),
    "developer-tools-aarch64-linux-gnu": (("linux", "ubuntu20.04", "aarch64", "gcc@10.5.0"),),
    "developer-tools-darwin": (("darwin", "sequoia", "aarch64", "apple-clang@16.0.0"),),
    "hep": (("linux", "ubuntu22.04", "x86_64_v3", "gcc@13.3.0"),),
    "ml-darwin-aarch64-mps": (("darwin", "ventura", "aarch64", "apple-clang@15.0.0"),),
    "ml-linux-aarch64-cpu": (("linux", "ubuntu22.04", "aarch64", "gcc@11.4.0"),),
    "ml-linux-aarch64-cuda": (("linux", "ubuntu22.04", "neoverse_v2", "gcc@11.4.0"),),
    "ml-linux-x86_64-cpu": (("linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0"),),
    "ml-linux-x86_64-cuda": (("linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0"),),
    "ml-linux-x86_64-rocm": (("linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0"),),
    "radiuss": (("linux", "ubuntu20.04", "x86_64_v3", "gcc@9.4.0"),),
    "radiuss-aws": (("linux", "amzn2", "x86_64_v4", "gcc@7.3.1"),),
    "radiuss-aws-aarch64": (("linux", "amzn2", "aarch64", "gcc@7.3.1"),),
    "tools-sdk": (("linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0"),),
    "tutorial": (("linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0"),),
    "windows-vis": (("windows", "windows10.0.20348", "x86_64", "msvc@19.40.33811"),),
}
ROOT_STACK = "root"

_SYLLABLES = (
    "ab", "ac", "ad", "al", "am", "ar", "as", "at", "ba", "be", "bo", "ca", "ce", "co",
    "da", "de", "do", "el", "en", "er", "fa", "fe", "ga", "ge", "ha", "he", "io", "ka",
    "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "no", "or", "pa", "pe",
    "po", "ra", "re", "ri", "ro", "sa", "se", "si", "so", "ta", "te", "ti", "to", "un",
    "va", "ve", "vi", "xa", "ze", "zo",
)  # fmt: skip
_PREFIXES = ("", "", "", "", "py-", "py-", "r-", "lib", "perl-", "rust-")
_BOOL_VARIANTS = (
    "cuda", "rocm", "mpi", "openmp", "shared", "pic", "python", "doc", "examples", "debug",
    "ipo", "strip", "static", "tests", "fortran", "hdf5", "zlib", "int64", "threads", "x",
)  # fmt: skip
_VALUE_VARIANTS = (
    ("build_system", ("autotools", "cmake", "generic", "makefile", "meson", "python_pip")),
    ("build_type", ("Release", "RelWithDebInfo", "Debug")),
    ("generator", ("make", "ninja")),
    ("libs", ("shared", "shared,static", "static")),
    ("cxxstd", ("11", "14", "17", "20")),
    ("patches", ("873745d", "0d38234", "a440f96,b8569d7", "8b4f06c")),
    ("languages:", ("'c,c++,fortran'", "'c,c++'")),
    ("visibility", ("hidden", "default")),
)


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag of the catalog: its name, its stacks and the era its pages are in."""

    name: str
    stacks: tuple[str, ...]
    era: str | None  # None: every page picks its own era (the mutable ``develop``)


def tag_names(count: int) -> list[str]:
    """``develop``, releases and weekly snapshots, as the real catalog names them."""
    releases = ["v2025.07.0", "v0.23.1", "v0.23.0", "v0.22.5", "v0.22.3", "v0.22.2"]
    releases += ["v0.22.1", "v0.22.0", "v0.21.2", "v0.21.1", "v0.21.0", "v0.20.3", "v0.20.0"]
    latest = datetime.date(2025, 7, 13)
    weeks = range(max(0, count - 1 - len(releases)))
    snapshots = [f"develop-{latest - datetime.timedelta(weeks=week)}" for week in weeks]
    return (["develop", *releases, *snapshots])[:count]


def era_of(name: str) -> str | None:
    """Which generator era wrote the pages of a tag (``None`` for ``develop``)."""
    if name == "develop":
        return None
    if name.startswith("develop-"):
        date = name.removeprefix("develop-")
        if date >= "2025-03-30":
            return "sorted-at"
        if date >= "2025-03-09":
            return "sorted"
        return "sorted-tarball" if date >= "2025-02-16" else "legacy"
    if name.startswith("v2025"):
        return "sorted-at"
    return "sorted-tarball" if name in ("v0.22.5", "v0.23.0", "v0.23.1") else "legacy"


def make_tag(seed: int, name: str) -> Tag:
    """A tag with 17 to 28 stacks (always ``root``)."""
    rng = random.Random(f"{seed}:tag:{name}")
    pool = sorted(STACK_PROFILES)
    stacks = rng.sample(pool, rng.randint(16, min(27, len(pool))))
    return Tag(name, tuple(sorted([*stacks, ROOT_STACK])), era_of(name))


def package_names(seed: int, count: int) -> list[str]:
    """``count`` distinct, plausible package names, sorted."""
    rng = random.Random(f"{seed}:packages")
    names: set[str] = set()
    while len(names) < count:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        suffix = rng.choice(("", "", "", "2", "-utils", "-cl", "3", "-sdk"))
        names.add(rng.choice(_PREFIXES) + stem + suffix)
    return sorted(names)


def spec_count(rng: random.Random) -> int:
    """Skewed like the real catalog: median about 20, a few pages with hundreds."""
    return max(1, min(1500, round(rng.lognormvariate(math.log(20), 1.0))))


def build_page(seed: int, tag: Tag, package: str) -> tuple[str, list[dict[str, object]]]:
    """The text of a page and the specs it lists."""
    rng = random.Random(f"{seed}:{tag.name}:{package}")
    era = tag.era or rng.choice(ERAS)
    specs = _specs(rng, tag, package, era)
    meta = _meta(specs, era)
    if era == "legacy":
        meta = {key: meta[key] for key in LEGACY_META_KEYS}
        specs = [{key: spec[key] for key in LEGACY_SPEC_KEYS} for spec in specs]
        body = f"meta: {json.dumps(meta)}\nspec_details: {json.dumps(specs)}"
    else:
        specs.sort(key=lambda spec: spec["hash"])
        dump = json.dumps(meta, sort_keys=True), json.dumps(specs, sort_keys=True)
        body = f"meta: {dump[0]}\nspec_details: {dump[1]}"
    text = f'---\ntitle: "{package}"\nlayout: cache\ncategories: [package, {tag.name}]\n{body}\n---'
    return text, specs


def _specs(rng: random.Random, tag: Tag, package: str, era: str) -> list[dict[str, object]]:
    versions = sorted({_version(rng) for _ in range(rng.randint(1, 4))})
    variants = _variants(rng)
    published = [stack for stack in tag.stacks if stack != ROOT_STACK]
    home = rng.sample(published, min(len(published), rng.randint(1, 6)))
    no_compiler = era == "sorted-at" and package.startswith(("py-", "perl-", "r-"))
    varies = rng.random() < 0.3  # on some pages a variant differs between builds
    hashes: set[str] = set()
    specs = []
    for _ in range(spec_count(rng)):
        primary = rng.choice(home)
        stacks = {primary, ROOT_STACK}
        extra = rng.choice(home) if rng.random() < 0.15 else primary
        platform, os_name, target, compiler = rng.choice(STACK_PROFILES[primary])
        # A build is in a second stack only if that stack builds for the same
        # platform and target, as in the real catalog (CL606 checks stacks named so).
        if any(p[0] == platform and p[2] == target for p in STACK_PROFILES[extra]):
            stacks.add(extra)
        if varies and rng.random() < 0.3:
            variants = _variants(rng, base=variants)
        spec = {
            "compiler": "none" if no_compiler else _compiler(compiler, era),
            "hash": _unique_hash(rng, hashes),
            "os": os_name,
            "platform": platform,
            "size": "-",
            "stacks": rng.sample(sorted(stacks), len(stacks))
            if era == "legacy"
            else sorted(stacks),
            "target": target,
            "variants": variants,
            "versions": [rng.choice(versions)],
        }
        if era in ("legacy", "sorted-tarball"):
            spec["tarball"] = _tarball(tag.name, package, spec)
        specs.append(spec)
    return specs


def _meta(specs: list[dict[str, object]], era: str) -> dict[str, object]:
    by_stack: Counter[str] = Counter()
    for spec in specs:
        by_stack.update(spec["stacks"])  # type: ignore[arg-type]
    lists = {
        "compilers": {spec["compiler"] for spec in specs},
        "oss": {spec["os"] for spec in specs},
        "platforms": {spec["platform"] for spec in specs},
        "stacks": set(by_stack),
        "targets": {spec["target"] for spec in specs},
        "versions": {v for spec in specs for v in spec["versions"]},  # type: ignore[attr-defined]
    }
    meta: dict[str, object] = {name: sorted(values) for name, values in lists.items()}
    meta["num_specs"] = len(specs)
    meta["num_specs_by_stack"] = (
        dict(by_stack) if era == "legacy" else dict(sorted(by_stack.items()))
    )
    return meta


def _version(rng: random.Random) -> str:
    parts = [rng.randint(0, 12), rng.randint(0, 30)] + [rng.randint(0, 9)] * rng.randint(0, 1)
    return ".".join(map(str, parts))


def _variants(rng: random.Random, base: list[str] | None = None) -> list[str]:
    chosen = dict(_variant_name_value(v) for v in base or ())
    if base is None:
        for name in rng.sample(_BOOL_VARIANTS, rng.randint(0, 8)):
            chosen[name] = rng.choice("+~")
        for name, values in rng.sample(_VALUE_VARIANTS, rng.randint(1, 4)):
            chosen[name] = "=" + rng.choice(values)
    else:
        chosen["cuda_arch"] = "=" + rng.choice(("70", "75", "80", "90"))
    return [_variant_text(name, value) for name, value in sorted(chosen.items())]


def _variant_name_value(variant: str) -> tuple[str, str]:
    if variant[0] in "+~":
        return variant[1:], variant[0]
    name, _, value = variant.partition("=")
    return name, "=" + value


def _variant_text(name: str, value: str) -> str:
    return value + name if value in "+~" else name + value


def _compiler(compiler: str, era: str) -> str:
    return compiler if era == "sorted-at" else compiler.replace("@", "@=")


def _unique_hash(rng: random.Random, seen: set[str]) -> str:
    while True:
        digest = "".join(rng.choices(HASH_ALPHABET, k=32))
        if digest not in seen:
            seen.add(digest)
            return digest


def _tarball(tag: str, package: str, spec: dict[str, object]) -> str:
    arch = f"{spec['platform']}-{spec['os']}-{spec['target']}"
    compiler = str(spec["compiler"]).replace("@=", "-").replace("@", "-")
    version = spec["versions"][0]  # type: ignore[index]
    name = f"{package}-{version}"
    return (
        f"https://binaries.spack.io/{tag}/build_cache/{arch}/{compiler}/{name}/"
        f"{arch}-{compiler}-{name}-{spec['hash']}.spack"
    )
