"""Labels: GiNZA's fine labels mapped to ours, and one label per glossary term for the whole collection.

A glossary may be a plain list of terms. GiNZA, asked sentence by sentence, calls a facility
(撫順戦犯管理所) PERSON and a state (満州国) ORG in one sentence and PERSON in the next. So each
term gets its label once, from what the term itself says, in this order:

1. the label written in the glossary (always wins);
2. its last word: 〜所 〜軍 〜社 〜会 〜局 〜隊 〜機関 -> ORG, a company's or an institution's last word
   (〜鉄道 〜汽船 〜物産 〜工業 〜公司 〜組合 〜司令部...) -> ORG, 〜国 〜州 〜県 〜市 〜村 〜島 〜湖
   〜東部/北部... -> PLACE, 〜事件 〜戦争 -> EVENT, 〜新聞 〜新報 〜公論 〜春秋 〜グラフ 〜の友 〜文庫 (a periodical's or a
   book's last word) -> WORK; 〜省 is a ministry (ORG) when one ordinary word stands before it (外務省,
   陸軍省, 大東亜省 after a prefix), else a province (PLACE: 三江省, 牡丹江省, 黒河省); a katakana term
   ending 〜スク 〜ツク 〜グラード 〜ブルク is a (Russian) town. A one-kanji ending does not label a word
   the dictionary knows as a personal name (木村 is no 〜村, 中島 no 〜島);
3. the dictionary (SudachiPy): a personal name (人名) -> PERSON, a place name (地名) -> PLACE; one word
   that is a personal name but also has a place-name entry (長岡, 金沢, 延吉: a town and a surname or
   given name) -> PLACE, since a glossary names its people in full;
4. GiNZA on the term alone, through FINE_TO_COARSE, but never PERSON: a guess is not a name;
5. a word of a company's or an institution's trade inside a term of several words (満州電信電話:
   満州|電信|電話, with no known last word and nothing from GiNZA) -> ORG (`INSTITUTION_WORDS`).

A term none of these can place (抑留, a word; 興安丸, a ship: GiNZA's Ship has no label of ours) is,
unless the recording says what it is (below), a word of the collection: corrected in the text, but not a named entity. That default is on purpose:
a wrong entity costs an archivist more than a missing one, and GiNZA's label of the span in its
sentence was tried as a last resort and dropped (fifth session): it calls 満鉄 in 父は満鉄に勤めて
いました a City, あじあ号 (a train) a Position_Vocation.

Three cases are settled by the recording's own sentences (`in_context`), once for the recording:
- a term nothing labels surely (no suffix, no dictionary name; GiNZA's guess on the term alone at
  most) said as a title (雑誌の改造に, 三光という本) is a WORK, said as a body (満鉄に勤め, 満鉄の調査部で)
  an ORG; one that nothing labels at all and that
  is no ordinary word in kanji (katakana タイシェット, a Chinese place in kanji the dictionary cuts
  into pieces, 佳木斯 海拉爾) said as a place (へ, から, まで, の収容所, の近く, に着き...) more often
  than with a name suffix or as a body (満鉄に勤め) is a PLACE (`_said_as`; 抑留から帰って is no place:
  an ordinary word);
- a term that is one personal name alone in the dictionary, with no place entry (仙崎, a port town
  Sudachi knows only as a surname). A glossary names its people in full; a lone surname in it is as
  likely a town, so where GiNZA, reading the sentences the term stands in, calls it a place where it
  is said as one (仙崎へ, 仙崎から, 仙崎港: City), or a side or the surroundings of it or the way to
  it are said (黒河の近く, 仙崎の港: `SPATIAL_CUES`; 安東へ), whatever GiNZA guessed, or it is said as a town of a place
  the collection names (樺太の豊原で), more often than a person or a name
  with a suffix (仙崎さん), the term is a PLACE in every sentence of the recording;
- a term labelled PLACE as a town that is also a personal name (長岡) is a PERSON where the recording
  calls it by a name suffix (長岡さん) more often than a place cue follows it (長岡へ, 長岡で).
  GiNZA's Person is no vote here: it guesses Person for 宮崎 in 宮崎の祖母の家.
Each mention of such a one-word term then takes the label its own sentence says, where it says one
(`said_in_sentence`: 安東の国民学校, 長岡に赴任 a place; 長岡さん a person), else the recording's.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..glossary import GlossaryTerm

# GiNZA (ENE) fine label -> our coarse label; a fine label not listed makes no entity.
COARSE = {
    "PERSON": {"Person", "God", "Character", "Name_Other"},
    "PLACE": {"Country", "Province", "City", "County", "GPE_Other", "Location_Other", "Domestic_Region",
              "Continental_Region", "Region_Other", "Geological_Region_Other", "Mountain", "Island", "River",
              "Lake", "Sea", "Bay", "Spa", "Road", "Railroad", "Station", "Airport", "Port", "Park",
              "Water_Route", "Canal", "Bridge", "Tunnel", "Astral_Body_Other", "Worship_Place",
              "Facility_Other", "Archaeological_Place_Other", "Tumulus", "Zoo", "Museum", "Theater"},
    "ORG": {"Organization_Other", "International_Organization", "Government", "Political_Party",
            "Political_Organization_Other", "Military", "Company", "Company_Group", "Corporation_Other",
            "School", "Public_Institution", "Research_Institute", "Cabinet", "Show_Organization",
            "Sports_Organization_Other", "Pro_Sports_Organization", "Family", "Ethnic_Group_Other"},
    "DATE": {"Date", "Era", "Period_Year", "Period_Month", "Period_Day", "Timex_Other"},
    "EVENT": {"War", "Incident_Other", "Occasion_Other", "Event_Other", "Conference", "Natural_Disaster",
              "Earthquake", "Religious_Festival", "Treaty", "Movement"},
    "WORK": {"Book", "Newspaper", "Magazine", "Broadcast_Program", "Movie", "Music", "Show", "Printing_Other",
             "Art_Other", "Game", "Law"},
}
FINE_TO_COARSE = {fine: coarse for coarse, fines in COARSE.items() for fine in fines}

# A term's last characters -> its label (longest suffix first). 省 is a ministry (外務省), as in the
# collections we hold, unless the dictionary has the whole term as one place name (奉天省); another
# Chinese province (三江省: 三|江|省) needs its label in the glossary.
SUFFIX_LABELS = (
    ("事件", "EVENT"), ("戦争", "EVENT"), ("事変", "EVENT"), ("会戦", "EVENT"), ("作戦", "EVENT"),
    ("政府", "ORG"), ("総督府", "ORG"), ("協議会", "ORG"), ("協会", "ORG"), ("大学", "ORG"), ("学校", "ORG"), ("銀行", "ORG"),
    ("新聞", "WORK"), ("公論", "WORK"), ("評論", "WORK"), ("春秋", "WORK"), ("日報", "WORK"), ("時報", "WORK"),
    ("画報", "WORK"), ("文庫", "WORK"), ("全集", "WORK"), ("日誌", "WORK"), ("手記", "WORK"),  # a title's last word
    ("新報", "WORK"), ("週報", "WORK"), ("月報", "WORK"), ("グラフ", "WORK"), ("之友", "WORK"),  # 大陸新報, 満州グラフ, 主婦之友
    ("の友", "WORK"), ("手帖", "WORK"),  # 主婦の友, 暮しの手帖
    ("所", "ORG"), ("軍", "ORG"), ("省", "ORG"), ("社", "ORG"), ("会", "ORG"), ("局", "ORG"), ("庁", "ORG"),
    ("党", "ORG"), ("部隊", "ORG"), ("隊", "ORG"), ("団", "ORG"), ("院", "ORG"), ("機関", "ORG"),  # 憲兵隊, 連隊, 特務機関
    # a company's or an institution's last word (GiNZA calls 南満州鉄道 a railway line or a ruin)
    ("鉄道", "ORG"), ("電鉄", "ORG"), ("汽船", "ORG"), ("郵船", "ORG"), ("海運", "ORG"), ("航空", "ORG"),
    ("物産", "ORG"), ("商事", "ORG"), ("商店", "ORG"), ("工業", "ORG"), ("産業", "ORG"), ("鉱業", "ORG"),
    ("製鉄", "ORG"), ("電力", "ORG"), ("電業", "ORG"), ("興業", "ORG"), ("拓殖", "ORG"), ("公司", "ORG"),
    ("組合", "ORG"), ("学園", "ORG"), ("連盟", "ORG"), ("同盟", "ORG"), ("司令部", "ORG"), ("本部", "ORG"),
    ("製紙", "ORG"), ("紡績", "ORG"), ("製鋼", "ORG"), ("造船", "ORG"), ("重工業", "ORG"), ("化学", "ORG"),
    ("電気", "ORG"), ("保険", "ORG"), ("信託", "ORG"), ("証券", "ORG"), ("開発", "ORG"),  # 王子製紙: one proper noun
    ("国", "PLACE"), ("州", "PLACE"), ("県", "PLACE"), ("市", "PLACE"), ("村", "PLACE"), ("町", "PLACE"),
    ("島", "PLACE"), ("湖", "PLACE"), ("港", "PLACE"), ("半島", "PLACE"), ("地方", "PLACE"),
    ("東部", "PLACE"), ("西部", "PLACE"), ("南部", "PLACE"), ("北部", "PLACE"), ("中部", "PLACE"),  # a region
)
# words of a trade or an institution that make a term of several words an organisation wherever they
# stand in it (満州電信電話), when nothing else labels it
INSTITUTION_WORDS = frozenset((
    "電信", "電話", "電気", "通信", "放送", "鉄道", "銀行", "商事", "工業", "会社", "病院", "学校", "大学",
    "協会", "組合", "製鉄", "炭鉱", "鉱山", "化学", "紡績", "製紙", "肥料", "保険", "信託", "証券", "倉庫",
    "運輸", "交通", "電力", "瓦斯", "ガス", "水道", "貿易", "石油", "興業", "拓殖", "汽船", "海運", "航空"))
# what follows a place said as one (a destination, an origin, a port), for a surname-only term
PLACE_CUES = ("へ", "から", "まで", "港", "駅", "行き", "経由", "方面", "に", "で")  # 延吉で捕まりました
# a katakana term's ending that makes it a (Russian) town: 〜スク (ハバロフスク, コムソモリスク), 〜ツク
# (イルクーツク), 〜グラード, 〜ブルク
FOREIGN_PLACE_ENDINGS = ("スク", "ツク", "グラード", "ブルク", "ブルグ")
# what follows a place and hardly a person: a side or the surroundings of it, its town or its port
SPATIAL_CUES = tuple("の" + w for w in ("近く", "郊外", "周辺", "北", "南", "東", "西", "町", "街", "市内", "港", "駅",
                                          "奥地", "国境"))
NAME_SUFFIXES = ("さん", "さま", "様", "氏", "先生", "君", "くん", "ちゃん", "殿")  # after a person's name
# what says, in one sentence, that a word a town and a surname may both be is the town: one goes to it,
# comes from it, lives or was born in it (安東に赴任しました, 福島で育った), or a facility of it follows
# (安東の国民学校, 長岡の駅), or it is one's home town (故郷の飯田で)
MOVED_TO = ("へ", "から", "まで", "経由", "方面", "行き") + tuple("に" + w for w in (
    "着", "住", "渡", "移", "向か", "入植", "帰", "戻", "赴任", "逃げ", "疎開", "引き揚げ", "引揚げ", "残", "上陸",
    "到着", "入院", "配属", "転勤", "転校", "出張", "留学", "送られ", "運ばれ")) + tuple("で" + w for w in (
    "生まれ", "育", "暮ら", "捕ま", "降ろ", "終戦"))
_FACILITY_AFTER = re.compile(r"の[\u4e00-\u9fff]{0,4}(?:学校|病院|工場|駅|港|収容所|役場|飛行場|炭鉱|鉱山|訓練所|神社|"
                             r"領事館|郊外|近く|周辺|奥地|市内|町|村|街)(?![\u4e00-\u9fff])")
HEARD_FROM = ("聞", "教わ", "習", "もら", "貰", "手紙", "連絡", "電話", "頼ま", "言わ", "誘", "話")  # 〜から: a person's word
HOME_BEFORE = ("故郷の", "郷里の", "ふるさとの", "出身地の", "生まれ故郷の")
# what names a title said in a sentence: the kind of work before it (雑誌の改造に) or after it (三光という本)
TITLE_BEFORE = ("雑誌の", "新聞の", "雑誌", "月刊", "週刊", "機関誌の", "機関紙の")
TITLE_AFTER = tuple("という" + w for w in ("本", "雑誌", "新聞", "小説", "詩集", "歌集", "手記", "記録", "映画", "歌", "番組")) \
    + tuple("って" + w for w in ("本", "雑誌", "新聞")) + ("誌", "紙上", "紙面")
# a place said by a facility in it (タイシェットの収容所, 佳木斯の病院): for a term nothing labels
FACILITY_WORDS = ("収容所", "病院", "訓練所", "工場", "炭鉱", "鉱山", "開拓団", "飛行場", "港", "駅", "学校", "小学校",
                  "ラーゲリ", "町", "村", "郊外", "近く", "周辺", "奥地")
# what follows a term nothing labels when it is said as a place: a destination, an origin, a way through
UNLABELLED_PLACE_CUES = ("へ", "から", "まで", "経由", "方面", "行き", "港", "駅") + tuple("の" + w for w in FACILITY_WORDS) \
    + SPATIAL_CUES \
    + ("に着", "に住", "に渡", "に移", "に向か", "に入植", "で")  # ライチハに着きました, タイシェットで働かされ
# what follows an organisation said as one (満鉄に勤め): no place vote
BODY_CUES = ("に勤め", "に入社", "の社員", "の職員", "に就職", "が経営", "に入っ")
# what follows a term said as a body, and hardly a place (満鉄に勤め, 満鉄の調査部で, 満鉄の社員): a vote for ORG
# for a term nothing labels (`_said_as`); に入っ (収容所に入った) and の事務所 are said of places too
BODY_SAID = ("に勤め", "に入社", "に就職", "が経営") + tuple("の" + w for w in (
    "社員", "職員", "調査部", "総裁", "社長", "理事", "重役"))  # not の本社, の支社: 大連の本社
NEUTRAL_CUES = ("で働", "で勤め", "では", "でも",  # said of a place and of a body alike (満鉄で働いて): no vote
                "の工場", "の炭鉱", "の鉱山")  # a company's as much as a town's (南洋興発の工場, 満鉄の炭鉱)
# a manufacture as a term's last word after a name (台湾製糖, 日本製粉: 製 and what is made): a company
_MANUFACTURE = re.compile(r"[\u4e00-\u9fff]製[\u4e00-\u9fff]$")
# a facility in a place, misheard or not (タイシェットの終了所 for 収容所): の, a few kanji, 所; a body's
# own offices (満鉄の事務所) are no place
_FACILITY_IN = re.compile(r"の[\u4e00-\u9fff]{1,3}所")
BODY_OFFICES = ("事務所", "研究所", "出張所", "営業所", "支所", "本所")


def suffix_label(text: str) -> str | None:
    if _katakana_only(text) and text.endswith(FOREIGN_PLACE_ENDINGS) and len(text) > 3:
        return "PLACE"  # コムソモリスク, スターリングラード: a Russian town by its ending
    for suffix, label in sorted(SUFFIX_LABELS, key=lambda s: -len(s[0])):
        if text.endswith(suffix) and len(text) > len(suffix):
            if len(suffix) == 1 and one_personal_name(text):
                return None  # 木村, 中島: a surname's last kanji, not a village or an island
            if label != "PLACE" and dictionary_label(text) == "PLACE":
                return "PLACE"  # 奉天省, 吉林省: one place name in the dictionary, a province, not a ministry
            if suffix == "省" and not _ministry(text):
                return "PLACE"  # 三江省 (三|江|省), 牡丹江省, 黒河省: a province, not a ministry
            return label
    if _MANUFACTURE.search(text) and _proper_nouns(text[:-2]):
        return "ORG"  # 台湾製糖, 日本製粉: a manufacture after a name (not 鉄製品, ordinary words)
    return None


def _proper_nouns(text: str) -> bool:
    from .morph import words
    content = words(text)
    return bool(content) and all("固有名詞" in m.pos for m in content)


def _ministry(text: str) -> bool:
    """Whether X省 names a ministry: X is one ordinary word (外務, 陸軍, 拓務, 軍需; 外務省 one common
    noun), after a prefix at most (大|東亜). A province's X is a place or personal name (牡丹江, 黒河),
    a numeral or bound pieces (三|江), or more than one word (通|化)."""
    from .morph import words
    content = words(text)
    if len(content) == 1:
        return content[0].pos.startswith("名詞-普通名詞")
    stem = [m for m in content if m.end <= len(text) - 1]
    if stem and stem[0].pos.startswith("接頭辞"):
        return len(stem) == 2
    return len(stem) == 1 and stem[0].pos.startswith("名詞-普通名詞")


def _katakana_only(text: str) -> bool:
    return bool(text) and all("\u30a1" <= c <= "\u30fc" for c in text)


def one_personal_name(text: str) -> bool:
    """One word that the dictionary reads as a personal name in this text (木村: 名詞-固有名詞-人名-姓);
    a term so (安東, 長岡, 福井) is a surname that may as well be a town, labelled in each sentence by
    what the sentence says (`said_in_sentence`)."""
    from .morph import words
    content = words(text)
    return len(content) == 1 and "人名" in content[0].pos


def dictionary_label(text: str) -> str | None:
    """PERSON or PLACE where SudachiPy knows every content word of the term as such a name. A term
    that is one personal name which the dictionary also has as a place name (長岡, 金沢, 宮崎: a town
    and a surname) is a PLACE: a glossary names its people in full (`in_context` makes it a person
    where the recording calls it by a name suffix)."""
    from .morph import words
    content = words(text)
    if len(content) == 1 and "人名" in content[0].pos and _also_a_place(content[0].text):
        return "PLACE"
    if content and all("人名" in m.pos for m in content):
        return "PERSON"
    if content and all("地名" in m.pos for m in content):
        return "PLACE"
    return None


@lru_cache(maxsize=4096)
def _also_a_place(word: str) -> bool:
    """Whether SudachiPy's dictionary has `word`, written alone, as a place name among its entries."""
    from ..sudachi import readings
    return bool(readings(word, "地名"))


