"""The front end before recognition (`AsrOptions.denoise`, pipeline/denoise.py) on real speech:
the dev interview (SYNTHETIC, Kokoro) and its cassette-like copy (tests/conftest.py `cassette`)."""
import numpy as np
import pytest

from conftest import DEV, cassette, clip
from pipeline.asr import transcribe
from pipeline.denoise import clean
from pipeline.audio import Audio, AudioInfo, decode
from pipeline.options import AsrOptions

MINUTE = 16000 * 60


@pytest.fixture(scope="module")
def dev_minute() -> np.ndarray:
    return decode(DEV / "d1_ryuyo.flac").samples[:MINUTE].astype(np.float32)


def band_power(x: np.ndarray, lo: float, hi: float) -> float:
    spectrum = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / 16000)
    return float(spectrum[(freqs >= lo) & (freqs < hi)].sum())


def test_hum_and_hiss_go_speech_stays(dev_minute):
    worn = cassette(dev_minute)
    out = clean(worn)
    assert out.shape == worn.shape and out.dtype == np.float32
    scale = np.abs(worn).max() / np.abs(out).max()  # compare at the copy's own level
    out = out * scale
    hum = band_power(worn, 45, 55), band_power(out, 45, 55)
    assert hum[1] < hum[0] / 100, hum  # 50 Hz: at least 20 dB down
    pauses = np.abs(dev_minute) < 1e-4  # where the clean recording is silent: only hiss and hum are left
    assert pauses.mean() > 0.05
    assert np.sqrt((out[pauses] ** 2).mean()) < 0.5 * np.sqrt((worn[pauses] ** 2).mean())  # 6 dB quieter
    speech = ~pauses
    kept = band_power(out[speech], 300, 3400) / band_power(worn[speech], 300, 3400)
    assert kept > 0.5, kept  # the voice itself loses less than 3 dB


def test_clean_audio_is_left_alone(dev_minute):
    out = clean(dev_minute)
    assert np.corrcoef(out, dev_minute)[0, 1] > 0.99
    short = np.zeros(100, np.float32)
    assert clean(short) is not None and len(clean(short)) == 100


def test_the_option_travels_in_provenance():
    samples = clip("38833628")
    audio = Audio(samples, AudioInfo(16000, 1, len(samples) / 16000, "test"))
    result = transcribe(audio, AsrOptions(denoise=True))
    assert result.provenance["options"]["denoise"] is True
    assert "".join(s.text for s in result.segments)  # a worn-tape front end still lets a clean clip be heard


def test_the_cli_turns_it_on(tmp_path):
    from pipeline.cli import _config_from_args, build_parser
    parse = build_parser().parse_args
    assert _config_from_args(parse(["run", "x.wav", "-o", str(tmp_path), "--denoise"])).asr.denoise is True
    assert _config_from_args(parse(["run", "x.wav", "-o", str(tmp_path)])).asr.denoise is False
