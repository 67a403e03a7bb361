"""The speech analysis (Silero VAD once per recording and model) on real audio: its regions are
faster-whisper's own and the diarizer's silero-vad ones, block-at-a-time probabilities are the whole
recording's, recognition from it is what faster-whisper's `vad_filter` gives, and a run of the pipeline
puts the audio through each model once."""
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


def one_call(samples: np.ndarray) -> np.ndarray:
    """faster-whisper's Silero over a whole recording in one call, as its `vad_filter` runs it."""
    from faster_whisper.vad import get_vad_model
    return get_vad_model()(np.pad(samples, (0, speech.WINDOW - len(samples) % speech.WINDOW))).reshape(-1)


def test_regions_are_what_faster_whisper_finds():
    from faster_whisper.vad import VadOptions, get_speech_timestamps
    samples = decode(DEMO).samples
    found = speech.analyse(samples)
    assert np.array_equal(found.probabilities, one_call(samples))
    for vad in SETTINGS:
        theirs = [(s["start"], s["end"]) for s in get_speech_timestamps(samples, VadOptions(**vad))]
        assert found.regions(**vad) == theirs, vad
        assert len(theirs) >= 1
    assert len(found.regions(**SETTINGS[1])) >= 8  # the demo's turns and pauses, not one blur
    lo, hi = 100_001, 500_000  # a block of a longer recording: its regions lie inside it
    inside = found.regions(lo, hi, **SETTINGS[1])
    assert inside and all(lo <= a < b <= hi for a, b in inside)


def test_the_diarizers_regions_are_silero_vads_own():
    """The diarizer's model (the silero-vad package's, as a batched sequence model) finds what the
    package's torch model found a window at a time, with the diarizer's settings."""
    import torch
    from silero_vad import get_speech_timestamps, load_silero_vad

    from pipeline.diarize import builtin
    samples = decode(DEV / "d1_ryuyo.flac").samples
    theirs = get_speech_timestamps(torch.from_numpy(samples), load_silero_vad(), sampling_rate=16000,
                                   min_silence_duration_ms=200, speech_pad_ms=30)
    step = 16000 // builtin.FPS
    regions = builtin.speech_regions(speech.analyse(samples, speech.TURNS))
    assert regions == [(s["start"] // step, s["end"] // step) for s in theirs] and len(regions) >= 5


def test_the_two_models_differ_in_their_weights_not_in_how_they_are_run():
    """The diarizer's export run our way gives the silero-vad package's torch model's probabilities
    (a window per call); recognition's (faster-whisper's, Silero v6.0) run the same way is another
    model: far more apart than rounding, so one cannot stand in for the other by running it otherwise."""
    import torch
    from silero_vad import load_silero_vad
    samples = decode(DEMO).samples[:16000 * 20]
    turns = speech.analyse(samples, speech.TURNS).probabilities
    padded = np.pad(samples, (0, speech.WINDOW - len(samples) % speech.WINDOW))
    model = load_silero_vad()
    with torch.no_grad():
        theirs = np.array([float(model(torch.from_numpy(w.copy()), 16000)) for w in padded.reshape(-1, speech.WINDOW)])
    assert np.abs(turns - theirs).max() < 1e-4
    assert np.abs(turns - speech.analyse(samples, speech.RECOGNITION).probabilities).max() > 0.3


def test_a_long_recording_is_analysed_a_block_at_a_time_with_the_same_result():
    samples = np.tile(decode(DEMO).samples, 7)  # 5.6 minutes: more than one network call (320 s)
    assert len(samples) > speech.BLOCK_WINDOWS * speech.WINDOW
    found = speech.analyse(samples)
    assert np.array_equal(found.probabilities, one_call(samples))
    assert speech.Speech.silent(len(samples)).regions() == []


def test_recognition_from_the_analysis_is_faster_whispers_vad_filter():
    """Two clips with 2.5 s of silence between: the VAD cuts it out and times are restored after it."""
    from pipeline import models
    from pipeline.asr import faster_whisper as fw
    from pipeline.options import AsrOptions
    a, b = (decode(CV / f"common_voice_ja_{n}_16k.wav").samples for n in (38833628, 38843402))
    samples = np.concatenate([a, np.zeros(40_000, np.float32), b])
    options, model = AsrOptions(), models.resolve(AsrOptions().model)
    analysis = speech.analyse(samples)
    ours, _ = fw.decode(samples, options, model, regions=analysis.regions)
    engine = fw._load(model, options)
    theirs, _ = engine.transcribe(samples, vad_filter=True, language=options.language or None,
                                  beam_size=options.beam_size, word_timestamps=True,
                                  condition_on_previous_text=options.condition_on_previous_text)
    theirs = [(w.word, w.start, w.end, round(w.probability, 4)) for s in theirs for w in s.words]
    assert [(w.text, w.start, w.end, w.probability) for r in ours for w in r.words] == theirs
    assert max(w[2] for w in theirs) > (len(a) + 40_000) / 16000  # words after the silence, times restored


def test_the_pipeline_puts_a_recording_through_the_vad_once(tmp_path, monkeypatch):
    """Recognition, gap recovery and the hallucination check read one analysis, the builtin diarizer
    another (its own model): each network is run over the recording's windows once (counted at the
    ONNX sessions themselves, whoever calls them: faster-whisper's own VAD would be counted too)."""
    from faster_whisper.vad import get_vad_model

    from pipeline.batch import run_batch
    from pipeline.options import Config
    clip = CV / "common_voice_ja_38833628_16k.wav"
    fed = {model: [] for model in (speech.RECOGNITION, speech.TURNS)}

    class Counted:  # the real session, its inputs counted
        def __init__(self, session, model):
            self.session, self.model = session, model

        def run(self, names, inputs):
            fed[self.model].append(len(inputs["input"]))
            return self.session.run(names, inputs)

    recognition = get_vad_model()  # faster-whisper's own: its `vad_filter` would be counted too
    monkeypatch.setattr(recognition, "session", Counted(recognition.session, speech.RECOGNITION))
    turns = Counted(speech._session(speech.TURNS), speech.TURNS)
    monkeypatch.setattr(speech, "_session",
                        lambda model: recognition.session if model == speech.RECOGNITION else turns)
    monkeypatch.setattr(speech, "SILERO_RUNS", type(speech.SILERO_RUNS)())
    result = run_batch([clip], tmp_path / "out", Config()).recordings[0]
    assert result.status == "done" and {"asr", "diarize"} <= set(result.redone), result.error
    windows = len(decode(clip).samples) // speech.WINDOW + 1
    assert {model: sum(n) for model, n in fed.items()} == {speech.RECOGNITION: windows, speech.TURNS: windows}
    assert speech.SILERO_RUNS == {(model, kind): n for model in fed for kind, n in (("passes", 1), ("windows", windows))}
    transcript = (tmp_path / "out" / clip.stem / f"{clip.stem}.json").read_text(encoding="utf-8")
    assert '"turns"' in transcript and '"S1"' in transcript  # the diarizer heard the speech it was given
