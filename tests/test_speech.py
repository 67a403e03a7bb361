"""The speech analysis (Silero VAD once per recording, one model) on real audio: its probabilities are
the silero-vad package's torch model's, its regions what faster-whisper's loop and silero-vad's own find,
block-at-a-time probabilities are the whole recording's, recognition from it is what faster-whisper's
`vad_filter` gives with that model, and a run of the pipeline puts the audio through the network once."""
import json
from pathlib import Path

import numpy as np
import pytest

from conftest import CV, DEV, ROOT
from pipeline import speech
from pipeline.audio import decode

DEMO = ROOT / "recordings" / "synthetic_furumi_demo.flac"
# each consumer's settings (recognition's defaults, gap recovery, the hallucination check, the diarizer)
SETTINGS = [{}, {"min_silence_duration_ms": 500, "speech_pad_ms": 200},
            {"min_silence_duration_ms": 200, "speech_pad_ms": 100},
            {"min_silence_duration_ms": 200, "speech_pad_ms": 30, "min_speech_duration_ms": 250}]


def ours_in_faster_whisper():
    """faster-whisper's `SileroVADModel` (its windows, context and batches) with our model's session in
    place of its own export's (the same inputs and outputs)."""
    from faster_whisper.vad import SileroVADModel
    model = SileroVADModel.__new__(SileroVADModel)
    model.session = speech._session()
    return model


def one_call(samples: np.ndarray) -> np.ndarray:
    """Our model over a whole recording in one call, as faster-whisper's `vad_filter` runs its own."""
    return ours_in_faster_whisper()(np.pad(samples, (0, speech.WINDOW - len(samples) % speech.WINDOW))).reshape(-1)


def test_the_probabilities_are_the_silero_vad_packages_own():
    """The batched sequence export, run as faster-whisper runs Silero, gives the package's torch model's
    probabilities run a window at a time; faster-whisper's own export is another model (Silero v6.0's
    weights), not another way of running it: it differs by far more than rounding."""
    import torch
    from faster_whisper.vad import get_vad_model
    from silero_vad import load_silero_vad
    samples = decode(DEMO).samples[:16000 * 20]
    found = speech.analyse(samples).probabilities
    padded = np.pad(samples, (0, speech.WINDOW - len(samples) % speech.WINDOW))
    model = load_silero_vad()
    with torch.no_grad():
        theirs = np.array([float(model(torch.from_numpy(w.copy()), 16000)) for w in padded.reshape(-1, speech.WINDOW)])
    assert np.abs(found - theirs).max() < 1e-4
    faster_whispers = get_vad_model()(padded).reshape(-1)
    assert np.abs(found - faster_whispers).max() > 0.3


def test_regions_are_what_faster_whisper_finds(monkeypatch):
    from faster_whisper import vad
    samples = decode(DEMO).samples
    found = speech.analyse(samples)
    assert np.array_equal(found.probabilities, one_call(samples))
    monkeypatch.setattr(vad, "get_vad_model", ours_in_faster_whisper)
    for vad_options in SETTINGS:
        theirs = [(s["start"], s["end"]) for s in vad.get_speech_timestamps(samples, vad.VadOptions(**vad_options))]
        assert found.regions(**vad_options) == theirs, vad_options
        assert len(theirs) >= 1
    assert len(found.regions(**SETTINGS[1])) >= 6  # the demo's turns and pauses, not one blur
    lo, hi = 100_001, 500_000  # a block of a longer recording: its regions lie inside it
    inside = found.regions(lo, hi, **SETTINGS[1])
    assert inside and all(lo <= a < b <= hi for a, b in inside)


