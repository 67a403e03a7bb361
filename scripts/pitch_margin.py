"""Does pitch tell the closest true pair from one voice split in two? A measurement for issue 11's
lead of a second, cheap feature of voice beside Resemblyzer's prints.

For every recording count_margin.py measures (tuning fixtures, cassette copies, voices cut out of the
pairs, the older recordings, Common Voice mixes; `--held-out` the held-out ones already heard, `--skip`
leaving out the unseen), each of the count's pieces gets its pitch: the median log2 F0 of its voiced
frames (normalised autocorrelation over 40 ms frames every 10 ms, 60-450 Hz, numpy only). Then for
every true pair and every split of one voice that `count_margin.py --pairs` lists, the two clusters'
pitch is compared stretch by stretch: d = |mean a - mean b| / pooled sd, over the stretches each owns
(a stretch's value is the seconds-weighted mean of its pieces in that cluster). Prints both kinds
with d, and the margin (lowest true d minus highest split d).

    PYTHONPATH=$PWD python scripts/pitch_margin.py --held-out --skip _11
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from count_margin import cluster_pairs, held_out_materials, piece_sets  # noqa: E402
from eval_voices import dense, materials  # noqa: E402

RATE = 16000
HOP = 160          # 10 ms: one pitch value per mel frame
FRAME = 640        # 40 ms
FMIN, FMAX = 60.0, 450.0
VOICING = 0.5      # normalised autocorrelation peak above which a frame is voiced


def f0_track(samples: np.ndarray, block: int = 4000) -> np.ndarray:
    """log2 F0 per 10 ms frame (NaN where unvoiced or silent)."""
    from scipy.signal import butter, sosfilt
    # band-limited as a cassette copy is (300-3400 Hz), so clean and cassette recordings are measured alike
    x = sosfilt(butter(4, [300, 3400], btype="band", fs=RATE, output="sos"), samples).astype(np.float32)
    n = max(0, (len(x) - FRAME) // HOP + 1)
    out = np.full(n, np.nan, np.float32)
    if n == 0:
        return out
    window = np.hanning(FRAME).astype(np.float32)
    nfft = 1024
    w_ac = np.fft.irfft(np.abs(np.fft.rfft(window, nfft)) ** 2)[:FRAME]
    lo, hi = int(RATE / FMAX), int(RATE / FMIN)
    energy_floor = None
    for start in range(0, n, block):
        idx = np.arange(start, min(n, start + block))
        frames = np.lib.stride_tricks.sliding_window_view(x, FRAME)[idx * HOP]
        frames = (frames - frames.mean(1, keepdims=True)) * window
        ac = np.fft.irfft(np.abs(np.fft.rfft(frames, nfft, axis=1)) ** 2, axis=1)[:, :hi + 1]
        r0 = ac[:, :1]
        if energy_floor is None:
            energy_floor = 1e-4 * float(np.percentile(r0, 95)) + 1e-12
        nac = ac / np.maximum(r0, 1e-12) / np.maximum(w_ac[:hi + 1] / w_ac[0], 1e-3)
        seg = nac[:, lo:hi + 1]
        best = seg.argmax(1)
        peak = seg[np.arange(len(seg)), best]
        lag = best + lo
        # octave check: a peak at half the lag nearly as high is the true period
        half = lag // 2
        ok = half >= lo
        half_val = np.where(ok, nac[np.arange(len(seg)), np.clip(half, 0, hi)], -1)
        lag = np.where(ok & (half_val > 0.9 * peak), half, lag)
        # parabolic interpolation around the peak: one lag step is 3 Hz at 230 Hz
        rows = np.arange(len(seg))
        y0, y1, y2 = (nac[rows, np.clip(lag + o, 0, hi)] for o in (-1, 0, 1))
        denom = y0 - 2 * y1 + y2
        lag = lag + np.where(np.abs(denom) > 1e-9, np.clip(0.5 * (y0 - y2) / np.where(denom == 0, 1, denom), -0.5, 0.5), 0)
        voiced = (peak > VOICING) & (r0[:, 0] > energy_floor)
        out[idx] = np.where(voiced, np.log2(RATE / lag), np.nan)
    return out


def piece_pitch(samples: np.ndarray, fps: int = 100) -> tuple[np.ndarray, np.ndarray, float]:
    """(median log2 F0 per piece, voiced share per piece, CPU seconds of the pitch track) in the count's
    piece order."""
    from pipeline.diarize import builtin
    from pipeline.diarize.count import piece_frames
    from pipeline.speech import analyse
    regions = builtin.speech_regions(analyse(samples))
    spans = builtin.windows(regions, builtin.CLUSTER_WINDOW, builtin.CLUSTER_HOP)
    started = time.process_time()
    track = f0_track(samples)
    cpu = time.process_time() - started
    med, share = [], []
    for x, y, _, _ in piece_frames(regions, spans, fps):
        part = track[int(x):int(y)]
        v = part[np.isfinite(part)]
        med.append(float(np.median(v)) if len(v) >= 10 else np.nan)
        share.append(len(v) / max(1, len(part)))
    return np.array(med), np.array(share), cpu


def pitch_sets(cache: Path, rows, tag: str) -> dict[str, dict]:
    path = cache / f"pitch_pieces_{tag}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    out, cpu, seconds = {}, 0.0, 0.0
    for group, name, load in rows:
        samples = load()[0].astype(np.float32)
        med, share, c = piece_pitch(samples)
        cpu += c
        seconds += len(samples) / RATE
        out[name] = {"f0": med, "voiced": share}
        print(f"pitch {name}: {len(med)} pieces, {np.nanmedian(2 ** med) if np.isfinite(med).any() else 0:.0f} Hz",
              flush=True)
    print(f"pitch track CPU {cpu:.1f} s for {seconds:.0f} s of audio")
    path.write_bytes(pickle.dumps(out))
    return out


def stretch_values(f0, seconds, stretch, members) -> np.ndarray:
    vals = []
    for s in np.unique(stretch[members]):
        here = members & (stretch == s) & np.isfinite(f0)
        if here.any():
            vals.append(np.average(f0[here], weights=seconds[here]))
    return np.array(vals)


def pitch_d(f0, seconds, stretch, labels, a, b) -> float:
    va, vb = (stretch_values(f0, seconds, stretch, labels == c) for c in (a, b))
    if len(va) < 2 or len(vb) < 2:
        return float("nan")
    pooled = np.sqrt((va.var(ddof=1) + vb.var(ddof=1)) / 2)
    return float(abs(va.mean() - vb.mean()) / pooled) if pooled > 0 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--skip", nargs="*", default=[])
    parser.add_argument("--dense", type=float, default=0)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "kikigaki" / "eval_voices")
    args = parser.parse_args()
    from pipeline.diarize import count
    from pipeline.options import DiarizeOptions
    sets = piece_sets(args.cache, args.dense, None, args.held_out, args.skip)
    rows = materials(False) + (dense(args.dense, args.cache) if args.dense else [])
    pitch = pitch_sets(args.cache, rows, f"tuning_{args.dense:g}")
    if args.held_out:
        pitch.update(pitch_sets(args.cache, held_out_materials(args.skip), "held_out_" + "_".join(sorted(args.skip))))
    out = []
    for s in sets:
        if s["name"] not in pitch:
            continue
        f0 = pitch[s["name"]]["f0"]
        P, seconds, stretch, n = s["P"], s["seconds"], s["stretch"], s["speakers"]
        if len(f0) != len(P):
            print(f"skip {s['name']}: {len(f0)} pitch pieces, {len(P)} pieces")
            continue
        for k, score, labels, ids, _, a, b, same in cluster_pairs(s, range(max(n, 2), n + 3),
                                                                   DiarizeOptions().max_speakers):
            owner = count.stretch_owners(seconds, stretch, labels)
            d = pitch_d(f0, seconds, stretch, labels, ids[a], ids[b])
            fa, fb = (np.nanmedian(2 ** f0[labels == c]) for c in (ids[a], ids[b]))
            out.append({"name": s["name"], "kind": "split" if same else "true", "k": k, "d": d,
                        "hz": (fa, fb), "score": score,
                        "turns": [count.turns_owned(owner, ids[a]), count.turns_owned(owner, ids[b])],
                        "cons": count.consistency(P, seconds, stretch, labels, ids[a], ids[b])})
    for r in sorted(out, key=lambda r: (r["kind"], -np.nan_to_num(r["d"], nan=-1))):
        print(f"{r['kind']:5s} {r['name']:48s} k={r['k']} pitch d {r['d']:5.2f}  {r['hz'][0]:.0f}/{r['hz'][1]:.0f} Hz "
              f"cand {r['score']:.2f} cons {r['cons']:.2f} turns {r['turns']}")
    close = [r for r in out if r["kind"] == "true" and r["score"] < 1.6]
    split = [r for r in out if r["kind"] == "split" and np.isfinite(r["d"])]
    if close and split:
        lo = min((r for r in close if np.isfinite(r["d"])), key=lambda r: r["d"])
        hi = max(split, key=lambda r: r["d"])
        print(f"\ntrue pairs scoring < 1.6: pitch d >= {lo['d']:.2f} ({lo['name']}); splits <= {hi['d']:.2f} "
              f"({hi['name']}); margin {lo['d'] - hi['d']:+.2f}")


if __name__ == "__main__":
    main()
