"""Shared test fixtures: real audio (CC0 clips, the synthetic dev interview), real files in real formats."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

DATA = Path(__file__).parent / "data"
CV = DATA / "commonvoice_ja"
DEV = DATA / "dev_interview"
ROOT = Path(__file__).parent.parent
# CER bound on the eight CC0 clips, either backend: faster-whisper measures 0.167-0.177 across instruction
# sets and thread counts (scripts/isa_matrix.py), openai-whisper 0.204; plain faster-whisper base 0.19.
CER_BOUND_CV = 0.24


@pytest.fixture(scope="session", autouse=True)
def kikigaki_home(tmp_path_factory):
    """A fresh model cache for the session, so the bundled model's assembly is exercised for real."""
    home = tmp_path_factory.mktemp("kikigaki_home")
    mp = pytest.MonkeyPatch()
    mp.setenv("KIKIGAKI_HOME", str(home))
    mp.setenv("HF_HUB_OFFLINE", "1")  # tests never reach for the network
    yield home
    mp.undo()


DEMO = ROOT / "recordings" / "synthetic_furumi_demo.flac"


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """The demo recording through the pipeline once, default options: copy the folder before changing it."""
    from pipeline.batch import run_batch
    from pipeline.options import Config
    out = tmp_path_factory.mktemp("demo_plain")
    batch = run_batch([DEMO], out, Config())
    assert batch.ok, batch.recordings[0].error
    return out


@pytest.fixture(scope="session")
def demo_furumi_output(tmp_path_factory) -> Path:
    """The demo recording through the pipeline once with its collection config (configs/furumi.toml):
    glossary hotwords and corrections. Copy the folder before changing it."""
    from pipeline.batch import run_batch
    from pipeline.options import load_config
    out = tmp_path_factory.mktemp("demo_furumi")
    batch = run_batch([DEMO], out, load_config(ROOT / "configs" / "furumi.toml"))
    assert batch.ok, batch.recordings[0].error
    return out


def long_transcript(data: dict, minutes: float, source: str) -> dict:
    """A transcript of about `minutes` built by repeating a real one end to end (same speakers,
    entities moved along): for measuring how pages and exports cope with an hour."""
    from pipeline.transcript import Transcript
    base = Transcript.from_dict(data)
    one = base.recording.duration
    copies = max(1, round(minutes * 60 / one))
    segments, entities = [], []
    for k in range(copies):
        shift = k * one
        for seg in data["segments"]:
            segments.append({**seg, "id": len(segments), "start": seg["start"] + shift, "end": seg["end"] + shift,
                             "words": [{**w, "start": w["start"] + shift, "end": w["end"] + shift} for w in seg["words"]]})
        first = len(segments) - len(data["segments"])
        entities += [{**e, "segment": e["segment"] + first, "start": e["start"] + shift, "end": e["end"] + shift}
                     for e in data["entities"]]
    recording = {**data["recording"], "duration": round(copies * one, 3), "source": source}
    return Transcript.from_dict({**data, "recording": recording, "segments": segments, "entities": entities,
                                 "turns": [], "gaps": []}).to_dict()


@pytest.fixture(scope="session")
def cv_clips() -> list[tuple[Path, str]]:
    with open(CV / "transcripts.tsv", encoding="utf-8") as f:
        return [(CV / row["file"], row["text"]) for row in csv.DictReader(f, delimiter="\t")]


