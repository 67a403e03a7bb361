"""Common nouns the recogniser spelled in hiragana are written in kanji (みなと -> 港), by the
dictionary's own spelling; the words written in kana by choice stay (とき, ところ, みんな, だめ)."""
import pytest

from conftest import heard_transcript
from pipeline.nlp import annotate
from pipeline.nlp.spelling import standard_spellings
from pipeline.options import NlpOptions


def _respelled(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], kanji) for a, b, kanji in standard_spellings(text)]


@pytest.mark.parametrize("text,respelled", [
    ("きょうは、大連のみなとで働かれた方に伺います。", [("きょう", "今日"), ("みなと", "港")]),
    ("となりの家にまいばん行きました。", [("となり", "隣"), ("まいばん", "毎晩")]),
    ("兄は、しごとを探しました。", [("しごと", "仕事")]),
    ("やねがとても美味しかった。", [("やね", "屋根")]),                       # two kana, two kanji
    # kept: two kana one kanji spells (時, 所, 奴, 物), a time noun of one kanji (皆), a na-adjective
    # noun (駄目), other parts of speech (下さる, 丁度), kana that are already a name's
    ("歩いているところを見たとき、みんな、だめだと思いました。", []),
    ("大きなやつを一枚、ちょうどください。ものがない。", []),
    ("ふるみただゆきさんに伺います。", []),
])
def test_hiragana_common_nouns_take_the_dictionarys_spelling(text, respelled):
    assert _respelled(text) == respelled


def test_the_language_layer_respells_and_keeps_what_was_heard():
    heard = "きょうは、みなとで働きました"
    transcript = heard_transcript("t", 1.0, 4.0, heard, 5.0)
    words = tuple(type(w)(w.text, w.start, w.end, 0.5) for w in transcript.segments[0].words)
    transcript = type(transcript)(transcript.recording, (type(transcript.segments[0])(
        0, 1.0, 4.0, heard, words, "S1"),), transcript.speakers, provenance=transcript.provenance)
    out = annotate(transcript, NlpOptions())
    segment = out.segments[0]
    assert segment.text.startswith("今日は、港で働きました")
    assert segment.asr_text == heard                       # the recogniser's spelling is kept
    assert segment.corrections == ()                       # a spelling is no glossary correction
    port = next(w for w in segment.words if w.text == "港")
    assert 1.0 + 5 * 3.0 / len(heard) - 0.01 <= port.start < port.end <= 1.0 + 8 * 3.0 / len(heard) + 0.01
    assert port.probability == pytest.approx(0.5)           # heard, so its probability stays
    assert out.provenance["stages"]["nlp"]["nouns_respelled"] == 2
    kept = annotate(transcript, NlpOptions(standard_spelling=False)).segments[0]
    assert kept.text.startswith(heard)


# The period's words (pipeline/nlp/words/postwar.txt): corrected like a glossary's terms, never over a name.
@pytest.mark.parametrize("text,glossary,proposed", [
    ("私は満州の終了所に入れられました。", (), [("終了所", "収容所", "check")]),   # ordinary words: the audio decides
    ("周戦のあと、会宅団に入りました。", (), [("周戦", "終戦", "sure"), ("会宅団", "開拓団", "check")]),
    ("満州へ渡りました。", (), []),                      # a place of two kanji is never a word of the period
    ("田中さんと汽車に乗りました。", (), []),            # said right: nothing proposed
    ("秀さんは、私の兄です。", (), []),                   # before a name suffix: a person misheard (秀夫さん)
    ("満州の終了所に入りました。", ("終了所",), []),      # the glossary's own term is never overwritten
])
def test_words_of_the_period_are_proposed_but_never_over_a_name(text, glossary, proposed):
    from pipeline.glossary import GlossaryTerm
    from pipeline.nlp.vocabulary import vocabulary_corrections
    terms = tuple(GlossaryTerm(t) for t in glossary)
    assert [(c.heard, c.term, c.kind) for c in vocabulary_corrections(text, "postwar", terms, [])] == proposed


def test_a_vocabulary_is_named_or_given_as_a_file(tmp_path):
    from pipeline.errors import ConfigError
    from pipeline.nlp.vocabulary import digest, load
    own = tmp_path / "mine.txt"
    own.write_text("# my collection's words\n炭鉱\n伐採\n", encoding="utf-8")
    assert [t.text for t in load(str(own))] == ["炭鉱", "伐採"]
    assert load("") == () and digest("") == ""
    assert digest(str(own)) != digest("postwar")
    with pytest.raises(ConfigError, match="postwar"):   # the error names the vocabularies there are
        load("nosuch")


