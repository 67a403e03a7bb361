"""Scores against a reference: character error rate (CER) on normalised Japanese text."""
from __future__ import annotations

import unicodedata


def normalize(text: str) -> str:
    """NFKC, without punctuation, symbols or spaces (how the project measures CER)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c)[0] not in "PZSC")


def edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate: edits to turn the hypothesis into the reference, per reference character."""
    ref = normalize(reference)
    if not ref:
        raise ValueError("the reference text is empty after normalisation")
    return edit_distance(normalize(hypothesis), ref) / len(ref)