def test_the_diarizers_regions_are_silero_vads_own():
    """The analysis (the silero-vad package's model, as a batched sequence model) finds what the
    package's torch model found a window at a time, with the diarizer's settings."""
    import torch
    from silero_vad import get_speech_timestamps, load_silero_vad

    from pipeline.diarize import builtin
    samples = decode(DEV / "d1_ryuyo.flac").samples
    theirs = get_speech_timestamps(torch.from_numpy(samples), load_silero_vad(), sampling_rate=16000,
                                   min_silence_duration_ms=200, speech_pad_ms=30)
    step = 16000 // builtin.FPS
    regions = builtin.speech_regions(speech.analyse(samples))
    assert regions == [(s["start"] // step, s["end"] // step) for s in theirs] and len(regions) >= 5


def test_a_long_recording_is_analysed_a_block_at_a_time_with_the_same_result():
    samples = np.tile(decode(DEMO).samples, 7)  # 5.6 minutes: more than one network call (320 s)
    assert len(samples) > speech.BLOCK_WINDOWS * speech.WINDOW
    found = speech.analyse(samples)
    assert np.array_equal(found.probabilities, one_call(samples))
    assert speech.Speech.silent(len(samples)).regions() == []


def test_recognition_from_the_analysis_is_faster_whispers_vad_filter(monkeypatch):
    """Two clips with 2.5 s of silence between: the VAD cuts it out and times are restored after it, as
    faster-whisper's `vad_filter` does with the same model in its own export's place."""
    from faster_whisper import vad
    from pipeline import models
    from pipeline.asr import faster_whisper as fw
    from pipeline.options import AsrOptions
    a, b = (decode(CV / f"common_voice_ja_{n}_16k.wav").samples for n in (38833628, 38843402))
    samples = np.concatenate([a, np.zeros(40_000, np.float32), b])
    options, model = AsrOptions(), models.resolve(AsrOptions().model)
    analysis = speech.analyse(samples)
    ours, _ = fw.decode(samples, options, model, regions=analysis.regions)
    engine = fw._load(model, options)
    monkeypatch.setattr(vad, "get_vad_model", ours_in_faster_whisper)
    theirs, _ = engine.transcribe(samples, vad_filter=True, language=options.language or None,
                                  beam_size=options.beam_size, word_timestamps=True,
                                  condition_on_previous_text=options.condition_on_previous_text)
    theirs = [(w.word, w.start, w.end, round(w.probability, 4)) for s in theirs for w in s.words]
    assert [(w.text, w.start, w.end, w.probability) for r in ours for w in r.words] == theirs
    assert max(w[2] for w in theirs) > (len(a) + 40_000) / 16000  # words after the silence, times restored


def test_the_pipeline_puts_a_recording_through_the_vad_once(tmp_path, monkeypatch):
    """The dev interview with its glossary: recognition's regions, gap recovery (which decodes a passage
    again here), the hallucination check and the builtin diarizer read one analysis: the network is run
    over the recording's windows once (counted at the ONNX sessions themselves, whoever calls them:
    faster-whisper's own VAD, with its own export, would be counted too)."""
    from faster_whisper.vad import get_vad_model

    from pipeline.batch import run_batch
    from pipeline.glossary import GlossaryTerm, load_glossary
    from pipeline.options import Config
    clip = DEV / "d1_ryuyo.flac"
    config = Config(glossary=tuple(GlossaryTerm(t.text) for t in load_glossary(DEV / "glossary.txt")))
    fed = {"ours": [], "faster-whisper's": []}

    class Counted:  # the real session, its inputs counted
        def __init__(self, session, name):
            self.session, self.name = session, name

        def run(self, names, inputs):
            fed[self.name].append(len(inputs["input"]))
            return self.session.run(names, inputs)

    theirs = get_vad_model()  # faster-whisper's own: its `vad_filter` would be counted here
    monkeypatch.setattr(theirs, "session", Counted(theirs.session, "faster-whisper's"))
    ours = Counted(speech._session(), "ours")
    monkeypatch.setattr(speech, "_session", lambda: ours)
    monkeypatch.setattr(speech, "SILERO_RUNS", type(speech.SILERO_RUNS)())
    result = run_batch([clip], tmp_path / "out", config).recordings[0]
    assert result.status == "done" and {"asr", "diarize"} <= set(result.redone), result.error
    windows = len(decode(clip).samples) // speech.WINDOW + 1
    assert {name: sum(n) for name, n in fed.items()} == {"ours": windows, "faster-whisper's": 0}
    assert speech.SILERO_RUNS == {"passes": 1, "windows": windows}
    data = json.loads((tmp_path / "out" / clip.stem / f"{clip.stem}.json").read_text(encoding="utf-8"))
    asr = data["provenance"]["stages"]["asr"]
    print(f"gap recovery: {asr['gap_recovery']}")  # measured: 1 passage decoded again (AVX2, one thread)
    assert asr["versions"]["vad_model"] == f"{speech.MODEL}/{speech.MODEL_FILE}"
    assert len({t["speaker"] for t in data["turns"]}) == 2  # the diarizer heard the two voices it was given


def test_the_asr_key_names_the_vad_model(monkeypatch):
    """Text decoded from another VAD model's regions is made again, never reused beside the new one's:
    the asr stage's key holds the model's name (the before_stages snapshot holds keys made so)."""
    from types import SimpleNamespace

    from pipeline.artifacts import make_key
    from pipeline.options import Config
    from pipeline.stages import STAGES
    stage = next(s for s in STAGES if s.name == "asr")
    run = SimpleNamespace(sha="0" * 64, config=Config())
    key = make_key(*stage.key(run))
    assert make_key(*stage.key(run)) == key and f"{speech.MODEL}/{speech.MODEL_FILE}" in stage.key(run)
    monkeypatch.setattr(speech, "MODEL_FILE", "silero_vad_v6.onnx")
    assert make_key(*stage.key(run)) != key
