"""CL621: tarball URLs are built from the spec and the page's tag."""

from __future__ import annotations

import pytest

from tests.conftest import column_of, page_text, spec

SPEC_LINE = 6
HASH = "ulda3wxbktrgkjsc4pe7gn5nt62zibeq"
# _cache/develop-2023-05-14/cusz/specs.md, whose URL has the older /releases/ prefix.
ARCH = "linux-ubuntu20.04-x86_64_v3"
PATH = f"{ARCH}/gcc-11.1.0/cusz-0.3/{ARCH}-gcc-11.1.0-cusz-0.3-{HASH}.spack"
TAG = "develop-2023-05-14"


def cusz(url: str, **overrides: object) -> str:
    fields = {
        "hash": HASH,
        "compiler": "gcc@=11.1.0",
        "os": "ubuntu20.04",
        "versions": ["0.3"],
        "tarball": url,
        **overrides,
    }
    return page_text([spec(**fields)], title="cusz", tag=TAG)


def check(check_page, text: str):
    return check_page(text, relative=f"_cache/{TAG}/cusz/specs.md")


@pytest.mark.parametrize(
    "prefix", ["https://binaries.spack.io/", "https://binaries.spack.io/releases/"]
)
def test_real_urls_pass(check_page, prefix):
    assert check(check_page, cusz(f"{prefix}{TAG}/build_cache/{PATH}")) == []


def test_specs_without_tarball_pass(check_page):
    assert check(check_page, page_text([spec()], title="cusz", tag=TAG)) == []


@pytest.mark.parametrize(
    "url",
    [
        f"https://binaries.spack.io/develop-2023-05-07/build_cache/{PATH}",  # another tag
        f"https://binaries.spack.io/{TAG}/build_cache/{PATH}".replace(HASH, "a" * 32),
        f"https://binaries.spack.io/{TAG}/build_cache/{PATH}".replace("0.3", "0.2"),
        f"https://binaries.spack.io/{TAG}/build_cache/{PATH}".replace("gcc-11.1.0", "gcc-11.3.0"),
        f"https://binaries.spack.io/{TAG}/build_cache/{PATH}".replace("x86_64_v3", "x86_64_v4"),
        f"https://binaries.spack.io/{TAG}/build_cache/{PATH}".replace("ubuntu20.04", "rhel8"),
        f"https://binaries.spack.io/{TAG}/build_cache/{PATH}".replace("cusz-", "bc-"),
        f"https://binaries.spack.io/mirror/{TAG}/build_cache/{PATH}",
        f"https://binaries.spack.io/{TAG}/{PATH}",
    ],
)
def test_a_url_of_another_build(check_page, url):
    text = cusz(url)
    assert check(check_page, text) == [("CL621", SPEC_LINE, column_of(text, SPEC_LINE, f'"{url}"'))]


def test_the_compiler_of_none_is_not_checked(check_page):
    url = f"https://binaries.spack.io/{TAG}/build_cache/{PATH}"
    assert check(check_page, cusz(url, compiler="none")) == []


def _cusz_spec(version: str, hash_: str, url_version: str | None = None, **overrides: object):
    """A spec of cusz ``version`` whose URL names ``url_version`` (its own by default)."""
    named = url_version or version
    path = PATH.replace(HASH, hash_).replace("cusz-0.3", f"cusz-{named}")
    url = f"https://binaries.spack.io/{TAG}/build_cache/{path}"
    fields = {"hash": hash_, "compiler": "gcc@=11.1.0", "os": "ubuntu20.04"}
    return spec(**{**fields, "versions": [version], "tarball": url, **overrides})


def _many(count: int) -> list[dict[str, object]]:
    """``count`` clean specs of two versions, each with its own hash."""
    return [_cusz_spec(("0.3", "0.4")[i % 2], _hash(i)) for i in range(count)]


def _hash(index: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[index] * 32


@pytest.mark.parametrize("with_releases", [(), (5,), tuple(range(12))])
def test_many_clean_specs_pass_whatever_their_prefixes(check_page, with_releases):
    specs = _many(12)
    for index in with_releases:
        specs[index]["tarball"] = specs[index]["tarball"].replace(".io/", ".io/releases/")
    assert check(check_page, page_text(specs, title="cusz", tag=TAG)) == []


@pytest.mark.parametrize("without_url", [None, 10])
def test_each_wrong_url_among_many_is_found(check_page, without_url):
    specs = _many(12)
    specs[3] = _cusz_spec("0.4", _hash(3), url_version="0.3")
    specs[8]["tarball"], specs[9]["tarball"] = specs[9]["tarball"], specs[8]["tarball"]
    if without_url is not None:
        specs[without_url].pop("tarball")  # not checked, the others still are
    text = page_text(specs, title="cusz", tag=TAG)
    wrong = [specs[index]["tarball"] for index in (3, 8, 9)]
    assert check(check_page, text) == [
        ("CL621", SPEC_LINE, column_of(text, SPEC_LINE, f'"{url}"')) for url in wrong
    ]


@pytest.mark.parametrize("index", [0, 4, 11])
def test_a_wrong_hash_among_releases_urls_is_found(check_page, index):
    """The page's host is read from its first URL, whichever URL is wrong."""
    specs = _many(12)
    for each in specs:
        each["tarball"] = each["tarball"].replace(".io/", ".io/releases/")
    specs[index]["hash"] = _hash(20)
    text = page_text(specs, title="cusz", tag=TAG)
    url = specs[index]["tarball"]
    assert check(check_page, text) == [("CL621", SPEC_LINE, column_of(text, SPEC_LINE, f'"{url}"'))]


# How a URL can be wrong: each edit of one spec's URL (or of its spec).
URL_EDITS = {
    "another tag": lambda s: s.update(tarball=s["tarball"].replace(TAG, "v0.21.0")),
    "another host layout": lambda s: s.update(tarball=s["tarball"].replace(".io/", ".io/x/")),
    "no host": lambda s: s.update(tarball=s["tarball"].replace("https://binaries.spack.io", "")),
    "another host": lambda s: s.update(tarball=s["tarball"].replace("binaries.", "mirror.")),
    "/releases": lambda s: s.update(tarball=s["tarball"].replace(".io/", ".io/releases/")),
    "another hash": lambda s: s.update(hash="z" * 32),
    "another compiler form": lambda s: s.update(compiler="gcc@11.1.0"),
    "compiler none": lambda s: s.update(compiler="none"),
    "a query": lambda s: s.update(tarball=s["tarball"] + "?x=1"),
    "no url": lambda s: s.pop("tarball"),
    "another target": lambda s: s.update(target="zen4"),
}


@pytest.mark.parametrize("edit", sorted(URL_EDITS))
@pytest.mark.parametrize("index", [0, 7, 11])
def test_the_page_wide_pass_finds_what_the_loop_finds(check_page, monkeypatch, edit, index):
    """A page the page-wide pass does not clear gets the findings of the loop alone."""
    from cachelint.rules import tarballs

    specs = _many(12)
    URL_EDITS[edit](specs[index])
    text = page_text(specs, title="cusz", tag=TAG)
    found = check(check_page, text)
    monkeypatch.setattr(tarballs, "_all_exact", lambda *args, **kwargs: False)
    assert found == check(check_page, text)
