"""RTTM, read and written in one place below the diarizer: the reference file of the dev interview
reads back as it was written, and pyannote.database's own reader agrees with what we write."""
import pytest

from conftest import DEV
from pipeline import rttm
from pipeline.export.rttm import render
from pipeline.transcript import Recording, Segment, Speaker, Transcript, Turn


def test_reference_round_trips():
    text = (DEV / "d1_ryuyo.rttm").read_text()
    turns = rttm.parse(text)
    assert len(turns) >= 2 and len({t.speaker for t in turns}) == 2
    again = rttm.parse(rttm.write("d1_ryuyo", turns))
    assert [t.speaker for t in again] == [t.speaker for t in turns]
    for a, b in zip(again, turns):
        assert a.start == pytest.approx(b.start, abs=1e-3) and a.end == pytest.approx(b.end, abs=1e-3)


def test_export_reads_in_pyannote_with_names(tmp_path):
    from pyannote.database.util import load_rttm
    turns = (Turn(0.5, 2.25, "S1"), Turn(2.5, 4.0, "S2"), Turn(4.2, 5.0, "S1"))
    transcript = Transcript(
        recording=Recording(id="an interview", source="x.flac", sha256="0" * 64, duration=6.0, sample_rate=16000,
                            channels=1),
        segments=(Segment(id=0, start=0.5, end=2.25, text="はい", speaker="S1"),),
        speakers=(Speaker("S1", "古海 建一"), Speaker("S2", None)), turns=turns)
    path = tmp_path / "x.rttm"
    path.write_text(render(transcript))
    annotation = load_rttm(str(path))["an_interview"]
    got = sorted((round(s.start, 3), round(s.end, 3), label) for s, _, label in annotation.itertracks(yield_label=True))
    assert got == [(0.5, 2.25, "古海_建一"), (2.5, 4.0, "S2"), (4.2, 5.0, "古海_建一")]
    assert [t.speaker for t in rttm.parse(path.read_text())] == ["古海_建一", "S2", "古海_建一"]
