"""The pipeline's shape, as data: `STAGES`, each stage its name (also its artifact's,
`OUT/<id>/.kikigaki/<name>.json`), what it reads, what goes into its key, and the function that
makes it. `runner.process` walks the list for one recording; the review app calls `publish`.

A stage's key is a hash of the parts its `key` names: the keys of what it reads and the options
that change its result. A re-run loads an artifact whose key is unchanged and recomputes the rest.
Adding a stage is one entry here and one module for its function.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from .. import __version__, cores, package_versions
from ..memory import release
from ..options import options_dict
from .publish import publish

# options that change how fast the words come, not what they are: not in the key, so a transcript made on
# a laptop is reused on a 16-core machine (workers only move where long recordings are cut into blocks)
ASR_KEY_IGNORES = ("cpu_threads", "workers")
# options added since artifacts were first stored, left out of the key while at the value that changes
# nothing (artifacts stored before them stay valid)
ASR_KEY_NEUTRAL = {"beam_threshold": 0.0, "denoise": False}


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline. Its functions take the recording's run (`runner.Run`): `run.value(name)`
    is an earlier stage's artifact, `run.key(name)` its key, `run.audio()` the decoded samples."""

    name: str
    reads: tuple[str, ...]                 # artifacts it is made from ("audio": the decoded recording)
    key: Callable[[Any], tuple]            # run -> the parts hashed into its key
    make: Callable[[Any], Any]             # run -> its artifact (JSON-able when stored)
    stored: bool = True                    # False: not kept, made again whenever a later stage needs it
    on_demand: bool = False                # made only when a later stage asks for it
    beside: str = ""                       # may run in a thread beside this stage, when both are to do
    beside_make: Callable[[Any], Any] | None = None  # what runs in that thread (None: never beside)
    label: str = ""                        # what the progress bar says while it runs (default: its name)
    samples: Callable[[Any], bool] | None = None  # run -> reads the mono samples here and there: kept
                                                  # on disk, mapped, once the decoded audio is dropped
    unload: Callable[[], None] | None = None      # lets go of its models when a long recording is past it


def _ingest(run) -> dict[str, Any]:
    info = run.audio().info
    return {"id": run.folder.id, "source": str(run.path), "duration": round(info.duration, 3), "sha256": run.sha,
            "sample_rate": info.sample_rate, "channels": info.channels, "format": info.format,
            "declared_duration": None if info.declared is None else round(info.declared, 3),
            "partial": info.damage or None}


def _speech(run) -> Any:
    """The recording's speech analysis (Silero's probabilities), shared by the stages that read it; an
    all-silent recording's is made without the network."""
    from ..audio import is_digital_silence
    from ..speech import Speech, analyse
    samples = run.audio().samples
    return Speech.silent(len(samples)) if is_digital_silence(samples) else analyse(samples)


def _recognise(run) -> dict[str, Any]:
    from ..asr import transcribe
    # the speech analysis asked for when needed: with `vad` off, only if a check needs it
    return transcribe(run.audio(), run.config.asr, run.progress("asr"), lambda: run.value("speech")).to_dict()


def _asr_key(run) -> tuple:
    from ..speech import MODEL, MODEL_FILE
    options = options_dict(run.config.asr)
    if not options.get("hotwords"):  # which terms a window is fed means nothing without terms
        options.pop("hotword_policy", None)
    return "asr", run.sha, {k: v for k, v in options.items()
                            if k not in ASR_KEY_IGNORES and not (k in ASR_KEY_NEUTRAL and v == ASR_KEY_NEUTRAL[k])}, \
        f"{MODEL}/{MODEL_FILE}"  # the VAD whose regions it decoded (text made on another is made again)


def _diarize(run) -> dict[str, Any]:
    from ..diarize import diarize
    speech = run.value("speech") if _diarize_uses_speech(run) else None
    return diarize(run.audio(), run.config.diarize, run.progress("diarize"), speech).to_dict()


def _diarize_uses_speech(run) -> bool:
    from ..diarize import uses_speech
    return uses_speech(run.config.diarize)


def _diarize_beside(run):
    """Diarization beside recognition, on the cores CTranslate2 leaves free (only faster-whisper
    says how many it takes; beside another backend, diarization waits its turn)."""
    if run.config.asr.backend != "faster-whisper":
        return None
    audio, config = run.audio(), run.config  # decoded here, before both stages share it
    speech = run.value("speech") if _diarize_uses_speech(run) else None  # and analysed, for both

    def make() -> dict[str, Any]:
        import torch

        from ..asr.faster_whisper import threads
        from ..diarize import diarize
        torch.set_num_threads(max(1, cores() - threads(config.asr)))
        try:
            return diarize(audio, config.diarize, speech=speech).to_dict()
        finally:
            release()  # this thread's arena gives back what diarization freed, while recognition goes on
    return make


def _diarize_key(run) -> tuple:
    from ..audio import file_sha256
    from ..diarize import VERSION, parse_enroll
    enrolled = [(name, file_sha256(p)) for name, p in parse_enroll(run.config.diarize.enroll)]
    return "diarize", run.sha, options_dict(run.config.diarize), enrolled, VERSION


