"""How far the speaker count keeps the closest true pair from one voice split in two, on the count's
own numbers: a quick bench for a change of the count (count.py) that needs no diarization run.

For every recording of the table (scripts/eval_voices.py's materials: tuning fixtures, cassette
copies, every single voice cut out of the pairs, the older recordings, the Common Voice mixes; and
with `--dense` the dense benchmark and its voices alone) the count's pieces (embeddings, seconds,
stretch) are computed once and kept in `--cache` (the embeddings come from eval_voices' cache), with
the reference speaker of each piece. Then the count's candidates (`count.candidates`: the merge
sequence and its divisive alternatives) are computed and two kinds of candidate are read off them:

- true: the candidate k = the speakers a recording has, on recordings holding the closest pair
  (jf_gongitsune and jf_nezumi), where the count must reach >= 1;
- split: k = speakers + 1 on every recording (one voice split in two, or worse), which must stay < 1.

For each: the candidate's score (what the count compares with 1), the closest pair's raw separation
(turns not used) and consistency, and whether each of them owns a turn. The margin is the lowest
true score minus the highest split score (> 0: one threshold tells them apart).

`--pairs` prints instead every split of one voice (k = speakers+1, +2) and every true pair (k =
speakers) with its raw score, consistency, turns owned, runs-test z (both tails) and share of speech.

    PYTHONPATH=$PWD python scripts/count_margin.py [--dense 10] [--only NAME...] [--pairs]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from eval_voices import FULL_BAND, FrontEndCache, dense, materials, set_constant  # noqa: E402
from second_opinion import majority, piece_spans  # noqa: E402

CLOSE = {"jf_gongitsune", "jf_nezumi"}
CACHED_BEFORE = {**FULL_BAND, "windows": [200, 25]}  # the front end of the pieces cached before it was in their
                                                     # name; another one's pieces are kept apart


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


def held_out_materials(skip: list[str]):
    """(group, name, loader) of the held-out fixtures already heard (names in `skip` left out: the
    ones still unseen), their cassette copies, and each voice cut out of their pairs (splits of one
    voice to check), as eval_voices.materials makes them."""
    from pipeline.audio import decode
    from eval_voices import cassette, fixtures, one_voice, rttm_reference
    rows = [r for r in materials(True)[len(materials(False)):] if not any(o in r[1] for o in skip)]

    def single(path: Path, who: str, degrade: bool = False):
        def load():
            samples, reference = one_voice(decode(path).samples, rttm_reference(path.with_suffix(".rttm")), who)
            return (cassette(samples) if degrade else samples), reference, 1
        return load
    for _, name, path in fixtures(True):
        if name.startswith("pair") and not any(o in name for o in skip):
            for who in ("V1", "V2"):
                rows += [("held out one voice", f"one_{who}_{name}", single(path, who)),
                         ("held out one voice", f"cassette_one_{who}_{name}", single(path, who, True))]
    return rows


def piece_sets(cache: Path, dense_minutes: float, only, held_out: bool = False,
               skip: list[str] | None = None) -> list[dict]:
    """Each recording's pieces, computed once (the embeddings from eval_voices' cache); with
    `held_out`, also those of the held-out fixtures heard already (`skip`: the unseen ones)."""
    from pipeline.diarize import builtin
    front = {**builtin.front_end(), "windows": [builtin.CLUSTER_WINDOW, builtin.CLUSTER_HOP]}
    front = "" if front == CACHED_BEFORE else "_" + hashlib.sha1(json.dumps(front, sort_keys=True).encode()).hexdigest()[:8]
    sets = _piece_sets(cache / f"count_margin_pieces_{dense_minutes:g}{front}.pkl",
                       lambda: materials(False) + (dense(dense_minutes, cache) if dense_minutes else []), cache)
    if held_out:
        tag = hashlib.sha1("\n".join(sorted(skip or [])).encode()).hexdigest()[:8]
        sets += _piece_sets(cache / f"count_margin_pieces_held_out_{tag}{front}.pkl",
                            lambda: held_out_materials(skip or []), cache)
    return [s for s in sets if (not only or any(o in s["name"] for o in only))
            and not any(o in s["name"] for o in skip or [])]


def _piece_sets(path: Path, rows, cache: Path) -> list[dict]:
    from pipeline.diarize import builtin
    from pipeline.diarize.count import pieces
    from pipeline.speech import analyse
    if path.exists():
        sets = pickle.loads(path.read_bytes())
    else:
        FrontEndCache(cache)
        sets = []
        for group, name, load in rows():
            samples, reference, n = load()
            samples = samples.astype(np.float32)
            regions = builtin.speech_regions(analyse(samples))
            spans = builtin.windows(regions, builtin.CLUSTER_WINDOW, builtin.CLUSTER_HOP)
            emb = builtin.embed(builtin.mel_frames(samples), spans)
            P, seconds, stretch = pieces(regions, spans, emb, builtin.FPS)
            who = [majority(reference, x / builtin.FPS, y / builtin.FPS)
                   for x, y in piece_spans(regions, spans, builtin.FPS)]
            sets.append({"group": group, "name": name, "speakers": n, "P": P, "seconds": seconds,
                         "stretch": stretch, "voices": sorted(voices_of(name)), "who": who})
            print(f"pieces {name}: {len(P)}", flush=True)
        path.write_bytes(pickle.dumps(sets))
    return sets


def candidate(seq: dict, k: int, P, seconds, stretch) -> dict | None:
    """The count's numbers for candidate k of a merge sequence (None where k was skipped)."""
    from pipeline.diarize.count import stretch_owners, turns_owned
    if k not in seq:
        return None
    labels, score, distance, sep, by_turns, consistency = seq[k][:6]
    row = {"score": score, "distance": distance, "consistency": consistency, "by_turns": by_turns}
    owner = stretch_owners(seconds, stretch, labels)
    row["turns"] = sorted(turns_owned(owner, c) for c in np.unique(labels))
    row.update(raw_closest(P, seconds, stretch, labels))
    return row


