"""Recompute the capacity numbers quoted in the second set of ML system design case studies.

Each test recomputes a number from the assumptions stated in the answer and then checks
that the answer states the result exactly as written, so a typo in either fails.
"""

import math
import re

from tests.bank import answer, answer_words, followup_words

SECONDS_PER_DAY = 86_400

DESIGNS = [
    "design-rag-assistant",
    "design-semantic-search",
    "design-people-you-may-know",
    "design-visual-search",
    "design-typeahead",
    "design-spam-abuse-detection",
]



def states(qid: str, *numbers: str) -> None:
    """Assert that the answer of qid (or its follow-ups) states every number exactly as written."""
    text = answer_words(qid) + " " + followup_words(qid)
    missing = [n for n in numbers if n not in text]
    assert not missing, (qid, missing)


# The structure every case study shares is checked in test_ml_system_design.py.


def test_no_bare_dollar_money():
    for qid in DESIGNS:
        assert not re.search(r"\$\d", answer(qid)), qid


def test_rag_assistant_numbers():
    qid = "design-rag-assistant"
    dau = 50_000 * 0.4
    questions = dau * 5
    assert (dau, questions) == (20_000, 100_000)
    avg = questions / SECONDS_PER_DAY
    peak = 8 * avg
    assert round(avg, 2) == 1.16 and round(peak, 1) == 9.3
    stride = 400 - 80
    chunks_per_doc = 1_600 // stride
    chunks = 5_000_000 * chunks_per_doc
    assert (stride, chunks_per_doc, chunks) == (320, 5, 25_000_000)
    tokens = chunks * 400
    assert tokens == 10 * 10**9
    vectors_gb = chunks * 1_024 / 1e9
    graph_gb = chunks * 32 * 4 / 1e9
    assert (vectors_gb, graph_gb) == (25.6, 3.2)
    assert round(vectors_gb + graph_gb, 1) == 28.8
    assert chunks * 1_024 * 4 / 1e9 == 102.4
    gpu_hours = tokens / 50_000 / 3_600
    assert round(gpu_hours, 1) == 55.6 and round(gpu_hours / 8) == 7
    changed_docs = 5_000_000 // 100
    changed_chunks = changed_docs * chunks_per_doc
    changed_tokens = changed_chunks * 400
    assert (changed_docs, changed_chunks, changed_tokens) == (50_000, 250_000, 10**8)
    assert round(changed_tokens / 50_000 / 60) == 33
    prompt = 500 + 8 * 400 + 300
    assert prompt == 4_000
    assert questions * prompt == 400 * 10**6 and questions * 300 == 30 * 10**6
    cost = 400 * 0.50 + 30 * 2
    assert cost == 260
    assert round(peak * prompt, -3) == 37_000
    duration = 1.2 + 300 / 40
    assert round(duration, 1) == 8.7 and round(peak * duration, -1) == 80
    assert round(peak * 50) == 463 and peak * 50 < 1_000
    budget = [50, 300, 100, 150, 50, 1_200, 150]
    assert sum(budget) == 2_000
    assert 5_000_000 * 1_600 == 8 * 10**9
    states(
        qid,
        "50,000 x 0.4 = 20,000", "100,000 questions a day", "100,000 / 86,400 = 1.16 QPS",
        "8x", "about 9.3 QPS", "advance 320 tokens", "gives 5 chunks", "25 million chunks",
        "10 billion tokens", "1,024 bytes", "25.6 GB", "32 links of 4 bytes", "3.2 GB",
        "28.8 GB", "102.4 GB", "50,000 tokens a second", "55.6 GPU-hours", "about 7 hours on 8 GPUs",
        "50,000 documents, 250,000 chunks and 100 million tokens", "about 33 minutes",
        "4,000 input tokens", "about 300 tokens", "400 million input and 30 million output",
        "USD 0.50 per million input and USD 2 per million output", "about USD 260 a day",
        "about 37,000 tokens a second", "lasts 8.7 seconds", "about 80 streams",
        "about 463 pairs a second", "1,000 pairs a second", "2,000 ms at p99",
        "group lookup 50 ms", "small model 300 ms", "hybrid retrieval 100 ms", "reranking 150 ms",
        "prompt assembly 50 ms", "first token 1,200 ms", "overhead 150 ms", "about 8 billion tokens",
    )
    assert math.isclose(chunks / 5_000_000, 5)


