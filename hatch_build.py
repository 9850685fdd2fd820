"""Build hook: compile the gettext catalogs (``.po`` → ``.mo``) so the wheel ships them.

The ``.mo`` is written beside its ``.po`` in the source tree (git ignores it), which serves an
editable install as well; the wheel includes it as an artifact and leaves the ``.po`` out.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(Path(self.root, "src", "reportlint", "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            out = BytesIO()
            write_mo(out, catalog)
            po.with_suffix(".mo").write_bytes(out.getvalue())
