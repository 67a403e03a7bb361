"""Exports: subtitle layout rules (Netflix Japanese), SRT/VTT read back by independent parsers, TXT, JSON."""
import re

import pytest

from pipeline.export import render
from pipeline.export.layout import layout, phrase_bounds
from pipeline.options import SubtitleOptions
from pipeline.transcript import Recording, Segment, Speaker, Transcript, Word
from subtitle_rules import check_srt, check_vtt

SPEAKERS = (Speaker("S1", "聞き手"), Speaker("S2", "古海建一"))


def timed(i, text, start, end, speaker="S2"):
    """A segment whose characters are spoken evenly between start and end."""
    step = (end - start) / len(text)
    words = tuple(Word(c, round(start + k * step, 3), round(start + (k + 1) * step, 3)) for k, c in enumerate(text))
    return Segment(i, start, end, text, words, speaker)


def make(*segments, duration=60.0):
    rec = Recording("t", "t.wav", duration, "0" * 64)
    return Transcript(rec, tuple(segments), SPEAKERS, provenance={"pipeline_version": "t", "stages": {}})


def cue_texts(transcript, options=SubtitleOptions()):
    return ["".join(c.lines) for c in layout(transcript, options)]


LONG = ("父は満州国の官僚でしたが、終戦の後にソ連に抑留されて、シベリアの収容所を転々とし、"
        "1950年の7月に中国へ引き渡されて撫順戦犯管理所に入りました。")


def test_long_speech_obeys_every_rule_and_loses_no_text():
    t = make(timed(0, LONG, 1.0, 21.0))
    check_srt(render("srt", t, SubtitleOptions()))
    check_vtt(render("vtt", t, SubtitleOptions()))
    assert "".join(cue_texts(t)) == LONG


@pytest.mark.parametrize("text", [
    "昭和21年に内戦が始まると、日本へ帰ることができなくなりました。",
    "撫順戦犯管理所で父に面会したのは昭和31年の夏のことでございました。",
    LONG,
])
def test_breaks_fall_between_phrases_never_inside_a_word(text):
    t = make(timed(0, text, 0.0, len(text) * 0.15))
    allowed = set(phrase_bounds(text))
    from pipeline.export.layout import word_bounds
    allowed |= set(word_bounds(text))
    pos = 0
    for cue in layout(t, SubtitleOptions()):
        for line in cue.lines:
            pos = text.index(line, pos)
            assert pos == 0 or pos in allowed, f"break inside a word before {line!r}"
            pos += len(line)
    assert not any(l.startswith("た") for c in layout(t, SubtitleOptions()) for l in c.lines)


def test_word_wider_than_a_line_is_split_as_a_last_resort():
    word = "インターナショナルコミュニケーションズセンター"  # 23 full-width characters
    t = make(timed(0, word + "です。", 0.0, 4.0))
    check_srt(render("srt", t, SubtitleOptions()))
    assert "".join(cue_texts(t)) == word + "です。"


def test_half_width_counts_half():
    text = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # 26 half-width = 13 full-width
    t = make(timed(0, text, 0.0, 3.0))
    assert [c.lines for c in layout(t, SubtitleOptions())] == [[text]]


def test_backchannel_between_turns_gets_minimum_duration_without_overlap():
    t = make(timed(0, "父は撫順にいました。", 0.0, 3.0, "S2"),
             timed(1, "はい。", 3.0, 3.25, "S1"),
             timed(2, "面会に行きました。", 3.25, 6.0, "S2"))
    check_srt(render("srt", t, SubtitleOptions()))
    vtt = check_vtt(render("vtt", t, SubtitleOptions()))
    assert [c.voice for c in vtt] == ["古海建一", "聞き手", "古海建一"]


def test_overlapping_speakers_never_overlap_on_screen():
    t = make(timed(0, "シベリアの収容所に送られました。", 0.0, 4.0, "S2"),
             timed(1, "ええ。", 3.0, 3.5, "S1"),
             timed(2, "五年間そこにいました。", 4.2, 7.0, "S2"))
    check_srt(render("srt", t, SubtitleOptions()))
    check_vtt(render("vtt", t, SubtitleOptions()))


