"""The seed report comes out exactly right (issues #3 and #4)."""

from __future__ import annotations

import json

import jsonschema
from conftest import SCHEMA, SEED, check_json

EXPECTED = [
    ("template-residue", 1, 23),
    ("placeholder", 6, 191),
    ("typo", 6, 340),
    ("template-residue", 7, 1),
    ("placeholder", 8, 154),
    ("term-inconsistency", 8, 227),
    ("placeholder", 8, 268),
    ("placeholder", 8, 292),
    ("placeholder", 8, 313),
    ("placeholder", 8, 320),
    ("placeholder", 8, 326),
    ("placeholder", 10, 269),
    ("placeholder", 10, 314),
    ("dunhao-between-quotes", 12, 225),
    ("dunhao-between-quotes", 12, 232),
    ("placeholder", 12, 240),
    ("placeholder", 12, 280),
    ("placeholder", 12, 295),
    ("placeholder", 12, 325),
    ("term-inconsistency", 12, 397),
    ("halfwidth-punct", 12, 418),
    ("halfwidth-punct", 12, 425),
    ("halfwidth-punct", 20, 123),
    ("template-residue", 23, 1),
]


def test_seed_findings_are_exactly_the_expected_ones(seed_text):
    code, data = check_json(str(SEED))
    assert code == 1
    found = [(d["rule"], d["range"]["start"]["line"], d["range"]["start"]["column"]) for d in data["diagnostics"]]
    assert found == EXPECTED
    lines = seed_text.splitlines()
    by_rule = {
        "placeholder": ("X", "XX"),
        "typo": ("模仿作用",),
        "term-inconsistency": ("巡查",),
        "halfwidth-punct": (",", "."),
        "dunhao-between-quotes": ("、",),
        "template-residue": ("（2946字）", "##paidbegin##", "##paidend##"),
    }
    for d in data["diagnostics"]:
        start, end = d["range"]["start"], d["range"]["end"]
        assert seed_text[start["offset"] : end["offset"]] in by_rule[d["rule"]]
        assert lines[start["line"] - 1][start["column"] - 1 :].startswith(seed_text[start["offset"] : end["offset"]])


def test_seed_structure_and_number_rules_stay_quiet():
    code, data = check_json(
        str(SEED),
        "--select",
        "missing-section,section-order,numbering-gap,numbering-style,enumeration-sequence,"
        "total-mismatch,count-mismatch",
    )
    assert code == 0
    assert data["diagnostics"] == []


def test_json_output_on_all_seeds_validates_against_the_schema():
    code, data = check_json(str(SEED.parent))
    assert code == 1
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert {d["path"] for d in data["diagnostics"]} >= {str(SEED)}
