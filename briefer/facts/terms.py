"""Key terms: salient lower-case content words that are not names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from briefer.models import Sentence, Term

_TERM_WORD = re.compile(r"[^\W\d_][\w-]{2,}")


def terms(
    sentences: Sequence[Sentence],
    stop_words: frozenset[str],
    exclude: Iterable[str] = (),
    limit: int = 8,
) -> list[Term]:
    """Salient lower-case content words, by frequency, not already among the names."""
    excluded = {w.lower() for n in exclude for w in n.split()}
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for s in sentences:
        for m in _TERM_WORD.finditer(s.text):
            w = m.group()
            if not w.islower() or w in stop_words or w in excluded or len(w) < 4:
                continue
            counts[w] += 1
            first.setdefault(w, s.index)
    ranked = sorted((w for w in counts if counts[w] > 1), key=lambda w: (-counts[w], first[w], w))
    return [Term(w, "term", counts[w], first[w]) for w in ranked[:limit]]
