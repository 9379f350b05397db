"""Lead-N: the article's own order as scores."""

from __future__ import annotations

from briefer.models import Document


def lead_scores(doc: Document) -> list[float]:
    """Lead-N as scores: earlier sentences score higher."""
    n = len(doc.sentences)
    return [1.0 - i / n for i in range(n)]
