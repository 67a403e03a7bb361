"""How far the spectral shape (`pipeline/diarize/spectrum.py`) parts a close voice heard in a single visit
from its partner, against one voice split in two: the measurement behind `count.single_visits` (README
"## Speakers", session 18).

For every recording of count_margin's table (its pieces and candidates; the audio read again for the
spectra), two kinds of pair (A heard in one visit, one run of stretches between other clusters', with
SINGLE_VISIT_STRETCHES or more stretches; B with SINGLE_VISIT_NULL or more):

- rule: the pairs the rule weighs (k-1's candidate passes, k's scores SINGLE_VISIT_FROM-1, only its closest
  pair fails, A one of that pair), true (A and B different voices) or a split of one voice;
- any: every such A and B of the same voice in any candidate scoring > 0 (a wider null), and the close
  voice in one visit on the true (reference) partitions.

    PYTHONPATH=$PWD python scripts/shape_margin.py --held-out --skip _s18 [--cache DIR]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from count_margin import CLOSE, held_out_materials, piece_sets  # noqa: E402
from eval_voices import materials  # noqa: E402
from single_turn_margin import majority, reference_voices  # noqa: E402


def shapes_of(load) -> tuple[np.ndarray, np.ndarray]:
    """(stretch shapes, stretch index per piece) of a recording, as the builtin diarizer makes them."""
    from pipeline.diarize import builtin
    from pipeline.diarize.count import piece_frames
    from pipeline.diarize.spectrum import piece_spectra, stretch_shapes
    from pipeline.speech import analyse
    samples = load()[0].astype(np.float32)
    regions = builtin.speech_regions(analyse(samples))
    frames = piece_frames(regions, builtin.windows(regions, builtin.CLUSTER_WINDOW, builtin.CLUSTER_HOP), builtin.FPS)
    stretch = np.array([r for _, _, r, _ in frames], int)
    return stretch_shapes(*piece_spectra(samples, [(x, y) for x, y, *_ in frames], builtin.FPS), stretch), stretch


def pairs(P, seconds, stretch, labels, shapes, who, rule_only: bool):
    """(A's voice, B's voice, spectral distance) of each one-visit cluster A and other cluster B."""
    from pipeline.diarize import count
    from pipeline.diarize.spectrum import apart
    ids = np.unique(labels)
    owner = count.stretch_owners(seconds, stretch, labels)
    pick = [(ids[i], ids[j]) for i in range(len(ids)) for j in range(len(ids)) if i != j]
    if rule_only:
        _, score, _, i, j = count._closest(P, seconds, stretch, labels, ids)
        others = score.copy()
        others[i, j] = others[j, i] = np.inf
        pick = [] if others.min() < 1.0 else [(ids[i], ids[j]), (ids[j], ids[i])]
    out = []
    for a, b in pick:
        if count._visits(owner, a) == 1 and (owner == a).sum() >= count.SINGLE_VISIT_STRETCHES \
                and (owner == b).sum() >= count.SINGLE_VISIT_NULL:
            out.append((majority(who[labels == a]), majority(who[labels == b]), apart(shapes, owner, a, b)))
    return out


def main() -> None:
    from pipeline.diarize import count
    from pipeline.options import DiarizeOptions
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "kikigaki" / "eval_voices")
    parser.add_argument("--held-out", action="store_true", help="also the held-out fixtures heard already")
    parser.add_argument("--skip", nargs="*", default=[], help="leave out names containing any of these (unseen)")
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    loaders = {name: load for _, name, load in materials(False) + (held_out_materials(args.skip) if args.held_out else [])}
    rule, wide = [], []
    for s in piece_sets(args.cache, 0, args.only, args.held_out, args.skip):
        P, seconds, stretch = s["P"], s["seconds"], s["stretch"]
        shapes, check = shapes_of(loaders[s["name"]])
        assert (check == stretch).all(), f"{s['name']}: pieces differ from count_margin's"
        who = np.array([w or "" for w in s["who"]], object)
        sequence = count.candidates(P, seconds, stretch, DiarizeOptions().max_speakers)
        for k, cand in sorted(sequence.items()):
            base = sequence.get(k - 1)
            if k >= 2 and base is not None and base[1] >= 1.0 and count.SINGLE_VISIT_FROM <= cand[1] < 1.0:
                rule += [(s["name"], k, va == vb, far) for va, vb, far in pairs(P, seconds, stretch, cand[0], shapes, who, True)]
            if k >= 2 and cand[1] > 0:
                wide += [(s["name"], k, True, far) for va, vb, far in pairs(P, seconds, stretch, cand[0], shapes, who, False)
                         if va == vb]
        close = {v for v, kokoro in reference_voices(s["name"]).items() if kokoro in CLOSE}
        if close and (who != "").all():
            voices = sorted(set(who))
            truth = np.array([voices.index(w) for w in who])
            wide += [(s["name"], s["speakers"], False, far) for va, vb, far in pairs(P, seconds, stretch, truth, shapes, who, False)
                     if {va, vb} == close]
    for label, rows in (("pairs the rule weighs", rule), ("every one-visit cluster (wider null; true partitions)", wide)):
        print(label)
        for cassette in (False, True):
            mine = [r for r in rows if r[0].startswith("cassette") == cassette]
            split = sorted((r for r in mine if r[2]), key=lambda r: -r[3])
            true = sorted((r for r in mine if not r[2]), key=lambda r: r[3])
            print(f"  {'cassette' if cassette else 'clean':8s} splits of one voice {len(split):3d}, highest "
                  + ", ".join(f"{far:.2f} ({n} k={k})" for n, k, _, far in split[:3]))
            print(f"  {'':8s} two voices {len(true):3d}, lowest "
                  + ", ".join(f"{far:.2f} ({n} k={k})" for n, k, _, far in true[:4]))


if __name__ == "__main__":
    main()
