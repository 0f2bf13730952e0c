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
