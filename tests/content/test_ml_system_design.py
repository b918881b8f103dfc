"""The ML system design case studies: their shared structure, and every capacity number they quote.

Part (a) finds every question whose id starts with ``design-`` in any file under ``content/`` and
checks it against the case-study structure. Part (b) recomputes the arithmetic of the case studies
in ``content/ml-system-design.yaml`` and of the framework, and checks that the answer states each
result as written.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess

import pytest

from tests.bank import all_questions, answer, answer_words, followup_words, question

SECONDS_PER_DAY = 86_400

SECTIONS = [
    "Clarify and requirements.",
    "Capacity estimate.",
    "Data and labels.",
    "Features.",
    "Model ladder.",
    "Offline and online metrics.",
    "Serving and latency budget.",
    "Monitoring.",
    "Failure modes.",
    "Trade-offs.",
]
RUBRIC_KEYS = [
    "clarify",
    "capacity",
    "data",
    "features",
    "models",
    "metrics",
    "serving",
    "monitoring",
    "failures",
    "tradeoffs",
    "red-flags",
]

# The case studies this file's part (b) covers; part (a) covers every design- question.
OWN_DESIGNS = [
    "design-recommendation-system",
    "design-real-time-fraud-detection",
    "design-search-ranking",
    "design-news-feed-ranking",
    "design-ad-click-prediction",
    "design-content-moderation",
    "design-eta-prediction",
    "design-demand-forecasting",
]
ALL_DESIGNS = sorted(qid for qid in all_questions() if qid.startswith("design-"))


def n(x: float, digits: int = 0) -> str:
    """A number with thousands separators, as the answers write it ("2,900", "36.5")."""
    return f"{x:,.{digits}f}"


def dot_blocks(text: str) -> list[str]:
    return re.findall(r"^```dot\n(.*?)^```", text, re.S | re.M)


def assert_budget(text: str, parts: list[tuple[str, float]], total: float, unit: str = "ms") -> None:
    """Each stage is stated as "<stage> <time> <unit>" and the stages sum to the stated total."""
    for stage, amount in parts:
        stated = f"{stage} {amount:g} {unit}"
        assert stated in text, stated
    assert math.isclose(sum(amount for _, amount in parts), total)


# ---------------------------------------------------------------- (a) the shared structure


def test_discovery_finds_at_least_our_designs():
    assert set(OWN_DESIGNS) <= set(ALL_DESIGNS)


@pytest.mark.parametrize("qid", ALL_DESIGNS)
def test_sections_in_order_and_no_follow_ups_box(qid):
    text = answer(qid)
    positions = []
    for label in SECTIONS:
        found = [m.start() for m in re.finditer(rf"^\*\*{re.escape(label)}\*\*", text, re.M)]
        assert len(found) == 1, f"{qid}: {label!r} must open exactly one paragraph, found {len(found)}"
        positions.append(found[0])
    assert positions == sorted(positions), f"{qid}: sections out of order"
    # The follow-ups live in their own field; the page shows them where the box stood.
    assert not re.search(r'^\s*!!! question "Follow-ups? to expect"', text, re.M), qid


@pytest.mark.parametrize("qid", ALL_DESIGNS)
def test_complete_rubric(qid):
    rubric = question(qid).get("rubric")
    assert isinstance(rubric, dict), f"{qid}: no rubric"
    assert list(rubric) == RUBRIC_KEYS, f"{qid}: rubric sections {list(rubric)}"
    for key, signals in rubric.items():
        low, high = (2, 5) if key == "red-flags" else (2, 4)
        assert low <= len(signals) <= high, f"{qid}: {key} has {len(signals)} signals"
        for signal in signals:
            assert isinstance(signal, str) and signal.strip() and "\n" not in signal.strip(), (qid, key, signal)
            # A signal is something to check an attempt against, not a topic heading.
            assert len(signal.split()) >= 3, (qid, key, signal)
        assert len(set(signals)) == len(signals), f"{qid}: {key} repeats a signal"


@pytest.mark.parametrize("qid", ALL_DESIGNS)
def test_four_to_six_follow_ups(qid):
    followups = question(qid).get("followups")
    assert isinstance(followups, list) and 4 <= len(followups) <= 6, f"{qid}: {followups!r:.80}"
    asks = []
    for item in followups:
        assert set(item) == {"ask", "answer"}, (qid, item)
        ask, reply = item["ask"].strip(), item["answer"].strip()
        assert ask.endswith("?") and "\n" not in ask, (qid, ask)
        # A short answer: one to three sentences.
        assert 5 <= len(reply.split()) <= 120, (qid, ask, len(reply.split()))
        asks.append(ask)
    assert len(set(asks)) == len(asks), f"{qid}: a follow-up is asked twice"


@pytest.mark.parametrize("qid", ALL_DESIGNS)
def test_length_tags_and_difficulty(qid):
    q = question(qid)
    # The follow-ups left the answer for their own field; the page shows them with it.
    words = len(q["answer"].split()) + len(followup_words(qid).split())
    assert words >= 1_000, f"{qid}: {words} words"
    assert {"system-design", "case-study"} <= set(q["tags"]), qid
    assert q["difficulty"] in {"intermediate", "advanced"}, qid
    assert len(q["short"]) <= 200, qid


@pytest.mark.parametrize("qid", ALL_DESIGNS + ["ml-system-design-framework"])
def test_one_dot_diagram_following_the_rules(qid):
    text = answer(qid)
    blocks = dot_blocks(text)
    assert len(blocks) == 1, f"{qid}: {len(blocks)} dot diagrams"
    assert text.count("```dot") == 1, qid
    src = blocks[0]
    assert "rankdir=LR;" in src, qid
    assert 'node [shape=box, fontname="DejaVu Sans"];' in src, qid
    assert 'edge [fontname="DejaVu Sans"];' in src, qid
    assert len(re.findall(r"^\s*\w+ \[label=", src, re.M)) <= 10, qid
    assert not re.search(r"\b(url|href)\s*=", src, re.I), qid
    if qid.startswith("design-"):
        # Right after the opening paragraph, before the first section.
        opening = text[: text.index("```dot")].strip()
        assert opening and "\n\n" not in opening, f"{qid}: diagram must follow one opening paragraph"
        assert text.index("```dot") < text.index(f"**{SECTIONS[0]}**"), qid


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("qid", ALL_DESIGNS + ["ml-system-design-framework"])
def test_dot_accepts_the_diagram(qid):
    (src,) = dot_blocks(answer(qid))
    done = subprocess.run(["dot", "-Tsvg"], input=src, text=True, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- (b) the numbers


def test_framework_numbers():
    raw = answer("ml-system-design-framework")
    text = answer_words("ml-system-design-framework")
    rows = re.findall(r"^\| ([^|]+?) \| (\d+) \|", raw, re.M)
    names = [name for name, _ in rows]
    assert names[:10] == [f"{i} {label.rstrip('.')}" for i, label in enumerate(SECTIONS, 1)]
    assert names[10:] == ["Follow-ups"]
    assert sum(int(minutes) for _, minutes in rows) == 45
    assert "The minutes add up to 45" in text
    avg = 10_000_000 * 20 / SECONDS_PER_DAY
    assert round(avg) == 2_315 and "\\approx 2{,}315" in text
    peak = round(3 * avg, -3)
    assert f"roughly {n(peak)} QPS" in text
    daily = 10_000_000 * 20 * 500
    assert f"{daily / 1e9:g} GB per day" in text
    assert f"{daily * 90 / 1e12:g} TB for 90 days" in text
    assert f"{peak * 500 / 1e6:g} million scorings per second" in text


def test_recommendation_numbers():
    text = answer_words("design-recommendation-system")
    requests = 50_000_000 * 5
    assert requests == 2.5e8 and "2.5 \\times 10^8" in text
    avg = requests / SECONDS_PER_DAY
    peak = round(3 * avg, -2)
    assert f"about {n(round(avg, -2))} QPS on average and about {n(peak)} at a 3x" in text
    events = 50_000_000 * 40
    assert events == 2e9 and "2 billion events" in text
    assert f"{events * 100 / 1e9:g} GB per day and {events * 100 * 90 / 1e12:g} TB for 90 days" in text
    vectors = 10**7 * 128 * 4
    links = 10**7 * 64 * 4
    assert f"= {vectors / 1e9:g} GB of float32" in text
    assert f"adds {links / 1e9:g} GB" in text
    scorings = 500 * peak
    assert f"{scorings / 1e6:g} million scorings per second at peak" in text
    gpus = math.ceil(scorings / 200_000)
    assert f"{gpus} GPUs busy at peak, or {math.ceil(gpus * 1.4)} with 40% headroom" in text
    assert_budget(
        text,
        [
            ("network and request handling", 20),
            ("user features and the user tower", 20),
            ("retrieval from all sources in parallel", 25),
            ("filtering and de-duplication", 10),
            ("candidate feature fetch", 30),
            ("ranking", 60),
            ("re-ranking", 15),
            ("response assembly", 20),
        ],
        200,
    )
    assert "200 ms at p99" in text


def test_fraud_numbers():
    text = answer_words("design-real-time-fraud-detection")
    avg = 100_000_000 / SECONDS_PER_DAY
    peak = round(5 * avg, -2)
    assert f"about {n(round(avg, -1))} transactions per second on average" in text
    assert f"about {n(peak)} at a 5x holiday peak" in text
    assert f"roughly {n(100_000_000 * 0.001)} transactions a day are fraudulent" in text
    daily = 100_000_000 * 1_000
    assert f"{daily / 1e9:g} GB per day and {daily * 365 / 1e12:g} TB per year" in text
    store = 300_000_000 * 50 * 8
    assert f"is {store / 1e9:g} GB, or {3 * store / 1e9:g} GB with three replicas" in text
    assert f"gives {peak * 0.002:g} cores busy at peak" in text
    amount, false_decline = 200, 20
    threshold = false_decline / (amount + false_decline)
    assert f"= {false_decline}/{amount + false_decline} \\approx {threshold:.3f}" in text
    p = 0.1
    assert p > threshold
    assert f"expected fraud loss is USD {p * amount:g} against USD {(1 - p) * false_decline:g}" in text
    assert_budget(
        text,
        [
            ("network in", 5),
            ("feature fetch", 15),
            ("request-time features", 5),
            ("model", 10),
            ("rules and decision", 5),
            ("response", 5),
            ("headroom", 5),
        ],
        50,
    )
    assert "sums to 50 ms" in text


def test_search_numbers():
    text = answer_words("design-search-ranking")
    avg = 30_000_000 / SECONDS_PER_DAY
    peak = round(4 * avg, -2)
    assert f"about {n(round(avg, -1))} QPS on average and about {n(peak)} at a 4x peak" in text
    assert f"= {30_000_000 * 20 * 200 / 1e9:g} GB per day" in text
    assert f"= {5e7 * 768 * 4 / 1e9:g} GB in float32" in text
    assert f"brings it to {5e7 * 64 / 1e9:g} GB" in text
    assert f"{peak * 1_000 / 1e6:g} million scorings per second" in text
    assert f"{n(peak * 200)} per second" in text
    pairs = peak * 50
    assert f"{n(pairs)} per second" in text
    assert f"that is {pairs / 5_000:g} GPUs at peak" in text
    asked = followup_words("design-search-ranking")
    assert f"is {peak * 1_000 / 1e6:g} million pairs per second, {peak * 1_000 / 5_000:g} GPUs" in asked
    assert_budget(
        text,
        [
            ("network and parsing", 15),
            ("query understanding", 20),
            ("lexical and ANN retrieval in parallel", 40),
            ("feature fetch", 25),
            ("light ranker", 15),
            ("LambdaMART", 30),
            ("cross-encoder", 35),
            ("business re-ranking", 10),
            ("response", 10),
        ],
        200,
    )
    assert "sums to 200 ms" in text


def test_news_feed_numbers():
    text = answer_words("design-news-feed-ranking")
    requests = 200_000_000 * 10
    assert requests == 2 * 10**9 and "= 2 \\times 10^9" in text
    avg = requests / SECONDS_PER_DAY
    peak = round(2 * avg, -3)
    assert f"about {n(round(avg, -3))} QPS on average and {n(peak)} at a 2x peak" in text
    assert f"= {requests * 20 * 200 / 1e12:g} TB per day" in text
    assert f"{peak * 1_500 / 1e6:g} million scorings per second" in text
    heavy = peak * 500
    assert f"about {heavy / 1e6:g} million per second" in text
    assert f"that is {heavy / 100_000:g} GPUs at peak" in text
    assert_budget(
        text,
        [
            ("candidate fetch from the post store", 50),
            ("feature hydration", 50),
            ("light ranker", 30),
            ("heavy ranker", 80),
            ("integrity filters and diversity re-ranking", 20),
            ("overhead and serialization", 20),
        ],
        250,
    )
    assert "sums to 250 ms" in text


def test_ad_click_numbers():
    text = answer_words("design-ad-click-prediction")
    avg = 1_000_000_000 / SECONDS_PER_DAY
    peak = round(3 * avg, -3)
    assert f"about {n(round(avg, -2))} QPS on average and about {n(peak)} at a 3x peak" in text
    predictions = round(3 * avg * 200, -6)
    assert f"about {predictions / 1e6:g} million CTR predictions per second" in text
    assert f"is {1e9 * 500 / 1e9:g} GB per day" in text
    table = 1e9 * 32 * 4
    assert f"is {table / 1e9:g} GB, {table / 2 / 1e9:g} GB in 16-bit floats" in text
    assert f"needs {predictions / 500_000:g} GPUs at peak" in text
    q, w = 0.1, 0.1
    assert math.isclose((1 - q) / w, 9) and "(0.1 + 9)" in text
    p = q / (q + (1 - q) / w)
    assert f"= {p:.3f}" in text
    ecpm_a, ecpm_b = 2 * 0.02 * 1000, 5 * 0.006 * 1000
    assert ecpm_a > ecpm_b
    assert f"eCPM USD {ecpm_a:g}" in text and f"eCPM USD {ecpm_b:g}" in text
    assert f"= USD {ecpm_b / (0.02 * 1000):.2f} per click" in text
    assert_budget(
        text,
        [
            ("targeting and candidate retrieval", 20),
            ("feature lookup", 15),
            ("scoring 200 ads in one batch", 25),
            ("calibration and auction", 5),
            ("network and overhead", 35),
        ],
        100,
    )
    assert "sums to 100 ms" in text


def test_content_moderation_numbers():
    text = answer_words("design-content-moderation")
    avg = 50_000_000 / SECONDS_PER_DAY
    peak = round(3 * avg, -1)
    assert f"about {n(round(avg, -1))} posts per second on average and about {n(peak)}" in text
    capacity = 2_000 * 100
    assert f"is {n(capacity)} items per day, only {100 * capacity / 50_000_000:g}% of posts" in text
    assert f"{capacity * 365 / 1e6:g} million a year" in text
    gpus = peak / 400
    assert f"about {gpus:g} GPUs, so {math.ceil(gpus)}," in text
    assert_budget(
        text,
        [
            ("network in", 15),
            ("hash lookup", 10),
            ("image model", 100),
            ("fusion and policy decision", 10),
            ("writing the decision", 15),
            ("headroom", 50),
        ],
        200,
    )
    # The text model runs in parallel inside the image model's slot, so it must be the shorter one.
    assert "the 40 ms text model running in parallel" in text and 40 < 100
    assert "sums to 200 ms" in text


def test_eta_numbers():
    text = answer_words("design-eta-prediction")
    calls = 20_000_000 * 20
    assert f"= {calls / 1e6:g} million per day" in text
    avg = calls / SECONDS_PER_DAY
    peak = round(3 * avg, -3)
    assert f"about {n(round(avg, -2))} QPS on average and {n(peak)} at a 3x peak" in text
    pings = 1_000_000 / 4
    assert f"is {n(pings)} pings per second" in text
    assert f"that is {pings * 100 / 1e6:g} MB/s, about {pings * 100 * SECONDS_PER_DAY / 1e12:.2f} TB per day" in text
    assert f"is {5e7 * 168 * 2 / 1e9:g} GB" in text
    assert f"routing needs {peak * 0.005:g} cores" in text
    assert f"adds {peak * 0.001:g}." in text
    assert f"the app shows {18 + 3} minutes" in text
    assert_budget(
        text,
        [
            ("route computation", 20),
            ("feature fetch", 10),
            ("model", 5),
            ("network and overhead", 15),
        ],
        50,
    )
    assert "sums to 50 ms" in text


def test_demand_forecasting_numbers():
    text = answer_words("design-demand-forecasting")
    series = 2_000 * 50_000
    assert series == 10**8 and "= 10^8" in text
    assert f"= {series * 730 / 1e9:g} billion rows" in text
    predictions = series * 28
    assert f"= {predictions / 1e9:g} billion predictions" in text
    minutes = predictions / 1_000_000 / 60
    assert f"takes about {round(minutes)} minutes" in text
    assert f"that is {1_000_000 / 10_000:g} cores" in text
    assert f"the output is {predictions * 20 / 1e9:g} GB per run" in text
    actual, forecast = [100, 20, 0], [90, 30, 5]
    errors = [abs(a - f) for a, f in zip(actual, forecast)]
    wape = sum(errors) / sum(actual)
    stated = f"({errors[0]} + {errors[1]} + {errors[2]})/{sum(actual)} = {100 * wape:.1f}\\%"
    assert stated in text
    c_u, c_o = 3, 1
    assert f"{c_u}/({c_u}+{c_o}) = {c_u / (c_u + c_o):g}" in text
    assert_budget(
        text,
        [
            ("ingest sales", 1),
            ("features", 1.5),
            ("inference", 1),
            ("reconciliation across the hierarchy and publishing", 0.5),
        ],
        4,
        unit="h",
    )
    assert 1 * 60 > minutes  # the inference hour holds the 47-minute run
    start, deadline, window = 1, 6, 4
    assert "4 hours from 1 a.m." in text and f"leaves an hour of slack before {deadline} a.m." in text
    assert deadline - (start + window) == 1


def test_pitfalls_numbers():
    text = answer_words("ml-design-interview-pitfalls")
    brute = 10**7 * 10**4
    cascade = 500 * 10**4
    assert brute == 10**11 and cascade == 5 * 10**6
    assert "10^{11}" in text and "5 \\times 10^6" in text
    assert f"{n(brute // cascade)} times fewer" in text
    budget = [30, 30, 100, 60]
    assert f"is {sum(budget)} ms, which breaks a 200 ms p99" in text and sum(budget) > 200
    # Percentiles do not add: a 0.8% spike per stage stays under each stage's p99,
    # but six independent stages put it above the end-to-end p99.
    spike, stages = 0.008, 6
    assert spike < 0.01
    hit = 1 - (1 - spike) ** stages
    assert hit > 0.01 and f"1 - 0.992^6 \\approx {100 * hit:.1f}\\%" in text
    assert "usually overstates" not in text


def test_short_answers_fit():
    for qid in ["ml-system-design-framework", "ml-design-interview-pitfalls"]:
        assert len(question(qid)["short"]) <= 200


def test_follow_up_numbers():
    """Numbers the follow-ups quote, recomputed from the assumptions of their case study."""
    feed = followup_words("design-news-feed-ranking")
    peak = 46_000
    saved = peak * 100
    gpus = f"{saved / 100_000:g} of the {peak * 500 / 100_000:g} GPUs"
    assert f"is {saved / 1e6:g} million fewer scorings a second, {gpus}" in feed
    typeahead = followup_words("design-typeahead")
    assert f"1{{,}}000 \\times 2^{{-2}} = {1_000 * 2**-2:g}" in typeahead and "Two half-lives" in typeahead
    assert 14 / 7 == 2
    anomaly = followup_words("design-metric-anomaly-detection")
    from statistics import NormalDist

    mad = NormalDist().inv_cdf(0.75)
    assert f"about {mad:.4f} standard deviations" in anomaly
    assert f"1/0.6745 \\approx {1 / mad:.4f}" in anomaly
    notify = followup_words("design-notification-ranking")
    a, b = 0.03 - 10 * 0.001, 0.06 - 10 * 0.002
    assert f"A is worth {a:g} and B {b:g}" in notify and b > a
    duplicates = followup_words("design-duplicate-listing-detection")
    pairs, rate = 250e6, 0.01
    dup, non = pairs * rate, pairs * (1 - rate)
    found, false = 0.9 * dup, 0.001 * non
    assert f"the {non / 1e6:g} million non-duplicates yield {n(false)} false matches" in duplicates
    precision = 100 * found / (found + false)
    assert f"{found / 1e6:g} / ({found / 1e6:g} + {false / 1e6:g}) \\approx {precision:.1f}\\%" in duplicates
    spam = followup_words("design-spam-abuse-detection")
    caught = 20e6 * 0.95
    blocked_good = caught / 0.99 - caught
    assert round(blocked_good, -3) == 192_000 and "about 192,000 legitimate messages a day" in spam
    rag = followup_words("design-rag-assistant")
    assert f"about {25e6 * 400 / 50_000 / 3_600:.1f} GPU-hours" in rag
