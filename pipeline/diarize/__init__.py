"""The speakers stage: `diarize(audio, DiarizeOptions) -> Diarization`, whatever the diarizer.

Diarizers are looked up by name; `auto` picks `channels` for stereo with one microphone per
speaker, `builtin` otherwise. Turns are tidied (pauses inside a turn filled, speakers renamed S1,
S2, ... by order of first speech) and named by enrollment where voices were given.
"""
from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from ..audio import MODEL_SAMPLE_RATE, Audio, decode, is_digital_silence
from ..errors import ConfigError
from ..options import DiarizeOptions, options_dict
from ..speech import Speech, analyse
from .turns import Turn, tidy_turns

DIARIZERS = ("auto", "builtin", "pyannote", "channels", "none")
ENROLL_MIN_SIMILARITY = 0.75  # cosine: below this an enrolled voice names nobody
VOICE_PRINT_SECONDS = 60.0    # of a speaker's speech used to compare with enrolled voices
VERSION = 12  # of the diarizers' code, in the stage's key: raise it when the turns found for the same
             # audio and options change (the count rule, the VAD it reads), so stored turns are made again
             # rather than kept until --force (1: before it was in the key; 3: partitions refined by stretches;
             # 4: pairs that take turns and hold to their voice from 0.65; 5: a no-turn cluster under 20%
             # of the speech judged as one stretch; 6: where the merging path's k fails, splits in two of
             # k-1's passing partition are scored too; 7: pairs taking turns with pure visits between other
             # voices from 0.50, or owning 3+ turns each from 0.65; 8: clusters also split by their visits,
             # pure visits from z 2.0; 9: a partition also refined by runs of stretches, kept where it
             # scores higher and its closest pair takes turns; 10: two clusters taking turns that each own 3+
             # whole turns from 0.50, a partition passing by that alone opening no divisive splits; 11: a failing
             # candidate's closest pair may move one stretch across where that raises its score into pure visits;
             # 12: a voice heard in a single visit counts where its stretches' spectral shape lies apart from its
             # partner's)


@dataclass(frozen=True)
class Diarization:
    turns: tuple[Turn, ...]                 # one speaker at a time
    overlapping: tuple[Turn, ...] = ()      # every speaker's turns, where the diarizer reports overlap
    names: dict[str, str] = field(default_factory=dict)  # speaker id -> enrolled name
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def speaker_ids(self) -> list[str]:
        return sorted({t.speaker for t in self.turns}, key=lambda s: int(s[1:]) if s[1:].isdigit() else 0)

    def to_dict(self) -> dict[str, Any]:
        return {"turns": [asdict(t) for t in self.turns], "overlapping": [asdict(t) for t in self.overlapping],
                "names": self.names, "provenance": self.provenance}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Diarization":
        return cls(tuple(Turn(**t) for t in d["turns"]), tuple(Turn(**t) for t in d.get("overlapping", ())),
                   dict(d.get("names", {})), d.get("provenance", {}))


def parse_enroll(items: tuple[str, ...]) -> list[tuple[str, Path]]:
    out = []
    for item in items:
        name, sep, path = item.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise ConfigError(f"--enroll expects NAME=AUDIO_FILE, got {item!r}")
        if not Path(path.strip()).is_file():
            raise ConfigError(f"enrollment clip for {name.strip()} not found: {path.strip()}")
        out.append((name.strip(), Path(path.strip())))
    return out


def choose(options: DiarizeOptions, audio: Audio, speech: Speech | None = None) -> str:
    """The diarizer to run (`auto`: `channels` for one microphone per speaker); `speech`: the
    recording's speech analysis (`pipeline.speech`, recognition's too), made here if `auto` needs it."""
    if options.diarizer not in DIARIZERS:
        raise ConfigError(f"unknown diarizer {options.diarizer!r}; known: {', '.join(DIARIZERS)}")
    if options.diarizer != "auto":
        return options.diarizer
    if options.num_speakers == 1:
        return "none"
    if audio.channel_samples is not None:
        from .channels import clearly_separate
        if clearly_separate(audio.channel_samples, speech if speech is not None else analyse(audio.samples)):
            return "channels"
    return "builtin"


def uses_speech(options: DiarizeOptions) -> bool:
    """Whether the diarizer reads the recording's speech analysis (pyannote finds speech itself)."""
    return options.diarizer in ("builtin", "channels") or (options.diarizer == "auto" and options.num_speakers != 1)


