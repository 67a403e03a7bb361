"""The dense benchmark interview (SYNTHETIC speech) is as dense as an interview: speech nearly throughout."""
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))


def test_dense_interview_is_dense_and_matches_its_reference(tmp_path):
    from make_dense import build
    from pipeline.asr import speech_regions
    from pipeline.audio import decode
    from pipeline.speech import analyse
    reference = build(1.0, tmp_path / "dense", seed=1)
    audio = decode(tmp_path / "dense.flac")
    assert abs(audio.duration - reference["duration"]) < 0.01 and audio.duration >= 60
    heard = sum(b - a for a, b in speech_regions(analyse(audio.samples))) / audio.duration  # real Silero VAD
    print(f"dense 1 min: speech {heard:.0%} (VAD), {reference['speech_fraction']:.0%} (script), "
          f"{reference['chars_per_minute']:.0f} characters a minute")
    assert heard >= 0.85 and reference["speech_fraction"] >= 0.85
    assert 250 <= reference["chars_per_minute"] <= 400  # Japanese interviews: about 300
    sentences = reference["sentences"]
    assert {s["speaker"] for s in sentences} == {"I", "R"} and "synthetic" in reference["note"].lower()
    assert all(a["end"] <= b["start"] for a, b in zip(sentences, sentences[1:]))
    assert sentences[-1]["end"] <= reference["duration"]
    again = build(1.0, tmp_path / "again", seed=1)  # deterministic for a seed
    assert again["sentences"] == sentences
