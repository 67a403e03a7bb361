"""`kikigaki publish` and `kikigaki clip`: access copies made from OUT and the masters, which are only read.

Every text of an access copy is rendered from the restricted transcript (the corrections applied,
then the restrictions in force), so no export can differ from another in what it hides.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from ..artifacts import WorkFolder, atomic_write
from ..audio import file_sha256
from ..corrections import CorrectionsLayer, apply_corrections
from ..errors import KikigakiError
from ..export import EXPORTERS, extension, render
from ..options import AccessOptions, SubtitleOptions
from ..transcript import Segment, Transcript
from . import audio
from .layer import RestrictionsLayer
from .resolve import Restricted, resolve

MANIFEST = "manifest.json"
MANIFEST_SCHEMA = "kikigaki.access-manifest/1"
CLIP_FORMATS = ("srt", "vtt", "txt")


class PublishError(KikigakiError):
    """An access copy that cannot be made safely (the message says why and what to do)."""


def recording_ids(out: Path) -> list[str]:
    return sorted(p.parent.parent.name for p in Path(out).glob("*/.kikigaki/nlp.json"))


def corrected(folder: Path) -> Transcript:
    """The pipeline's transcript of OUT/<id> with the archivists' corrections applied."""
    folder = Path(folder)
    work = WorkFolder(folder.parent, folder.name)
    stored = work.latest("nlp")
    if not stored or not stored[1]:
        raise PublishError(f"{folder}: no finished transcript; run `kikigaki run` on it first")
    layer = CorrectionsLayer(folder, folder.name)
    return apply_corrections(Transcript.from_dict(stored[1]), layer.edits(), layer.path.name)


def restrictions(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """The recording's restrictions, then the collection's rules (OUT/restrictions.json)."""
    folder = Path(folder)
    own = RestrictionsLayer.of_recording(folder)
    collection = RestrictionsLayer.of_collection(folder.parent)
    return [(own.scope, e) for e in own.restrictions()] + [("collection", e) for e in collection.restrictions()]


def restricted(folder: Path, options: AccessOptions, as_of: date) -> Restricted:
    return resolve(corrected(folder), restrictions(folder), options, as_of)


def master_path(transcript: Transcript, out: Path) -> Path:
    """The original recording, where `kikigaki run` was given it; its sha256 must still match."""
    source = Path(transcript.recording.source)
    for candidate in (source, Path.cwd() / source, Path(out).resolve().parent / source):
        if candidate.is_file():
            if file_sha256(candidate) != transcript.recording.sha256:
                raise PublishError(f"{candidate} is not the recording that was transcribed (its sha256 changed): "
                                   "run `kikigaki run` on it again before publishing")
            return candidate.resolve()
    raise PublishError(f"the master {source} was not found: run `kikigaki publish` from the folder where "
                       "`kikigaki run` was run")


def _subtitle_options(transcript: Transcript) -> SubtitleOptions:
    made = transcript.provenance.get("stages", {}).get("export", {}).get("subtitles") or {}
    names = {f.name for f in fields(SubtitleOptions)}
    return SubtitleOptions(**{k: v for k, v in made.items() if k in names})


def _formats(transcript: Transcript) -> list[str]:
    made = transcript.provenance.get("stages", {}).get("export", {}).get("formats") or ["json", "srt", "vtt", "txt"]
    return [f for f in made if f in EXPORTERS]


def _check_target(out: Path, public: Path, force: bool) -> None:
    out, public = Path(out).resolve(), Path(public).resolve()
    if public == out or public.is_relative_to(out) or out.is_relative_to(public):
        raise PublishError(f"{public}: the access copy must go to a folder outside {out} (OUT is never written)")
    if public.exists() and any(public.iterdir()) and not force:
        raise PublishError(f"{public} is not empty: choose a new folder, or add --force to replace what is there")


def _leaks(text: str, names: set[str]) -> bool:
    return any(name in text for name in names)


@dataclass
class Published:
    public: Path
    recordings: list[dict[str, Any]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def publish(out: Path, public: Path, options: AccessOptions = AccessOptions(), as_of: date | None = None,
            force: bool = False) -> Published:
    """Write the access copy of every recording in OUT to PUBLIC, and PUBLIC/manifest.json."""
    as_of = as_of or datetime.now(timezone.utc).date()
    out, public = Path(out), Path(public)
    _check_target(out, public, force)
    result = Published(public)
    files: list[Path] = []
    for rec_id in recording_ids(out):
        try:
            summary, written = publish_recording(out / rec_id, public / rec_id, options, as_of)
            result.recordings.append(summary)
            files += written
        except KikigakiError as e:
            result.failed.append((rec_id, str(e)))
    manifest = {
        "schema": MANIFEST_SCHEMA, "as_of": as_of.isoformat(),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "placeholder": options.placeholder, "audio": options.audio,
        "recordings": result.recordings,
        "failed": [{"id": i, "error": e} for i, e in result.failed],
        "files": [{"path": p.relative_to(public).as_posix(), "bytes": p.stat().st_size, "sha256": file_sha256(p)}
                  for p in files],
    }
    atomic_write(public / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    for path in [*files, public / MANIFEST]:
        path.chmod(0o644)  # an access copy is for reading (temp files are created private)
    return result


def publish_recording(folder: Path, target: Path, options: AccessOptions, as_of: date) -> tuple[dict, list[Path]]:
    """One recording's access copy: audio, then every export the pipeline wrote, from the restricted transcript."""
    folder = Path(folder)
    restricted_ = restricted(folder, options, as_of)
    transcript = restricted_.transcript
    master = master_path(transcript, folder.parent)
    fmt = audio.access_format(master, options.format)
    sound = audio.close_spans(audio.load(master), restricted_.spans(), options)
    audio_file = target / f"{folder.name}.{audio.FORMATS[fmt][0]}"
    if audio_file.resolve() == master:
        raise PublishError(f"{audio_file} is the master itself: choose another PUBLIC folder")
    audio.write(sound, audio_file, fmt)
    public_transcript = _public(transcript, restricted_, audio_file, fmt, as_of)
    names = restricted_.names
    written = [audio_file]
    subtitles = _subtitle_options(transcript)
    for name in _formats(transcript):
        path = target / f"{folder.name}.{extension(name)}"
        # the page links the audio beside it; every other file names it alone
        shown = replace(public_transcript, recording=replace(public_transcript.recording, source=str(audio_file.resolve())))
        text = render(name, shown if name == "html" else public_transcript, subtitles, page_dir=target)
        if _leaks(text, names):
            raise PublishError(f"{path.name} would still show a restricted name (in a field the restrictions do not "
                               "reach): nothing of this recording was published; report this as a bug")
        atomic_write(path, text)
        written.append(path)
    closures = restricted_.closures
    summary = {
        "id": folder.name, "audio": audio_file.name,
        "closed": sum(1 for c in closures if c.end > c.start), "lifted": restricted_.lifted,
        "to_review": sum(1 for c in closures if c.status in ("review", "unresolved")),
        "seconds_closed": round(sum(b - a for a, b in restricted_.spans()), 3),
        "spans": [[round(a, 3), round(b, 3)] for a, b in restricted_.spans()],
        "reasons": _count(c.reason for c in closures if c.end > c.start),
    }
    return summary, written


