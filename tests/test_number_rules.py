"""The number rules stay linear in the quantities of a sentence (issue 13, item 4).

``'共计100万元，其中' * 2000`` once took minutes: every total was compared with every part of
every clause. Time is not measured here (the machine is shared); the work is, as the number of
Python function calls a run makes, which a quadratic rule multiplies by four when the input
doubles and a linear one by two.
"""

from __future__ import annotations

import sys

import pytest

from reportlint.outline.parser import parse_outline
from reportlint.rules.kinds import count, total

ATTACKS = {
    "breakdowns": "共计100万元，其中",
    "breakdowns opened by a comma": "共计100万元，其中，",
    "a closing total after a list": "甲1个、乙2个，合计3个，",
    "a total before a colon": "共计3个：甲1个、乙2个，",
    "named lists": "甲、乙、丙2个项目，",
    "announced counts": "以下两个方面：一是甲；",
}


def _calls(check, text: str) -> int:
    document = parse_outline(text)
    calls = 0

    def profile(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        findings = list(check(document))
    finally:
        sys.setprofile(None)
    assert findings is not None
    return calls


@pytest.mark.parametrize("unit", ATTACKS.values(), ids=ATTACKS.keys())
@pytest.mark.parametrize("kind", [total, count], ids=["total", "count"])
def test_number_rules_are_linear_in_the_quantities_of_a_sentence(kind, unit):
    check = kind.compile({})
    small, large = _calls(check, unit * 200), _calls(check, unit * 400)
    assert large <= 2.3 * small, (small, large)


def test_a_list_joined_by_he_sums_every_item_not_the_last_two():
    """2.3亿元、1.2亿元和0.5亿元: the first item is a part as much as the two 和 joins (the old
    reading summed 1.2 + 0.5 and reported 1.7)."""
    from reportlint.api import lint_text
    from reportlint.rules.settings import Settings

    result = lint_text("全年投资2.3亿元、1.2亿元和0.5亿元，合计5亿元。", settings=Settings(select=("total-mismatch",)))
    assert [d.message for d in result.diagnostics] == ["分项之和为4亿元，与“5亿元”不符（2.3+1.2+0.5）"]
