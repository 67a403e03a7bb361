"""The builtin diarizer's speaker count, with the count not given: never more speakers than a
recording has, the right count where voices separate, DER within measured bounds (with margin).

Diarization only (no recognition), once per recording, shared by the tests below. SYNTHETIC
Kokoro voices (tests/data/voices), their cassette-like copies, single voices cut out of them, and
mixes of the real Common Voice clips.
"""
import numpy as np
import pytest

from conftest import DEV, VOICES, cassette, der, mix, one_voice, rttm_reference
from pipeline.audio import Audio, AudioInfo, decode
from pipeline.diarize import diarize
from pipeline.options import DiarizeOptions

pytestmark = pytest.mark.numeric  # voice embeddings, counts and DER bounds: checked on two instruction sets

# name -> (speakers found must equal the speakers it has, DER bound). Measured DERs in README.md
# (Speakers); bounds leave room for other CPUs and thread counts.
EXPECTED = {
    "pair_alpha_gongitsune": (True, 0.10),
    "pair_alpha_nezumi": (True, 0.10),
    "pair_alpha_tebukuro": (True, 0.10),
    "pair_gongitsune_nezumi": (True, 0.10),  # the closest pair (0.12 apart): found by its consistency (3.0)
    "pair_gongitsune_tebukuro": (True, 0.10),
    "pair_nezumi_tebukuro": (True, 0.10),
    "pair_tebukuro_kumo": (True, 0.10),
    "trio_alpha_nezumi_kumo": (True, 0.10),
    "trio_gongitsune_kumo_tebukuro": (True, 0.10),  # held out
    "trio_nezumi_alpha_tebukuro": (True, 0.12),  # held out
    "four_alpha_kumo_gongitsune_nezumi": (True, 0.10),  # 4 (score 1.01; their consistency 3.2 carries it if it dips), DER 0.029
    "four_tebukuro_alpha_nezumi_gongitsune": (True, 0.12),  # held out; 4 found, DER 0.048 (was 3 of 4, 0.169)
    "trio_kumo_gongitsune_nezumi": (True, 0.10),  # issue 11's case: the closest pair, found by their turns
    "trio_alpha_nezumi_gongitsune": (True, 0.10),
    "trio_nezumi_kumo_gongitsune": (True, 0.12),  # held out
    "trio_tebukuro_gongitsune_nezumi": (True, 0.12),  # held out; 3 since the consistency (2.8), DER 0.054
    "trio_alpha_gongitsune_nezumi": (True, 0.12),  # held out (session 3): 3, DER 0.041
    # held out (session 3): the closest pair 0.09 apart, heard as one (0.76) until pairs that take turns and
    # hold to their own voice counted from 0.65 (session 6c): 2, DER 0.029
    "pair_nezumi_gongitsune": (True, 0.10),
    "pair_gongitsune_nezumi_12": (True, 0.10),  # held out (session 6a): the closest pair in 12 turns, 2 by their turns, DER 0.028
    # held out (session 6a): 1 of 2 (0.529) until partitions were refined by stretches: 2 (1.08), DER 0.028
    "cassette_pair_gongitsune_nezumi_12": (True, 0.10),
    # held out (session 6b, blind): the closest pair in 8 turns, heard as one (0.71), DER 0.525;
    # session 6c: 2, DER 0.035
    "pair_nezumi_gongitsune_8": (True, 0.10),
    # its cassette copy: merged wrongly at k = 2 (0.70, DER 0.525) until k-1's passing partition was also
    # split in two (session 10): 2 (1.16), DER 0.035
    "cassette_pair_nezumi_gongitsune_8": (True, 0.10),
    "solo_gongitsune_long": (True, 0.10),  # held out (session 6b, blind): one of the closest pair alone, 112 s: 1 (0.35), DER 0.072
    # held out (session 6c, blind): the closest pair in 12 turns, raw score 0.67: 2 only by taking turns and
    # holding to their own voice (consistency 2.76; 1 of 2, DER 0.453 without), DER 0.043
    "pair_nezumi_gongitsune_12": (True, 0.10),
    # held out (session 6c, blind): the other of the pair alone, 97 s: 1 (0.37), DER 0.066
    "solo_nezumi_long": (True, 0.10),
    # held out (session 9, blind, new sentences): the closest pair with an interviewer in 12 turns: 3, DER 0.037;
    # its cassette copy 2 of 3 (the pair heard as one, k=3 scores 0.56), DER 0.228, until pairs taking turns
    # whose visits between the interviewer's questions are pure counted from 0.50 (session 11): 3, DER 0.069
    "trio_kumo_nezumi_gongitsune_9": (True, 0.10),
    "cassette_trio_kumo_nezumi_gongitsune_9": (True, 0.12),
    # held out (session 10, blind): jf_tebukuro with the closest pair, 11 turns: 2 of 3 (the pair as one), DER 0.213;
    # jf_nezumi alone 104 s: 1, DER 0.078
    # 3 since session 15 (one stretch of the pair moved back into pure visits, 0.60 -> 1.21), DER 0.079
    "trio_tebukuro_nezumi_gongitsune_10": (True, 0.10),
    # its cassette copy: 1 of 3 (0.645), 2 of 3 (0.213) since session 11, 3 since session 12 (visits), DER 0.125
    "cassette_trio_tebukuro_nezumi_gongitsune_10": (False, 0.16),
    "solo_nezumi_long_10": (True, 0.12),
    # held out (session 11, blind): jf_alpha / jm_kumo interviewing the closest pair in both orders, 12 and
    # 11 turns: 3 (DER 0.043 / 0.072, by turns, 1.05 / 1.01); their cassette copies 2 of 3 (0.224 / 0.249);
    # jf_tebukuro alone 90 s: 1 (at most 0.75), DER 0.068
    "trio_alpha_gongitsune_nezumi_11": (True, 0.10),
    "trio_kumo_nezumi_gongitsune_11": (False, 0.30),  # 3 by 0.012 only: the exact count not asserted
    # its cassette copy: 2 of 3 (0.224) until clusters were also split by their visits and pure visits
    # counted from z 2.0 (session 12): 3, DER 0.086
    "cassette_trio_alpha_gongitsune_nezumi_11": (True, 0.12),
    # ... 3 of 3 since session 15 (one stretch of the pair moved back into pure visits, 0.70 -> 1.23), DER 0.041
    "cassette_trio_kumo_nezumi_gongitsune_11": (True, 0.10),
    "solo_tebukuro_long_11": (True, 0.12),
    # held out (session 12, blind, a third book of sentences): jf_alpha / jf_tebukuro interviewing the
    # closest pair: 3 (DER 0.060, 1.42; main's rule 2 of 3, 0.242) and 3 (0.098, by 1.054 only: the exact
    # count not asserted); jf_alpha's cassette copy 3 (0.043, 1.029: thin); jf_gongitsune alone 114 s: 1, DER 0.062
    "trio_alpha_nezumi_gongitsune_s12": (True, 0.10),
    "trio_tebukuro_gongitsune_nezumi_s12": (False, 0.13),
    "cassette_trio_alpha_nezumi_gongitsune_s12": (False, 0.10),
    "solo_gongitsune_long_s12": (True, 0.10),
    # held out (session 12, blind): jf_tebukuro's cassette copy 2 of 3 (0.318) until partitions were also
    # refined by runs of stretches where the closest pair takes turns (session 13): 3 by 1.002 only, DER 0.137
    "cassette_trio_tebukuro_gongitsune_nezumi_s12": (False, 0.34),
    # held out (session 13, blind, a fourth book): jm_kumo / jf_tebukuro interviewing the closest pair: 3
    # (DER 0.042, 1.95) and 3 (0.040, by 1.034 only: the exact count not asserted); their cassette copies 3
    # (0.060) and 3 (0.076; main's rule 2 of 3, 0.269: found by the refinement by runs, 1.15); the pair alone
    # 1 of 2 (0.939, DER 0.574: both rules), its cassette copy 2 (1.008: thin); jf_alpha alone 97 s: 1, DER 0.070
    "trio_kumo_gongitsune_nezumi_s13": (True, 0.10),
    "cassette_trio_kumo_gongitsune_nezumi_s13": (True, 0.10),
    "trio_tebukuro_nezumi_gongitsune_s13": (False, 0.12),
    "cassette_trio_tebukuro_nezumi_gongitsune_s13": (True, 0.12),
    # the pair alone: 1 of 2 (0.939, DER 0.574) until two clusters taking turns that each own 3+ whole turns
    # counted from 0.50 (session 14): 2 (1.221), DER 0.066
    "pair_nezumi_gongitsune_s13": (True, 0.10),
    "cassette_pair_nezumi_gongitsune_s13": (False, 0.12),
    "solo_alpha_long_s13": (True, 0.10),
    # held out (session 12, blind): the cassette copy of the pair alone, 1 of 2 (0.958, DER 0.478); 2 by the
    # talk rule since session 14 (1.245), DER 0.113
    "cassette_pair_gongitsune_nezumi_s12": (True, 0.14),
    # held out (session 14, blind, a fifth book): the pair alone in 13 turns, 2 (1.172; main's rule 1 of 2,
    # 0.902), DER 0.054; the cassette copy of the pair in 9 turns, 2 (1.245; main's 1 of 2, 0.957), DER 0.053;
    # jf_nezumi alone 108 s: 1 (at most 0.605), DER 0.078
    "pair_nezumi_gongitsune_13_s14": (True, 0.10),
    "cassette_pair_gongitsune_nezumi_9_s14": (True, 0.10),
    "solo_nezumi_long_s14": (True, 0.12),
    # held out (session 16, blind, a seventh book): jf_tebukuro interviewing the closest pair, 10 turns: 3 (1.175,
    # by turns), DER 0.038, its cassette copy 3 (1.170), 0.075; jf_alpha with the pair, jf_nezumi in a single turn:
    # 2 of 3 (k=3 0.34: the exact count not asserted), DER 0.160, its cassette copy 3 (1.154), 0.053; jf_nezumi
    # alone 99 s: 1 (at most 0.41 / 0.75 on the cassette copy), DER 0.065
    # held out (session 15, blind): jf_tebukuro with the closest pair, jf_nezumi a single turn: 2 of 3 (0.84 / 0.78
    # on the cassette copy), DER 0.222 / 0.226; since session 18 3 by the single turn's spectral shape (2.84 /
    # 3.41), DER 0.066 / 0.071
    "trio_tebukuro_gongitsune_nezumi_s15": (True, 0.12),
    "cassette_trio_tebukuro_gongitsune_nezumi_s15": (True, 0.12),
    "trio_tebukuro_nezumi_gongitsune_s16": (True, 0.10),
    "cassette_trio_tebukuro_nezumi_gongitsune_s16": (True, 0.12),
    "trio_alpha_gongitsune_nezumi_s16": (False, 0.20),
    "cassette_trio_alpha_gongitsune_nezumi_s16": (True, 0.10),
    "solo_nezumi_long_s16": (True, 0.10),
    "cassette_solo_nezumi_long_s16": (True, 0.10),
    # held out (session 17, blind, an eighth book, one gain for every voice of a recording): jm_kumo interviewing the
    # closest pair in 11 turns: 3 (1.363, by turns), DER 0.039, its cassette copy 3 (1.289), 0.093; a close voice in a
    # single turn: jm_kumo's trio 2 of 3 (k=3 0.73), DER 0.247, its cassette copy 2 of 3 (0.80), 0.247; jf_tebukuro's
    # 2 of 3 (0.83), 0.179, its cassette copy 3 (1.16) but not the true partition, 0.245 (the exact counts not
    # asserted); jf_gongitsune alone 98 s: 1 (at most 0.32 / 0.68 on the cassette copy), DER 0.071 / 0.062
    "trio_kumo_gongitsune_nezumi_s17": (True, 0.10),
    "cassette_trio_kumo_gongitsune_nezumi_s17": (True, 0.14),
    # since session 18 (the spectral shape of a voice heard in a single visit): jm_kumo's 3 (2.22), DER 0.097,
    # jf_tebukuro's 3 (2.62), 0.103; the cassette copy of jm_kumo's still 2 of 3 (its k = 3 not one visit)
    "trio_kumo_nezumi_gongitsune_s17": (True, 0.14),
    "cassette_trio_kumo_nezumi_gongitsune_s17": (False, 0.30),
    "trio_tebukuro_nezumi_gongitsune_s17": (True, 0.15),
    "cassette_trio_tebukuro_nezumi_gongitsune_s17": (False, 0.30),
    "solo_gongitsune_long_s17": (True, 0.10),
    "cassette_solo_gongitsune_long_s17": (True, 0.10),
    # held out (session 18, blind, a ninth book, one gain per recording): jm_kumo interviewing the closest pair,
    # jf_gongitsune a single turn: 3 by its spectral shape (3.67), DER 0.040 (main's rule 2 of 3, 0.151), its cassette
    # copy 2 of 3 (0.61), 0.151; jf_alpha's, jf_gongitsune a single turn: 2 of 3 (k=3 0.00 / 0.43), DER 0.224 / 0.220
    # (the exact counts not asserted); jf_nezumi alone 117 s: 1 (at most 0.51 / 0.41), DER 0.059 / 0.057
    "trio_kumo_gongitsune_nezumi_s18": (True, 0.08),
    "cassette_trio_kumo_gongitsune_nezumi_s18": (False, 0.20),
    "trio_alpha_nezumi_gongitsune_7_s18": (False, 0.27),
    "cassette_trio_alpha_nezumi_gongitsune_7_s18": (False, 0.27),
    "solo_nezumi_long_s18": (True, 0.10),
    "cassette_solo_nezumi_long_s18": (True, 0.10),
    "solo_tebukuro_long_9": (True, 0.13),  # held out (session 9, blind): 100 s alone, 1 (at most 0.55), DER 0.096
    # voices cut out of held-out pairs, split by separation alone until a no-turn cluster under 20% of
    # the speech was judged as one stretch (session 9): 3 and 2 of 1 before; now 1, DER 0.061 / 0.056
    "one_voice_gongitsune_14": (True, 0.10),
    "one_voice_nezumi_12": (True, 0.10),
    "cassette_trio_kumo_gongitsune_nezumi": (True, 0.10),
    "cassette_pair_alpha_tebukuro": (True, 0.10),
    "cassette_pair_nezumi_tebukuro": (True, 0.10),
    "cassette_trio_alpha_nezumi_kumo": (True, 0.12),
    "cassette_three_voices": (True, 0.12),
    "one_voice_alpha": (True, 0.10),
    "one_voice_gongitsune": (True, 0.10),
    "one_voice_nezumi": (True, 0.10),
    "one_voice_tebukuro": (True, 0.10),
    "one_voice_kumo": (True, 0.10),
    "cassette_one_voice_nezumi": (True, 0.10),
    "real_three_voices": (True, 0.05),
    "real_two_voices": (True, 0.05),
}


