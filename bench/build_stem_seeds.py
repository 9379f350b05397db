"""Build briefer/data/stems/<language>.tsv.gz: NLTK's Snowball stems of the commonest words.

Stemming is the cold-start cost of every sumy method on a long document: NLTK's Snowball
stemmer is pure Python, about 10 µs a word, and a 1,000-sentence report has ~4,500 distinct
words. briefer memoizes stems (rank.StemCache); these files seed that memo, so a long
document only stems the words that are not among the language's commonest.

The stems are computed here by the very stemmer briefer uses at run time (sumy's Stemmer over
NLTK's Snowball), so a seeded stem is always the stem NLTK would give. Each file records the NLTK
version that made it; briefer ignores a seed made by another NLTK version (and stems live).
The word lists come from wordfreq (general-purpose frequencies: Wikipedia, subtitles, news,
books, web), not from briefer's evaluation data.

    pip install -e '.[bench]'
    python bench/build_stem_seeds.py            # all Snowball languages, 30,000 words each
    python bench/build_stem_seeds.py --words 30000 --languages english
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "briefer" / "lang" / "stems"


def wordfreq_codes() -> dict[str, str]:
    """briefer's languages whose stemmer is NLTK's Snowball, with their wordfreq (ISO) codes;
    the others have stemmers of their own, or none."""
    from briefer import lang

    return {r.name: r.codes[0] for r in lang.records() if r.stemmer == "snowball"}


def build(language: str, words: int) -> Path:
    from importlib.metadata import version

    import wordfreq

    from briefer import rank
    from briefer.split import nltk_version

    stemmer = rank.stemmer(language)
    lines = [
        f"# nltk {nltk_version()} snowball {language}: stems of the {words} commonest words"
        f" (wordfreq {version('wordfreq')})"
    ]
    seen: set[str] = set()
    for word in wordfreq.top_n_list(wordfreq_codes()[language], words):
        word = word.lower()
        if word in seen or len(word.split()) != 1:
            continue
        stem = stemmer(word)
        if len(stem.split()) != 1:  # never seen; the file is whitespace-separated pairs
            continue
        seen.add(word)
        lines.append(f"{word}\t{stem}")
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{language}.tsv.gz"
    # mtime=0: the same stems give the same bytes, so rebuilding changes nothing in git
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), 9, mtime=0))
    print(f"{path.relative_to(ROOT)}: {len(lines) - 1} words, {path.stat().st_size:,} bytes")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--languages", default=",".join(wordfreq_codes()))
    args = parser.parse_args()
    for language in args.languages.split(","):
        build(language, args.words)


if __name__ == "__main__":
    main()
