"""Scores against a reference: character error rate (CER) on normalised Japanese text, diarization error
rate (DER), entity scores. Metrics depend only on the transcript model and RTTM, never on a stage."""
from __future__ import annotations

import unicodedata

from rapidfuzz.distance import Levenshtein


def normalize(text: str) -> str:
    """NFKC, without punctuation, symbols or spaces (how the project measures CER)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c)[0] not in "PZSC")


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions, each 1), by rapidfuzz's C++ code:
    an hour of transcript against its reference in well under a second."""
    return Levenshtein.distance(a, b)


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate: edits to turn the hypothesis into the reference, per reference character."""
    ref = normalize(reference)
    if not ref:
        raise ValueError("the reference text is empty after normalisation")
    return edit_distance(normalize(hypothesis), ref) / len(ref)


def reference_text(path) -> str:
    """A reference transcript: plain text, or a JSON reference with `sentences[].text`."""
    import json
    from pathlib import Path
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return "".join(s["text"] for s in json.loads(text)["sentences"])
    return text


def der(transcript, reference_rttm: str, collar: float = 0.25) -> dict[str, float]:
    """Diarization error rate of the transcript's turns (pyannote.metrics), with its parts in seconds."""
    from pyannote.core import Annotation, Segment
    from pyannote.metrics.diarization import DiarizationErrorRate

    from .rttm import parse

    def annotation(turns):
        a = Annotation()
        for i, t in enumerate(turns):
            a[Segment(t.start, t.end), i] = t.speaker
        return a

    metric = DiarizationErrorRate(collar=collar, skip_overlap=False)
    parts = metric(annotation(parse(reference_rttm)), annotation(transcript.turns), detailed=True)
    return {"der": float(parts["diarization error rate"]), "missed": float(parts["missed detection"]),
            "false_alarm": float(parts["false alarm"]), "confusion": float(parts["confusion"]),
            "total": float(parts["total"])}


def _inside(p, start: float, end: float, tolerance: float) -> bool:
    return start - tolerance <= p[3] and p[4] <= end + tolerance


def entity_scores(transcript, reference: dict, tolerance: float = 0.5) -> dict[str, float]:
    """Entity precision, recall and F1 against a reference's `sentences[].entities`
    ([surface, label, normalized?]): a match has the same label and surface (NFKC) and lies in its
    sentence's time (± tolerance). Also: share of reference dates normalised right, and share of
    matched entities timed inside their sentence."""
    gold = [(unicodedata.normalize("NFKC", e[0]), e[1], e[2] if len(e) > 2 else None, s["start"], s["end"])
            for s in reference["sentences"] for e in s.get("entities", [])]
    predicted = [(unicodedata.normalize("NFKC", e.text), e.label, e.normalized, e.start, e.end)
                 for e in transcript.entities]
    found: dict[int, int] = {}  # gold entity -> the predicted one matching it
    # each gold entity takes the same entity found inside its sentence's time (± tolerance); those left
    # then take one found near it (within 5 s: not another mention elsewhere in the recording), the
    # nearest: a name said in two sentences in a row never takes the next one's mention
    for inside_only in (True, False):
        for g, (surface, label, _, start, end) in enumerate(gold):
            near = [k for k, p in enumerate(predicted) if g not in found and k not in found.values()
                    and p[0] == surface and p[1] == label
                    and (_inside(p, start, end, tolerance) if inside_only
                         else start - tolerance - 5 <= p[3] and p[4] <= end + tolerance + 5)]
            if near:
                found[g] = min(near, key=lambda k: abs(predicted[k][3] + predicted[k][4] - start - end))
    matched = len(found)
    timed = sum(_inside(predicted[k], gold[g][3], gold[g][4], tolerance) for g, k in found.items())
    dates = sum(g[1] == "DATE" for g in gold)
    dates_right = sum(gold[g][1] == "DATE" and (gold[g][2] is None or predicted[k][2] == gold[g][2])
                      for g, k in found.items())
    precision = matched / len(predicted) if predicted else 0.0
    recall = matched / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "dates_normalized": dates_right / dates if dates else 1.0, "timed": timed / matched if matched else 0.0,
            "gold": len(gold), "predicted": len(predicted), "matched": matched}
