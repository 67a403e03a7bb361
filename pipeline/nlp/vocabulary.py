"""Words of the period, corrected like a glossary's terms but never made entities (`nlp.vocabulary`).

Whisper base mishears the common words oral histories of the war's end keep saying (収容所 as 終了所,
開拓団 as 会宅団, 帰国 as 記刻) as often as it mishears names. A vocabulary (`words/<name>.txt`, or a
file of one's own) is matched as a glossary is (glossary_fix.find_corrections): a sure proposal is
written, one made of ordinary words only where the recording supports it. The glossary comes first:
no vocabulary word is proposed over a glossary term written or proposed, nor over a span that holds
a proper noun of two kanji or more (満州 stays 満州), nor before a name suffix (秀さん, a 秀夫さん
misheard, is no 終戦); a lone kanji or kana the dictionary calls a name
is most often a common word misheard (周戦 for 終戦: 周, a state of old China).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from ..glossary import GlossaryTerm, parse_glossary
from ..sudachi import morphemes
from .glossary_fix import Correction, all_kanji, find_corrections
from .labels import NAME_SUFFIXES

WORDS = Path(__file__).parent / "words"


@lru_cache(maxsize=8)
def load(name: str, option: str = "nlp.vocabulary") -> tuple[GlossaryTerm, ...]:
    """A vocabulary (or the gazetteer: `option`) by name (a file in words/) or path; "" is none."""
    if not name:
        return ()
    path = WORDS / f"{name}.txt" if "/" not in name and not name.endswith(".txt") else Path(name)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in WORDS.glob("*.txt")))
        raise ConfigError(f"{option}: no word list {name!r} (known: {known}; or give a file's path, "
                          f"or \"\" for none)")
    return tuple(parse_glossary(path.read_text(encoding="utf-8-sig").splitlines(), path.name))


def digest(name: str, option: str = "nlp.vocabulary") -> str:
    """What the vocabulary holds, for the stage's key: its words changed, the text is made again."""
    return hashlib.sha256("\n".join(f"{t.text}\t{t.label}\t{t.reading}" if t.label else t.text
                                    for t in load(name, option)).encode()).hexdigest()[:12] if name else ""


def spans_taken(text: str, glossary: tuple[GlossaryTerm, ...], proposed: list[Correction]) -> list[tuple[int, int]]:
    """Where a word of a built-in list (the vocabulary, the gazetteer) may not be written: over a glossary
    proposal, or over a glossary term written in the text."""
    taken = [(c.begin, c.end) for c in proposed]
    for term in glossary:
        start = text.find(term.text)
        while start >= 0:
            taken.append((start, start + len(term.text)))
            start = text.find(term.text, start + 1)
    return taken


def vocabulary_corrections(text: str, name: str, glossary: tuple[GlossaryTerm, ...],
                           proposed: list[Correction]) -> list[Correction]:
    """Proposals of the vocabulary's words for `text` that touch no glossary proposal, no glossary
    term written in the text and no proper noun."""
    have = {t.text for t in glossary}
    words = tuple(t for t in load(name) if t.text not in have)
    if not words:
        return []
    taken = spans_taken(text, glossary, proposed)
    taken += [(m.begin, m.end) for m in morphemes(text)  # a name of two kanji or more (満州); a lone kanji or
              if "固有名詞" in m.pos and len(m.text) >= 2 and all_kanji(m.text)]  # kana is a misheard word (周|戦)
    return [c for c in find_corrections(text, words, {}) if all(c.end <= a or c.begin >= b for a, b in taken)
            and not text.startswith(NAME_SUFFIXES, c.end) and not text[c.begin:c.end].endswith(NAME_SUFFIXES)]
    # (秀さん, a 秀夫さん misheard, is a person, never 終戦)