ONE_VOICE = {"alpha": ("pair_alpha_gongitsune", "V1"), "gongitsune": ("pair_gongitsune_nezumi", "V1"),
             "nezumi": ("pair_nezumi_tebukuro", "V1"), "tebukuro": ("pair_alpha_tebukuro", "V2"),
             "kumo": ("pair_tebukuro_kumo", "V2"), "gongitsune_14": ("pair_gongitsune_nezumi_14", "V1"),
             "nezumi_12": ("pair_gongitsune_nezumi_12", "V2")}


def recording(name: str):
    """Samples, reference turns and the number of speakers of a named test recording."""
    if name.startswith("cassette_"):
        samples, reference, n = recording(name[len("cassette_"):])
        return cassette(samples), reference, n
    if name == "three_voices":
        folder = DEV.parent / "three_voices"
        return decode(folder / "synthetic_three_voices.flac").samples, \
            rttm_reference(folder / "synthetic_three_voices.rttm"), 3
    if name.startswith("one_voice_"):  # one voice of a pair, alone
        pair, who = ONE_VOICE[name[len("one_voice_"):]]
        source = VOICES / f"synthetic_{pair}.flac"
        return one_voice(decode(source).samples, rttm_reference(source.with_suffix(".rttm")), who) + (1,)
    if name == "real_three_voices":  # one of them twice, from two recording sessions
        return mix([("38853932", "A"), ("38833628", "C"), ("38925334", "A"), ("38898180", "D")]) + (3,)
    if name == "real_two_voices":
        return mix([("38853932", "A"), ("38833628", "C")]) + (2,)
    path = VOICES / f"synthetic_{name}.flac"
    return decode(path).samples, rttm_reference(path.with_suffix(".rttm")), len(
        {s for _, _, s in rttm_reference(path.with_suffix(".rttm"))})


