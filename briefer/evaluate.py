"""ROUGE evaluation of briefs against reference summaries. The only module that imports rouge_score.

Records are JSON objects ``{"id", "article", "reference"}`` (``reference``: one summary sentence
a line; an optional ``title`` is passed as :attr:`Options.title`). Every summary is made with
:func:`briefer.summarize`, so the scores measure exactly what users get.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefer import lang
from briefer.errors import (
    NO_NAMES,
    BrieferError,
    InputError,
    Setting,
    UsageError,
    os_error_reason,
    render,
)
from briefer.models import METHODS, Options

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")


@dataclass(frozen=True, slots=True)
class Record:
    """One article with its reference summary."""

    id: str
    article: str
    reference: str
    title: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be read or briefed: where it is and why."""

    line: int
    id: str | None
    message: str | tuple[str | Setting, ...]  # text, or its parts (see errors.Setting)

    def shown(self, names: Mapping[str, str] = NO_NAMES) -> str:
        """``line N (id): message``, options named by ``names`` (see :func:`errors.render`)."""
        where = f"line {self.line}" + (f" ({self.id})" if self.id else "")
        message = self.message if isinstance(self.message, str) else render(self.message, names)
        return f"{where}: {message}"

    def __str__(self) -> str:
        return self.shown()


@dataclass(frozen=True, slots=True)
class Scores:
    """ROUGE F1 of one summary, in percent."""

    rouge1: float
    rouge2: float
    rougeLsum: float  # the metric's own name, also the JSON key

    def to_dict(self) -> dict[str, float]:
        return {"rouge1": self.rouge1, "rouge2": self.rouge2, "rougeLsum": self.rougeLsum}


@dataclass(frozen=True, slots=True)
class Summary:
    """The sentences one method chose for one record, and their scores."""

    id: str
    method: str
    sentences: tuple[str, ...]
    scores: Scores

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "method": self.method, "sentences": list(self.sentences)}


@dataclass(frozen=True, slots=True)
class Result:
    """The mean scores of one method over ``n`` documents."""

    method: str
    rouge1: float
    rouge2: float
    rougeLsum: float
    n: int

    def to_dict(self) -> dict[str, float | int]:
        return {
            "rouge1": round(self.rouge1, 2),
            "rouge2": round(self.rouge2, 2),
            "rougeLsum": round(self.rougeLsum, 2),
            "n": self.n,
        }


def lowercase_flat(text: str) -> str:
    """The article lowercased with its paragraphs joined into one, as in lowercased CNN/DM sets."""
    return " ".join(text.lower().split())


