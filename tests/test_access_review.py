"""The review app's restrictions API on the demo recording's real pipeline output: shading, restrict a
selection, suggestions accepted and dismissed, lifting; the same layer `kikigaki restrict` writes."""
import shutil

import pytest

from conftest import DEMO, add_personal_data, local_client
from pipeline.access import RestrictionsLayer
from pipeline.review import create_app

REC = DEMO.stem


@pytest.fixture
def out(tmp_path, demo_output):
    target = tmp_path / "out"
    shutil.copytree(demo_output, target)
    add_personal_data(target, REC)
    return target


@pytest.fixture
def client(out):
    return local_client(create_app(out, author="tester"))


def post(client, path, expect=200, **body):
    r = client.post(f"/api/r/{REC}{path}", json=body)
    assert r.status_code == expect, r.text
    return r.json()


def test_page_loads_the_restrictions_script(client):
    page = client.get(f"/r/{REC}").text
    assert 'src="/access/restrictions.js"' in page
    js = client.get("/access/restrictions.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]


def test_restrict_a_selection_shade_it_and_lift_it(client, out):
    t = client.get(f"/api/r/{REC}").json()["transcript"]
    seg = max(range(len(t["segments"])), key=lambda i: len(t["segments"][i]["text"]))
    text = t["segments"][seg]["text"]
    word = next(w["text"] for w in t["segments"][seg]["words"] if len(w["text"]) >= 2)
    a = text.index(word)
    s = post(client, "/restrictions", kind="occurrence", segment=seg, char_start=a, char_end=a + len(word), text=word,
             reason="third_party", until="2041-05")
    [row] = s["restrictions"]
    assert row["kind"] == "occurrence" and row["until"] == "2041-05-01" and row["in_force"] and row["author"] == "tester"
    assert row["segment"]["text"] == text  # anchored by time and text
    assert any(x["segment"] == seg and x["char_start"] <= a < x["char_end"] and x["reason"] == "third party"
               for x in s["shading"])
    post(client, "/restrictions", 400, kind="occurrence", segment=seg, char_start=a, char_end=a + len(word), text="違う")
    post(client, "/restrictions", 400, kind="span", start=5, end=2)
    post(client, "/restrictions", 400, kind="occurrence", segment=seg, char_start=a, char_end=a + len(word), text=word,
         until="someday")
    s = post(client, "/restrictions/recording/1/remove")
    assert s["restrictions"] == [] and s["shading"] == []
    post(client, "/restrictions/recording/1/remove", 400)  # lifted already
    ops = [e["op"] for e in RestrictionsLayer.of_recording(out / REC).entries()]
    assert ops == ["restrict", "remove"]  # append-only


def test_a_passage_and_a_collection_rule(client, out):
    t = client.get(f"/api/r/{REC}").json()["transcript"]
    s = post(client, "/restrictions", kind="span", start=t["segments"][1]["start"], end=t["segments"][2]["end"],
             reason="narrator")
    assert {x["segment"] for x in s["shading"]} == {1, 2}
    assert s["restrictions"][0]["heard"]  # what was said there then, to notice a re-run changing it
    seg0 = t["segments"][0]
    w = seg0["words"][1]["text"]
    a = seg0["text"].index(w)
    s = post(client, "/restrictions", kind="entity", scope="collection", segment=0, char_start=a, char_end=a + len(w),
             text=w)
    assert (out / "restrictions.json").is_file()
    assert any(r["scope"] == "collection" and r["text"] == w for r in s["restrictions"])


def test_suggestions_accept_and_dismiss(client, out):
    s = client.get(f"/api/r/{REC}/restrictions").json()
    people = [x for x in s["suggestions"] if x["kind"] == "person"]
    phones = [x for x in s["suggestions"] if x["kind"] == "phone"]
    assert people, "the demo's PERSON entities (none in a glossary) are suggested"
    assert [p["text"] for p in phones] == ["03-3581-4321"], "a telephone number in a corrected line is suggested"
    assert s["restrictions"] == []  # nothing is closed before a person accepts it
    first, second = people[0], phones[0]
    s = post(client, "/suggestions", key=first["key"], action="accept")
    assert any(r["kind"] == "entity" and r["text"] == first["text"] and r["suggestion"] == first["key"]
               for r in s["restrictions"])
    s = post(client, "/suggestions", key=second["key"], action="dismiss")
    keys = {x["key"] for x in s["suggestions"]}
    assert first["key"] not in keys and second["key"] not in keys
    assert len(s["restrictions"]) == 1
    post(client, "/suggestions", 404, key=second["key"], action="accept")  # decided already
    post(client, "/suggestions", 400, key=first["key"], action="maybe")
