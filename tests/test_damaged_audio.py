"""Recordings that decode only in part (a truncated upload, a header that lies) are never reported
"done": real FLAC, MP3 and WAV files of real speech, cut as a failed copy cuts them, through the CLI."""
import json
import os
import re
import struct
import subprocess
import sys

import numpy as np
import pytest

from conftest import ROOT, encode, mix, write_wav
from pipeline.audio import decode
from pipeline.completeness import clock, wav_layout

CUT = 0.6  # the share of the file's bytes that arrived


def cut(path, share=CUT):
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * share)])
    return path


@pytest.fixture(scope="module")
def speech():
    samples, _ = mix([("38853932", "A"), ("38843402", "B"), ("38864552", "A")])
    return samples


@pytest.fixture(scope="module")
def damaged(tmp_path_factory, speech):
    folder = tmp_path_factory.mktemp("damaged")
    flac = cut(encode(folder / "truncated_flac.flac", speech[None], 16000, "flac"))
    mp3 = cut(encode(folder / "truncated_mp3.mp3", speech[None], 16000, "libmp3lame"))
    wav = write_wav(folder / "header_lies.wav", speech)
    data = wav.read_bytes()
    wav.write_bytes(data[: 44 + (len(data) - 44) // 2])  # the header still declares every sample
    return {"flac": flac, "mp3": mp3, "wav": wav}, len(speech) / 16000


@pytest.mark.parametrize("kind", ["flac", "mp3", "wav"])
def test_decode_says_what_is_missing(damaged, kind):
    files, total = damaged
    audio = decode(files[kind])
    assert audio.info.declared == pytest.approx(total, abs=0.1)
    share = 0.5 if kind == "wav" else CUT
    assert audio.duration == pytest.approx(total * share, abs=0.6)
    assert audio.info.damage.startswith(f"decoded {clock(audio.duration)} of {clock(total)}")


def test_a_header_that_says_too_little_loses_nothing(tmp_path, speech):
    """A recorder that never updated its header: FFmpeg alone would stop at the stated length."""
    wav = write_wav(tmp_path / "short_header.wav", speech)
    data = bytearray(wav.read_bytes())
    struct.pack_into("<I", data, 40, 16000 * 2 * 2)  # "2 seconds"
    wav.write_bytes(bytes(data))
    audio = decode(wav)
    assert audio.duration == pytest.approx(len(speech) / 16000, abs=0.01) and audio.info.damage == ""
    assert np.abs(audio.samples - speech).max() < 1e-3


def test_a_chunk_after_the_data_is_not_audio(tmp_path, speech):
    wav = write_wav(tmp_path / "tagged.wav", speech)
    info = b"INAMinterview\x00\x00"
    chunk = b"LIST" + struct.pack("<I", 4 + len(info)) + b"INFO" + info
    data = bytearray(wav.read_bytes() + chunk)
    struct.pack_into("<I", data, 4, len(data) - 8)
    wav.write_bytes(bytes(data))
    layout = wav_layout(wav)
    assert layout.trailing_chunk and not layout.header_understates
    audio = decode(wav)
    assert len(audio.samples) == len(speech) and audio.info.damage == ""


def test_the_cli_reports_partial_and_keeps_the_decoded_part(tmp_path, damaged, schema_validator):
    files, total = damaged
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", *map(str, files.values()), "-o", str(out),
               "--diarizer", "none", "--formats", "json,txt"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert run.returncode == 1, run.stderr
    for kind, path in files.items():
        lines = [line for line in run.stderr.splitlines() if f"{path.name}: partial: decoded" in line]
        assert len(lines) == 1, run.stderr
        decoded, declared = re.search(r"decoded (\d+:\d\d) of (\d+:\d\d)", lines[0]).groups()
        assert declared == clock(total)
        data = json.loads((out / path.stem / f"{path.stem}.json").read_text(encoding="utf-8"))
        schema_validator.validate(data)
        recording = data["recording"]
        assert recording["partial"].startswith(f"decoded {decoded} of {declared}")
        assert recording["declared_duration"] == pytest.approx(total, abs=0.1)
        assert recording["duration"] < total - 3
        assert data["provenance"]["stages"]["ingest"]["partial"] is True
        assert data["segments"], kind  # what decoded is transcribed
        assert all(s["end"] <= recording["duration"] + 0.01 for s in data["segments"])
        assert (out / path.stem / f"{path.stem}.txt").read_text(encoding="utf-8").strip()
    again = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert again.returncode == 1 and again.stderr.count(": partial: decoded") == 3  # a re-run says it again
