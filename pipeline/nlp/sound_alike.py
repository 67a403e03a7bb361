"""Ordinary words the recogniser wrote as non-words of the right sound (thirteenth session).

Whisper base often hears an ordinary word right and writes it in kanji of the same readings that
make no word: 単人 for 担任 (タン|ニン), 会宅 for 開拓, 記刻 for 帰国, 観護府 for 看護婦, 地地 for 父
(チチ), or a stray kanji with kana, 浮かがいます for 伺います. SudachiPy then splits the run into
pieces of one kanji that make no word together. No word list is needed to find them: the run is
read kanji by kanji as the dictionary and KANJIDIC2 read it, the same reading is spelled with other
common kanji (JIS level 1), and a spelling is kept only when SudachiPy knows it as ONE ordinary word
of exactly that reading (never a proper noun: words are never entities). The sounds are the same,
so the recording decides (a check of its own kind, "sounds", with its own margin: CHECK_MARGINS in
glossary_fix.py). A real word is never replaced: a run SudachiPy reads as one word (記者, where 汽車
was meant) is not a non-word, and a name is the glossary's business.
"""
from __future__ import annotations

from itertools import product
from math import prod

from ..sudachi import lookup, morphemes
from .glossary_fix import Correction, _has_kanji, _hiragana_only
from .kanji_table import KUN_FULL, kanji_by_reading, kanji_readings, kun_stems
from .labels import NAME_SUFFIXES
from .morae import kana, morae

RUN_KANJI = (2, 4)     # kanji in a run read again (地地 .. 観護府 and one more)
HEARD_READINGS = 6     # readings of the heard run tried, at most
LOOKUPS = 3000         # spellings looked up in the dictionary per run, at most (each ~1.5 µs)
WORDS_ASKED = 12       # words of one reading put to the recording for one run, at most
STEM_MORAE = (3, 5)
# after the run: a place is said there (頃等へ, 満数へ渡りました, for 葫芦島, 満州), the glossary's business
PLACE_SLOT = ("へ", "から", "まで", "に着", "に渡", "で育", "に上陸")    # a verb's kun stem that swallows the kana after a stray kanji (ウカガ|う)


def _common(kanji: str) -> bool:
    """JIS X 0208 level 1: the 2,965 kanji in common use (the jouyou kanji and most of the rest)."""
    try:
        code = kanji.encode("euc_jp")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xB0 <= code[0] <= 0xCF


def _by_reading() -> dict[str, tuple[str, ...]]:
    """A reading (katakana) -> the common kanji read so (on readings and kun stems), cheapest first."""
    return kanji_by_reading(_common)


def _by_stem() -> dict[str, tuple[tuple[str, str], ...]]:
    """A verb's kun stem (katakana) -> (kanji, okurigana in katakana) of the common kanji: 伺 う.かが.う."""
    return kun_stems(_common)


def _kanji_readings(kanji: str) -> tuple[str, ...]:
    """On readings and kun stems, cheapest first (not whole kun forms, not name readings)."""
    return tuple(r for r, cost in kanji_readings(kanji) if cost < KUN_FULL)


def _numeral(m) -> bool:
    return m.pos.startswith("名詞-数詞")


def _word_of(spelling: str, reading: str) -> bool:
    """Whether SudachiPy knows `spelling` as one ordinary word read exactly `reading`."""
    return any(m.surface() == spelling and kana(m.reading_form()) == reading
               and "固有名詞" not in m.part_of_speech()[1] for m in lookup(spelling))


def _is_word(text: str) -> bool:
    return any(m.surface() == text for m in lookup(text))