def test_the_language_layer_writes_a_sure_word_of_the_period_and_no_entity():
    heard = "周戦のあと、ハルビンに残りました"
    out = annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0), NlpOptions(vocabulary="postwar"))
    segment = out.segments[0]
    assert segment.text.startswith("終戦のあと") and "周戦→終戦" in segment.corrections
    assert not any(e.text == "終戦" for e in out.entities)
    assert annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0),
                    NlpOptions()).segments[0].text.startswith("周戦")  # off by default


# A prefecture heard in hiragana (names12_manei's recognition: 母の国境のいばらき; synthetic_hainan's かごしま)
@pytest.mark.parametrize("text,respelled", [
    ("今は、母の国境のいばらきで暮らしています。", [("いばらき", "茨城")]),   # names12_manei, as heard
    ("引き揚げ船に乗り、かごしまにつきました。", [("かごしま", "鹿児島")]),
    ("とやまへ行きました。", [("とやま", "富山")]),
    ("ペキンの学校へ移られました。", []),              # katakana: how a place abroad is written
    ("ちばさんと、ながのさんに会いました。", []),      # before a name suffix: a person
    ("ならば、みえないところにいた。", []),            # a prefecture's reading that is no place here
])
def test_a_prefecture_heard_in_hiragana_takes_its_kanji(text, respelled):
    from pipeline.nlp.spelling import place_spellings
    assert [(text[a:b], kanji) for a, b, kanji in place_spellings(text)] == respelled


def test_the_language_layer_writes_the_prefecture_and_finds_the_place():
    heard = "今は、母の故郷のいばらきで暮らしています"
    out = annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0), NlpOptions())
    segment = out.segments[0]
    assert "茨城" in segment.text and segment.asr_text == heard
    assert [(e.text, e.label) for e in out.entities] == [("茨城", "PLACE")]
    kept = annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0), NlpOptions(standard_spelling=False, gazetteer=""))
    assert "いばらき" in kept.segments[0].text  # (the gazetteer writes it too: test_gazetteer.py)


# Arrival heard in kana (舞鶴につきました: 19 of the 35 tuning recordings' transcripts said one), written 着
# as every reference writes it; only after a place and に, and never in the forms of "about" or "per".
@pytest.mark.parametrize("text,places,written", [
    ("船に乗り、舞鶴につきました。", (), "船に乗り、舞鶴に着きました。"),
    ("長崎についてから聞きました。", (), "長崎に着いてから聞きました。"),
    ("博多についたとき、雨でした。", (), "博多に着いたとき、雨でした。"),
    ("夜になって、港につきました。", (), "夜になって、港に着きました。"),
    ("かごしまにつきました。", (), "かごしまに着きました。"),         # the prefecture's own respelling is place_spellings'
    ("1946年に、仙崎につきました。", ("仙崎",), "1946年に、仙崎に着きました。"),  # a place the collection names
    ("満州のことについて話しました。", (), None),                   # about
    ("長崎についての本を書きました。", (), None),                   # about
    ("一人につき、一つ配られました。", (), None),                   # per
    ("兄は、ソ連軍につきました。", (), None),                       # no place: sided with
    ("満州電信電話につとめていました。", (), None),                 # another verb in kana (勤め)
])
def test_arrival_at_a_place_heard_in_kana_is_written_with_its_kanji(text, places, written):
    from pipeline.nlp.spelling import arrival_spellings
    out = text
    for a, b, kanji in reversed(arrival_spellings(text, places)):
        out = out[:a] + kanji + out[b:]
    assert out == (written or text)


def test_the_language_layer_writes_arrival_at_a_glossary_place_and_keeps_what_was_heard():
    from pipeline.glossary import GlossaryTerm
    heard = "21年の3月に、仙崎につきました"
    out = annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0), NlpOptions(),
                   glossary=(GlossaryTerm("仙崎", "PLACE"),))
    segment = out.segments[0]
    assert "仙崎に着きました" in segment.text and segment.asr_text == heard
    assert ("仙崎", "PLACE") in [(e.text, e.label) for e in out.entities]


