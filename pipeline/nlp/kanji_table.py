"""Each kanji's readings from KANJIDIC2 (words/kanji_readings.txt: on, kun and name readings, with
the licence beside it), with a cost per kind: the readings a glossary term is composed from
(composed.py, places) and a heard given name is read by (glossary_fix, names). Its own module so that
both can use it without importing each other."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .morae import kana

TABLE = Path(__file__).parent / "words" / "kanji_readings.txt"
# what each kind of reading costs: on readings are a place's usual reading
ON, KUN, KUN_FULL, NANORI = 0.0, 1.0, 1.25, 1.5
LATER_READING = 0.1    # each reading after a kanji's first of the same kind


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, float], ...]]:
    """kanji -> its readings in katakana, each with its cost (on, kun stem, kun with okurigana, nanori)."""
    out = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kanji, on, kun, nanori = (line.split("\t") + ["", "", ""])[:4]
        readings: dict[str, float] = {}

        def add(reading: str, cost: float) -> None:
            reading = kana(reading)
            if reading and (reading not in readings or cost < readings[reading]):
                readings[reading] = cost
        for n, r in enumerate(on.split()):
            add(r, ON + n * LATER_READING)
        for n, r in enumerate(kun.split()):
            add(r.split(".")[0], KUN + n * LATER_READING)
            if "." in r:
                add(r.replace(".", ""), KUN_FULL + n * LATER_READING)
        for n, r in enumerate(nanori.split()):
            add(r, NANORI + n * LATER_READING)
        out[kanji] = tuple(sorted(readings.items(), key=lambda x: x[1]))
    return out


def kanji_readings(kanji: str) -> tuple[tuple[str, float], ...]:
    """One kanji's readings (katakana) with their costs, cheapest first; () for a kanji not in the table."""
    return _table().get(kanji, ())
