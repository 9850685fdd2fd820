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