@pytest.fixture(scope="module")
def results():
    """name -> (Diarization, reference, speakers), each recording diarized once with the count not given."""
    out = {}
    for name in EXPECTED:
        samples, reference, n = recording(name)
        out[name] = (diarize(audio_of(samples, name), DiarizeOptions(diarizer="builtin")), reference, n)
    return out


@pytest.mark.parametrize("name", EXPECTED)
def test_speakers_found_and_der(results, name):
    result, reference, n = results[name]
    found = len({t.speaker for t in result.turns})
    score = der(reference, result.turns)
    exact, bound = EXPECTED[name]
    print(f"{name}: {found} of {n} speakers, DER {score:.3f}, count {result.provenance['count']}")
    assert found <= n, f"{name}: {found} speakers found, it has {n}"
    if exact:
        assert found == n
    assert score <= bound


def test_provenance_shows_every_candidate_and_the_closest_pair(results):
    result, _, n = results["trio_alpha_nezumi_kumo"]
    count = result.provenance["count"]
    assert count["speakers"] == n and count["given"] is False
    assert set(count["candidates"]) >= {"2", "3"}
    assert count["candidates"]["3"] >= 1.0 > max(v for k, v in count["candidates"].items() if int(k) > 3)
    assert 0.0 < count["closest_pair"]["cosine_distance"] < 0.5 and count["closest_pair"]["separation"] >= 1.0
    assert count["closest_pair"]["by_turns"] is False  # voices apart on their own
    close = results["trio_kumo_gongitsune_nezumi"][0].provenance["count"]
    print(f"closest pair in a trio: {close}")
    assert close["speakers"] == 3 and close["closest_pair"]["by_turns"] is True  # told apart by their turns
    assert close["closest_pair"]["cosine_distance"] < 0.2  # measured 0.128
    pair = results["pair_gongitsune_nezumi"][0].provenance["count"]
    print(f"closest pair alone: {pair}")
    # six turns are too few for the runs test: told apart by how their pieces hold to their own voice
    assert pair["speakers"] == 2 and pair["closest_pair"]["by_turns"] is True
    assert pair["closest_pair"]["consistency"] >= 2.7  # measured 3.01; splits of one voice 2.8 at most, 1.9 in that band


