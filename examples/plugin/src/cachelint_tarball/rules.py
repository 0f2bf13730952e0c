"""TB101: each ``tarball`` URL names its spec's hash, compiler, os, target and tag."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from cachelint.model import Finding, Page
from cachelint.rules import rule


@rule(
    code="TB101",
    name="tarball-mismatch",
    # Skipped on pages whose schema errors touch these values: the check only
    # ever sees a valid hash, compiler, platform, os, target and tarball.
    needs=(
        "/spec_details/*/tarball",
        "/spec_details/*/hash",
        "/spec_details/*/compiler",
        "/spec_details/*/platform",
        "/spec_details/*/os",
        "/spec_details/*/target",
    ),
)
def tarball_mismatch(page: Page) -> Iterator[Finding]:
    """A spec's ``tarball`` URL does not name the spec's hash, compiler, os, target or tag.

    The catalog links each spec to its binary through this URL; a URL that was
    copied from another spec or tag downloads the wrong build. Specs without a
    ``tarball`` (pages since 2025) are not checked, nor is the compiler of
    specs whose compiler is ``none``, nor the tag of pages outside
    ``_cache/<tag>/<package>/``.

    Failing (the URL names another spec's hash and tag)::

        categories: [package, v0.23.0]
        spec_details: [{"hash": "aaaa...", "compiler": "gcc@=11.4.0", "platform": "linux",
          "os": "ubuntu22.04", "target": "x86_64_v3", ..., "tarball": "https://binaries.spack.io/
          v0.22.0/build_cache/linux-ubuntu22.04-x86_64_v3/gcc-11.4.0/bc-1.07.1/
          linux-ubuntu22.04-x86_64_v3-gcc-11.4.0-bc-1.07.1-bbbb....spack"}]

    Passing::

        categories: [package, v0.23.0]
        spec_details: [{"hash": "aaaa...", "compiler": "gcc@=11.4.0", "platform": "linux",
          "os": "ubuntu22.04", "target": "x86_64_v3", ..., "tarball": "https://binaries.spack.io/
          v0.23.0/build_cache/linux-ubuntu22.04-x86_64_v3/gcc-11.4.0/bc-1.07.1/
          linux-ubuntu22.04-x86_64_v3-gcc-11.4.0-bc-1.07.1-aaaa....spack"}]
    """
    for index, spec in enumerate(page.data["spec_details"]):
        if "tarball" not in spec:
            continue
        missing = list(_missing_parts(spec, page.context.tag))
        if missing:
            yield Finding(
                "TB101",
                f"spec_details[{index}].tarball does not name the spec's {', '.join(missing)}",
                f"/spec_details/{index}/tarball",
            )


def _missing_parts(spec: Mapping[str, Any], tag: str | None) -> Iterator[str]:
    """What the URL should name but does not, as ``what 'value'`` phrases."""
    segments = urlsplit(spec["tarball"]).path.split("/")
    if not segments[-1].endswith(f"-{spec['hash']}.spack"):
        yield f"hash {spec['hash']!r}"
    compiler = spec["compiler"]
    if compiler != "none" and compiler.replace("@=", "-").replace("@", "-") not in segments:
        yield f"compiler {compiler!r}"
    if f"{spec['platform']}-{spec['os']}-{spec['target']}" not in segments:
        yield f"os and target {spec['os']!r}, {spec['target']!r}"
    if tag is not None and tag not in segments:
        yield f"tag {tag!r}"
