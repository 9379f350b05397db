"""Sentence-boundary evaluation: briefer's splitter against plain NLTK Punkt, in one run.

Prints boundary precision/recall/F1 on UD English GUM (overall and per genre) and exact-match
accuracy on the 48 golden cases, for briefer and for Punkt on the raw text. pysbd, sentencex
and syntok are compared too when they happen to be installed (never a dependency of briefer).

With ``--language`` it scores the UD dev pseudo-documents of other languages instead
(``../shared/eval/sbd_{de,fr,es,ru,it}_dev.jsonl``, found by the language's code), briefer
splitting in that language against NLTK Punkt's own model of it; several languages give one
table, a row per language and system (the golden cases are English and are left out):

    python bench/sbd_eval.py --language german french spanish russian italian

Boundaries are compared as positions in the text with whitespace ignored: a sentence that ends
after the n-th non-whitespace character of the text is the boundary ``n``. Only internal
boundaries count (the end of the text is not one), so every system is judged on the same set
whatever it does with leading or trailing whitespace.

    python bench/sbd_eval.py [--gum PATH] [--golden PATH] [--errors N] [--language NAME ...]
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
GUM = EVAL / "sbd_gum_dev.jsonl"
GOLDEN = ROOT / "tests" / "data" / "sbd" / "sbd_golden_en.jsonl"

Splitter = Callable[[str], list[str]]


def nonspace_prefix(text: str) -> list[int]:
    """``out[i]`` is the number of non-whitespace characters in ``text[:i]``."""
    out = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            n += 1
        out[i + 1] = n
    return out


def boundaries_of_sentences(text: str, sentences: Iterable[str]) -> set[int]:
    """Internal boundaries of sentences whose concatenation is ``text`` up to whitespace."""
    total = sum(1 for ch in text if not ch.isspace())
    out: set[int] = set()
    n = 0
    for sentence in sentences:
        n += sum(1 for ch in sentence if not ch.isspace())
        if 0 < n < total:
            out.add(n)
    if n != total:
        raise ValueError(f"sentences hold {n} non-space characters, text holds {total}")
    return out


def boundaries_of_ends(prefix: Sequence[int], ends: Iterable[int]) -> set[int]:
    """Internal boundaries of sentences given by their end offsets into the text."""
    total = prefix[-1]
    return {prefix[e] for e in ends if 0 < prefix[e] < total}


def load(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def splitters(
    language: str = "english",
) -> dict[str, tuple[Splitter, Callable[[str], list[int]]]]:
    """name -> (texts of the sentences, end offsets of the sentences), for each system."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from punkt.data import load_module

    from briefer import lang, split

    record = lang.get(language)
    code = record.codes[0] if record.codes else "en"
    model = load_module(record.punkt)  # the baseline: NLTK's own model, nothing added
    params = PunktParameters()
    params.abbrev_types = set(model.ABBREV_TYPES)
    params.collocations = set(model.COLLOCATIONS)
    params.sent_starters = set(model.SENT_STARTERS)
    params.ortho_context.update(model.ORTHO_CONTEXT)
    punkt = PunktSentenceTokenizer(params)

    def briefer_ends(text: str) -> list[int]:
        return [s.end for s in split.split_sentences(text, language)]

    def punkt_ends(text: str) -> list[int]:
        return [e for _s, e in punkt.span_tokenize(text)]

    systems: dict[str, tuple[Splitter, Callable[[str], list[int]]]] = {
        "briefer": (lambda t: [s.text for s in split.split_sentences(t, language)], briefer_ends),
        "punkt (raw)": (lambda t: list(punkt.tokenize(t)), punkt_ends),
    }
    try:
        import pysbd  # type: ignore[import-untyped,import-not-found,unused-ignore]

        seg = pysbd.Segmenter(language=code, clean=False, char_span=False)
        systems["pysbd"] = (lambda t: [str(s) for s in seg.segment(t)], _ends_by_search(seg))
    except ImportError:
        pass
    try:
        import sentencex  # type: ignore[import-untyped,import-not-found,unused-ignore]

        def sx(t: str) -> list[str]:
            return list(sentencex.segment(code, t))

        systems["sentencex"] = (sx, _ends_from_texts(sx))
    except ImportError:
        pass
    try:
        from syntok import segmenter  # type: ignore[import-untyped,import-not-found,unused-ignore]

        def st(t: str) -> list[str]:
            out: list[str] = []
            for paragraph in segmenter.analyze(t):
                for sentence in paragraph:
                    out.append("".join(tok.spacing + tok.value for tok in sentence).strip())
            return out

        systems["syntok"] = (st, _ends_from_texts(st))
    except ImportError:
        pass
    return systems


def _ends_from_texts(split: Splitter) -> Callable[[str], list[int]]:
    """End offsets of sentences that are substrings of the text (matched on non-space chars)."""

    def ends(text: str) -> list[int]:
        prefix = nonspace_prefix(text)
        out: list[int] = []
        n = 0
        for sentence in split(text):
            n += sum(1 for ch in sentence if not ch.isspace())
            out.append(bisect.bisect_left(prefix, n))
        return out

    return ends


