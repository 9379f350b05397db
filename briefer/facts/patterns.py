"""Word lists as regular expressions that the standard ``re`` engine scans quickly."""

from __future__ import annotations

import re
from collections.abc import Iterable

_Node = dict[str, "_Node"]


def class_body(chars: Iterable[str]) -> str:
    """``chars`` as the inside of a character class, in ranges ("A-ZÀ-ÖØ-Þ…"): the same set as
    the characters one by one, at half the length, which is what ``re`` parses a class by."""
    points = sorted(set(map(ord, chars)))
    runs: list[tuple[int, int]] = []
    for p in points:
        if runs and runs[-1][1] == p - 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return "".join(
        re.escape(chr(a)) + ("" if b == a else ("" if b == a + 1 else "-") + re.escape(chr(b)))
        for a, b in runs
    )


def alternation(items: Iterable[str], apostrophes: bool = False) -> str:
    """A pattern matching any of ``items``, the longest first where one is a prefix of another.

    It matches exactly what ``"|".join(sorted(map(re.escape, items), key=len, reverse=True))``
    matches, with the same preference, but as a trie ("s(?:even|ix(?:t(?:een|y))?)"): ``re``
    tries one branch per character instead of every word at every position of the text, and
    the pattern is shorter to compile. With ``apostrophes``, ' and ’ in a word each match
    either.
    """
    tree: _Node = {}
    for word in items:
        node = tree
        for ch in word.replace("’", "'") if apostrophes else word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _emit(tree, apostrophes)


def _emit(node: _Node, apostrophes: bool) -> str:
    branches = [
        ("['’]" if apostrophes and ch == "'" else re.escape(ch)) + _emit(sub, apostrophes)
        for ch, sub in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    # a word ends here and longer ones go on: the longer are tried first (greedy ?)
    return f"{body}?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"


def first_characters(items: Iterable[str]) -> str:
    """A character class (without brackets) of the characters the items begin with."""
    return re.escape("".join(sorted({w[0] for w in items if w})))
