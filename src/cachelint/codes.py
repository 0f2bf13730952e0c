"""Codes reported by the pipeline stages themselves (reading, parsing, schema).

These are not rule plugins: they come from the stages before any rule runs.
Their documentation lives here so ``cachelint rules`` and ``cachelint rule``
show every code from one place.
"""

from __future__ import annotations

from cachelint.docstrings import cleandoc
from cachelint.model import Severity
from cachelint.record import Record, fill


class StageCode(Record):
    """Documentation of a code that a pipeline stage reports.

    ``doc`` is written like a rule's docstring, without the summary line: why
    it matters, then a failing and a passing example.
    """

    __slots__ = ("code", "doc", "enabled", "fixable", "name", "severity", "summary")

    code: str
    name: str
    summary: str
    doc: str
    severity: Severity
    enabled: bool
    fixable: bool

    def __init__(
        self,
        code: str,
        name: str,
        summary: str,
        doc: str = "",
        severity: Severity = Severity.ERROR,
        enabled: bool = True,
        fixable: bool = False,
    ) -> None:
        fill(self, code, name, summary, cleandoc(doc), severity, enabled, fixable)


STAGE_CODES: dict[str, StageCode] = {
    code.code: code
    for code in (
        StageCode(
            "CL001",
            "unreadable-file",
            "File cannot be read, or is not UTF-8.",
            """Catalog pages are UTF-8 text; a file that cannot be read or decoded is
            not checked at all, so it is reported rather than silently passed.

            Failing (saved as Latin-1: the ``é`` is the single byte 0xE9)::

                title: "café"

            Passing (saved as UTF-8: the ``é`` is the bytes 0xC3 0xA9)::

                title: "café"
            """,
        ),
        StageCode(
            "CL002",
            "front-matter-missing",
            "Front matter missing, empty, or not closed.",
            """A page starts with a '---' line and its YAML ends at the next '---' or
            '...' line, as Jekyll reads it; Jekyll renders a page without front matter
            as plain text.

            Failing (no closing fence)::

                ---
                title: "zlib"
                layout: cache

            Passing::

                ---
                title: "zlib"
                layout: cache
                ---
            """,
        ),
        StageCode(
            "CL003",
            "invalid-yaml",
            "Front matter is not valid YAML.",
            """The site generator cannot read the page, so it is dropped from the
            catalog; nothing else on the page is checked.

            Failing (an unescaped quote)::

                title: "zlib "ng""

            Passing::

                title: "zlib \\"ng\\""
            """,
        ),
        StageCode(
            "CL004",
            "duplicate-key",
            "Duplicate key in the front matter.",
            """YAML loaders silently keep the last value, so one of the two is lost.

            Failing::

                title: "zlib"
                title: "zlib-ng"

            Passing::

                title: "zlib"
            """,
        ),
        StageCode(
            "CL005",
            "yaml-tag-anchor-alias",
            "YAML tags, anchors or aliases in the front matter.",
            """Catalogs never use them; they are refused for safety and nothing is
            constructed. Merge keys (``<<``) are refused too.

            Failing::

                meta: &summary {"num_specs": 1}

            Passing::

                meta: {"num_specs": 1}
            """,
        ),
        StageCode(
            "CL007",
            "byte-order-mark",
            "The page starts with a UTF-8 byte-order mark: Jekyll misses its front matter.",
            """Jekyll tests the first line's raw bytes for ``---``: behind the three
            bytes of a byte-order mark (EF BB BF) it finds none, and publishes the
            page as a static file, so the package silently vanishes from the catalog
            (``jekyll build`` lists it among the static files). cachelint reads the
            front matter behind the mark and checks it as usual, and reports the mark
            at 1:1. ``--fix`` removes the three bytes and changes nothing else: the
            one repair that is certain. Its own code, not CL002: the front matter is
            there and is checked, and the repair is safe, which no other CL002 is.

            Failing (the file starts with the bytes EF BB BF)::

                \ufeff---
                title: "zlib"

            Passing::

                ---
                title: "zlib"
            """,
            fixable=True,
        ),
        StageCode(
            "CL010",
            "unused-suppression",
            "A '# cachelint: disable=' comment suppresses nothing (off by default).",
            """A suppression that no longer matches a finding hides the next real
            problem of that kind; remove it. Also reported: suppressions naming an
            unknown or unselected code, and malformed suppression comments.

            Failing (the counts are right, nothing to suppress)::

                meta: {..., "num_specs": 2, ...}  # cachelint: disable=CL201
                spec_details: [{"hash": "aaaa...", ...}, {"hash": "bbbb...", ...}]

            Passing::

                meta: {..., "num_specs": 2, ...}
                spec_details: [{"hash": "aaaa...", ...}, {"hash": "bbbb...", ...}]
            """,
            severity=Severity.WARNING,
            enabled=False,
        ),
        StageCode(
            "CL011",
            "gate-config-changed",
            "With --changed-since, the change touches a configuration file or a .gitignore.",
            """A pull request could configure its own gate: ``exclude = ["**"]``,
            ``severity = {CL = "warning"}`` or a ``.gitignore`` line ``_cache/``
            would turn it green. With ``--changed-since REF`` cachelint uses the
            configuration and the ignore rules as they are at REF (unless
            ``--no-config-from-ref``), and reports each such file the change touches,
            so a reviewer sees it: a warning by default, since the change cannot
            weaken the check it is reported by; make it an error with
            ``severity = {CL011 = "error"}`` in REF's configuration to require a
            separate, reviewed change. A ``pyproject.toml`` is reported only when its
            ``[tool.cachelint]`` table changed.

            Failing (the pull request's ``.cachelint.toml``)::

                exclude = ["**"]

            Passing (the configuration as it is at REF, left alone)::

                exclude = ["_cache/archive/**"]
            """,
            severity=Severity.WARNING,
        ),
        StageCode(
            "CL101",
            "missing-key",
            "A required key is missing.",
            """Every key of the page schema is read by the site's templates; a
            missing one renders as an empty field or breaks the page.

            Failing::

                spec_details: [{"hash": "aaaa...", "os": "ubuntu22.04", ...}]  # no "target"

            Passing::

                spec_details: [{"hash": "aaaa...", "os": "ubuntu22.04", "target": "zen4", ...}]
            """,
        ),
        StageCode(
            "CL102",
            "wrong-type",
            "A value has the wrong type.",
            """Templates iterate lists and print strings; a value of another type
            renders wrongly.

            Failing::

                meta: {..., "num_specs": "2", ...}

            Passing::

                meta: {..., "num_specs": 2, ...}
            """,
        ),
        StageCode(
            "CL103",
            "unexpected-key",
            "An unexpected key.",
            """An unknown key is usually a typo of a known one, whose value is then
            missing.

            Failing::

                spec_details: [{..., "targt": "zen4", ...}]

            Passing::

                spec_details: [{..., "target": "zen4", ...}]
            """,
        ),
        StageCode(
            "CL104",
            "pattern-mismatch",
            "A value does not match its pattern, enum, const.",
            """Hashes, compilers, versions and names have fixed shapes; a value of
            another shape is corrupt or was written by hand.

            Failing (a hash is 32 characters of lowercase base32)::

                spec_details: [{"hash": "ABC123", ...}]

            Passing::

                spec_details: [{"hash": "ulda3wxbktrgkjsc4pe7gn5nt62zibeq", ...}]
            """,
        ),
        StageCode(
            "CL105",
            "schema-violation",
            "Any other schema violation (bounds, ...).",
            """Counts are never negative, a spec has at least one version, and
            ``categories`` has exactly two entries.

            Failing::

                meta: {..., "num_specs": -1, ...}

            Passing::

                meta: {..., "num_specs": 0, ...}
            """,
        ),
        StageCode(
            "CL006",
            "limit-exceeded",
            "A page exceeds a resource limit (file size, nesting depth) and is not parsed.",
            """Limits keep hostile input from exhausting time or memory: pages over
            ``max-file-size`` (default 16 MiB) are not read, and front matter nesting
            deeper than ``max-depth`` (default 64 levels) is refused while parsing.

            Failing::

                meta: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]...

            Passing::

                meta: {"num_specs": 1}
            """,
        ),
        StageCode(
            "CL508",
            "site-data-malformed",
            "``_data/tags.yaml`` or ``_data/meta.yaml`` is malformed, or names a tag twice.",
            """The site reads its tags, the stacks of each tag and its totals from these
            files: one it cannot read breaks the build, and a tag named twice is shown
            twice with one of its stack lists lost. They are read like pages (the safe
            YAML parser: no tags, anchors or aliases, no duplicate keys) and checked
            against their own schemas (``cachelint schema tags``, ``cachelint schema
            site-meta``); the findings point into the file. The catalog rules that need
            a malformed file do not run (``--verbose`` says so). Reported whenever a
            checked page lies in the catalog, whatever part of it is checked.

            Failing (``_data/tags.yaml``)::

                - name: develop
                  stacks: [e4s, root]
                - name: develop
                  stacks: [e4s]

            Passing::

                - name: develop
                  stacks: [e4s, root]
            """,
        ),
        StageCode(
            "CL900",
            "rule-crashed",
            "A rule raised an exception while checking a page.",
            """The message names the rule, where it comes from (distribution and
            version), the page and the exception. The other rules and pages are
            still checked; the run ends with exit status 2, whatever the other
            findings and ``--exit-zero``: a broken tool is not a clean catalog. It
            can be neither ignored nor suppressed.

            Failing (a plugin rule that indexes a key older pages lack)::

                tarball = spec["tarball"]  # KeyError on pages without tarballs

            Passing::

                tarball = spec.get("tarball")
                if tarball is None:
                    continue
            """,
        ),
    )
}

# Codes that are reported unless explicitly ignored, whatever is selected:
# a page that cannot be read or parsed (CL001-CL009) was not checked at all.
ALWAYS_SELECTED_PREFIX = "CL00"
UNUSED_SUPPRESSION = "CL010"
INTERNAL_ERROR = "CL900"
