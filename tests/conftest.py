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


@pytest.fixture(scope="session", autouse=True)
def kikigaki_home(tmp_path_factory):
    """A fresh model cache for the session, so the bundled model's assembly is exercised for real."""
    home = tmp_path_factory.mktemp("kikigaki_home")
    mp = pytest.MonkeyPatch()
    mp.setenv("KIKIGAKI_HOME", str(home))
    mp.setenv("HF_HUB_OFFLINE", "1")  # tests never reach for the network
    yield home
    mp.undo()


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
