"""Ingest: every common container and codec decodes to 16 kHz mono; bad files fail with a reason."""
import numpy as np
import pytest

from conftest import CV, encode, read_samples
from pipeline.audio import MODEL_SAMPLE_RATE, decode
from pipeline.errors import AudioError

CLIP = CV / "common_voice_ja_38853932_16k.wav"

FORMATS = [  # (suffix, codec, rate, layout)
    ("wav", "pcm_s16le", 44100, "stereo"),
    ("flac", "flac", 22050, "mono"),
    ("mp3", "libmp3lame", 44100, "stereo"),
    ("m4a", "aac", 48000, "mono"),
    ("ogg", "libopus", 48000, "stereo"),
    ("mp4", "aac", 44100, "stereo"),
    ("mov", "aac", 32000, "mono"),
]


@pytest.mark.parametrize("suffix,codec,rate,layout", FORMATS)
def test_formats_decode_to_model_rate(tmp_path, suffix, codec, rate, layout):
    source = read_samples(CLIP, rate=rate, layout=layout)
    path = encode(tmp_path / f"clip.{suffix}", source, rate, codec, layout)
    audio = decode(path)
    expected = source.shape[1] / rate
    assert audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    assert abs(audio.duration - expected) < 0.1  # codec priming may add a few ms
    assert audio.info.channels == (2 if layout == "stereo" else 1)
    assert audio.info.sample_rate == rate
    reference = read_samples(CLIP)[0]
    assert np.abs(audio.samples).max() > 0.05
    # the speech is there: loudness envelope correlates with the original's
    n = min(len(reference), len(audio.samples)) // 1600 * 1600
    env = lambda x: np.abs(x[:n]).reshape(-1, 1600).mean(axis=1)
    assert np.corrcoef(env(reference), env(audio.samples))[0, 1] > 0.9


@pytest.mark.parametrize("name,content,reason", [
    ("empty.wav", b"", "empty"),
    ("corrupt.wav", bytes(np.random.RandomState(1).randint(0, 256, 40000, dtype=np.uint8)), "not a readable"),
    ("notes.txt", "聞き書きのメモ\n".encode(), "not a readable"),
])
def test_bad_inputs_raise_readable_errors(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AudioError, match=reason) as info:
        decode(path)
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(AudioError, match="not found"):
        decode(tmp_path / "nope.wav")


def test_model_rate_is_whispers():
    assert MODEL_SAMPLE_RATE == 16000
