"""The archive formats on real pipeline output: the demo interview, three speakers with Japanese
names (two renamed and one added in the review app), collection metadata, and an archivist's
correction; each file checked by its tool's own schema (../shared/fixtures/schemas) or reader."""
from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import shutil
import warnings
import zipfile
from pathlib import Path

import pytest

from conftest import DEMO, ROOT, local_client
from pipeline.batch import run_batch
from pipeline.export import EXPORTERS, extension, render
from pipeline.options import Config
from pipeline.review import create_app
from pipeline.transcript import Metadata, Recording, Segment, Speaker, Transcript, Word

# CI (and /work) lay shared/ beside the repository; KIKIGAKI_SHARED points elsewhere (a worktree)
SCHEMAS = Path(os.environ.get("KIKIGAKI_SHARED") or ROOT.parent / "shared") / "fixtures" / "schemas"
REC = DEMO.stem
ARCHIVE = ("ohms", "eaf", "tei", "exb", "docx", "maxqda", "nvivo", "textgrid", "audacity", "iiif")
NAMES = {"S1": "山田 花子", "S2": "古海建一"}   # a space: not an XML name, so TEI must cope
ADDED = "佐藤美咲"                            # a third voice, added in the review app
WRONG, RIGHT = "完了", "官僚"                  # the recogniser's homophone, the archivist's correction
META = Metadata(title="古海建一氏インタビュー", date="2024-05-01", interviewee=("古海建一",),
                interviewer=("山田 花子",), place="東京", collection="古海家の記録", rights="CC BY 4.0")
TOLERANCE = 0.010  # seconds

needs_schemas = pytest.mark.skipif(not SCHEMAS.is_dir(), reason=f"schemas not found at {SCHEMAS}")


@pytest.fixture(scope="module")
def archive(demo_output, tmp_path_factory):
    """OUT with every format, after review edits: two speakers renamed, a third added, a correction."""
    out = tmp_path_factory.mktemp("archive") / "out"
    shutil.copytree(demo_output, out)
    config = Config(formats=("all",), recordings=((REC, META),))
    batch = run_batch([DEMO], out, config)  # finished stages are reused: only the exports are made
    assert batch.ok, batch.recordings[0].error
    client = local_client(create_app(out, author="tester"))

    def edit(**body):
        body["version"] = client.get(f"/api/r/{REC}").json()["version"]
        r = client.post(f"/api/r/{REC}/edits", json=body)
        assert r.status_code == 200, r.text
        return r.json()

    for sid, name in NAMES.items():
        edit(op="rename", speaker=sid, name=name)
    segments = client.get(f"/api/r/{REC}").json()["transcript"]["segments"]
    late = next(s["id"] for s in reversed(segments) if s["speaker"] == "S2")
    edit(op="speaker", segment=late, name=ADDED)
    wrong = next(s for s in segments if WRONG in s["text"])
    state = edit(op="text", segment=wrong["id"], text=wrong["text"].replace(WRONG, RIGHT))
    transcript = Transcript.from_dict(state["transcript"])
    files = {fmt: out / REC / f"{REC}.{extension(fmt)}" for fmt in ARCHIVE}
    return transcript, files