def ginza_label(text: str) -> str | None:
    """GiNZA's label of the whole term, mapped; PERSON is never taken from GiNZA alone."""
    from .morph import analyze
    analysis = analyze(text)
    for e in analysis.entities:
        if e.begin == 0 and e.end == len(text):
            label = FINE_TO_COARSE.get(e.label)
            return None if label == "PERSON" else label
    return None


def institution_label(text: str) -> str | None:
    """ORG for a term of several words one of which is a word of a trade or an institution."""
    from .morph import words
    content = [m.text for m in words(text)]
    return "ORG" if len(content) > 1 and any(w in INSTITUTION_WORDS for w in content) else None


@lru_cache(maxsize=4096)
def _term_label(text: str) -> tuple[str | None, str]:
    for how, guess in (("suffix", suffix_label), ("dictionary", dictionary_label), ("ginza", ginza_label),
                       ("institution word", institution_label)):
        label = guess(text)
        if label:
            return label, how
    return None, "none"


def collection_labels(glossary: tuple[GlossaryTerm, ...]) -> dict[str, tuple[str | None, str]]:
    """Each term's label for the whole collection, and where it came from (glossary, suffix,
    dictionary, ginza, none)."""
    return {t.text: (t.label, "glossary") if t.label else _term_label(t.text) for t in glossary}


