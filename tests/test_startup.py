"""NLTK's light import (briefer.split.nltk_modules) gives the briefs of the plain import, falls
back to the plain import when it must, and leaves a later ``import nltk`` whole; a default brief
imports only what it needs. Each case runs in a fresh interpreter: the import is once a process.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from briefer.cli import app
from briefer.cli.app import TYPER_MADE_FOR, PlainValues
from briefer.split.nltk_modules import MADE_FOR, SWITCH

from .conftest import ROOT, SAMPLES

BRIEFER = [sys.executable, "-m", "briefer"]

BRIEFS = """
import json, sys
from pathlib import Path
import briefer
from briefer.split import document, word_tokens, snowball_stemmer
from briefer.split.nltk_modules import nltk_modules

out = {}
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    out[path.name] = {
        method: briefer.summarize(text, briefer.Options(method=method)).to_dict()
        for method in ("default", "lexrank")
    }
    out[path.name]["words"] = [word_tokens(s.text) for s in briefer.split_sentences(text)]
out["french"] = briefer.summarize(
    "Le président a parlé lundi. Il a dit que le pays va bien. Les ministres ont applaudi. "
    "La séance a été levée à midi.", briefer.Options(language="french", sentences=2)
).to_dict()
out["stems"] = [snowball_stemmer("german")(w) for w in ("Häuser", "laufen", "Bücher")]
modules = nltk_modules()
print(json.dumps({"briefs": out, "light": modules.light, "version": modules.version}))
"""

LATER_IMPORT = """
import sys
import briefer
from briefer.split.nltk_modules import nltk_modules

brief = briefer.summarize(open(sys.argv[1], encoding="utf-8").read())
assert nltk_modules().light
assert not [m for m in sys.modules if m == "nltk" or m.startswith("nltk.")], "left in sys.modules"

import nltk  # a user's own, complete import, after briefer's
import nltk.tokenize.punkt
from nltk.tokenize import TreebankWordTokenizer, word_tokenize
from nltk.corpus import stopwords
from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer

assert nltk.__version__ == nltk_modules().version
assert word_tokenize("Mr. Smith didn't go.", preserve_line=True) == [
    "Mr.", "Smith", "did", "n't", "go", "."
]
assert nltk.tokenize.punkt.PunktSentenceTokenizer().tokenize("One. Two.") == ["One.", "Two."]
assert TreebankWordTokenizer().tokenize("a b") == ["a", "b"]
assert Stemmer("english")("running") == "run"
assert type(stopwords).__name__ == "LazyCorpusLoader"
assert "nltk.corpus.reader.wordnet" in sys.modules and "nltk.chunk" in sys.modules
again = briefer.summarize(open(sys.argv[1], encoding="utf-8").read())
assert again == brief

def stopwords_outcome(module):  # the corpus loader behind ignore_stopwords, read in full
    try:
        return sorted(module.EnglishStemmer(ignore_stopwords=True).stopwords)
    except LookupError as exc:  # no NLTK data installed: the same error both ways
        return type(exc).__name__

assert stopwords_outcome(nltk_modules().snowball) == stopwords_outcome(nltk.stem.snowball)
print("ok")
"""


def _python(code: str, *args: str, plain: bool = False) -> str:
    env = {k: v for k, v in os.environ.items() if k != SWITCH}
    if plain:
        env[SWITCH] = "plain"
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


needs_made_for = pytest.mark.skipif(
    importlib.metadata.version("nltk") != MADE_FOR,
    reason=f"the light import is made for NLTK {MADE_FOR}: the plain import is used",
)


@needs_made_for
def test_light_and_plain_imports_give_the_same_briefs() -> None:
    light = json.loads(_python(BRIEFS, str(SAMPLES)))
    plain = json.loads(_python(BRIEFS, str(SAMPLES), plain=True))
    assert (light["light"], plain["light"]) == (True, False)
    assert light["version"] == plain["version"] == MADE_FOR
    assert light["briefs"] == plain["briefs"]
    assert len(light["briefs"]) == len(list(SAMPLES.glob("*.txt"))) + 2


@needs_made_for
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_command_prints_the_same_both_ways(fmt: str) -> None:
    sample = str(SAMPLES / "fidan-paris-visit.txt")
    code = "from briefer.__main__ import main; main()"
    light = _python(code, "-f", fmt, sample)
    assert light == _python(code, "-f", fmt, sample, plain=True)
    assert light.strip()


@needs_made_for
def test_a_later_import_of_nltk_is_whole() -> None:
    assert _python(LATER_IMPORT, str(SAMPLES / "fidan-paris-visit.txt")).strip() == "ok"


FALLBACK = """
import sys
import briefer.split.nltk_modules as nm
{setup}
modules = nm.nltk_modules()
import nltk  # already whole: the plain import ran nltk/__init__.py
print(modules.light, "nltk.chunk" in sys.modules, modules.punkt is sys.modules["nltk.tokenize.punkt"],
      modules.version == nltk.__version__)