def raw_closest(P, seconds, stretch, labels) -> dict:
    """The weakest pair of a partition before any evidence over time: its raw score (what the
    consistency rule lowers the bar for, from CONSISTENT_SEPARATION), its consistency, and the turns
    each of the two owns."""
    from pipeline.diarize import count
    ids = np.unique(labels)
    amount = np.array([seconds[labels == c].sum() for c in ids])
    if len(ids) < 2 or (amount < count.MIN_SPEAKER_SECONDS).any():
        return {"raw": 0.0, "raw_consistency": float("nan"), "raw_turns": [0, 0]}
    score = _raw_scores(P, seconds, stretch, labels, ids)
    i, j = np.unravel_index(np.argmin(score), score.shape)
    owner = count.stretch_owners(seconds, stretch, labels)
    return {"raw": float(score[i, j]),
            "raw_consistency": count.consistency(P, seconds, stretch, labels, ids[i], ids[j]),
            "raw_turns": [count.turns_owned(owner, ids[i]), count.turns_owned(owner, ids[j])],
            "raw_runs": bool(count.take_turns(owner, ids[i], ids[j]))}


def measure(sets: list[dict], fine_extra: int) -> list[dict]:
    from pipeline.diarize import count
    from pipeline.options import DiarizeOptions
    rows = []
    saved, count.FINE_EXTRA = count.FINE_EXTRA, fine_extra
    for s in sets:
        seq = count.candidates(s["P"], s["seconds"], s["stretch"], DiarizeOptions().max_speakers)
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
                  f"cons {c['consistency']:.1f}  d {c['distance']:.3f}  turns {c['turns']}  "
                  f"raw {c['raw']:.2f} cons {c['raw_consistency']:.2f} turns {c['raw_turns']}", flush=True)
    count.FINE_EXTRA = saved
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


def floors(rows: list[dict]) -> None:
    """The consistency rule's two bars side by side: every split of one voice (one voice, k = 2)
    whose weakest pair owns a turn each, and every closest true pair, by raw score and consistency;
    then, for floors F under CONSISTENT_SEPARATION, the consistency margin between them."""
    split = [r for r in rows if r["kind"] == "split" and r["speakers"] == 1]
    true = [r for r in rows if r["kind"] == "true"]
    turned = [r for r in split if min(r["raw_turns"]) >= 1 and np.isfinite(r["raw_consistency"])]
    print("\nsplits of one voice owning a turn each (raw score, consistency):")
    for r in sorted(turned, key=lambda r: -r["raw_consistency"]):
        print(f"  {r['name']:50s} raw {r['raw']:.2f}  cons {r['raw_consistency']:.2f}  turns {r['raw_turns']}")
    print("closest true pairs (raw score, consistency):")
    for r in sorted(true, key=lambda r: r["raw"]):
        print(f"  {r['name']:50s} raw {r['raw']:.2f}  cons {r['raw_consistency']:.2f}  turns {r['raw_turns']}  "
              f"found {r['found']} of {r['speakers']}")
    for F in (0.80, 0.75, 0.70, 0.65, 0.60):
        s_in = [r for r in turned if r["raw"] >= F]
        t_need = [r for r in true if F <= r["raw"] < 1 and min(r["raw_turns"]) >= 1]
        hi = max((r["raw_consistency"] for r in s_in), default=float("nan"))
        lo = min((r["raw_consistency"] for r in t_need if np.isfinite(r["raw_consistency"])), default=float("nan"))
        print(f"floor {F:.2f}: splits of one voice at or above it owning a turn each {len(s_in)}, "
              f"consistency "
              f"<= {hi:.2f}; true pairs needing the rule {len(t_need)}, consistency >= {lo:.2f}; "
              f"margin {lo - hi:+.2f}")