# one diarization at a time in a process: Silero's and Resemblyzer's models are not thread-safe, and a
# batch interrupted by Ctrl-C inside a library call leaves its beside-thread diarizing (it is never waited for)
_ONE_AT_A_TIME = threading.Lock()


def diarize(audio: Audio, options: DiarizeOptions, progress: Callable[[float], None] | None = None,
            speech: Speech | None = None) -> Diarization:
    """Speaker turns for decoded audio; `speech`: its speech analysis (`pipeline.speech`, the one
    recognition reads; made here if a diarizer needs it and it is not given)."""
    with _ONE_AT_A_TIME:
        return _diarize(audio, options, progress, speech)


def _diarize(audio: Audio, options: DiarizeOptions, progress: Callable[[float], None] | None,
             speech: Speech | None) -> Diarization:
    started = time.perf_counter()
    if speech is None and uses_speech(options) and not is_digital_silence(audio.samples):
        speech = analyse(audio.samples)
    name = choose(options, audio, speech)
    overlapping: list[Turn] = []
    versions: dict[str, str] = {}
    count: dict[str, Any] = {}
    if name == "none":
        raw = [Turn(0.0, audio.duration, "S1")] if audio.duration else []
    elif is_digital_silence(audio.samples):
        raw = []  # no one speaks
    elif name == "channels":
        from . import channels
        if audio.channel_samples is None or audio.channel_samples.shape[0] < 2:
            raise ConfigError("--diarizer channels needs a recording with one speaker per channel (stereo)")
        raw = channels.diarize(audio.channel_samples, speech)
    elif name == "pyannote":
        from . import pyannote_backend
        raw, overlapping = pyannote_backend.diarize(audio.samples, options)
        versions = pyannote_backend.versions()
    else:
        from . import builtin
        raw, found = builtin.diarize(audio.samples, options, progress, speech)
        versions, count = builtin.versions(), found.to_dict()
    turns = tidy_turns(raw, options.fill_gap)
    if overlapping:  # same ids as the exclusive turns: map by greatest overlap
        overlapping = _relabel(overlapping, raw, turns)
    names = name_by_voice(audio.samples, turns, parse_enroll(options.enroll)) if options.enroll else {}
    provenance = {"diarizer": name, "options": options_dict(options), "versions": versions,
                  "speakers": len({t.speaker for t in turns}), "seconds": round(time.perf_counter() - started, 2)}
    if count:  # the count found, each candidate count's score, the closest two voices' separation
        provenance["count"] = count
    return Diarization(tuple(turns), tuple(overlapping), names, provenance)


def _relabel(overlapping: list[Turn], raw: list[Turn], tidy: list[Turn]) -> list[Turn]:
    mapping: dict[str, str] = {}
    for r in raw:
        best = max(tidy, key=lambda t: min(t.end, r.end) - max(t.start, r.start), default=None)
        if best is not None:
            mapping.setdefault(r.speaker, best.speaker)
    return [Turn(t.start, t.end, mapping.get(t.speaker, t.speaker)) for t in overlapping]


def name_by_voice(samples: np.ndarray, turns: list[Turn], enrolled: list[tuple[str, Path]]) -> dict[str, str]:
    """Match speakers to enrolled voices (one name per speaker, best total similarity)."""
    from scipy.optimize import linear_sum_assignment

    from .builtin import voice_print
    speakers = sorted({t.speaker for t in turns})
    if not speakers or not enrolled:
        return {}
    prints = []
    for s in speakers:
        pieces, total = [], 0.0
        for t in turns:
            if t.speaker == s and total < VOICE_PRINT_SECONDS:
                pieces.append(samples[int(t.start * MODEL_SAMPLE_RATE):int(t.end * MODEL_SAMPLE_RATE)])
                total += t.end - t.start
        prints.append(voice_print(np.concatenate(pieces)))
    voices = [voice_print(decode(path).samples) for _, path in enrolled]
    similarity = np.array(voices) @ np.array(prints).T  # (enrolled, speakers)
    rows, cols = linear_sum_assignment(-similarity)
    return {speakers[c]: enrolled[r][0] for r, c in zip(rows, cols) if similarity[r, c] >= ENROLL_MIN_SIMILARITY}
