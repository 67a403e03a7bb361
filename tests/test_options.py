"""Configs: every option documented in configs/default.toml, typed, unknown keys refused."""
from dataclasses import fields

import pytest

from conftest import ROOT
from pipeline.errors import ConfigError
from pipeline.glossary import GlossaryTerm, load_glossary
from pipeline.options import (AsrOptions, Config, DiarizeOptions, ExportOptions, NlpOptions, SubtitleOptions,
                              load_config)
from pipeline.transcript import Metadata


def test_default_toml_documents_every_option_with_its_default():
    config = load_config(ROOT / "configs" / "default.toml")
    assert config.asr == AsrOptions() and config.diarize == DiarizeOptions() and config.nlp == NlpOptions()
    assert config.formats == Config().formats and config.export == ExportOptions()
    assert config.metadata == Metadata() and config.recordings == ()
    assert config.subtitles.max_line_chars == SubtitleOptions().max_line_chars
    assert abs(config.subtitles.min_duration - SubtitleOptions().min_duration) < 1e-3
    text = (ROOT / "configs" / "default.toml").read_text()
    for f in (fields(AsrOptions) + fields(DiarizeOptions) + fields(NlpOptions) + fields(SubtitleOptions)
              + fields(ExportOptions) + tuple(f for f in fields(Metadata) if f.name != "collection")):
        assert f"\n{f.name} =" in text, f"{f.name} missing from configs/default.toml"


def test_furumi_collection():
    config = load_config(ROOT / "configs" / "furumi.toml").resolved()
    assert config.speaker_names == ("聞き手", "古海建一")
    assert GlossaryTerm("古海忠之", "PERSON") in config.glossary
    assert "撫順戦犯管理所" in config.asr.hotwords  # the glossary biases decoding


@pytest.mark.parametrize("toml,message", [
    ("[asr]\nbeam = 5\n", "unknown option 'beam'"),
    ("[asr]\nbeam_size = 'five'\n", "expected a number"),
    ("[asr]\nvad = 1\n", "true or false"),
    ("[diarise]\n", "unknown section"),
    ("[asr\n", "not valid TOML"),
    ("[collection]\ntitel = 'x'\n", "unknown field 'titel'"),
    ("[collection]\ninterviewee = 3\n", "a name or a list of names"),
    ('[recordings."a"]\nreviewed = "yes"\n', "true or false"),
    ("[recordings]\na = 1\n", "one table per recording"),
    ("[export]\nformats = 'all'\n", "a list of names"),
    ("[export]\nbase = ''\n", "unknown option 'base'"),
])
def test_config_errors_name_the_problem(tmp_path, toml, message):
    path = tmp_path / "c.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_glossary_file(tmp_path):
    path = tmp_path / "g.txt"
    path.write_text("# Furumi glossary\n古海忠之\tperson\tフルミ タダユキ\n\n撫順\n撫順\n", encoding="utf-8")
    assert load_glossary(path) == [GlossaryTerm("古海忠之", "PERSON", "フルミ タダユキ"), GlossaryTerm("撫順")]
    path.write_text("a\tb\tc\td\n")
    with pytest.raises(ConfigError, match="line 1"):
        load_glossary(path)


def test_cli_flags_override_config():
    assert Config().asr.model == "base" and Config().formats == ("json", "srt", "vtt", "txt", "rttm", "entities", "html")


def test_enroll_paths_are_relative_to_the_config(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[diarize]\nenroll = ["古海建一=clips/k.wav"]\n', encoding="utf-8")
    assert load_config(path).diarize.enroll == (f"古海建一={tmp_path / 'clips' / 'k.wav'}",)


def test_collection_metadata_with_per_recording_tables(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("""
[collection]
name = "Furumi sessions"
interviewer = "聞き手"
rights = "CC BY 4.0"
place = ""

[recordings."furumi_1998"]
title = "古海建一氏インタビュー（1）"
date = 1998-07-12
interviewee = ["古海建一"]

[export]
formats = ["all"]
base_url = "https://example.org/oh/"
""", encoding="utf-8")
    config = load_config(path)
    shared = config.metadata_for("another")
    assert shared == Metadata(collection="Furumi sessions", interviewer=("聞き手",), rights="CC BY 4.0")
    assert shared.place is None and shared.title is None  # unknown stays unknown: nothing is filled in
    own = config.metadata_for("furumi_1998")
    assert (own.title, own.date, own.interviewee, own.interviewer, own.collection) == (
        "古海建一氏インタビュー（1）", "1998-07-12", ("古海建一",), ("聞き手",), "Furumi sessions")
    assert config.formats == ("all",) and config.export.base_url == "https://example.org/oh/"
    from pipeline.export import EXPORTERS, expand_formats
    assert expand_formats(config.formats) == tuple(EXPORTERS)
    assert expand_formats(("srt", "all", "json")) == ("srt",) + tuple(f for f in EXPORTERS if f != "srt")