# Verbs heard in hiragana (names25): written as the dictionary writes them where it has one
# spelling in jōyō kanji; kept where several kanji spell the word (SudachiPy keeps its kana), where the
# word also works as an auxiliary, in という, and where the kanji is not jōyō (纏める, 辿り着く).
@pytest.mark.parametrize("text,respelled", [
    ("日本人学校にかよいました。", [("かよい", "通い")]),
    ("夏には、球磨川でよくおよぎました。", [("およぎ", "泳ぎ")]),
    ("夫はソ連軍につかまり、シベリアに送られました。", [("つかまり", "捕まり")]),
    ("空襲で家をやかれました。", [("やか", "焼か")]),
    ("汽車にのって、博多に向かいました。", [("のっ", "乗っ")]),         # a euphonic form of one verb only
    ("工場につとめていました。", []),                                  # 勤める, 務める, 努める
    ("先生に絵をならいました。", []),                                  # 習う, 倣う
    ("1981年に、密山をたずねました。", []),                            # 訪ねる, 尋ねる
    ("友達が何人もなくなりました。", []),                              # 亡くなる, 無くなる
    ("名前をよんでいました。", []),                                    # よん: 読む or 呼ぶ
    ("みんな痩せていきました。", []),                                  # いく, くる, いる: auxiliaries
    ("ソ連軍がきて、という話でした。", []),                            # くる; という
    ("京城にたどりつきました。記録にまとめました。", []),              # 辿, 纏: not jōyō
    ("記者のきがかりで、かしゃに乗り。", []),                          # pieces of misheard words
    ("文書の書き方をおとわりました。", []),                            # after を|お|と: a piece (教わり)
    ("暮らしがひどくて、大変でした。", []),                            # adjectives stay (ひどく, not 酷く)
    ("先生に、のしばはるを習いました。", []),                          # ば takes 仮定形: のし|ば is no verb
])
def test_hiragana_verbs_take_the_dictionarys_one_spelling(text, respelled):
    from pipeline.nlp.spelling import word_spellings
    assert [(text[a:b], w) for a, b, w in word_spellings(text)] == respelled


@pytest.mark.parametrize("text,respelled", [
    ("おっとの実家のある松山に帰りました。", [("おっと", "夫")]),       # an interjection to the dictionary
    ("おっとは昭和19年に召集されました。", [("おっと", "夫")]),
    ("あにの田中正夫と暮らしました。", [("あに", "兄")]),               # a noun of two kana and one kanji
    ("村のおてらで暮らしました。", [("てら", "寺")]),                 # after a prefix
    ("モンゴルへ袴えりに行きました。", []),                            # a piece of a misheard word (墓参り)
    ("おっと、危ないと思いました。はいと答えました。", []),           # interjections, no noun particle after
    ("そのわけを聞いたとき、どんなほうかと思いました。", []),          # form nouns stay kana
    ("はなさんが来ました。", []),                                      # before a name suffix
])
def test_kin_words_heard_in_kana_are_written_in_kanji(text, respelled):
    from pipeline.nlp.spelling import respellings
    assert [(text[a:b], w) for a, b, w in respellings(text)] == respelled


@pytest.mark.parametrize("text,respelled", [
    ("那覇から九州へSokaiされた方に伺います。", [("Sokai", "疎開")]),  # ソカイ: 疎開 or 租界, only 疎開 takes される
    ("毎朝shinbunを読みました。", [("shinbun", "新聞")]),
    ("上海のSokaiに住みました。", []),                                 # 疎開 or 租界: stays as heard
    ("GHQの命令で、NHKに勤めました。", []),                            # acronyms
    ("Tanakaさんに会いました。", []),                                  # a name: no common noun
])
def test_a_word_heard_in_latin_letters_glued_to_japanese_is_written_as_the_noun_it_reads(text, respelled):
    from pipeline.nlp.spelling import romaji_spellings
    assert [(text[a:b], w) for a, b, w in romaji_spellings(text)] == respelled


@pytest.mark.parametrize("text,written", [
    ("引き上げはいつでしたか。", "引き揚げはいつでしたか。"),
    ("佐世保へひきあげました。", "佐世保へ引き揚げました。"),
    ("会社は給料を引き上げました。", "会社は給料を引き上げました。"),   # raised: after を
])
def test_repatriation_is_written_hikiage_with_its_own_kanji(text, written):
    from pipeline.nlp.spelling import respellings
    out = text
    for a, b, w in reversed(respellings(text)):
        out = out[:a] + w + out[b:]
    assert out == written


def test_the_language_layer_writes_heard_verbs_and_keeps_what_was_heard():
    heard = "おっとは学校にかよい、よくおよぎました"
    out = annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0), NlpOptions())
    segment = out.segments[0]
    assert segment.text.startswith("夫は学校に通い、よく泳ぎました") and segment.asr_text == heard
    assert out.entities == ()                                # words are never entities
    kept = annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0), NlpOptions(standard_spelling=False))
    assert kept.segments[0].text.startswith(heard)
