"""Recompute the numbers of the coding questions written with the browser exercises, and tie them to those exercises.

Each review question's example is recomputed by running the exercise's own starter (the AI-written code) and
solution, so an answer that describes the bug and the code that carries it cannot drift apart.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from statistics import NormalDist

import numpy as np
import pytest
import yaml

from tests.bank import CONTENT, answer, answer_words, question

IMPLEMENT = {
    "implement-reservoir-sampling": "intermediate",
    "implement-iou-non-max-suppression": "intermediate",
    "implement-edit-distance": "basic",
    "implement-top-k-frequent-heap": "basic",
}
REVIEW = {
    "review-ai-kfold-scaler-leakage": "intermediate",
    "review-ai-softmax-overflow-axis": "basic",
    "review-ai-unshuffled-three-way-split": "basic",
    "review-ai-roc-auc-ties": "advanced",
    "review-ai-biased-variance-cancellation": "basic",
    "review-ai-mutable-default-ngrams": "basic",
    "review-ai-ndcg-ideal-ranking": "intermediate",
    "review-ai-target-encoding-leakage": "advanced",
    "review-ai-cross-entropy-log-softmax": "intermediate",
    "review-ai-iou-unclamped-overlap": "intermediate",
    "review-ai-ztest-one-sided-pvalue": "intermediate",
    "review-ai-causal-attention-mask": "advanced",
}
NEW = {**IMPLEMENT, **REVIEW}


def _exercise(qid: str) -> dict:
    return yaml.safe_load((CONTENT / "exercises" / f"{qid}.yaml").read_text(encoding="utf-8"))


def _function(qid: str, which: str):
    """The entry function of an exercise's starter or solution, loaded the way the harness loads it."""
    data = _exercise(qid)
    namespace: dict = {"__name__": "exercise"}
    exec(compile(data[which], f"{qid}:{which}", "exec"), namespace)  # the bank's own code, not a reader's
    return namespace[data["entry"]]


def _code(qid: str) -> dict:
    """Run the answer's python block and return its names."""
    code = re.search(r"```python\n(.*?)```", answer(qid), re.S).group(1)
    namespace: dict = {}
    exec(code, namespace)
    return namespace


def _says(qid: str, *numbers: str) -> None:
    text = answer_words(qid)
    for number in numbers:
        assert number in text, f"{qid}: {number!r} not in the answer"


def test_new_questions_sit_at_the_end_of_the_coding_topic_with_the_planned_mix() -> None:
    ids = [q["id"] for q in yaml.safe_load((CONTENT / "coding.yaml").read_text(encoding="utf-8"))["questions"]]
    assert ids[-len(NEW) :] == list(NEW)
    levels = Counter(question(qid)["difficulty"] for qid in NEW)
    assert {qid: question(qid)["difficulty"] for qid in NEW} == NEW
    assert (levels["basic"], levels["intermediate"], levels["advanced"]) == (6, 7, 3)


@pytest.mark.parametrize("qid", list(NEW))
def test_each_new_question_has_its_exercise_and_the_house_shape(qid: str) -> None:
    q, ex = question(qid), _exercise(qid)
    assert ex["question"] == qid
    assert ex["kind"] == ("review" if qid in REVIEW else "implement")
    assert ("ai-review" in q["tags"]) == (qid in REVIEW)
    assert len(q["short"]) <= 200 and 2 <= len(q["related"]) <= 5
    text = q["answer"]
    for label in ("**How it works.**", "**Example.**", "**Trade-offs.**", '!!! question "Follow-up to expect"'):
        assert label in text, f"{qid} lacks {label}"
    if qid in REVIEW:
        assert "**What the interviewer watches for.**" in text
        assert len(ex["bugs"]) == 2


# --- implement questions: the answer's code runs and gives the stated numbers ---------------------