def test_closest_pair_alone_found_by_taking_turns_and_holding_to_their_voice(results):
    """The closest pair alone in a clean talk of 8-12 turns scores under the consistency rule's 0.80
    (0.67-0.76): their turns (runs test) and their pieces' lean to their own voice both count them."""
    for name in ("pair_nezumi_gongitsune", "pair_nezumi_gongitsune_8", "pair_nezumi_gongitsune_12"):
        count = results[name][0].provenance["count"]
        print(f"{name}: {count}")
        assert count["speakers"] == 2 and count["closest_pair"]["by_turns"] is True
        assert count["closest_pair"]["consistency"] >= 2.5  # measured 2.76-3.15
        assert count["closest_pair"]["cosine_distance"] < 0.12  # measured 0.089-0.102


def test_closest_pair_alone_found_as_a_talk(results):
    """The closest pair alone in talks of 10-13 turns, scoring under 0.65 on their own voices (0.59-0.62
    measured), each owning 3+ whole turns and grouped into turns beyond chance: two by the talk rule
    (session 14). No split of one voice measured owns 3+ turns each and takes turns."""
    for name in ("pair_nezumi_gongitsune_s13", "cassette_pair_gongitsune_nezumi_s12", "pair_nezumi_gongitsune_13_s14"):
        count = results[name][0].provenance["count"]
        print(f"{name}: {count}")
        assert count["speakers"] == 2 and count["closest_pair"]["by_turns"] is True
        assert count["closest_pair"]["cosine_distance"] < 0.12  # measured 0.077-0.088