def _piece_readings(run: list, kanji: str) -> list[tuple[str, ...]] | None:
    """Each heard kanji's readings here: a kanji alone, the dictionary's and its on/kun readings; a
    kanji inside a word, its share of the word's reading (観護 カン|ゴ), if the table can split it."""
    out = []
    for m in run:
        part = "".join(c for c in m.text if _has_kanji(c))
        tail = kana(m.text[len(part):])
        said = kana(m.reading)
        if tail and said.endswith(tail):
            said = said[:-len(tail)]
        if len(part) == 1:
            out.append(tuple(dict.fromkeys((said,) + _kanji_readings(part))))
            continue
        split = _split(part, said)
        if split is None:
            return None
        out += [(r,) for r in split]
    return out if len(out) == len(kanji) else None


def _split(part: str, said: str) -> list[str] | None:
    """`said` shared among the kanji of `part` by their table readings (the first way that fits)."""
    if not part:
        return [] if not said else None
    for r in _kanji_readings(part[0]):
        if said.startswith(r) and (rest := _split(part[1:], said[len(r):])) is not None:
            return [r] + rest
    return None


def _spellings_of(pieces: tuple[str, ...], heard: str) -> list[str]:
    """Ordinary words spelled with common kanji of these readings, one kanji a piece, or one kanji for
    the whole reading (父 for 地地); the heard spelling excluded."""
    reading = "".join(pieces)
    words = [k for k in _by_reading().get(reading, ()) if k != heard and _word_of(k, reading)]
    choices = [_by_reading().get(p, ()) for p in pieces]
    if not all(choices):
        return words
    if len(pieces) > 2 and prod(map(len, choices)) > LOOKUPS:  # a long word holds a word of two (看護|婦):
        heads = [h for h in _spellings_of(pieces[:2], "") if len(h) == 2]  # its first two kanji, then the rest
        choices = [heads] + choices[2:]
    for n, spelling in enumerate(product(*choices)):
        if n >= LOOKUPS:
            break
        word = "".join(spelling)
        if word != heard and _word_of(word, reading):
            words.append(word)
    return words


def _words_for(pieces: list[tuple[str, ...]], heard: str) -> list[str]:
    """The words of the heard run's likeliest readings; of one reading, the commonest first (SudachiPy's
    cost of the word in a plain sentence: its lexicon has no frequencies, but a rare word costs more)."""
    words: list[str] = []
    for said in _likeliest(pieces):  # the likelier reading first
        words += sorted((w for w in _spellings_of(said, heard) if w not in words), key=_cost)
    return words


def _cost(word: str) -> int:
    from ..sudachi import LOCK, tokenizer
    with LOCK:
        return tokenizer().tokenize(f"その{word}です").get_internal_cost()


