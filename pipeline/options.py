"""One typed source of defaults: options dataclasses, overridden by a collection TOML, then by CLI flags."""
from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .glossary import GlossaryTerm, load_glossary, parse_glossary
from .transcript import Metadata


@dataclass(frozen=True)
class AsrOptions:
    backend: str = "faster-whisper"
    model: str = "base"            # "base" is bundled; other names or paths go to the backend
    language: str = "ja"
    beam_size: int = 5
    beam_threshold: float = 0.0    # faster-whisper: < 0 decodes each window greedily first and searches with
                                   # beam_size only where its average log-probability is below this; 0: beam always
    compute_type: str = "int8"     # CTranslate2 quantisation on CPU
    device: str = "cpu"
    cpu_threads: int = 0           # CTranslate2 threads per worker; 0: one (faster than two on Whisper base)
    workers: int = 0               # faster-whisper: blocks of a recording decoded at once; 0: cores / cpu_threads
    denoise: bool = False          # before recognition: hum cut, steady hiss reduced (pipeline/denoise.py);
                                   # off: tuning cassette copies gained, the blind ones did not (README, Recognition)
    vad: bool = True               # decode only where Silero VAD hears speech (no text on silence)
    condition_on_previous_text: bool = True  # context helps (CER 0.178 -> 0.149, 168 s mix); loops are cut
    hotwords: tuple[str, ...] = ()  # glossary terms that bias decoding (filled from the glossary)
    hotword_policy: str = "window"  # window: every term from the window that first says one (decoded again,
                                   # fed; the recording's first window decides for all blocks): a glossary never
                                   # hurts where nobody says a term; topic: from the window after; heard: only
                                   # the terms said; all: every window (asr/hotwords.py; measured in
                                   # tests/data/interviews/README.md)
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
    min_speakers: int = 1          # also at least the number of [speakers] names and of enrolled voices
    max_speakers: int = 8
    fill_gap: float = 1.0          # seconds: a speaker's pause shorter than this stays inside the turn
    pyannote_pipeline: str = "pyannote/speaker-diarization-community-1"  # or a local folder
    enroll: tuple[str, ...] = ()   # "Name=path/to/clip.wav": name speakers by their voice


@dataclass(frozen=True)
class NlpOptions:
    """The Japanese language layer (GiNZA + SudachiPy)."""

    enabled: bool = True           # off: words stay the recogniser's tokens, no entities
    glossary_correction: bool = True  # rewrite spans that sound like a glossary term (original kept)
    acoustic_check: bool = True    # a term that only sounds like ordinary words heard there is written
                                   # only if the recording supports it (Whisper's log-likelihood)
    acoustic_margin: float = 4.0   # nats: the term's sentence may score this much below the heard one (calibrated: README)
    punctuate: bool = True         # add 。 at sentence ends the recogniser left unmarked
    vocabulary: str = ""           # words of the period corrected like glossary terms, never entities: "postwar"
                                   # (nlp/words/) or a file; off by default: it doubles the stage's time (README)
    gazetteer: str = "places"      # well-known places and bodies the glossary lacks (カラツ -> 唐津), made entities:
                                   # "places" (nlp/words/places.txt), a file, or "" for none
    standard_spelling: bool = True  # common nouns heard in hiragana written in kanji (みなと -> 港; nlp/spelling.py)
    sound_alike: bool = False      # an ordinary word heard as a non-word of its reading (単人 -> 担任), if the
                                   # recording supports it (nlp/sound_alike.py); off: ~1.7x the language stage's CPU
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
class ExportOptions:
    """How the archive formats point at things outside themselves."""

    base_url: str = ""             # where OUT is published (IIIF ids, audio and VTT links): "" links to
                                   # `kikigaki review OUT` on this computer (http://127.0.0.1:8765/)
    entity_comments: bool = True   # DOCX: each named entity as a Word comment where it is first spoken


@dataclass(frozen=True)
class AccessOptions:
    """Access copies (`kikigaki publish`, `kikigaki clip`): what stands where restricted words were."""

    placeholder: str = "［非公開］"  # text standing in every export where closed words were
    audio: str = "silence"         # silence or tone: what is heard over a closed span
    tone_hz: float = 1000.0        # Hz, the bleep
    tone_dbfs: float = -20.0       # dBFS, the bleep's level
    fade: float = 0.02             # seconds: fade out before and in after each closed span (no clicks)
    entity_padding: float = 0.15   # seconds closed on each side of a restricted name (word times are approximate)
    format: str = ""               # audio format of the access copy: "" keeps the master's; flac, mp3, m4a, ogg


