"""reportlint's own texts in the user's language, through gettext.

English is the source language; other languages are gettext catalogs under
``reportlint/locale/<lang>/LC_MESSAGES/reportlint.mo``, compiled from the ``.po`` next to them
when the wheel is built. Mark a text with :func:`_` (or :func:`ngettext`, :func:`pgettext`)
where it is shown, or with :func:`N_` where it is defined at import time and shown later.

The language is the one ``activate`` chose (``--lang``), else the first of ``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set, read in that order as gettext reads them,
else the system's: on Windows, where none of them is usually set, the language of its user
interface, and anywhere the locale Python reports.
Nothing is read until the first text is translated, and English never opens a catalog: a run
in English pays for a dictionary lookup per text and nothing else.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, reduce
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext as gettext_module

DOMAIN = "reportlint"
LANGUAGES = ("en", "zh")  # what --lang accepts; any locale starting with "zh" is Chinese
CATALOGS = {"zh": "zh_CN"}  # language → catalog directory (Simplified Chinese for every zh locale)
_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: str | None = None  # set by activate(); None: from the environment
_request: ContextVar[str | None] = ContextVar("reportlint_language", default=None)  # see using()


def language_of(environ: Mapping[str, str], system: Callable[[], str] | None = None) -> str:
    """``zh`` or ``en`` for an environment, as gettext picks: the first variable set wins, and
    in a ``LANGUAGE`` list the first language reportlint has; with none set, the system's."""
    for name in _ENVIRONMENT:
        value = environ.get(name)
        if not value:
            continue
        for entry in value.split(":"):
            if entry.lower().startswith("zh"):
                return "zh"
            if entry.lower().startswith("en") or entry in ("C", "POSIX") or entry.startswith("C."):
                return "en"
        return "en"
    return (system or system_language)()


# Windows language identifiers: the primary language is the low ten bits.
_PRIMARY_LANGUAGE_MASK, _LANG_CHINESE = 0x3FF, 0x04


@lru_cache(maxsize=1)
def system_language() -> str:
    """``zh`` or ``en`` from the system when the environment names no language: on Windows the
    user interface's language (``GetUserDefaultUILanguage``, a plain call into kernel32), else
    the locale Python reports (``Chinese (Simplified)_China`` on Windows, ``zh_CN`` elsewhere)."""
    if sys.platform == "win32":
        try:
            import ctypes

            ui = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
            return "zh" if ui & _PRIMARY_LANGUAGE_MASK == _LANG_CHINESE else "en"
        except (ImportError, AttributeError, OSError):
            pass  # no ctypes (an embedded Python) or no kernel32: the locale says
    import locale

    try:
        name = locale.getlocale()[0] or ""
    except ValueError:  # a locale Python cannot parse
        name = ""
    return "zh" if name.lower().startswith(("zh", "chinese")) else "en"


def language() -> str:
    """The language texts are shown in now."""
    return _request.get() or _chosen or language_of(os.environ)


@contextmanager
def using(lang: str | None) -> Iterator[None]:
    """Texts in ``lang`` inside the block (``None``: the process's language). A context variable,
    so each request of the web page, in its task or thread, has its own."""
    token = _request.set(lang)
    try:
        yield
    finally:
        _request.reset(token)


def from_accept_language(header: str) -> str | None:
    """``zh`` or ``en``, the first of the two a browser's ``Accept-Language`` prefers; ``None``
    if it names neither (or says nothing)."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().lower()))
    for _quality, _position, tag in sorted(ranked):
        for lang in LANGUAGES:
            if tag == lang or tag.startswith(lang + "-"):
                return lang
    return None


def activate(lang: str | None) -> None:
    """Show texts in ``lang`` (``None``: the environment's language) from now on, in this
    process and in the processes it starts. Also makes the global gettext domain ours, in that
    language, so the texts Click translates itself ("Usage:", "Show this message and exit.")
    follow: an application owns the global domain, and its catalog carries its libraries' texts."""
    global _chosen
    _chosen = lang or language_of(os.environ)
    # LANGUAGE is gettext's first choice, and worker processes inherit it.
    if _chosen in CATALOGS:
        import gettext

        os.environ["LANGUAGE"] = CATALOGS[_chosen]
        gettext.bindtextdomain(DOMAIN, str(_locale_dir()))
        gettext.textdomain(DOMAIN)
    elif language_of(os.environ) != _chosen:
        os.environ["LANGUAGE"] = "C"  # English over a Chinese locale; an English locale is left alone


@lru_cache(maxsize=len(LANGUAGES))
def catalog(lang: str) -> gettext_module.NullTranslations:
    """The translations for ``lang``; for English (or a catalog that is missing) the identity."""
    import gettext

    directory = CATALOGS.get(lang)
    if directory is None:
        return gettext.NullTranslations()
    mo = _compiled(_locale_dir() / directory / "LC_MESSAGES" / f"{DOMAIN}.po")
    if mo is None:
        return gettext.NullTranslations()
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _locale_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "locale"


def _compiled(po: Path) -> Path | None:
    """The ``.mo`` beside ``po``. An installed wheel ships only the ``.mo``; in a source checkout
    a missing or older ``.mo`` is compiled here first (with Babel, a development dependency)."""
    mo = po.with_suffix(".mo")
    try:
        fresh = mo.stat().st_mtime_ns >= po.stat().st_mtime_ns
    except FileNotFoundError:
        fresh = not po.exists()
    if not fresh:
        try:
            compile_catalog(po, mo)
        except (ImportError, OSError):
            pass  # no Babel or a read-only tree: use what is there
    return mo if mo.exists() else None


def compile_catalog(po: Path, mo: Path) -> None:
    """Compile one ``.po`` to ``.mo`` in a source checkout, renamed into place so that another
    process never reads half a catalog. (Not through ``base.files``, whose refusals are
    translated here: that would be an import cycle.)"""
    import tempfile

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        messages = read_po(handle)
    with tempfile.NamedTemporaryFile(dir=mo.parent, prefix=mo.name, suffix=".tmp", delete=False) as out:
        write_mo(out, messages)
    os.replace(out.name, mo)


def _(message: str) -> str:
    """``message`` in the current language."""
    return catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the current language."""
    return catalog(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English by ``context``."""
    return catalog(language()).pgettext(context, message)


def join_sentences(parts: list[str]) -> str:
    """Sentences as one text: a space between them in English, none in Chinese."""
    return reduce(lambda text, sentence: _("{text} {sentence}").format(text=text, sentence=sentence), parts)


def N_(message: str) -> str:
    """Marks a text for the catalog where it is defined; :func:`_` translates it where shown."""
    return message