def in_context(described: dict[str, tuple[str | None, str]], analyses) -> dict[str, tuple[str | None, str]]:
    """The collection labels, with each glossary term that is one personal name alone in the dictionary
    (labelled PERSON by it) made a PLACE where GiNZA, in the sentences of `analyses` (morph.Analysis)
    the term stands in, calls that very span a place followed by a place cue (仙崎へ帰りました: City)
    more often than a person or a name with its suffix (仙崎さん). Other terms keep their label."""
    out = dict(described)
    for term, (label, how) in described.items():
        if how in ("none", "ginza", "institution word"):
            said = _said_as(term, analyses)
            if said:
                out[term] = said
            continue
        if how != "dictionary" or not one_personal_name(term):
            continue
        if label == "PLACE":  # a town that is a surname too (長岡): a person only where called by a suffix
            suffixed = sum(a.text.count(term + suffix) for a in analyses for suffix in NAME_SUFFIXES)
            placed = sum(a.text.count(term + cue) for a in analyses for cue in PLACE_CUES)
            if suffixed > placed:
                out[term] = ("PERSON", "name suffix in context")
            continue
        votes = {"PLACE": 0, "PERSON": 0}
        for analysis in analyses:
            spans = {(e.begin, e.end): FINE_TO_COARSE.get(e.label) for e in analysis.entities}
            start = analysis.text.find(term)
            while start >= 0:
                end = start + len(term)
                said = said_in_sentence(analysis.text, start, end)
                if said:
                    votes[said] += 1  # 黒河の近くの訓練所, 安東の国民学校, 安東へ逃げました: a place by the sentence, whatever GiNZA guessed
                elif analysis.text[:start].endswith("の") and analysis.text[end:].startswith(PLACE_CUES) and any(
                        label == "PLACE" and analysis.text[:start - 1].endswith(place)
                        for place, (label, _) in described.items()):
                    votes["PLACE"] += 1  # 樺太の豊原で: a town of a place the collection names, said as a place
                elif spans.get((start, end)) == "PERSON":
                    votes["PERSON"] += not analysis.text[end:].startswith(PLACE_CUES)  # 安東では: GiNZA's Person, no vote
                elif spans.get((start, end)) == "PLACE" and analysis.text[end:].startswith(PLACE_CUES):
                    votes["PLACE"] += 1  # GiNZA's place, said as one: 仙崎へ (同僚の仙崎と is no vote)
                start = analysis.text.find(term, end)
        if votes["PLACE"] > votes["PERSON"]:
            out[term] = ("PLACE", "ginza in context")
    return out


