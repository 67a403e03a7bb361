"""The review app's API and the corrections layer, on the demo recording's real pipeline output:
every edit, its checks, the version check, the layer surviving pipeline re-runs, safe file serving."""
import json
import shutil

import pytest

from conftest import DEMO, ROOT, local_client
from pipeline.batch import run_batch
from pipeline.options import Config, load_config
from pipeline.review import create_app
from pipeline.transcript import Transcript
from subtitle_rules import check_srt, check_vtt

REC = DEMO.stem
NAME = "古海忠之"  # the name an archivist writes in


@pytest.fixture
def out(tmp_path, demo_output):
    target = tmp_path / "out"
    shutil.copytree(demo_output, target)
    return target




@pytest.fixture
def client(out):
    return local_client(create_app(out, author="tester"))


def state(client):
    r = client.get(f"/api/r/{REC}")
    assert r.status_code == 200, r.text
    return r.json()


def edit(client, expect=200, **body):
    body.setdefault("version", state(client)["version"])
    r = client.post(f"/api/r/{REC}/edits", json=body)
    assert r.status_code == expect, r.text
    return r.json()


def exports(out) -> dict[str, str]:
    folder = out / REC
    return {ext: (folder / f"{REC}.{ext}").read_text(encoding="utf-8")
            for ext in ("json", "srt", "vtt", "txt", "rttm", "entities.csv", "html")}


def corrections(out) -> list[dict]:
    return json.loads((out / REC / f"{REC}.corrections.json").read_text(encoding="utf-8"))["edits"]


