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


@pytest.mark.parametrize("suffix,codec,rate,layout", [
    ("flac", "flac", 16000, "mono"), ("wav", "pcm_s16le", 44100, "stereo"), ("mp3", "libmp3lame", 44100, "stereo")])
def test_decoding_into_a_folder_gives_the_same_samples_mapped_from_disk(tmp_path, suffix, codec, rate, layout):
    """The runner decodes into unnamed files in the work folder (an hour's samples need not stay
    resident): the very values decoding in memory gives, mono and stereo planes, read-only, and no
    file left behind."""
    import soundfile
    source = read_samples(CLIP, rate=rate, layout=layout)
    path = encode(tmp_path / f"clip.{suffix}", source, rate, codec, layout)
    work = tmp_path / "work"
    work.mkdir()
    held = decode(path, keep_channels=True)
    mapped = decode(path, keep_channels=True, folder=work)
    assert list(work.iterdir()) == []
    assert isinstance(mapped.samples, np.memmap) and not mapped.samples.flags.writeable
    assert mapped.info == held.info
    np.testing.assert_array_equal(mapped.samples, held.samples)
    if layout == "stereo":
        assert isinstance(mapped.channel_samples, np.memmap) and mapped.channel_samples.shape == (2, len(held.samples))
        np.testing.assert_array_equal(mapped.channel_samples, held.channel_samples)
        np.testing.assert_array_equal(mapped.samples, held.channel_samples.mean(axis=0).astype(np.float32))
    else:  # 16-bit PCM at the model's rate, read by an independent decoder: exactly its integers / 32768
        pcm, pcm_rate = soundfile.read(path, dtype="int16")
        assert pcm_rate == MODEL_SAMPLE_RATE and mapped.channel_samples is None
        np.testing.assert_array_equal(mapped.samples, pcm.astype(np.float32) / 32768)