def test_slow_speech_is_split_at_the_maximum_duration():
    t = make(timed(0, "そうですねえ、あの頃は、本当に、何もかもが、大変でした。", 0.0, 20.0))
    cues = check_srt(render("srt", t, SubtitleOptions()))
    assert len(cues) >= 3


@pytest.mark.parametrize("options", [SubtitleOptions(max_line_chars=16, max_lines=1),
                                     SubtitleOptions(max_duration=4.0, min_duration=1.0)])
def test_limits_are_options(options):
    t = make(timed(0, LONG, 0.0, 20.0))
    check_srt(render("srt", t, options), options)
    check_vtt(render("vtt", t, options), options)


def test_vtt_escapes_markup():
    t = make(timed(0, "A<B&C", 0.0, 2.0))
    assert "A&lt;B&amp;C" in render("vtt", t, SubtitleOptions())


def test_txt_is_speaker_labelled_and_timestamped():
    t = make(timed(0, "撫順ではどうでしたか。", 1.0, 3.0, "S1"), timed(1, "元気でした。", 3661.0, 3663.0, "S2"),
             duration=4000.0)
    lines = [l for l in render("txt", t).splitlines() if l]
    assert lines == ["[00:00:01] 聞き手: 撫順ではどうでしたか。", "[01:01:01] 古海建一: 元気でした。"]
    assert all(re.match(r"^\[\d\d:\d\d:\d\d\] ", l) for l in lines)


def test_srt_speaker_labels_option():
    t = make(timed(0, "撫順ではどうでしたか。", 1.0, 3.0, "S1"), timed(1, "元気でした。", 3.0, 5.0, "S2"))
    text = render("srt", t, SubtitleOptions(speaker_labels=True, max_line_chars=20))
    assert "（聞き手）撫順" in text and "（古海建一）元気" in text


def test_empty_transcript_exports_valid_empty_files(schema_validator):
    import json
    t = make(duration=20.0)
    assert check_srt(render("srt", t, SubtitleOptions())) == []
    assert render("vtt", t, SubtitleOptions()).startswith("WEBVTT")
    schema_validator.validate(json.loads(render("json", t, SubtitleOptions())))


def test_html_review_page_is_self_contained(tmp_path):
    from html.parser import HTMLParser
    from pipeline.transcript import Entity
    audio = tmp_path / "rec" / "t.flac"
    audio.parent.mkdir()
    audio.write_bytes(b"")
    t = make(timed(0, "撫順ではどうでしたか。", 1.0, 3.0, "S1"), timed(1, "父は<元気>でした。", 3.5, 5.0, "S2"))
    t = Transcript(Recording("t", str(audio), 60.0, "0" * 64), t.segments, t.speakers,
                   (Entity("撫順", "PLACE", 0, 0, 2, 1.0, 1.4, reading="ブジュン", romanized="Bujun"),),
                   provenance={"pipeline_version": "t", "stages": {}})
    page_dir = tmp_path / "out" / "t"
    page = render("html", t, SubtitleOptions(), page_dir=page_dir)

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links, self.seeks, self.text = [], [], []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            self.links += [v for k, v in attrs.items() if k in ("src", "href")]
            if "data-t" in attrs:
                self.seeks.append(float(attrs["data-t"]))

        def handle_data(self, data):
            self.text.append(data)

    c = Collect()
    c.feed(page)
    assert c.links == ["../../rec/t.flac"] and (page_dir / c.links[0]).resolve() == audio.resolve()
    text = "".join(c.text)
    assert "撫順ではどうでしたか。" in text and "父は<元気>でした。" in text and "聞き手" in text  # escaped, kept
    assert 1.0 in c.seeks and 3.5 in c.seeks and "Bujun" in text
    assert "http://" not in page and "https://" not in page
