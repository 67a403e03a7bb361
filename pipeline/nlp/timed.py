"""Text whose every character carries a time span: what the language layer edits without losing time."""
from __future__ import annotations

from dataclasses import dataclass

from ..transcript import Segment


@dataclass
class TimedText:
    text: str
    starts: list[float]
    ends: list[float]

    @classmethod
    def of_segments(cls, segments: list[Segment]) -> "TimedText":
        """Concatenate segments; each word's span is spread evenly across its characters."""
        text, starts, ends = [], [], []
        for seg in segments:
            for w in seg.words or ():
                n = len(w.text)
                step = (w.end - w.start) / n if n else 0.0
                for i, ch in enumerate(w.text):
                    text.append(ch)
                    starts.append(w.start + i * step)
                    ends.append(w.start + (i + 1) * step)
        return cls("".join(text), starts, ends)

    def replace(self, begin: int, end: int, new: str) -> None:
        """Put `new` in place of text[begin:end], spreading the old span's time over it."""
        if begin == end:  # an insertion takes the moment where it stands
            t = self.ends[begin - 1] if begin else (self.starts[0] if self.starts else 0.0)
            a, b = t, t
        else:
            a, b = self.starts[begin], self.ends[end - 1]
        n = len(new)
        step = (b - a) / n if n else 0.0
        self.text = self.text[:begin] + new + self.text[end:]
        self.starts[begin:end] = [a + i * step for i in range(n)]
        self.ends[begin:end] = [a + (i + 1) * step for i in range(n)]

    def span(self, begin: int, end: int) -> tuple[float, float]:
        return self.starts[begin], max(self.ends[begin:end])

    def pause_before(self, i: int) -> float:
        return self.starts[i] - self.ends[i - 1] if 0 < i < len(self.text) else 0.0
