"""Access copies on the demo recording's real pipeline output: restrictions as a layer, `publish`
(audio read back with PyAV, every export read back by its own parser), clips, suggestions, the CLI."""
import csv
import hashlib
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from conftest import DEMO
from pipeline.access import RestrictionsLayer, clip, publish
from pipeline.access.layer import RestrictionError, parse_until
from pipeline.access.publish import PublishError, corrected, restrict
from pipeline.access.resolve import resolve
from pipeline.access.suggest import suggestions
from pipeline.cli import main
from pipeline.options import AccessOptions
from pipeline.transcript import Recording, Segment, Transcript, Word
from subtitle_rules import check_srt, check_vtt

REC = DEMO.stem
PLACEHOLDER = "［非公開］"
AS_OF = date(2030, 1, 1)
TEXT_FILES = (".json", ".srt", ".vtt", ".txt", ".rttm", ".csv", ".html")


@pytest.fixture
def out(tmp_path, demo_output):
    target = tmp_path / "out"
    shutil.copytree(demo_output, target)
    return target


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def native(path: Path) -> tuple[np.ndarray, int]:
    """Samples at the file's own rate and format (channels, n), as PyAV decodes them."""
    import av
    frames = []
    with av.open(str(path)) as c:
        for f in c.decode(audio=0):
            x = f.to_ndarray()  # planar: (channels, n); packed: (1, n * channels), interleaved
            frames.append(x if f.format.is_planar else x.reshape(-1, len(f.layout.channels)).T)
        rate = c.streams.audio[0].rate
    return np.concatenate(frames, axis=1), rate


def pick_name(t: Transcript) -> str:
    """A PERSON the recogniser heard, the one said most often (a name to close everywhere)."""
    people = {e.text for e in t.entities if e.label == "PERSON" and len(e.text) >= 2}
    assert people, "the demo transcript has no person to restrict"
    return max(sorted(people), key=lambda p: (sum(s.text.count(p) for s in t.segments), len(p)))


def pick_passage(t: Transcript, name: str) -> tuple[Segment, set[str]]:
    """A line without the name, and its words that are said nowhere else (what must disappear)."""
    for seg in sorted(t.segments, key=lambda s: s.start - s.end):  # the longest first
        if name in seg.text:
            continue
        others = "".join(s.text for s in t.segments if s is not seg)
        own = {w.text for w in seg.words if len(w.text) >= 2 and w.text not in others and not re.fullmatch(r"\W+", w.text)}
        if len(own) >= 2:
            return seg, own
    pytest.fail("no passage with words of its own")


def speech_rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x.astype(np.float64) ** 2)) + 1e-9)