def test_semantic_search_numbers():
    qid = "design-semantic-search"
    avg = 50_000_000 / SECONDS_PER_DAY
    peak = 3 * avg
    assert round(avg, -1) == 580 and round(peak, -1) == 1_740
    docs = 500_000_000
    raw_tb = docs * 768 * 4 / 1e12
    assert raw_tb == 1.536
    assert docs * 32 * 4 / 1e9 == 64
    codes_gb, ids_gb = docs * 64 / 1e9, docs * 8 / 1e9
    assert (codes_gb, ids_gb, codes_gb + ids_gb) == (32, 4, 36)
    per_list = docs / 65_536
    assert math.floor(per_list) == 7_629
    assert round(per_list * 64, -3) == 488_000
    refine_kb = 1_000 * 768 / 1_000
    assert refine_kb == 768
    assert round(peak * refine_kb * 1_000 / 1e9, 1) == 1.3
    # Random reads for the re-scoring: 1,000 per query over 4 shards x 3 replicas.
    reads = 1_000 * 1_740
    assert reads == 1_740_000 and round(reads / (4 * 3), -3) == 145_000
    assert math.ceil(peak * 0.010) == 18
    tokens = docs * 256
    assert tokens == 128 * 10**9
    gpu_hours = tokens / 50_000 / 3_600
    assert round(gpu_hours) == 711 and round(gpu_hours / 32) == 22
    daily_tokens = 5_000_000 * 256
    assert daily_tokens == 1.28e9 and round(daily_tokens / 50_000 / 3_600, 1) == 7.1
    pairs = round(peak * 30)
    assert pairs == 52_083  # the text rounds the peak to 1,736 QPS first
    assert 1_736 * 30 == 52_080
    assert math.ceil(52_080 / 2_500) == 21 and math.ceil(52_080 * 0.7 / 2_500) == 15
    assert round(5_000_000 * 768 * 4 / 1e9, 1) == 15.4
    assert sum([10, 15, 40, 5, 15, 40, 10, 15]) == 150
    assert round(raw_tb * 1e12 / (36 * 1e9)) in range(40, 45)
    states(
        qid,
        "about 580 QPS", "about 1,740 QPS at a 3x peak", "500 million x 768 dimensions x 4 bytes = 1.536 TB",
        "64 GB of links at 32 neighbours of 4 bytes", "64-byte codes needs 32 GB", "4 GB for 8-byte",
        "36 GB in all", "65,536 coarse lists", "about 7,629 vectors", "about 488,000 codes",
        "top 1,000 candidates", "768 bytes each", "768 KB per query", "about 1.3 GB/s",
        "10 ms per query", "about 18 cores", "500 million x 256 tokens = 128 billion tokens",
        "50,000 tokens a second per GPU", "about 711 GPU-hours", "about 22 hours on 32 GPUs",
        "1.28 billion tokens", "about 7.1 GPU-hours", "52,080 pairs a second", "2,500 pairs a second",
        "1,736 x 30 = 52,080", "21 GPUs", "15 if a result cache answers 30%", "5 million x 3,072 bytes, about 15.4 GB",
        "150 ms at p99", "spelling 10 ms", "query encoding 15 ms", "in parallel 40 ms",
        "fusion 5 ms", "feature fetch 15 ms", "reranking 40 ms", "formatting 10 ms",
        "overhead 15 ms", "roughly 40 times smaller", "4 shards with 3 replicas",
        "1.74 million a second at peak", "about 145,000 per machine over the 12",
    )


