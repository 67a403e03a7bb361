"""Label audit (sixth session): label-less glossary terms of the kinds these collections hold, each with
the label a historian would give, against `labels.collection_labels` alone (no recording). Prints the
wrong ones and their count; the gold labels are the session's judgement, not a published list.

    PYTHONPATH=. python scripts/audit_labels.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.nlp.labels import collection_labels
from pipeline.glossary import GlossaryTerm
gold = {
 "PLACE": "新京 哈爾浜 チチハル 吉林 延吉 図們 通化 撫順 鞍山 本渓湖 営口 旅順 大連 錦州 葫芦島 天津 北京 青島 済南 漢口 重慶 南京 上海 広東 台北 京城 平壌 羅津 清津 元山 興南 釜山 新義州 仁川 樺太 豊原 真岡 千島 ナホトカ ウラジオストク イルクーツク チタ タイシェット カラガンダ ハバロフスク コムソモリスク シベリア 舞鶴 佐世保 博多 仙崎 函館 浦賀 鹿児島 長崎 下関 門司 敦賀 新潟 長岡 松江 弘前 熊本 金沢 宮崎 秋田 福井 岡山 松本 山口 千葉 富山 高田 小倉 宇品 呉 黒河 海拉爾 満洲里 牡丹江 佳木斯 虎林 東寧 綏芬河 間島 熱河 興安 蒙古 内蒙古 朝鮮 台湾 満州 満洲 北満 南満 奉天省 三江省 龍江省 牡丹江省 通化省 黒河省 北安省 間島省".split(),
 "ORG": "関東軍 関東軍司令部 満州国軍 満鉄 南満州鉄道 満州重工業開発 満州航空 満州電電 満州中央銀行 満州国務院 協和会 満州国協和会 外務省 大蔵省 陸軍省 拓務省 大東亜省 厚生省 引揚援護庁 舞鶴地方引揚援護局 日本赤十字社 陸軍病院 関東州庁 関東局 奉天総領事館 第百七師団 歩兵第三連隊 満蒙開拓青少年義勇軍 開拓団 満州拓殖公社 東洋拓殖 昭和製鋼所 撫順炭鉱 満州国通信社 同盟通信社 南満州工業専門学校 建国大学 ハルビン学院 満州医科大学 奉天第一中学校 憲兵隊 特務機関 731部隊 ソ連軍 赤軍 八路軍 国民党 中国共産党 朝日新聞社".split(),
 "WORK": "満州日日新聞 大連新聞 盛京時報 満州日報 哈爾浜日日新聞 京城日報 中央公論 文藝春秋 改造 キング 少年倶楽部 主婦之友 日本新聞 満州グラフ".split(),
 "PERSON": "石原莞爾 板垣征四郎 溥儀 甘粕正彦 岸信介 東条英機 古海忠之 瀬島龍三 李香蘭 山口淑子".split(),
}
terms = tuple(GlossaryTerm(t) for v in gold.values() for t in v)
got = collection_labels(terms)
bad = 0
for lab, ts in gold.items():
    for t in ts:
        g, how = got[t]
        if g != lab:
            bad += 1; print(f"{t}: gold {lab}, got {g} ({how})")
print("wrong", bad, "of", len(terms))
