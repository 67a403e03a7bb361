"""Japanese dates to ISO 8601: era years (昭和31年 = 1956), kanji numerals, months and days.

Relative dates (翌年, その年, 去年) give None: they cannot be normalised without context.
"""
from __future__ import annotations

import re
import unicodedata

ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}  # first year of each era
DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
          "壱": 1, "弐": 2, "参": 3}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = r"[0-9〇零一二三四五六七八九十百千壱弐参]+|元"

_ERA = re.compile(rf"(?P<era>{'|'.join(ERAS)})\s*(?P<year>{NUMBER})\s*年")
_YEAR = re.compile(rf"(?P<year>{NUMBER})\s*年")
_MONTH = re.compile(rf"^(?:\s*の)?\s*(?P<month>{NUMBER})\s*月")
_DAY = re.compile(rf"^\s*(?P<day>{NUMBER})\s*日")


def kanji_number(text: str) -> int | None:
    """'千九百五十六' -> 1956, '三十一' -> 31, '一九五六' -> 1956, '31' -> 31, '元' -> 1."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    if text == "元":
        return 1
    if text.isdigit():
        return int(text)
    if all(c in DIGITS for c in text):  # digit by digit: 一九五六
        return int("".join(str(DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in DIGITS:
            current = DIGITS[c]
        elif c in UNITS:
            total += (current or 1) * UNITS[c]
            current = 0
        else:
            return None
    return total + current


def normalize_date(text: str) -> str | None:
    """ISO form (YYYY, YYYY-MM or YYYY-MM-DD) of a Japanese date expression, or None."""
    text = unicodedata.normalize("NFKC", text)
    match = _ERA.search(text)
    if match:
        n = kanji_number(match["year"])
        if n is None or n < 1:
            return None
        year = ERAS[match["era"]] + n - 1
    else:
        match = _YEAR.search(text)
        if not match:
            return None
        year = kanji_number(match["year"])
        if year is None or not 1000 <= year <= 2999:
            return None
    rest = text[match.end():]
    month_match = _MONTH.match(rest)
    if not month_match:
        return f"{year:04d}"
    month = kanji_number(month_match["month"])
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    day_match = _DAY.match(rest[month_match.end():])
    day = kanji_number(day_match["day"]) if day_match else None
    if day is None or not 1 <= day <= 31:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"
