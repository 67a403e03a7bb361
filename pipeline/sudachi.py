"""SudachiPy once per process: one tokenizer (split mode C) behind its lock, each text's morphemes
analysed once and shared, and the katakana readings are compared in. It sits below recognition and
the language layer so that both read text with the same analysis: `asr.hotwords` (was a glossary term
heard?) and `nlp.morph` (the morphemes of every text), and `nlp.romaji` writes the same katakana."""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

MAX_PIECE_CHARS = 4000  # analysed at a time: Sudachi refuses over 49149 bytes (a long monologue,
                        # or a whole recording under --diarizer none), and GiNZA's memory stays flat
PIECE_BREAKS = "。？！?!\n 　、"  # where a piece may end, best first
ANALYSED_TEXTS = 8192  # texts whose morphemes are kept: more than an hour's turns and segments
RUNS: Counter[str] = Counter()  # texts SudachiPy analysed in this process, and how often

# SudachiPy's tokenizer refuses a second thread while one is in it ("Already borrowed"): recognition
# decodes blocks in threads and the review server answers requests in threads, so one at a time.
LOCK = threading.Lock()


@lru_cache(maxsize=1)
def dictionary():
    """SudachiPy's system dictionary, loaded once (its file is mapped, ~65 MB a copy)."""
    from sudachipy import dictionary as sudachi_dictionary
    return sudachi_dictionary.Dictionary()


@lru_cache(maxsize=1)
def tokenizer():
    """SudachiPy, split mode C (the longest units: 撫順戦犯管理所 stays one noun phrase)."""
    from sudachipy import tokenizer as sudachi_tokenizer
    return dictionary().create(sudachi_tokenizer.Tokenizer.SplitMode.C)


def lookup(word: str) -> list:
    """The dictionary's entries for a word written alone (every reading it has: 王 オウ, オオキミ, ミコ)."""
    with LOCK:
        return list(dictionary().lookup(word))


def readings(word: str, kind: str | None = None) -> tuple[str, ...]:
    """The readings (katakana, as the dictionary gives them) of its entries for `word` written alone,
    only those of one kind of name if `kind` is given (地名, 人名: a level of their part of speech)."""
    return tuple(m.reading_form() for m in lookup(word)
                 if m.surface() == word and (kind is None or kind in m.part_of_speech()[:4]))


def to_katakana(text: str) -> str:
    """Hiragana to katakana (ぁ-ゖ shift by 0x60; ゔ too); everything else unchanged (jaconv's
    hira2kata would also turn the iteration marks ゝゞ into ヽヾ)."""
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def to_hiragana(text: str) -> str:
    """Katakana to hiragana (ァ-ヶ shift by 0x60); everything else unchanged."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


@dataclass(frozen=True)
class Morpheme:
    text: str
    begin: int
    end: int
    reading: str       # katakana
    pos: str           # e.g. 名詞-固有名詞-人名-姓
    inflection: str = ""  # e.g. 助動詞-タ;終止形-一般
    oov: bool = False
    normalized: str = ""  # the dictionary's own spelling (みなと: 港; ください: 下さる)


def pieces(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """Spans of at most `size` characters covering the text, each ending after a sentence end (or a
    pause mark, a space) where one lies in its second half."""
    size = size or MAX_PIECE_CHARS
    spans, pos = [], 0
    while len(text) - pos > size:
        window = text[pos:pos + size]
        cut = next((i + 1 for mark in PIECE_BREAKS if (i := window.rfind(mark)) >= size // 2), size)
        spans.append((pos, pos + cut))
        pos += cut
    spans.append((pos, len(text)))
    return spans


@lru_cache(maxsize=ANALYSED_TEXTS)
def morphemes(text: str) -> tuple[Morpheme, ...]:
    """SudachiPy's morphemes of a text with readings and parts of speech, analysed once per process:
    recognition's hotword check, assembly's cut points, glossary matching, punctuation and the cue
    layout of every subtitle format ask for the same texts again; only a new text is analysed."""
    RUNS[text] += 1
    out = []
    with LOCK:
        for begin, end in pieces(text):
            for m in tokenizer().tokenize(text[begin:end]):
                pos = [p for p in m.part_of_speech()[:4] if p != "*"]
                form = m.part_of_speech()[5]
                out.append(Morpheme(m.surface(), begin + m.begin(), begin + m.end(), m.reading_form(),
                                    "-".join(pos), "" if form == "*" else form, m.is_oov(), m.normalized_form()))
    return tuple(out)
