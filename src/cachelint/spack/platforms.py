"""Spack's platforms and the operating systems each one names.

Spack names an OS after what it detects (``lib/spack/spack/operating_systems/``
in Spack's repository): macOS by its release name (``mac_os.py``: the
``mac_releases`` table, ``cheetah`` ... ``monterey`` there, extended with the
later releases ``ventura``, ``sonoma``, ``sequoia`` and ``tahoe``); a Linux
system by its ``distro`` id and version (``linux_distro.py``: ``ubuntu22.04``
with major.minor for Ubuntu, the major version elsewhere: ``rhel8``,
``amzn2``), with Cray's ``cnl`` and Blue Gene's ``cnk`` beside them; Windows as
``windows<version>`` (``windows_os.py``); FreeBSD as ``freebsd<version>``
(``freebsd.py``). The ``test`` platform (``spack/platforms/test.py``) has the
fixed ``debian6`` and ``redhat6``. New releases appear every year, so an OS
name matching none of these is not an error (CL604, a warning).
"""

from __future__ import annotations

import re
from functools import lru_cache

PLATFORMS = ("darwin", "freebsd", "linux", "test", "windows")

MACOS_RELEASES = frozenset(
    {
        "cheetah",
        "puma",
        "jaguar",
        "panther",
        "tiger",
        "leopard",
        "snowleopard",
        "lion",
        "mountainlion",
        "mavericks",
        "yosemite",
        "elcapitan",
        "sierra",
        "highsierra",
        "mojave",
        "catalina",
        "bigsur",
        "monterey",
        "ventura",
        "sonoma",
        "sequoia",
        "tahoe",
        "macos",  # Spack's name for a release too new (or too old) for its table
    }
)

# ``distro`` ids of the Linux systems Spack builds on; Spack replaces "-" by "_".
LINUX_DISTRIBUTIONS = (
    "almalinux",
    "alpine",
    "amzn",
    "arch",
    "centos",
    "debian",
    "fedora",
    "gentoo",
    "linuxmint",
    "manjaro",
    "ol",
    "opensuse",
    "opensuse_leap",
    "opensuse_tumbleweed",
    "rhel",
    "rocky",
    "scientific",
    "sle_hpc",
    "sles",
    "ubuntu",
)

_LINUX = re.compile(rf"^(?:{'|'.join(LINUX_DISTRIBUTIONS)})[0-9][0-9.]*$|^(?:cnl|cnk)[0-9.]*$")
_PATTERNS: dict[str, re.Pattern[str]] = {
    "linux": _LINUX,
    "windows": re.compile(r"^windows[0-9][0-9.]*$"),
    "freebsd": re.compile(r"^freebsd[0-9][0-9.]*$"),
    "test": re.compile(r"^(?:debian6|redhat6)$"),
}


@lru_cache(maxsize=1024)
def platform_of_os(name: str) -> str | None:
    """The platform whose operating systems ``name`` is one of; ``None`` if unknown."""
    if name in MACOS_RELEASES:
        return "darwin"
    for platform, pattern in _PATTERNS.items():
        if pattern.match(name):
            return platform
    return None


# On macOS Spack builds for Apple silicon (vendor Apple: m1, m2...) or Intel
# Macs; generic targets of both families are used by portable caches.
DARWIN_VENDORS = frozenset({"Apple", "GenuineIntel", "generic"})
DARWIN_FAMILIES = frozenset({"aarch64", "x86_64"})
