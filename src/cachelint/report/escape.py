"""Text from the checked repository, made safe for where it is written.

File names and values inside pages belong to whoever wrote the pull request.
Written raw, a name holding ``\\n::add-mask::x`` starts a GitHub workflow
command, ``\\x1b]8;;...`` drives the terminal, and a lone surrogate (a name
that is not UTF-8) breaks XML. Every reporter and every informational line
goes through one of these functions:

- :func:`terminal_text`: controls, line breaks, bidi overrides and lone
  surrogates shown as backslash escapes (``\\n``, ``\\x1b``, ``\\u202e``, ``\\udce9``);
- :func:`terminal_path`: the same, and never starting a line with ``::``
  (GitHub trims leading white space before looking for a command);
- :func:`workflow_data` / :func:`workflow_property`: the escaping of the
  Actions toolkit (``%``, CR, LF; ``:`` and ``,`` in properties), over terminal text;
- :func:`xml_text`: characters XML 1.0 forbids become U+FFFD;
- :func:`markdown_cell`: literal text in a Markdown table cell;
- :func:`json_safe`: JSON text with the same characters as ``\\uXXXX`` escapes,
  so the value decodes to the exact name and no raw control reaches a terminal.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Bidirectional controls reorder what a reader sees (CVE-2021-42574, "Trojan Source").
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_BIDI}]")


def _backslash(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def terminal_text(text: str) -> str:
    """``text`` on one line, with nothing a terminal or a CI log would act on."""
    return _UNSAFE.sub(_backslash, text)


def terminal_path(path: str) -> str:
    """A path as :func:`terminal_text`, prefixed with ``./`` where it could open a command."""
    shown = terminal_text(path)
    first = shown[:1]
    if first and (first == ":" or first.isspace() or _is_space_separator(first)):
        return "./" + shown
    return shown


def _is_space_separator(char: str) -> bool:
    if char.isascii():
        return False  # the one ASCII space separator, " ", is white space
    import unicodedata  # not for the common path, which starts with an ASCII character

    return unicodedata.category(char) == "Zs"


def workflow_data(text: str) -> str:
    """A workflow command's message (after ``::``)."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal_text(escaped)


def workflow_property(text: str) -> str:
    """A workflow command's property value (``file=...``)."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


# The patterns below are compiled on first use (re keeps them): only the formats
# that need them pay for them, not a hook's one-page run in the terminal.

# XML 1.0 cannot hold these characters at all, not even as references.
# C1 controls and DEL are allowed but "discouraged", and would drive a terminal;
# U+2028/U+2029 would end a line for some readers of the report.
_NOT_XML = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]"


def xml_text(text: str) -> str:
    """Text XML 1.0 can carry: what it forbids, C1 controls and U+2028/9 become U+FFFD."""
    return re.sub(_NOT_XML, "\ufffd", text)


_MARKDOWN_SPECIALS = r"([\\`*_{}\[\]()#+!|~])"
_LINE_BREAK = "\r\n|\r|\n"


def markdown_cell(text: str) -> str:
    """Text that renders literally inside a Markdown table cell; line breaks become ``<br>``."""
    return "<br>".join(_markdown_line(line) for line in re.split(_LINE_BREAK, text))


def _markdown_line(text: str) -> str:
    import html  # the GitHub summary only

    return re.sub(_MARKDOWN_SPECIALS, r"\\\1", html.escape(terminal_text(text), quote=False))


# Outside JSON's own escapes: C1 controls, DEL, line separators, bidi controls, surrogates.
_JSON_UNSAFE = f"[\x7f-\x9f\u2028\u2029\ud800-\udfff{_BIDI}]"


def json_safe(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with no raw unsafe character.

    These characters can only occur inside strings, where ``\\uXXXX`` means the
    same character: the document decodes to the same values.
    """
    return re.sub(_JSON_UNSAFE, lambda match: f"\\u{ord(match.group()):04x}", dumped)
