"""The NLTK modules briefer uses, imported without running NLTK's package ``__init__`` files.

``import nltk`` runs ``nltk/__init__.py``, which imports some 250 modules (and SciPy, where it is
installed): most of a brief's start-up. briefer uses three of NLTK's modules: Punkt
(``nltk.tokenize.punkt``), the Treebank-style word tokenizer (``nltk.tokenize.destructive``) and
the Snowball stemmers (``nltk.stem.snowball``). :func:`nltk_modules` imports NLTK's own files of
those modules (no copies) under bare stand-ins for the packages ``nltk``, ``nltk.tokenize``,
``nltk.stem`` and ``nltk.corpus``: module objects with the packages' real ``__path__`` and
``__spec__`` whose ``__init__`` is not run, so that the submodules and what they import load on
their own. Then every ``nltk`` entry it added is taken out of ``sys.modules`` again: briefer keeps
the modules it loaded, and a later ``import nltk`` anywhere in the process (sumy's, a user's) is
an ordinary, complete import, as if briefer had never looked.

This is done only for the NLTK release it was made and tested for (:data:`MADE_FOR`: the
package's VERSION file, which ``nltk.__version__`` reads, is checked before any of NLTK's code
runs, and the version in the installed distribution's ``METADATA`` after it), only when NLTK is
not imported already, and not when ``BRIEFER_NLTK_IMPORT=plain`` is set. In every other case,
and whenever any step fails or the modules lack a name briefer uses, the same modules come from
the plain ``import`` (through ``nltk/__init__.py``), with the same results.

``nltk.stem.snowball`` imports ``nltk.corpus.stopwords`` (a lazy corpus loader) for stemmers
made with ``ignore_stopwords=True``; briefer never makes one, and the package stand-in gives it
:class:`DeferredStopwords`, which imports the real ``nltk.corpus`` if it is ever read. Punkt
imports NLTK's file-path checks (``nltk.pathsec``) to read and write model files, which briefer
never does: a :class:`DeferredModule` stands for it (and for the standard library's XML escapes
that NLTK's tokenizer utilities import) and imports the real one if a function of it is ever
called.

NLTK compiles every pattern through ``nltk.redos``, which imports the ``regex`` module (some
100 M instructions of a brief's start-up) and compiles with it. briefer runs NLTK's patterns on
the stdlib ``re`` wherever the two engines cannot differ (:mod:`.fastpunkt`, :mod:`.words`), so
in the light import :class:`DeferredRedos` stands for ``nltk.redos``: its ``compile`` gives a
:class:`DeferredPattern`, which holds the source and flags and becomes NLTK's own compiled
pattern (from NLTK's own ``redos.py``) the first time anything else of it is used.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

MADE_FOR = "3.10.4"
"""The NLTK release whose submodules are known to import and work without the package
``__init__`` files (tests/test_startup.py checks a new one: the briefs must not change)."""

SWITCH = "BRIEFER_NLTK_IMPORT"
"""Environment variable: ``plain`` imports NLTK through its package ``__init__`` as usual."""

PACKAGES = ("nltk", "nltk.tokenize", "nltk.stem", "nltk.corpus")
"""The packages whose ``__init__`` the light import skips (stand-ins while it runs)."""

MODULES = ("nltk.tokenize.punkt", "nltk.tokenize.destructive", "nltk.stem.snowball")
"""NLTK's modules that briefer uses (Punkt, the word tokenizer, the Snowball stemmers)."""

_NAMES = (
    (0, "PunktSentenceTokenizer"),
    (0, "PunktParameters"),
    (1, "NLTKWordTokenizer"),
    (2, "SnowballStemmer"),
    (2, "EnglishStemmer"),
)
"""(index in :data:`MODULES`, name): what briefer takes from each module."""


class NltkModules(NamedTuple):
    """NLTK's modules that briefer uses, and how they were imported."""

    punkt: Any
    """``nltk.tokenize.punkt``."""
    words: Any
    """``nltk.tokenize.destructive`` (``NLTKWordTokenizer``)."""
    snowball: Any
    """``nltk.stem.snowball``."""
    version: str
    """The NLTK version (``nltk.__version__``)."""
    light: bool
    """True when imported without the package ``__init__`` files."""


