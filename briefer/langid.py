"""Which language a text is in: Google's Compact Language Detector 2 (``pycld2``).

The only module that imports pycld2. CLD2 is compiled C with its tables built in: nothing to
load or download, about 2 ms for an article, so detecting costs nothing at start-up.
"""

from __future__ import annotations

import re

import pycld2

from briefer import lang
from briefer.errors import Setting, UsageError
from briefer.models import AUTO, LANGUAGES

SAMPLE_CHARS = 100_000
"""Characters read to tell the language: more adds time, not certainty."""

FALLBACK = lang.DEFAULT
QUIET_BELOW = 200
"""Characters under which an undetectable text is taken as English without a note."""
SURE = 80
"""Percent of the text CLD2 must give one language (and call it reliable) for the detection to
go without a word of doubt; under it the note says "low confidence" (a mixed or short text)."""
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Characters CLD2 refuses as "invalid UTF-8" (controls, C1, lone surrogates)."""


def detect(text: str) -> tuple[str | None, str | None]:
    """(the language briefer knows that ``text`` is in, or ``None``; CLD2's name for it).

    ``None, None``: CLD2 cannot tell (too short, mixed, not a language); ``None, "hungarian"``:
    it is a language briefer does not know.
    """
    found, name, _ = detect_with_confidence(text)
    return found, name


def detect_with_confidence(text: str) -> tuple[str | None, str | None, int]:
    """As :func:`detect`, with CLD2's confidence: the percent of the text in that language, or
    0 when CLD2 calls the detection unreliable."""
    sample = _CONTROLS.sub(" ", text[:SAMPLE_CHARS]).encode("utf-8", "replace")
    try:
        reliable, _, details = pycld2.detect(sample, isPlainText=True)
    except pycld2.error:  # bytes CLD2 refuses: undecidable, not an error of the user's
        return None, None, 0
    name, code, percent = details[0][0], details[0][1], details[0][2]
    if code == "un" or (not reliable and percent < 50):  # unknown, or mostly something else
        return None, None, 0
    known = lang.by_code(code)
    return (None if known is None else known.name), name.lower(), int(percent) if reliable else 0


def resolve(text: str, language: str) -> tuple[str, str | None]:
    """The language to brief ``text`` in, and a note for the brief when the reader should know.

    A language that was given is used as it is. ``auto``: the detected language if briefer
    knows it (a note names it with CLD2's confidence unless it is English detected with
    confidence, which is what a reader expects; a low confidence is always said); English when
    no language can be told (with a note unless the text is a line or two).

    Raises:
        UsageError: the text is in a language that briefer cannot brief (it names it and the
            languages briefer has); giving a language briefs it anyway.
    """
    if language != AUTO:
        return language, None
    found, name, percent = detect_with_confidence(text)
    choices = ", ".join(LANGUAGES)
    if found is not None:
        if percent < SURE:
            shown = f"{percent}%" if percent else "unreliable"
            return found, (
                f"language: {found}, detected with low confidence ({shown}: a mixed or short "
                "text?; the language option sets it)"
            )
        note = (
            None
            if found == FALLBACK
            else f"language: {found}, detected (the language option sets it)"
        )
        return found, note
    if name is not None:
        raise UsageError(
            [
                f"the text looks {name}, which briefer cannot brief; ",
                Setting("language"),
                f" briefs it as one of: {choices}",
            ]
        )
    if len(text) < QUIET_BELOW:
        return FALLBACK, None  # a line or two: no detector can tell, and the reader sees it
    return FALLBACK, (
        f"the language could not be told; briefed as {FALLBACK} (the language option sets it; "
        f"one of: {choices})"
    )