def cluster_pairs(s: dict, ks, max_speakers: int):
    """(k, candidate score, labels, ids, amount, a, b, same) for every pair of clusters of the count's
    candidates k in `ks` on one piece set: `same` where both are mostly one reference speaker. Only
    the true candidate's (k = speakers) pairs of two voices and the larger candidates' splits of one."""
    from pipeline.diarize import count
    P, seconds, stretch, n = s["P"], s["seconds"], s["stretch"], s["speakers"]
    seq = count.candidates(P, seconds, stretch, max_speakers)  # the count's own (FINE_EXTRA)
    who = np.array([w if w is not None else "" for w in s["who"]], object)
    for k in ks:
        if k not in seq:
            continue
        labels = seq[k][0]
        ids = np.unique(labels)
        amount = np.array([seconds[labels == c].sum() for c in ids])
        if len(ids) < k or (amount < count.MIN_SPEAKER_SECONDS).any():
            continue
        major = []
        for c in ids:
            tally: dict = {}
            for w, sec in zip(who[labels == c], seconds[labels == c]):
                tally[w] = tally.get(w, 0) + sec
            major.append(max(tally, key=tally.get))
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                same = major[a] == major[b]
                if (k == n and same) or (k > n and not same):
                    continue
                yield k, float(seq[k][1]), labels, ids, amount, a, b, same


def pair_table(sets: list[dict], fine_extra: int, upto: int = 2) -> list[dict]:
    """Every pair of clusters that is one voice split (both clusters mostly one reference speaker) in
    the candidates k = speakers+1 .. speakers+`upto`, and every pair of the true candidate k = speakers
    (two reference speakers): raw score (no evidence over time), consistency, turns owned, runs-test
    z of their stretches' order (< 0 grouped into turns, > 0 alternating), pure-visits z and each
    one's share of the speech."""
    from pipeline.diarize import count
    from pipeline.options import DiarizeOptions
    out = []
    for s in sets:
        P, seconds, stretch, n = s["P"], s["seconds"], s["stretch"], s["speakers"]
        for k, score, labels, ids, amount, a, b, same in cluster_pairs(
                s, range(max(n, 2), n + upto + 1), DiarizeOptions().max_speakers):
            raw = _raw_scores(P, seconds, stretch, labels, ids)
            owner = count.stretch_owners(seconds, stretch, labels)
            share = amount / seconds.sum()
            out.append({"name": s["name"], "kind": "split" if same else "true", "k": k, "speakers": n,
                        "raw": float(raw[a, b]),
                        "consistency": count.consistency(P, seconds, stretch, labels, ids[a], ids[b]),
                        "turns": [count.turns_owned(owner, ids[a]), count.turns_owned(owner, ids[b])],
                        "z": count.runs_z(owner, ids[a], ids[b]),
                        "pure_z": count.pure_visits_z(owner, ids[a], ids[b]),
                        "takes_turns": count.take_turns(owner, ids[a], ids[b]),
                        "share": [float(share[a]), float(share[b])],
                        "score": score})
    for r in sorted(out, key=lambda r: (r["kind"], -r["raw"])):
        print(f"{r['kind']:5s} {r['name']:46s} k={r['k']} of {r['speakers']} raw {r['raw']:.2f} "
              f"cons {r['consistency']:5.2f} turns {r['turns']} z {r['z']:+.2f} pure {r['pure_z']:+.2f} "
              f"share {r['share'][0]:.2f}/{r['share'][1]:.2f} cand {r['score']:.2f}")
    return out


def _raw_scores(P, seconds, stretch, labels, ids) -> np.ndarray:
    """Every pair's separation score before any evidence over time (no pair's bar lowered)."""
    from pipeline.diarize import count
    centroids = count._centroids(P, seconds, labels, ids)
    distance = 1 - centroids @ centroids.T
    np.fill_diagonal(distance, np.inf)
    names = ("CONSISTENT_SEPARATION", "TURN_SEPARATION", "TAKING_TURNS_CONSISTENT_SEPARATION", "PURE_VISITS_SEPARATION")
    saved = [getattr(count, n) for n in names]
    for n in names:
        setattr(count, n, 2.0)  # no pair is lowered
    try:
        return count.separation(P, seconds, stretch, labels, ids, distance)[0]
    finally:
        for n, v in zip(names, saved):
            setattr(count, n, v)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dense", type=float, default=0, metavar="MINUTES")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE",
                        help="count.py constants for this run, e.g. REFINE_ROUNDS=0 (no refinement); "
                             "builtin.NAME=VALUE the diarizer's front end, e.g. builtin.EMBED_BAND=[300,3400]")
    parser.add_argument("--held-out", action="store_true",
                        help="add the held-out fixtures heard already, their cassette copies and voices")
    parser.add_argument("--skip", nargs="*", default=[], help="leave out names containing any of these (unseen)")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "kikigaki" / "eval_voices")
    parser.add_argument("--pairs", action="store_true",
                        help="the table of every split of one voice and every true pair (pair_table)")
    args = parser.parse_args()
    from pipeline.diarize import count
    for item in args.set:
        set_constant(item)
    FINE_EXTRA = count.FINE_EXTRA
    sets = piece_sets(args.cache, args.dense, args.only, args.held_out, args.skip)
    if args.pairs:
        rows = pair_table(sets, FINE_EXTRA)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1, default=float) + "\n")
        return
    rows = measure(sets, FINE_EXTRA)
    summary(rows)
    floors(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, default=float) + "\n")


if __name__ == "__main__":
    main()