@contextlib.contextmanager
def strict():
    """A reader's warning fails the test: the files must read back without one."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def expected(transcript: Transcript) -> list[tuple[str, float, float, str]]:
    return [(transcript.speaker_label(s.speaker), s.start, s.end, s.text) for s in transcript.segments]


def same(found, transcript: Transcript, times: bool = True) -> None:
    """Every segment once, in order, with its speaker and (where the format keeps them) its times."""
    want = expected(transcript)
    assert [(f[0], f[3]) for f in found] == [(w[0], w[3]) for w in want]
    if times:
        for f, w in zip(found, want):
            assert abs(f[1] - w[1]) <= TOLERANCE and abs(f[2] - w[2]) <= TOLERANCE, (f, w)


def seconds(clock: str) -> float:
    h, m, s = clock.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def test_the_review_made_three_named_speakers_and_a_correction(archive):
    transcript, files = archive
    assert {s.label for s in transcript.speakers} == {*NAMES.values(), ADDED}
    assert RIGHT in transcript.text and WRONG not in transcript.text
    assert all(path.is_file() for path in files.values())
    for fmt, path in files.items():  # the correction reached every file, the mistake none
        text = _plain(fmt, path)
        assert RIGHT in text and WRONG not in text, fmt
        assert ADDED in text and NAMES["S2"] in text, fmt


def _plain(fmt: str, path: Path) -> str:
    if fmt == "docx":
        with zipfile.ZipFile(path) as z:
            return z.read("word/document.xml").decode("utf-8")
    text = path.read_text(encoding="utf-8")
    return json.dumps(json.loads(text), ensure_ascii=False) if fmt == "iiif" else text


@needs_schemas
def test_ohms_validates_and_carries_vtt_and_an_index(archive):
    import webvtt
    from lxml import etree
    transcript, files = archive
    doc = etree.parse(str(files["ohms"]))
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "ohms.xsd")))
    assert schema.validate(doc), schema.error_log
    ns = {"o": "https://www.weareavp.com/nunncenter/ohms"}
    record = doc.find("o:record", ns)
    assert record.findtext("o:title", namespaces=ns) == META.title
    assert record.find("o:date", ns).get("value") == META.date
    assert [e.text for e in record.findall("o:interviewee", ns)] == list(META.interviewee)
    assert record.findtext("o:repository", namespaces=ns) is None  # unknown: left out, never invented
    vtt = record.findtext("o:vtt_transcript", namespaces=ns)
    assert "<![CDATA[" in files["ohms"].read_text(encoding="utf-8")
    blocks = [b.splitlines() for b in vtt.strip().split("\n\n")[1:]]
    assert all(b[0].isdigit() and re.fullmatch(r"\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", b[1])
               and b[2].startswith("<v ") for b in blocks)  # numeric ids, full times, a voice on every cue
    with strict():
        cues = webvtt.from_buffer(io.StringIO(vtt))
    found = [(c.voice, seconds(c.start), seconds(c.end), re.sub(r"^<v [^>]*>", "", c.raw_text)) for c in cues]
    same(found, transcript)
    points = record.findall("o:index/o:point", ns)
    speech = sum(s.end - s.start for s in transcript.segments)
    assert len(points) >= math.ceil(speech / 180)
    entities = {e.text for e in transcript.entities}
    keywords = [k for p in points for k in (p.findtext("o:keywords", namespaces=ns) or "").split(";") if k]
    assert keywords and set(keywords) <= entities
    times = [int(p.findtext("o:time", namespaces=ns)) for p in points]
    assert times == sorted(times) and times[0] == int(transcript.segments[0].start)


@needs_schemas
def test_eaf_validates_and_reads_back_in_pympi(archive):
    import pympi
    from lxml import etree
    transcript, files = archive
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "EAFv3.0.xsd")))
    doc = etree.parse(str(files["eaf"]))
    assert schema.validate(doc), schema.error_log
    assert doc.getroot().get("VERSION") == "3.0"
    media = doc.find("HEADER/MEDIA_DESCRIPTOR")
    assert media.get("RELATIVE_MEDIA_URL").endswith(DEMO.name) and not media.get("RELATIVE_MEDIA_URL").startswith("/")
    with strict():
        eaf = pympi.Elan.Eaf(str(files["eaf"]))
    labels = {s.label for s in transcript.speakers}
    assert labels <= set(eaf.get_tier_names()) and {"entities", "index"} <= set(eaf.get_tier_names())
    found = sorted(((name, a / 1000, b / 1000, v) for name in labels
                    for a, b, v in eaf.get_annotation_data_for_tier(name)), key=lambda f: (f[1], f[2]))
    same(found, transcript)
    for name in labels:
        assert eaf.tiers[name][2]["PARTICIPANT"] == name
        words = eaf.get_ref_annotation_data_for_tier(f"{name} words")
        assert "".join(w[2] for w in words) == "".join(v for _, _, v in eaf.get_annotation_data_for_tier(name))


@needs_schemas
def test_tei_validates_against_iso_24624(archive):
    from lxml import etree
    transcript, files = archive
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "ISO_TEI_Schema_v0.xsd")))
    doc = etree.parse(str(files["tei"]))
    assert schema.validate(doc), schema.error_log
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    xid = "{http://www.w3.org/XML/1998/namespace}id"
    when = {w.get(xid): float(w.get("interval", 0)) for w in doc.iterfind(".//t:timeline/t:when", ns)}
    names = {p.get(xid): p.findtext("t:persName/t:forename", namespaces=ns) for p in doc.iterfind(".//t:person", ns)}
    found = [(names[b.get("who")], when[b.get("start")], when[b.get("end")],
              "".join(t.text for t in b.find("t:u", ns) if t.tag.endswith(("}w", "}pc"))))
             for b in doc.iterfind(".//t:annotationBlock", ns)]
    same(found, transcript)
    assert doc.find(".//t:spanGrp[@type='entity']", ns) is not None


@needs_schemas
def test_exb_validates_against_the_exmaralda_dtd(archive):
    from lxml import etree
    transcript, files = archive
    dtd = etree.DTD(str(SCHEMAS / "basic-transcription-1.4.dtd"))
    doc = etree.parse(str(files["exb"]))
    assert dtd.validate(doc), dtd.error_log
    time = {t.get("id"): float(t.get("time")) for t in doc.iterfind(".//tli")}
    names = {s.get("id"): s.findtext("abbreviation") for s in doc.iterfind(".//speaker")}
    found = sorted(((names[tier.get("speaker")], time[e.get("start")], time[e.get("end")], e.text)
                    for tier in doc.iterfind(".//tier[@type='t']") for e in tier), key=lambda f: (f[1], f[2]))
    same(found, transcript)


def test_docx_review_copy_reads_back_in_python_docx(archive):
    import docx
    transcript, files = archive
    with strict():
        doc = docx.Document(str(files["docx"]))
    labels = {s.label for s in transcript.speakers}
    rows = [p for p in doc.paragraphs if re.match(r"\[\d\d:\d\d:\d\d\] ", p.text)]
    found = []
    for p in rows:
        stamp, rest = p.text[1:9], p.text[11:]
        name = next(n for n in labels if rest.startswith(f"{n}: "))
        assert any(r.bold and r.text.strip().rstrip(":") == name for r in p.runs)  # the speaker in bold
        found.append((name, seconds(stamp), seconds(stamp), rest[len(name) + 2:]))
    same(found, transcript, times=False)
    assert all(abs(f[1] - int(s.start)) < 1e-9 for f, s in zip(found, transcript.segments))
    header = "\n".join(p.text for p in doc.paragraphs[:3]) + doc.sections[0].header.paragraphs[0].text
    assert "draft for review" in header
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert META.title in cells and "古海建一" in cells and "Repository" not in cells  # unknown left out
    with zipfile.ZipFile(files["docx"]) as z:
        body, styles = z.read("word/document.xml").decode(), z.read("word/styles.xml").decode()
        assert "<w:lnNumType" in body and 'w:instr=" PAGE "' in z.read("word/footer1.xml").decode()
        assert 'w:eastAsia="Yu Mincho"' in styles
        assert "word/comments.xml" in z.namelist()  # entities as comments


def test_qda_and_label_files(archive):
    transcript, files = archive
    labels = sorted((s.label for s in transcript.speakers), key=len, reverse=True)
    maxqda = [p for p in files["maxqda"].read_text(encoding="utf-8").split("\n\n") if p.strip()]
    found = []
    for p in maxqda:
        m = re.fullmatch(r"\[(\d\d:\d\d:\d\d\.\d{3})\] (.+)", p.strip())
        name = next(n for n in labels if m.group(2).startswith(f"{n}: "))
        found.append((name, seconds(m.group(1)), seconds(m.group(1)), m.group(2)[len(name) + 2:]))
    same(found, transcript, times=False)
    assert all(abs(f[1] - s.start) <= TOLERANCE for f, s in zip(found, transcript.segments))
    rows = files["nvivo"].read_text(encoding="utf-8").splitlines()
    assert rows[0] == "Timespan\tSpeaker\tContent" and all(r.count("\t") == 2 for r in rows)
    found = []
    for r in rows[1:]:
        span, name, text = r.split("\t")
        a, b = span.split(" - ")
        found.append((name, seconds(a), seconds(b), text))
    same(found, transcript)
    found = []
    for line in files["audacity"].read_text(encoding="utf-8").splitlines():
        a, b, label = line.split("\t")
        name = next(n for n in labels if label.startswith(f"{n}: "))
        found.append((name, float(a), float(b), label[len(name) + 2:]))
    same(found, transcript)


def test_textgrid_reads_back_in_praatio(archive):
    from praatio import textgrid
    transcript, files = archive
    with strict():
        grid = textgrid.openTextgrid(str(files["textgrid"]), includeEmptyIntervals=False)
    labels = {s.label for s in transcript.speakers}
    assert set(grid.tierNames) == labels | {f"{n} words" for n in labels}
    found = sorted(((n, e.start, e.end, e.label) for n in labels for e in grid.getTier(n).entries),
                   key=lambda f: (f[1], f[2]))
    same(found, transcript)
    for n in labels:
        assert "".join(e.label for e in grid.getTier(f"{n} words").entries) == \
            "".join(e.label for e in grid.getTier(n).entries)


@needs_schemas
def test_iiif_manifest_validates(archive):
    import jsonschema
    transcript, files = archive
    manifest = json.loads(files["iiif"].read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "iiif_3_0.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(manifest))
    assert not errors, [e.message for e in errors[:3]]
    canvas = manifest["items"][0]
    assert abs(canvas["duration"] - transcript.recording.duration) < 1e-6
    assert canvas["items"][0]["items"][0]["motivation"] == "painting"
    notes = canvas["annotations"][0]["items"]
    assert notes[0]["body"]["format"] == "text/vtt"
    found = []
    for a in notes[1:]:
        start, end = a["target"].split("#t=")[1].split(",")
        found.append((a["label"]["ja"][0], float(start), float(end), a["body"]["value"]))
    same(found, transcript)
    ranges = manifest["structures"][0]["items"]
    assert ranges and all("#t=" in r["items"][0]["id"] for r in ranges)


@needs_schemas
def test_edge_cases_still_validate(tmp_path):
    """An empty transcript, speech without a speaker, a zero-length word and segment, a name that
    cannot be an XML name: every format still written, and still accepted."""
    from lxml import etree
    recording = Recording("edge", str(tmp_path / "edge.wav"), 4.0, "0" * 64, language="ja")
    empty = Transcript(recording, ())
    odd = Transcript(recording, (
        Segment(0, 0.5, 0.5, "あ", (Word("あ", 0.5, 0.5),), speaker=None),
        Segment(1, 1.0, 2.0, "1963年です。", (Word("1963", 1.0, 1.4), Word("年", 1.4, 1.4),
                                             Word("です", 1.4, 1.9), Word("。", 1.9, 2.0)), speaker="S1"),
    ), speakers=(Speaker("S1", "1 番 \"話者\""),))
    checks = {"ohms": etree.XMLSchema(etree.parse(str(SCHEMAS / "ohms.xsd"))),
              "eaf": etree.XMLSchema(etree.parse(str(SCHEMAS / "EAFv3.0.xsd"))),
              "tei": etree.XMLSchema(etree.parse(str(SCHEMAS / "ISO_TEI_Schema_v0.xsd"))),
              "exb": etree.DTD(str(SCHEMAS / "basic-transcription-1.4.dtd"))}
    for t in (empty, odd):
        for fmt in EXPORTERS:
            out = render(fmt, t, page_dir=tmp_path)
            if fmt in checks:
                doc = etree.parse(io.BytesIO(out.encode("utf-8")))
                assert checks[fmt].validate(doc), (fmt, checks[fmt].error_log)
        if t is odd:
            from praatio import textgrid
            path = tmp_path / "edge.TextGrid"
            path.write_text(render("textgrid", t), encoding="utf-8")
            grid = textgrid.openTextgrid(str(path), includeEmptyIntervals=False)
            assert "".join(e.label for e in grid.getTier("1 番 \"話者\" words").entries) == "1963年です。"


def test_formats_all_on_the_command_line():
    from pipeline.cli import _config_from_args, build_parser
    from pipeline.errors import ConfigError
    from pipeline.export import expand_formats
    args = build_parser().parse_args(["run", "x.flac", "-o", "out", "--formats", "all"])
    assert expand_formats(_config_from_args(args).formats) == tuple(EXPORTERS)
    assert set(ARCHIVE) <= set(EXPORTERS)
    with pytest.raises(ConfigError, match="known: all, json"):
        expand_formats(("al",))


def test_index_of_a_long_interview_has_a_point_every_three_minutes(demo_output):
    """The demo repeated to 20 minutes: points at questions, none more than three minutes apart,
    keywords only from the stretch's own entities."""
    from conftest import long_transcript
    from pipeline.export.index import index_points
    data = json.loads((demo_output / REC / f"{REC}.json").read_text(encoding="utf-8"))
    transcript = Transcript.from_dict(long_transcript(data, 20, str(DEMO)))
    points = index_points(transcript)
    speech = sum(s.end - s.start for s in transcript.segments)
    assert len(points) >= math.ceil(speech / 180)
    starts = [p.start for p in points] + [transcript.recording.duration]
    assert all(0 < b - a <= 180 for a, b in zip(starts, starts[1:]))
    for p in points:
        inside = {e.text for e in transcript.entities if p.start <= e.start < p.end}
        assert set(p.keywords) <= inside
