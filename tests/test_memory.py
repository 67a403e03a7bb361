"""Memory properties that keep an hour's peak down, checked cheaply on real parts: what a stage no
longer needs is let go of, and the samples the scorer reads stay on disk (see docs/benchmarks.md, Memory)."""
from __future__ import annotations

import gc
import os
import weakref
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "recordings" / "synthetic_furumi_demo.flac"
glibc = pytest.mark.skipif(not Path("/proc/self/status").exists() or os.uname().sysname != "Linux",
                           reason="glibc and /proc (Linux)")


def mapped_mb(path_marker: str = "(deleted)") -> float:
    """Resident MB of this process's mappings of deleted files (the spilled samples), from smaps."""
    total, inside = 0.0, False
    with open("/proc/self/smaps") as f:
        for line in f:
            if "-" in line.split(" ")[0] and ":" not in line.split(" ")[0]:
                inside = line.rstrip().endswith(path_marker)
            elif inside and line.startswith("Rss:"):
                total += int(line.split()[1]) / 1024
    return total


@glibc
def test_spilled_samples_are_the_samples_on_disk_and_leave_no_file(tmp_path):
    """An hour would be 230 MB: spilled, it is the same array, read back only where read, and the
    unnamed file leaves nothing in the work folder."""
    from pipeline.memory import spill
    samples = np.sin(np.arange(16000 * 600, dtype=np.float32) * 0.01)  # 10 minutes, 38 MB
    spilled = spill(samples, tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert isinstance(spilled, np.memmap) and not spilled.flags.writeable
    assert spilled.dtype == np.float32 and spilled.shape == samples.shape
    before = mapped_mb()
    clip = np.array(spilled[16000 * 60:16000 * 61])  # one second read
    np.testing.assert_array_equal(clip, samples[16000 * 60:16000 * 61])
    assert mapped_mb() - before < 8.0  # one second's pages (64 KB), with fault-around or a huge page, not 38 MB
    np.testing.assert_array_equal(spilled, samples)


def test_the_scorer_keeps_few_clips_and_lets_go_of_its_model():
    """Every acoustic check encodes its own stretch (3 MB each): only the last few are kept; after
    `close` the model (0.3 GB) is held by nothing."""
    from pipeline.asr import likelihood, openai_whisper
    from pipeline.audio import decode
    from pipeline.options import AsrOptions
    samples = decode(DEMO).samples
    scorer = likelihood.Scorer.for_glossary(lambda: samples, ["古海忠之"], AsrOptions())
    spans = [(0.5 + 2 * k, 3.5 + 2 * k) for k in range(likelihood.KEPT_CLIPS + 1)]
    first = scorer.score(*spans[0], ["本日は"])[0]
    for start, end in spans[1:]:
        scorer.score(start, end, ["本日は"])
    assert len(scorer._features) == likelihood.KEPT_CLIPS
    assert scorer.score(*spans[0], ["本日は"])[0] == pytest.approx(first, abs=1e-3)  # encoded again, the same
    engine = weakref.ref(scorer._engine()[0])
    assert not any(e is engine() for e in openai_whisper._loaded.values())  # not the process's to keep
    scorer.close()
    gc.collect()
    assert engine() is None and not scorer._features


def test_the_recogniser_can_be_let_go_of():
    from pipeline import models
    from pipeline.asr import faster_whisper
    from pipeline.options import AsrOptions
    options = AsrOptions()
    engine = weakref.ref(faster_whisper._load(models.resolve(options.model), options))
    faster_whisper.unload()
    gc.collect()
    assert engine() is None


@glibc
def test_allocator_tuning_applies_on_glibc():
    from pipeline.memory import release, rss_mb, tune_allocator
    assert tune_allocator() is True
    junk = [np.ones(4096) for _ in range(8000)]  # 260 MB in blocks small enough to live in the heap
    del junk[:-1]  # the last one pins the heap's top: glibc alone returns nothing
    before = rss_mb()
    release()
    assert rss_mb() < before - 100  # malloc_trim gave back the pages freed inside the heap


def test_a_recordings_run_hands_the_scorer_its_samples_from_disk(tmp_path):
    """The runner drops the decoded audio after diarization; the scorer then gets the same samples
    mapped from an unnamed file, not a second decoding held in memory, and only until the language
    layer is done."""
    from dataclasses import replace

    from pipeline.artifacts import WorkFolder
    from pipeline.audio import decode
    from pipeline.glossary import parse_glossary
    from pipeline.options import Config
    from pipeline.stages import STAGES
    from pipeline.stages.runner import RecordingResult, Run
    folder = WorkFolder(tmp_path, DEMO.stem)
    folder.work.mkdir(parents=True)
    config = replace(Config(), glossary=tuple(parse_glossary(["撫順"], "test")))
    run = Run(DEMO, folder, config, lambda event: None, RecordingResult(DEMO.stem, str(DEMO)))
    run.audio()
    later = [s for s in STAGES if s.name in ("assemble", "nlp", "export")]
    run.drop_audio(later)
    samples = run.samples()
    assert run._audio is None and isinstance(samples, np.memmap)
    assert run.samples() is samples  # spilled once
    np.testing.assert_array_equal(samples, decode(DEMO).samples)
    assert list(folder.work.iterdir()) == []
    run.drop_audio(later[-1:])  # past the language layer: the mapping goes
    assert run._spilled is None


def test_the_scorer_and_ginza_are_never_loaded_together():
    """The language layer's two models (GiNZA 0.3 GB, the scorer's Whisper 0.5 GB while it works) take
    turns: GiNZA, loaded for the glossary's labels, is let go of before the first check is scored, and the
    scorer is closed before GiNZA analyses the turns. The check's verdict is the one test_names expects."""
    from conftest import huludao_misheard
    from pipeline.asr.likelihood import Scorer
    from pipeline.glossary import GlossaryTerm
    from pipeline.nlp import annotate, morph
    from pipeline.options import AsrOptions, NlpOptions
    transcript, samples = huludao_misheard("中央公論", "中央講論")  # a check: two ordinary words
    seen: list[tuple[str, bool, bool]] = []  # (call, GiNZA loaded, the scorer's model loaded)

    class Watched(Scorer):
        def score(self, start, end, texts):
            seen.append(("score", morph.ginza.cache_info().currsize > 0, self._loaded is not None))
            return super().score(start, end, texts)

        def close(self):
            seen.append(("close", morph.ginza.cache_info().currsize > 0, self._loaded is not None))
            super().close()

    glossary = (GlossaryTerm("中央公論"), GlossaryTerm("葫芦島"), GlossaryTerm("田中正夫"))
    scorer = Watched.for_glossary(lambda: samples, [t.text for t in glossary], AsrOptions())
    morph.ginza()  # loaded, as the labels of a glossary's unlabelled terms load it
    out = annotate(transcript, NlpOptions(), glossary, scorer)
    assert seen[0] == ("score", False, False)                 # GiNZA gone before the model loads
    assert all(not ginza for call, ginza, _ in seen)          # and not back while the scorer works
    assert ("close", False, True) in seen                     # the model let go of before the analysis
    assert morph.ginza.cache_info().currsize == 1 and scorer._loaded is None
    check = out.segments[0].glossary_checks[0]
    assert (check["heard"], check["term"], check["accepted"]) == ("中央講論", "中央公論", True)


def test_the_batches_that_keep_the_hours_peak_down_change_no_result():
    """Silero a few windows per call and the diarizer's embeddings a few windows per batch (each
    large batch's activations met recognition's blocks at the hour's peak): the probabilities and
    the embeddings are exactly those of one large call."""
    from pipeline import speech
    from pipeline.audio import decode
    from pipeline.diarize import builtin
    samples = decode(DEMO).samples[:16000 * 40]
    assert speech.BLOCK_WINDOWS * speech.WINDOW < len(samples)  # more than one network call
    session = speech._session()
    n = len(samples) // speech.WINDOW + 1
    windows = np.zeros((n, speech.WINDOW), np.float32)
    windows.reshape(-1)[:len(samples)] = samples
    context = np.concatenate([np.zeros((1, speech.CONTEXT), np.float32), windows[:-1, -speech.CONTEXT:]])
    zero = np.zeros((1, 1, 128), np.float32)
    whole = session.run(None, {"input": np.concatenate([context, windows], axis=1), "h": zero, "c": zero})[0]
    assert np.array_equal(speech.analyse(samples).probabilities, whole.reshape(-1))

    mel = builtin.mel_frames(samples)
    spans = builtin.windows([(0, len(mel))], builtin.CLUSTER_WINDOW, builtin.CLUSTER_HOP)
    assert len(spans) > 64
    assert np.array_equal(builtin.embed(mel, spans), builtin.embed(mel, spans, batch=len(spans)))


def test_recognitions_features_computed_in_pieces_are_faster_whispers_own():
    """A block's log-Mel features, its STFT a piece at a time (a 150-s block's whole STFT took
    +124 MB, twice with two workers): exactly faster-whisper's numbers, and the engine uses them."""
    from faster_whisper.feature_extractor import FeatureExtractor

    from pipeline import models
    from pipeline.asr import faster_whisper as fw
    from pipeline.audio import decode
    from pipeline.options import AsrOptions
    samples = decode(DEMO).samples
    own = FeatureExtractor(feature_size=80)
    pieces = fw.PiecewiseFeatures(own)
    assert len(samples) // own.hop_length > pieces.FRAMES
    for n in (len(samples), 16000 * 45 + 77, 16000 * 30, 400):  # two pieces (the last one frame at 30 s), one
        assert np.array_equal(pieces(samples[:n]), own(samples[:n]))
    options = AsrOptions()
    assert isinstance(fw._load(models.resolve(options.model), options).feature_extractor, fw.PiecewiseFeatures)


@glibc
def test_release_unmaps_the_pages_of_decoded_samples_read_so_far(tmp_path):
    """The decoded samples are mapped from an unnamed file; a reader that goes through all of them
    (the speech analysis, diarization) brings them into the resident set, and `release` (after each
    stage, every 20 s of recognition) takes them out again, the values unchanged."""
    from pipeline.audio import decode
    from pipeline.memory import release
    samples = decode(DEMO, folder=tmp_path).samples
    assert isinstance(samples, np.memmap)
    total = float(np.sum(samples, dtype=np.float64))  # every page read
    read = mapped_mb()
    assert read > 0.8 * samples.nbytes / 2**20
    release()
    assert mapped_mb() < 0.1 * read
    assert float(np.sum(samples, dtype=np.float64)) == total
