"""SudachiPy and GiNZA behind our own types: morphemes, sentences and named spans as char offsets."""
from __future__ import annotations

from dataclasses import dataclass
import threading
from functools import lru_cache

# SudachiPy's analysis lives below recognition and this layer (one tokenizer, each text analysed once
# per process for both); re-exported here, where the language layer and its callers look for it.
from ..sudachi import MAX_PIECE_CHARS, Morpheme, pieces, tokenizer  # noqa: F401
from ..sudachi import RUNS as SUDACHI_RUNS  # noqa: F401 (texts analysed, and how often)
from ..sudachi import morphemes as _analysed

GINZA_MODEL = "ja_ginza"


@dataclass(frozen=True)
class NamedSpan:
    begin: int
    end: int
    label: str  # GiNZA's extended named-entity type, e.g. Person, Country, Date


@dataclass(frozen=True)
class Analysis:
    text: str
    morphemes: tuple[Morpheme, ...]
    sentence_starts: tuple[int, ...]
    entities: tuple[NamedSpan, ...]


# GiNZA's tokenizer (a SudachiPy of its own, inside spaCy) refuses a second thread while one is in it
# ("Already borrowed"): the review server answers requests in threads, so one at a time (ours: sudachi.LOCK).
ANALYSIS_LOCK = threading.RLock()


def morphemes(text: str) -> list[Morpheme]:
    """SudachiPy morphemes (fast; no parser) with readings and parts of speech, each text analysed
    once per process (`sudachi.morphemes`); only a changed text is analysed anew."""
    return list(_analysed(text))


def words(text: str) -> list[Morpheme]:
    """The morphemes of `text` that are words: no punctuation mark or space."""
    return [m for m in _analysed(text) if not m.pos.startswith(("補助記号", "空白"))]


def word_starts(text: str) -> set[int]:
    """Offsets where a word (SudachiPy morpheme) of `text` begins: where assembly may cut a segment."""
    return {m.begin for m in morphemes(text)}


# What `analyze` reads from GiNZA: Sudachi's tokens (tag, reading, inflection: the tokenizer's), the
# parser's sentences and the named entities. The morphologizer's POS, the compound splitter (split
# mode None in ja_ginza: it changes nothing) and the bunsetu recognizer are not read: not run, and
# the tokenizer stops preparing the sub-tokens that only those two read.
GINZA_UNUSED = ("morphologizer", "compound_splitter", "bunsetu_recognizer")


@lru_cache(maxsize=1)
def ginza():
    import spacy
    try:
        nlp = spacy.load(GINZA_MODEL, disable=GINZA_UNUSED)
    except OSError as e:
        from ..errors import ModelError
        raise ModelError(f"the GiNZA model is missing: run `pip install ja-ginza==5.3.0` ({e})") from e
    nlp.tokenizer.need_subtokens = False  # split mode A/B pieces of each token: read only by those two
    _numpy_matmul(nlp)
    return nlp


def unload() -> None:
    """Let go of GiNZA (0.3 GB; loaded again by the next analysis in about a second of CPU), so that
    the glossary's scorer (0.5 GB more while it works) never sits beside it on an hour's peak. SudachiPy stays."""
    if ginza.cache_info().currsize:
        import gc

        from ..memory import release
        ginza.cache_clear()
        gc.collect()  # spaCy's pipeline holds itself in cycles
        release()


def _numpy_matmul(nlp) -> None:
    """The network's matrix products through numpy's BLAS (OpenBLAS) instead of thinc's bundled BLIS:
    ~40% less CPU for the tok2vec layers here, same analyses on the demo, the dev interview and the
    hour benchmark (scripts/nlp_bench.py)."""
    from thinc.api import NumpyOps
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def analyze(text: str) -> Analysis:
    """GiNZA's morphemes, sentence starts and named entities for `text`, converted at once."""
    return analyze_all([text])[0]


PIPE_BATCH = 16  # texts GiNZA analyses together: most of batching's saving, little of its memory (the hour's
                 # 332 turns: +98 MB at the peak, 7.2 s CPU; 64 at a time: +258 MB, 7.4 s; same analyses)


def analyze_all(texts: list[str]) -> list[Analysis]:
    """`analyze` for many texts (the turns of a recording) in one pass through GiNZA: spaCy batches
    them, ~15% less CPU than one call per text, same analyses."""
    from threadpoolctl import threadpool_limits
    spans = [pieces(text) for text in texts]
    # one BLAS thread: the matrices are small, and a second thread mostly waits (spinning, on a busy machine)
    with ANALYSIS_LOCK, threadpool_limits(limits=1, user_api="blas"):
        # each Doc converted as it comes, a batch of them at a time: an hour's Docs held at once took 1 GB
        docs = ginza().pipe((text[b:e] for text, cuts in zip(texts, spans) for b, e in cuts), batch_size=PIPE_BATCH)
        return [_converted(text, [(begin, next(docs)) for begin, _ in cuts]) for text, cuts in zip(texts, spans)]


def _converted(text: str, docs: list) -> Analysis:
    morphs, starts, ents = [], [], []
    for begin, doc in docs:
        for t in doc:
            reading = (t.morph.get("Reading") or [t.text])[0]
            inflection = (t.morph.get("Inflection") or [""])[0]
            morphs.append(Morpheme(t.text, begin + t.idx, begin + t.idx + len(t.text), reading, t.tag_, inflection))
        starts += [begin + s.start_char for s in doc.sents]
        ents += [NamedSpan(begin + e.start_char, begin + e.end_char, e.label_) for e in doc.ents]
    return Analysis(text, tuple(_fill_gaps(text, morphs)), tuple(starts), tuple(ents))


def _fill_gaps(text: str, morphs: list[Morpheme]) -> list[Morpheme]:
    """spaCy drops whitespace from tokens: put it back, so morphemes rebuild the text exactly."""
    out: list[Morpheme] = []
    pos = 0
    for m in morphs:
        if m.begin > pos:
            out.append(Morpheme(text[pos:m.begin], pos, m.begin, "", "空白"))
        out.append(m)
        pos = m.end
    if pos < len(text):
        out.append(Morpheme(text[pos:], pos, len(text), "", "空白"))
    return out


def versions() -> dict[str, str | None]:
    from .. import package_versions
    return package_versions("spacy", "ginza", "ja-ginza", "SudachiPy", "SudachiDict-core")
