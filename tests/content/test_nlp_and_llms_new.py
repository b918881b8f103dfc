"""Recompute the numbers in the classic-NLP questions added in round 4 (issue 24)."""

import itertools
import math
from collections import Counter

import numpy as np
import pytest

from tests.bank import answer_words, question

NEW_IDS = [
    "sequence-labelling-bio-crf",
    "named-entity-recognition-evaluation",
    "text-classification-approaches",
    "bleu-rouge-and-learned-metrics",
    "seq2seq-attention-bahdanau-luong",
    "unigram-tokenizer-and-vocab-size",
    "glove-fasttext-vs-contextual",
    "perplexity-across-tokenizers",
]


def _softmax(x):
    e = np.exp(np.asarray(x, dtype=float) - np.max(x))
    return e / e.sum()


@pytest.mark.parametrize("qid", NEW_IDS)
def test_new_questions_are_dated_and_short(qid):
    q = question(qid)
    assert q["reviewed"] == "2026-12"
    assert len(q["short"]) <= 200
    assert '!!! question "Follow-up to expect"' in q["answer"]


def test_difficulty_mix_of_the_new_questions():
    counts = Counter(question(qid)["difficulty"] for qid in NEW_IDS)
    assert counts["basic"] >= 3 and counts["intermediate"] >= 4 and counts["advanced"] >= 1


# --- sequence labelling: CRF path scores and Viterbi -------------------------------------------

TAGS = ["O", "B", "I"]
EMIT = np.array([[3.0, 0.0, -1.0], [0.2, 2.0, 0.5], [0.1, 1.2, 1.0]])  # to, New, York
TRANS = np.array([[0.0, 0.0, -3.0], [0.0, -0.5, 1.0], [0.0, -0.5, 0.5]])  # row: previous tag
START = np.array([0.0, 0.0, -3.0])


def _path_score(path):
    score = START[path[0]] + EMIT[0, path[0]]
    for t in range(1, len(path)):
        score += TRANS[path[t - 1], path[t]] + EMIT[t, path[t]]
    return score


def _viterbi(emit, trans, start):
    delta = start + emit[0]
    back = []
    for t in range(1, len(emit)):
        cand = delta[:, None] + trans  # cand[i, j]: come from i, go to j
        back.append(cand.argmax(axis=0))
        delta = cand.max(axis=0) + emit[t]
    best = [int(delta.argmax())]
    for pointers in reversed(back):
        best.append(int(pointers[best[-1]]))
    return best[::-1], float(delta.max())


def test_crf_viterbi_beats_per_token_argmax():
    text = answer_words("sequence-labelling-bio-crf")
    assert [TAGS[i] for i in EMIT.argmax(axis=1)] == ["O", "B", "B"]
    york = _softmax(EMIT[2])
    assert f"{york[1]:.3f}" == "0.465" and f"{york[2]:.3f}" == "0.381"
    assert "B 0.465 against I 0.381" in text

    assert math.isclose(_path_score((0, 1, 2)), 7.0) and math.isclose(_path_score((0, 1, 1)), 5.7)
    assert "$3.0 + 2.0 + 1.0$ plus B→I $1.0$ gives $7.0$" in text
    assert "$3.0 + 2.0 + 1.2$ plus B→B $-0.5$ gives $5.7$" in text

    scores = {p: _path_score(p) for p in itertools.product(range(3), repeat=3)}
    assert len(scores) == 27 and "all 27 paths" in text
    best, best_score = _viterbi(EMIT, TRANS, START)
    assert tuple(best) == max(scores, key=scores.get) == (0, 1, 2)
    assert math.isclose(best_score, 7.0)

    log_z = math.log(sum(math.exp(s) for s in scores.values()))
    assert f"{math.exp(7.0 - log_z):.3f}" == "0.619"
    assert f"{math.exp(5.7 - log_z):.3f}" == "0.169"
    assert "probability 0.619 and the split reading 0.169" in text


def test_viterbi_handles_one_token_and_ties():
    best, score = _viterbi(EMIT[:1], TRANS, START)
    assert best == [0] and score == 3.0
    flat = np.zeros((2, 2))
    best, score = _viterbi(flat, np.zeros((2, 2)), np.zeros(2))
    assert best == [0, 0] and score == 0.0  # ties go to the lowest tag index


# --- NER: entity-level scoring --------------------------------------------------------------------


def _entities(tags, strict):
    """Spans (type, start, end). conlleval lets a stray I- open an entity; strict IOB2 drops it."""
    spans, start, kind = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and kind == typ
        if start is not None and not continues:
            spans.append((kind, start, i - 1))
            start, kind = None, None
        if prefix == "B" or (prefix == "I" and not continues and not strict):
            start, kind = i, typ
    return set(spans)


