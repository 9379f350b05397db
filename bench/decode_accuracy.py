"""Legacy-encoding decode accuracy: briefer's ``ingest.decode`` beside charset-normalizer's best.

Each text of the evaluation sets is re-encoded (cp1252 and Latin-1 by default; articles that
cannot be represented are skipped) and decoded again; a decode is right when it gives back
exactly the original text (line ends normalised to LF, as ``decode`` does). Pure-ASCII texts
decode as UTF-8 whatever the detector thinks, so the "non-ASCII" columns are the ones that
measure detection; "all" counts every representable text.

Some originals already hold mojibake ("CafÃ©", "hideâ€”and"): re-encoded, those lines are valid
UTF-8, and reading them as UTF-8 (giving "Café") is the right call, not the original text; a
C1 control in the original (U+0096 for a cp1252 dash) is read as the cp1252 character. They are
counted apart ("mojibake") and left out of the other columns.

The baseline is charset-normalizer's ``from_bytes(data).best()`` after strict UTF-8. With
``--before FILE`` (an older ``briefer/ingest/decode.py``, or ``briefer/ingest.py`` from before
the move, e.g. from ``git show REV:PATH``) that version's ``decode`` is measured too.

    python bench/decode_accuracy.py [--sets cnn_dev,bbc_dev,...] [--encodings cp1252,latin-1]
        [--before FILE] [--limit N] [--errors N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from charset_normalizer import from_bytes

from briefer.errors import InputError
from briefer.ingest import decode

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SETS = "cnn_dev,bbc_dev,cnn_train,bbc_train"
Decoder = Callable[[bytes], tuple[str | None, str]]


def _baseline(data: bytes) -> tuple[str | None, str]:
    """charset-normalizer's best guess alone, after strict UTF-8 (as a plain tool would do)."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        return (None, "none") if best is None else (str(best), best.encoding)


def _briefer(fn: Callable[[bytes], object]) -> Decoder:
    def run(data: bytes) -> tuple[str | None, str]:
        try:
            source = fn(data)
        except InputError as exc:
            return None, f"error: {exc}"
        return source.text, source.encoding  # type: ignore[attr-defined]

    return run


def _load(path: str) -> Decoder:
    spec = importlib.util.spec_from_file_location("briefer_ingest_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return _briefer(module.decode)


def _has_utf8_line(data: bytes) -> bool:
    """Whether a line with non-ASCII bytes is valid UTF-8 (the original holds mojibake)."""
    for line in data.splitlines():
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return True
    return False


def _texts(name: str, limit: int) -> list[str]:
    rows = [json.loads(line) for line in (EVAL / f"{name}.jsonl").open(encoding="utf-8")]
    texts = [r.get("article") or r.get("text") or "" for r in rows]
    return texts[:limit] if limit else texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=SETS)
    parser.add_argument("--encodings", default="cp1252,latin-1")
    parser.add_argument("--before", help="an older briefer/ingest/decode.py to measure beside")
    parser.add_argument("--limit", type=int, default=0, help="texts per set (0: all)")
    parser.add_argument("--errors", type=int, default=3, help="wrong decodes to show per row")
    args = parser.parse_args()
    systems: dict[str, Decoder] = {"baseline": _baseline}
    if args.before:
        systems["before"] = _load(args.before)
    systems["briefer"] = _briefer(decode)
    print(
        f"{'set':<14} {'encoding':<10} {'n':>5} {'non-ASCII':>9} {'mojibake':>8}  "
        + " ".join(f"{name:>17}" for name in systems)
        + f" {'briefer all':>11}  briefer s"
    )
    for name in args.sets.split(","):
        texts = _texts(name, args.limit)
        for encoding in args.encodings.split(","):
            _row(name, encoding, texts, systems, args.errors)


def _row(
    name: str, encoding: str, texts: list[str], systems: dict[str, Decoder], errors: int
) -> None:
    n = wide = mojibake = 0
    right: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    shown: list[str] = []
    seconds = 0.0
    for article in texts:
        expected = article.replace("\r\n", "\n").replace("\r", "\n")
        try:
            data = article.encode(encoding)
        except UnicodeEncodeError:
            continue
        if data.isascii():
            n += 1
            continue
        if _has_utf8_line(data) or any("\x80" <= ch <= "\x9f" for ch in article):
            mojibake += 1
            continue
        n += 1
        wide += 1
        for system, run in systems.items():
            start = time.process_time()
            text, got = run(data)
            if system == "briefer":
                seconds += time.process_time() - start
            if text == expected:
                right[system] += 1
            elif system == "briefer":
                wrong[got] += 1
                if len(shown) < errors and text is not None:
                    at = next(
                        (i for i, (a, b) in enumerate(zip(text, expected, strict=False)) if a != b),
                        min(len(text), len(expected)),
                    )
                    shown.append(f"    {got}: {text[max(0, at - 20) : at + 20]!r}")
    cells = " ".join(f"{f'{right[s]}/{wide} {_pct(right[s], wide)}':>17}" for s in systems)
    overall = _pct(right["briefer"] + n - wide, n)
    print(
        f"{name:<14} {encoding:<10} {n:>5} {wide:>9} {mojibake:>8}  {cells} {overall:>11}"
        f"  {seconds:9.1f}"
    )
    if wrong:
        print("    briefer wrong as: " + ", ".join(f"{k} {v}" for k, v in wrong.most_common()))
    for line in shown:
        print(line)


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}%" if n else "-"


if __name__ == "__main__":
    main()
