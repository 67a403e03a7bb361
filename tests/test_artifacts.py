"""Artifacts and exports as files colleagues share: modes that follow the umask, nothing half-written."""
import os
import stat

import pytest

from pipeline.artifacts import atomic_write, current_umask


@pytest.fixture
def umask():
    """Set a umask for one test; the old one comes back after."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)])
def test_new_files_follow_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    assert current_umask() == mask
    target = tmp_path / "deep" / "x.srt"
    atomic_write(target, "字幕\n")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8") == "字幕\n"
    assert [p.name for p in target.parent.iterdir()] == ["x.srt"]  # no temp file left


def test_an_existing_file_keeps_its_mode(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "x.txt"
    target.write_text("old")
    target.chmod(0o664)  # a group-writable archive folder
    atomic_write(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664 and target.read_text() == "new"


def test_the_file_and_its_folder_reach_the_disk(tmp_path, monkeypatch):
    synced = []
    real = os.fsync

    def fsync(fd):
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    atomic_write(tmp_path / "x.json", "{}")
    assert synced == [False, True]  # the data before the rename, the folder after it


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "x.txt"
    atomic_write(target, "kept")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(target, "\udcff")  # a lone surrogate cannot be written as UTF-8
    assert target.read_text() == "kept" and [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_pipeline_outputs_are_readable_by_others(demo_output):
    """Every export and artifact of a real run: 0666 less the umask (0644 under 022), none left 0600."""
    expected = 0o666 & ~current_umask()
    files = [p for p in demo_output.rglob("*") if p.is_file()]
    assert len(files) > 8
    for p in files:
        assert stat.S_IMODE(p.stat().st_mode) == expected, (p, oct(p.stat().st_mode))