def test_reservoir_example_and_inclusion_probability() -> None:
    draws = iter([1, 3, 0, 4])

    class Scripted:
        @staticmethod
        def randint(low: int, high: int) -> int:
            j = next(draws)
            assert low <= j <= high
            return j

    sample = _code("implement-reservoir-sampling")["reservoir_sample"]("abcdef", 2, Scripted)
    assert (
        sample == ["e", "c"] == _function("implement-reservoir-sampling", "solution")(list("abcdef"), 2, [1, 3, 0, 4])
    )
    survive = math.prod([2 / 3, 3 / 4, 4 / 5, 5 / 6])
    assert math.isclose(survive, 2 / 6)
    _says("implement-reservoir-sampling", "`[e, c]`", "\\frac{1}{3}")


def test_iou_nms_example() -> None:
    ns = _code("implement-iou-non-max-suppression")
    a, b, c = (0, 0, 10, 10), (1, 1, 11, 11), (20, 20, 30, 30)
    assert f"{ns['iou'](a, b):.3f}" == "0.681" and 81 / 119 == ns["iou"](a, b)
    assert ns["nms"]([a, b, c], [0.9, 0.8, 0.7], 0.5) == [0, 2]
    assert ns["iou"]((0, 0, 1, 1), (3, 3, 4, 4)) == 0.0
    for bad in (([a], [0.9, 0.8], 0.5), ([a, b], [0.9], 0.5), ([a], [0.9], 1.5), ([a], [0.9], -0.1)):
        with pytest.raises(ValueError):
            ns["nms"](*bad)
    _says("implement-iou-non-max-suppression", "intersection 81, union $100 + 100 - 81 = 119$, IoU $= 0.681$")


def test_edit_distance_and_word_error_rate() -> None:
    distance = _code("implement-edit-distance")["edit_distance"]
    assert distance("kitten", "sitting") == 3
    ref, hyp = "the cat sat on the mat".split(), "the cat sit on mat".split()
    assert distance(ref, hyp) == 2 and f"{2 / len(ref):.3f}" == "0.333"
    assert _function("implement-edit-distance", "solution")(ref, hyp) == 2
    _says("implement-edit-distance", '"kitten" to "sitting" is 3', "WER $= 2/6 = 0.333$")
    assert "WER = distance over words / reference length" in question("implement-edit-distance")["short"]


def test_top_k_example_and_the_tie_rule_against_most_common() -> None:
    top_k = _code("implement-top-k-frequent-heap")["top_k_frequent"]
    assert top_k(list("bacabad"), 2) == [("a", 3), ("b", 2)]
    assert top_k(list("zyzyx"), 1) == [("y", 2)]
    assert Counter("zyzyx").most_common(1) == [("z", 2)]
    _says("implement-top-k-frequent-heap", "the rule above returns y, while `most_common(1)` returns z")


# --- review questions: the starter shows the bug with the numbers the answer states ----------------


def test_kfold_leakage_numbers() -> None:
    qid = "review-ai-kfold-scaler-leakage"
    fixed, buggy = _function(qid, "solution"), _function(qid, "starter")
    assert fixed([0, 0, 0, 10], 2)[1] == [0.0, 10.0]
    std = math.sqrt(sum((v - 2.5) ** 2 for v in [0, 0, 0, 10]) / 4)
    assert f"{std:.2f}" == "4.33" and f"{buggy([0, 0, 0, 10], 2)[1][1]:.2f}" == "1.73"
    assert [len(f) for f in fixed(list(range(10)), 3)] == [4, 3, 3]
    assert sum(len(f) for f in buggy(list(range(10)), 3)) == 9
    _says(qid, "$\\sqrt{18.75} = 4.33$", "$(10 - 2.5)/4.33 = 1.73$", "sizes 4, 3 and 3")


