"""Each kanji's readings from KANJIDIC2 (words/kanji_readings.txt: on, kun and name readings, with
the licence beside it), with a cost per kind: the readings a glossary term is composed from
(composed.py, places) and a heard given name is read by (glossary_fix, names). Its own module so that
both can use it without importing each other."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from .morae import kana

TABLE = Path(__file__).parent / "words" / "kanji_readings.txt"
# what each kind of reading costs: on readings are a place's usual reading
ON, KUN, KUN_FULL, NANORI = 0.0, 1.0, 1.25, 1.5
LATER_READING = 0.1    # each reading after a kanji's first of the same kind


def _rows() -> Iterator[tuple[str, str, str, str]]:
    """The table's lines as (kanji, on, kun, nanori), readings space-separated as KANJIDIC2 writes them."""
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kanji, on, kun, nanori = (line.split("\t") + ["", "", ""])[:4]
            yield kanji, on, kun, nanori


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, float], ...]]:
    """kanji -> its readings in katakana, each with its cost (on, kun stem, kun with okurigana, nanori)."""
    out = {}
    for kanji, on, kun, nanori in _rows():
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


@lru_cache(maxsize=8)
def kanji_by_reading(keep: Callable[[str], bool], lowest: float = ON) -> dict[str, tuple[str, ...]]:
    """A reading (katakana) -> the kanji `keep` admits that have it at a cost from `lowest` up to a whole
    kun form (on readings and kun stems; from KUN, kun stems only), cheapest first."""
    found: dict[str, list[tuple[float, str]]] = {}
    for kanji, readings in _table().items():
        if keep(kanji):
            for reading, cost in readings:
                if lowest <= cost < KUN_FULL:
                    found.setdefault(reading, []).append((cost, kanji))
    return {r: tuple(k for _, k in sorted(ks)) for r, ks in found.items()}


@lru_cache(maxsize=4)
def kun_stems(keep: Callable[[str], bool]) -> dict[str, tuple[tuple[str, str], ...]]:
    """A verb's kun stem (katakana) -> (kanji, okurigana in katakana) of the kanji `keep` admits: ウカガ -> 伺, ウ."""
    found: dict[str, list[tuple[str, str]]] = {}
    for kanji, _, kun, _ in _rows():
        if keep(kanji):
            for r in kun.split():
                if "." in r:
                    stem, okurigana = r.split(".", 1)
                    found.setdefault(kana(stem), []).append((kanji, kana(okurigana)))
    return {s: tuple(v) for s, v in found.items()}