def _likeliest(pieces: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The heard run's readings, each kanji's readings ranked (the dictionary's, then on, then kun):
    the HEARD_READINGS of least rank in all."""
    ranked = sorted(product(*(list(enumerate(p)) for p in pieces)), key=lambda c: sum(n for n, _ in c))
    return [tuple(r for _, r in c) for c in ranked[:HEARD_READINGS]]


def _runs(morphs: tuple) -> list[list]:
    """Maximal runs of adjacent words holding kanji (no numeral, no name of two kanji or more), the
    last of which may end in kana (刻し)."""
    runs, run = [], []
    for m in morphs:
        kanji = "".join(c for c in m.text if _has_kanji(c))
        fits = kanji and m.text.startswith(kanji) and not _numeral(m) \
            and not ("固有名詞" in m.pos and len(kanji) >= 2) and (kanji == m.text or m.pos.startswith("動詞"))
        if fits and (not run or (run[-1].end == m.begin and run[-1].text[-1:] and _has_kanji(run[-1].text[-1]))):
            run.append(m)
        else:
            if run:
                runs.append(run)
            run = [m] if fits else []
    if run:
        runs.append(run)
    return runs


def _non_word(run: list, kanji: str) -> bool:
    """SudachiPy read the run as pieces that make no word: two or more words, one of them a kanji
    alone (単|人, 観護|府, 記|刻し), or one word it did not know; and the kanji together are no word."""
    if not RUN_KANJI[0] <= len(kanji) <= RUN_KANJI[1]:
        return False
    split = len(run) >= 2 and any(len(m.text) == 1 for m in run)
    unknown = len(run) == 1 and run[0].oov
    return (split or unknown) and not _is_word(kanji)


def sound_alike_checks(text: str, taken: list[tuple[int, int]]) -> list[Correction]:
    """Checks for ordinary words heard as non-words of the same reading in `text`, none over a span
    in `taken` (glossary terms and proposals) nor before a name suffix (a name misheard)."""
    out = []
    morphs = morphemes(text)
    for run in _runs(morphs):
        begin = run[0].begin
        kanji = "".join(c for m in run for c in m.text if _has_kanji(c))
        end = begin + len(kanji)
        if not _non_word(run, kanji) or text.startswith(NAME_SUFFIXES + PLACE_SLOT, run[-1].end) \
                or begin and (_has_kanji(text[begin - 1]) or text[begin - 1].isdigit()) \
                or end < len(text) and _has_kanji(text[end]) or any(begin < b and a < end for a, b in taken):
            continue  # inside a longer word or after a number (38|度線), a name's or a place's slot
        pieces = _piece_readings(run, kanji)
        if pieces is None:
            continue
        words = _words_for(pieces, kanji)
        if not words and len(run) > 2 and run[-1].pos.startswith("接尾辞"):  # 会宅|団: 開拓 and the suffix
            kanji, end = kanji[:-len(run[-1].text)], run[-1].begin
            words = _words_for(pieces[:len(kanji)], kanji) if len(kanji) >= RUN_KANJI[0] else []
        if words:
            out.append(Correction(begin, end, kanji, words[0], 0.0, "check", "sounds",
                                  others=tuple(words[1:WORDS_ASKED])))
    return out + _stray_kanji(text, morphs, taken)


def _stray_kanji(text: str, morphs: tuple, taken: list[tuple[int, int]]) -> list[Correction]:
    """A kanji alone whose reading begins a verb's stem that the kana after it complete (浮かがいます:
    ウ|カガイマス, 伺 うかが.う): the verb's kanji for the stray kanji and the kana of the stem."""
    out = []
    for i, m in enumerate(morphs[:-1]):
        if len(m.text) != 1 or not _has_kanji(m.text) or _numeral(m):
            continue
        after = morphs[i + 1]
        if after.begin != m.end or not _hiragana_only(after.text):
            continue
        kana_end = m.end
        while kana_end < len(text) and _hiragana_only(text[kana_end]):
            kana_end += 1
        heard_kana = kana(text[m.end:kana_end])
        found: dict[int, list[str]] = {}  # the heard span's end -> verbs
        for first in _kanji_readings(m.text):
            said = first + heard_kana
            for size in range(STEM_MORAE[1], STEM_MORAE[0] - 1, -1):
                stem = "".join(morae(said)[:size])
                if len(stem) <= len(first) or stem not in _by_stem():
                    continue
                end = m.end + len(stem) - len(first)
                rest = text[end:kana_end]
                for verb, _ in _by_stem()[stem]:
                    if verb != m.text and verb not in found.get(end, []) and _verb_reads(verb + rest, stem + kana(rest)):
                        found.setdefault(end, []).append(verb)
        for end, verbs in found.items():
            if not any(m.begin < b and a < end for a, b in taken):
                verbs = sorted(verbs, key=lambda v: _cost(v + text[end:kana_end]))
                out.append(Correction(m.begin, end, text[m.begin:end], verbs[0], 0.0, "check", "sounds",
                                      others=tuple(verbs[1:WORDS_ASKED])))
                break
    return out


def _verb_reads(written: str, reading: str) -> bool:
    """Whether SudachiPy reads `written` (a kanji and kana) as a known verb or adjective first, the
    whole read exactly `reading`."""
    got = morphemes(written)
    return bool(got) and not any(g.oov for g in got) and got[0].pos.startswith(("動詞", "形容詞")) \
        and len(got[0].text) >= 2 and "".join(kana(g.reading) for g in got) == reading