def test_refinement_puts_back_stretches_on_the_wrong_side():
    """Merging can leave a few stretches of the closest pair on the wrong side, and then the two no
    longer look like two voices (held-out pair_nezumi_gongitsune: 3 of its 33). Refined by whole
    stretches, a partition with three of them moved over on purpose comes back to the count's own."""
    from pipeline.diarize import builtin
    from pipeline.diarize.count import FINE_EXTRA, candidate, merge_sequence, pieces, refine
    from pipeline.speech import analyse
    samples, _, _ = recording("pair_gongitsune_nezumi")
    regions = builtin.speech_regions(analyse(samples))
    spans = builtin.windows(regions, builtin.CLUSTER_WINDOW, builtin.CLUSTER_HOP)
    P, seconds, stretch = pieces(regions, spans, builtin.embed(builtin.mel_frames(samples), spans), builtin.FPS)
    labels = merge_sequence(P, seconds, stretch, DiarizeOptions().max_speakers + FINE_EXTRA)[2][0]
    assert candidate(P, seconds, stretch, labels, 2)[1] >= 1.0  # measured 1.08
    whole = [s for s in np.unique(stretch) if len(set(labels[stretch == s].tolist())) == 1]
    wrong = labels.copy()
    for s in whole[1:7:2]:  # three stretches early in the talk
        wrong[stretch == s] = 1 - labels[stretch == s]
    print(f"score with three stretches on the wrong side: {candidate(P, seconds, stretch, wrong, 2)[1]:.2f}")
    assert candidate(P, seconds, stretch, wrong, 2)[1] < 1.0
    assert (refine(P, seconds, stretch, wrong) == labels).all()