def _count(items) -> dict[str, int]:
    counts: dict[str, int] = {}
    for x in items:
        counts[x] = counts.get(x, 0) + 1
    return counts


def _public(transcript: Transcript, restricted_: Restricted, audio_file: Path, fmt: str, as_of: date) -> Transcript:
    """The restricted transcript as the access copy describes itself: its audio, and what was closed (times only)."""
    recording = replace(transcript.recording, source=audio_file.name, sha256=file_sha256(audio_file), format=fmt)
    access = {"as_of": as_of.isoformat(), "master_sha256": transcript.recording.sha256,
              "closed": [{"start": round(a, 3), "end": round(b, 3)} for a, b in restricted_.spans()],
              "lifted": restricted_.lifted}
    return replace(transcript, recording=recording, provenance={**transcript.provenance, "access": access})


# --- clips -----------------------------------------------------------------------
_CLOCK = re.compile(r"(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)")


def parse_time(value: str) -> float:
    """Seconds from `75.5`, `1:15.5` or `00:01:15.5`."""
    text = str(value).strip()
    try:
        return float(text)
    except ValueError:
        pass
    m = _CLOCK.fullmatch(text)
    if not m:
        raise PublishError(f"time {value!r}: give seconds (75.5) or hh:mm:ss (00:01:15.5)")
    return int(m[1] or 0) * 3600 + int(m[2]) * 60 + float(m[3])


def excerpt_transcript(transcript: Transcript, start: float, end: float) -> Transcript:
    """The words heard between start and end (a word belongs where its middle is), times from 0."""
    segments, kept = [], {}
    for seg in transcript.segments:
        if seg.end <= start or seg.start >= end:
            continue
        inside = [w for w in seg.words if start <= (w.start + w.end) / 2 < end] if seg.words else ()
        if seg.words and not inside:
            continue
        shift = lambda t: round(min(max(t - start, 0.0), end - start), 3)  # noqa: E731
        words = tuple(replace(w, start=shift(w.start), end=shift(w.end)) for w in inside)
        text = "".join(w.text for w in words) if seg.words else seg.text
        a = words[0].start if words else shift(seg.start)
        b = max(w.end for w in words) if words else shift(seg.end)
        whole = not seg.words or len(inside) == len(seg.words)
        kept[seg.id] = (len(segments), whole)
        segments.append(Segment(len(segments), a, b, text, words, seg.speaker, seg.overlap, seg.flags))
    entities = [replace(e, segment=kept[e.segment][0], start=round(max(e.start - start, 0.0), 3),
                        end=round(min(e.end - start, end - start), 3))
                for e in transcript.entities if e.segment in kept and kept[e.segment][1]]
    recording = replace(transcript.recording, duration=round(end - start, 3))
    provenance = {**transcript.provenance, "clip": {"start": start, "end": end}}
    return replace(transcript, recording=recording, segments=tuple(segments), entities=tuple(entities),
                   turns=(), gaps=(), provenance=provenance)


