"""The canonical model refuses broken transcripts and round-trips through the schema."""
import json

import pytest

from pipeline.errors import InvariantError
from pipeline.export.json_export import render
from pipeline.transcript import Entity, Recording, Segment, Speaker, Transcript, Word

REC = Recording(id="x", source="x.wav", duration=10.0, sha256="0" * 64, sample_rate=16000, channels=1)


def seg(i=0, start=1.0, end=2.0, text="撫順へ", words=None, speaker="S1"):
    words = words if words is not None else (Word("撫順", 1.0, 1.5), Word("へ", 1.5, 2.0))
    return Segment(id=i, start=start, end=end, text=text, words=words, speaker=speaker)


def transcript(**kw):
    base = dict(recording=REC, segments=(seg(),), speakers=(Speaker("S1", "古海建一"),))
    base.update(kw)
    return Transcript(**base)


@pytest.mark.parametrize("build,message", [
    (lambda: seg(text="撫順に"), "rebuild"),
    (lambda: seg(start=2.0, end=1.0), "out of order"),
    (lambda: Word("へ", 2.0, 1.9), "out of order"),
    (lambda: seg(words=(Word("撫順", 1.5, 1.6), Word("へ", 1.2, 1.3))), "starts before"),
    (lambda: seg(words=(Word("撫順", 0.5, 1.0), Word("へ", 1.5, 2.0))), "outside"),
    (lambda: transcript(segments=(seg(start=9.5, end=10.5, words=(Word("撫順", 9.5, 10.0), Word("へ", 10.0, 10.5))),)),
     "after the recording"),
    (lambda: transcript(segments=(seg(i=1),)), "ids"),
    (lambda: transcript(segments=(seg(0, 3.0, 4.0, words=()), seg(1, 1.0, 2.0, words=()))), "before segment"),
    (lambda: transcript(segments=(seg(speaker="S9"),)), "unknown speaker"),
    (lambda: transcript(entities=(Entity("撫順", "PLACE", 0, 1, 3, 1.0, 1.5),)), "offsets"),
])
def test_invariants_raise(build, message):
    with pytest.raises(InvariantError, match=message):
        build()


def test_round_trip_and_schema(schema_validator):
    t = transcript(entities=(Entity("撫順", "PLACE", 0, 0, 2, 1.0, 1.5, normalized="撫順"),),
                   provenance={"pipeline_version": "test", "stages": {}})
    data = json.loads(render(t))
    schema_validator.validate(data)
    assert Transcript.from_dict(data) == t
    assert data["speakers"] == [{"id": "S1", "name": "古海建一"}]


def test_reader_ignores_fields_added_later():
    data = transcript(provenance={"pipeline_version": "t", "stages": {}}).to_dict()
    data["segments"][0]["sentiment"] = "calm"
    data["recording"]["archive_shelf"] = "B-12"
    assert Transcript.from_dict(data).segments[0].text == "撫順へ"