def test_softmax_axis_and_ranges() -> None:
    qid = "review-ai-softmax-overflow-axis"
    fixed, buggy = _function(qid, "solution"), _function(qid, "starter")
    rows = fixed([[0, 0], [0, 1]])
    assert [f"{p:.3f}" for p in rows[1]] == ["0.269", "0.731"]
    first = buggy([[0, 0], [0, 1]])[0]
    assert [f"{p:.3f}" for p in first] == ["0.500", "0.269"] and f"{sum(first):.3f}" == "0.769"
    assert f"{1 + math.e:.3f}" == "3.718"
    with pytest.raises(OverflowError):
        buggy([[1000.0, 1001.0]])
    with pytest.raises(ZeroDivisionError):  # every exp underflows to 0.0
        buggy([[-1000.0, -1000.0]])
    assert fixed([[-1000.0, -1000.0]]) == [[0.5, 0.5]]
    assert f"{math.log(sys.float_info.max):.1f}" == "709.8" and f"{math.log(65504):.1f}" == "11.1"
    assert math.exp(-745) > 0 and math.exp(-746) == 0  # "tiny terms underflow below about e^-745"
    _says(
        qid,
        "$1 + e = 3.718$",
        "sums to 0.769",
        "e^{709.8}",
        "65,504",
        "$x \\approx 11.1$",
        "about $e^{-745}$",
        "`[[-1000, -1000]]`",
    )


def test_unshuffled_split_example() -> None:
    qid = "review-ai-unshuffled-three-way-split"
    order = [7, 2, 9, 0, 4, 5, 1, 8, 3, 6]
    assert _function(qid, "solution")(order, 0.6, 0.2) == ([0, 2, 4, 5, 7, 9], [1, 8], [3, 6])
    assert _function(qid, "starter")(order, 0.6, 0.2) == ([0, 1, 2, 3, 4, 5], [6, 7, 8], [8, 9])
    _says(
        qid,
        "train `[0, 2, 4, 5, 7, 9]`, validation `[1, 8]` and test `[3, 6]`",
        "validation `[6, 7, 8]` and test `[8, 9]`",
    )


def test_auc_ties_numbers() -> None:
    qid = "review-ai-roc-auc-ties"
    fixed, buggy = _function(qid, "solution"), _function(qid, "starter")
    assert buggy([0, 1, 0, 1], [0.5] * 4) == 1.0 and fixed([0, 1, 0, 1], [0.5] * 4) == 0.5
    y, s = [1, 0, 1, 0, 1, 0, 0], [0.3, 0.3, 0.3, 0.1, 0.2, 0.2, 0.1]
    pos = [a for a, t in zip(s, y, strict=True) if t]
    neg = [a for a, t in zip(s, y, strict=True) if not t]
    pairwise = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))
    assert f"{fixed(y, s):.3f}" == f"{pairwise:.3f}" == "0.792" and f"{buggy(y, s):.3f}" == "0.917"
    with pytest.raises(ZeroDivisionError):
        buggy([1, 1], [0.2, 0.4])
    _says(
        qid,
        "$R_+ = 7$ and AUC $= (7 - 3)/4 = 1.0$",
        "$R_+ = 5$ and AUC $= (5 - 3)/4 = 0.5$",
        "is 0.792",
        "reports 0.917",
    )


def test_variance_numbers() -> None:
    qid = "review-ai-biased-variance-cancellation"
    fixed, buggy = _function(qid, "solution"), _function(qid, "starter")
    assert f"{buggy([3, 5, 10]):.2f}" == "8.67" and fixed([3, 5, 10]) == 13.0
    big = [1e9 + d for d in (4, 7, 13, 16)]
    assert fixed(big) == 30.0 and buggy(big) == -128.0
    assert math.ulp(4e18) == 512
    m2 = sum((v - 1e9 - 10) ** 2 for v in big)
    assert m2 == 90 and 3.9e18 < sum(v * v for v in big) < 4.1e18
    _says(qid, "$26/3 = 8.67$", "$26/2 = 13$", "the starter returns $-128$ in float64", "512 apart", "difference of 90")


