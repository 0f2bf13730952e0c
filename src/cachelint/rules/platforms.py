"""Platform, operating system and target agree, as Spack defines them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import compress, repeat

from cachelint.model import Finding, Page, Severity
from cachelint.rules.base import rule
from cachelint.spack.platforms import DARWIN_FAMILIES, DARWIN_VENDORS, PLATFORMS, platform_of_os
from cachelint.spack.specs import SpecTable
from cachelint.spack.targets import family, vendor
from cachelint.spack.values import GoodValues, Memo, column

_ARCH = ("/spec_details/*/platform", "/spec_details/*/os", "/spec_details/*/target")


@rule(code="CL602", name="unknown-platform", needs=("/spec_details/*/platform",))
def unknown_platform(page: Page) -> Iterator[Finding]:
    """A spec's ``platform`` is not one of Spack's platforms.

    Spack has the platforms ``linux``, ``darwin``, ``windows``, ``freebsd`` and
    ``test``; any other value cannot come from a Spack build.

    Failing::

        spec_details: [{..., "platform": "macos", ...}]

    Passing::

        spec_details: [{..., "platform": "darwin", ...}]
    """
    specs = page.data["spec_details"]
    if _PLATFORMS.all_good(specs):
        return  # the common clean page
    for index, spec in enumerate(specs):
        if spec["platform"] not in PLATFORMS:
            yield Finding(
                "CL602",
                f"spec_details[{index}].platform {spec['platform']!r} is not a Spack platform "
                f"({', '.join(PLATFORMS)})",
                f"/spec_details/{index}/platform",
            )


@rule(code="CL603", name="os-platform-mismatch", needs=_ARCH[:2])
def os_platform_mismatch(page: Page) -> Iterator[Finding]:
    """A spec's ``os`` is an operating system of another platform.

    macOS release names (``sequoia``, ``sonoma``, ``ventura``...) belong to
    ``darwin``, Linux distributions (``ubuntu22.04``, ``rhel8``, ``amzn2``,
    ``centos7``, ``almalinux9``...) to ``linux``, ``windows<version>`` to
    ``windows``: a spec mixing them was edited by hand or merged from two
    records. An OS name cachelint does not know is CL604, not this.

    Failing::

        spec_details: [{..., "os": "sonoma", "platform": "linux", ...}]

    Passing::

        spec_details: [{..., "os": "sonoma", "platform": "darwin", ...}]
    """
    specs = page.data["spec_details"]
    if _OS_PLATFORMS.all_good(specs):
        return  # the common clean page
    for index, spec in enumerate(specs):
        owner = platform_of_os(spec["os"])
        if _disagree(spec["os"], spec["platform"]):
            yield Finding(
                "CL603",
                f"spec_details[{index}].os {spec['os']!r} is an operating system of "
                f"{owner!r}, not of the spec's platform {spec['platform']!r}",
                f"/spec_details/{index}/os",
            )


@rule(code="CL604", name="unknown-os", severity=Severity.WARNING, needs=("/spec_details/*/os",))
def unknown_os(page: Page) -> Iterator[Finding]:
    """A spec's ``os`` is not an operating system name cachelint knows (a warning).

    Spack names operating systems after what it detects: a macOS release name,
    a Linux distribution id with its version, ``windows<version>``,
    ``freebsd<version>``. New releases and distributions appear every year, so
    an unknown name is only a warning; it is more often a typo.

    Failing (no such distribution)::

        spec_details: [{..., "os": "ubunt22.04", ...}]

    Passing::

        spec_details: [{..., "os": "ubuntu22.04", ...}]
    """
    specs = page.data["spec_details"]
    if _KNOWN_OS.all_good(specs):
        return  # the common clean page
    for index, spec in enumerate(specs):
        if platform_of_os(spec["os"]) is None:
            yield Finding(
                "CL604",
                f"spec_details[{index}].os {spec['os']!r} is not an operating system name "
                "Spack is known to use",
                f"/spec_details/{index}/os",
            )


@rule(code="CL605", name="darwin-target-mismatch", needs=_ARCH[::2])
def darwin_target_mismatch(page: Page) -> Iterator[Finding]:
    """A ``darwin`` spec's ``target`` is not a Mac's.

    Macs run Apple silicon (archspec's vendor ``Apple``: ``m1``, ``m2``...) or
    Intel x86_64 processors; caches also build for the generic ``aarch64`` and
    ``x86_64`` targets. An AMD, ARM-server or POWER target on ``darwin`` comes
    from another spec. Targets Spack does not know are CL601.

    Failing::

        spec_details: [{..., "platform": "darwin", "target": "neoverse_v2", ...}]

    Passing::

        spec_details: [{..., "platform": "darwin", "target": "m1", ...}]
    """
    specs = page.data["spec_details"]
    if _MAC_TARGETS.all_good(specs):
        return  # the common page: no Mac build, or Macs' targets only
    for index, spec in enumerate(specs):
        if spec["platform"] != "darwin":
            continue
        target = spec["target"]
        known_vendor, known_family = vendor(target), family(target)
        if _not_a_macs(target):
            yield Finding(
                "CL605",
                f"spec_details[{index}].target {target!r} ({known_vendor} {known_family}) "
                "is not a Mac's target (Apple, Intel or generic aarch64/x86_64)",
                f"/spec_details/{index}/target",
            )


def _disagree(os: str, platform: str) -> bool:
    owner = platform_of_os(os)
    return owner is not None and platform in PLATFORMS and owner != platform


def _not_a_macs(target: str) -> bool:
    known_vendor = vendor(target)
    if known_vendor is None:
        return False  # CL601
    return known_vendor not in DARWIN_VENDORS or family(target) not in DARWIN_FAMILIES


def _os_platforms(table: SpecTable) -> Iterable[tuple[str, str]]:
    """The distinct (os, platform) pairs of the specs.

    Most pages have one platform: then the pairs are each distinct os with it,
    a few tuples made from the distinct columns, not one tuple a spec.
    """
    platforms = table.distinct("platform")
    if len(platforms) == 1:
        return zip(table.distinct("os"), repeat(next(iter(platforms))))
    if list(map(_OWNERS.__getitem__, table.column("os"))) == table.column("platform"):
        return ()  # each spec's platform is its OS's (one pass of C): no pair disagrees
    return table.distinct_rows("os", "platform")


# The platform of each OS name seen: a catalog names a few dozen systems.
_OWNERS = Memo(platform_of_os, limit=4096)


def _mac_targets(table: SpecTable) -> Iterable[str]:
    """The distinct targets of the darwin specs (none on the many pages without a Mac).

    From the platform and target columns alone, not from rows with the os:
    CL605 runs on pages whose os is invalid.
    """
    platforms = table.distinct("platform")
    if "darwin" not in platforms:
        return ()
    if len(platforms) == 1:
        return table.distinct("target")
    on_a_mac = map("darwin".__eq__, table.column("platform"))
    return dict.fromkeys(compress(table.column("target"), on_a_mac))


_PLATFORMS = GoodValues(PLATFORMS.__contains__, column("platform"))
_OS_PLATFORMS = GoodValues(lambda pair: not _disagree(*pair), _os_platforms)
_KNOWN_OS = GoodValues(lambda os: platform_of_os(os) is not None, column("os"))
_MAC_TARGETS = GoodValues(lambda target: not _not_a_macs(target), _mac_targets)
