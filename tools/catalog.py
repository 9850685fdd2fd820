"""The gettext catalog of reportlint's interface: extract the texts, update the translations.

    python tools/catalog.py        # writes src/reportlint/locale/reportlint.pot, updates every .po

The texts come from three places: calls of ``_``, ``N_``, ``ngettext``, ``pgettext`` and
``label`` (the HTML pages') with literal texts in ``src/reportlint``; the help of every command
and option, read from the command tree itself (a docstring is help, and no extractor sees it as a
message); and Click's own texts ("Usage:", "Show this message and exit.", its error messages),
which Click looks up in the application's global domain. New entries arrive in the ``.po``
untranslated; tests/test_i18n.py fails until they are translated.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "reportlint"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "reportlint.pot"
# Marker functions and the positions of (context, singular, plural) among their arguments.
KEYWORDS = {
    "_": (None, 0, None),
    "N_": (None, 0, None),
    "ngettext": (None, 0, 1),
    "pgettext": (0, 1, None),
    "label": (None, 0, None),  # the HTML review page's and the web page's texts (formats.html.label)
}
# Click's modules whose texts a reportlint command can show (not its prompts, pager or test runner).
CLICK_MODULES = ("core.py", "decorators.py", "exceptions.py", "formatting.py", "parser.py", "types.py")


def extract() -> Catalog:
    """Every text the interface shows, as a template catalog."""
    import click

    catalog = Catalog(project="reportlint", domain="reportlint", charset="utf-8")
    for path in sorted(PACKAGE.rglob("*.py")):
        for message, context, line in messages(path):
            catalog.add(message, locations=[(path.relative_to(ROOT).as_posix(), line)], context=context)
    for where, text in help_texts():
        catalog.add(text, locations=[(where, 0)])
    click_dir = Path(click.__file__).parent
    for name in CLICK_MODULES:
        for message, context, line in messages(click_dir / name):
            catalog.add(message, locations=[(f"click/{name}", line)], context=context)
    return catalog


def messages(path: Path) -> list[tuple[str | tuple[str, str], str | None, int]]:
    """(message, context, line) of every marked text in a module. Read from the syntax tree, so
    a call inside an f-string counts too (Babel's tokenizer misses those before Python 3.12)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS):
            continue
        texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
        context, singular, plural = (
            texts[i] if i is not None and i < len(texts) else None for i in KEYWORDS[node.func.id]
        )
        if singular is None:
            continue  # a variable: its text is marked where it is defined
        found.append(((singular, plural) if plural else singular, context, node.lineno))
    return found


def help_texts() -> list[tuple[str, str]]:
    """(command, help) for the ``reportlint`` group, its commands and their options."""
    from reportlint.cli import main

    found = []
    for name, command in [("reportlint", main), *main.commands.items()]:
        for obj in (command, *command.params):
            if getattr(obj, "help", None):
                found.append((f"cli:{name}", inspect.cleandoc(obj.help)))
    return found


def main() -> None:
    template = extract()
    with TEMPLATE.open("wb") as handle:
        write_po(handle, template, width=120, sort_output=False, include_lineno=False)
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/reportlint.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with po.open("wb") as handle:
            write_po(handle, catalog, width=120, sort_output=False, include_lineno=False)


if __name__ == "__main__":
    main()