def _prf(gold, pred):
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def test_ner_token_versus_entity_scores():
    text = answer_words("named-entity-recognition-evaluation")
    gold = ["B-PER", "I-PER", "O", "O", "O", "B-LOC"]
    pred = ["O", "I-PER", "O", "O", "O", "B-LOC"]
    assert "gold `B-PER I-PER O O O B-LOC`, predicted `O I-PER O O O B-LOC`" in text

    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    assert f"{accuracy:.3f}" == "0.833" and "5 of 6 tags right, 0.833" in text
    correct_non_o = sum(g == p != "O" for g, p in zip(gold, pred))
    p_tok = correct_non_o / sum(t != "O" for t in pred)
    r_tok = correct_non_o / sum(t != "O" for t in gold)
    assert (p_tok, round(r_tok, 3)) == (1.0, 0.667)
    assert math.isclose(2 * p_tok * r_tok / (p_tok + r_tok), 0.8)
    assert "precision 2/2, recall 2/3, F1 0.8" in text

    gold_spans = _entities(gold, strict=False)
    assert gold_spans == {("PER", 0, 1), ("LOC", 5, 5)} == _entities(gold, strict=True)
    lenient = _entities(pred, strict=False)
    assert lenient == {("PER", 1, 1), ("LOC", 5, 5)}
    assert _prf(gold_spans, lenient) == (0.5, 0.5, 0.5)
    assert "precision 1/2, recall 1/2, F1 0.5" in text
    strict = _entities(pred, strict=True)
    assert strict == {("LOC", 5, 5)}
    p, r, f = _prf(gold_spans, strict)
    assert (p, r, f"{f:.3f}") == (1.0, 0.5, "0.667")
    assert "precision 1/1, recall 1/2, F1 0.667" in text


def test_entity_scoring_edge_cases():
    assert _prf(set(), set()) == (0.0, 0.0, 0.0)
    assert _entities(["B-PER", "I-LOC"], strict=False) == {("PER", 0, 0), ("LOC", 1, 1)}
    assert _entities(["B-PER", "I-LOC"], strict=True) == {("PER", 0, 0)}
    assert _entities(["B-PER", "B-PER"], strict=True) == {("PER", 0, 0), ("PER", 1, 1)}


# --- text classification: serving cost ------------------------------------------------------------


def test_text_classification_cost_arithmetic():
    text = answer_words("text-classification-approaches")
    tickets, tokens_each = 1_000_000, 400
    tokens = tickets * tokens_each
    assert tokens == 4e8 and "$4 \\times 10^8$ tokens a day" in text
    per_day = tokens / 1e6 * 0.50
    assert per_day == 200 and "USD 200 a day" in text
    assert per_day * 365 == 73_000 and "USD 73,000 a year" in text
    gpu_seconds = tickets / 500
    assert gpu_seconds == 2000 and "$10^6 / 500 = 2{,}000$ GPU-seconds" in text
    gpu_hours = gpu_seconds / 3600
    assert round(gpu_hours, 2) == 0.56 and "0.56 GPU-hours" in text
    assert round(gpu_hours * 2, 2) == 1.11 and "USD 1.11" in text
    assert round(tickets / 86_400, 1) == 11.6 and "11.6 tickets a second" in text


# --- BLEU and ROUGE -------------------------------------------------------------------------------


def _ngrams(tokens, n):
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _modified_precision(cand, ref, n):
    c, r = _ngrams(cand, n), _ngrams(ref, n)
    return sum(min(k, r[g]) for g, k in c.items()), max(sum(c.values()), 0)


def _bleu(cand, ref, smooth_exp=False):
    """Sentence BLEU with one reference; smooth_exp mirrors sacreBLEU's default 'exp' smoothing."""
    if not cand:
        return 0.0
    logs, zeros = [], 0
    for n in range(1, 5):
        match, total = _modified_precision(cand, ref, n)
        if total == 0:
            return 0.0
        if match == 0:
            if not smooth_exp:
                return 0.0
            zeros += 1
            logs.append(math.log(1 / (2**zeros * total)))
        else:
            logs.append(math.log(match / total))
    c, r = len(cand), len(ref)
    bp = 1.0 if c > r else math.exp(1 - r / c)
    return bp * math.exp(sum(logs) / 4)