class DeferredStopwords:
    """Stands for ``nltk.corpus.stopwords`` in a lightly imported ``nltk.stem.snowball``.

    Only stemmers made with ``ignore_stopwords=True`` read it; on the first read it imports the
    real ``nltk.corpus`` (the full NLTK) and hands every attribute to its ``stopwords``.
    """

    def __getattr__(self, name: str) -> Any:
        corpus = importlib.import_module("nltk.corpus")
        if isinstance(getattr(corpus, "stopwords", None), DeferredStopwords):  # the stand-in
            raise ImportError("nltk.corpus is being imported by briefer; try again")
        return getattr(corpus.stopwords, name)


DEFERRED = (
    "nltk.pathsec",
    "nltk.picklesec",
    "nltk.probability",
    "nltk.internals",
    "xml.sax.saxutils",
)
"""Modules the light import leaves unloaded, for functions and classes briefer never calls.
Punkt imports NLTK's file-path checks (``nltk.pathsec``) and its pickle checks
(``nltk.picklesec``, with ``pickle``) to read and write model files, and ``FreqDist``
(``nltk.probability``) to train a model; the tokenizer interface imports ``overridden``
(``nltk.internals``, with ``subprocess`` and ``xml.etree``) for its default ``tokenize``, which
Punkt and the word tokenizer replace; ``nltk.tokenize.util`` imports the standard library's XML
escapes (``xml.sax.saxutils``) for its ``xml_escape``. ``pathsec`` and the escapes load
``urllib.request``, ``http.client`` and ``ssl`` (about 50 ms), the others some 30 ms more."""


class DeferredModule(ModuleType):
    """Stands for one of :data:`DEFERRED` while the light import runs.

    What a module imports from it is a function that, when called, imports the real module
    (for ``nltk.pathsec``, the full NLTK, as :class:`DeferredStopwords` does) and calls its
    function of that name.
    """

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        module = self.__name__

        def deferred(*args: Any, **kwargs: Any) -> Any:
            real = importlib.import_module(module)
            if isinstance(real, DeferredModule):  # the light import is running
                raise ImportError(f"{module} is being imported by briefer; try again")
            return getattr(real, name)(*args, **kwargs)

        deferred.__name__ = deferred.__qualname__ = name
        return deferred


REDOS = "nltk.redos"
"""NLTK's pattern module, which :class:`DeferredRedos` stands for in the light import."""

_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE | re.ASCII
"""The flags of NLTK's patterns that the stdlib ``re`` shares (not ``regex``'s own bits)."""


class DeferredPattern:
    """What ``redos.compile`` gives in the light import: the source and flags of one of NLTK's
    patterns, compiled by NLTK's ``redos`` (a ``TimedPattern`` on ``regex``) the first time
    anything but :attr:`source` and :attr:`given_flags` is read, and that pattern from then on.
    """

    source: str
    """The pattern's source, as NLTK wrote it."""
    given_flags: int
    """The flags NLTK compiles it with (``redos.compile`` takes an already compiled pattern's
    source only, without its flags, as it does here)."""

    def __init__(self, redos: DeferredRedos, pattern: Any, *args: Any, **kwargs: Any) -> None:
        self._redos = redos
        self._args, self._kwargs = (pattern, *args), kwargs
        self._real: Any = None
        if isinstance(pattern, DeferredPattern):
            self.source, self.given_flags = pattern.source, pattern.given_flags
        else:
            self.source = getattr(pattern, "pattern", pattern)
            self.given_flags = int(args[0] if args else kwargs.get("flags", 0))

    def compiled(self) -> Any:
        """NLTK's compiled pattern (compiled now if it was not)."""
        if self._real is None:
            pattern, *args = self._args
            if isinstance(pattern, DeferredPattern):
                pattern = pattern.compiled()
            self._real = self._redos.real().compile(pattern, *args, **self._kwargs)
        return self._real

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        vars(self)[name] = value  # read directly from now on (``.search`` of NLTK's pattern)
        return value

    def __repr__(self) -> str:
        return f"DeferredPattern({self.source!r})"


class DeferredRedos(ModuleType):
    """Stands for ``nltk.redos`` in the light import: :meth:`compile` defers, and any other name
    is that of NLTK's own ``redos.py``, loaded (once, from its file, with ``regex``) when first
    read. ``redos.py`` imports nothing of NLTK's, so it loads without the package."""

    def __init__(self, origin: str) -> None:
        super().__init__(REDOS)
        self.origin = origin
        self._real: ModuleType | None = None
        self._real_lock = threading.Lock()

    def compile(self, pattern: Any, *args: Any, **kwargs: Any) -> DeferredPattern:
        """``redos.compile``, deferred: see :class:`DeferredPattern`."""
        return DeferredPattern(self, pattern, *args, **kwargs)

    def real(self) -> ModuleType:
        """NLTK's ``redos`` module, loaded from :attr:`origin` on the first call."""
        with self._real_lock:
            if self._real is None:
                spec = importlib.util.spec_from_file_location(REDOS, self.origin)
                if spec is None or spec.loader is None:
                    raise ImportError(f"cannot load {self.origin}")
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                self._real = module
            return self._real

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self.real(), name)