def shuffle_paragraphs(text: str, seed: str) -> str:
    """The article's paragraphs in a random order (seeded), so that its lead is not the story."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    random.Random(seed).shuffle(paragraphs)
    return "\n\n".join(paragraphs)


def parse_methods(text: str) -> tuple[str, ...]:
    """``"default,lead"`` → ``("default", "lead")``; ``"all"`` is every method."""
    names = [m.strip() for m in text.split(",") if m.strip()]
    if names == ["all"]:
        return METHODS
    unknown = [m for m in names if m not in METHODS]
    if unknown or not names:
        raise UsageError(
            f"unknown method {', '.join(map(repr, unknown)) or '(none)'}; "
            f"choose from: {', '.join(METHODS)} (or all)"
        )
    return tuple(dict.fromkeys(names))


def read_records(path: str | Path) -> Iterator[Record | BadRecord]:
    """Every line of a JSONL file as a :class:`Record`, or a :class:`BadRecord` saying why not.

    Raises:
        InputError: the file cannot be read.
    """
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(os_error_reason(exc), source=str(path)) from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield parse_record(line, number)
        except UnicodeDecodeError:
            raise InputError(f"{path} is not UTF-8 text") from None


def parse_record(line: str, number: int = 0) -> Record | BadRecord:
    """One JSON line as a :class:`Record`, or a :class:`BadRecord`."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadRecord(number, None, f"not JSON: {exc.msg}")
    if not isinstance(obj, dict):
        return BadRecord(number, None, "a record must be a JSON object")
    rid = obj.get("id")
    rid = str(rid) if isinstance(rid, str | int) else None
    for key in ("article", "reference"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            return BadRecord(number, rid, f"{key!r} must be a non-empty string")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        return BadRecord(number, rid, "'title' must be a string")
    return Record(
        id=rid if rid is not None else f"line-{number}",
        article=obj["article"],
        reference=obj["reference"],
        title=title.strip() or None if title else None,
        line=number,
    )


class WordTokenizer:
    """rouge-score's tokenizer for a language other than English: lower-cased Unicode words
    (letters and digits of every script, where rouge-score's default keeps only ``a-z0-9``),
    words over three letters stemmed with the language's Snowball stemmer when its record
    (:mod:`briefer.lang`) names one, as rouge-score stems English; other languages (Turkish,
    Estonian, Slovene, and those stemmed by sumy's own stemmers) are compared unstemmed."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._stem: Callable[[str], str] | None = None
        record = lang.get(language)
        if record.stemmer == "snowball" and record.stemmer_name:
            from briefer.split import snowball_stemmer

            self._stem = snowball_stemmer(record.stemmer_name)

    def tokenize(self, text: str) -> list[str]:
        """The tokens ROUGE counts in ``text``."""
        words = _WORD.findall(text.lower())
        stem = self._stem
        return [stem(w) if stem and len(w) > 3 else w for w in words]


_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=8)
def _scorer(language: str) -> Any:
    from rouge_score import rouge_scorer

    if language == "english":
        return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=WordTokenizer(language))


def rouge(sentences: Sequence[str], reference: str, language: str = "english") -> Scores:
    """ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (percent) of summary sentences against a reference.

    Sentences are joined by newlines, which is how ROUGE-Lsum finds summary-level LCS. English
    is scored as rouge-score scores it (ASCII words, Porter stems); other languages with
    :class:`WordTokenizer`.
    """
    target = "\n".join(line.strip() for line in reference.splitlines() if line.strip())
    prediction = "\n".join(" ".join(s.split()) for s in sentences)
    result = _scorer(language).score(target, prediction)
    return Scores(*(100.0 * result[t].fmeasure for t in ROUGE_TYPES))


def summarize_record(record: Record, method: str, sentences: int, language: str) -> Summary:
    """Brief one record with one method and score it against its reference."""
    from briefer.brief import summarize

    options = Options(method=method, sentences=sentences, language=language, title=record.title)
    brief = summarize(record.article, options)
    chosen = tuple(p.sentence.text for p in brief.points)
    return Summary(record.id, method, chosen, rouge(chosen, record.reference, brief.language))


def evaluate_record(
    record: Record, methods: Sequence[str], sentences: int, language: str = "auto"
) -> list[Summary] | BadRecord:
    """Every method's summary of one record, or a :class:`BadRecord` when briefing fails."""
    try:
        return [summarize_record(record, m, sentences, language) for m in methods]
    except BrieferError as exc:
        source = () if exc.source is None else (f"{exc.source}: ",)
        return BadRecord(record.line, record.id, (*source, *exc.parts))


def _evaluate_one(args: tuple[Record, tuple[str, ...], int, str]) -> list[Summary] | BadRecord:
    return evaluate_record(*args)


def evaluate(
    records: Iterable[Record],
    methods: Sequence[str],
    sentences: int,
    *,
    language: str = "auto",
    jobs: int = 1,
) -> Iterator[list[Summary] | BadRecord]:
    """Evaluate records one by one (in input order), in ``jobs`` worker processes.

    Yields, for each record, every method's :class:`Summary` or a :class:`BadRecord`; a caller
    can advance a progress bar on each item and aggregate with :class:`Totals`.
    """
    work = ((r, tuple(methods), sentences, language) for r in records)
    if jobs <= 1:
        yield from map(_evaluate_one, work)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_evaluate_one, work, chunksize=4)


class Totals:
    """Running sums of the scores of each method; :meth:`results` gives the means."""

    def __init__(self, methods: Sequence[str]) -> None:
        self.methods = tuple(methods)
        self._sums = {m: [0.0, 0.0, 0.0] for m in self.methods}
        self._n = dict.fromkeys(self.methods, 0)

    def add(self, summary: Summary) -> None:
        sums = self._sums[summary.method]
        s = summary.scores
        sums[0] += s.rouge1
        sums[1] += s.rouge2
        sums[2] += s.rougeLsum
        self._n[summary.method] += 1

    def results(self) -> list[Result]:
        out = []
        for m in self.methods:
            n = self._n[m]
            r1, r2, rl = (x / n if n else 0.0 for x in self._sums[m])
            out.append(Result(m, r1, r2, rl, n))
        return out


def results_json(results: Sequence[Result]) -> str:
    """``{"method": {"rouge1", "rouge2", "rougeLsum", "n"}}`` as indented JSON."""
    return json.dumps({r.method: r.to_dict() for r in results}, indent=2) + "\n"


def run(
    path: Path,
    methods: Sequence[str],
    sentences: int,
    *,
    language: str = "auto",
    jobs: int = 1,
    on_summary: Callable[[Summary], None] | None = None,
    on_error: Callable[[BadRecord], None] | None = None,
) -> list[Result]:
    """Evaluate a JSONL file without a progress bar (for scripts and benchmarks)."""
    totals = Totals(methods)
    good: list[Record] = []
    for item in read_records(path):
        if isinstance(item, BadRecord):
            if on_error:
                on_error(item)
        else:
            good.append(item)
    for outcome in evaluate(good, methods, sentences, language=language, jobs=jobs):
        if isinstance(outcome, BadRecord):
            if on_error:
                on_error(outcome)
            continue
        for summary in outcome:
            totals.add(summary)
            if on_summary:
                on_summary(summary)
    return totals.results()