def _lcs(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


def _f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


CAND = "the cat sat on the mat".split()
REF = "the cat sat on the red mat".split()


def test_bleu_worked_example():
    text = answer_words("bleu-rouge-and-learned-metrics")
    precisions = [_modified_precision(CAND, REF, n) for n in range(1, 5)]
    assert precisions == [(6, 6), (4, 5), (3, 4), (2, 3)]
    assert "$p_1 = 6/6$, $p_2 = 4/5$, $p_3 = 3/4$, $p_4 = 2/3$" in text
    product = math.prod(m / t for m, t in precisions)
    assert math.isclose(product, 0.4) and "product is 0.4" in text
    geo = product**0.25
    assert f"{geo:.3f}" == "0.795" and "fourth root 0.795" in text
    bp = math.exp(1 - 7 / 6)
    assert f"{bp:.3f}" == "0.846" and "e^{1 - 7/6} = 0.846" in text
    bleu = _bleu(CAND, REF)
    assert f"{bleu:.3f}" == "0.673" and f"{100 * bleu:.1f}" == "67.3"
    assert "0.846 \\times 0.795 = 0.673" in text and "reported as 67.3" in text
    assert "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0" in text


def test_bleu_clipping_smoothing_and_edge_cases():
    text = answer_words("bleu-rouge-and-learned-metrics")
    junk = ["the"] * 6
    assert _ngrams(junk, 1)[("the",)] == 6
    assert _modified_precision(junk, REF, 1) == (2, 6) and "$2/6$ clipped" in text
    assert _bleu(junk, REF) == 0.0  # p2..p4 are zero without smoothing
    assert f"{100 * _bleu(junk, REF, smooth_exp=True):.1f}" == "8.2" and "reports 8.2" in text
    assert _bleu([], REF) == 0.0
    assert _bleu(["the", "cat"], REF) == 0.0  # no 3- or 4-grams at all
    assert math.isclose(_bleu(REF, REF), 1.0)


def test_rouge_worked_example():
    text = answer_words("bleu-rouge-and-learned-metrics")
    r1 = sum((_ngrams(CAND, 1) & _ngrams(REF, 1)).values())
    p, r = r1 / len(CAND), r1 / len(REF)
    assert (p, f"{r:.3f}", f"{_f1(p, r):.3f}") == (1.0, "0.857", "0.923")
    assert "ROUGE-1: recall 6/7 = 0.857, precision 1, F1 0.923" in text
    r2 = sum((_ngrams(CAND, 2) & _ngrams(REF, 2)).values())
    p2, rec2 = r2 / (len(CAND) - 1), r2 / (len(REF) - 1)
    assert (r2, f"{_f1(p2, rec2):.3f}") == (4, "0.727")
    assert "ROUGE-2: recall 4/6, precision 4/5, F1 0.727" in text
    lcs = _lcs(CAND, REF)
    assert lcs == 6 and f"{_f1(lcs / len(CAND), lcs / len(REF)):.3f}" == "0.923"
    assert "ROUGE-L: LCS of 6 tokens, F1 0.923" in text


# --- attention before transformers ----------------------------------------------------------------


def test_dot_and_additive_attention_weights():
    text = answer_words("seq2seq-attention-bahdanau-luong")
    h = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    s = np.array([2.0, 1.0])
    dot = h @ s
    assert dot.tolist() == [2.0, 1.0, 3.0] and "Dot scores $(2, 1, 3)$" in text
    w = _softmax(dot)
    assert [f"{x:.3f}" for x in w] == ["0.245", "0.090", "0.665"]
    assert "softmax weights $(0.245, 0.090, 0.665)$" in text
    context = w @ h
    assert [f"{x:.3f}" for x in context] == ["0.910", "0.755"] and "= (0.910, 0.755)$" in text

    additive = np.tanh(s + h) @ np.array([1.0, 1.0])  # W_a = U_a = I, v_a = (1, 1)
    assert [f"{x:.3f}" for x in additive] == ["1.757", "1.928", "1.959"]
    assert "(1.757, 1.928, 1.959)" in text
    wa = _softmax(additive)
    assert [f"{x:.3f}" for x in wa] == ["0.293", "0.348", "0.359"] and "(0.293, 0.348, 0.359)" in text
    assert np.all(np.abs(additive) <= 2) and "\\lVert v_a \\rVert_1 = 2" in text


# --- Unigram LM segmentation and vocabulary size --------------------------------------------------

PIECES = {"un": 0.05, "happy": 0.02, "hap": 0.01, "py": 0.01, "unh": 0.001, "appy": 0.001}
PIECES.update({ch: 0.005 for ch in "unhapy"})


def _segmentations(word):
    if not word:
        yield []
        return
    for i in range(1, len(word) + 1):
        if word[:i] in PIECES:
            for rest in _segmentations(word[i:]):
                yield [word[:i], *rest]


def _unigram_viterbi(word):
    """Best segmentation by dynamic programming over log-probabilities; None if none exists."""
    best = [(0.0, [])] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            piece = word[start:end]
            if piece in PIECES and best[start] is not None:
                cand = (best[start][0] + math.log(PIECES[piece]), best[start][1] + [piece])
                if best[end] is None or cand[0] > best[end][0]:
                    best[end] = cand
    return best[-1]


def test_unigram_segmentation_example():
    text = answer_words("unigram-tokenizer-and-vocab-size")
    probs = {tuple(seg): math.prod(PIECES[p] for p in seg) for seg in _segmentations("unhappy")}
    assert len(probs) == 15 and "of the 15 possible segmentations" in text
    assert math.isclose(probs[("un", "happy")], 1e-3)
    assert math.isclose(probs[("un", "hap", "py")], 5e-6) and math.isclose(probs[("unh", "appy")], 1e-6)
    logp, seg = _unigram_viterbi("unhappy")
    assert seg == ["un", "happy"] and f"{logp:.2f}" == "-6.91" and "log-probability −6.91" in text
    ranked = sorted(probs.values(), reverse=True)
    assert round(ranked[0] / ranked[1]) == 200 and "200 times likelier" in text
    share = ranked[0] / sum(ranked)
    assert f"{100 * share:.1f}" == "99.3" and "99.3% of the probability" in text
    assert _unigram_viterbi("xyz") is None  # no piece covers 'x'
    assert _unigram_viterbi("") == (0.0, [])


def test_utf8_bytes_and_embedding_sizes():
    text = answer_words("unigram-tokenizer-and-vocab-size")
    assert [len(ch.encode("utf-8")) for ch in ("é", "中", "😀")] == [2, 3, 4]
    assert "(é 2, 中 3, most emoji 4)" in text
    assert round(32_000 * 4096 / 1e6) == 131 and "131 million at $V = 32{,}000$" in text
    assert round(128_256 * 4096 / 1e6) == 525 and "525 million at $V = 128{,}256$" in text


# --- GloVe weighting and fastText n-grams ---------------------------------------------------------


def _char_ngrams(word, lo=3, hi=6):
    padded = f"<{word}>"
    return [padded[i : i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1)]


def test_glove_weights_and_fasttext_ngrams():
    text = answer_words("glove-fasttext-vs-contextual")

    def f(x, x_max=100, alpha=0.75):
        return min(1.0, (x / x_max) ** alpha)

    assert f"{f(10):.3f}" == "0.178" and "$f = (10/100)^{0.75} = 0.178$" in text
    assert f"{f(1):.3f}" == "0.032" and "a pair seen once 0.032" in text
    assert f(100) == 1.0 and f(5000) == 1.0
    grams = _char_ngrams("where")
    assert grams[:5] == ["<wh", "whe", "her", "ere", "re>"]
    assert "`<wh`, `whe`, `her`, `ere`, `re>`" in text
    assert len(grams) == 14 == 5 + 4 + 3 + 2 and "$5 + 4 + 3 + 2 = 14$" in text
    assert "<where>" not in grams and "15 vectors summed" in text
    assert "<her>" not in grams and "her" in grams


# --- perplexity across tokenizers -----------------------------------------------------------------


def test_bits_per_byte_table():
    text = answer_words("perplexity-across-tokenizers")
    n_bytes, n_words = 1_000_000, 180_000
    rows = {"A": (250_000, 2.40), "B": (200_000, 2.85)}
    expected = {"A": ("600,000", "11.02", "0.866", "28.0"), "B": ("570,000", "17.29", "0.822", "23.7")}
    for name, (tokens, loss) in rows.items():
        nll = tokens * loss
        values = (
            f"{nll:,.0f}",
            f"{math.exp(loss):.2f}",
            f"{nll / (math.log(2) * n_bytes):.3f}",
            f"{math.exp(nll / n_words):.1f}",
        )
        assert values == expected[name]
        row = f"| {name} | {tokens:,} | {loss:.2f} | " + " | ".join(values) + " |"
        assert row in text
    bits = 570_000 / math.log(2)
    assert round(bits, -3) == 822_000 and "\\approx 822{,}000$ bits" in text
    assert round(bits / 8 / 1000) == 103 and "roughly 103 KB" in text


def test_sliding_window_gap_from_hugging_face_docs():
    text = answer_words("perplexity-across-tokenizers")
    assert "19.44 with stride 1,024" in text and "16.44 with stride 512" in text
    assert round(100 * (19.44 - 16.44) / 19.44) == 15 and "a 15% gap" in text
