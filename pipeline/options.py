"""One typed source of defaults: options dataclasses, overridden by a collection TOML, then by CLI flags."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .glossary import GlossaryTerm, load_glossary, parse_glossary


@dataclass(frozen=True)
class AsrOptions:
    backend: str = "faster-whisper"
    model: str = "base"            # "base" is bundled; other names or paths go to the backend
    language: str = "ja"
    beam_size: int = 5
    compute_type: str = "int8"     # CTranslate2 quantisation on CPU
    device: str = "cpu"
    cpu_threads: int = 0           # CTranslate2 threads; 0: half the cores (the rest diarize alongside)
    vad: bool = True               # decode only where Silero VAD hears speech (no text on silence)
    condition_on_previous_text: bool = True  # context helps (CER 0.178 -> 0.149, 168 s mix); loops are cut
    hotwords: tuple[str, ...] = ()  # glossary terms that bias decoding (filled from the glossary)
    prompt_tokens: int = 223       # faster-whisper: hotwords + previous text fed to the decoder, at most (its own
                                   # 223 for the text alone, hotwords on top); 128: ~6% less CPU, CER mixed
    batch_size: int = 0            # faster-whisper: 0 decodes in order with context; N > 0 decodes N
                                   # speech chunks at once (BatchedInferencePipeline): faster, less accurate
    recover_gaps: bool = True      # re-decode speech that the first pass skipped
    min_gap: float = 1.0           # seconds of unrecognised speech worth a second pass
    max_repeats: int = 4           # a phrase repeated more often than this in a row is a loop: cut


@dataclass(frozen=True)
class DiarizeOptions:
    diarizer: str = "auto"         # auto, builtin, pyannote, channels, none
    num_speakers: int = 0          # 0: find out
    min_speakers: int = 1
    max_speakers: int = 8
    speaker_distance: float = 0.11  # builtin: cosine distance between voice centroids that makes two speakers
    fill_gap: float = 1.0          # seconds: a speaker's pause shorter than this stays inside the turn
    pyannote_pipeline: str = "pyannote/speaker-diarization-community-1"  # or a local folder
    enroll: tuple[str, ...] = ()   # "Name=path/to/clip.wav": name speakers by their voice


@dataclass(frozen=True)
class NlpOptions:
    """The Japanese language layer (GiNZA + SudachiPy)."""

    enabled: bool = True           # off: words stay the recogniser's tokens, no entities
    glossary_correction: bool = True  # rewrite spans that sound like a glossary term (original kept)
    punctuate: bool = True         # add 。 at sentence ends the recogniser left unmarked
    sentence_pause: float = 0.5    # seconds of silence after a final form that end a sentence


@dataclass(frozen=True)
class SubtitleOptions:
    """Netflix Japanese Timed Text Style Guide defaults."""

    max_line_chars: float = 13.0   # full-width characters per line; half-width counts 0.5
    max_lines: int = 2
    min_duration: float = 5 / 6    # seconds a cue stays on screen, at least
    max_duration: float = 7.0      # seconds, at most
    speaker_labels: bool = False   # prefix SRT cues with the speaker's name when it changes


@dataclass(frozen=True)
class Config:
    """Everything one batch run needs to know; written (in part) into each transcript's provenance."""

    collection: str = ""
    asr: AsrOptions = field(default_factory=AsrOptions)
    diarize: DiarizeOptions = field(default_factory=DiarizeOptions)
    nlp: NlpOptions = field(default_factory=NlpOptions)
    subtitles: SubtitleOptions = field(default_factory=SubtitleOptions)
    formats: tuple[str, ...] = ("json", "srt", "vtt", "txt", "rttm", "entities", "html")
    speaker_names: tuple[str, ...] = ()  # by order of first speech
    glossary: tuple[GlossaryTerm, ...] = ()

    def resolved(self) -> "Config":
        """Fill what derives from other options: the glossary biases decoding unless hotwords are set."""
        if self.glossary and not self.asr.hotwords:
            return replace(self, asr=replace(self.asr, hotwords=tuple(t.text for t in self.glossary)))
        return self


def _merge(obj: Any, table: dict[str, Any], where: str) -> Any:
    """Override dataclass `obj` with `table`, refusing unknown keys and wrong types."""
    known = {f.name: f for f in fields(obj)}
    changes = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown option {key!r}; known: {', '.join(sorted(known))}")
        current = getattr(obj, key)
        if isinstance(current, tuple):
            if not isinstance(value, list):
                raise ConfigError(f"{where}.{key}: expected a list, got {value!r}")
            value = tuple(value)
        elif isinstance(current, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{where}.{key}: expected true or false, got {value!r}")
        elif isinstance(current, (int, float)) and not isinstance(current, bool):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ConfigError(f"{where}.{key}: expected a number, got {value!r}")
            value = type(current)(value) if isinstance(current, float) else value
        elif isinstance(current, str) and not isinstance(value, str):
            raise ConfigError(f"{where}.{key}: expected a string, got {value!r}")
        changes[key] = value
    return replace(obj, **changes)


def load_config(path: Path | None) -> Config:
    """Read a collection TOML (see configs/default.toml for every option)."""
    config = Config()
    if path is None:
        return config
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ConfigError(f"config file not found: {path}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from e
    where = path.name
    allowed = {"collection", "asr", "diarize", "nlp", "subtitles", "export", "speakers", "glossary"}
    for key in data:
        if key not in allowed:
            raise ConfigError(f"{where}: unknown section {key!r}; known: {', '.join(sorted(allowed))}")
    collection = data.get("collection", {})
    changes: dict[str, Any] = {"collection": str(collection.get("name", ""))}
    if "asr" in data:
        changes["asr"] = _merge(config.asr, data["asr"], f"{where} [asr]")
    if "diarize" in data:
        diarize = _merge(config.diarize, data["diarize"], f"{where} [diarize]")
        enroll = tuple(_relative_enroll(item, path.parent) for item in diarize.enroll)
        changes["diarize"] = replace(diarize, enroll=enroll)
    if "nlp" in data:
        changes["nlp"] = _merge(config.nlp, data["nlp"], f"{where} [nlp]")
    if "subtitles" in data:
        changes["subtitles"] = _merge(config.subtitles, data["subtitles"], f"{where} [subtitles]")
    if "export" in data:
        changes["formats"] = tuple(data["export"].get("formats", config.formats))
    if "speakers" in data:
        changes["speaker_names"] = tuple(data["speakers"].get("names", ()))
    if "glossary" in data:
        table = data["glossary"]
        terms = parse_glossary(table.get("terms", []), f"{where} [glossary]")
        if "file" in table:
            terms += load_glossary(path.parent / table["file"])
        changes["glossary"] = tuple(terms)
    return replace(config, **changes)


def _relative_enroll(item: str, base: Path) -> str:
    name, sep, clip = item.partition("=")
    return f"{name}={base / clip.strip()}" if sep and not Path(clip.strip()).is_absolute() else item


def options_dict(obj: Any) -> dict[str, Any]:
    """Options as plain JSON-able data, for provenance and artifact keys."""
    if is_dataclass(obj):
        return {f.name: options_dict(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (tuple, list)):
        return [options_dict(v) for v in obj]
    return obj