def test_lists_recordings_and_serves_its_own_assets(client):
    page = client.get("/")
    assert page.status_code == 200 and f"/r/{REC}" in page.text
    review = client.get(f"/r/{REC}")
    assert review.status_code == 200 and 'src="/static/review.js"' in review.text
    assert "http" not in review.text.replace("http-equiv", "")  # no CDN: every asset is local
    for name in ("review.js", "review.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert client.get(f"/r/nothing").status_code == 404


def test_state_is_the_transcript_with_a_version(client, schema_validator):
    s = state(client)
    schema_validator.validate(s["transcript"])
    assert s["edits"] == [] and s["review"] == [] and s["audio"] == f"/audio/{REC}"
    assert f"{REC}.srt" in s["exports"]


def test_text_edit_reaches_every_export_and_keeps_time(client, out, schema_validator):
    before = state(client)["transcript"]["segments"][0]
    new_text = NAME + "さんについて伺います。"
    after = edit(client, op="text", segment=0, text=new_text, author="Sato")
    seg = after["transcript"]["segments"][0]
    assert seg["text"] == new_text and "edited" in seg["flags"]
    assert seg["asr_text"] == before["text"]  # what the recogniser wrote is kept
    assert "".join(w["text"] for w in seg["words"]) == new_text
    assert before["start"] <= seg["words"][0]["start"] and seg["words"][-1]["end"] <= before["end"] + 0.001
    files = exports(out)
    for ext, text in files.items():
        if ext != "rttm":  # speaker turns only, no text
            assert NAME in text, f"{ext} lacks the correction"
    schema_validator.validate(json.loads(files["json"]))
    check_srt(files["srt"])
    check_vtt(files["vtt"])
    [stamped] = corrections(out)
    assert stamped["n"] == 1 and stamped["author"] == "Sato" and stamped["op"] == "text" and stamped["time"]
    assert stamped["segment"]["text"] == before["text"]  # anchored by time and text, not by id


def test_speaker_edits_and_renaming(client, out):
    s = state(client)
    segs = s["transcript"]["segments"]
    other = next(x["speaker"] for x in segs if x["speaker"] != segs[0]["speaker"])
    s = edit(client, op="rename", speaker=other, name="古海建一")
    assert {sp["id"]: sp["name"] for sp in s["transcript"]["speakers"]}[other] == "古海建一"
    files = exports(out)
    for ext in ("json", "vtt", "txt", "rttm", "html"):
        assert "古海建一" in files[ext], ext
    s = edit(client, op="speaker", segment=0, speaker=other)
    assert s["transcript"]["segments"][0]["speaker"] == other
    s = edit(client, op="speaker", segment=1, name="通訳")  # a voice the diarizer missed
    added = [sp for sp in s["transcript"]["speakers"] if sp["name"] == "通訳"]
    assert len(added) == 1 and s["transcript"]["segments"][1]["speaker"] == added[0]["id"]
    assert "通訳" in exports(out)["txt"]
    edit(client, 400, op="speaker", segment=0, speaker="S99")
    edit(client, 400, op="rename", speaker="S99", name="x")


def test_split_and_merge(client, out):
    segs = state(client)["transcript"]["segments"]
    n, text = len(segs), segs[2]["text"]
    s = edit(client, op="split", segment=2, at=4)
    after = s["transcript"]["segments"]
    assert len(after) == n + 1 and after[2]["text"] == text[:4] and after[3]["text"] == text[4:]
    assert after[2]["end"] <= after[3]["start"] + 0.001 and after[3]["speaker"] == after[2]["speaker"]
    s = edit(client, op="merge", segment=2)
    assert len(s["transcript"]["segments"]) == n and s["transcript"]["segments"][2]["text"] == text
    edit(client, 400, op="split", segment=2, at=0)
    edit(client, 400, op="split", segment=2, at=len(text))
    differ = next(i for i in range(len(segs) - 1) if segs[i]["speaker"] != segs[i + 1]["speaker"])
    r = edit(client, 400, op="merge", segment=differ)
    assert "speaker" in r["error"]
    edit(client, 400, op="merge", segment=len(segs) - 1)
    assert [e["op"] for e in corrections(out)] == ["split", "merge"]  # refused edits leave no trace


def test_delete_segment(client, out):
    segs = state(client)["transcript"]["segments"]
    s = edit(client, op="delete", segment=len(segs) - 1)
    assert len(s["transcript"]["segments"]) == len(segs) - 1
    assert segs[-1]["text"] not in exports(out)["srt"]


def test_entities_added_and_removed(client, out):
    s = state(client)
    seg = s["transcript"]["segments"][0]
    s = edit(client, op="text", segment=0, text=NAME + "さんのお話です。")
    s = edit(client, op="add_entity", segment=0, char_start=0, char_end=4, text=NAME, label="PERSON")
    found = [e for e in s["transcript"]["entities"] if e["segment"] == 0 and e["text"] == NAME]
    assert len(found) == 1 and found[0]["reading"] == "フルミ タダユキ" and found[0]["romanized"] == "Furumi Tadayuki"
    assert found[0]["start"] >= seg["start"]
    assert any(x["entity"] == NAME for x in s["transcript"]["entity_index"])
    assert NAME in exports(out)["entities.csv"]
    edit(client, 400, op="add_entity", segment=0, char_start=0, char_end=4, text="違う名前", label="PERSON")
    edit(client, 400, op="add_entity", segment=0, char_start=0, char_end=4, text=NAME, label="person")
    s = edit(client, op="remove_entity", segment=0, char_start=0, char_end=4, text=NAME, label="PERSON")
    assert not [e for e in s["transcript"]["entities"] if e["segment"] == 0 and e["text"] == NAME]
    assert NAME not in exports(out)["entities.csv"]
    edit(client, 400, op="remove_entity", segment=0, char_start=0, char_end=4, text=NAME, label="PERSON")


def test_refuses_what_does_not_fit(client, out):
    edit(client, 400, op="text", segment=0, text="  ")
    edit(client, 400, op="text", segment=999, text="x")
    edit(client, 400, op="rewrite", segment=0)
    r = client.post(f"/api/r/{REC}/edits", content=b"not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    r = client.post(f"/api/r/{REC}/edits", content=b"not json")
    assert r.status_code == 415 and "application/json" in r.json()["error"]
    assert not (out / REC / f"{REC}.corrections.json").exists()


def test_two_tabs_are_detected_not_merged(client, out):
    tab_a, tab_b = state(client)["version"], state(client)["version"]
    edit(client, op="text", segment=0, text="一つ目のタブ。", version=tab_a)
    r = edit(client, 409, op="text", segment=1, text="二つ目のタブ。", version=tab_b)
    assert "reload" in r["error"]
    assert len(corrections(out)) == 1 and "二つ目" not in exports(out)["txt"]


def test_serves_only_files_under_out_and_the_recording(client, out):
    audio = client.get(f"/audio/{REC}", headers={"Range": "bytes=100-199"})
    assert audio.status_code == 206 and len(audio.content) == 100
    assert audio.headers["content-range"].startswith("bytes 100-199/")
    assert audio.content == DEMO.read_bytes()[100:200]
    assert client.get(f"/files/{REC}/{REC}.srt").status_code == 200
    (out.parent / "secret.txt").write_text("x")
    for path in ("/files/../secret.txt", "/files/%2e%2e/secret.txt", f"/files/{REC}/../../secret.txt",
                 "/files/%2fetc%2fpasswd", "/files//etc/passwd", "/api/r/%2e%2e", "/audio/%2e%2e", "/audio/x%2f..%2f.."):
        r = client.get(path)
        assert r.status_code == 404, path


def test_speaker_corrections_reach_rttm_and_der(client, out):
    """RTTM and `kikigaki eval`'s DER are who spoke when after the corrections, not before them."""
    from pipeline.rttm import parse as from_rttm
    from pipeline.evaluate import der
    ref = json.loads((ROOT / "recordings" / f"{REC}.reference.json").read_text(encoding="utf-8"))
    reference = "".join(f"SPEAKER r 1 {x['start']:.3f} {x['end'] - x['start']:.3f} <NA> <NA> {x['speaker']} <NA> <NA>\n"
                        for x in ref["sentences"])

    def scored():
        return der(Transcript.from_dict(json.loads(exports(out)["json"])), reference)["der"]

    def heard_at(t):
        return [x.speaker for x in from_rttm(exports(out)["rttm"]) if x.start <= t <= x.end]

    before = scored()
    segs = state(client)["transcript"]["segments"]
    k = max(range(len(segs)), key=lambda i: segs[i]["end"] - segs[i]["start"])
    mine, middle = segs[k]["speaker"], (segs[k]["start"] + segs[k]["end"]) / 2
    other = next(x["speaker"] for x in segs if x["speaker"] != mine)
    edit(client, op="speaker", segment=k, speaker=other)
    assert heard_at(middle) == [other]
    share = (segs[k]["end"] - segs[k]["start"]) / segs[-1]["end"]
    assert scored() > before + 0.5 * share  # the wrong speaker now costs what it should
    edit(client, op="speaker", segment=k, speaker=mine)
    assert heard_at(middle) == [mine] and scored() == pytest.approx(before, abs=0.02)
    edit(client, op="delete", segment=k)
    assert heard_at(middle) == []


def test_corrections_survive_reruns(client, out):
    segs = state(client)["transcript"]["segments"]
    other = next(x["speaker"] for x in segs if x["speaker"] != segs[0]["speaker"])
    edit(client, op="text", segment=0, text=segs[0]["text"][:3] + NAME + segs[0]["text"][3:])
    edit(client, op="add_entity", segment=0, char_start=3, char_end=7, text=NAME, label="PERSON")
    edit(client, op="rename", speaker=other, name="古海建一")
    edit(client, op="split", segment=2, at=3)
    layer = (out / REC / f"{REC}.corrections.json").read_bytes()
    # the name written in taught the collection (a new glossary term: the next run would use it);
    # the archivist removes the lesson, and the run has the same options again
    learned = out / "glossary.learned.tsv"
    assert f"\n{NAME}\tPERSON\t" in learned.read_text(encoding="utf-8")
    learned.unlink()
    # the same options: nothing redone, the exports still corrected
    again = run_batch([DEMO], out, Config())
    assert again.ok and again.recordings[0].status == "cached"
    # --force redoes every stage: the corrections are applied again
    forced = run_batch([DEMO], out, Config(), force=True)
    assert forced.ok and "asr" in forced.recordings[0].redone
    files = exports(out)
    for ext, text in files.items():
        if ext != "rttm":
            assert NAME in text, ext
    assert "古海建一" in files["txt"] and "古海建一" in files["vtt"]
    assert (out / REC / f"{REC}.corrections.json").read_bytes() == layer  # the layer is never rewritten by a run
    data = json.loads(files["json"])
    assert data["provenance"]["corrections"]["edits"] == 4 and data["provenance"]["corrections"]["review"] == []


def test_changed_pipeline_output_flags_edits_never_drops_them(client, out):
    """Re-run with the collection glossary: recognition changes, so some edited segments change under
    their edits. Each edit is applied (flagged for review where its segment changed) or listed."""
    segs = state(client)["transcript"]["segments"]
    for i in range(0, len(segs), 2):
        edit(client, op="text", segment=i, text=f"{NAME}その{i}。")
    edits = corrections(out)
    rerun = run_batch([DEMO], out, load_config(ROOT / "configs" / "furumi.toml"))
    assert rerun.ok and "asr" in rerun.recordings[0].redone
    data = json.loads((out / REC / f"{REC}.json").read_text(encoding="utf-8"))
    texts = [s["text"] for s in data["segments"]]
    review = data["provenance"]["corrections"]["review"]
    for e in edits:  # every corrected line is still there
        assert e["text"] in texts, e["text"]
    listed = {r["edit"] for r in review}
    flagged = [s for s in data["segments"] if "review" in s["flags"]]
    assert len(flagged) == len([r for r in review if r["status"] == "review"])
    assert listed <= {e["n"] for e in edits}
    print(f"re-run with the glossary: {len(edits)} edits, {len(listed)} listed for review")
    page = local_client(create_app(out)).get(f"/api/r/{REC}").json()
    assert page["review"] == review


def test_a_broken_layer_fails_loudly_and_is_kept(out):
    layer = out / REC / f"{REC}.corrections.json"
    layer.write_text("{ half a file", encoding="utf-8")
    batch = run_batch([DEMO], out, Config(), force=True)
    assert not batch.ok and "corrections" in batch.recordings[0].error
    assert layer.read_text(encoding="utf-8") == "{ half a file"
    r = local_client(create_app(out)).get(f"/api/r/{REC}")
    assert r.status_code == 400 and "repair" in r.json()["error"]


# --- the layer over a transcript that changed underneath it (pure: no server, no re-run) ----------
@pytest.fixture
def base(demo_output) -> Transcript:
    from pipeline.artifacts import WorkFolder
    return Transcript.from_dict(WorkFolder(demo_output, REC).latest("nlp")[1])


def layer_of(transcript, *requests):
    """Edits as the review page would append them, each on the transcript the one before left."""
    from pipeline.corrections import anchored, apply_corrections, check
    edits = []
    for n, request in enumerate(requests, 1):
        current = apply_corrections(transcript, edits)
        edit = anchored(current, request)
        check(current, edit)
        edits.append({"n": n, "author": "t", **edit})
    return edits


def reseg(transcript, i, **changes):
    """The transcript with segment i changed as a re-run might change it."""
    from dataclasses import replace
    from pipeline.corrections.edits import retimed_words
    seg = transcript.segments[i]
    if "text" in changes:
        changes["words"] = retimed_words(seg, changes["text"])
    segments = list(transcript.segments)
    segments[i] = replace(seg, **changes)
    return replace(transcript, segments=tuple(segments),
                   entities=tuple(e for e in transcript.entities if e.segment != i))


def test_small_time_shifts_still_match(base):
    from dataclasses import replace
    from pipeline.corrections import apply_corrections
    edits = layer_of(base, {"op": "text", "segment": 3, "text": "直した行。"})
    seg = base.segments[3]
    moved = reseg(base, 3, start=seg.start + 0.03, end=seg.end - 0.02,
                  words=tuple(replace(w, start=max(w.start, seg.start + 0.03), end=min(w.end, seg.end - 0.02))
                              for w in seg.words))
    out = apply_corrections(moved, edits)
    assert out.segments[3].text == "直した行。" and out.provenance["corrections"]["review"] == []


def test_changed_text_under_an_edit_is_flagged(base):
    from pipeline.corrections import apply_corrections
    edits = layer_of(base, {"op": "text", "segment": 2, "text": "直した行。"},
                     {"op": "add_entity", "segment": 4, "char_start": 0, "char_end": 2,
                      "text": base.segments[4].text[:2], "label": "DATE"})
    changed = reseg(reseg(base, 2, text="別の認識結果です。"), 4, text=base.segments[4].text[:2] + "別の続き。")
    out = apply_corrections(changed, edits)
    review = out.provenance["corrections"]["review"]
    assert [r["status"] for r in review] == ["review", "review"]
    assert "別の認識結果です。" in review[0]["reason"]  # the archivist sees what the line now reads
    assert out.segments[2].text == "直した行。" and "review" in out.segments[2].flags
    assert any(e.segment == 4 and e.label == "DATE" for e in out.entities)


def test_a_correction_whose_speech_is_gone_stays_as_its_own_line(base):
    from dataclasses import replace
    from pipeline.corrections import apply_corrections
    edits = layer_of(base, {"op": "text", "segment": 5, "text": "消えた行の訂正。"},
                     {"op": "delete", "segment": 6})
    gone = replace(base, segments=tuple(replace(s, id=i) for i, s in
                                        enumerate(s for s in base.segments if s.id != 5)),
                   entities=tuple(replace(e, segment=e.segment - (e.segment > 5))
                                  for e in base.entities if e.segment != 5))
    out = apply_corrections(gone, edits)
    kept = [s for s in out.segments if s.text == "消えた行の訂正。"]
    assert len(kept) == 1 and "review" in kept[0].flags
    assert kept[0].start == base.segments[5].start and kept[0].speaker == base.segments[5].speaker
    assert base.segments[6].text not in out.text  # the delete still applied (its line is unchanged)


def test_a_renamed_voice_follows_diarization_relabelling(base):
    from dataclasses import replace
    from pipeline.corrections import apply_corrections
    first = base.segments[0].speaker
    edits = layer_of(base, {"op": "rename", "speaker": first, "name": "聞き手"})
    ids = [s.id for s in base.speakers]
    swap = {ids[0]: ids[1], ids[1]: ids[0]}
    swapped = replace(base, segments=tuple(replace(s, speaker=swap.get(s.speaker, s.speaker)) for s in base.segments))
    out = apply_corrections(swapped, edits)
    assert out.speaker_label(out.segments[0].speaker) == "聞き手"
    assert out.provenance["corrections"]["review"][0]["status"] == "review"


def test_links_to_recordings_with_odd_names_are_quoted(out):
    """A recording named with spaces, Japanese, emoji and '#' (which would cut an unquoted link short)."""
    import re
    from urllib.parse import quote, unquote
    odd = "聞き書き テープ 🎙 #1"
    (out / REC).rename(out / odd)
    client = local_client(create_app(out))
    links = [unquote(x) for x in re.findall(r'href="/r/([^"]+)"', client.get("/").text)]
    assert links == [odd] and "#" not in re.findall(r'href="/r/([^"]+)"', client.get("/").text)[0]
    s = client.get(f"/api/r/{quote(odd, safe='')}").json()
    assert s["audio"] == f"/audio/{quote(odd, safe='')}" and client.get(f"/r/{quote(odd, safe='')}").status_code == 200
