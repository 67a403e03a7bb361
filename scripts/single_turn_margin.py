"""Can a close voice heard in a single turn be told from one voice split by its sentences, on the count's own
numbers? A measurement for issue 11 (README "## Speakers", session 17); it changes nothing in the count.

A cluster heard in one visit only (one run of stretches between other clusters' stretches: one answer) has
no turns to give evidence over time, and its spread, measured inside one answer, says little. The recording
itself may give a null instead: its partner's own stretches. For each such cluster A (>= MIN_SPEAKER_SECONDS
of speech) and each other cluster B of a partition:

- null z: how far A's pieces lie from B's centroid (mean cosine distance) against how far each of B's
  stretches lies from the rest of B, left out in turn: (A - mean) / sd over B's stretches, and A over their
  largest (a rank: beyond all of them when > 1);
- own lean: each of A's stretches, left out of A, leans to the rest of A rather than to B (cosine to A's
  centroid without it minus to B's): the least of these over A's stretches. A voice's sentences lean to each
  other; one odd answer split off a voice has no more in common with itself than with the rest.

Read off two kinds of partition: every candidate of the count (`count.candidates`, main's rule), where A and
B hold the same voice (a split of one voice, which must stay apart from the true ones), and the true
(reference) partition of every recording holding the closest pair, where A is one of jf_gongitsune /
jf_nezumi and B the other (what a rule must find). Pieces come from `count_margin.piece_sets`.

    PYTHONPATH=$PWD python scripts/single_turn_margin.py --held-out [--skip NAME...] [--json rows.json]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from count_margin import CLOSE, piece_sets  # noqa: E402

NULL_STRETCHES = 4  # the partner's stretches a null needs at least (summary)


def runs_of(owner: np.ndarray, c: int) -> int:
    """How many runs (visits) of cluster c's stretches the stretch owners hold."""
    inside = np.concatenate([[False], owner == c, [False]]).astype(int)
    return int((np.diff(inside) == 1).sum())


def unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def one_visit_pairs(P, seconds, stretch, labels, who) -> list[dict]:
    """The statistics of each pair (A heard in one visit, B any other cluster) of a partition."""
    from pipeline.diarize import count
    ids = np.unique(labels)
    owner = count.stretch_owners(seconds, stretch, labels)
    out = []
    for a in ids:
        in_a = labels == a
        if seconds[in_a].sum() < count.MIN_SPEAKER_SECONDS or runs_of(owner, a) != 1:
            continue
        total_a = (P[in_a] * seconds[in_a, None]).sum(0)
        for b in ids[ids != a]:
            in_b = labels == b
            total_b = (P[in_b] * seconds[in_b, None]).sum(0)
            null = []
            for s in np.unique(stretch[in_b]):
                here = in_b & (stretch == s)
                if here.sum() < in_b.sum():
                    null.append(float(np.mean(1 - P[here] @ unit(total_b - (P[here] * seconds[here, None]).sum(0)))))
            if len(null) < 3:
                continue
            lean = []
            for s in np.unique(stretch[in_a]):
                here = in_a & (stretch == s)
                rest = total_a - (P[here] * seconds[here, None]).sum(0)
                if here.sum() < in_a.sum():
                    lean.append(float(np.mean(P[here] @ unit(rest) - P[here] @ unit(total_b))))
            null = np.array(null)
            far = float(np.mean(1 - P[in_a] @ unit(total_b)))
            out.append({"voices": [majority(who[in_a]), majority(who[in_b])],
                        "stretches": int(len(np.unique(stretch[in_a]))), "seconds": round(float(seconds[in_a].sum()), 1),
                        "null_stretches": len(null), "z": float((far - null.mean()) / max(null.std(), 1e-6)),
                        "over_largest": far / float(null.max()), "own_lean": min(lean) if lean else None})
    return out


def majority(who: np.ndarray) -> str:
    named = [w for w in who if w]
    return max(set(named), key=named.count) if named else ""


def measure(sets: list[dict]) -> list[dict]:
    from pipeline.diarize import count
    from pipeline.options import DiarizeOptions
    rows = []
    for s in sets:
        P, seconds, stretch = s["P"], s["seconds"], s["stretch"]
        who = np.array([w or "" for w in s["who"]], object)
        sequence = count.candidates(P, seconds, stretch, DiarizeOptions().max_speakers)
        for k, cand in sorted(sequence.items()):
            for pair in one_visit_pairs(P, seconds, stretch, cand[0], who) if k >= 2 else []:
                if pair["voices"][0] == pair["voices"][1]:
                    rows.append({"name": s["name"], "kind": "split", "k": k, "score": round(float(cand[1]), 3), **pair})
        named = who != ""
        if CLOSE <= set(s["voices"]) and s["speakers"] >= 2 and named.any():
            voices = sorted(set(who[named]))
            truth = np.array([voices.index(w) for w in who[named]])
            close = {v for v, kokoro in reference_voices(s["name"]).items() if kokoro in CLOSE}
            for pair in one_visit_pairs(P[named], seconds[named], stretch[named], truth, who[named]):
                if set(pair["voices"]) == close:
                    rows.append({"name": s["name"], "kind": "true", "k": s["speakers"], "score": None, **pair})
    return rows


def reference_voices(name: str) -> dict[str, str]:
    stem = name.split("cassette_")[-1]
    path = ROOT / "tests" / "data" / "voices" / f"synthetic_{stem}.reference.json"
    return json.loads(path.read_text())["voices"] if path.exists() else {}


def summary(rows: list[dict]) -> None:
    for stretches, label in ((1, "one stretch"), (2, "2+ stretches")):
        pick = [r for r in rows if (r["stretches"] == 1) == (stretches == 1)]
        for key in ("z", "over_largest", "own_lean"):
            usable = [r for r in pick if r[key] is not None and r["null_stretches"] >= NULL_STRETCHES]
            split = [r for r in usable if r["kind"] == "split" and r["score"] > 0]  # 0: lost by other clusters
            true = [r for r in usable if r["kind"] == "true"]
            top = max(split, key=lambda r: r[key], default=None)
            low = min(true, key=lambda r: r[key], default=None)
            print(f"{label:13s} {key:12s} splits of one voice: {len(split):3d}, highest "
                  + (f"{top[key]:7.2f} ({top['name']} k={top['k']})" if top else "-")
                  + f" | close voice in one visit: {len(true):2d}, lowest "
                  + (f"{low[key]:7.2f} ({low['name']})" if low else "-"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "kikigaki" / "eval_voices")
    parser.add_argument("--held-out", action="store_true", help="also the held-out fixtures heard already")
    parser.add_argument("--skip", nargs="*", default=[], help="leave out names containing any of these (unseen)")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--json", type=Path, help="write every pair measured here")
    args = parser.parse_args()
    rows = measure(piece_sets(args.cache, 0, args.only, args.held_out, args.skip))
    summary(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
