"""Text whose every character carries a time span: what the language layer edits without losing time."""
from __future__ import annotations

from dataclasses import dataclass

from ..transcript import Segment, spread


@dataclass
class TimedText:
    text: str
    starts: list[float]
    ends: list[float]
    origins: list[tuple[int, int]] = None  # for each char, the span of the ASR text it came from
    original: str = ""
    probabilities: list[float | None] = None  # for each char, the recogniser's probability of its word

    def __post_init__(self) -> None:
        if self.probabilities is None:
            self.probabilities = [None] * len(self.text)
        if self.origins is None:
            self.origins = [(i, i + 1) for i in range(len(self.text))]
            self.original = self.text

    @classmethod
    def of_segments(cls, segments: list[Segment]) -> "TimedText":
        """Concatenate segments; each word's span is spread evenly across its characters."""
        text, starts, ends, probabilities = [], [], [], []
        for seg in segments:
            for w in seg.words or ():
                moments = spread(w.start, w.end, len(w.text))
                text.append(w.text)
                starts += moments[:-1]
                ends += moments[1:]
                probabilities += [w.probability] * len(w.text)
        return cls("".join(text), starts, ends, probabilities=probabilities)

    def replace(self, begin: int, end: int, new: str, heard: bool = False) -> None:
        """Put `new` in place of text[begin:end], spreading the old span's time over it; `heard`: the
        same word respelled (its recogniser's probability stays), not a word the language layer wrote."""
        probability = self.probability(begin, end) if heard else None
        if begin == end:  # an insertion takes the moment (and the origin) where it stands
            t = self.ends[begin - 1] if begin else (self.starts[0] if self.starts else 0.0)
            a, b = t, t
            k = self.origins[begin - 1][1] if begin else 0
            origin = (k, k)
        else:
            a, b = self.starts[begin], self.ends[end - 1]
            origin = (self.origins[begin][0], self.origins[end - 1][1])
        moments = spread(a, b, len(new))
        self.text = self.text[:begin] + new + self.text[end:]
        self.starts[begin:end] = moments[:-1]
        self.ends[begin:end] = moments[1:]
        self.origins[begin:end] = [origin] * len(new)
        self.probabilities[begin:end] = [probability] * len(new)  # None: written by the language layer, not heard

    def source(self, begin: int, end: int) -> str:
        """The ASR text that text[begin:end] came from."""
        spans = self.origins[begin:end]
        return self.original[min(a for a, _ in spans):max(b for _, b in spans)] if spans else ""

    def probability(self, begin: int, end: int) -> float | None:
        """The lowest probability of the recognised words text[begin:end] came from (None: none heard)."""
        known = [p for p in self.probabilities[begin:end] if p is not None]
        return min(known) if known else None

    def span(self, begin: int, end: int) -> tuple[float, float]:
        return self.starts[begin], max(self.ends[begin:end])

    def pause_before(self, i: int) -> float:
        return self.starts[i] - self.ends[i - 1] if 0 < i < len(self.text) else 0.0