def test_mutable_default_example() -> None:
    qid = "review-ai-mutable-default-ngrams"
    docs = [["x", "y"], ["x", "y"], ["y", "x"]]
    assert _function(qid, "solution")(docs) == [{"x y": 1}, {"x y": 1}, {"y x": 1}]
    result = _function(qid, "starter")(docs)
    assert result == [{}, {}, {}] and result[0] is result[1] is result[2]
    half_fixed = _exercise(qid)["starter"].replace("range(len(tokens) - n)", "range(len(tokens) - n + 1)")
    namespace: dict = {}
    exec(half_fixed, namespace)
    shared = namespace["ngram_counts_per_doc"](docs)
    assert shared[0] is shared[2] and shared[0] == {"x y": 2, "y x": 1}
    _says(qid, '`{"x y": 2, "y x": 1}`')


def test_ndcg_numbers() -> None:
    qid = "review-ai-ndcg-ideal-ranking"
    ideal = 7 + 1 / math.log2(3)
    assert f"{ideal:.3f}" == "7.631"
    assert f"{_function(qid, 'solution')([1, 0, 3], [0.9, 0.8, 0.1], 2):.3f}" == f"{1 / ideal:.3f}" == "0.131"
    assert _function(qid, "starter")([1, 0, 3], [0.9, 0.8, 0.1], 2) == 1.0
    _says(qid, "$7 + 1/\\log_2 3 = 7.631$", "NDCG@2 $= 0.131$", "returns 1.0")


def test_target_encoding_numbers() -> None:
    qid = "review-ai-target-encoding-leakage"
    leaky = _function(qid, "starter")(["a", "a", "a", "a", "rare"], [1, 0, 1, 0, 1], 2, 2)
    assert [f"{v:.3f}" for v in (leaky[0], leaky[4])] == ["0.533", "0.733"]
    assert (2 + 2 * 0.6) / 6 == leaky[0] and (1 + 2 * 0.6) / 3 == leaky[4]
    _says(qid, "$(2 + 1.2)/(4 + 2) = 0.533$", "$(1 + 1.2)/(1 + 2) = 0.733$")
    targets = [1, 1, 0, 0]  # one category, S = 2, c = 4
    loo = [(sum(targets) - y) / (len(targets) - 1) for y in targets]
    assert loo == [1 / 3, 1 / 3, 2 / 3, 2 / 3]  # the positives get the lower value
    _says(qid, "so the positives get the lower value (with $S = 2$ and $c = 4$, 1/3 against 2/3)")


def test_cross_entropy_numbers() -> None:
    qid = "review-ai-cross-entropy-log-softmax"
    fixed, buggy = _function(qid, "solution"), _function(qid, "starter")
    first = math.log(math.e**2 + math.e + 1) - 2
    assert (f"{first:.3f}", f"{math.log(3):.3f}") == ("0.408", "1.099")
    logits, labels = [[2.0, 1.0, 0.0], [0.0, 0.0, 0.0]], [0, 2]
    assert f"{fixed(logits, labels):.3f}" == "0.753" and f"{buggy(logits, labels):.3f}" == "0.502"
    assert fixed([[0.0, 1000.0]], [0]) == 1000.0
    with pytest.raises(ValueError, match="math domain error"):  # exp(-800) underflows, log(0) fails
        buggy([[-800.0, 0.0]], [0])
    assert math.exp(-800) == 0.0 and fixed([[-800.0, 0.0]], [0]) == 800.0
    assert f"{-math.log(1e-12):.1f}" == "27.6"
    assert f"{math.log(3.4028234663852886e38):.1f}" == "88.7" and f"{math.log(4):.3f}" == "1.386"
    _says(
        qid,
        "- 2 = 0.408$",
        "$\\ln 3 = 1.099$",
        "the mean is 0.753",
        "returns 0.502",
        "about 27.6",
        "about 88.7 in float32",
        "logits $(-800, 0)$ with label 0",
    )