@pytest.fixture(scope="session")
def schema_validator():
    import jsonschema
    schema = json.loads((DATA / "schema" / "transcript.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def read_samples(path: Path, rate: int = 16000, layout: str = "mono") -> np.ndarray:
    import av
    with av.open(str(path)) as c:
        r = av.AudioResampler(format="fltp", layout=layout, rate=rate)
        chunks = [o.to_ndarray() for f in c.decode(audio=0) for o in r.resample(f)]
        chunks += [o.to_ndarray() for o in r.resample(None)]
    return np.concatenate(chunks, axis=1)  # (channels, n)


def encode(path: Path, samples: np.ndarray, rate: int, codec: str, layout: str = "mono") -> Path:
    """Write real encoded audio with PyAV; samples are (channels, n) float32."""
    import av
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout=layout)
        fmt = stream.codec_context.codec.audio_formats[0].name
        planar = fmt.endswith("p")
        data = samples.astype(np.float32)
        frame_size = stream.codec_context.frame_size or 1024
        resampler = av.AudioResampler(format=fmt, layout=layout, rate=rate)
        for i in range(0, data.shape[1], frame_size):
            chunk = np.ascontiguousarray(data[:, i:i + frame_size])
            src = av.AudioFrame.from_ndarray(chunk, format="fltp", layout=layout)
            src.sample_rate = rate
            for frame in resampler.resample(src):
                for packet in stream.encode(frame):
                    container.mux(packet)
        for frame in resampler.resample(None):
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def write_wav(path: Path, samples: np.ndarray, rate: int = 16000) -> Path:
    import wave
    pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return path


def clip(name: str) -> np.ndarray:
    """A Common Voice clip, 16 kHz mono float32."""
    from pipeline.audio import decode
    return decode(CV / f"common_voice_ja_{name}_16k.wav").samples


def voiced_span(samples: np.ndarray, threshold: float = 0.02) -> tuple[float, float]:
    """First and last moment above the threshold, in seconds (reference turn bounds of a clip)."""
    idx = np.flatnonzero(np.abs(samples) > threshold)
    return idx[0] / 16000, idx[-1] / 16000


def mix(parts: list[tuple[str, str]], gap: float = 0.5):
    """Concatenate clips with pauses; return samples and reference turns [(start, end, speaker)]."""
    pieces, turns, t = [np.zeros(int(gap * 16000), np.float32)], [], gap
    for name, speaker in parts:
        s = clip(name)
        a, b = voiced_span(s)
        turns.append((t + a, t + b, speaker))
        pieces += [s, np.zeros(int(gap * 16000), np.float32)]
        t += len(s) / 16000 + gap
    return np.concatenate(pieces), turns


def der(reference, hypothesis, collar: float = 0.25) -> float:
    from pyannote.core import Annotation, Segment
    from pyannote.metrics.diarization import DiarizationErrorRate
    ref, hyp = Annotation(), Annotation()
    for i, (a, b, s) in enumerate(reference):
        ref[Segment(a, b), i] = s
    for i, t in enumerate(hypothesis):
        hyp[Segment(t.start, t.end), i] = t.speaker
    return DiarizationErrorRate(collar=collar, skip_overlap=False)(ref, hyp)


def build_tiny_pyannote_pipeline(folder: Path) -> Path:
    """A pyannote SpeakerDiarization pipeline with freshly initialised (untrained) models, saved the
    way community-1 is laid out, to test the real loading and conversion code offline."""
    import lightning
    import torch
    import yaml
    from pyannote.audio.core.task import Problem, Resolution, Specifications
    from pyannote.audio.models.embedding import WeSpeakerResNet34
    from pyannote.audio.models.segmentation import PyanNet

    def save(model, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        ckpt = {"state_dict": model.state_dict(), "hyper_parameters": dict(model.hparams),
                "pytorch-lightning_version": lightning.__version__}
        model.on_save_checkpoint(ckpt)
        torch.save(ckpt, path)

    torch.manual_seed(0)
    seg = PyanNet(sincnet={"stride": 10}, lstm={"num_layers": 1, "hidden_size": 32},
                  linear={"hidden_size": 16, "num_layers": 1})
    seg.specifications = Specifications(
        problem=Problem.MONO_LABEL_CLASSIFICATION, resolution=Resolution.FRAME, duration=5.0, min_duration=5.0,
        warm_up=(0.0, 0.0), classes=["speaker#1", "speaker#2", "speaker#3"], powerset_max_classes=2,
        permutation_invariant=True)
    seg.build()
    save(seg, folder / "segmentation" / "pytorch_model.bin")
    emb = WeSpeakerResNet34()
    emb.specifications = Specifications(problem=Problem.REPRESENTATION, resolution=Resolution.CHUNK,
                                        duration=3.0, min_duration=3.0, classes=None)
    save(emb, folder / "embedding" / "pytorch_model.bin")
    (folder / "plda").mkdir(parents=True, exist_ok=True)
    q, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((256, 128)))
    np.savez(folder / "plda" / "xvec_transform.npz", mean1=np.zeros(256), mean2=np.zeros(128), lda=q)
    np.savez(folder / "plda" / "plda.npz", mu=np.zeros(128), tr=np.eye(128), psi=np.linspace(2.0, 1.0, 128))
    config = {"pipeline": {"name": "pyannote.audio.pipelines.SpeakerDiarization",
                           "params": {"segmentation": "$model/segmentation", "embedding": "$model/embedding",
                                      "plda": "$model/plda", "clustering": "VBxClustering"}},
              "params": {"segmentation": {"min_duration_off": 0.0},
                         "clustering": {"threshold": 0.6, "Fa": 0.07, "Fb": 0.8}}}
    (folder / "config.yaml").write_text(yaml.safe_dump(config))
    return folder


def cassette(samples: np.ndarray, seed: int = 0) -> np.ndarray:
    """A degraded, cassette-like copy: telephone band (300-3400 Hz), hiss, mains hum and its harmonic."""
    from scipy.signal import butter, sosfilt
    x = sosfilt(butter(4, [300, 3400], btype="band", fs=16000, output="sos"), samples)
    t = np.arange(len(x)) / 16000
    x = x + 0.01 * np.random.default_rng(seed).standard_normal(len(x)) \
        + 0.02 * np.sin(2 * np.pi * 50 * t) + 0.01 * np.sin(2 * np.pi * 150 * t)
    return (x / np.abs(x).max() * 0.9).astype(np.float32)


VOICES = DATA / "voices"


def rttm_reference(path: Path) -> list[tuple[float, float, str]]:
    from pipeline.rttm import parse as from_rttm
    return [(t.start, t.end, t.speaker) for t in from_rttm(path.read_text())]


def one_voice(samples: np.ndarray, reference, who: str, gap: float = 0.5):
    """Only `who`'s speech (where no one else speaks) of a recording, with pauses between: a
    single-voice recording and its reference turns."""
    others = [(a, b) for a, b, w in reference if w != who]
    pieces, turns, t = [np.zeros(int(gap * 16000), np.float32)], [], gap
    for a, b, w in reference:
        if w != who or any(min(b, y) > max(a, x) for x, y in others):
            continue
        x = samples[int(a * 16000):int(b * 16000)]
        turns.append((t, t + len(x) / 16000, who))
        pieces += [x, np.zeros(int(gap * 16000), np.float32)]
        t += len(x) / 16000 + gap
    return np.concatenate(pieces), turns


def local_client(app):
    """A test client as the review page is: on this computer, holding the server's token."""
    from starlette.testclient import TestClient
    return TestClient(app, base_url="http://127.0.0.1:8765",
                      headers={"Authorization": f"token {app.state.access.token}"})


def add_personal_data(out: Path, rec_id: str) -> None:
    """An archivist's correction, made through the review store, that puts a telephone number in the
    recording's last line: the demo names no private person but ゆき, and the suggestion tests need two
    suggestions of different kinds to accept one and dismiss the other."""
    from pipeline.review.store import ReviewStore
    store = ReviewStore(out, author="fixture")
    state = store.state(rec_id)
    last = len(state["transcript"]["segments"]) - 1
    text = state["transcript"]["segments"][last]["text"] + "連絡先は03-3581-4321です。"
    store.edit(rec_id, {"version": state["version"], "op": "text", "segment": last, "text": text})


def heard_transcript(audio_id: str, start: float, end: float, heard: str, duration: float):
    """One segment heard as `heard` over start..end (characters timed evenly), for the language stage."""
    from pipeline.transcript import Recording, Segment, Speaker, Transcript, Word
    step = (end - start) / len(heard)
    words = tuple(Word(c, round(start + k * step, 3), round(start + (k + 1) * step, 3)) for k, c in enumerate(heard))
    return Transcript(Recording(audio_id, "x.flac", duration, "0" * 64, language="ja"),
                      (Segment(0, words[0].start, words[-1].end, heard, words, "S1"),), (Speaker("S1"),),
                      provenance={"pipeline_version": "t", "stages": {}})


def huludao_misheard(term: str, heard_as: str):
    """The huludao interview's sentence that says `term`, heard with `heard_as` in its place (one
    segment over the sentence's time), and the recording's samples: a glossary check on real audio."""
    from pipeline.audio import decode
    folder = DATA / "interviews"
    reference = json.loads((folder / "synthetic_huludao.reference.json").read_text(encoding="utf-8"))
    said = next(s for s in reference["sentences"] if term in s["text"])
    heard = said["text"].replace(term, heard_as).rstrip("。")
    transcript = heard_transcript("huludao", said["start"], said["end"], heard, reference["duration"])
    return transcript, decode(folder / "synthetic_huludao.flac").samples