def _assemble(run):
    """Words get speakers (segments split at each change); speakers get names by enrollment,
    else by the collection's names in order of first speech; provenance says what made each part."""
    from datetime import datetime, timezone

    from ..asr import AsrResult
    from ..assemble import assign_speakers, flag_overlaps
    from ..diarize import Diarization
    from ..nlp.morph import word_starts
    from ..transcript import Speaker, Transcript
    config, recording = run.config, run.recording()
    asr, diarization = AsrResult.from_dict(run.value("asr")), Diarization.from_dict(run.value("diarize"))
    turns = list(diarization.turns)
    segments = assign_speakers(asr.segments, turns, word_starts) if turns else asr.segments
    if diarization.overlapping:
        segments = flag_overlaps(segments, list(diarization.overlapping))
    names = config.speaker_names
    speakers = tuple(Speaker(sid, diarization.names.get(sid) or (names[i] if i < len(names) else None))
                     for i, sid in enumerate(diarization.speaker_ids))
    provenance = {
        "pipeline_version": __version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),  # archive formats date the file
        "collection": config.collection or None,
        "stages": {
            "ingest": {"decoder": "PyAV", "versions": package_versions("av"),
                       "decoded": recording.duration, "declared": recording.declared_duration,
                       "partial": bool(recording.partial)},
            "asr": asr.provenance,
            "diarize": diarization.provenance,
            "export": {"subtitles": options_dict(config.subtitles), "formats": list(config.formats)},
        },
        "glossary": [t.text for t in config.glossary],
    }
    return Transcript(recording=recording, segments=segments, speakers=speakers, gaps=asr.gaps,
                      provenance=provenance, turns=tuple(turns))


def _annotate(run) -> dict[str, Any]:
    from ..nlp import annotate
    scorer = _scorer(run)
    try:
        return annotate(run.value("assemble"), run.config.nlp, run.config.glossary, scorer).to_dict()
    finally:  # its model (0.3 GB) and the mapped samples are not held through the exports
        if scorer is not None:
            scorer.close()


def _scorer_wanted(run) -> bool:
    config = run.config
    return bool(config.glossary and config.nlp.glossary_correction and config.nlp.acoustic_check)


def _scorer(run):
    """Whisper's judge of glossary proposals made of ordinary words (loaded only if one is asked)."""
    if not _scorer_wanted(run):
        return None
    from ..asr.likelihood import Scorer
    return Scorer.for_glossary(run.samples, [t.text for t in run.config.glossary], run.config.asr)


def _unload(module: str) -> Callable[[], None]:
    """Let go of a stage's models, if that stage's module was ever loaded in this process."""
    def unload() -> None:
        import sys
        loaded = sys.modules.get(module)
        if loaded is not None:
            loaded.unload()
    return unload


def _nlp_key(run) -> tuple:
    glossary = [(t.text, t.label, t.reading, list(t.heard)) for t in run.config.glossary]
    from ..nlp.vocabulary import digest
    nlp = run.config.nlp
    return ("nlp", run.key("assemble"), options_dict(nlp), glossary, digest(nlp.vocabulary)) + (
        (digest(nlp.gazetteer, "nlp.gazetteer"),) if nlp.gazetteer else ())


def _publish(run) -> bool:
    from ..transcript import Transcript
    config = run.config
    transcript = replace(Transcript.from_dict(run.value("nlp")), metadata=config.metadata_for(run.folder.id))
    return publish(run.folder, transcript, run.key("nlp"), config.formats, config.subtitles, config.export)


STAGES: tuple[Stage, ...] = (
    Stage("ingest", ("audio",), lambda run: ("ingest", run.sha, __version__, "declared"), _ingest,
          label="reading audio"),
    # where people speak, once per recording, for recognition and diarization alike (speech.py);
    # not stored, made when a stage that reads it is to do
    Stage("speech", ("audio",), lambda run: ("speech", run.sha), _speech, stored=False, on_demand=True),
    Stage("asr", ("audio", "speech"), _asr_key, _recognise, label="transcribing",
          unload=_unload("pipeline.asr.faster_whisper")),
    Stage("diarize", ("audio", "speech"), _diarize_key, _diarize, beside="asr",
          beside_make=_diarize_beside,
          unload=_unload("pipeline.diarize.builtin")),
    Stage("assemble", ("ingest", "asr", "diarize"), lambda run: (
        run.key("asr"), run.key("diarize"), run.key("ingest"), run.config.speaker_names, __version__),
        _assemble, stored=False, on_demand=True),
    Stage("nlp", ("assemble",), _nlp_key, _annotate, samples=_scorer_wanted, unload=_unload("pipeline.nlp.morph")),
    Stage("export", ("nlp",), lambda run: ("export", run.key("nlp")), _publish, stored=False),
)
"""The pipeline, in order: a newcomer's first read. `export` writes OUT/<id>/<id>.<format> itself,
each format under its own key (see publish.py), and says whether it rewrote any."""

__all__ = ["STAGES", "Stage", "publish"]
