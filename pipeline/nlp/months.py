"""A month heard glued to its year without の where the speaker said の and another month (seventh
session, names10): 23年のくがつ heard as 23年6月, ノ|クガツ taken for ロクガツ. Proposed for the
recording to decide, with the alternative month after の (23年の9月), and a margin of its own
(`glossary_fix.CHECK_MARGINS["month"]`).

Measured on base, glossary as prompt (tests/data/interviews/README.md, seventh session): where の and
9月 were said (two blind interviews, four Kokoro clips of two voices) 年の9月 scored 4.3 to 8.0 nats
below 年6月; where 年6月 was said (six clips) 15.2 to 17.6 below. A month a mora from another one
with の present (年の6月 for 年の9月) is not decidable so (README): never proposed.
"""
from __future__ import annotations

import re

from .dates import MONTH_READINGS
from .glossary_fix import Correction
from .morae import mora_distance

_GLUED = re.compile(r"(?:[0-9０-９]{1,4}|[一二三四五六七八九十]{1,3})年(1[0-2]|[1-9])月")


def glued_month_checks(text: str) -> list[Correction]:
    """`check` corrections for each month written right after 年 (no の) whose reading is の and
    another month's, a mora off (ロクガツ: ノ|クガツ): the heard month, then の and that month."""
    out = []
    for m in _GLUED.finditer(text):
        n = int(m[1])
        alternatives = [k for k in MONTH_READINGS if k != n and any(
            mora_distance("ノ" + r, h) <= 1.0 for r in MONTH_READINGS[k] for h in MONTH_READINGS[n])]
        if alternatives:
            begin, end = m.start(1), m.end()
            out.append(Correction(begin, end, text[begin:end], f"の{alternatives[0]}月", 1.0, "check", "month",
                                  tuple(f"の{k}月" for k in alternatives[1:])))
    return out
