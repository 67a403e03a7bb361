"""The speaker count's whole table (README "## Speakers"): the builtin diarizer, count not given, on
every voice fixture, its cassette-like copy, every single voice cut out of the pairs, the older
three-voice and dev interview recordings and mixes of the real Common Voice clips.

Prints one line per recording (speakers found of speakers it has, DER with a 0.25 s collar, the
count's candidate scores and closest pair) and a summary per group; `--json` keeps the rows so two
versions of the count can be compared. The diarizer's front end (speech regions, mel frames,
Resemblyzer embeddings) does not change while the count is tuned, so it is kept in `--cache` and a
re-run costs the count and the placement of boundaries only.

Held-out fixtures (`held_out` in their .reference.json) are left out unless `--held-out` is given:
they must not steer the tuning.

    PYTHONPATH=$PWD python scripts/eval_voices.py [--held-out] [--only NAME...] [--json rows.json]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import DEV, VOICES, cassette, der, mix, one_voice, rttm_reference  # noqa: E402

CV_TWO = [("38853932", "A"), ("38833628", "C")]
CV_THREE = [("38853932", "A"), ("38833628", "C"), ("38925334", "A"), ("38898180", "D")]  # A from 2 sessions
CV_EIGHT = [("38853932", "A"), ("38843402", "B"), ("38833628", "C"), ("38852485", "B"),
            ("38898180", "D"), ("38925334", "A"), ("38864552", "B"), ("38878413", "B")]


def fixtures(held_out: bool) -> list[tuple[str, str, Path]]:
    """(group, name, flac) of the voice fixtures, tuning ones or held-out ones."""
    out = []
    for path in sorted(VOICES.glob("synthetic_*.flac")):
        meta = json.loads(path.with_suffix(".reference.json").read_text())
        if bool(meta.get("held_out")) == held_out:
            name = path.stem[len("synthetic_"):]
            out.append(("held out" if held_out else name.split("_")[0], name, path))
    return out


def dense(minutes: float, folder: Path):
    """(group, name, loader) of the dense benchmark (make_dense.py, two voices that repeat every
    sentence in a second pass) and of each of its voices alone."""
    from pipeline.audio import decode
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_dense import build
    stem = folder / f"dense_{minutes:g}"
    if not stem.with_suffix(".rttm").exists():
        build(minutes, stem)
    path = stem.with_suffix(".flac")
    reference = rttm_reference(stem.with_suffix(".rttm"))
    rows = [("dense", stem.name, lambda: (decode(path).samples, reference, len({s for _, _, s in reference})))]
    for who in sorted({s for _, _, s in reference}):
        rows.append(("dense", f"{stem.name}_{who}_alone",
                     lambda who=who: one_voice(decode(path).samples, reference, who) + (1,)))
    return rows


def materials(held_out: bool):
    """(group, name, loader) of every recording of the table; loader() -> (samples, reference, speakers)."""
    from pipeline.audio import decode

    def from_file(path: Path, degrade: bool = False):
        def load():
            samples = decode(path).samples
            reference = rttm_reference(path.with_suffix(".rttm"))
            return (cassette(samples) if degrade else samples), reference, len({s for _, _, s in reference})
        return load

    def single(path: Path, who: str, degrade: bool = False):
        def load():
            samples, reference = one_voice(decode(path).samples, rttm_reference(path.with_suffix(".rttm")), who)
            return (cassette(samples) if degrade else samples), reference, 1
        return load

    def cv(parts, n):
        return lambda: mix(parts) + (n,)

    rows = []
    for group, name, path in fixtures(False):
        rows += [(group, name, from_file(path)), ("cassette " + group, "cassette_" + name, from_file(path, True))]
        if group == "pair":
            for who in ("V1", "V2"):
                rows += [("one voice", f"one_{who}_{name}", single(path, who)),
                         ("cassette one voice", f"cassette_one_{who}_{name}", single(path, who, True))]
    three = DEV.parent / "three_voices" / "synthetic_three_voices.flac"
    dev = DEV / "d1_ryuyo.flac"
    rows += [("three_voices", "three_voices", from_file(three)),
             ("three_voices", "cassette_three_voices", from_file(three, True)),
             ("dev interview", "dev_interview", from_file(dev)),
             ("dev interview", "cassette_dev_interview", from_file(dev, True)),
             ("common voice", "cv_two", cv(CV_TWO, 2)), ("common voice", "cv_three", cv(CV_THREE, 3)),
             ("common voice", "cv_eight", cv(CV_EIGHT, 4))]
    if held_out:
        for group, name, path in fixtures(True):
            rows += [(group, name, from_file(path)), ("held out cassette", "cassette_" + name, from_file(path, True))]
    return rows


FULL_BAND = {"band": None, "denoise": False, "level": None}  # builtin.front_end() of the embeddings cached before it existed


class FrontEndCache:
    """Mel frames and embeddings of the builtin diarizer, kept on disk by content: the embeddings by