def test_one_stretch_moved_back_into_pure_visits(results):
    """Two trios whose count scored a partition with one stretch of the close pair on the wrong side
    (0.60 / 0.70; neither refinement by nearest centroid moves it): the one move that raises the score
    most, kept where the pair then comes one at a time between the interviewer's questions, finds the
    third voice (session 15). A voice alone is not lifted by such moves: it has no visits between others."""
    for name in ("trio_tebukuro_nezumi_gongitsune_10", "cassette_trio_kumo_nezumi_gongitsune_11"):
        count = results[name][0].provenance["count"]
        print(f"{name}: {count}")
        assert count["speakers"] == 3 and count["closest_pair"]["by_turns"] is True
        assert count["candidates"]["3"] >= 1.0  # measured 1.205 / 1.229
        assert count["closest_pair"]["cosine_distance"] < 0.12  # measured 0.093 / 0.091


def test_a_close_voice_in_a_single_turn_counts_by_its_spectral_shape(results):
    """A close voice answering once between an interviewer's questions (jf_nezumi / jf_gongitsune, three
    stretches of one answer) is one more sentence of its partner to the voice embedding (k = 3 scores 0.73 / 0.83), and has
    no turns for the evidence over time; its sentences' spectral shape lies apart from its partner's (2.22 /
    2.62 of the partner's own spread; splits of one voice that reach this rule 0.5-1.0): three (session 18)."""
    from pipeline.diarize.count import SINGLE_VISIT_SHAPE
    for name in ("trio_kumo_nezumi_gongitsune_s17", "trio_tebukuro_nezumi_gongitsune_s17"):
        count = results[name][0].provenance["count"]
        print(f"{name}: {count}")
        assert count["speakers"] == 3 and count["closest_pair"]["by_spectrum"] >= SINGLE_VISIT_SHAPE
        assert count["closest_pair"]["separation"] < 1.0  # the embedding alone: one voice (measured 0.73 / 0.83)


