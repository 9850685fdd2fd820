"""Chinese and Arabic numerals: 十三 → 13, 两 → 2, 一百零五 → 105, １２ → 12, 3.5万 → 35000.

Shared by the outline (marker values) and the number rules (totals and counts).
"""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(MULTIPLIERS)
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as 十三, 二十五, 一百零五, 两千, 三万五千; None if malformed."""
    if not text or any(c not in CN_NUMERAL_CHARS for c in text):
        return None
    total = section = digit = 0
    seen_digit = False
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
            seen_digit = True
        elif char in SMALL_UNITS:
            section += (digit if seen_digit else 1) * SMALL_UNITS[char]
            digit, seen_digit = 0, False
        else:  # 万 / 亿
            total = (total + section + digit) * MULTIPLIERS[char]
            section = digit = 0
            seen_digit = False
    return total + section + digit


def to_number(text: str) -> float | None:
    """Value of an Arabic (half- or full-width, with thousands commas) or Chinese numeral."""
    plain = text.translate(FULLWIDTH_DIGITS).replace(",", "").replace("，", "")
    try:
        return float(plain)
    except ValueError:
        value = chinese_to_int(text)
        return float(value) if value is not None else None


def marker_value(text: str) -> int | None:
    """Numeric value of the number inside a heading or enumeration marker."""
    plain = text.translate(FULLWIDTH_DIGITS)
    if plain.isdigit():
        return int(plain)
    return chinese_to_int(plain)


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 25 → 二十五: the form of heading and item numbers (< 100)."""
    names = "零一二三四五六七八九"
    if n < 10:
        return names[max(n, 0)]
    tens, ones = divmod(min(n, 99), 10)
    return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")