def around(transcript: Transcript, text: str, hit: int = 1, context: float = 2.0) -> tuple[float, float]:
    """Start and end of the `hit`-th line that says `text` (or an entity normalised to it), `context` either side."""
    from .resolve import surfaces
    forms = surfaces(transcript, text)
    lines = [s for s in transcript.segments if any(f in s.text for f in forms)]
    if not 1 <= hit <= len(lines):
        raise PublishError(f"{text!r} is said in {len(lines)} line(s) of {transcript.recording.id}; "
                           f"--hit {hit} is not among them")
    seg = lines[hit - 1]
    return max(0.0, seg.start - context), min(transcript.recording.duration, seg.end + context)


def clip(folder: Path, start: float, end: float, target: Path, options: AccessOptions = AccessOptions(),
         master: bool = False, as_of: date | None = None) -> list[Path]:
    """An excerpt's audio (restrictions applied unless `master`) and its SRT, VTT and TXT, times from 0."""
    folder, target = Path(folder), Path(target)
    as_of = as_of or datetime.now(timezone.utc).date()
    restricted_ = restricted(folder, options, as_of)
    transcript = corrected(folder) if master else restricted_.transcript
    duration = transcript.recording.duration
    start, end = max(0.0, start), min(end, duration)
    if end <= start:
        raise PublishError(f"clip {start}-{end} s: the start must come before the end, inside the recording "
                           f"({duration:.1f} s)")
    source = master_path(transcript, folder.parent)
    if target.resolve() == source or target.resolve().is_relative_to(folder.parent.resolve()):
        raise PublishError(f"{target}: write the clip outside {folder.parent} (OUT and the masters are never written)")
    fmt = audio.access_format(target, target.suffix.lstrip(".").lower() or "flac")
    sound = audio.load(source)
    if not master:
        sound = audio.close_spans(sound, restricted_.spans(), options)
    audio.write(audio.excerpt(sound, start, end), target, fmt)
    part = excerpt_transcript(transcript, start, end)
    written = [target]
    for name in CLIP_FORMATS:
        path = target.with_suffix(f".{name}")
        atomic_write(path, render(name, part, _subtitle_options(transcript)))
        path.chmod(0o644)
        written.append(path)
    return written


# --- what `kikigaki restrict` and the review app share ------------------------------
def layer_for(path: Path) -> tuple[RestrictionsLayer, Transcript | None]:
    """OUT/<id> gives that recording's layer (and its corrected transcript); OUT gives the collection's."""
    path = Path(path)
    if (path / ".kikigaki" / "nlp.json").is_file():
        return RestrictionsLayer.of_recording(path), corrected(path)
    if path.is_dir() and recording_ids(path):
        return RestrictionsLayer.of_collection(path), None
    raise PublishError(f"{path}: give a recording's folder OUT/<id> or the OUT folder of `kikigaki run`")


def heard(transcript: Transcript, start: float, end: float) -> str:
    """The words a span closes now, kept with a span restriction to notice when a re-run changes them."""
    from .resolve import _covered_words
    return "".join(seg.text[a:b] for seg in transcript.segments for a, b in _covered_words(seg, start, end))


def restrict(path: Path, request: dict[str, Any], author: str) -> dict[str, Any]:
    """Add a restriction to the layer of `path` (a recording or the collection), validated as the review app does."""
    layer, transcript = layer_for(path)
    request = dict(request)
    if transcript is not None and request.get("kind") == "span":
        try:
            request["heard"] = heard(transcript, float(request["start"]), float(request["end"]))
        except (KeyError, TypeError, ValueError):
            pass  # validate() says what is missing
        if float(request.get("start", 0)) >= transcript.recording.duration:
            raise PublishError(f"the span starts after the recording ends ({transcript.recording.duration:.1f} s)")
    return layer.add(request, author)


def occurrences(path: Path, text: str) -> int:
    """How many times `text` (or an entity normalised to it) is said in the recordings under `path`."""
    from .resolve import surfaces
    path = Path(path)
    folders = [path] if (path / ".kikigaki" / "nlp.json").is_file() else [path / i for i in recording_ids(path)]
    total = 0
    for folder in folders:
        t = corrected(folder)
        forms = surfaces(t, text)
        total += sum(len(re.findall("|".join(map(re.escape, sorted(forms, key=len, reverse=True))), s.text))
                     for s in t.segments)
    return total