def test_publish_closes_a_name_everywhere_and_a_passage(out, tmp_path, schema_validator):
    t = corrected(out / REC)
    name = pick_name(t)
    passage, words = pick_passage(t, name)
    restrict(out, {"kind": "entity", "text": name, "reason": "third_party"}, "tester")  # the collection's rule
    restrict(out / REC, {"kind": "span", "start": passage.start, "end": passage.end, "reason": "narrator",
                         "until": "2040"}, "tester")
    master, before = Path(t.recording.source), tree(out)
    master_sha = sha(master)
    public = tmp_path / "public"
    result = publish(out, public, AccessOptions(), AS_OF)
    assert result.ok, result.failed

    # no export holds the name or the passage's words; the placeholder stands in their place
    folder = public / REC
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.suffix in TEXT_FILES}
    assert {f"{REC}{x}" for x in (".json", ".srt", ".vtt", ".txt", ".rttm", ".entities.csv", ".html")} <= set(texts)
    for file_name, text in texts.items():
        assert name not in text, f"{file_name} still names {name}"
        for w in words:
            assert w not in text, f"{file_name} still holds {w!r} of the closed passage"
    for ext in (".srt", ".vtt", ".txt", ".json", ".html"):
        assert PLACEHOLDER in texts[REC + ext]
    data = json.loads(texts[f"{REC}.json"])
    schema_validator.validate(data)
    check_srt(texts[f"{REC}.srt"])
    check_vtt(texts[f"{REC}.vtt"])
    for line in (texts[f"{REC}.srt"] + texts[f"{REC}.vtt"]).splitlines():  # a subtitle never splits the placeholder
        assert line.count("［") == line.count("］") == line.count(PLACEHOLDER)
    list(csv.DictReader(io.StringIO(texts[f"{REC}.entities.csv"])))
    closed_line = next(s for s in data["segments"] if abs(s["start"] - passage.start) < 0.01)
    assert closed_line["text"] == PLACEHOLDER and closed_line["end"] == passage.end  # times kept

    # the audio: silent in each span (30 dB or more below the speech around it), untouched elsewhere
    manifest = json.loads((public / "manifest.json").read_text(encoding="utf-8"))
    [entry] = manifest["recordings"]
    spans = entry["spans"]
    assert entry["closed"] >= 2 and len(spans) >= 2
    a, rate = native(master)
    b, rate_b = native(folder / entry["audio"])
    assert rate_b == rate and a.shape == b.shape and a.dtype == b.dtype
    fade = round(0.02 * rate)
    outside = np.ones(a.shape[1], bool)
    for s, e in spans:
        i, j = round(s * rate), round(e * rate)
        outside[max(0, i - fade):j + fade] = False
        around = np.concatenate([a[:, max(0, i - rate):max(0, i - fade)], a[:, j + fade:j + rate]], axis=1)
        assert 20 * np.log10(speech_rms(around) / speech_rms(b[:, i:j])) >= 30
    assert np.array_equal(a[:, outside], b[:, outside]), "samples outside the closed spans changed"
    assert any(s <= passage.start and passage.end <= e for s, e in spans)

    # the manifest: every file with its sha256, counts and times, never what was said
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert listed == {p.relative_to(public).as_posix(): sha(p) for p in folder.iterdir()}
    blob = json.dumps(manifest, ensure_ascii=False)
    assert name not in blob and not any(w in blob for w in words)
    # masters and OUT are only read
    assert sha(master) == master_sha == t.recording.sha256
    assert tree(out) == before


def test_the_name_is_not_heard_in_the_access_audio(out, tmp_path):
    """Recognition (the bundled model) on the access copy around each closed mention."""
    from pipeline.asr import transcribe
    from pipeline.audio import decode
    from pipeline.options import AsrOptions
    t = corrected(out / REC)
    name = pick_name(t)
    restrict(out, {"kind": "entity", "text": name}, "tester")
    public = tmp_path / "public"
    assert publish(out, public, AccessOptions(), AS_OF).ok
    spans = json.loads((public / "manifest.json").read_text(encoding="utf-8"))["recordings"][0]["spans"]
    audio = decode(public / REC / f"{REC}.flac")
    lo, hi = max(0, spans[0][0] - 3), min(audio.duration, spans[-1][1] + 3)
    part = audio.samples[round(lo * 16000):round(hi * 16000)]
    heard = transcribe(type(audio)(part, audio.info), AsrOptions(cpu_threads=1)).segments
    text = "".join(s.text for s in heard)
    assert text.strip(), "recognition heard nothing at all around the closed name"
    assert name not in text


def test_tone_in_a_chosen_format(out, tmp_path):
    t = corrected(out / REC)
    seg = max(t.segments, key=lambda s: s.end - s.start)
    restrict(out / REC, {"kind": "span", "start": seg.start, "end": seg.end}, "tester")
    public = tmp_path / "public"
    assert publish(out, public, AccessOptions(audio="tone", format="m4a"), AS_OF).ok
    b, rate = native(public / REC / f"{REC}.m4a")
    x = b[0, round((seg.start + 0.1) * rate):round((seg.end - 0.1) * rate)].astype(np.float64)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    assert abs(freqs[spectrum.argmax()] - 1000) < 5
    near = (freqs > 950) & (freqs < 1050)
    assert (spectrum[near] ** 2).sum() / (spectrum ** 2).sum() > 0.9  # the tone holds the energy, no speech left