def test_people_you_may_know_numbers():
    qid = "design-people-you-may-know"
    requests = 200_000_000 * 2
    assert requests == 400_000_000
    avg = requests / SECONDS_PER_DAY
    peak = 2 * avg
    assert round(avg, -1) == 4_630 and round(peak, -1) == 9_260
    assert 200 * 200 == 40_000
    paths_per_user = 100 * 30
    paths = 200_000_000 * paths_per_user
    assert paths_per_user == 3_000 and paths == 600 * 10**9
    assert paths * (8 + 8 + 4) / 1e12 == 12  # two 8-byte ids and a 4-byte weight
    per_user = 500 * 12
    assert per_user == 6_000 and 200_000_000 * per_user / 1e12 == 1.2
    assert 500_000_000 * 128 * 2 / 1e9 == 128
    scorings = peak * 500
    assert round(scorings / 1e6, 2) == 4.63
    assert math.ceil(scorings * 10e-6) == 47
    assert sum([15, 30, 50, 60, 15, 10, 20]) == 200
    # Adamic-Adar: a mutual friend with 5,000 friends counts less than one with 50
    assert 1 / math.log(5_000) < 1 / math.log(50)
    low, high = 1 / math.log(5_000), 1 / math.log(50)
    assert (round(low, 2), round(high, 2)) == (0.12, 0.26) and low < high / 2
    assert round(high / low) == 2  # "about twice as much" in the follow-up
    assert "$\\frac{1}{\\ln 5{,}000} \\approx 0.12$ against $\\frac{1}{\\ln 50} \\approx 0.26$" in answer_words(qid)
    states(
        qid,
        "200 million x 2 = 400 million a day", "about 4,630 QPS", "about 9,260 QPS at a 2x peak",
        "median of 200 friends", "up to 40,000 two-hop paths", "100 strongest friends",
        "contribution at 30", "3,000 paths per user", "600 billion paths a day", "20 bytes per path",
        "about 12 TB", "top 500 per user at 12 bytes each", "6,000 bytes per user", "1.2 TB",
        "500 million x 128 dimensions in float16, need 128 GB", "about 4.63 million scorings a second",
        "about 10 microseconds", "about 47 cores", "200 ms at p99", "candidate fetch 15 ms",
        "fresh candidates 30 ms", "feature hydration 50 ms", "ranking 60 ms", "filters 15 ms",
        "diversity re-ranking 10 ms", "overhead 20 ms", "5,000 friends", "one with 50",
    )


def test_visual_search_numbers():
    qid = "design-visual-search"
    avg = 10_000_000 / SECONDS_PER_DAY
    peak = 3 * avg
    assert round(avg) == 116 and round(peak) == 347
    images = 300_000_000
    vectors_gb = images * 512 / 1e9
    graph_gb = images * 32 * 4 / 1e9
    assert (vectors_gb, round(graph_gb, 1)) == (153.6, 38.4)
    total = vectors_gb + graph_gb
    assert round(total) == 192 and round(total / 4) == 48 and 4 * 2 == 8
    assert round(images * 512 * 4 / 1e9, 1) == 614.4
    assert math.ceil(peak / 250) == 2
    assert 2_000_000 / 1_000 == 2_000 and round(2_000 / 60) == 33
    full_hours = images / 1_000 / 3_600
    assert round(full_hours, 1) == 83.3 and round(full_hours / 16, 1) == 5.2
    per_day_tb = 10_000_000 * 100e3 / 1e12
    assert per_day_tb == 1 and 30 * per_day_tb == 30
    assert 512 // 64 == 8
    assert sum([20, 40, 30, 30, 40, 60, 80]) == 300
    states(
        qid,
        "100 million products", "300 million indexed images", "2 million images added",
        "10 million visual searches a day", "about 116 QPS", "about 347 QPS at a 3x peak",
        "512 bytes per vector, 153.6 GB", "32 links of 4 bytes", "38.4 GB", "192 GB in all",
        "614.4 GB", "4 shards of about 48 GB", "2 replicas each, 8 machines",
        "250 searches a second", "needs 2 GPUs", "1,000 images a second per GPU",
        "2,000 seconds, about 33 minutes", "83.3 GPU-hours", "about 5.2 hours on 16 GPUs",
        "about 100 KB", "1 TB a day and 30 TB", "eight times smaller", "300 ms at p99",
        "resizing 20 ms", "detection 40 ms", "embedding 30 ms", "ANN search 30 ms",
        "feature fetch 40 ms", "reranking 60 ms", "overhead 80 ms",
    )


