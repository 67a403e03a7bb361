"""Configs: every option documented in configs/default.toml, typed, unknown keys refused."""
from dataclasses import fields

import pytest

from conftest import ROOT
from pipeline.errors import ConfigError
from pipeline.glossary import GlossaryTerm, load_glossary
from pipeline.options import AsrOptions, Config, DiarizeOptions, NlpOptions, SubtitleOptions, load_config


def test_default_toml_documents_every_option_with_its_default():
    config = load_config(ROOT / "configs" / "default.toml")
    assert config.asr == AsrOptions() and config.diarize == DiarizeOptions() and config.nlp == NlpOptions()
    assert config.formats == Config().formats
    assert config.subtitles.max_line_chars == SubtitleOptions().max_line_chars
    assert abs(config.subtitles.min_duration - SubtitleOptions().min_duration) < 1e-3
    text = (ROOT / "configs" / "default.toml").read_text()
    for f in fields(AsrOptions) + fields(DiarizeOptions) + fields(NlpOptions) + fields(SubtitleOptions):
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
