"""CPU seconds of the language stage (annotate) and the exports on an hour of dense interview.

The hour is a 10-minute run's recognition and diarization artifacts laid end to end six times (times
shifted), assembled, then annotated with the dense benchmark's glossary (no acoustic check: no audio)
and rendered to json, srt, vtt, txt, rttm, entities and html. CPU time (getrusage), not wall time:
the machine may be busy. Model loading is not measured. Writes the exports to OUT for comparison
(the nlp stage's own `seconds` taken out of the JSON), so two trees can be checked byte for byte.

    python scripts/make_dense.py build --minutes 10 build/bench/dense_10min
    python -m pipeline run build/bench/dense_10min.flac -o build/bench/out
    PYTHONPATH=$PWD python scripts/nlp_bench.py build/bench/out/dense_10min/.kikigaki build/bench/nlp_out

The repetition flatters caches keyed by text (SudachiPy's analyses, mora distances): a real hour
repeats less than six copies of ten minutes do.
"""
from __future__ import annotations

import json
import resource
import sys
import tempfile
from pathlib import Path

COPIES = 6
FORMATS = ("json", "srt", "vtt", "txt", "rttm", "entities", "html")
GLOSSARY = """気仙沼\tPLACE\tケセンヌマ
唐桑\tPLACE\tカラクワ
三陸\tPLACE\tサンリク
遠洋漁業\t\tエンヨウギョギョウ
魚市場\t\tウオイチバ
佐々木キヨ\tPERSON\tササキキヨ
チリ地震津波\tEVENT\tチリジシンツナミ
"""


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def shifted(items: list[dict], dt: float) -> list[dict]:
    def shift(obj):
        if isinstance(obj, dict):
            return {k: round(v + dt, 3) if k in ("start", "end") and isinstance(v, (int, float)) else shift(v)
                    for k, v in obj.items()}
        if isinstance(obj, list):
            return [shift(v) for v in obj]
        return obj
    return shift(items)


def hour(work: Path):
    """The pre-nlp transcript of COPIES x the run in `work` (its ingest, asr and diarize artifacts)."""
    from pipeline.asr import AsrResult
    from pipeline.assemble import assign_speakers, flag_overlaps
    from pipeline.diarize import Diarization
    from pipeline.nlp.morph import word_starts
    from pipeline.transcript import Recording, Speaker, Transcript
    load = lambda stage: json.loads((work / f"{stage}.json").read_text())["result"]  # noqa: E731
    ingest, asr, dia = load("ingest"), load("asr"), load("diarize")
    d = ingest["duration"]
    asr = {**asr, **{k: [x for i in range(COPIES) for x in shifted(asr[k], i * d)] for k in ("segments", "gaps")}}
    dia = {**dia, **{k: [x for i in range(COPIES) for x in shifted(dia[k], i * d)] for k in ("turns", "overlapping")}}
    asr, dia = AsrResult.from_dict(asr), Diarization.from_dict(dia)
    segments = assign_speakers(asr.segments, list(dia.turns), word_starts)
    if dia.overlapping:
        segments = flag_overlaps(segments, list(dia.overlapping))
    recording = Recording(**{**ingest, "language": "ja", "duration": round(COPIES * d, 3), "declared_duration": None})
    return Transcript(recording, tuple(segments), tuple(Speaker(s, None) for s in dia.speaker_ids),
                      provenance={"pipeline_version": "", "stages": {}})


def main(work: Path, out: Path) -> None:
    from pipeline.export import render
    from pipeline.glossary import load_glossary
    from pipeline.nlp import annotate
    from pipeline.nlp.morph import ginza, tokenizer
    from pipeline.options import NlpOptions, SubtitleOptions
    transcript = hour(work)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "glossary.txt").write_text(GLOSSARY, encoding="utf-8")
        glossary = tuple(load_glossary(Path(tmp) / "glossary.txt"))
    ginza(), tokenizer()
    c0 = cpu()
    annotated = annotate(transcript, NlpOptions(acoustic_check=False), glossary, None)
    c1 = cpu()
    out.mkdir(parents=True, exist_ok=True)
    files = {fmt: render(fmt, annotated, SubtitleOptions(), page_dir=out) for fmt in FORMATS}
    c2 = cpu()
    print(json.dumps({"segments_in": len(transcript.segments), "segments_out": len(annotated.segments),
                      "nlp_cpu_s": round(c1 - c0, 2), "export_cpu_s": round(c2 - c1, 2),
                      "total_cpu_s": round(c2 - c0, 2)}))
    for fmt, text in files.items():
        if fmt == "json":
            data = json.loads(text)
            data["provenance"]["stages"]["nlp"].pop("seconds", None)
            text = json.dumps(data, ensure_ascii=False, indent=1)
        (out / f"hour.{fmt}").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