@dataclass(frozen=True)
class ClusterOptions:
    """Where `kikigaki run` sends its recordings (`[cluster]`, or a slurm:FILE.yaml with the same keys).
    Never part of an artifact key: a cluster run makes the same transcripts as a local one."""

    address: str = ""              # local:N, tcp://HOST:PORT or slurm:FILE.yaml; empty: in this process
    # Slurm (dask-jobqueue SLURMCluster): one job per node, several recordings at once on each
    queue: str = ""                # partition (#SBATCH -p)
    account: str = ""              # #SBATCH -A
    cores: int = 8                 # CPU cores per job (#SBATCH --cpus-per-task)
    memory: str = "16GB"           # memory per job; about 1.7 GB per recording at once
    walltime: str = "04:00:00"     # per job; adaptive scaling starts new jobs as old ones end
    recordings_per_job: int = 4    # Dask worker processes per job, each with cores / this many cores
    max_jobs: int = 10             # adaptive scaling: at most this many jobs at once
    setup: tuple[str, ...] = ()    # shell lines run before the workers start (module load, venv)
    job_directives: tuple[str, ...] = ()  # extra #SBATCH lines, e.g. "--qos=long"
    interface: str = ""            # network interface the workers use to reach the scheduler (e.g. ib0)
    local_directory: str = ""      # node-local scratch for Dask's spill files
    python: str = ""               # the workers' Python; default: this one (on the shared file system)


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
    export: ExportOptions = field(default_factory=ExportOptions)
    metadata: Metadata = Metadata()  # the collection's: what every recording shares
    recordings: tuple[tuple[str, Metadata], ...] = ()  # per recording id, the collection's overridden
    access: AccessOptions = field(default_factory=AccessOptions)
    cluster: ClusterOptions = field(default_factory=ClusterOptions)

    def metadata_for(self, recording_id: str) -> Metadata:
        """The archive's facts about one recording: its own table, else the collection's."""
        return dict(self.recordings).get(recording_id, self.metadata)

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
    allowed = {"collection", "asr", "diarize", "nlp", "subtitles", "export", "speakers", "glossary", "recordings",
               "access", "cluster"}
    for key in data:
        if key not in allowed:
            raise ConfigError(f"{where}: unknown section {key!r}; known: {', '.join(sorted(allowed))}")
    collection = data.get("collection", {})
    changes: dict[str, Any] = {"collection": str(collection.get("name", ""))}
    shared = _metadata(Metadata(collection=changes["collection"] or None),
                       {k: v for k, v in collection.items() if k != "name"}, f"{where} [collection]")
    changes["metadata"] = shared
    recordings = data.get("recordings", {})
    if not isinstance(recordings, dict) or not all(isinstance(v, dict) for v in recordings.values()):
        raise ConfigError(f'{where}: [recordings] holds one table per recording id: [recordings."<id>"]')
    changes["recordings"] = tuple((rec_id, _metadata(shared, table, f'{where} [recordings."{rec_id}"]'))
                                  for rec_id, table in recordings.items())
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
        export = dict(data["export"])
        formats = export.pop("formats", list(config.formats))
        if not isinstance(formats, list) or not all(isinstance(f, str) for f in formats):
            raise ConfigError(f'{where} [export].formats: expected a list of names, e.g. ["json", "srt"] or ["all"]')
        changes["formats"] = tuple(formats)
        changes["export"] = _merge(config.export, export, f"{where} [export]")
    if "access" in data:
        changes["access"] = _merge(config.access, data["access"], f"{where} [access]")
    if "speakers" in data:
        names = tuple(data["speakers"].get("names", ()))
        changes["speaker_names"] = names
        diarize = changes.get("diarize", config.diarize)
        if len(names) > diarize.min_speakers:  # named speakers are at least that many voices
            changes["diarize"] = replace(diarize, min_speakers=len(names))
    if "glossary" in data:
        table = data["glossary"]
        terms = parse_glossary(table.get("terms", []), f"{where} [glossary]")
        if "file" in table:
            terms += load_glossary(path.parent / table["file"])
        changes["glossary"] = tuple(terms)
    if "cluster" in data:
        changes["cluster"] = load_cluster_table(data["cluster"], f"{where} [cluster]", path.parent)
    return replace(config, **changes)


def _metadata(base: Metadata, table: dict[str, Any], where: str) -> Metadata:
    """Metadata fields of a config table over `base`; "" (or []) says unknown."""
    known = {f.name for f in fields(Metadata)}
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown field {key!r}; known: name, {', '.join(sorted(known))}")
        if key == "reviewed":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}.reviewed: expected true or false, got {value!r}")
        elif key in ("interviewee", "interviewer"):
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ConfigError(f"{where}.{key}: expected a name or a list of names, got {value!r}")
            value = tuple(n.strip() for n in names if n.strip())
        elif key == "date" and isinstance(value, (datetime.date, datetime.datetime)):
            value = value.isoformat()  # TOML's own date: date = 1998-07-12
        elif not isinstance(value, str):
            raise ConfigError(f"{where}.{key}: expected a string, got {value!r} (dates too: \"1998-07-12\")")
        else:
            value = value.strip() or None
        changes[key] = value
    return replace(base, **changes)


def load_cluster_table(table: dict[str, Any], where: str, base: Path) -> ClusterOptions:
    """`[cluster]` of a config, or a slurm:FILE.yaml's contents; a relative slurm: file is found beside it."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table of cluster options, got {table!r}")
    options = _merge(ClusterOptions(), table, where)
    kind, sep, rest = options.address.partition(":")
    if kind == "slurm" and sep and not Path(rest).is_absolute():
        options = replace(options, address=f"slurm:{base / rest}")
    return options


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
