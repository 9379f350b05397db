"""briefer: structured, traceable briefs of articles.

Public API::

    from briefer import summarize, Options
    brief = summarize(text, Options(sentences=3))
    brief.to_dict()   # the versioned JSON shape
"""

from __future__ import annotations

from briefer._env import single_threaded_blas
from briefer._version import __version__
from briefer.errors import BrieferError, ExitCode, InputError, NetworkError, UsageError
from briefer.models import (
    LANGUAGES,
    METHODS,
    SCHEMA_VERSION,
    Brief,
    Figure,
    Options,
    Point,
    Quote,
    Sentence,
    Stats,
    Term,
)

# One BLAS thread unless the user chose otherwise, set before numpy loads (briefer imports it
# only when a brief is ranked): the matrices are small, and extra threads only spin and fight
# the caller's own parallelism (measured: +46 % CPU for the same wall time).
single_threaded_blas()

__all__ = [
    "LANGUAGES",
    "METHODS",
    "SCHEMA_VERSION",
    "Brief",
    "BrieferError",
    "ExitCode",
    "Figure",
    "InputError",
    "NetworkError",
    "Options",
    "Point",
    "Quote",
    "Sentence",
    "Stats",
    "Term",
    "UsageError",
    "__version__",
    "split_sentences",
    "summarize",
]


def summarize(text: str, options: Options | None = None) -> Brief:
    """Brief an article (see :func:`briefer.brief.summarize`); heavy imports happen here."""
    from briefer.brief import summarize as _summarize

    return _summarize(text, options)


def split_sentences(text: str, language: str = "english") -> tuple[Sentence, ...]:
    """Split text into sentences with index, paragraph and character offsets."""
    from briefer.split import split_sentences as _split

    return _split(text, language)
