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
    first: dict[str, int] = {}  # the sentence each word is first met in
    for s in reversed(sentences):  # an earlier sentence overwrites a later one's index
        found = _TERM_WORD.findall(s.text)
        counts.update(found)
        first.update(dict.fromkeys(found, s.index))
    ranked = sorted(
        (
            w
            for w, n in counts.items()
            if n > 1 and w.islower() and w not in stop_words and w not in excluded and len(w) >= 4
        ),
        key=lambda w: (-counts[w], first[w], w),
    )
    return [Term(w, "term", counts[w], first[w]) for w in ranked[:limit]]