"""

BROKEN = """
import importlib.abc

class Broken(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        nltk = sys.modules.get("nltk")
        if name == "nltk.stem.snowball" and not hasattr(nltk, "__version__"):
            raise ImportError("broken under the stand-in")
        return None

sys.meta_path.insert(0, Broken())
"""


@pytest.mark.parametrize(
    "setup",
    [
        pytest.param("nm.MADE_FOR = '0.0'", id="another-release"),
        pytest.param(
            "nm.installed_version = lambda package_dir: '3.9.9'",
            id="metadata-says-another",
        ),
        pytest.param("import nltk", id="nltk-imported-already"),
        pytest.param(BROKEN, id="a-module-fails-under-the-stand-ins"),
        pytest.param(f"import os; os.environ[{SWITCH!r}] = 'plain'", id="switched-off"),
    ],
)
def test_the_plain_import_is_taken_when_the_light_one_is_not_safe(setup: str) -> None:
    assert _python(FALLBACK.format(setup=setup)).split() == ["False", "True", "True", "True"]


def test_the_installed_version_is_read_from_the_one_distributions_metadata(
    tmp_path: Path,
) -> None:
    from briefer.split.nltk_modules import installed_version

    package = tmp_path / "nltk"
    package.mkdir()
    assert installed_version(str(package)) is None  # no distribution: no light import
    info = tmp_path / "nltk-3.9.9.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: nltk\nVersion: 3.9.9\n\nVersion: 1.0 in the text\n"
    )
    assert installed_version(str(package)) == "3.9.9"
    (tmp_path / "NLTK-3.10.4.dist-info").mkdir()  # a mixed install
    assert installed_version(str(package)) is None


DEFAULT_BRIEF = """
import contextlib, io, sys
sys.argv = ["briefer", sys.argv[1]]
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        from briefer.__main__ import main
        main()
    except SystemExit as exc:
        assert exc.code == 0, exc.code
assert out.getvalue().strip()
print(" ".join(sorted(sys.modules)))
"""


@needs_made_for
def test_a_default_brief_imports_only_what_it_needs() -> None:
    loaded = set(_python(DEFAULT_BRIEF, str(SAMPLES / "fidan-paris-visit.txt")).split())
    assert "nltk" not in loaded  # the light import leaves nothing behind
    unneeded = {"scipy", "sumy.utils", "sumy.nlp.tokenizers", "requests", "urllib3", "jinja2"}
    unneeded |= {"babel", "babel.dates"}  # the records hold their locales' number symbols
    unneeded |= {"http.client", "urllib.request", "ssl", "email", "importlib.metadata"}
    if typer.__version__ == TYPER_MADE_FOR:  # Typer's coercion of the defaults, without pydantic
        unneeded |= {"pydantic", "typer._adapters"}
    assert unneeded.isdisjoint(loaded)
    assert not {m for m in loaded if m.startswith("briefer.batch")}


VALUES = (
    None, "", "0", "3", "007", "-1", "+2", " 4", "1_000", "3.5", "2.", ".5", "1e3", "nan", "abc",
    "12345678901234567890", 5, 5.0, True, False, "auto", "AUTO", "default", "lexrank", "json",
    "any", "public", "file.txt", b"bytes", (), ("a.txt", "b.txt"), ["x"], ("3", "x"),
)  # fmt: skip


def _outcome(coerce: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the same error, with the same message
        return type(exc).__name__, str(exc)


@pytest.mark.skipif(
    typer.__version__ != TYPER_MADE_FOR, reason="another Typer: its own coercion is used"
)
def test_plain_values_are_typers_values_for_every_parameter() -> None:
    """The pydantic-free coercion of the command's parameters (briefer.cli.app.PlainValues)
    gives what Typer's own gives, value for value, error for error."""
    command = typer.main.get_command(app)
    checked = 0
    for sub in [command, *command.commands.values()]:  # type: ignore[attr-defined]
        ctx = typer.Context(sub)
        for param in [*sub.params, sub.get_help_option(ctx)]:
            plain = param.get_runtime_param()
            assert isinstance(plain, PlainValues), param.name
            for value in VALUES:
                ours = _outcome(plain.coerce, value, param, ctx)
                theirs = _outcome(plain.typer().coerce, value, param, ctx)
                assert repr(ours) == repr(theirs), (sub.name, param.name, value)  # nan == nan
                assert type(ours[1]) is type(theirs[1]), (sub.name, param.name, value)
                checked += 1
    assert checked > 1500


DEFERRED_CALL = """
import sys
from briefer.split.nltk_modules import nltk_modules
modules = nltk_modules()
assert modules.light
util = modules.punkt.TokenizerI.span_tokenize.__globals__["string_span_tokenize"].__globals__
assert "xml.sax.saxutils" not in sys.modules  # deferred by the light import
print(util["xml_escape"]("a<b&c"), util["unescape"]("&lt;"), "xml.sax.saxutils" in sys.modules)
"""


@needs_made_for
def test_a_deferred_module_is_imported_when_a_function_of_it_is_called() -> None:
    """NLTK's xml_escape still works: its saxutils functions load the real module on call."""
    assert _python(DEFERRED_CALL).split() == ["a&lt;b&amp;c", "<", "True"]


DEFERRED_NLTK_CALL = """
import sys
from briefer.split.nltk_modules import nltk_modules
modules = nltk_modules()
assert modules.light
assert not [m for m in sys.modules if m.startswith("nltk")]
assert "pickle" not in sys.modules and "xml.etree" not in sys.modules  # none of them loaded
counts = modules.punkt.FreqDist()  # what PunktTrainer makes: the full NLTK is imported now
counts.update("abracadabra")
print(type(counts).__module__, counts["a"], counts.N(), "nltk.probability" in sys.modules)
trainer = modules.punkt.PunktTrainer("One sentence here. And another one here.")
print(type(trainer._type_fdist).__name__, sum(trainer._type_fdist.values()) > 0)
"""


@needs_made_for
def test_nltks_deferred_modules_are_the_real_ones_once_used() -> None:
    """FreqDist (nltk.probability) and the rest of what Punkt's trainer needs load on first
    use, as the real classes: Punkt still trains."""
    assert _python(DEFERRED_NLTK_CALL).split() == [
        "nltk.probability", "5", "11", "True", "FreqDist", "True",
    ]  # fmt: skip


DEFERRED_PATTERNS = """
import sys
from briefer.split.nltk_modules import DeferredPattern, nltk_modules, stdlib_copy
modules = nltk_modules()
assert modules.light and "regex" not in sys.modules
tokenizer = modules.words.NLTKWordTokenizer
held = [p for name in ("STARTING_QUOTES", "PUNCTUATION", "CONVERT_PARENTHESES", "ENDING_QUOTES")
        for p, _ in getattr(tokenizer, name)]
held += [tokenizer.PARENS_BRACKETS[0], tokenizer.DOUBLE_DASHES[0]]
assert all(type(p).__name__ == "Pattern" for p in tokenizer.CONTRACTIONS2)  # NLTK's re ones
lang_vars = modules.punkt.PunktLanguageVars()
held += [lang_vars._word_tokenizer_re(), lang_vars.period_context_re(),
         modules.punkt.PunktLanguageVars.re_boundary_realignment, modules.punkt._re_non_punct]
token = modules.punkt.PunktToken
held += [token._RE_ELLIPSIS, token._RE_NUMERIC, token._RE_INITIAL, token._RE_ALPHA]
assert all(isinstance(p, DeferredPattern) for p in held), [type(p) for p in held]
copies = [stdlib_copy(p) for p in held]  # from the deferred source and flags
assert "regex" not in sys.modules
text = "He said, \\"I can't -- won't...\\" (at 3 p.m.) [ok] Dr. Smith's café U.S. 1.5 ...?"
for p, copy in zip(held, copies):
    real = p.compiled()
    assert type(real).__name__ == "TimedPattern" and real.pattern == p.source
    assert stdlib_copy(real) == copy, p.source  # what the copy would be from NLTK's pattern
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in real.finditer(text)]
print(len(held), "regex" in sys.modules)
"""


@needs_made_for
def test_nltks_patterns_are_compiled_by_its_redos_when_first_used() -> None:
    """In the light import NLTK's patterns are DeferredPatterns: their stdlib copies are those
    of NLTK's compiled patterns, and in use they are NLTK's TimedPatterns on regex."""
    count, loaded = _python(DEFERRED_PATTERNS).split()
    assert int(count) > 30 and loaded == "True"


NO_REGEX = """
import sys
import briefer
from briefer.split.fastpunkt import shipped_table
if shipped_table() is None:
    print("no-table")
    raise SystemExit
brief = briefer.summarize(sys.stdin.read())
before = "regex" in sys.modules
other = briefer.summarize("Le caf\\u0065\\u0301 a ferm\\u00e9. Il rouvre lundi. Les clients sont ravis.")
print(before, "regex" in sys.modules, len(brief.points), len(other.points))
"""


@needs_made_for
def test_a_brief_in_the_tables_characters_never_loads_regex() -> None:
    """The seed sample (Latin, curly quotes) is briefed without the regex engine; a combining
    accent, which the engines class otherwise, loads it (NLTK's own Punkt splits that text)."""
    proc = subprocess.run(
        [sys.executable, "-c", NO_REGEX],
        input=(ROOT / "samples" / "fidan-paris-visit.txt").read_text(encoding="utf-8"),
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=True,
        env={k: v for k, v in os.environ.items() if k != SWITCH},
    )  # fmt: skip
    if proc.stdout.strip() == "no-table":
        pytest.skip("the installed regex or Unicode is not one fastpunkt.TABLE_FOR was made with")
    before, after, points, other = proc.stdout.split()
    assert (before, after) == ("False", "True")
    assert int(points) >= 3 and int(other) >= 1
