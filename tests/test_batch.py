"""The batch end to end through the real CLI: bad files, resume, re-runs, every output validated."""
import json
import os
import re
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest

from conftest import CV, DATA, DEMO, DEV, ROOT, encode, read_samples, write_wav
from pipeline.batch import run_batch
from pipeline.options import Config
from subtitle_rules import check_srt, check_vtt


def kikigaki(*args, env=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200", **(env or {})}, cwd=ROOT)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The acceptance folder: a good recording, an empty and a corrupt .wav, 20 s of silence,
    a stereo 48 kHz Ogg, an mp3 and a .txt."""
    root = tmp_path_factory.mktemp("batch")
    inp = root / "in"
    inp.mkdir()
    shutil.copy(DEV / "d1_ryuyo.flac", inp / "d1_ryuyo.flac")
    (inp / "empty.wav").write_bytes(b"")
    (inp / "corrupt.wav").write_bytes(np.random.RandomState(2).bytes(60000))
    write_wav(inp / "silence.wav", np.zeros(16000 * 20))
    left = read_samples(CV / "common_voice_ja_38878413_16k.wav", 48000)[0]
    encode(inp / "stereo48k.ogg", np.stack([left, left * 0.6]), 48000, "libopus", "stereo")
    encode(inp / "clip.mp3", read_samples(CV / "common_voice_ja_38853932_16k.wav", 44100), 44100, "libmp3lame")
    (inp / "notes.txt").write_text("調査メモ\n", encoding="utf-8")
    out = root / "out"
    t0 = time.perf_counter()
    first = kikigaki("run", inp, "-o", out)
    first_wall = time.perf_counter() - t0
    return inp, out, first, first_wall


def test_bad_files_fail_alone_with_one_readable_line(batch):
    inp, out, first, _ = batch
    assert first.returncode == 1
    err = first.stderr
    assert "Traceback" not in err
    assert re.search(r"empty\.wav: .*empty", err) and re.search(r"corrupt\.wav: .*not a readable", err)
    assert "skipped" in err and "notes.txt" in err
    for rec in ("d1_ryuyo", "silence", "stereo48k", "clip"):
        for ext in ("json", "srt", "vtt", "txt", "rttm", "entities.csv", "html"):
            assert (out / rec / f"{rec}.{ext}").is_file(), f"{rec}.{ext} missing"
    assert not (out / "empty" / "empty.json").exists()


@pytest.mark.parametrize("rec", ["d1_ryuyo", "silence", "stereo48k", "clip"])
def test_outputs_are_valid(batch, schema_validator, rec):
    _, out, _, _ = batch
    data = json.loads((out / rec / f"{rec}.json").read_text(encoding="utf-8"))
    schema_validator.validate(data)
    check_srt((out / rec / f"{rec}.srt").read_text(encoding="utf-8"))
    check_vtt((out / rec / f"{rec}.vtt").read_text(encoding="utf-8"))
    assert len(data["recording"]["sha256"]) == 64 and data["provenance"]["stages"]["asr"]["model"] == "base"
    for seg in data["segments"]:
        assert "".join(w["text"] for w in seg["words"]) == seg["text"]
        assert 0 <= seg["start"] <= seg["end"] <= data["recording"]["duration"]


def test_recording_facts(batch):
    _, out, _, _ = batch
    stereo = json.loads((out / "stereo48k" / "stereo48k.json").read_text())
    assert stereo["recording"]["channels"] == 2 and stereo["recording"]["sample_rate"] == 48000
    assert stereo["segments"], "the stereo Ogg was transcribed"
    silence = json.loads((out / "silence" / "silence.json").read_text())
    assert silence["segments"] == [] and silence["recording"]["duration"] == 20.0
    assert (out / "silence" / "silence.srt").read_text().strip() == ""


def test_second_run_redoes_nothing(batch):
    inp, out, _, first_wall = batch
    t0 = time.perf_counter()
    second = kikigaki("run", inp, "-o", out)
    wall = time.perf_counter() - t0
    assert second.returncode == 1  # the bad files are still bad
    rows = [l for l in second.stderr.splitlines() if "│" in l and "up to date" in l]
    assert len(rows) == 4, second.stderr  # summary table: every good recording reused
    print(f"first run {first_wall:.1f} s, second {wall:.1f} s ({wall / first_wall:.0%})")


def test_changed_option_redoes_only_what_it_touches(tmp_path):
    out = tmp_path / "out"
    clip = CV / "common_voice_ja_38833628_16k.wav"
    first = run_batch([clip], out, Config())
    assert first.recordings[0].redone == ["ingest", "asr", "diarize", "nlp", "export"]
    asr_artifact = out / clip.stem / ".kikigaki" / "asr.json"
    stamp = asr_artifact.stat().st_mtime_ns
    config = Config(subtitles=Config().subtitles.__class__(max_line_chars=10))
    again = run_batch([clip], out, config)
    assert again.recordings[0].redone == ["export"] and asr_artifact.stat().st_mtime_ns == stamp
    check_srt((out / clip.stem / f"{clip.stem}.srt").read_text(), config.subtitles)
    forced = run_batch([clip], out, config, force=True)
    assert forced.recordings[0].redone == ["ingest", "asr", "diarize", "nlp", "export"]


ADDED_SINCE = ("gazetteer", "sound_alike")  # language-layer options newer than before_stages/ (eleventh, thirteenth session)


@pytest.mark.parametrize("audio", [DEMO, DEV / "d1_ryuyo.flac"], ids=lambda p: p.stem)
def test_stage_list_reuses_and_matches_what_the_old_runner_made(tmp_path, monkeypatch, audio):
    """ASR and diarization artifacts stored by the runner before the stage list (0224f01) are reused as
    they are (their keys are made of the same parts), and the language layer and exports made from them
    are the old ones byte for byte (the JSON's provenance aside); SudachiPy analyses each text once."""
    from pipeline.nlp import morph
    before = DATA / "before_stages" / audio.stem
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old").mkdir()
    shutil.copy(audio, tmp_path / "old" / audio.name)
    work = tmp_path / "out" / audio.stem / ".kikigaki"
    work.mkdir(parents=True)
    for stage in ("ingest", "asr", "diarize"):
        shutil.copy(before / f"{stage}.json", work)
    morph._analysed.cache_clear()
    morph.SUDACHI_RUNS.clear()
    result = run_batch([f"old/{audio.name}"], tmp_path / "out", Config()).recordings[0]
    assert (result.status, result.redone) == ("done", ["nlp", "export"]), result.error
    asked = morph._analysed.cache_info()
    assert morph.SUDACHI_RUNS and max(morph.SUDACHI_RUNS.values()) == 1, morph.SUDACHI_RUNS.most_common(3)
    # cut points, punctuation and the layout of two subtitle formats ask again for texts analysed once
    transcript = json.loads((tmp_path / "out" / audio.stem / f"{audio.stem}.json").read_text(encoding="utf-8"))
    assert {s["text"] for s in transcript["segments"]} <= set(morph.SUDACHI_RUNS)
    assert asked.hits >= len(transcript["segments"]), asked  # before: one analysis per request
    for old in sorted(before.glob(f"{audio.stem}.*")):
        new = tmp_path / "out" / audio.stem / old.name
        if old.suffix == ".json":
            a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (old, new))
            assert {k: v for k, v in a.items() if k != "provenance"} == \
                   {k: v for k, v in b.items() if k != "provenance"}, old.name
            assert a["provenance"]["stages"]["nlp"]["options"] == {  # (an option added since, which changes
                k: v for k, v in b["provenance"]["stages"]["nlp"]["options"].items() if k not in ADDED_SINCE}  # nothing here)
        else:
            assert new.read_bytes() == old.read_bytes(), old.name


def test_interrupted_batch_keeps_finished_work(tmp_path):
    clips = [CV / "common_voice_ja_38833628_16k.wav", CV / "common_voice_ja_38843402_16k.wav"]
    out = tmp_path / "out"

    def ctrl_c_on_second(event):
        if event.recording == clips[1].stem and event.stage == "asr":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(clips, out, Config(), hook=ctrl_c_on_second)
    assert (out / clips[0].stem / f"{clips[0].stem}.json").is_file()
    assert not (out / clips[1].stem / ".kikigaki" / "asr.json").exists()
    resumed = run_batch(clips, out, Config())
    assert [r.status for r in resumed.recordings] == ["cached", "done"], [r.error for r in resumed.recordings]
    assert resumed.recordings[1].redone == ["asr", "diarize", "nlp", "export"]  # its ingest finished before the crash


def test_verbose_shows_tracebacks_and_duplicate_ids_fail(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x.wav").write_bytes(b"")
    (b / "x.wav").write_bytes(b"RIFF")
    result = kikigaki("run", a, b, "-o", tmp_path / "out", "--verbose")
    assert result.returncode == 1 and "Traceback" in result.stderr and "rename one" in result.stderr


def test_help_is_fast_and_light():
    code = ("import sys, pipeline.cli; pipeline.cli.build_parser().format_help();"
            "print([m for m in ('numpy', 'av', 'faster_whisper', 'ctranslate2', 'rich', 'sudachipy') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"



@pytest.mark.numeric
def test_eval_scores_der_and_cer(batch):
    _, out, _, _ = batch
    result = kikigaki("eval", out / "d1_ryuyo" / "d1_ryuyo.json", "--rttm", DEV / "d1_ryuyo.rttm",
                      "--text", DEV / "d1_ryuyo.reference.json")
    assert result.returncode == 0, result.stderr
    scores = dict(re.findall(r"^(DER|CER) ([0-9.]+)", result.stdout, re.M))
    print(result.stdout)
    assert float(scores["DER"]) <= 0.05 and float(scores["CER"]) <= 0.15
    # the reference has gold entities: precision and recall reported apart
    entities = re.search(r"^Entities precision ([0-9.]+) recall ([0-9.]+) F1 ([0-9.]+)", result.stdout, re.M)
    assert entities and all(0 <= float(x) <= 1 for x in entities.groups())


def test_jobs_process_recordings_side_by_side_with_the_same_results(tmp_path, monkeypatch):
    """`--jobs 2`: two worker processes, each with half the cores; the transcripts are the ones a
    single process makes, progress events reach the parent's hook, a bad file still fails alone.
    Both runs decode with one recognition thread, as on two cores: another thread count may take
    other float paths, so "the same text" is only claimed for the same count."""
    from pipeline import CORES_ENV
    monkeypatch.setenv(CORES_ENV, "2")
    inp = tmp_path / "in"
    inp.mkdir()
    for name in ("common_voice_ja_38833628_16k.wav", "common_voice_ja_38843402_16k.wav"):
        shutil.copy(CV / name, inp / name)
    (inp / "broken.wav").write_bytes(b"RIFF....WAVEfmt ")
    events = []
    parallel = run_batch([inp], tmp_path / "two", Config(), hook=events.append, jobs=2)
    single = run_batch([inp], tmp_path / "one", Config())
    assert [r.status for r in parallel.recordings] == [r.status for r in single.recordings]
    assert {r.id: r.status for r in parallel.recordings}["broken"] == "failed"
    assert "not a readable" in {r.id: r.error for r in parallel.recordings}["broken"]
    for r in parallel.recordings:
        if r.status == "done":
            a = json.loads((tmp_path / "two" / r.id / f"{r.id}.json").read_text(encoding="utf-8"))
            b = json.loads((tmp_path / "one" / r.id / f"{r.id}.json").read_text(encoding="utf-8"))
            assert [s["text"] for s in a["segments"]] == [s["text"] for s in b["segments"]]
            assert r.duration and r.wall > 0
    assert {e.recording for e in events if e.stage == "done"} == {r.id for r in parallel.recordings}
    assert any(e.stage == "asr" for e in events)
