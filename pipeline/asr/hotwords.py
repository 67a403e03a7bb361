"""Which glossary terms bias recognition, window by window (faster-whisper `hotwords`).

Fed to every 30-s window, a glossary is a prompt the decoder follows even where nobody says a term:
on the 8 CC0 clips the Furumi glossary raised CER from 0.163 to 0.198. So a window is fed terms only
once the recording has said one (written as the term or read nearly like it): a recording that never
says a term decodes exactly as without a glossary, and the language layer's acoustically checked
correction (pipeline.nlp.glossary_fix) writes what recognition missed. Policies:
- `window` (the default): every window is first decoded unfed; the first whose own text says a term
  is decoded again, fed every term (one more decoder pass, no encoder pass), and every window after
  it is fed. The recording's first window decides for all its blocks (asr/__init__.py decodes blocks
  at once): when it said a term every later block begins fed, as it would have been decoded whole;
  a later block waits for that decision before its first window, so the text is the same whichever
  block runs first or however many run at once. A recording on topic from its first window is thus
  decoded exactly as `all` decodes it;
- `topic`: every term, from the window *after* the one that said a term (each block listening anew:
  its first windows were unfed, which cost CER against `all`: dev 0.073 -> 0.083, nanjing 0.079 ->
  0.095, dense 10 min 0.114 -> 0.125);
- `heard`: only the terms heard (a term the model never comes near is never fed: worse on the
  cassette copy, 0.067 -> 0.119, and on names recognition cannot hear unprompted);
- `all`: faster-whisper's own way, every term in every window.
Measured on the union of the tuning fixtures (tests/data/interviews/README.md, docs/benchmarks.md):
`window` gives `all`'s CER on the interviews (mean of dev, huludao, nanjing 0.092 against 0.093;
`topic` 0.105), the CC0 clips exactly their CER without a glossary (0.1632, no window fed), and on
the dense 10 minutes (two blocks) `all`'s text: CER 0.119 (`topic` 0.131) for one decoder pass more
than `all` (CPU +1.9%; +5.5% against `topic`; docs/benchmarks.md). Held out (Karaganda, run once):
CER 0.118 as before. Its cost against `topic`: entity F1 on the dev interview 0.933 -> 0.706 (fed
from its first window, base hears 1953年の春 as 1953年のハル, as with `all`).

Measured and dropped (second session): decoding every window again, fed only the terms its own text
first says. With Whisper base a hotword prompt of a few terms costs ordinary words as much as it
gives names (父 -> 実は, 収容所 -> 修行場 on the demo): CER demo 0.030 -> 0.065, dev interview
0.083 -> 0.098, for one more decoder pass per term.

A term is heard when the decoded text holds it, or a stretch whose kana reading (SudachiPy) is within
`NEAR_EDITS` kana of the term's reading (武順 for 撫順, ふるみただゆき for 古海忠之).
"""
from __future__ import annotations

import threading
import unicodedata
from contextlib import contextmanager

from ..sudachi import morphemes, to_katakana, tokenizer  # noqa: F401 (tokenizer: the process's one)

POLICIES = ("heard", "topic", "window", "all")
REDECODE = ("window",)  # policies under which a window whose own text says a term is decoded again, fed
MIN_KANA = 3          # a term read in fewer kana is too easily heard by chance: exact spelling only
NEAR_EDITS = 1        # kana edits allowed between a term's reading and what was heard (terms of 4+ kana)
LONG_KANA = 8         # a reading this long may be heard with one edit more
RECENT_TOKENS = 224   # tokens of previous text read at each window (about the window before)

def _katakana(text: str) -> str:
    """The kana of a text (NFKC) as katakana; everything else left out."""
    return "".join(c for c in to_katakana(unicodedata.normalize("NFKC", text)) if "ぁ" <= c <= "ヿ")


def reading(text: str) -> str:
    """Katakana reading of a text (SudachiPy's analysis, shared with the language layer, which asks
    for the same texts again); kanji it cannot read are left out."""
    return "".join(_katakana(m.reading or m.text) for m in morphemes(text))


def _near(term_kana: str, heard_kana: str) -> bool:
    """The term's reading, or one within a few kana edits, stands somewhere in what was heard."""
    from rapidfuzz.distance import Levenshtein
    n = len(term_kana)
    if n < MIN_KANA:
        return False
    if term_kana in heard_kana:
        return True
    allowed = NEAR_EDITS + (n >= LONG_KANA) if n > MIN_KANA else 0
    if not allowed:
        return False
    for width in range(max(1, n - allowed), n + allowed + 1):
        for i in range(0, max(1, len(heard_kana) - width + 1)):
            if Levenshtein.distance(term_kana, heard_kana[i:i + width], score_cutoff=allowed) <= allowed:
                return True
    return False


