"""SudachiPy once per process: one tokenizer (split mode C) behind its lock, and the katakana its
readings are compared in. It sits below recognition and the language layer so that both read text
with the same tokenizer: `asr.hotwords` (was a glossary term heard?) and `nlp.morph` (the morphemes
of every text), and `nlp.romaji` writes the same katakana."""
from __future__ import annotations

import threading
from functools import lru_cache

# SudachiPy's tokenizer refuses a second thread while one is in it ("Already borrowed"): recognition
# decodes blocks in threads and the review server answers requests in threads, so one at a time.
LOCK = threading.Lock()


@lru_cache(maxsize=1)
def tokenizer():
    """SudachiPy, split mode C (the longest units: 撫順戦犯管理所 stays one noun phrase)."""
    from sudachipy import dictionary, tokenizer as sudachi_tokenizer
    return dictionary.Dictionary().create(sudachi_tokenizer.Tokenizer.SplitMode.C)


def to_katakana(text: str) -> str:
    """Hiragana to katakana (ぁ-ゖ shift by 0x60; ゔ too); everything else unchanged (jaconv's
    hira2kata would also turn the iteration marks ゝゞ into ヽヾ)."""
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)