def test_typeahead_numbers():
    qid = "design-typeahead"
    searches = 50_000_000 * 4
    requests = searches * 6
    assert (searches, requests) == (200_000_000, 1_200_000_000)
    avg = requests / SECONDS_PER_DAY
    peak = 3 * avg
    assert round(avg, -2) == 13_900 and round(peak, -2) == 41_700
    origin = peak * (1 - 0.35)
    assert round(origin, -2) == 27_100
    assert 50_000_000 * 80 / 1e9 == 4 and 10_000_000 * 20 / 1e6 == 200
    scorings = origin * 50
    assert round(scorings / 1e6, 2) == 1.35
    assert math.ceil(scorings * 10e-6) == 14
    assert requests * 100 / 1e9 == 120
    assert 1_000 * 2 ** (-14 / 7) == 250
    assert sum([8, 2, 3, 7, 10, 2, 8]) == 40
    states(
        qid,
        "50 million daily searchers making 4 searches", "about 6 suggestion requests",
        "50 million x 4 = 200 million a day", "200 million x 6 = 1.2 billion a day",
        "about 13,900 QPS", "about 41,700 QPS at a 3x peak", "about 35% of requests",
        "about 27,100 QPS at peak", "10 million queries", "capped at 20 characters",
        "about 50 million prefix entries", "top 50 completions in about 80 bytes", "4 GB",
        "200 MB", "20 bytes each", "about 10 microseconds", "about 1.35 million scorings",
        "about 14 cores", "100 bytes per request are 120 GB a day", "$h = 7$ days",
        "1,000 searches 14 days ago count as 250", "40 ms at p99", "data centre 8 ms",
        "cache check 2 ms", "prefix lookup 3 ms", "history fetch 7 ms", "reranking 10 ms",
        "safety filter 2 ms", "response 8 ms", "at least 20 distinct users", "within 15 minutes",
    )


def test_spam_abuse_numbers():
    qid = "design-spam-abuse-detection"
    messages = 2_000_000_000
    avg = messages / SECONDS_PER_DAY
    peak = 2 * avg
    assert round(avg, -2) == 23_100 and round(peak, -2) == 46_300
    assert math.ceil(peak * 1e-3) == 47
    doubtful = peak * 0.10
    assert round(doubtful) == 4_630 and math.ceil(doubtful / 1_000) == 5
    assert messages * 500 / 1e12 == 1
    per_hour = avg * 3_600
    assert round(per_hour / 1e6) == 83
    signature = 128 * 4
    assert signature == 512 and round(per_hour * signature / 1e9) == 43
    spam = messages * 0.01
    caught = spam * 0.95
    assert (spam, spam - caught, caught) == (20e6, 1e6, 19e6)
    wrongly_blocked = caught / 0.99 - caught
    assert round(wrongly_blocked, -3) == 192_000
    appeals = 500_000 * 0.02
    assert appeals == 10_000 and appeals / 100 == 100
    assert sum([5, 15, 5, 40, 5, 30]) == 100
    states(
        qid,
        "2 billion direct messages", "about 1% of messages", "within 100 ms at p99",
        "about 23,100 messages a second", "about 46,300 at a 2x peak", "about 1 ms of CPU",
        "about 47 cores", "about 10% of traffic", "4,630 messages a second",
        "1,000 messages a second per GPU", "that is 5 GPUs", "500 bytes of features",
        "1 TB a day", "about 83 million messages an hour", "128 values of 4 bytes, 512 bytes",
        "about 43 GB", "20 million spam messages", "95% recall leaves 1 million",
        "the 19 million caught at 99% precision", "about 192,000 legitimate messages",
        "500,000 accounts", "2% appeal", "10,000 appeals a day", "about 100 reviewers at 100 cases",
        "rate limits 5 ms", "counter fetch 15 ms", "light model 5 ms", "doubtful 10% 40 ms",
        "decision and action 5 ms", "overhead 30 ms",
    )