def said_in_sentence(text: str, begin: int, end: int) -> str | None:
    """PERSON where text[begin:end] is called by a name suffix (安東さん), PLACE where the sentence says it
    as a town (`MOVED_TO`, a facility of it after の, `SPATIAL_CUES`, `HOME_BEFORE`), else None: for a
    term that is a town and a surname both, this sentence's word on which one it is."""
    after = text[end:]
    if after.startswith(NAME_SUFFIXES):
        return "PERSON"
    if after.startswith("から") and after[2:].startswith(HEARD_FROM):
        return None  # 長岡から聞きました: from a person as well as from a town
    if after.startswith(MOVED_TO + SPATIAL_CUES) or _FACILITY_AFTER.match(after) or text[:begin].endswith(HOME_BEFORE):
        return "PLACE"
    return None


def _said_as(term: str, analyses) -> tuple[str, str] | None:
    """The label the recording's sentences give a term nothing labelled surely (no suffix, no dictionary
    name; GiNZA's guess on the term alone at most), or None:
    - WORK where it is said as a title (雑誌の改造に, 三光という本を: `TITLE_BEFORE`, `TITLE_AFTER`) more
      often than anything else: a magazine's or a book's name is often an ordinary word;
    - ORG where it is said as a body (満鉄に勤め, 満鉄の調査部で, の社員: `BODY_SAID`) more often than
      anything else: an abbreviated company (満鉄, 国鉄, 日銀: one proper noun of no kind to the
      dictionary, GiNZA guessing City or Person for it);
    - PLACE where nothing labels it (no GiNZA guess either), it is no ordinary word of Japanese in kanji
      (katakana タイシェット, an unknown or several-piece kanji name 佳木斯 海拉爾; not 抑留, a word
      that says から too: 抑留から帰って), and it is said as a place (`UNLABELLED_PLACE_CUES`: へ, から,
      まで, で, の収容所 or any の〜所, の近く...) more often than with a name suffix or as a body (満鉄に勤め; で働き,
      said of both, is no vote).
    A term of the collection that nothing labels is most often a foreign place the dictionary does not
    know; the recording says which, once for the recording, and the term keeps that label in every
    sentence."""
    titled = placed = other = bodied = 0
    for analysis in analyses:
        text = analysis.text
        start = text.find(term)
        while start >= 0:
            end = start + len(term)
            after, before = text[end:], text[:start]
            if before.endswith(TITLE_BEFORE) or after.startswith(TITLE_AFTER):
                titled += 1
            elif after.startswith(BODY_SAID):
                bodied += 1
            elif after.startswith(NAME_SUFFIXES + BODY_CUES):
                other += 1
            elif after.startswith(UNLABELLED_PLACE_CUES) and not after.startswith(NEUTRAL_CUES) or \
                    (facility := _FACILITY_IN.match(after)) and not facility[0].endswith(BODY_OFFICES):
                placed += 1
            start = text.find(term, end)
    if titled and titled > placed + other + bodied:
        return "WORK", "title in context"
    if bodied and bodied > placed + other + titled:
        return "ORG", "body in context"
    other += bodied
    if placed and placed > other + titled and described_none(term):
        return "PLACE", "place in context"
    return None


def described_none(term: str) -> bool:
    """Whether nothing labels `term` (no suffix, dictionary name, GiNZA guess or institution word) and it
    is not one ordinary word in kanji (抑留, 三光): a name the dictionary does not know."""
    if _term_label(term)[0]:
        return False
    from .morph import words
    content = words(term)
    ordinary = len(content) == 1 and content[0].pos.startswith("名詞-普通名詞") and not content[0].oov \
        and not _katakana_only(term)
    return not ordinary