def test_pair_moves_keep_only_moves_into_pure_visits():
    """`pair_moves` keeps a move only where the closest pair then has pure visits: on a two-voice talk
    (no third voice between them, hence no visits) the candidate comes back as it was."""
    from pipeline.diarize import builtin
    from pipeline.diarize.count import FINE_EXTRA, candidate, merge_sequence, pair_moves, pieces
    from pipeline.speech import analyse
    samples, _, _ = recording("pair_gongitsune_nezumi")
    regions = builtin.speech_regions(analyse(samples))
    spans = builtin.windows(regions, builtin.CLUSTER_WINDOW, builtin.CLUSTER_HOP)
    P, seconds, stretch = pieces(regions, spans, builtin.embed(builtin.mel_frames(samples), spans), builtin.FPS)
    labels = merge_sequence(P, seconds, stretch, DiarizeOptions().max_speakers + FINE_EXTRA)[2][0]
    whole = [s for s in np.unique(stretch) if len(set(labels[stretch == s].tolist())) == 1]
    wrong = labels.copy()
    wrong[stretch == whole[3]] = 1 - labels[stretch == whole[3]]
    cand = candidate(P, seconds, stretch, wrong, 2)
    assert pair_moves(P, seconds, stretch, cand, 2) is cand


def test_refinement_by_runs_moves_whole_answers():
    """Refined by runs, the stretches of one cluster in a row (an answer between others') move as one
    unit; a stretch the clustering split (a change of speaker inside) is no part of any unit."""
    from pipeline.diarize.count import _units
    stretch = np.array([0, 0, 1, 2, 2, 3, 4, 5, 5, 6])
    labels = np.array([0, 0, 0, 1, 1, 1, 0, 0, 1, 0])  # stretch 5 holds both clusters
    by_stretch = [u.tolist() for u in _units(stretch, labels, by_runs=False)]
    assert by_stretch == [[0, 1], [2], [3, 4], [5], [6], [9]]
    by_runs = [u.tolist() for u in _units(stretch, labels, by_runs=True)]
    assert by_runs == [[0, 1, 2], [3, 4, 5], [6], [9]]


def audio_of(samples, name="test"):
    return Audio(samples.astype(np.float32), AudioInfo(16000, 1, len(samples) / 16000, name), None)


def test_min_speakers_and_names_bound_the_count(tmp_path):
    """The closest pair is two when the collection says so (and found so unaided since issue 11's
    third session); the count is capped by --max-speakers."""
    from pipeline.options import load_config
    samples, reference, n = recording("pair_gongitsune_nezumi")
    result = diarize(audio_of(samples), DiarizeOptions(diarizer="builtin", min_speakers=2))
    score = der(reference, result.turns)
    print(f"closest pair with --min-speakers 2: DER {score:.3f}, count {result.provenance['count']}")
    assert len({t.speaker for t in result.turns}) == 2 and result.provenance["count"]["speakers"] == 2
    assert score <= 0.15
    config = tmp_path / "collection.toml"
    config.write_text('[speakers]\nnames = ["聞き手", "語り手"]\n', encoding="utf-8")
    assert load_config(config).diarize.min_speakers == 2
    trio, _, _ = recording("trio_alpha_nezumi_kumo")
    capped = diarize(audio_of(trio), DiarizeOptions(diarizer="builtin", max_speakers=2))
    assert len({t.speaker for t in capped.turns}) == 2


