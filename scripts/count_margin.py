"""How far the speaker count keeps the closest true pair from one voice split in two, on the count's
own numbers: a quick bench for a change of the count (count.py) that needs no diarization run.

For every recording of the table (scripts/eval_voices.py's materials: tuning fixtures, cassette
copies, every single voice cut out of the pairs, the older recordings, the Common Voice mixes; and
with `--dense` the dense benchmark and its voices alone) the count's pieces (embeddings, seconds,
stretch) are computed once and kept in `--cache` (the embeddings come from eval_voices' cache), with
the reference speaker of each piece. Then the count's merge sequence is run and two kinds of
candidate are read off it:

- true: the candidate k = the speakers a recording has, on recordings holding the closest pair
  (jf_gongitsune and jf_nezumi), where the count must reach >= 1;
- split: k = speakers + 1 on every recording (one voice split in two, or worse), which must stay < 1.

For each: the candidate's score (what the count compares with 1), the closest pair's raw separation
(turns not used) and consistency, and whether each of them owns a turn. The margin is the lowest
true score minus the highest split score (> 0: one threshold tells them apart).

    PYTHONPATH=$PWD python scripts/count_margin.py [--dense 10] [--only NAME...]
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from eval_voices import FrontEndCache, dense, materials  # noqa: E402
from second_opinion import majority, piece_spans  # noqa: E402

CLOSE = {"jf_gongitsune", "jf_nezumi"}


def voices_of(name: str) -> set[str]:
    """The Kokoro voices a fixture-derived recording holds (empty for the others)."""
    stem = name.split("cassette_")[-1]
    single = stem.startswith("one_V")
    if single:
        who, stem = stem[4:6], stem[7:]
    ref = ROOT / "tests" / "data" / "voices" / f"synthetic_{stem}.reference.json"
    if not ref.exists():
        return set()
    meta = json.loads(ref.read_text())["voices"]
    return {meta[who]} if single else set(meta.values())


def piece_sets(cache: Path, dense_minutes: float, only) -> list[dict]:
    """Each recording's pieces, computed once (the embeddings from eval_voices' cache)."""
    from pipeline.diarize import builtin
    from pipeline.diarize.count import pieces
    from pipeline.speech import TURNS, analyse
    path = cache / f"count_margin_pieces_{dense_minutes:g}.pkl"
    if path.exists():
        sets = pickle.loads(path.read_bytes())
    else:
        FrontEndCache(cache)
        sets = []
        for group, name, load in materials(False) + (dense(dense_minutes, cache) if dense_minutes else []):
            samples, reference, n = load()
            samples = samples.astype(np.float32)
            regions = builtin.speech_regions(analyse(samples, TURNS))
            spans = builtin.windows(regions, builtin.CLUSTER_WINDOW, builtin.CLUSTER_HOP)
            emb = builtin.embed(builtin.mel_frames(samples), spans)
            P, seconds, stretch = pieces(regions, spans, emb, builtin.FPS)
            who = [majority(reference, x / builtin.FPS, y / builtin.FPS)
                   for x, y in piece_spans(regions, spans, builtin.FPS)]
            sets.append({"group": group, "name": name, "speakers": n, "P": P, "seconds": seconds,
                         "stretch": stretch, "voices": sorted(voices_of(name)), "who": who})
            print(f"pieces {name}: {len(P)}", flush=True)
        path.write_bytes(pickle.dumps(sets))
    return [s for s in sets if not only or any(o in s["name"] for o in only)]


def candidate(seq: dict, k: int, P, seconds, stretch) -> dict | None:
    """The count's numbers for candidate k of a merge sequence (None where k was skipped)."""
    from pipeline.diarize.count import stretch_owners, turns_owned
    if k not in seq:
        return None
    labels, score, distance, sep, by_turns, consistency = seq[k][:6]
    row = {"score": score, "distance": distance, "consistency": consistency, "by_turns": by_turns}
    owner = stretch_owners(seconds, stretch, labels)
    row["turns"] = sorted(turns_owned(owner, c) for c in np.unique(labels))
    return row


def measure(sets: list[dict], fine_extra: int) -> list[dict]:
    from pipeline.diarize.count import merge_sequence
    from pipeline.options import DiarizeOptions
    rows = []
    for s in sets:
        seq = merge_sequence(s["P"], s["seconds"], s["stretch"], DiarizeOptions().max_speakers + fine_extra)
        n = s["speakers"]
        found = max([k for k, v in seq.items() if 1 < k and v[1] >= 1.0], default=1)
        kinds = [("split", n + 1)]
        if CLOSE <= set(s["voices"]) and n >= 2:
            kinds.append(("true", n))
        for kind, k in kinds:
            c = candidate(seq, k, s["P"], s["seconds"], s["stretch"])
            if c is None:
                continue
            row = {"name": s["name"], "group": s["group"], "kind": kind, "k": k, "found": found, "speakers": n, **c}
            rows.append(row)
            print(f"{kind:5s} {s['name']:50s} k={k} found {found} of {n}  score {c['score']:.2f}  "
                  f"cons {c['consistency']:.1f}  d {c['distance']:.3f}  turns {c['turns']}", flush=True)
    return rows


def summary(rows: list[dict]) -> None:
    true = [r for r in rows if r["kind"] == "true"]
    split = [r for r in rows if r["kind"] == "split" and r["speakers"] == 1]  # one voice split in two
    extra = [r for r in rows if r["kind"] == "split" and r["speakers"] > 1 and r["group"] != "common voice"]
    if extra:
        e = max(extra, key=lambda r: r["score"])
        print(f"one cluster too many on the multi-voice recordings (Common Voice aside): <= {e['score']:.2f} ({e['name']})")
    wrong = [r["name"] for r in rows if r["found"] != r["speakers"]]
    print(f"\ncounts wrong: {len(set(wrong))} {sorted(set(wrong))}")
    if true and split:
        lo = min(true, key=lambda r: r["score"])
        hi = max(split, key=lambda r: r["score"])
        print(f"true close pair scores {lo['score']:.2f}-{max(r['score'] for r in true):.2f} (lowest {lo['name']}); "
              f"splits <= {hi['score']:.2f} ({hi['name']}); margin {lo['score'] - hi['score']:+.2f}")
        cons_t = [r["consistency"] for r in true if np.isfinite(r["consistency"])]
        turned = [r for r in split if min(r["turns"][-2:]) >= 1 and np.isfinite(r["consistency"])]
        if cons_t and turned:
            h = max(turned, key=lambda r: r["consistency"])
            print(f"consistency: true close pairs >= {min(cons_t):.2f}; splits owning a turn each <= "
                  f"{h['consistency']:.2f} ({h['name']}); margin {min(cons_t) - h['consistency']:+.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dense", type=float, default=0, metavar="MINUTES")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE",
                        help="count.py constants for this run, e.g. REFINE_ROUNDS=0 (no refinement)")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "kikigaki" / "eval_voices")
    args = parser.parse_args()
    from pipeline.diarize import count
    for item in args.set:
        name, value = item.split("=")
        setattr(count, name, json.loads(value))
    FINE_EXTRA = count.FINE_EXTRA
    rows = measure(piece_sets(args.cache, args.dense, args.only), FINE_EXTRA)
    summary(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, default=float) + "\n")


if __name__ == "__main__":
    main()