def stdlib_copy(pattern: Any) -> re.Pattern[str]:
    """One of NLTK's compiled patterns (deferred or not) compiled by the stdlib ``re``: its
    source, with the flags ``re`` shares (``re`` adds ``UNICODE`` to a text pattern itself)."""
    if isinstance(pattern, DeferredPattern):
        return re.compile(pattern.source, pattern.given_flags & _RE_FLAGS)
    return re.compile(pattern.pattern, pattern.flags & _RE_FLAGS)


_lock = threading.Lock()
_loaded: NltkModules | None = None


def nltk_modules() -> NltkModules:
    """NLTK's modules that briefer uses: lightly imported where that is safe, else plainly.

    The first call imports them (once per process, under a lock); later calls return the same.
    While the light import runs (once, a few tens of milliseconds) the stand-ins are in
    ``sys.modules``: an ``import nltk`` in another thread at that moment would get the empty
    package; briefer's own calls wait on the lock.
    """
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _light() or _plain()
        return _loaded


def light_import_allowed() -> bool:
    """Whether the light import may be tried: NLTK not imported yet (a loaded NLTK costs
    nothing more) and no ``BRIEFER_NLTK_IMPORT=plain``. The release is checked by the import."""
    if os.environ.get(SWITCH, "").strip().lower() == "plain":
        return False
    return not any(name == "nltk" or name.startswith("nltk.") for name in sys.modules)


def installed_version(package_dir: str, distribution: str = "nltk") -> str | None:
    """The version in the metadata of the ``distribution`` installed beside ``package_dir``
    (its ``nltk-*.dist-info/METADATA``), read without importing ``importlib.metadata`` (whose
    e-mail parser costs a brief some 20 ms); None unless exactly one such distribution is there.
    """
    site = Path(package_dir).parent
    prefix = distribution.lower() + "-"
    found = [d for d in site.glob("*.dist-info") if d.name.lower().startswith(prefix)]
    if len(found) != 1:
        return None
    try:
        with open(found[0] / "METADATA", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    break  # the end of the headers
                key, _, value = line.partition(":")
                if key.strip().lower() == "version":
                    return value.strip()
    except OSError:
        return None
    return None


def _plain() -> NltkModules:
    punkt, words, snowball = (importlib.import_module(name) for name in MODULES)
    return NltkModules(punkt, words, snowball, str(sys.modules["nltk"].__version__), light=False)


def _light() -> NltkModules | None:
    """The light import, or None (with ``sys.modules`` as it was) if it is not safe or fails."""
    if not light_import_allowed():
        return None
    before = set(sys.modules)
    try:
        root, *_, corpus = (_stand_in(name) for name in PACKAGES)
        version = _version_file(root)  # what nltk.__version__ would be; nothing run yet
        if version != MADE_FOR:
            return None
        vars(corpus)["stopwords"] = DeferredStopwords()
        redos = importlib.util.find_spec(REDOS)
        if redos is None or redos.origin is None:
            return None
        sys.modules[REDOS] = DeferredRedos(redos.origin)
        for name in DEFERRED:
            if name not in sys.modules:  # a module loaded already costs nothing
                sys.modules[name] = DeferredModule(name)
        punkt, words, snowball = loaded = [importlib.import_module(name) for name in MODULES]
        if not all(hasattr(loaded[i], name) for i, name in _NAMES):
            return None
        if installed_version(root.__path__[0]) != MADE_FOR:  # the distribution agrees
            return None
        return NltkModules(punkt, words, snowball, version, light=True)
    except Exception:  # any failure at all: the plain import, from a clean slate
        return None
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk.") or name in DEFERRED:
                del sys.modules[name]


def _stand_in(name: str) -> ModuleType:
    """An empty package module for ``name`` with its real spec and path, in ``sys.modules``."""
    spec = importlib.util.find_spec(name)  # a parent is the stand-in already there
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError(f"{name} is not a package here")
    module = importlib.util.module_from_spec(spec)  # created, not executed
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module


def _version_file(root: ModuleType) -> str:
    """What ``nltk/__init__.py`` sets ``__version__`` to: the package's VERSION file."""
    return (Path(root.__path__[0]) / "VERSION").read_text(encoding="utf-8").strip()
