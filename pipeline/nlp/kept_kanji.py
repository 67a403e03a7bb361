"""A glossary place heard with one of its kanji kept and the rest in another reading (tenth session).

A place of China or Korea is said in the period's reading, which the recogniser often half knows: it
keeps one kanji in its place and writes the rest by ear, two morae off (山海 サンカイ for 上海 シャンハイ,
豊天 トヨテン for 奉天 ホウテン, 方まさ ホウマサ for 方正 ホウセイ, said ホーマサ). No near reading reaches
them (NEAR_ANY_RATE stops at a mora and a third for four), and a heard run two morae off is by
chance an ordinary word just as often, so this asks three things at once: the term's own kanji in the
same place, a place slot after it (から, へ, に着..., or の before a noun), and the audio (a check of its
own kind, "kept", with its own margin: CHECK_MARGINS in glossary_fix.py).
"""
from __future__ import annotations

from .glossary_fix import (PROPOSERS, Correction, _entry_readings, _has_kanji, _is_function, _label, _spellings,
                           all_kanji, said_as_place)
from .morae import kana, mora_distance, morae
from .morph import morphemes

KEPT_FAR = 2.0     # morae the heard run may be off the term's reading (every true case: exactly 2)
KEPT_RANK = 1.5    # among checks: after a term's own rules, before the general near reading (2.0)
KEPT_TERM = (2, 3)  # kanji in a place term tried so


def kept_kanji_places(text: str, forms: list, labels: dict, vouched: frozenset[str]) -> list[tuple[tuple, object]]:
    """Checks for runs of one or two words that keep a glossary place's first or last kanji in place,
    read within KEPT_FAR morae of it (the dictionary's reading of the run, or its kanji read one by one),
    standing where a place is said (`glossary_fix.KEPT_SLOT`), that are not themselves a glossary word."""
    places = [f for f in forms if f.part == "whole" and (_label(f.term, labels) == "PLACE" or not _label(
        f.term, labels) and _entry_readings(f.text, "PLACE"))  # unlabelled: a place in the dictionary (方正)
              and KEPT_TERM[0] <= len(f.text) <= KEPT_TERM[1] and all_kanji(f.text)]
    if not places:
        return []
    out = []
    morphs = morphemes(text)
    for i, first in enumerate(morphs):
        if _is_function(first) or first.begin and _has_kanji(text[first.begin - 1]):
            continue  # from the start of a word, not inside a compound (ご今日|の)
        for j in range(i, min(i + 2, len(morphs))):
            run = morphs[i:j + 1]
            if any(_is_function(m) or m.pos.startswith(("補助記号", "空白")) for m in run):
                break
            begin, end = first.begin, run[-1].end
            heard = text[begin:end]
            if heard in vouched or len(run) == 1 and "地名" in first.pos:
                continue  # a place the dictionary knows was said (満州へ: not 錦州)
            if not said_as_place(text, end):
                continue
            # one dictionary word is read as the dictionary reads it (大図 オオズ, not ダイズ: it was 大豆, no 大連);
            # kanji across words are kanji written by ear, read one by one (豊|天: トヨ|テン for 奉天)
            said = ["".join(m.reading for m in run)] + ([kana(r) for r in _spellings(heard)] if len(run) > 1 else [])
            # one common word that starts with the term's first kanji is a word of its own (大学の for 大連);
            # one that ends with its last is how the recogniser writes a place it half knows (山海 for 上海)
            ordinary = len(run) == 1 and not first.oov and first.pos.startswith("名詞-普通名詞")
            for form in places:
                term = form.text
                if heard == term or not len(term) <= len(heard) <= len(term) + 1:
                    continue
                kept = heard[0] == term[0] and heard[1:2] != term[1:2] and not ordinary or \
                    heard[-1] == term[-1] and _has_kanji(heard[0]) and heard[0] != term[0] and len(heard) == len(term)
                if not kept:
                    continue
                distance = min(mora_distance(r, form.reading, KEPT_FAR) for r in said if r)
                if 0 < distance <= KEPT_FAR:
                    out.append(((True, KEPT_RANK + distance, -len(morae(form.reading)), 0, begin),
                                Correction(begin, end, heard, term, distance, "check", "kept")))
    return out


PROPOSERS.append(kept_kanji_places)  # asked by glossary_fix.find_corrections with its own rules
