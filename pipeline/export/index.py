"""An index of the interview: a point at each topic change that can be found, for the OHMS index and
the IIIF ranges. The interviewer's questions start topics; a long answer gets a point every few
minutes; each point's keywords are the named entities spoken in its stretch."""
from __future__ import annotations

from dataclasses import dataclass

from ..transcript import Segment, Transcript
from .archive import is_question

MIN_SPACING = 30.0   # seconds: a question sooner than this after the last point joins its stretch
MAX_SPACING = 150.0  # seconds: a stretch this long gets a new point at the next segment (OHMS users
                     # expect a point every few minutes; this keeps one per 3 minutes of speech at least)
TITLE_CHARS = 40     # characters of a title, PARTIAL_CHARS of the words that open the stretch
PARTIAL_CHARS = 30
SUBJECT_LABELS = ("PLACE", "ORG", "EVENT")  # entities that name what a stretch is about
FINAL = "。．.？?！!"  # a title drops the question's final mark


@dataclass(frozen=True)
class IndexPoint:
    start: float
    end: float
    title: str
    partial_transcript: str
    synopsis: str
    keywords: tuple[str, ...]
    subjects: tuple[str, ...]


def interviewer_of(transcript: Transcript) -> str | None:
    """The speaker who asks: the one the metadata names interviewer, else who asks most questions."""
    named = set(transcript.metadata.interviewer)
    for s in transcript.speakers:
        if s.name and s.name in named:
            return s.id
    asked: dict[str | None, int] = {}
    for seg in transcript.segments:
        asked[seg.speaker] = asked.get(seg.speaker, 0) + is_question(seg)
    if not asked or max(asked.values()) == 0:
        return None
    return max(asked, key=lambda sid: asked[sid])  # first speaker wins a tie (dicts keep order)


def _clip(text: str, chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[:chars - 1] + "…"


def index_points(transcript: Transcript) -> list[IndexPoint]:
    segments = [s for s in transcript.segments if s.text.strip()]
    if not segments:
        return []
    interviewer = interviewer_of(transcript)
    starts = [0]
    for i in range(1, len(segments)):
        seg, since = segments[i], segments[i].start - segments[starts[-1]].start
        asks = (interviewer is not None and seg.speaker == interviewer
                and seg.speaker != segments[i - 1].speaker and is_question(seg))
        if (asks and since >= MIN_SPACING) or since >= MAX_SPACING:
            starts.append(i)
    bounds = list(zip(starts, starts[1:] + [len(segments)]))
    points = []
    for k, (a, b) in enumerate(bounds):
        stretch = segments[a:b]
        end = segments[bounds[k + 1][0]].start if k + 1 < len(bounds) else transcript.recording.duration
        points.append(_point(transcript, stretch, interviewer, max(end, stretch[-1].end)))
    return points


def _point(transcript: Transcript, stretch: list[Segment], interviewer: str | None, end: float) -> IndexPoint:
    ids = {s.id for s in stretch}
    entities = [e for e in transcript.entities if e.segment in ids]
    keywords = tuple(dict.fromkeys(e.text for e in entities))
    subjects = tuple(dict.fromkeys(e.text for e in entities if e.label in SUBJECT_LABELS))
    first = stretch[0]  # the question that opens the stretch, or the sentence a long answer went on with
    opening = " ".join(first.text.split())
    partial = opening[:min(PARTIAL_CHARS, max(len(opening) - 1, 1))] + "…"  # the opening words, not the line
    return IndexPoint(start=first.start, end=end, title=_clip(opening.rstrip(FINAL), TITLE_CHARS) or opening,
                      partial_transcript=partial, synopsis=_synopsis(transcript, stretch, keywords),
                      keywords=keywords, subjects=subjects)


def _synopsis(transcript: Transcript, stretch: list[Segment], keywords: tuple[str, ...]) -> str:
    """Who speaks and what is named: what can be said without a person's reading (nothing is made up)."""
    who = list(dict.fromkeys(transcript.speaker_label(s.speaker) or "?" for s in stretch))
    if (transcript.metadata.language or transcript.recording.language or "ja").startswith("ja"):
        return f"話者：{'、'.join(who)}。" + (f"言及：{'、'.join(keywords)}。" if keywords else "")
    return f"Speakers: {', '.join(who)}." + (f" Mentioned: {', '.join(keywords)}." if keywords else "")