def test_one_voice_saying_its_sentences_again_is_one_voice(tmp_path):
    """The dense benchmark's second pass repeats every sentence (at another speed): a few repeated
    sentences of one voice form tight little clusters that once counted as voices (4 for 1, and 5 for
    2 on the whole 10 minutes). A cluster owning no turn of its own is not trusted as a voice."""
    import sys
    from conftest import ROOT
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_dense import build
    build(10.0, tmp_path / "dense")
    source = tmp_path / "dense.flac"
    samples, reference = one_voice(decode(source).samples, rttm_reference(source.with_suffix(".rttm")), "I")
    result = diarize(audio_of(samples), DiarizeOptions(diarizer="builtin"))
    count = result.provenance["count"]
    print(f"interviewer alone, {len(samples) / 16000:.0f} s: {count}")
    assert len({t.speaker for t in result.turns}) == 1 and count["speakers"] == 1
    assert max(count["candidates"].values()) < 0.8  # measured 0.42


def test_pure_visits_between_other_voices():
    """Two people answering an interviewer come one at a time between the questions; one voice split by
    the style of its sentences mixes both halves inside one answer. Stretch owners in time order
    (0: the interviewer): ten answers of two stretches each, every one one voice's alone, are pure
    beyond chance (z 3.3); the same stretches dealt across the answers are not; with no third voice
    between them there are no visits to judge."""
    from pipeline.diarize.count import MIN_VISITS, PURE_VISITS_Z, pure_visits_z
    apart = np.array([0, 1, 1, 0, 2, 2] * 5)
    mixed = np.array([0, 1, 2, 0, 2, 1, 0, 1, 2, 0, 2, 2, 0, 1, 1, 0, 2, 1, 0, 2, 1, 0, 1, 2, 0, 1, 1, 0, 2, 2])
    print(f"apart {pure_visits_z(apart, 1, 2):.2f}, mixed {pure_visits_z(mixed, 1, 2):.2f}")
    assert pure_visits_z(apart, 1, 2) >= PURE_VISITS_Z
    assert pure_visits_z(mixed, 1, 2) < 1.0
    assert np.isnan(pure_visits_z(np.array([1, 1, 2, 2, 1, 1, 2, 2, 1, 2]), 1, 2))  # two alone: one visit
    assert np.isnan(pure_visits_z(apart[:3 * (MIN_VISITS - 1)], 1, 2))  # too few visits to tell


def test_a_cluster_split_by_its_visits_keeps_each_answer_whole():
    """Splitting a cluster by its visits (runs of its stretches between the interviewer's) keeps each
    answer of two stretches on one side: here the second stretch of the first answer lies nearer the
    other voice (as on a cassette copy): split stretch by stretch it goes with that voice, split by
    visits it stays in its answer."""
    from pipeline.diarize.count import splits_in_two, visits_of
    a, b, asking = np.array([1.0, 0.3, 0.0]), np.array([1.0, -0.3, 0.0]), np.array([0.0, 0.0, 1.0])
    odd = np.array([1.0, -0.1, 0.0])  # voice a, nearer b
    P = np.stack([asking, a, odd, asking, b, b, asking, a, a, asking, b, b])
    P /= np.linalg.norm(P, axis=1, keepdims=True)
    seconds, stretch = np.ones(len(P)), np.arange(len(P))
    labels = np.array([0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1])
    units = visits_of(seconds, stretch, labels, 1)
    assert units[1] == units[2] and units[4] == units[5] and units[1] != units[7] and units[0] == 0
    truth = {(1, 2, 7, 8), (4, 5, 10, 11)}

    def sides(by):
        return [{tuple(np.flatnonzero(split == side).tolist()) for side in np.unique(split[labels == 1])}
                for split in splits_in_two(P, seconds, by, labels, 1, 10)]
    assert truth in sides(units)
    assert truth not in sides(stretch)  # stretch by stretch, the odd one goes with the other voice
