"""Calibrate `nlp.acoustic_margin`: how far below the heard sentence a true glossary correction
scores under Whisper (teacher-forced, glossary as prompt), and how far a wrong one does.

On the transcripts eval_names.py made *without* a glossary (the recogniser's own mishearings), for
every sentence: each term the reference says is there but the transcript misspells (true), and each
term put in place of a content word of similar length it does not belong to (wrong). Both are scored
against the heard sentence. Run eval_names.py first (same --work).

    python scripts/calibrate_margin.py --work /tmp/kikigaki_eval_names
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def candidates(segment, terms, reference_text: str):
    """(heard sentence, corrected sentence, true?, span, term, morae) for one sentence: what
    find_corrections proposes (sure and check), and wrong substitutions of terms the reference lacks."""
    from pipeline.nlp.glossary_fix import find_corrections, term_reading
    from pipeline.nlp.morae import mora_distance, morae
    from pipeline.nlp.morph import morphemes
    text = segment.text
    out = [(text, text[:c.begin] + c.term + text[c.end:], c.term in reference_text, c.heard, c.term,
            f"{c.kind} {c.distance}") for c in find_corrections(text, tuple(terms))]
    words = [m for m in morphemes(text) if m.pos.startswith("名詞") and not m.pos.startswith("名詞-数詞")]
    for term in terms:
        reading = term_reading(term)
        if not reading or term.text in text or term.text in reference_text:
            continue
        runs = []  # content runs of one to three nouns, nearest in reading first
        for i in range(len(words)):
            for j in range(i, min(i + 3, len(words))):
                if words[j].begin != words[i].begin and words[j].begin != words[j - 1].end:
                    break
                r = "".join(w.reading for w in words[i:j + 1])
                runs.append((mora_distance(r, reading), words[i].begin, words[j].end))
        runs = [r for r in runs if abs(len(morae(text[r[1]:r[2]])) - len(morae(reading))) <= 3]
        if not runs:
            continue
        distance, a, b = min(runs)
        if distance <= len(morae(reading)) * 0.6:
            out.append((text, text[:a] + term.text + text[b:], False, text[a:b], term.text, f"made {distance}"))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    from eval_names import fixtures

    from pipeline.asr.likelihood import Scorer
    from pipeline.audio import decode
    from pipeline.transcript import Transcript
    rows = []
    before = resource.getrusage(resource.RUSAGE_SELF)
    for f in fixtures(args.work):
        if f["held_out"]:
            continue  # never tuned on
        path = args.work / "none" / "none" / f["audio"].stem / f"{f['audio'].stem}.json"
        if not path.is_file():
            continue
        transcript = Transcript.from_dict(json.loads(path.read_text(encoding="utf-8")))
        reference = json.loads(f["reference"].read_text(encoding="utf-8"))
        audio = decode(f["audio"]).samples
        scorer = Scorer.for_glossary(lambda: audio, [t.text for t in f["plain"]],
                                     __import__("pipeline.options", fromlist=["AsrOptions"]).AsrOptions())
        for seg in transcript.segments:
            ref = "".join(s["text"] for s in reference["sentences"] if s["start"] < seg.end + 0.5 and seg.start - 0.5 < s["end"])
            for heard, written, truth, span, term, distance in candidates(seg, f["plain"], ref):
                h, w = scorer.score(seg.start, seg.end, [heard, written])
                rows.append({"fixture": f["id"], "heard": span, "term": term, "true": truth, "morae": distance,
                             "delta": round(w - h, 2)})
                print(f"{f['id']:22s} {'TRUE ' if truth else 'wrong'} {span}→{term} ({distance} morae): {w - h:+.2f} nats")
    after = resource.getrusage(resource.RUSAGE_SELF)
    true = sorted(r["delta"] for r in rows if r["true"])
    wrong = sorted(r["delta"] for r in rows if not r["true"])
    print(f"true corrections: {len(true)}, deltas {true}")
    print(f"wrong substitutions: {len(wrong)}, deltas {wrong}")
    for margin in (1, 2, 3, 4, 5, 6, 8):
        print(f"margin {margin}: accepts {sum(d >= -margin for d in true)}/{len(true)} true, "
              f"{sum(d >= -margin for d in wrong)}/{len(wrong)} wrong")
    print(f"CPU {after.ru_utime - before.ru_utime:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
