"""`kikigaki restrict`, `publish` and `clip`: parse, refuse what is unsafe, call the library."""
from __future__ import annotations

import getpass
import sys
from dataclasses import replace
from datetime import datetime, timezone

from ..options import AccessOptions, load_config
from .layer import REASONS, is_closed
from .publish import PublishError, around, clip, corrected, layer_for, occurrences, parse_time, publish, restrict


def _options(args) -> AccessOptions:
    options = load_config(getattr(args, "config", None)).access
    for flag in ("audio", "format", "placeholder"):
        value = getattr(args, flag, None)
        if value:
            options = replace(options, **{flag: value})
    return options


def _what(e: dict) -> str:
    if e["kind"] == "span":
        return f"span {e['start']:.2f}-{e['end']:.2f} s"
    if e["kind"] == "occurrence":
        return f"{e['text']!r} at {e['start']:.2f} s"
    return f"every mention of {e['text']!r}"


def restrict_command(args) -> int:
    author = args.author or getpass.getuser()
    layer, transcript = layer_for(args.path)
    today = datetime.now(timezone.utc).date()
    if args.list:
        rows = layer.restrictions()
        if transcript is not None:  # a recording also answers to the collection's rules
            from .layer import RestrictionsLayer
            rows += [{**e, "n": f"C{e['n']}"} for e in RestrictionsLayer.of_collection(args.path.parent).restrictions()]
        for e in rows:
            state = "closed" if is_closed(e, today) else "lifted"
            until = f" until {e['until']}" if e.get("until") else ""
            print(f"{e['n']:>4}  {state:<6} {_what(e)}  ({REASONS.get(e.get('reason'), e.get('reason'))}{until}; "
                  f"{e.get('author')}, {e.get('time')})")
        if not rows:
            print(f"no restrictions in {layer.path}")
        return 0
    if args.remove is not None:
        entry = layer.remove(args.remove, author)
        print(f"restriction {args.remove} lifted (entry {entry['n']} in {layer.path})", file=sys.stderr)
        return 0
    if args.suggestions:
        if transcript is None:
            raise PublishError("suggestions are per recording: give OUT/<id>")
        from .suggest import suggestions
        decided = layer.dismissed()
        for s in suggestions(transcript):
            if s["key"] not in decided:
                print(f"{s['start']:8.2f}  {s['kind']:<8} {s['text']}")
        return 0
    request = {"reason": args.reason, "until": args.until, "placeholder": args.placeholder, "note": args.note}
    if args.entity:
        request.update(kind="entity", text=args.entity)
    else:
        request.update(kind="span", start=parse_time(args.span[0]), end=parse_time(args.span[1]))
    entry = restrict(args.path, request, author)
    print(f"restriction {entry['n']}: {_what(entry)} ({layer.path})", file=sys.stderr)
    if args.entity:
        found = occurrences(args.path, args.entity)
        note = "" if found else " (none yet: future mentions will be closed too)"
        print(f"  {found} mention(s) found now{note}", file=sys.stderr)
    return 0


def publish_command(args) -> int:
    options = _options(args)
    result = publish(args.output, args.public, options, args.as_of, force=args.force)
    for r in result.recordings:
        print(f"{r['id']}: {r['closed']} passage(s) closed ({r['seconds_closed']:.1f} s), {r['lifted']} lifted"
              + (f", {r['to_review']} to review" if r["to_review"] else ""), file=sys.stderr)
    for rec_id, error in result.failed:
        print(f"{rec_id}: not published: {error}", file=sys.stderr)
    print(f"wrote {args.public} (manifest.json lists every file with its sha256)", file=sys.stderr)
    return 0 if result.ok else 1


def clip_command(args) -> int:
    if args.output.exists() and not args.force:
        raise PublishError(f"{args.output} exists: choose another name or add --force")
    if args.around:
        start, end = around(corrected(args.folder), args.around, args.hit, args.context)
    elif args.start is not None and args.end is not None:
        start, end = parse_time(args.start), parse_time(args.end)
    else:
        raise PublishError("give START and END (seconds or hh:mm:ss), or --around TEXT")
    written = clip(args.folder, start, end, args.output, _options(args), master=args.master, as_of=args.as_of)
    print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
    return 0


COMMANDS = {"restrict": restrict_command, "publish": publish_command, "clip": clip_command}
