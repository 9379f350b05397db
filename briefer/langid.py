"""Which language a text is in: Google's Compact Language Detector 2 (``pycld2``).

The only module that imports pycld2. CLD2 is compiled C with its tables built in: nothing to
load or download, about 2 ms for an article, so detecting costs nothing at start-up.
"""

from __future__ import annotations

import re

import pycld2

from briefer import lang
from briefer.models import AUTO, LANGUAGES

SAMPLE_CHARS = 100_000
"""Characters read to tell the language: more adds time, not certainty."""

FALLBACK = lang.DEFAULT
QUIET_BELOW = 200
"""Characters under which an undetectable text is taken as English without a note."""
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Characters CLD2 refuses as "invalid UTF-8" (controls, C1, lone surrogates)."""


def detect(text: str) -> tuple[str | None, str | None]:
    """(the language briefer knows that ``text`` is in, or ``None``; CLD2's name for it).

    ``None, None``: CLD2 cannot tell (too short, mixed, not a language); ``None, "RUSSIAN"``:
    it is a language briefer does not know yet.
    """
    sample = _CONTROLS.sub(" ", text[:SAMPLE_CHARS]).encode("utf-8", "replace")
    try:
        reliable, _, details = pycld2.detect(sample, isPlainText=True)
    except pycld2.error:  # bytes CLD2 refuses: undecidable, not an error of the user's
        return None, None
    name, code, percent = details[0][0], details[0][1], details[0][2]
    if code == "un" or (not reliable and percent < 50):  # unknown, or mostly something else
        return None, None
    known = lang.by_code(code)
    return (None if known is None else known.name), name.lower()


def resolve(text: str, language: str) -> tuple[str, str | None]:
    """The language to brief ``text`` in, and a note for the brief when the reader should know.

    A language that was given is used as it is. ``auto``: the detected language if briefer
    knows it (a note names it unless it is English, which is what a reader expects); else
    English, with a note saying why and how to choose.
    """
    if language != AUTO:
        return language, None
    found, name = detect(text)
    if found is not None:
        note = None if found == FALLBACK else f"language: {found}, detected (--language sets it)"
        return found, note
    if name is not None:
        why = f"the text looks {name}, which briefer cannot brief yet"
    elif len(text) < QUIET_BELOW:
        return FALLBACK, None  # a line or two: no detector can tell, and the reader sees it
    else:
        why = "the language could not be told"
    return FALLBACK, f"{why}; briefed as {FALLBACK} (--language sets it; one of: " + (
        ", ".join(LANGUAGES) + ")"
    )
