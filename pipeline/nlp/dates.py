"""Japanese dates to ISO 8601: era years (昭和31年 = 1956), kanji numerals, months and days.

Relative dates (翌年, その年, 去年) give None: they cannot be normalised without context. A year said
without its era (31年, 十九年) is normalised in the era of the recording's other dates (`recording_era`)
when the number fits it, and marked as inferred (`normalize_in_era`).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}  # first year of each era
ERA_YEARS = {"明治": 45, "大正": 15, "昭和": 64, "平成": 31, "令和": 99}  # years each era lasted (令和: open)
ERA_READINGS = {"明治": "メイジ", "大正": "タイショウ", "昭和": "ショウワ", "平成": "ヘイセイ", "令和": "レイワ"}
DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
          "壱": 1, "弐": 2, "参": 3}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = r"[0-9〇零一二三四五六七八九十百千壱弐参]+|元"

_ERA = re.compile(rf"(?P<era>{'|'.join(ERAS)})\s*(?P<year>{NUMBER})\s*年")
_YEAR = re.compile(rf"(?P<year>{NUMBER})\s*年")
_MONTH = re.compile(rf"^(?:\s*の)?\s*(?P<month>{NUMBER})\s*月")
_DAY = re.compile(rf"^\s*(?P<day>{NUMBER})\s*日")


def kanji_number(text: str) -> int | None:
    """'千九百五十六' -> 1956, '三十一' -> 31, '一九五六' -> 1956, '31' -> 31, '元' -> 1."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    if text == "元":
        return 1
    if text.isdigit():
        return int(text)
    if all(c in DIGITS for c in text):  # digit by digit: 一九五六
        return int("".join(str(DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in DIGITS:
            current = DIGITS[c]
        elif c in UNITS:
            total += (current or 1) * UNITS[c]
            current = 0
        else:
            return None
    return total + current


def normalize_date(text: str) -> str | None:
    """ISO form (YYYY, YYYY-MM or YYYY-MM-DD) of a Japanese date expression, or None."""
    text = unicodedata.normalize("NFKC", text)
    match = _ERA.search(text)
    if match:
        n = kanji_number(match["year"])
        if n is None or n < 1:
            return None
        year = ERAS[match["era"]] + n - 1
    else:
        match = _YEAR.search(text)
        if not match:
            return None
        year = kanji_number(match["year"])
        if year is None or not 1000 <= year <= 2999:
            return None
    rest = text[match.end():]
    month_match = _MONTH.match(rest)
    if not month_match:
        return f"{year:04d}"
    month = kanji_number(month_match["month"])
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    day_match = _DAY.match(rest[month_match.end():])
    day = kanji_number(day_match["day"]) if day_match else None
    if day is None or not 1 <= day <= 31:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


# How a month or a season after a year is said, for proposing a date where the recogniser wrote
# something else (1953年のハル, 昭和20年の急付き): the proposal is only ever a check the recording decides.
MONTH_READINGS = {1: ("イチガツ",), 2: ("ニガツ",), 3: ("サンガツ",), 4: ("シガツ",), 5: ("ゴガツ",),
                  6: ("ロクガツ",), 7: ("シチガツ", "ナナガツ"), 8: ("ハチガツ",), 9: ("クガツ", "キュウガツ"),
                  10: ("ジュウガツ",), 11: ("ジュウイチガツ",), 12: ("ジュウニガツ",)}
SEASON_READINGS = {"春": "ハル", "夏": "ナツ", "秋": "アキ", "冬": "フユ"}
DATE_CHECK_RATE = 0.5  # weighted mora edits allowed per mora of the month's reading (at most 2; a
                       # two-mora season word only a voicing or length off: 七 is not 夏)
_YEAR_OF = re.compile(rf"(?:(?:{'|'.join(ERAS)})\s*)?(?:{NUMBER})\s*年\s*の\s*")
_KANJI_MONTHS = "一二三四五六七八九十"


def date_checks(text: str):
    """`check` corrections (glossary_fix.Correction) for a month or season misheard after 〇〇年の:
    the run of words read nearest to a month (クガツ) or a season (ハル) is proposed as that month."""
    from .glossary_fix import Correction
    from .morae import mora_distance, morae
    from .morph import morphemes
    out = []
    morphs = None
    for year in _YEAR_OF.finditer(text):
        rest = text[year.end():]
        if re.match(rf"(?:{NUMBER})\s*月", rest) or rest[:1] in SEASON_READINGS:
            continue  # a date already
        morphs = morphs if morphs is not None else morphemes(text)
        start = next((i for i, m in enumerate(morphs) if m.begin == year.end()), None)
        if start is None or morphs[start].pos.startswith(("助詞", "助動詞", "補助記号", "空白")):
            continue
        best = None
        reading = ""
        for j in range(start, min(start + 3, len(morphs))):
            m = morphs[j]
            if m.pos.startswith(("補助記号", "空白")) or re.search(r"[0-9０-９]", m.text):
                break
            reading += m.reading
            if m.pos.startswith(("助詞", "助動詞")):
                continue
            for written, target in _date_targets(year.group()):
                limit = min(2.0, len(morae(target)) * DATE_CHECK_RATE) if len(morae(target)) > 2 else 0.5
                d = mora_distance(reading, target, limit)
                if d <= limit and (best is None or (d, -len(target)) < (best[0], -len(best[2]))):
                    best = (d, j, written, target)
        if best:
            d, j, written, _ = best
            heard = text[year.end():morphs[j].end]
            out.append(Correction(year.end(), morphs[j].end, heard, written, d, "check", "date"))
    return out


def _date_targets(year: str):
    kanji = not re.search(r"[0-9０-９]", year)
    for n, readings in MONTH_READINGS.items():
        written = (("十" if n >= 10 else "") + _KANJI_MONTHS[n % 10 - 1] if n % 10 else "十") if kanji else str(n)
        for r in readings:
            yield written + "月", r
    for season, r in SEASON_READINGS.items():
        yield season, r


# What may follow a year said without its era for it to be a date, not a length of time (20年間, 3年前)
_NOT_A_DATE_AFTER = ("間", "前", "後", "ぶり", "振り", "以上", "以下", "近く", "余", "目", "ほど", "程", "くらい",
                     "ぐらい", "代", "来", "半", "経", "たっ", "も", "分", "生")
# time words a year may follow without an era in between (戦後10年, 西暦): never proposed as an era
_TIME_WORDS = ("副詞可能", "数詞")
_CALENDARS = ("西暦", "紀元", "皇紀")  # a year counted from these has no era to restore
ERA_CHECK_MORAE = 5  # at most this long, the word before a year may be an era misheard (タイショウ: 4)


def era_of(year: int) -> str | None:
    """The era a Western year falls in (1950 -> 昭和)."""
    return next((era for era, first in sorted(ERAS.items(), key=lambda x: -x[1]) if year >= first), None)


def _in_era(year: int | None, era: str) -> bool:
    """Whether an era-less year number is one the era reached (昭和: 1-64)."""
    return year is not None and 1 <= year <= ERA_YEARS[era]


def recording_era(text: str) -> str | None:
    """The era a recording's dates are in: the one it names most (昭和31年), counting each Western
    year (1950年) for the era it falls in; the first named wins a tie. None without a dated year."""
    text = unicodedata.normalize("NFKC", text)
    counts: Counter[str] = Counter()
    for m in _YEAR.finditer(text):
        era = next((e for e in ERAS if text[:m.start()].rstrip().endswith(e)), None)
        year = kanji_number(m["year"])
        if era is None and year is not None and year >= min(ERAS.values()):
            era = era_of(year)
        if era:
            counts[era] += 1
    return counts.most_common(1)[0][0] if counts else None


def normalize_in_era(surface: str, era: str | None) -> str | None:
    """ISO form of a date said without its era (31年の6月) in `era`, when its year fits the era; None
    for a date that names its era or a Western year, or whose number the era never reached."""
    surface = unicodedata.normalize("NFKC", surface)
    if era is None or _ERA.search(surface):
        return None
    match = _YEAR.match(surface)
    year = kanji_number(match["year"]) if match else None
    if not _in_era(year, era) or surface[match.end():].startswith(_NOT_A_DATE_AFTER):
        return None  # not in the era, or a length of time (20年間)
    return normalize_date(era + surface)


_COUNT_OF_YEARS = re.compile(  # 2年間, 3年生, 1年近く
    rf"(?P<year>{NUMBER})\s*年(?P<after>{'|'.join(map(re.escape, _NOT_A_DATE_AFTER))})?")


def count_of_years(text: str, begin: int, end: int) -> bool:
    """Whether the "date" text[begin:end] is a count of years, not a point in time: a number of at
    most two digits with 年 and nothing else, followed (or ended) by a word of length, grade or
    distance (2年間, 3年生, 3年目, 20年前, 1年近く): GiNZA calls 2年間 and 1年近く Period_Year; 3年生 is no 3年."""
    match = _COUNT_OF_YEARS.fullmatch(unicodedata.normalize("NFKC", text[begin:end]))
    if not match or match["year"] == "元" or (kanji_number(match["year"]) or 0) >= 100:
        return False
    return bool(match["after"]) or unicodedata.normalize("NFKC", text[end:]).startswith(_NOT_A_DATE_AFTER)


_LENGTH = re.compile(  # 三か月, 2ヶ月ほど, 3日間, 2週間, 半年近く, 数か月: a length of months, weeks or days
    rf"(?:約|およそ)?\s*(?:(?:{NUMBER}|数|何)\s*(?:[かヶケカヵ箇个]\s*月|日間|週間|週|年半)|半年|半月)")


def length_of_time(text: str, begin: int, end: int) -> bool:
    """Whether the "date" text[begin:end] is a length of months, weeks or days, not a point in time
    (三か月の訓練, 2ヶ月ほど, 3日間, 半年ほど: GiNZA's Period_Month, Period_Day, Period_Year): a count
    with a counter of months (か月, ヶ月), 日間 or 週間, or 半年, then at most a word of length (ほど,
    近く, 後: `_NOT_A_DATE_AFTER`). A month said (3月) or a day of a month (8月3日) is a date."""
    surface = unicodedata.normalize("NFKC", text[begin:end])
    match = _LENGTH.match(surface)
    return bool(match) and (match.end() == len(surface) or surface[match.end():].startswith(_NOT_A_DATE_AFTER))


def bare_year(text: str, begin: int, end: int, morphs) -> bool:
    """Whether the date text[begin:end] is a year said alone as a point in time (私は19年に), not a
    length of time (20年間, 戦後10年, 約3年): the word before is a particle, a mark or nothing, and no
    word of duration follows."""
    if text[end:].startswith(_NOT_A_DATE_AFTER):
        return False
    before = next((m for m in morphs if m.end == begin), None)
    return begin == 0 or before is None or before.pos.startswith(("助詞", "補助記号", "空白"))


ERA_GUESS_MORAE = 2.0  # a recording that names no era: the word before a year may be one this near in sound


def era_checks(text: str, era: str | None):
    """`check` corrections (glossary_fix.Correction) for an era the recogniser wrote as another word
    glued to the year (小林31年 where the speaker said 昭和31年: a glossary name the prompt pushed):
    the word before a year that fits the recording's era is proposed as that era; the audio decides.
    A word and the particle は that read the era as said (小は10年: ショウ|ワ for 昭和) are proposed too.
    In a recording that names no era (`era` None: 小学13年 was its only 昭和13年), the word is
    proposed as the one era nearest to it in sound (at most ERA_GUESS_MORAE off: ショウガク for
    ショウワ; a tie, 入社 as near 明治 as 昭和, proposes none) among those the year fits, not in the future."""
    from .glossary_fix import Correction
    from .morae import mora_distance, morae
    from .morph import morphemes
    out, morphs = [], None
    for m in _YEAR.finditer(text):
        year = kanji_number(m["year"])
        if m.start() == 0 or text[:m.start()].endswith(tuple(ERAS)) or era is not None and not _in_era(year, era):
            continue
        morphs = morphs if morphs is not None else morphemes(text)
        before = next((x for x in morphs if x.end == m.start()), None)
        if before is not None and before.pos.startswith("助詞") and before.text == "は":
            word = next((x for x in morphs if x.end == before.begin), None)  # 小|は: ショウ|ワ, the era said
            # the era so read, if the year fits it, whatever era the recording's Western years suggest (1993年
            # made ulaanbaatar's 平成), and 少 a prefix to the dictionary (私は少は19年; eleventh session)
            said = word and next((e for e in ERAS if ERA_READINGS[e] == word.reading + "ワ" and _in_era(year, e)), None)
            if said and word.pos.startswith(("名詞", "接頭辞")):
                out.append(Correction(word.begin, before.end, word.text + before.text, said, 0.0, "check", "date"))
            continue
        if before is None or not before.pos.startswith("名詞") or any(w in before.pos for w in _TIME_WORDS) \
                or before.text in _CALENDARS or re.search(NUMBER, before.text) \
                or not 1 <= len(morae(before.reading)) <= ERA_CHECK_MORAE:
            continue
        said = era or _nearest_era(before.reading, year)
        if said:
            distance = mora_distance(before.reading, ERA_READINGS[said], 99.0)
            out.append(Correction(before.begin, before.end, before.text, said, distance, "check", "date"))
    return out


def _nearest_era(reading: str, year: int | None) -> str | None:
    """The one era nearest `reading` in sound, within ERA_GUESS_MORAE, that reached `year` by now."""
    from datetime import date

    from .morae import mora_distance
    this_year = date.today().year
    near = sorted((mora_distance(reading, ERA_READINGS[e], 99.0), e) for e in ERAS
                  if _in_era(year, e) and ERAS[e] + year - 1 <= this_year)
    if not near or near[0][0] > ERA_GUESS_MORAE or len(near) > 1 and near[1][0] == near[0][0]:
        return None
    return near[0][1]


# A month said without its year (9月には, 8月15日は) after a dated year: normalised in the last year the
# recording said before it (1945年の8月15日は… 9月には: 1945-09), marked as inferred. Only a month, or a
# day of one, alone; a season or a relative date (翌月) is not.
_MONTH_ALONE = re.compile(rf"(?P<month>{NUMBER})\s*月(?:\s*(?P<day>{NUMBER})\s*日)?")


# a year said relative to the last one, before a month (翌年の3月: the year after the last said)
RELATIVE_YEARS = {"翌年": 1, "次の年": 1, "明くる年": 1, "その年": 0, "同じ年": 0, "同年": 0, "前年": -1, "前の年": -1}


def month_in_last_year(surface: str, year: int | None, before: str = "") -> str | None:
    """ISO form of a month (and day) said alone (9月, 8月15日) in `year`, the last year said before it,
    or the year `before` (the text just before the month) says relative to it (翌年の3月: year + 1);
    None for anything else, without a year, or every year's (毎年、8月15日には)."""
    surface = unicodedata.normalize("NFKC", surface).strip()
    if year is None or not _MONTH_ALONE.fullmatch(surface):
        return None
    before = re.sub(r"[\s、,]*の?\s*$", "", before)
    if before.endswith(("毎年", "例年", "毎")):
        return None  # 毎年、8月15日には: every year's, no one year
    year += next((k for w, k in RELATIVE_YEARS.items() if before.endswith(w)), 0)
    return normalize_date(f"{year}年{surface}")


def year_of(normalized: str | None) -> int | None:
    """The year of an ISO date (1945-08 -> 1945), or None."""
    return int(normalized[:4]) if normalized and re.match(r"\d{4}(?:-|$)", normalized) else None


# A date written with kanji numerals (昭和十二年の6月, 八月十五日) in a recording whose other dates the
# recogniser wrote in digits: written in digits as well (昭和12年の6月), so the recording's dates read
# one way, as its references and indexes write them. Only forms that are surely dates: an era and a
# year, a year and a month, a month and a day; a count (二十年間, 三か月) is left as said.
_DATE_FORM = re.compile(
    rf"(?:(?:{'|'.join(ERAS)})\s*(?:{NUMBER})\s*年(?:\s*の?\s*(?:{NUMBER})\s*月(?:\s*(?:{NUMBER})\s*日)?)?"
    rf"|(?:{NUMBER})\s*年\s*の?\s*(?:{NUMBER})\s*月(?:\s*(?:{NUMBER})\s*日)?"
    rf"|(?:{NUMBER})\s*月\s*(?:{NUMBER})\s*日)")
_KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九十百千壱弐参]+")


def dates_in_digits(text: str) -> bool:
    """Whether `text` (a recording's whole text) writes more of its dates in digits than in kanji alone."""
    forms = [m.group() for m in _DATE_FORM.finditer(unicodedata.normalize("NFKC", text))]
    in_digits = sum(bool(re.search(r"[0-9]", f)) for f in forms)
    return in_digits > len(forms) - in_digits


def digit_dates(text: str):
    """`sure` corrections (glossary_fix.Correction) writing each date of `text` that has kanji numerals
    in digits (昭和十二年の6月 -> 昭和12年の6月; asked only where the recording writes its dates in
    digits: `dates_in_digits`). A numeral that is no number (元年) stays."""
    from .glossary_fix import Correction
    out = []
    for m in _DATE_FORM.finditer(text):
        if not _KANJI_NUMBER.search(m.group()):
            continue
        written = _KANJI_NUMBER.sub(lambda k: str(kanji_number(k.group()) or k.group()), m.group())
        if written != m.group():
            out.append(Correction(m.start(), m.end(), m.group(), written, 0.0, "sure", "date"))
    return out


# a part of a year heard in kana after a dated year (18年のくれ): written as the date writes it (18年の暮れ)
KANA_YEAR_PARTS = {"くれ": "暮れ", "はじめ": "初め", "おわり": "終わり", "なかば": "半ば"}
_KANA_YEAR_PART = re.compile(rf"(?:{NUMBER})\s*年\s*の\s*(?P<part>{'|'.join(KANA_YEAR_PARTS)})")


# a month after a year and its の, heard in kana or cut from its year by a comma (31年、のろく月 for
# 31年の6月; jehol): written as a date writes it. Longest readings first (じゅういち before じゅう).
KANA_MONTHS = {"じゅういち": 11, "じゅうに": 12, "じゅう": 10, "いち": 1, "に": 2, "さん": 3, "よん": 4, "し": 4,
               "ご": 5, "ろく": 6, "しち": 7, "なな": 7, "はち": 8, "きゅう": 9, "く": 9}
_YEAR_THEN_MONTH = re.compile(rf"(?:{NUMBER})\s*年(?P<month>(?P<comma>[、,，]\s*)?の\s*"
                              rf"(?:(?P<kana>{'|'.join(KANA_MONTHS)})(?:月|がつ)|(?P<digits>1[0-2]|[1-9])月))")


def year_part_kanji(text: str):
    """`sure` corrections (glossary_fix.Correction) writing a part of a year heard in kana right after a
    year and の (18年のくれに -> 18年の暮れに, 20年のはじめ) in kanji, as a date writes it; not after a
    word (都市のくれ) or a year with no number. So too a month after a year and の heard in kana, or
    cut from its year by a comma (31年、のろく月 -> 31年の6月)."""
    from .glossary_fix import Correction
    out = [Correction(m.start("part"), m.end("part"), m["part"], KANA_YEAR_PARTS[m["part"]], 0.0, "sure", "date")
           for m in _KANA_YEAR_PART.finditer(text)]
    for m in _YEAR_THEN_MONTH.finditer(text):
        if m["kana"] or m["comma"]:
            month = KANA_MONTHS[m["kana"]] if m["kana"] else int(m["digits"])
            out.append(Correction(m.start("month"), m.end("month"), m["month"], f"の{month}月", 0.0, "sure", "date"))
    return sorted(out, key=lambda c: c.begin)