def test_iou_review_numbers() -> None:
    qid = "review-ai-iou-unclamped-overlap"
    fixed, buggy = _function(qid, "solution"), _function(qid, "starter")
    assert f"{fixed([0, 0, 2, 2], [1, 0, 3, 2]):.3f}" == "0.333" and buggy([0, 0, 2, 2], [1, 0, 3, 2]) == 0.25
    assert buggy([0, 0, 1, 1], [3, 3, 4, 4]) == 2.0 and fixed([0, 0, 1, 1], [3, 3, 4, 4]) == 0.0
    assert buggy([1, 1, 4, 5], [1, 1, 4, 5]) == 0.5
    half_fixed = _exercise(qid)["starter"].replace("inter_w * inter_h", "max(0.0, inter_w) * max(0.0, inter_h)")
    namespace: dict = {}
    exec(half_fixed, namespace)
    boxes = [[x, y, x + w, y + h] for x in (0, 1, 2.5) for y in (0, 1.5) for w in (1, 3) for h in (2, 4)]
    assert max(namespace["iou"](a, b) for a in boxes for b in boxes) == 0.5
    _says(qid, "for overlapping boxes the value never exceeds 0.5")
    _says(qid, "union $4 + 4 - 2 = 6$, IoU $= 0.333$", "$2/8 = 0.25$", "an IoU of 2.0")


def test_ztest_review_numbers() -> None:
    qid = "review-ai-ztest-one-sided-pvalue"
    fixed, buggy = _function(qid, "solution"), _function(qid, "starter")
    z, p = fixed(200, 10000, 250, 10000)
    assert (f"{z:.3f}", f"{p:.4f}") == ("2.384", "0.0171")
    assert math.isclose(p, 2 * NormalDist().cdf(-z))
    assert (
        f"{buggy(200, 10000, 250, 10000)[1]:.4f}" == "0.0086" and f"{buggy(250, 10000, 200, 10000)[1]:.3f}" == "0.991"
    )
    pooled_se = math.sqrt(0.05 * 0.95 * (2 / 100))
    assert (f"{pooled_se:.4f}", f"{fixed(0, 100, 10, 100)[0]:.2f}") == ("0.0308", "3.24")
    assert (f"{math.sqrt(0.1 * 0.9 / 100):.4f}", f"{buggy(0, 100, 10, 100)[0]:.2f}") == ("0.0300", "3.33")
    assert f"{NormalDist().inv_cdf(0.75):.3f}" == "0.674"  # |z| below this gives a two-sided p above 0.5
    assert f"{fixed(100, 1000, 102, 1000)[1]:.3f}" == "0.882"
    _says(
        qid,
        "$|z| < 0.674$",
        "100 of 1,000 against 102 of 1,000 ($p = 0.882$)",
        "$z = 2.384$ and a two-sided $p = 0.0171$",
        "$p = 0.0086$",
        "returns 0.991",
        "is 0.0308 and $z = 3.24$",
        "0.0300, and inflates $z$ to 3.33",
    )


def test_causal_attention_numbers() -> None:
    qid = "review-ai-causal-attention-mask"
    args = ([[1.0, 1.0], [1.0, 1.0]], [[1.0, 1.0], [9.0, 9.0]], [[4.0], [8.0]])
    assert _function(qid, "solution")(*args)[0] == [4.0]
    weight = math.exp(1) / (math.exp(1) + math.exp(9))
    assert (f"{weight:.4f}", f"{1 - weight:.4f}") == ("0.0003", "0.9997")
    assert f"{_function(qid, 'starter')(*args)[0][0]:.4f}" == f"{4 * weight:.4f}" == "0.0013"
    assert 64 / math.sqrt(64) == 8  # dividing by d = 64 instead of sqrt(d) shrinks scores 8 times
    assert math.exp(-745) > 0 and math.exp(-746) == 0.0
    assert math.exp(-103) > 0 and float(np.exp(np.float32(-104))) == 0.0 < float(np.exp(np.float32(-103)))
    scores = [0.0, 800.0]  # position 0 sees only itself; the future key beats it by 800 > 745
    weights = [math.exp(s - max(scores)) for s in scores][:1]  # softmax over all, then keep the visible part
    assert weights == [0.0]  # renormalising would divide 0 by 0
    _says(qid, "more than about 745 (about 103 in float32)", "the row becomes 0/0")
    _says(qid, "$2/2 = 1$ and $18/2 = 9$", "$(0.0003, 0.9997)$", "$4 \\times 0.0003 = 0.0013$", "8 times smaller")
