"""Where the characters of CER go: the edits of each transcript (eval_names.py's, glossary as a plain list)
against its reference, adjacent edits joined into one stretch, each stretch put in one kind (name or glossary
term, number written another way, Latin letters, a segment edge, same reading in kana or in other kanji, the
recogniser's other mishearings), counted. Run after eval_names.py, on its work folder:

    python scripts/cer_kinds.py /tmp/kikigaki_eval_names synthetic_huludao synthetic_naha ...
"""
import json, re, sys, unicodedata
from pathlib import Path
from collections import Counter
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from rapidfuzz.distance import Levenshtein
from pipeline import evaluate

EXTRA: list[Path] = []  # --extra: a folder of scratch interviews (make_interviews.py SCRATCH)
NUM = set("〇一二三四五六七八九十百千万0123456789")
def norm(t): return evaluate.normalize(t)

def load(fid, work):
    out = Path(work) / "glossary/plain" / fid / f"{fid}.json"
    return json.loads(out.read_text())

def ref_path(fid):
    for folder in (ROOT / "tests/data/interviews", ROOT / "tests/data/dev_interview", ROOT / "recordings", *EXTRA):
        p = Path(folder) / f"{fid}.reference.json"
        if p.exists(): return p

def reading(s):
    from pipeline.nlp.morph import morphemes
    r = "".join(m.reading or m.surface for m in morphemes(s)) if s else ""
    return unicodedata.normalize("NFKC", r).translate(str.maketrans({chr(c): chr(c + 0x60) for c in range(0x3041, 0x3097)}))

def chunks(hyp, ref):
    """merge adjacent edit ops into chunks: (hyp_start, hyp_end, ref_start, ref_end, cost)."""
    ops = Levenshtein.opcodes(hyp, ref)
    out = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            out.append(None); continue
        cost = max(i2 - i1, j2 - j1)
        if out and out[-1] is not None:
            a = out[-1]; out[-1] = (a[0], i2, a[2], j2, a[4] + cost)
        else:
            out.append((i1, i2, j1, j2, cost))
    return [c for c in out if c]

def main(ids, work, asr=False):
    rows = []
    for fid in ids:
        d = load(fid, work); rp = ref_path(fid); R = json.loads(rp.read_text())
        segs = [s["asr_text"] if asr and s.get("asr_text") is not None else s["text"] for s in d["segments"]]
        hyp = ""; edges = set()
        for t in segs:
            edges.add(len(hyp)); hyp += norm(t)
        edges.add(len(hyp))
        refn = ""; spans = []
        terms = R.get("glossary", [])
        for s in R["sentences"]:
            base = len(refn); t = norm(s["text"]); refn += t
            for e in s.get("entities", []):
                k = t.find(norm(e[0]))
                if k >= 0: spans.append((base + k, base + k + len(norm(e[0])), e[1]))
            for g in terms:
                k = t.find(norm(g))
                while k >= 0:
                    spans.append((base + k, base + k + len(norm(g)), "GLOSS")); k = t.find(norm(g), k + 1)
        dist = Levenshtein.distance(hyp, refn)
        for (i1, i2, j1, j2, cost) in chunks(hyp, refn):
            h, r = hyp[i1:i2], refn[j1:j2]
            # widen to 2 chars each side for readings
            hc, rc = hyp[max(0, i1-2):i2+2], refn[max(0, j1-2):j2+2]
            lab = [x[2] for x in spans if x[0] < max(j2, j1+1) and x[1] > j1]
            if lab and not any(l == "DATE" for l in lab):
                kind = "name/term"
            elif set(h + r) & NUM and (not h or set(h) <= NUM | set("年月日")) and (not r or set(r) <= NUM | set("年月日")):
                kind = "number"
            elif "DATE" in lab:
                kind = "date"
            elif any(c.isascii() and c.isalpha() for c in h):
                kind = "romaji"
            elif (i1 in edges or i2 in edges) and (not h or not r):
                kind = "edge ins/del"
            elif h and r and reading(h) == reading(r):
                kind = "same reading"
            elif h and r and reading(hc) == reading(rc):
                kind = "same reading"
            else:
                kind = "other"
            rows.append({"id": fid, "kind": kind, "hyp": h, "ref": r, "cost": cost, "ctx": refn[max(0, j1-6):j2+6]})
        rows.append({"id": fid, "kind": "_total", "cost": dist, "ref_len": len(refn)})
    return rows

KANA = re.compile(r"^[ぁ-ゖァ-ヺー]+$")
KOKORO = {"延吉"}  # the voices' reader says these in a reading that was not meant (README: 延吉 as のぶよし)

def kind(r):
    k, h, ref = r["kind"], r["hyp"], r["ref"]
    if k == "name/term":
        if any(w in r["ctx"] for w in KOKORO) and ref and ref in "延吉":
            return "Kokoro misread (fixture artefact)"
        if h and KANA.match(h) and reading(h) == reading(ref):
            return "name/term: written in kana"
        return "name/term: misheard"
    if k == "date" and not set(h + ref) <= NUM | set("年月日の"):
        return "recogniser: date words misheard (era, year)"
    if k in ("number", "date"):
        digits = lambda t: bool(re.search(r"[0-9]", t))
        if digits(h) != digits(ref):
            return "number written another way (二十 / 20)"
        return "recogniser: digit misheard"
    if k == "romaji":
        return "recogniser: romaji"
    if k == "edge ins/del":
        return "segment-edge insertion/deletion"
    if k == "same reading":
        if "揚" in ref and "上" in h:
            return "引き揚げ written 引き上げ"
        if h and KANA.match(h):
            return "ordinary word in kana (same reading)"
        return "recogniser: homophone kanji (same reading)"
    if k == "other":
        if ref == "着" and h == "つ":
            return "ordinary word in kana (same reading)"
        return "recogniser: other mishearing"
    return k

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--extra" in args:
        i = args.index("--extra"); EXTRA.append(Path(args[i + 1])); del args[i:i + 2]
    work, ids = args[0], args[1:]
    rows = main(ids, work)
    tot, n = Counter(), Counter()
    per = {}
    for r in rows:
        if r["kind"] == "_total":
            per[r["id"]] = (r["cost"], r["ref_len"]); continue
        kd = kind(r); r["kind2"] = kd
        tot[kd] += r["cost"]; n[kd] += 1
    dist = sum(c for c, _ in per.values()); L = sum(l for _, l in per.values())
    mean = sum(c / l for c, l in per.values()) / len(per)
    print(f"{len(per)} recordings, {L} reference characters, {dist} edits: pooled CER {dist/L:.4f}, mean CER {mean:.4f}")
    print("| kind | edits | share of the edits | CER points (pooled) | chunks | examples (heard <- reference) |")
    print("|---|---|---|---|---|---|")
    for kd, v in tot.most_common():
        ex = Counter(f"{r['hyp'] or '∅'}←{r['ref'] or '∅'}" for r in rows if r.get("kind2") == kd).most_common(4)
        print(f"| {kd} | {v} | {v/dist:.1%} | {v/L:.4f} | {n[kd]} | {', '.join(f'{e} ×{c}' if c > 1 else e for e, c in ex)} |")