def _ends_by_search(seg: object) -> Callable[[str], list[int]]:
    def ends(text: str) -> list[int]:
        return _ends_from_texts(lambda t: [str(s) for s in seg.segment(t)])(text)  # type: ignore[attr-defined]

    return ends


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def gum_scores(
    records: list[dict[str, object]], ends: Callable[[str], list[int]], errors: int = 0
) -> tuple[dict[str, tuple[int, int, int]], float]:
    """genre -> (tp, fp, fn), with "all" for the whole set; and the seconds spent splitting."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    spent = 0.0
    shown = 0
    for rec in records:
        text = str(rec["text"])
        gold = boundaries_of_sentences(text, rec["sentences"])  # type: ignore[arg-type]
        t0 = time.perf_counter()
        got_ends = ends(text)
        spent += time.perf_counter() - t0
        prefix = nonspace_prefix(text)
        got = boundaries_of_ends(prefix, got_ends)
        tp, fp, fn = len(gold & got), len(got - gold), len(gold - got)
        for key in ("all", str(rec.get("genre", "all"))):
            c = counts[key]
            c[0] += tp
            c[1] += fp
            c[2] += fn
        if shown < errors:
            for kind, wrong in (("FP", got - gold), ("FN", gold - got)):
                for b in sorted(wrong):
                    if shown >= errors:
                        break
                    i = bisect.bisect_left(prefix, b)
                    ctx = text[max(0, i - 60) : i] + " ‖ " + text[i : i + 40]
                    print(f"  {kind} {rec['id']}: {ctx!r}")
                    shown += 1
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}, spent


def golden_score(
    records: list[dict[str, object]], split: Splitter, show: bool = False
) -> tuple[int, int]:
    ok = 0
    for rec in records:
        got = [s.strip() for s in split(str(rec["text"])) if s.strip()]
        if got == rec["sentences"]:
            ok += 1
        elif show:
            print(f"  golden {rec['id']} ({rec['rule']}): {got!r}")
    return ok, len(records)


def languages(names: list[str], only: str | None = None) -> int:
    """Boundary P/R/F1 of every system on each language's UD dev pseudo-documents."""
    from briefer import lang

    print(f"{'language':<11} {'system':<12} {'docs':>5} {'P':>6} {'R':>6} {'F1':>6} {'seconds':>8}")
    for name in names:
        record = lang.get(name)
        path = EVAL / f"sbd_{record.codes[0]}_dev.jsonl"
        if not path.exists():
            print(f"no data for {name} at {path}", file=sys.stderr)
            continue
        docs = load(path)
        systems = splitters(record.name)
        for system, (_split, ends) in systems.items():
            if only and system != only:
                continue
            scores, spent = gum_scores(docs, ends)
            p, r, f = prf(*scores["all"])
            cells = f"{len(docs):>5} {p:6.1f} {r:6.1f} {f:6.1f} {spent:8.2f}"
            print(f"{record.name:<11} {system:<12} {cells}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gum", type=Path, default=GUM)
    parser.add_argument("--golden", type=Path, default=GOLDEN)
    parser.add_argument("--errors", type=int, default=0, help="print up to N GUM errors (briefer)")
    parser.add_argument("--only", help="evaluate this system only")
    parser.add_argument(
        "--language",
        nargs="+",
        metavar="NAME",
        help="score ../shared/eval/sbd_<code>_dev.jsonl of each language instead of GUM",
    )
    args = parser.parse_args(argv)
    if args.language:
        return languages(args.language, args.only)

    gum = load(args.gum) if args.gum.exists() else []
    golden = load(args.golden) if args.golden.exists() else []
    if not gum:
        print(f"no GUM data at {args.gum}", file=sys.stderr)
    systems = splitters()
    if args.only:
        systems = {args.only: systems[args.only]}
    genres = sorted({str(r["genre"]) for r in gum})
    rows: list[tuple[str, dict[str, tuple[int, int, int]], float, tuple[int, int]]] = []
    for name, (split, ends) in systems.items():
        show = args.errors > 0 and name == "briefer"
        scores, spent = gum_scores(gum, ends, args.errors if show else 0)
        rows.append((name, scores, spent, golden_score(golden, split, show)))

    print(f"GUM dev: {len(gum)} documents; golden: {len(golden)} cases\n")
    header = f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'golden':>8} {'seconds':>8}"
    print(header)
    for name, scores, spent, (ok, n) in rows:
        p, r, f = prf(*scores.get("all", (0, 0, 0)))
        gold = f"{100 * ok / n:.1f}%" if n else "-"
        print(f"{name:<12} {p:6.1f} {r:6.1f} {f:6.1f} {gold:>8} {spent:8.2f}")
    if genres:
        print("\nF1 per genre")
        print(f"{'genre':<13}" + "".join(f"{name[:11]:>12}" for name, *_ in rows))
        for g in genres:
            cells = "".join(f"{prf(*scores[g])[2]:12.1f}" for _n, scores, *_ in rows)
            print(f"{g:<13}{cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
