"""Text that is safe to show: escape sequences, controls and invisible characters blanked."""

from __future__ import annotations

import re

_ESCAPE = re.compile(
    r"""(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]     # CSI: ESC [ 31 m
      | (?:\x1b[]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)
                                             # OSC, DCS, SOS, PM, APC up to BEL or ST
      | \x1b[\x20-\x2f]*[\x30-\x7e]            # any other: ESC ( B, ESC 7, ESC c
    """,
    re.VERBOSE,
)
"""Terminal escape sequences (ECMA-48), 7-bit and C1 forms. An unterminated string sequence
leaves its text, harmless once the ESC is gone."""
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
"""Zero-width characters and bidirectional marks, embeddings, overrides and isolates: they hide
or reorder what a terminal shows ("Trojan Source")."""
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u2028\\u2029{_INVISIBLE}]")
_CONTROL_IN_LINE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{_INVISIBLE}]")
_ESCAPE_START = re.compile("[\\x1b\\x90-\\x9f]")
_SURROGATE = re.compile("[\\ud800-\\udfff]")


def sanitize(text: str) -> str:
    """Blank what a terminal would act on, keeping every offset valid: an article's clean text.

    Escape sequences (CSI, OSC, …) become as many spaces as they are long; control characters,
    zero-width characters and bidi controls become one space each. A CR before LF becomes a
    space; a lone CR (old Mac line ends) becomes LF. Tabs and line ends stay.
    """
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _CONTROL.sub(" ", _blank_escapes(text))


def neutralize(text: str) -> str:
    """One line of ``text`` that is safe to show anywhere: for ids, titles, file names, headers.

    As :func:`sanitize`, and line ends and tabs become spaces too, and a lone surrogate (which
    cannot be written as UTF-8) becomes U+FFFD; the length stays, so offsets stay valid.

    Args:
        text: any string, such as a record's id or a page's title.

    Returns:
        The string with every escape sequence, control, zero-width and bidi character replaced
        by spaces (one per character).
    """
    return _SURROGATE.sub("\ufffd", _CONTROL_IN_LINE.sub(" ", _blank_escapes(text)))


def _blank_escapes(text: str) -> str:
    if _ESCAPE_START.search(text) is None:
        return text
    return _ESCAPE.sub(lambda m: " " * len(m[0]), text)
