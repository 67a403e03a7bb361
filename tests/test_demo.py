"""The demo recording (synthetic two-voice interview) end to end, with and without the collection glossary."""
import json

import pytest

from conftest import DEMO, ROOT
from pipeline.evaluate import cer
from subtitle_rules import check_srt, check_vtt

pytestmark = pytest.mark.numeric  # model outputs and score bounds: checked on two instruction sets

REFERENCE = json.loads(DEMO.with_suffix(".reference.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores(demo_output, demo_furumi_output):
    found = {}
    for name, out in (("plain", demo_output), ("furumi", demo_furumi_output)):
        folder = out / DEMO.stem
        data = json.loads((folder / f"{DEMO.stem}.json").read_text(encoding="utf-8"))
        hyp = "".join(s["text"] for s in data["segments"])
        found[name] = (cer(hyp, "".join(s["text"] for s in REFERENCE["sentences"])), data, folder)
    return found


def test_demo_is_labelled_synthetic():
    assert "synthetic" in DEMO.name and REFERENCE["synthetic"] is True
    assert "synthetic" in (ROOT / "recordings" / "README.md").read_text().lower()


def test_demo_transcribes_end_to_end(scores, schema_validator):
    score, data, folder = scores["plain"]
    print(f"demo CER without glossary: {score:.3f}")
    assert score <= 0.22  # measured 0.185 (0.145 when recognition read faster-whisper's Silero export)
    schema_validator.validate(data)
    counts = data["provenance"]["stages"]["asr"]["counters"]  # what recognition cost, in provenance
    assert counts["windows"] >= 2 and counts["tokens"] > 100 and counts["decodes"] >= counts["windows"]
    assert "redecodes" in data["provenance"]["stages"]["asr"]["gap_recovery"]
    check_srt((folder / f"{DEMO.stem}.srt").read_text(encoding="utf-8"))
    check_vtt((folder / f"{DEMO.stem}.vtt").read_text(encoding="utf-8"))
    # sentence times: every reference sentence is covered by some transcribed word
    words = [w for s in data["segments"] for w in s["words"]]
    for sentence in REFERENCE["sentences"]:
        assert any(sentence["start"] - 0.5 <= w["start"] <= sentence["end"] + 0.5 for w in words), sentence["text"]


def test_glossary_improves_recognition(scores):
    plain, furumi = scores["plain"][0], scores["furumi"][0]
    print(f"demo CER with the Furumi glossary: {furumi:.3f} (without: {plain:.3f})")
    # Measured 0.020 vs 0.185 natively (AVX2, one recognition thread; on faster-whisper's VAD 0.035 vs 0.145,
    # and 0.160 vs 0.145 with AVX kernels and two threads, make test-numeric): the hotword-biased decoding
    # is fragile there (open: issues 10 and 12).
    # What holds on every setting seen: no worse than the plain run by more than a few characters.
    assert furumi <= 0.20 and furumi <= plain + 0.03
    # hotwords once a term was heard (asr/hotwords.py): the demo says one at once, so its first window is
    # decoded again, fed, and every window after it is fed
    counts = scores["furumi"][1]["provenance"]["stages"]["asr"]["counters"]
    assert counts["hotword_redecodes"] == 1 and counts["windows"] - 1 <= counts["windows_with_hotwords"]
    assert scores["furumi"][1]["provenance"]["collection"] == "Furumi Ken'ichi sessions"


def test_collection_names_reach_every_export(scores):
    _, data, folder = scores["furumi"]
    names = {s["id"]: s["name"] for s in data["speakers"]}
    assert names == {"S1": "聞き手", "S2": "古海建一"}  # by order of first speech
    first = min(data["segments"], key=lambda s: s["start"])
    assert first["speaker"] == "S1"
    vtt = check_vtt((folder / f"{DEMO.stem}.vtt").read_text(encoding="utf-8"))
    assert {c.voice for c in vtt} == {"聞き手", "古海建一"}
    txt = (folder / f"{DEMO.stem}.txt").read_text(encoding="utf-8")
    assert "] 古海建一: " in txt and "] 聞き手: " in txt
    assert "古海建一" in (folder / f"{DEMO.stem}.rttm").read_text(encoding="utf-8")


def test_demo_speaker_turns(scores):
    from conftest import der
    from pipeline.transcript import Turn
    _, data, _ = scores["plain"]
    reference = [(t["start"], t["end"], t["speaker"]) for t in REFERENCE["turns"]]
    score = der(reference, [Turn(**t) for t in data["turns"]])
    print(f"DER demo recording: {score:.3f}")
    assert score <= 0.05


def test_demo_entities_with_the_collection_glossary(scores):
    from pipeline.evaluate import entity_scores
    from pipeline.transcript import Transcript
    transcript = Transcript.from_dict(scores["furumi"][1])
    result = entity_scores(transcript, REFERENCE)
    print(f"demo entities with the Furumi glossary: F1 {result['f1']:.2f}, dates {result['dates_normalized']:.2f}, "
          f"timed {result['timed']:.2f}")
    assert result["f1"] >= 0.85 and result["dates_normalized"] >= 0.8 and result["timed"] >= 0.85  # F1 1.00 / 0.91, timed 0.92 / 0.90 (AVX2 1 thread / AVX 2 threads)
    by_text = {e.text: e for e in transcript.entities}
    assert by_text["昭和31年"].normalized == "1956"
    # which glossary names recognition gets depends on the CPU's kernels (AVX with two threads missed
    # 満州国 here once, F1 0.91): each one found is romanized as the glossary's reading says
    found = [(text, roman) for text, roman in (("満州国", "Manshūkoku"), ("シベリア", "Shiberia"))
             if text in by_text]
    assert found and all(by_text[text].romanized == roman for text, roman in found), found
