"""Measure the language layer on every interview fixture: entity precision, recall and F1, dates
normalised, CER without a glossary, with the glossary as a plain list of terms, and with labels.

Recognition and diarization are cached under the work folder (`--work`), so a second run re-measures
only the language layer (its stored result is dropped each time, so code changes always count).

    python scripts/eval_names.py                 # all fixtures, a table on stdout
    python scripts/eval_names.py --json out.json --only synthetic_huludao --cc0
    python scripts/eval_names.py --conditions plain --extra /tmp/scratch   # and make_interviews.py's SCRATCH
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

INTERVIEWS = ROOT / "tests" / "data" / "interviews"
DEV = ROOT / "tests" / "data" / "dev_interview"


def fixtures(work: Path, extra: Path | None = None, cassette: bool = False) -> list[dict]:
    """(id, audio, reference, label-less glossary, labelled glossary, held out?) for each fixture;
    `extra`: a folder of more interviews made the same way (make_interviews.py's scratch ones);
    `cassette`: also a cassette-like copy of each (`cassette` names the clean audio it is made from,
    `of` the clean fixture's id), besides the dev interview's, which is always there."""
    from pipeline.glossary import GlossaryTerm, load_glossary
    from pipeline.options import load_config
    out = []
    furumi = load_config(ROOT / "configs" / "furumi.toml").glossary
    out.append({"id": "synthetic_furumi_demo", "audio": ROOT / "recordings" / "synthetic_furumi_demo.flac",
                "reference": ROOT / "recordings" / "synthetic_furumi_demo.reference.json",
                "labelled": furumi, "held_out": False})
    dev = load_glossary(DEV / "glossary.txt")
    out.append({"id": "d1_ryuyo", "audio": DEV / "d1_ryuyo.flac", "reference": DEV / "d1_ryuyo.reference.json",
                "labelled": tuple(dev), "held_out": False})
    refs = sorted(INTERVIEWS.glob("*.reference.json")) + (sorted(extra.glob("*.reference.json")) if extra else [])  # scratch_*, names10_*...
    for ref in refs:
        stem, folder = ref.name[:-len(".reference.json")], ref.parent
        data = json.loads(ref.read_text(encoding="utf-8"))
        out.append({"id": stem, "audio": folder / f"{stem}.flac", "reference": ref,
                    "labelled": tuple(load_glossary(folder / f"{stem}.glossary_labelled.txt")),
                    "held_out": bool(data.get("held_out"))})
    cassette_copy(DEV / "d1_ryuyo.flac", work / "audio" / "d1_ryuyo_cassette.wav")  # other scripts read it from here
    out.append({"id": "d1_ryuyo_cassette", "audio": work / "audio" / "d1_ryuyo_cassette.wav", "of": "d1_ryuyo",
                "reference": DEV / "d1_ryuyo.reference.json", "labelled": tuple(dev), "held_out": False,
                "cassette": DEV / "d1_ryuyo.flac"})
    if cassette:  # a cassette-like copy of every other fixture too (acceptance: CER <= 0.14 on one)
        out += [{**f, "id": f"{f['id']}_cassette", "audio": work / "audio" / f"{f['id']}_cassette.wav",
                 "of": f["id"], "cassette": f["audio"]} for f in out if f["id"] not in ("d1_ryuyo", "d1_ryuyo_cassette")]
    for f in out:
        f["plain"] = tuple(GlossaryTerm(t.text) for t in f["labelled"])
    return out


def cassette_copy(clean: Path, copy: Path) -> None:
    """Write the cassette-like copy of `clean` (tests/conftest.py's degradation) once, in the work folder."""
    if copy.is_file():
        return
    from conftest import cassette as degrade, write_wav

    from pipeline.audio import decode
    copy.parent.mkdir(parents=True, exist_ok=True)
    write_wav(copy, degrade(decode(clean).samples))


def run_one(audio: Path, out: Path, config) -> "Transcript":
    from pipeline.artifacts import WorkFolder
    from pipeline.batch import run_batch
    from pipeline.transcript import Transcript
    folder = WorkFolder(out, audio.stem)
    for stage in ("nlp", "exports"):  # the language layer always re-runs, and so do the exports it feeds
        (folder.work / f"{stage}.json").unlink(missing_ok=True)
    batch = run_batch([audio], out, config)
    if not batch.ok:
        raise RuntimeError(batch.recordings[0].error)
    return Transcript.from_dict(json.loads(folder.output("json").read_text(encoding="utf-8")))


def score(transcript, reference: Path) -> dict:
    from pipeline import evaluate
    data = json.loads(reference.read_text(encoding="utf-8"))
    s = evaluate.entity_scores(transcript, data)
    s["cer"] = evaluate.cer(transcript.text, evaluate.reference_text(reference))
    gold = {(e[0], e[1]) for x in data["sentences"] for e in x.get("entities", [])}
    s["wrong"] = sorted({f"{e.text}/{e.label}" for e in transcript.entities} - {f"{a}/{b}" for a, b in gold})
    s["missed"] = sorted({f"{a}/{b}" for a, b in gold} - {f"{e.text}/{e.label}" for e in transcript.entities})
    s["missed_by_kind"] = missed_by_kind(transcript, s["missed"])
    terms = data.get("glossary", [])  # wrong entities no glossary term accounts for (GiNZA's own, dates apart)
    s["wrong_outside_glossary"] = [w for w in s["wrong"] if not w.endswith("/DATE") and not any(
        t in w.rsplit("/", 1)[0] or w.rsplit("/", 1)[0] in t for t in terms)]
    return s


def missed_by_kind(transcript, missed: list[str]) -> dict[str, list[str]]:
    """Why each missed gold entity was missed: `wrong label` (found with another label), `wrong span`
    (a same-label entity overlaps it), `not labelled` (written, no entity), `heard, not corrected`
    (a run of the text reads within 0.3 morae per mora of it), `no reading` (the dictionary cannot read
    the term, so nothing can be matched by sound), `not heard`."""
    from pipeline.glossary import GlossaryTerm
    from pipeline.nlp.glossary_fix import term_reading
    from pipeline.nlp.morae import mora_distance, morae
    from pipeline.nlp.morph import morphemes
    text = transcript.text
    readings = [m.reading for m in morphemes(text)]
    out: dict[str, list[str]] = {}
    for item in missed:
        surface, label = item.rsplit("/", 1)
        found = [e for e in transcript.entities if e.text == surface]
        if found:
            kind = "wrong label"
        elif any(e.label == label and (surface in e.text or e.text in surface) for e in transcript.entities):
            kind = "wrong span"
        elif surface in text:
            kind = "not labelled"
        else:
            target = term_reading(GlossaryTerm(surface))
            limit = max(1.0, 0.3 * len(morae(target)))
            heard = target and any(mora_distance("".join(readings[i:j]), target, limit) <= limit
                                   for i in range(len(readings)) for j in range(i + 1, min(i + 7, len(readings) + 1)))
            kind = "no reading" if not target else "heard, not corrected" if heard else "not heard"
        out.setdefault(kind, []).append(item)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kikigaki_eval_names")
    parser.add_argument("--only", nargs="*", help="fixture ids to measure")
    parser.add_argument("--held-out", action="store_true", help="include the held-out interview")
    parser.add_argument("--extra", type=Path, help="also the scratch interviews in this folder (make_interviews.py)")
    parser.add_argument("--cassette", nargs="?", const="also", choices=("also", "only"),
                        help="also (or only) a cassette-like copy of every fixture measured")
    parser.add_argument("--cc0", action="store_true", help="also: CC0 clips with and without the Furumi glossary")
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--conditions", default="none,plain,labelled", help="glossary conditions to run")
    parser.add_argument("--policy", help="which terms each window is fed (asr/hotwords.py: "
                        "heard, topic, window, all); default: AsrOptions' own")
    parser.add_argument("--nlp", nargs="*", default=[], metavar="NAME=VALUE",
                        help='language-layer options for this run, JSON values: standard_spelling=false vocabulary=\'""\'')
    parser.add_argument("--asr", nargs="*", default=[], metavar="NAME=VALUE",
                        help="recognition options for this run, JSON values: denoise=true beam_size=8")
    args = parser.parse_args(argv)
    from pipeline.options import AsrOptions, Config, NlpOptions, load_config
    asr = AsrOptions(hotword_policy=args.policy) if args.policy else AsrOptions()
    asr = replace(asr, **{k: json.loads(v) for k, v in (o.split("=", 1) for o in args.asr)})
    nlp = replace(NlpOptions(), **{k: json.loads(v) for k, v in (o.split("=", 1) for o in args.nlp)})
    formats = ("json",)
    results = {}
    for f in fixtures(args.work, args.extra, cassette=bool(args.cassette)):
        chosen = f["id"] in args.only or args.cassette and f.get("of") in args.only if args.only else True
        if not chosen or f["held_out"] and not args.held_out and not args.only \
                or args.cassette == "only" and not f.get("cassette"):
            continue
        if f.get("cassette"):  # made only for the copies measured
            cassette_copy(f["cassette"], f["audio"])
        row = {"held_out": f["held_out"]}
        for condition, glossary in (("none", ()), ("plain", f["plain"]), ("labelled", f["labelled"])):
            if condition not in args.conditions.split(","):
                continue
            config = replace(Config(glossary=tuple(glossary), asr=asr, nlp=nlp), formats=formats)
            before = resource.getrusage(resource.RUSAGE_SELF)
            transcript = run_one(f["audio"], args.work / ("none" if not glossary else "glossary") / condition, config)
            after = resource.getrusage(resource.RUSAGE_SELF)
            row[condition] = score(transcript, f["reference"])
            row[condition]["cpu_s"] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1)
            row[condition]["corrections"] = [c for s in transcript.segments for c in s.corrections]
            row[condition]["checks"] = [  # what the recording was asked, and its answer (term minus heard, nats)
                f"{c['heard']}→{c['term']} {c.get('term_nats', 0) - c.get('heard_nats', 0):+.2f}"
                f"{'' if c['accepted'] else ' refused'}" for s in transcript.segments for c in s.glossary_checks]
            row[condition]["asr_counters"] = transcript.provenance.get("stages", {}).get("asr", {}).get("counters")
        results[f["id"]] = row
        _print_row(f["id"], row)
    if args.cc0:
        results["cc0"] = cc0(args.work, load_config(ROOT / "configs" / "furumi.toml").glossary, asr)
        print(f"CC0 clips: CER without glossary {results['cc0']['none']:.4f}, "
              f"with the Furumi glossary {results['cc0']['glossary']:.4f} "
              f"({results['cc0']['glossary_windows_fed']} windows fed)")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


def _print_row(name: str, row: dict) -> None:
    for condition in ("none", "plain", "labelled"):
        if condition not in row:
            continue
        s = row[condition]
        print(f"{name:24s} {condition:8s} F1 {s['f1']:.3f} P {s['precision']:.3f} R {s['recall']:.3f} "
              f"dates {s['dates_normalized']:.2f} timed {s['timed']:.2f} CER {s['cer']:.3f} "
              f"({s['matched']}/{s['gold']} gold, {s['predicted']} found)")
        if condition in ("none", "plain"):
            kinds = "; ".join(f"{k}: {' '.join(v)}" for k, v in s["missed_by_kind"].items())
            print(f"{'':33s} wrong: {' '.join(s['wrong'])}\n{'':33s} missed: {kinds}"
                  f"\n{'':33s} corrections: {' '.join(s['corrections'])}"
                  f"\n{'':33s} checks: {', '.join(s['checks'])}")
    sys.stdout.flush()


def cc0(work: Path, glossary, asr) -> dict:
    """Mean CER over the CommonVoice CC0 clips, without and with a glossary (which must never hurt)."""
    import csv

    from pipeline import evaluate
    from pipeline.options import Config, DiarizeOptions
    cv = ROOT / "tests" / "data" / "commonvoice_ja"
    with open(cv / "transcripts.tsv", encoding="utf-8") as fh:
        clips = [(cv / r["file"], r["text"]) for r in csv.DictReader(fh, delimiter="\t")]
    out = {}
    for condition, terms in (("none", ()), ("glossary", glossary)):
        config = replace(Config(glossary=tuple(terms), asr=asr, diarize=DiarizeOptions(diarizer="none")),
                         formats=("json",))
        transcripts = [(run_one(path, work / "cc0" / condition, config), text) for path, text in clips]
        scores = [evaluate.cer(t.text, text) for t, text in transcripts]
        out[condition] = sum(scores) / len(scores)
        out[condition + "_each"] = scores
        out[condition + "_windows_fed"] = sum(t.provenance.get("stages", {}).get("asr", {}).get("counters", {})
                                              .get("windows_with_hotwords", 0) for t, _ in transcripts)
    return out


if __name__ == "__main__":
    sys.exit(main())
