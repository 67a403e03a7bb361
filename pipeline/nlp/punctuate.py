"""Sentence ends where the ASR left none: a pause or a space after a word that can end a sentence."""
from __future__ import annotations

from .morph import Morpheme, morphemes
from .timed import TimedText

SENTENCE_MARKS = "。．！？!?"
PUNCTUATION = SENTENCE_MARKS + "、，,.…"


def can_end_sentence(m: Morpheme) -> bool:
    """A final form (です, ました, 行く), a sentence-final particle (か, ね, よ) or an interjection (はい)."""
    return (m.inflection.startswith("終止形") or m.pos.startswith(("助詞-終助詞", "感動詞"))
            or (m.text == "か" and m.pos.startswith("助詞"))
            # た, です, ます before a pause end a sentence, though the tagger may read them as
            # modifying what follows (されました|五年間)
            or (m.pos.startswith("助動詞") and m.text in ("た", "だ", "です", "ます")))


def restore_sentences(tt: TimedText, pause: float) -> int:
    """Insert 。 at likely sentence ends, turn other spaces into 、; return how many 。 were added."""
    added = 0
    morphs = morphemes(tt.text)
    edits: list[tuple[int, int, str]] = []  # (begin, end, new), applied right to left
    for k, m in enumerate(morphs):
        if m.pos.startswith("空白") or m.text in PUNCTUATION:
            continue
        nxt = m.end
        if nxt >= len(tt.text):
            if tt.text[-1] not in SENTENCE_MARKS:
                edits.append((nxt, nxt, "。"))  # a turn ends a sentence
                added += 1
            continue
        space = tt.text[nxt].isspace()
        if tt.text[nxt] in PUNCTUATION:
            continue
        if (space or tt.pause_before(nxt) >= pause) and can_end_sentence(m):
            edits.append((nxt, nxt + 1 if space else nxt, "。"))
            added += 1
        elif space:
            edits.append((nxt, nxt + 1, "、"))
    for begin, end, new in sorted(edits, reverse=True):
        tt.replace(begin, end, new)
    # spaces left between Japanese characters (after 、 for instance) go; between Latin words they stay
    for i in range(len(tt.text) - 1, -1, -1):
        if tt.text[i].isspace() and not (0 < i < len(tt.text) - 1 and tt.text[i - 1].isascii()
                                         and tt.text[i + 1].isascii() and tt.text[i - 1].isalnum()):
            tt.replace(i, i + 1, "")
    # Whisper's half-width marks, written the Japanese way
    for i, ch in enumerate(tt.text):
        if ch in "?!":
            tt.replace(i, i + 1, {"?": "？", "!": "！"}[ch])
    return added


def sentence_spans(text: str, extra_starts: tuple[int, ...] = ()) -> list[tuple[int, int]]:
    """Sentences as (begin, end): after each sentence mark, and where the parser starts one."""
    cuts = {0, len(text)} | {s for s in extra_starts if 0 < s < len(text)}
    for i, ch in enumerate(text):
        if ch in SENTENCE_MARKS:
            j = i + 1
            while j < len(text) and text[j] in "」』）)":
                j += 1
            cuts.add(j)
    bounds = sorted(cuts)
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans
