"""The collection catalog and search, on the demo recording's real pipeline output: an archivist corrects
the lines that name 撫順 in the review store (the real save path), and `kikigaki search` finds exactly
those sentences, by the name, its reading, its romanization and its pinyin; status agrees with the disk;
a deleted or damaged catalog is rebuilt from the artifacts."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from conftest import DEMO, ROOT, local_client
from pipeline.catalog import CATALOG_FILE, Catalog
from pipeline.catalog.search import search
from pipeline.review import ReviewStore, create_app
from pipeline.transcript import Transcript

REC = DEMO.stem
REFERENCE = json.loads(DEMO.with_suffix(".reference.json").read_text(encoding="utf-8"))


def kikigaki(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200"}, cwd=ROOT)


def corrected(out) -> Transcript:
    """The transcript as the exports show it (the JSON export, corrections applied)."""
    return Transcript.from_dict(json.loads((out / REC / f"{REC}.json").read_text(encoding="utf-8")))


NAME = "撫順"


@pytest.fixture(scope="module")
def out(tmp_path_factory, demo_output):
    """The demo output, the lines that should name 撫順 corrected to what was said (the real review
    save path) and 撫順 tagged PLACE in them."""
    target = tmp_path_factory.mktemp("catalog") / "out"
    shutil.copytree(demo_output, target)
    assert (target / CATALOG_FILE).is_file(), "kikigaki run writes the catalog"
    store = ReviewStore(target, author="tester")
    done = set()
    for sentence in (s for s in REFERENCE["sentences"] if NAME in s["text"]):
        state = store.state(REC)
        segments = Transcript.from_dict(state["transcript"]).segments
        seg = max(segments, key=lambda g: min(g.end, sentence["end"]) - max(g.start, sentence["start"]))
        assert seg.id not in done
        done.add(seg.id)
        state = store.edit(REC, {"op": "text", "segment": seg.id, "text": sentence["text"], "version": state["version"]})
        at = sentence["text"].index(NAME)
        store.edit(REC, {"op": "add_entity", "segment": seg.id, "text": NAME, "label": "PLACE", "char_start": at,
                         "char_end": at + len(NAME), "version": state["version"]})
    return target


def holding(out, text: str) -> list:
    return [s for s in corrected(out).segments if text in s.text]


def test_search_lists_every_sentence_holding_the_name_and_only_those(out):
    expected = holding(out, NAME)
    assert len(expected) == 2
    result = kikigaki("search", out, NAME)
    assert result.returncode == 0, result.stderr
    lines = [l.split("\t") for l in result.stdout.splitlines()]
    assert sorted(l[3] for l in lines) == sorted(s.text for s in expected)
    assert all(l[0] == REC for l in lines)
    hits = json.loads(kikigaki("search", out, NAME, "--json").stdout)
    by_segment = {s.id: s for s in expected}
    for hit in hits:  # the time of the words that hold the name, inside the sentence
        seg = by_segment[hit["segment"]]
        at = seg.text.index(NAME)
        start, end = seg.span_of(at, at + len(NAME))
        assert hit["time"] == pytest.approx(start, abs=0.01) and seg.start <= hit["time"] <= seg.end
        assert hit["hits"][0]["end"] == pytest.approx(end, abs=0.01)
        assert hit["speaker"] == (corrected(out).speaker_label(seg.speaker) or seg.speaker)
    # the review store's save path updated the index: no run, no rebuild since the edits
    catalog = Catalog(out)
    assert {r["id"]: r["edits"] for r in catalog.recordings()} == {REC: 4}


@pytest.mark.parametrize("query", ["Fushun", "fushun", "ブジュン", "ぶじゅん"])
def test_names_are_found_by_reading_romanization_and_pinyin(out, query):
    catalog = Catalog(out)
    entity = [e for e in corrected(out).entities if e.text == NAME]
    assert entity and entity[0].reading == "ブジュン"
    hits = search(catalog.db, query)
    assert sorted(h.segment for h in hits) == sorted(s.id for s in holding(out, NAME))
    assert all(h.spans[0]["label"] == "PLACE" for h in hits)


def test_filters(out):
    catalog = Catalog(out)
    assert len(search(catalog.db, NAME, label="PLACE")) == 2
    assert search(catalog.db, NAME, label="PERSON") == []
    assert search(catalog.db, NAME, recording="another") == []
    first = holding(out, NAME)[0]
    by_speaker = search(catalog.db, NAME, speaker=first.speaker)
    assert by_speaker and {h.segment for h in by_speaker} == {s.id for s in holding(out, NAME) if s.speaker == first.speaker}
    assert kikigaki("search", out, NAME, "--speaker", "nobody").returncode == 1


@pytest.mark.parametrize("query", ["父", "管理所", "ました", "。"])
def test_short_and_long_queries(out, query):
    """One or two characters go to the one-character index, three or more to the trigram index; both
    list exactly the sentences that hold the query."""
    catalog = Catalog(out)
    assert sorted(h.segment for h in search(catalog.db, query)) == [s.id for s in holding(out, query)]
    assert search(catalog.db, "存在しない語") == []


def test_status_agrees_with_the_disk(out, tmp_path):
    from pipeline.batch import run_batch
    from pipeline.options import Config
    folder = tmp_path / "out"
    shutil.copytree(out, folder)
    (tmp_path / "broken.wav").write_bytes(b"RIFF....WAVEfmt ")
    run_batch([tmp_path / "broken.wav"], folder, Config())
    result = kikigaki("status", folder, "--json")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    duration = corrected(out).recording.duration
    assert status["recordings"] == 2 and status["done"] == 1 and status["pending"] == []
    assert [f["id"] for f in status["failed"]] == ["broken"] and "not a readable" in status["failed"][0]["error"]
    assert status["hours_done"] == pytest.approx(duration / 3600, abs=1e-3) and status["edits"] == 4
    each = {r["id"]: r for r in status["each"]}
    assert each[REC]["status"] == "done" and each[REC]["model"] == "base" and each[REC]["segments"] == len(
        corrected(out).segments)
    table = kikigaki("status", folder)
    assert table.returncode == 0 and "broken" in table.stdout and "hours processed" in table.stdout
    # a recording's folder removed from disk leaves the catalog at the next status
    shutil.rmtree(folder / "broken")
    assert json.loads(kikigaki("status", folder, "--json").stdout)["failed"] == []


def test_catalog_is_rebuilt_from_the_artifacts(out, tmp_path):
    folder = tmp_path / "out"
    shutil.copytree(out, folder)
    before = [h.to_dict() for h in search(Catalog(folder).db, NAME)]
    (folder / CATALOG_FILE).write_bytes(b"this is not a database" * 100)  # damaged
    damaged = kikigaki("status", folder)
    assert damaged.returncode == 2 and "--rebuild" in damaged.stderr and "Traceback" not in damaged.stderr
    rebuilt = kikigaki("catalog", "--rebuild", folder)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert [h.to_dict() for h in search(Catalog(folder).db, NAME)] == before
    assert sqlite3.connect(folder / CATALOG_FILE).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    for suffix in ("", "-wal", "-shm"):
        (folder / f"{CATALOG_FILE}{suffix}").unlink(missing_ok=True)  # deleted: search makes it again
    assert kikigaki("search", folder, NAME).stdout.count(REC) == 2


def test_index_page_search_opens_the_recording_at_the_hit(out):
    client = local_client(create_app(out, author="tester"))
    page = client.get("/", params={"q": NAME})
    assert page.status_code == 200 and 'name="q"' in page.text
    hits = json.loads(kikigaki("search", out, NAME, "--json").stdout)
    for hit in hits:
        assert f'href="/r/{REC}#t={hit["time"]:.2f}"' in page.text
    assert "Not found" in client.get("/", params={"q": "存在しない語"}).text
