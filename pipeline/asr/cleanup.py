"""Guards on raw ASR output: drop text invented on silence, cut repetition loops, keep times sane.

Pure functions on our own dataclasses, shared by every ASR backend.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..transcript import Segment, Word

# Phrases Whisper is known to invent on silence or music, learned from subtitled video. A segment
# made of nothing else is dropped only when the audio gives weak evidence of speech there: people
# do say ご視聴ありがとうございました, and the same words inside real speech are always kept.
HALLUCINATIONS = (
    "ご視聴ありがとうございました", "ご視聴ありがとうございます", "ご清聴ありがとうございました",
    "チャンネル登録お願いします", "チャンネル登録よろしくお願いします", "チャンネル登録をお願いします",
    "最後までご視聴いただきありがとうございます", "最後までご視聴いただきありがとうございました",
    "次回もお楽しみに", "おやすみなさい", "字幕", "字幕制作", "字幕作成", "翻訳",
    "thanksforwatching", "pleasesubscribe",
)
# Weak evidence of speech: Whisper's own thresholds (transcribe.py: no_speech_threshold 0.6,
# logprob_threshold -1.0), or Silero VAD hearing speech in under a third of the segment.
WEAK_NO_SPEECH_PROB = 0.6
WEAK_AVG_LOGPROB = -1.0
WEAK_SPEECH_SHARE = 0.3  # of the segment's time
MIN_LOOP_CHARS = 10  # characters: shorter repeats ("ははは") are ordinary speech
# No one says 14 characters of written Japanese a second. Over 96 cached transcripts (846 segments of 5
# characters or more) the median is 4.8 and real speech (the CC0 clips) reaches 10.2; every segment above
# 12 was the recording's closing ありがとうございました squeezed by the model into 0.4-0.9 s (spoken over
# 1.5 s), once written twice.
MAX_CHARS_PER_SECOND = 14.0


@dataclass(frozen=True)
class RawSegment:
    """One decoded stretch as a backend reports it, converted at once to our types."""

    words: tuple[Word, ...]
    avg_logprob: float | None = None
    no_speech_prob: float | None = None


def bare_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in text if unicodedata.category(c)[0] not in "PZSC")


def is_known_phrase(raw: RawSegment) -> bool:
    """The whole segment is one of the phrases Whisper invents (punctuation and spaces aside)."""
    bare = bare_text("".join(w.text for w in raw.words))
    return any(bare == bare_text(p) for p in HALLUCINATIONS)


def weak_speech(raw: RawSegment, speech_share: float | None = None) -> bool:
    """The recogniser or the VAD doubts anyone spoke here (`speech_share`: VAD speech / segment time)."""
    return ((raw.no_speech_prob or 0) > WEAK_NO_SPEECH_PROB
            or (raw.avg_logprob if raw.avg_logprob is not None else 0) < WEAK_AVG_LOGPROB
            or (speech_share is not None and speech_share < WEAK_SPEECH_SHARE))


def is_hallucination(raw: RawSegment, speech_share: float | None = None) -> bool:
    """True for empty text; a known invented phrase, alone, where speech is doubtful; or unsure text
    where the model heard no speech."""
    if not bare_text("".join(w.text for w in raw.words)):
        return True
    if is_known_phrase(raw) and weak_speech(raw, speech_share):
        return True
    return (raw.no_speech_prob or 0) > 0.8 and (raw.avg_logprob or 0) < -0.8


def cut_repetitions(words: tuple[Word, ...], max_repeats: int) -> tuple[tuple[Word, ...], bool]:
    """Cut a run of the same word sequence repeated more than `max_repeats` times in a row.

    Keeps the first `max_repeats` copies; returns the words and whether anything was cut.
    """
    texts = [w.text.strip() for w in words]
    keep = list(words)
    cut = False
    i = 0
    while i < len(keep):
        best = None
        for n in range(1, 16):
            if i + n * (max_repeats + 1) > len(texts):
                break
            unit = texts[i:i + n]
            k = 1
            while texts[i + k * n:i + (k + 1) * n] == unit:
                k += 1
            if k > max_repeats and k * len("".join(unit)) >= MIN_LOOP_CHARS:
                best = (n, k)
                break
        if best:
            n, k = best
            del keep[i + max_repeats * n:i + k * n]
            del texts[i + max_repeats * n:i + k * n]
            cut = True
            i += max_repeats * n
        else:
            i += 1
    return tuple(keep), cut


def squashed(words: tuple[Word, ...]) -> bool:
    """The words take less time than anyone needs to say them (5 characters or more)."""
    n = len(bare_text("".join(w.text for w in words)))
    return n >= 5 and n > MAX_CHARS_PER_SECOND * (words[-1].end - words[0].start)


def drop_squashed_copies(words: tuple[Word, ...]) -> tuple[tuple[Word, ...], bool]:
    """A phrase written twice in a row where one copy is squashed into too little time to be said
    (ありがとうございました。ありがとうございました。, the first in 0.42 s): the decoder repeated
    itself, and the squashed copy goes. Returns the words and whether one went."""
    texts = [bare_text(w.text) for w in words]
    for n in range(1, len(words) // 2 + 1):
        for i in range(len(words) - 2 * n + 1):
            first, second = words[i:i + n], words[i + n:i + 2 * n]
            if texts[i:i + n] != texts[i + n:i + 2 * n] or len("".join(texts[i:i + n])) < MIN_LOOP_CHARS:
                continue
            if squashed(first):
                return words[:i] + second + words[i + 2 * n:], True
            if squashed(second):
                return words[:i + n] + words[i + 2 * n:], True
    return words, False


def tidy_words(words: list[Word], duration: float) -> tuple[Word, ...]:
    """Clamp times into the recording, keep starts ordered, drop empty pieces, trim leading space."""
    out: list[Word] = []
    last_start = 0.0
    for w in words:
        text = w.text if out else w.text.lstrip()
        if not text:
            continue
        start = min(max(w.start, last_start, 0.0), duration)
        end = min(max(w.end, start), duration)
        out.append(Word(text, round(start, 3), round(end, 3), w.probability))
        last_start = start
    while out and not out[-1].text.strip():
        out.pop()
    if out and out[-1].text != out[-1].text.rstrip():
        last = out[-1]
        out[-1] = Word(last.text.rstrip(), last.start, last.end, last.probability)
    return tuple(out)


def to_segment(words: tuple[Word, ...], flags: tuple[str, ...] = ()) -> Segment:
    return Segment(id=0, start=words[0].start, end=max(w.end for w in words),
                   text="".join(w.text for w in words), words=words, flags=flags)
