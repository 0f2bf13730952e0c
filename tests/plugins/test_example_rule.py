"""TB101 of the example plugin, unit-tested as docs/plugins.md suggests (both ways)."""

from __future__ import annotations

import pytest

from cachelint.frozen import freeze
from cachelint.model import Page, PageKind, PathContext

HASH = "ulda3wxbktrgkjsc4pe7gn5nt62zibeq"
URL = (
    "https://binaries.spack.io/v0.20.0/build_cache/linux-ubuntu20.04-x86_64_v3/gcc-11.1.0/"
    f"cusz-0.3/linux-ubuntu20.04-x86_64_v3-gcc-11.1.0-cusz-0.3-{HASH}.spack"
)
SPEC = {
    "hash": HASH,
    "compiler": "gcc@=11.1.0",
    "platform": "linux",
    "os": "ubuntu20.04",
    "target": "x86_64_v3",
    "tarball": URL,
}


@pytest.fixture(scope="module")
def tarball_mismatch(repo):
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(repo / "examples" / "plugin" / "src"))
        from cachelint_tarball.rules import tarball_mismatch

    return tarball_mismatch


def messages(rule, spec, tag="v0.20.0"):
    page = Page(
        path="specs.md",
        kind=PageKind.TAGGED,
        data=freeze({"spec_details": [spec]}),
        context=PathContext(tag=tag, package="cusz"),
    )
    return [(f.code, f.pointer, f.message) for f in rule.check(page)]


def test_matching_url_passes(tarball_mismatch):
    assert messages(tarball_mismatch, SPEC) == []


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"hash": "a" * 32}, "hash 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'"),
        ({"compiler": "gcc@=12.3.0"}, "compiler 'gcc@=12.3.0'"),
        ({"target": "zen4"}, "os and target 'ubuntu20.04', 'zen4'"),
        ({"os": "ubuntu22.04"}, "os and target 'ubuntu22.04', 'x86_64_v3'"),
    ],
)
def test_url_naming_another_spec_fails(tarball_mismatch, change, missing):
    assert messages(tarball_mismatch, {**SPEC, **change}) == [
        (
            "TB101",
            "/spec_details/0/tarball",
            f"spec_details[0].tarball does not name the spec's {missing}",
        )
    ]


def test_url_naming_another_tag_fails(tarball_mismatch):
    (finding,) = messages(tarball_mismatch, SPEC, tag="v0.21.0")
    assert finding[2].endswith("tag 'v0.21.0'")


@pytest.mark.parametrize(
    ("spec", "tag"),
    [
        ({k: v for k, v in SPEC.items() if k != "tarball"}, "v0.20.0"),  # 2025 pages
        ({**SPEC, "compiler": "none"}, "v0.20.0"),
        (SPEC, None),  # outside _cache/<tag>/<package>/
    ],
)
def test_what_is_not_checked(tarball_mismatch, spec, tag):
    assert messages(tarball_mismatch, spec, tag=tag) == []
