"""Tarball URLs are the ones the generator builds from the spec and the tag."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import chain, repeat
from operator import itemgetter, methodcaller
from typing import Any

from cachelint.model import Finding, Page
from cachelint.rules.base import rule
from cachelint.spack.specs import SpecTable, spec_table
from cachelint.spack.values import Memo

# Mirrors serve tags at /<tag>/ or, for the older tags, /releases/<tag>/.
_PREFIXES = ("/", "/releases/")


@rule(
    code="CL621",
    name="tarball-url-mismatch",
    needs=(
        "/title",
        "/spec_details/*/tarball",
        "/spec_details/*/hash",
        "/spec_details/*/compiler",
        "/spec_details/*/platform",
        "/spec_details/*/os",
        "/spec_details/*/target",
        "/spec_details/*/versions",
    ),
)
def tarball_url_mismatch(page: Page) -> Iterator[Finding]:
    """A spec's ``tarball`` URL is not the one built from the spec and the page's tag.

    Pages before 2025 link each spec to its binary. The generator builds the
    URL from the tag, the spec's platform, OS, target, compiler, package,
    version and hash: the folder
    ``https://<host>[/releases]/<tag>/build_cache/<arch>/<compiler>/<package>-<version>/``
    and in it ``<arch>-<compiler>-<package>-<version>-<hash>.spack``, where
    ``<arch>`` is ``<platform>-<os>-<target>`` and ``<compiler>`` is the
    compiler with ``@=`` or ``@`` written as ``-`` (``gcc-11.4.0``).

    A URL copied from another spec, tag or version downloads the wrong build.
    Specs without ``tarball`` are not checked, nor the tag of pages outside
    ``_cache/<tag>/<package>/``, nor the compiler part of specs whose compiler
    is ``none``. The host is not checked (mirrors differ).

    Failing (the URL names tag v0.22.0 on a page of v0.23.0)::

        categories: [package, v0.23.0]
        spec_details: [{"hash": "aaaa...", "compiler": "gcc@=11.4.0", "platform": "linux",
          "os": "ubuntu22.04", "target": "x86_64_v3", "versions": ["1.07.1"], ...,
          "tarball": "https://binaries.spack.io/v0.22.0/build_cache/linux-ubuntu22.04-x86_64_v3/
          gcc-11.4.0/bc-1.07.1/linux-ubuntu22.04-x86_64_v3-gcc-11.4.0-bc-1.07.1-aaaa....spack"}]

    Passing::

        categories: [package, v0.23.0]
        spec_details: [{"hash": "aaaa...", "compiler": "gcc@=11.4.0", "platform": "linux",
          "os": "ubuntu22.04", "target": "x86_64_v3", "versions": ["1.07.1"], ...,
          "tarball": "https://binaries.spack.io/v0.23.0/build_cache/linux-ubuntu22.04-x86_64_v3/
          gcc-11.4.0/bc-1.07.1/linux-ubuntu22.04-x86_64_v3-gcc-11.4.0-bc-1.07.1-aaaa....spack"}]
    """
    specs = page.data["spec_details"]
    if not specs or ("tarball" not in specs[0] and not any(map(_HAS_TARBALL, specs))):
        return  # the pages of 2025 on (a page that has URLs has them from the first spec on)
    package, tag = page.data["title"], page.context.tag
    if _all_exact(spec_table(specs), package=package, tag=tag):
        return  # the common clean page, in passes of C over the page's columns
    heads: dict[tuple[str, ...], str | None] = {}  # a page repeats a few builds
    for index, spec in enumerate(specs):
        url = spec.get("tarball")
        if url is None:
            continue
        build = (*_BUILD(spec), spec["versions"][0])
        if build not in heads:
            heads[build] = _exact_head(build, package=package, tag=tag)
        head = heads[build]
        if head is not None:
            exact = f"{head}{spec['hash']}.spack"
            if url.endswith(exact) and url[: -len(exact)].removesuffix("/releases").count("/") == 2:
                continue  # the common clean case: https://<host>[/releases]<exact>
        path = _path_of(url)
        expected = _expected_path(spec, package=package, tag=tag)
        if not _matches(path, expected):
            yield Finding(
                "CL621",
                f"spec_details[{index}].tarball is not the spec's URL: expected a path "
                f"ending in {'/'.join(expected)!r}",
                f"/spec_details/{index}/tarball",
            )


_BUILD = itemgetter("platform", "os", "target", "compiler")
_HAS_TARBALL = methodcaller("__contains__", "tarball")
_FIRST = itemgetter(0)
_BUILD_KEYS = ("platform", "os", "target", "compiler")


def _all_exact(table: SpecTable, *, package: str, tag: str | None) -> bool:
    """Whether every spec's URL is ``<https://host>[/releases]<its exact path>``, one host for all.

    The loop's common case for a whole page, with no Python per spec: the host
    (and ``/releases``) is the first URL's, the columns (shared with the page's
    other rules) are zipped into builds, each distinct build's path up to the
    hash is made once, and the page's URLs are compared with the expected ones
    in one list comparison: no test per URL of where its path starts. Any other
    page (a host that changes from spec to spec, a value of another type) goes
    to the loop, which decides.
    """
    try:
        urls, hashes = table.column("tarball"), table.column("hash")
        versions = map(_FIRST, table.column("versions"))
        builds = zip(*map(table.column, _BUILD_KEYS), versions, strict=True)
        starts = _Starts.of(package=package, tag=tag)
        first = next(builds)
        host = _host(urls[0], f"{starts[first]}{hashes[0]}.spack")
        heads = map(starts.__getitem__, chain((first,), builds))
        return urls == list(map(_JOIN, zip(repeat(host), heads, hashes, repeat(".spack"))))
    except (_NotExact, KeyError, IndexError, TypeError, StopIteration):
        return False


def _host(url: str, exact: str) -> str:
    """What comes before ``exact`` in ``url``, if it is ``https://<host>[/releases]``.

    A URL that does not end in ``exact`` keeps its path here, and then differs
    from the URL it is compared with: the page goes to the loop all the same.
    """
    host = str.removesuffix(url, exact)
    if host.removesuffix("/releases").count("/") != 2:
        raise _NotExact
    return host


_JOIN = "".join


class _NotExact(Exception):
    """A part of a build's URL is not checked (tag, compiler) or not the page's common host."""


class _Starts(dict[tuple[str, ...], str]):
    """Each build's path up to its hash, made on first use (``dict`` looks it up in C)."""

    __slots__ = ("package", "prefix")

    @classmethod
    def of(cls, *, package: str, tag: str | None) -> _Starts:
        if tag is None:
            raise _NotExact
        starts = cls()
        starts.package, starts.prefix = package, f"/{tag}/build_cache/"
        return starts

    def __missing__(self, build: tuple[str, ...]) -> str:
        start = self[build] = _start(self.prefix, self.package, build)
        return start


def _exact_head(build: tuple[str, ...], *, package: str, tag: str | None) -> str | None:
    """The expected path up to the hash; ``None`` when a part is not checked (tag, compiler)."""
    if tag is None or build[3] == "none":
        return None
    return _start(f"/{tag}/build_cache/", package, build)


def _start(prefix: str, package: str, build: tuple[str, ...]) -> str:
    """``prefix`` (``/<tag>/build_cache/``) and the rest of the path up to the hash."""
    folder, name = _ARCH_COMPILERS[build[:4]]
    built = f"{package}-{build[4]}"
    return f"{prefix}{folder}/{built}/{name}-{built}-"


def _arch_compiler(key: tuple[str, ...]) -> tuple[str, str]:
    """The folder ``<arch>/<compiler>`` and the name's start ``<arch>-<compiler>``."""
    platform, os, target, compiler = key
    if compiler == "none":
        raise _NotExact
    arch = f"{platform}-{os}-{target}"
    compiler = _url_compiler(compiler)
    return f"{arch}/{compiler}", f"{arch}-{compiler}"


# A catalog has a few architectures and compilers, on page after page.
_ARCH_COMPILERS = Memo(_arch_compiler, limit=1024)


def _expected_path(spec: Mapping[str, Any], *, package: str, tag: str | None) -> list[str]:
    """The URL path's segments; ``*`` stands for a segment that is not checked."""
    arch = f"{spec['platform']}-{spec['os']}-{spec['target']}"
    compiler = "*" if spec["compiler"] == "none" else _url_compiler(spec["compiler"])
    built = f"{package}-{spec['versions'][0]}"
    name = f"{arch}-{compiler}-{built}-{spec['hash']}.spack"
    return [tag or "*", "build_cache", arch, compiler, built, name]


def _url_compiler(compiler: str) -> str:
    return compiler.replace("@=", "-", 1).replace("@", "-", 1)


def _path_of(url: str) -> str:
    """The path of an ``https://host/path`` URL (the schema's shape); a query stays in it."""
    return "/" + url.partition("://")[2].partition("/")[2]


def _matches(path: str, expected: list[str]) -> bool:
    if "*" not in "".join(expected):  # the common case: one string comparison per prefix
        tail = "/".join(expected)
        return any(path == prefix + tail for prefix in _PREFIXES)
    segments = path.split("/")
    if len(segments) <= len(expected):
        return False
    prefix = "/".join(segments[: -len(expected)]) + "/"
    tail_segments = segments[-len(expected) :]
    return prefix in _PREFIXES and all(map(_segment_matches, tail_segments, expected))


def _segment_matches(got: str, want: str) -> bool:
    if "*" not in want:
        return got == want
    before, _, after = want.partition("*")
    return got.startswith(before) and got.endswith(after) and len(got) > len(before + after)
