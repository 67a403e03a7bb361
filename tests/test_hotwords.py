"""Hotwords only where the recording has said a term: a glossary never changes a window before it."""
from pathlib import Path

import numpy as np
import pytest

from pipeline.asr.hotwords import Hotwords, reading
from pipeline.errors import ConfigError

FURUMI = ("古海忠之", "撫順", "撫順戦犯管理所", "満州国", "関東軍", "シベリア", "ソ連", "抑留", "周恩来")


@pytest.mark.parametrize("text, heard", [
    ("", []),
    ("今日はいい天気ですね。新しい本を読みました。", []),          # nothing like a term
    ("父は満州国の官僚でした。", ["満州国"]),                       # written as the term
    ("武順の管理所にいました。", ["撫順"]),                         # a homophone: read alike
    ("ふるみただゆきという名前です。", ["古海忠之"]),               # kana, as Whisper writes a name it lacks
    ("よく理由されていた", ["抑留"]),                               # one kana off (ヨクリユウ)
    ("しべりあに送られた", ["シベリア"]),
    ("それんの兵隊", ["ソ連"]),                                     # the same reading in kana
    ("そろんの兵隊", []),                                           # ソ連 reads in three kana: no edit allowed
    ("ソ連の兵隊", ["ソ連"]),
])
def test_terms_heard_in_text(text, heard):
    hotwords = Hotwords(FURUMI, "heard")
    hotwords.hear(text)
    assert hotwords.heard == heard


def test_a_window_is_fed_only_what_was_heard_before_it():
    hotwords = Hotwords(FURUMI, "heard")
    assert hotwords == "、".join(FURUMI)  # what faster-whisper is handed: the glossary as one string
    assert hotwords.for_window("") is None  # the first window decodes as without a glossary
    assert hotwords.for_window("天気の話です。") is None
    assert hotwords.for_window("父は武順にいました。") == "撫順"
    assert hotwords.for_window("満州国の話です。") == "撫順、満州国"  # heard terms stay heard, in glossary order
    assert hotwords.report() == {"policy": "heard", "windows": 4, "windows_with_hotwords": 2,
                                 "terms_heard": 2, "terms": len(FURUMI), "redecoded": 0}
    topic = Hotwords(FURUMI, "topic")  # every term, once any was heard
    assert topic.for_window("天気の話です。") is None and topic.for_window("父は武順にいました。") == "、".join(FURUMI)
    every = Hotwords(FURUMI, "all")
    assert every.for_window("") == "、".join(FURUMI)
    with pytest.raises(ConfigError, match="known: heard, topic, window, all"):
        Hotwords(FURUMI, "sometimes")


def test_a_window_that_says_a_term_is_decoded_again_fed():
    """`window`: the window's own text decides, so a recording on topic is fed from the window that first
    says a term (its first, usually), and one that never says a term is never fed."""
    window = Hotwords(FURUMI, "window")
    assert window.for_window("") is None                     # every window is first decoded unfed ...
    assert window.for_own_text("今日はいい天気ですね。") is None  # ... and kept so when it says no term
    assert window.for_window("今日はいい天気ですね。") is None
    assert window.for_own_text("父は武順にいました。") == "、".join(FURUMI)  # decoded again, fed every term
    assert window.for_own_text("満州国") is None             # once only: the recording is on topic now
    assert window.for_window("父は撫順にいました。") == "、".join(FURUMI)
    assert window.report() == {"policy": "window", "windows": 3, "windows_with_hotwords": 2,
                               "terms_heard": 1, "terms": len(FURUMI), "redecoded": 1}
    for policy in ("topic", "heard", "all"):                 # the others never decode a window twice
        assert Hotwords(FURUMI, policy).for_own_text("父は撫順にいました。") is None


def test_readings_are_katakana():
    assert reading("撫順") == "ブジュン" and reading("しべりあ") == "シベリア"