class Recording:
    """What the blocks of one recording share (`window` policy): whether the recording's first window
    said a term. Decided once, by the first block (see `Topic`)."""

    def __init__(self):
        self.decided, self.on_topic = threading.Event(), False

    def decide(self, on_topic: bool) -> None:
        if not self.decided.is_set():
            self.on_topic = on_topic
            self.decided.set()


class Topic:
    """`window` policy, for one decode (a block of a recording): has the recording turned to the topic
    before this block's first window? The recording's first window decides for all its blocks: the first
    block tells once that window is decoded (or, at the latest, when its second window opens or the
    block ends); a later block waits for that before its first window, so every block of a recording on
    topic begins fed and the text never depends on which block ran first. Without a recording (a clip
    decoded alone, gap recovery, another policy) nothing is shared and no block begins on topic."""

    def __init__(self, recording: Recording | None = None, first: bool = True):
        self.recording, self.first = recording, first
        self.from_start = False  # a later block of a recording whose first window said a term

    def window_opens(self, n: int, heard: bool) -> None:
        """Window `n` (from 1) is about to be decoded; `heard`: this decode has heard a term before it."""
        if not self.recording:
            return
        if n == 1 and not self.first:
            self.recording.decided.wait()
            self.from_start = self.recording.on_topic
        elif n == 2 and self.first:  # decided by now (window_decoded), unless the decode never asked
            self.recording.decide(heard)  # (batched decoding)

    def window_decoded(self, n: int, heard: bool) -> None:
        """Window `n` was decoded unfed; `heard`: its own text (or an earlier one) said a term."""
        if self.recording and self.first and n == 1:
            self.recording.decide(heard)

    def block_ends(self) -> None:
        if self.recording and self.first:
            self.recording.decide(False)  # a first block that decoded no window (or failed) lets the others go


_block = threading.local()  # the Topic of the block the decode in this thread belongs to


@contextmanager
def block_of(recording: Recording, first: bool):
    """Decodes in this thread are a block of `recording` (the first, or a later one) until the end."""
    _block.topic = Topic(recording, first)
    try:
        yield
    finally:
        _block.topic.block_ends()
        _block.topic = None


class Hotwords(str):
    """The glossary joined as faster-whisper's `hotwords` string, which also chooses, each window,
    the terms that window is fed (`for_window`). One per decode: it remembers what was heard."""

    def __new__(cls, terms: tuple[str, ...], policy: str = "topic"):
        if policy not in POLICIES:
            from ..errors import ConfigError
            raise ConfigError(f"unknown hotword policy {policy!r}; known: {', '.join(POLICIES)}")
        self = super().__new__(cls, "、".join(terms))
        self.terms, self.policy = tuple(terms), policy
        self.heard: list[str] = []
        self.windows = self.fed = 0  # windows seen; windows fed hotwords
        self.redecoded = 0           # windows decoded again, fed, because their own text said a term
        self.topic = (getattr(_block, "topic", None) if policy in REDECODE else None) or Topic()
        return self

    def hear(self, text: str) -> None:
        """Note the terms `text` holds (as written, or read nearly alike)."""
        missing = [t for t in self.terms if t not in self.heard]
        if not missing or not text.strip():
            return
        heard_kana = reading(text)
        for term in missing:
            if term in text or _near(reading(term), heard_kana):
                self.heard.append(term)

    def for_window(self, previous_text: str) -> str | None:
        """What to feed the next window, given the text decoded before it (None: nothing)."""
        self.windows += 1
        self.topic.window_opens(self.windows, bool(self.heard))
        if self.policy == "all" or self.policy in ("topic", "window") and (self.heard or self.topic.from_start):
            chosen = self.terms  # (topic: once a term was heard, nothing more to listen for)
        else:
            self.hear(previous_text)
            chosen = tuple(t for t in self.terms if t in self.heard or self.heard and self.policy != "heard")
        self.fed += bool(chosen)
        return "、".join(chosen) or None

    def for_own_text(self, text: str) -> str | None:
        """`window` policy, after a window decoded unfed: the terms to decode it again with, when its
        own text says a term (the recording turned to the collection here), else None."""
        if self.policy not in REDECODE or self.heard or self.topic.from_start:
            return None
        self.hear(text)
        self.topic.window_decoded(self.windows, bool(self.heard))
        if not self.heard:
            return None
        self.fed += 1
        self.redecoded += 1
        return str(self)

    def report(self) -> dict:
        return {"policy": self.policy, "windows": self.windows, "windows_with_hotwords": self.fed,
                "terms_heard": len(self.heard), "terms": len(self.terms), "redecoded": self.redecoded}


def window_hotwords(hotwords, tokenizer, previous_tokens) -> str | None:
    """faster-whisper's get_prompt hook: the hotwords for this window (a plain string passes as is)."""
    if not isinstance(hotwords, Hotwords):
        return hotwords
    recent = [t for t in list(previous_tokens)[-RECENT_TOKENS:] if t < tokenizer.eot]
    return hotwords.for_window(tokenizer.decode(recent) if recent else "")
