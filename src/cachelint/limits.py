"""Resource limits that keep hostile input from exhausting time or memory."""

from __future__ import annotations

from cachelint.record import Record, fill

MIB = 1024 * 1024
# Later stages (freezing the data, plugins) walk it recursively: deeper data
# than this could exhaust Python's recursion limit, so no setting goes past it.
MAX_DEPTH_CEILING = 256


class Limits(Record):
    """Bounds on what cachelint parses; exceeding one is a CL006 finding."""

    __slots__ = ("max_depth", "max_file_size")

    # The real catalog's biggest pages are a few MB: see docs/configuration.md.
    max_file_size: int
    max_depth: int

    def __init__(self, max_file_size: int = 16 * MIB, max_depth: int = 64) -> None:
        fill(self, max_file_size, max_depth)


DEFAULT_LIMITS = Limits()