@pytest.mark.parametrize("text", [*FURUMI, "父は武順にいました。", "ふるみただゆきという名前です。", "1953年の春、興安丸で舞鶴に着いた。"])
def test_recognition_reads_a_text_as_the_language_layer_does(text):
    """One SudachiPy (pipeline.sudachi) below both: the reading a hotword is heard by is the language
    layer's morphemes' reading, kana only (a morpheme without one read as written)."""
    from pipeline import sudachi
    from pipeline.asr import hotwords
    from pipeline.nlp import morph
    assert hotwords.tokenizer is morph.tokenizer is sudachi.tokenizer
    kana = "".join(hotwords._katakana(m.reading or m.text) for m in morph.morphemes(text))
    assert reading(text) == kana and kana


def test_a_text_recognition_read_is_not_analysed_again_by_the_language_layer():
    """Recognition's hotword check and the language layer share one analysis per text: a window's text
    that is also a segment's (ありがとうございました。 on the dev interview) goes through Sudachi once."""
    from pipeline import sudachi
    from pipeline.nlp import morph
    text = "撫順の管理所で父に会ったのは昭和三十一年のことでした。"
    sudachi.morphemes.cache_clear()
    sudachi.RUNS.pop(text, None)
    heard = reading(text)
    assert [m.text for m in morph.morphemes(text)] and heard
    morph.word_starts(text)
    assert sudachi.RUNS[text] == 1


def test_a_clip_that_says_no_term_decodes_as_without_a_glossary(cv_clips):
    """The CC0 clips say no Furumi term: with the glossary (the default policy) recognition is the very same
    decode, word for word; faster-whisper's own way (every term in every window) is not."""
    from conftest import read_samples

    from pipeline import models
    from pipeline.asr.faster_whisper import decode
    from pipeline.options import AsrOptions
    model = models.resolve("base")
    path, _ = cv_clips[0]
    samples = read_samples(path)[0].astype(np.float32)
    plain, alone = decode(samples, AsrOptions(), model)
    heard, reported = decode(samples, AsrOptions(hotwords=FURUMI), model)
    assert [(w.text, w.start, w.end) for s in heard for w in s.words] == \
        [(w.text, w.start, w.end) for s in plain for w in s.words]
    assert reported["counters"]["windows_with_hotwords"] == 0
    assert reported["counters"]["prompt_tokens"] == alone["counters"]["prompt_tokens"]  # nothing more fed
    _, every = decode(samples, AsrOptions(hotwords=FURUMI, hotword_policy="all"), model)
    assert every["counters"]["windows_with_hotwords"] >= 1
    assert every["counters"]["prompt_tokens"] > alone["counters"]["prompt_tokens"] + 10


def test_every_block_of_a_recording_on_topic_begins_fed_whatever_the_workers(monkeypatch):
    """`window` on the dev interview cut into two blocks: its first window says a term (decoded again,
    fed), so the second block begins fed instead of listening for a term again; the text is the same
    with one worker or two decoding the blocks at once (the second block waits for the first window)."""
    import pipeline.asr as asr
    from pipeline.audio import decode
    from pipeline.glossary import load_glossary
    from pipeline.options import AsrOptions
    dev = Path(__file__).parent / "data" / "dev_interview"
    terms = tuple(t.text for t in load_glossary(dev / "glossary.txt"))
    audio = decode(dev / "d1_ryuyo.flac")
    monkeypatch.setattr(asr, "block_seconds", lambda duration, workers: 28.0)  # 60 s: two blocks
    runs = [asr.transcribe(audio, AsrOptions(hotwords=terms, hotword_policy="window", workers=w)) for w in (1, 2)]
    one, two = ([(w.text, w.start, w.end) for s in r.segments for w in s.words] for r in runs)
    assert one == two and one
    for r in runs:
        counts = r.provenance["counters"]
        assert counts["windows"] >= 3 and counts["windows_with_hotwords"] == counts["windows"]
        assert counts["hotword_redecodes"] == 1  # the first window only: the second block began fed