def test_as_of_lifts_a_past_restriction(out, tmp_path):
    t = corrected(out / REC)
    name = pick_name(t)
    restrict(out / REC, {"kind": "entity", "text": name, "until": "2025-04-01"}, "tester")
    assert publish(out, tmp_path / "then", AccessOptions(), date(2025, 3, 31)).ok
    assert publish(out, tmp_path / "now", AccessOptions(), date(2025, 4, 1)).ok
    then = (tmp_path / "then" / REC / f"{REC}.txt").read_text(encoding="utf-8")
    now = (tmp_path / "now" / REC / f"{REC}.txt").read_text(encoding="utf-8")
    assert name not in then and PLACEHOLDER in then
    assert name in now and PLACEHOLDER not in now
    manifest = json.loads((tmp_path / "now" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["recordings"][0]["lifted"] == 1 and manifest["recordings"][0]["closed"] == 0
    a, _ = native(Path(t.recording.source))
    b, _ = native(tmp_path / "now" / REC / f"{REC}.flac")
    assert np.array_equal(a, b)  # lifted: the audio is the master's, sample for sample


def test_a_clip_starts_at_zero_and_matches_its_audio(out, tmp_path):
    import srt
    import webvtt
    t = corrected(out / REC)
    start, end = t.segments[2].start - 0.3, t.segments[5].end + 0.2
    target = tmp_path / "clips" / "excerpt.flac"
    clip(out / REC, start, end, target, master=True)
    a, rate = native(Path(t.recording.source))
    b, _ = native(target)
    assert abs(b.shape[1] - round((end - start) * rate)) <= 1
    assert np.array_equal(a[:, round(start * rate):round(start * rate) + b.shape[1]], b)  # the same samples
    cues = list(srt.parse(target.with_suffix(".srt").read_text(encoding="utf-8")))
    assert cues and 0 <= cues[0].start.total_seconds() < 0.5
    assert cues[-1].end.total_seconds() <= end - start + 0.001
    # each cue is the words said at that moment of the clip: the same text the full transcript has there
    words = [(w.start - start, w.end - start, w.text) for s in t.segments for w in s.words if start <= (w.start + w.end) / 2 < end]
    for cue in cues:  # cue times are whole milliseconds: a word starting where a cue ends is the next cue's
        said = "".join(x for a0, b0, x in words if cue.start.total_seconds() - 0.01 <= a0 < cue.end.total_seconds() - 0.005)
        assert cue.content.replace("\n", "") == said
    assert len(webvtt.read(str(target.with_suffix(".vtt")))) == len(cues)
    assert target.with_suffix(".txt").read_text(encoding="utf-8").startswith("[00:00:00]")


def test_a_clip_of_a_closed_passage_is_closed(out, tmp_path):
    t = corrected(out / REC)
    seg = t.segments[3]
    restrict(out / REC, {"kind": "span", "start": seg.start, "end": seg.end}, "tester")
    target = tmp_path / "c.flac"
    main(["clip", str(out / REC), str(seg.start - 1), f"00:00:{seg.end + 1:06.3f}", "-o", str(target)])
    b, rate = native(target)
    inside = b[:, round(1.05 * rate):round((seg.end - seg.start + 0.95) * rate)]
    assert np.abs(inside).max() == 0
    assert PLACEHOLDER in target.with_suffix(".srt").read_text(encoding="utf-8")
    assert seg.text not in target.with_suffix(".txt").read_text(encoding="utf-8")


def test_restrictions_follow_the_words_after_a_rerun():
    """An occurrence is anchored by time and text: a re-run that moves and rewords the line keeps it closed."""
    def transcript(text: str, shift: float) -> Transcript:
        words = tuple(Word(ch, 1 + shift + k * 0.2, 1.2 + shift + k * 0.2) for k, ch in enumerate(text))
        return Transcript(Recording("r", "r.flac", 10.0, "0" * 64), (Segment(0, 1 + shift, 1 + shift + 0.2 * len(text), text, words),))
    first = transcript("山田さんが来た", 0.0)
    layer_entry = {"n": 1, "op": "restrict", "kind": "occurrence", "text": "山田", "reason": "third_party", "until": None,
                   "segment": {"start": 1.0, "end": 2.4, "text": "山田さんが来た"}, "char_start": 0, "char_end": 2,
                   "start": 1.0, "end": 1.4}
    again = transcript("あの山田さんが来ました", 0.3)  # the line changed under it
    r = resolve(again, [("r", layer_entry)], AccessOptions(entity_padding=0), AS_OF)
    assert r.transcript.segments[0].text == f"あの{PLACEHOLDER}さんが来ました"
    assert r.closures[0].status == "review"
    assert r.spans() == [(1.7, 2.1)]
    gone = transcript("別の話です", 0.0)  # the words are gone: their time stays closed, listed
    r = resolve(gone, [("r", layer_entry)], AccessOptions(entity_padding=0), AS_OF)
    assert r.closures[0].status == "unresolved" and r.spans() == [(1.0, 1.4)]
    assert resolve(first, [("r", layer_entry)], AccessOptions(), AS_OF).closures[0].status == "applied"


@pytest.mark.parametrize("text, kind, found", [
    ("電話番号は03-1234-5678です", "phone", "03-1234-5678"),
    ("携帯は０９０－１２３４－５６７８にかけて", "phone", "０９０－１２３４－５６７８"),
    ("郵便番号は〒100-0001です", "postal", "〒100-0001"),
    ("メールはtaro.yamada@example.co.jpまで", "email", "taro.yamada@example.co.jp"),
    ("住所は東京都千代田区千代田1丁目1番1号です", "address", "東京都千代田区千代田1丁目1番1号"),
    ("横浜市中区山下町3番地に住んでいた", "address", "横浜市中区山下町3番地"),
    ("昭和31年の7月のことです", None, None),
    ("1950年に中国へ渡った", None, None),
])
def test_suggestions_find_personal_data(text, kind, found):
    t = Transcript(Recording("r", "r.flac", 10.0, "0" * 64), (Segment(0, 0.0, 5.0, text, (Word(text, 0.0, 5.0),)),))
    got = [(s["kind"], s["text"]) for s in suggestions(t)]
    assert got == ([(kind, found)] if kind else [])


def test_suggested_people_are_those_outside_the_glossary(out):
    t = corrected(out / REC)
    people = {e.text for e in t.entities if e.label == "PERSON"}
    first = sorted(people)[0]
    assert {s["text"] for s in suggestions(t, glossary=set()) if s["kind"] == "person"} == people
    assert first not in {s["text"] for s in suggestions(t, glossary={first})}


def test_cli_restrict_list_remove_and_refusals(out, tmp_path, capsys):
    rec = str(out / REC)
    assert main(["restrict", rec, "--span", "00:00:05", "7.5", "--reason", "narrator", "--until", "2040",
                 "--author", "Sato"]) == 0
    assert main(["restrict", rec, "--entity", "名前のない人"]) == 0  # none yet: future mentions are closed too
    assert main(["restrict", rec, "--list"]) == 0
    listed = capsys.readouterr().out
    assert "span 5.00-7.50 s" in listed and "until 2040-01-01" in listed and "名前のない人" in listed
    assert main(["restrict", rec, "--remove", "2"]) == 0
    assert main(["restrict", rec, "--remove", "2"]) == 2  # already lifted
    assert main(["restrict", rec, "--span", "9", "3"]) == 2
    assert main(["restrict", rec, "--span", "1", "2", "--reason", "because"]) == 2
    assert main(["restrict", rec, "--entity", "x", "--until", "next year"]) == 2
    assert main(["restrict", str(tmp_path), "--entity", "x"]) == 2
    entries = RestrictionsLayer.of_recording(out / REC).entries()
    assert [e["op"] for e in entries] == ["restrict", "restrict", "remove"] and entries[0]["author"] == "Sato"
    assert [e["n"] for e in RestrictionsLayer.of_recording(out / REC).restrictions()] == [1]
    assert main(["publish", str(out), "-o", str(out / "public")]) == 2  # never inside OUT
    assert main(["publish", str(out), "-o", str(tmp_path / "p")]) == 0
    assert main(["publish", str(out), "-o", str(tmp_path / "p")]) == 2  # not empty: --force to replace
    assert main(["publish", str(out), "-o", str(tmp_path / "p"), "--force", "--format", "mp3"]) == 0
    assert (tmp_path / "p" / REC / f"{REC}.mp3").is_file()


def test_layer_validation():
    assert parse_until("2040") == "2040-01-01" and parse_until("2031-4") == "2031-04-01"
    with pytest.raises(RestrictionError):
        parse_until("2040-13-01")
    layer = RestrictionsLayer(Path("/nonexistent/restrictions.json"), "collection")
    with pytest.raises(RestrictionError):
        layer.add({"kind": "span", "start": 1, "end": 2}, "x")  # the collection's rules are entity-wide


def test_a_missing_master_fails_that_recording_only(out, tmp_path):
    data = json.loads((out / REC / ".kikigaki" / "nlp.json").read_text(encoding="utf-8"))
    data["result"]["recording"]["source"] = str(tmp_path / "moved.flac")
    (out / REC / ".kikigaki" / "nlp.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = publish(out, tmp_path / "public", AccessOptions(), AS_OF)
    assert not result.ok and "not found" in result.failed[0][1]
    with pytest.raises(PublishError):
        clip(out / REC, 1, 2, tmp_path / "c.flac")


def test_a_clip_around_a_search_hit(out, tmp_path):
    t = corrected(out / REC)
    name = pick_name(t)
    seg = next(s for s in t.segments if name in s.text)
    target = tmp_path / "hit.flac"
    assert main(["clip", str(out / REC), "--around", name, "--context", "1", "-o", str(target), "--master"]) == 0
    assert name in target.with_suffix(".txt").read_text(encoding="utf-8")
    b, rate = native(target)
    assert abs(b.shape[1] / rate - (min(seg.end + 1, t.recording.duration) - max(0, seg.start - 1))) < 0.01
    assert main(["clip", str(out / REC), "--around", name, "--hit", "99", "-o", str(tmp_path / "x.flac")]) == 2
    assert main(["clip", str(out / REC), "-o", str(tmp_path / "y.flac")]) == 2


def test_default_toml_documents_the_access_options():
    from dataclasses import fields
    from conftest import ROOT
    from pipeline.options import load_config
    assert load_config(ROOT / "configs" / "default.toml").access == AccessOptions()
    text = (ROOT / "configs" / "default.toml").read_text(encoding="utf-8")
    for f in fields(AccessOptions):
        assert f"\n{f.name} =" in text, f"{f.name} missing from configs/default.toml"


@pytest.mark.parametrize("text", ["お父様の［非公開］さんについてお話を伺います。", "［非公開］ではどんなご様子でしたか？",
                                  "父は「満州国」の官僚でした。"])
def test_lines_never_break_inside_the_placeholder_or_after_an_opening_bracket(text):
    from pipeline.export.layout import phrase_bounds, word_bounds
    at = text.find(PLACEHOLDER)
    for cut in phrase_bounds(text) + word_bounds(text):
        assert text[cut - 1] not in "［「"
        assert at < 0 or not at < cut < at + len(PLACEHOLDER)


def test_a_stereo_24_bit_master_stays_sample_exact(tmp_path):
    """The audio edit alone, on a 48 kHz stereo 24-bit FLAC master made here (real encoder, real decoder)."""
    import subprocess
    import wave

    import imageio_ffmpeg
    from pipeline.access import audio
    rate, n = 48000, 48000 * 3
    t = np.arange(n) / rate
    rng = np.random.default_rng(0)
    left = 0.5 * np.sin(2 * np.pi * 220 * t) + 0.05 * rng.standard_normal(n)
    right = 0.4 * np.sin(2 * np.pi * 330 * t) + 0.05 * rng.standard_normal(n)
    pcm = (np.clip(np.stack([left, right], 1), -1, 1) * (2 ** 23 - 1)).astype("<i4")
    raw = np.ascontiguousarray(pcm.view(np.uint8).reshape(n, 2, 4)[:, :, :3]).tobytes()  # little-endian 24-bit
    with wave.open(str(tmp_path / "m.wav"), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(3)
        w.setframerate(rate)
        w.writeframes(raw)
    master = tmp_path / "master.flac"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(tmp_path / "m.wav"), "-c:a", "flac",
                    "-sample_fmt", "s32", str(master)], check=True)
    spans = [(0.5, 0.9), (2.0, 2.5)]
    options = AccessOptions()
    access = audio.write(audio.close_spans(audio.load(master), spans, options), tmp_path / "access.flac", "flac")
    a, _ = native(master)
    b, _ = native(access)
    assert a.shape == b.shape == (2, n) and a.dtype == b.dtype
    outside = np.ones(n, bool)
    for s, e in spans:
        outside[round(s * rate) - 960:round(e * rate) + 960] = False
        assert np.abs(b[:, round(s * rate):round(e * rate)]).max() == 0
    assert np.array_equal(a[:, outside], b[:, outside])
