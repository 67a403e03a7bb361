"""What an archive's first month brings, each through the real CLI on short real speech: each gives
one clear line, and nothing is lost. (Truncated FLAC/MP3 and a lying WAV header: test_damaged_audio.)"""
import json
import os
import shutil
import subprocess
import sys
import wave

import numpy as np
import pytest

from conftest import CV, ROOT, encode, read_samples

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
CLIP = CV / "common_voice_ja_38853932_16k.wav"
ODD_NAME = "聞き書き テープ 🎙 1.flac"
SILENT_MINUTES = 60


def kikigaki(*args, timeout=900):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          env=ENV, cwd=ROOT, timeout=timeout)


def lines_about(stderr: str, name: str) -> list[str]:
    return [line for line in stderr.splitlines() if name in line]


@pytest.fixture(scope="module")
def tapes(tmp_path_factory):
    """A folder as a donor hands it over, OUT inside it."""
    folder = tmp_path_factory.mktemp("tapes")
    speech = read_samples(CLIP, rate=48000)
    encode(folder / ODD_NAME, speech, 48000, "flac")
    shutil.copyfile(folder / ODD_NAME, folder / "録音のコピー.flac")  # the same recording, renamed
    eight = np.vstack([speech] + [speech * 0.3] * 7)  # a field recorder's eight tracks, one voice on each
    with wave.open(str(folder / "eight_channels.wav"), "wb") as w:
        w.setnchannels(8), w.setsampwidth(2), w.setframerate(48000)
        w.writeframes((np.clip(eight.T, -1, 1) * 32767).astype("<i2").tobytes())
    encode(folder / "telephone_8k.wav", read_samples(CLIP, rate=8000), 8000, "pcm_s16le")
    encode(folder / "studio_192k.flac", read_samples(CLIP, rate=192000), 192000, "flac")
    encode(folder / "silence_hour.flac", np.zeros((1, 16000 * 60 * SILENT_MINUTES), np.float32), 16000, "flac")
    out = folder / "out"
    first = kikigaki("run", folder, "-o", out, "--formats", "json,txt,srt")
    return folder, out, first


def transcript(out, stem) -> dict:
    return json.loads((out / stem / f"{stem}.json").read_text(encoding="utf-8"))


def test_odd_files_transcribe_and_the_copy_is_reported_once(tapes):
    folder, out, run = tapes
    assert run.returncode == 0, run.stderr
    for stem in (ODD_NAME[:-5], "eight_channels", "telephone_8k", "studio_192k"):
        data = transcript(out, stem)
        assert data["segments"] and data["recording"]["duration"] == pytest.approx(read_samples(CLIP).shape[1] / 16000,
                                                                                   abs=0.1), stem
    assert transcript(out, "eight_channels")["recording"]["channels"] == 8
    assert transcript(out, "telephone_8k")["recording"]["sample_rate"] == 8000
    assert transcript(out, "studio_192k")["recording"]["sample_rate"] == 192000
    same = lines_about(run.stderr, "録音のコピー.flac")
    assert len(same) == 1 and "same audio as" in same[0] and ODD_NAME in same[0]
    assert not (out / "録音のコピー").exists()  # one transcription
    assert (out / ODD_NAME[:-5] / f"{ODD_NAME[:-5]}.srt").read_text(encoding="utf-8").strip()


def test_an_hour_of_digital_silence_is_quick_and_empty(tapes):
    folder, out, run = tapes
    data = transcript(out, "silence_hour")
    assert data["segments"] == [] and data["recording"]["duration"] == pytest.approx(SILENT_MINUTES * 60, abs=0.1)
    assert data["provenance"]["stages"]["asr"]["digital_silence"] is True
    assert data["provenance"]["stages"]["asr"]["seconds"] < 5  # nothing was decoded for an hour of nothing


def test_out_inside_the_input_folder_is_not_an_input(tapes):
    folder, out, _ = tapes
    again = kikigaki("run", folder, "-o", out, "--formats", "json,txt,srt")
    assert again.returncode == 0, again.stderr
    assert "skipped" not in again.stderr and "6 recording(s)" in again.stderr  # its own outputs are not inputs
    assert "same audio as" in again.stderr


def test_silence_memory_stays_flat(tmp_path, tapes):
    """Peak RSS of a run on the silent hour, in a process of its own (resource: the child's peak)."""
    folder, _, _ = tapes
    code = ("import resource, subprocess, sys\n"
            "subprocess.run(sys.argv[1:], capture_output=True)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    r = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "pipeline", "run",
                        str(folder / "silence_hour.flac"), "-o", str(tmp_path / "out"), "--formats", "json"],
                       capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=600)
    peak_mb = int(r.stdout.strip()) / 1024
    print(f"silent hour: peak RSS {peak_mb:.0f} MB")
    assert peak_mb < 1500  # the hour's samples are 230 MB; no model decodes any of it


def test_a_video_without_sound_says_so(tmp_path):
    video = tmp_path / "no sound.mp4"
    import av
    with av.open(str(video), "w") as c:
        stream = c.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(10):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 20, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                c.mux(packet)
        for packet in stream.encode(None):
            c.mux(packet)
    run = kikigaki("run", video, "-o", tmp_path / "out")
    assert run.returncode == 1
    lines = lines_about(run.stderr, "no sound.mp4: ingest failed")
    assert len(lines) == 1 and "no audio track" in lines[0]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_out_is_one_line(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        run = kikigaki("run", CLIP, "-o", out)
    finally:
        out.chmod(0o755)
    assert run.returncode == 2 and len(lines_about(run.stderr, "cannot write to")) == 1, run.stderr
    assert list(out.iterdir()) == []