the windows they cover, so a change of the speech analysis (VAD model or settings) computes those
of the windows it moves. The speech regions are not kept: the analysis and its thresholding are
cheap, and keeping them by the samples alone would hide a change of the VAD."""

    def __init__(self, folder: Path):
        from pipeline.diarize import builtin
        self.folder, self.builtin = folder, builtin
        folder.mkdir(parents=True, exist_ok=True)
        self.keys: dict[int, str] = {}
        self.count_cpu = 0.0
        self.mel, self.embed = builtin.mel_frames, builtin.embed
        self.count = builtin.count_speakers
        builtin.mel_frames, builtin.embed = self._mel, self._embed
        builtin.count_speakers = self._count

    def _load(self, key: str, compute):
        path = self.folder / f"{key}.pkl"
        if path.exists():
            return pickle.loads(path.read_bytes())
        value = compute()
        path.write_bytes(pickle.dumps(value))
        return value

    def _mel(self, samples):  # keyed by the samples and what the embeddings hear of them (builtin.front_end)
        front = self.builtin.front_end()
        tag = b"" if front == FULL_BAND else json.dumps(front, sort_keys=True).encode()
        key = hashlib.sha1(samples.tobytes() + tag).hexdigest()[:20]
        mel = self._load("mel-" + key, lambda: self.mel(samples))
        self.keys[id(mel)] = key
        return mel

    def _embed(self, mel, spans, batch: int = 256):
        key = self.keys.get(id(mel)) or hashlib.sha1(mel.tobytes()).hexdigest()[:20]
        which = hashlib.sha1(np.asarray(spans, np.int64).tobytes()).hexdigest()[:12]
        return self._load(f"emb-{key}-{which}", lambda: self.embed(mel, spans, batch))

    def _count(self, *args, **kwargs):
        started = time.process_time()
        try:
            return self.count(*args, **kwargs)
        finally:
            self.count_cpu += time.process_time() - started


def run(held_out: bool, only: list[str] | None, cache: Path, dense_minutes: float = 0,
        skip: list[str] | None = None) -> list[dict]:
    from pipeline.audio import Audio, AudioInfo
    from pipeline.diarize import diarize
    from pipeline.options import DiarizeOptions
    front = FrontEndCache(cache)
    rows = []
    for group, name, load in materials(held_out) + (dense(dense_minutes, cache) if dense_minutes else []):
        if only and not any(o in name for o in only) or skip and any(o in name for o in skip):
            continue
        samples, reference, n = load()
        audio = Audio(samples.astype(np.float32), AudioInfo(16000, 1, len(samples) / 16000, name), None)
        result = diarize(audio, DiarizeOptions(diarizer="builtin"))
        found = len({t.speaker for t in result.turns})
        count = result.provenance.get("count", {})
        row = {"group": group, "name": name, "speakers": n, "found": found,
               "der": round(der(reference, result.turns), 3), "count": count}
        rows.append(row)
        closest = count.get("closest_pair") or {}
        print(f"{group:20s} {name:48s} {found} of {n}  DER {row['der']:.3f}  "
              f"scores {count.get('candidates')}  closest {closest}", flush=True)
    print(f"count CPU {front.count_cpu:.2f} s in all")
    return rows


def summary(rows: list[dict]) -> None:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["group"], []).append(row)
    print("\n| material | recordings | count right | more than it has | DER range |")
    print("|---|---|---|---|---|")
    for group, members in groups.items():
        right = sum(r["found"] == r["speakers"] for r in members)
        over = sum(r["found"] > r["speakers"] for r in members)
        ders = [r["der"] for r in members]
        print(f"| {group} | {len(members)} | {right} | {over} | {min(ders):.3f}-{max(ders):.3f} |")


def set_constant(item: str) -> None:
    """NAME=VALUE (JSON) into count.py, or builtin.NAME=VALUE into the builtin diarizer."""
    from pipeline.diarize import builtin, count
    name, value = item.split("=", 1)
    module = builtin if name.startswith("builtin.") else count
    name = name.removeprefix("builtin.")
    if not hasattr(module, name):
        raise SystemExit(f"{module.__name__} has no constant {name}")
    value = json.loads(value)
    setattr(module, name, tuple(value) if isinstance(value, list) else value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true", help="add the held-out fixtures (judge once, at the end)")
    parser.add_argument("--only", nargs="*", help="names containing any of these")
    parser.add_argument("--skip", nargs="*", help="leave out names containing any of these")
    parser.add_argument("--json", type=Path, help="write the rows here")
    parser.add_argument("--dense", type=float, default=0, metavar="MINUTES",
                        help="add the dense benchmark of this length and each of its voices alone")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "kikigaki" / "eval_voices")
    parser.add_argument("--vad-settings", type=json.loads, default=None, metavar="JSON",
                        help='the diarizer\'s thresholding instead of its own, e.g. \'{"threshold": 0.5}\'')
    parser.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE",
                        help="count.py constants for this run, e.g. REFINE_ROUNDS=0 (the count before refinement); "
                             "builtin.NAME=VALUE sets the diarizer's, e.g. builtin.EMBED_BAND=[300,3400]")
    args = parser.parse_args()
    for item in args.set:
        set_constant(item)
    if args.vad_settings is not None:
        from pipeline.diarize import builtin
        builtin.REGION_VAD = {**builtin.REGION_VAD, **args.vad_settings}
    rows = run(args.held_out, args.only, args.cache, args.dense, args.skip)
    summary(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
