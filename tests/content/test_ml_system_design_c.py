"""Structure and back-of-envelope numbers of the second batch of ML system design case studies."""

import math
import statistics

import pytest
import yaml

from tests.bank import CONTENT, answer_words

SECONDS_PER_DAY = 86_400

DESIGNS = [
    "design-notification-ranking",
    "design-dynamic-pricing",
    "design-metric-anomaly-detection",
    "design-llm-serving-platform",
    "design-credit-risk-scoring",
    "design-duplicate-listing-detection",
]



def _file_ids() -> list[str]:
    data = yaml.safe_load((CONTENT / "ml-system-design.yaml").read_text(encoding="utf-8"))
    return [q["id"] for q in data["questions"]]


def test_every_design_here_is_in_the_system_design_topic():
    assert set(DESIGNS) <= set(_file_ids())


# The structure every case study shares is checked in test_ml_system_design.py.


def _states(text: str, *numbers: str) -> None:
    for n in numbers:
        assert n in text, n


def test_notification_numbers():
    text = answer_words("design-notification-ranking")
    candidates = 100_000_000 * 30
    assert candidates == 3_000_000_000
    avg = candidates / SECONDS_PER_DAY
    assert round(avg, -2) == 34_700
    peak = 3 * avg
    assert round(peak, -3) == 104_000
    sends = 100_000_000 * 1.5
    assert sends == 150_000_000
    assert round(sends / SECONDS_PER_DAY, -1) == 1_740
    per_core = 1 / 0.0002
    assert round(per_core) == 5_000
    cores = math.ceil(peak / per_core)
    assert cores == 21
    assert 2 * cores == 42 and math.ceil(2 * cores / 16) == 3
    log_tb = candidates * 500 / 1e12
    assert log_tb == 1.5
    assert log_tb * 90 == 135
    assert candidates * 0.02 == 60_000_000
    uplift_a, uplift_b = 0.73 - 0.70, 0.26 - 0.20
    assert (round(uplift_a, 9), round(uplift_b, 9)) == (0.03, 0.06)
    value_a, value_b = uplift_a - 10 * 0.001, uplift_b - 10 * 0.002
    assert (round(value_a, 9), round(value_b, 9)) == (0.02, 0.04)
    assert 10 + 30 + 25 + 15 + 10 + 10 == 100
    _states(
        text, "100 million push-enabled", "3 billion a day", "34,700 per second",
        "104,000 per second", "150 million a day", "1,740 per second", "0.2 ms",
        "5,000 candidates a second", "21 cores", "42 cores, three 16-core", "1.5 TB a day",
        "135 TB", "60 million", "0.70 to 0.73", "0.20 to 0.26", "$0.03 - 0.01 = 0.02$",
        "$0.06 - 0.02 = 0.04$", "100 ms at p99", "feature fetch 30 ms",
        "model scoring of the user's pending candidates 25 ms",
    )


def test_dynamic_pricing_numbers():
    text = answer_words("design-dynamic-pricing")
    avg = 50_000_000 / SECONDS_PER_DAY
    assert round(avg, -1) == 580
    peak = 4 * avg
    assert round(peak, -2) == 2_300
    evals = 10 * peak
    assert round(evals, -3) == 23_000
    assert math.ceil(evals / 10_000) == 3
    cells = 300 * 2_000
    assert cells == 600_000
    assert cells / 60 == 10_000
    per_day_gb = 50_000_000 * 1_000 / 1e9
    assert per_day_gb == 50
    assert per_day_gb * 365 / 1_000 == 18.25
    ratio, eps = 300 / 200, -0.8
    assert ratio == 1.5 and round(-1 / eps, 9) == 1.25
    assert round(ratio ** (-1 / eps), 2) == 1.66
    assert 14 * 24 * 20 == 6_720
    assert 40 + 15 + 10 + 20 + 10 + 25 + 30 == 150
    _states(
        text, "50 million price quotes a day", "580 per second", "2,300 per second",
        "23,000 model evaluations", "3 cores", "600,000 cells", "10,000 cell updates",
        "50 GB a day", "18.25 TB a year", "$m = 1.5^{1.25} \\approx 1.66$",
        "300 expected requests against 200", "14 times 24 times 20 = 6,720",
        "150 ms at p99", "routing and ETA for the trip 40 ms", "headroom 30 ms",
    )


def test_metric_anomaly_numbers():
    text = answer_words("design-metric-anomaly-detection")
    series = 5_000 * 200
    assert series == 1_000_000
    ticks = SECONDS_PER_DAY // 300
    assert ticks == 288
    points = series * ticks
    assert points == 288_000_000
    assert round(points / SECONDS_PER_DAY, -2) == 3_300
    burst = series / 60
    assert round(burst, -2) == 16_700
    assert math.ceil(burst / 5_000) == 4
    per_day_gb = points * 16 / 1e9
    assert round(per_day_gb, 1) == 4.6
    assert round(per_day_gb * 365 / 1_000, 1) == 1.7
    core_seconds = series * 0.050
    assert core_seconds == 50_000
    assert round(core_seconds / 3_600, 1) == 13.9
    assert round(core_seconds / 32 / 60) == 26
    assert points * 1e-4 == 28_800
    top_checks = 5_000 * ticks
    assert top_checks == 1_440_000
    assert round(top_checks * 2e-6) == 3
    stats = pytest.importorskip("scipy.stats")
    assert round(float(stats.norm.isf(1e-6)), 2) == 4.75
    # An empirical 2-in-a-million quantile needs about 1/alpha calibration points; one series has far fewer.
    assert round(1 / 2e-6) == 500_000 and 365 * ticks == 105_120 and 365 * ticks < 1 / 2e-6
    history = [1_000, 1_040, 980, 1_020]
    baseline = statistics.median(history)
    assert baseline == 1_010
    scale = 1.4826 * 25
    assert round(scale, 1) == 37.1
    assert round((820 - baseline) / scale, 2) == -5.13
    assert round(100 * 150 / 190) == 79
    assert 20 + 5 + 15 + 10 + 10 == 60
    _states(
        text, "5,000 metrics with about 200 slices", "1 million series", "288 million points",
        "3,300 per second", "16,700 series per second", "5,000 series a second", "4 cores",
        "4.6 GB a day", "1.7 TB a year", "50,000 core-seconds", "13.9 core-hours",
        "32-core job", "26 minutes", "28,800 false alerts", "1.44 million checks",
        "2 in a million", "3 false alerts a day", "4.75 standard deviations",
        "1,000, 1,040, 980 and 1,020", "median of 1,010", "today it is 820", "MAD of 25",
        "about 37.1", "$z \\approx -5.13$", "fell by 190", "fell by 150", "150/190, about 79%",
        "60 seconds at p99", "scoring 15 s", "about 500,000 calibration points",
        "a year of 5-minute data is 105,120",
    )


def test_llm_serving_numbers():
    text = answer_words("design-llm-serving-platform")
    avg = 20_000_000 / SECONDS_PER_DAY
    assert round(avg, -1) == 230
    peak = 3 * avg
    assert round(peak, -1) == 690
    assert round(avg * 300, -3) == 69_000
    peak_out = peak * 300
    assert round(peak_out, -3) == 208_000
    assert round(peak * 1_500 / 1e6, 2) == 1.04
    values = 2 * 80 * 8 * 128
    assert values == 163_840
    assert values * 2 / 1_024 == 320 and values * 1 / 1_024 == 160
    seq_bytes = values * 1 * 1_800
    assert round(seq_bytes / 1e6) == 295
    assert 70e9 * 1 / 1e9 == 70
    assert int(70e9 // seq_bytes) == 237
    assert 100 / 0.040 == 2_500
    replicas = math.ceil(peak_out / 2_500)
    assert replicas == 84
    assert replicas * 1.25 == 105 and 2 * 105 == 210
    assert math.ceil(avg * 300 / 2_500) == 28
    per_hour = 2 * 2.50
    assert per_hour == 5
    tokens_per_hour = 2_500 * 3_600
    assert tokens_per_hour == 9_000_000
    assert round(per_hour / 9, 2) == 0.56
    assert round(per_hour / 9 / 0.5, 2) == 1.11
    assert 20_000_000 * 8_000 / 1e9 == 160
    wins = 540 / 1_000
    half = 1.96 * math.sqrt(wins * (1 - wins) / 1_000)
    assert round(100 * half, 1) == 3.1
    assert round(100 * (wins - half), 1) == 50.9
    assert 20 + 30 + 10 + 300 + 400 + 40 + 50 + 150 == 1_000
    _states(
        text, "20 million requests a day", "1,500 tokens and outputs 300", "230 per second",
        "690 at a 3x", "69,000 per second", "208,000 at peak", "1.04 million prompt tokens",
        "$2 \\times 80 \\times 8 \\times 128 = 163{,}840$", "320 KiB in FP16", "160 KiB in FP8",
        "295 MB", "70 GB on weights", "237 such sequences", "100 concurrent sequences",
        "40 ms per decode step", "2,500 output tokens per second", "84 replicas",
        "105 with 25% headroom (210 GPUs)", "average needs 28", "USD 2.50 per GPU-hour",
        "USD 5 an hour", "9 million output tokens an hour", "USD 0.56 per million",
        "USD 1.11", "160 GB a day", "540 of 1,000", "54% win rate", "3.1 points", "50.9%",
        "1,000 ms at p99", "prefill of a 1,500-token prompt under load 400 ms", "headroom 150 ms",
    )


def test_credit_risk_numbers():
    text = answer_words("design-credit-risk-scoring")
    per_day = 2_000_000 / 30
    assert round(per_day, -2) == 66_700
    assert per_day / SECONDS_PER_DAY < 1
    assert round(10 * per_day / SECONDS_PER_DAY) == 8
    approved = 2_000_000 * 0.55
    assert approved == 1_100_000
    assert round(approved * 0.04) == 44_000
    monthly_gb = 2_000_000 * 50_000 / 1e9
    assert monthly_gb == 100
    assert monthly_gb * 12 / 1_000 == 1.2
    assert 5_000_000 / 10_000 == 500
    explored = 2_000_000 * 0.45 * 0.005
    assert round(explored) == 4_500
    assert round(explored * 0.12 * 800) == 432_000
    factor = 20 / math.log(2)
    offset = 600 - factor * math.log(50)
    assert round(factor, 2) == 28.85 and round(offset, 1) == 487.1
    assert round(0.96 / 0.04, 9) == 24
    assert round(offset + factor * math.log(24), 1) == 578.8
    loss = 10_000 * 0.6
    assert loss == 6_000
    assert round(100 * 900 / (900 + loss), 1) == 13.0
    assert 0.40 / 0.50 == 0.8
    # Reg B's 25-month floor on decision records.
    assert monthly_gb * 25 / 1_000 == 2.5
    # Expected loss = PD x LGD x EAD, 12-month and lifetime, for the USD 10,000 loan.
    assert round(0.04 * 0.6 * 10_000) == 240 and round(0.10 * 0.6 * 10_000) == 600
    # The critical path sums to the p99 budget; the bureau timeout is its budget plus the headroom,
    # so a timed-out pull still leaves the rest of the path inside 2,000 ms.
    rest = [300, 100, 20, 30, 20, 130]
    assert 1_200 + sum(rest) + 200 == 2_000
    timeout = 1_200 + 200
    assert timeout == 1_400 and timeout + sum(rest) == 2_000
    _states(
        text, "2 million applications a month", "66,700 a day", "about 8 per second",
        "1.1 million loans a month", "44,000 bads a month", "50 KB per application",
        "100 GB a month and 1.2 TB a year", "5 million accounts at 10,000 rows",
        "500 core-seconds", "0.5% of rejects is about 4,500", "USD 1,000", "USD 800 per default",
        "12% default rate", "USD 432,000 a month", "20 points to double the odds",
        "600 points at odds of 50 to 1", "$= 20/\\ln 2 \\approx 28.85$", "offset $\\approx 487.1$",
        "4% default probability (odds 24) scores about 578.8", "USD 10,000 loan",
        "60% loss given default", "USD 6,000", "USD 900",
        "$900/6{,}900 \\approx 13.0\\%$", "40% and 50% give a ratio of 0.8",
        "2,000 ms at p99", "bureau pull 1,200 ms", "headroom 200 ms",
        "fraud scoring on the bureau file 300 ms", "feature computation 100 ms", "model scoring 20 ms",
        "reason codes 30 ms", "policy rules 20 ms", "network and persistence 130 ms",
        "bureau timeout of 1,400 ms", "about 2.5 TB", "25 months", "expected loss is USD 240",
        "USD 600 before amortization", "4% 12-month PD", "10% lifetime PD",
    )
    # Regulation as of December 2026: the rescinded guidance is not cited as current.
    assert "SR 26-2" in text and "replaced SR 11-7" in text
    assert "2 December 2027" in text and "21 July 2026" in text


def test_duplicate_listing_numbers():
    text = answer_words("design-duplicate-listing-detection")
    avg = 5_000_000 / SECONDS_PER_DAY
    assert round(avg) == 58
    assert round(3 * avg, -1) == 170
    assert 200_000_000**2 // 2 == 2 * 10**16
    pairs = 5_000_000 * 50
    assert pairs == 250_000_000
    assert round(pairs / SECONDS_PER_DAY, -2) == 2_900
    peak_pairs = 3 * pairs / SECONDS_PER_DAY
    assert round(peak_pairs, -2) == 8_700
    assert peak_pairs / 20_000 < 1
    # One vector per photo (5 a listing on average) plus one text vector per listing.
    photos = 200_000_000 * 5
    vectors = photos + 200_000_000
    assert photos == 10**9 and vectors == 1_200_000_000
    assert round(vectors * 256 * 4 / 1e9, 1) == 1_228.8
    assert round(vectors * 256 * 1 / 1e9, 1) == 307.2
    codes, ids = vectors * 64 / 1e9, vectors * 8 / 1e9
    assert (round(codes, 1), round(ids, 1), round(codes + ids, 1)) == (76.8, 9.6, 86.4)
    # HNSW base layer: 2M neighbour ids of 4 bytes each, M = 32.
    links = 2 * 32 * 4
    assert links == 256 and round(vectors * links / 1e9, 1) == 307.2
    assert vectors * links / 1e9 > 3 * (codes + ids)
    # Perceptual hashes and the four multi-index tables of 8-byte ids.
    assert photos * 8 / 1e9 == 8 and 4 * photos * 8 / 1e9 == 32
    # Multi-index hashing: radius 7 over 4 chunks of 16 bits leaves radius 1 in some chunk.
    radius, chunks, bits = 7, 4, 64 // 4
    assert radius // chunks == 1 and chunks * (radius // chunks + 1) > radius
    keys = 1 + bits
    assert keys == 17 and chunks * keys == 68
    per_bucket = 10_000_000 / 2**bits
    assert round(per_bucket) == 153
    assert round(chunks * keys * per_bucket, -2) == 10_400
    dups = pairs * 0.01
    assert dups == 2_500_000
    found = 0.9 * dups
    assert round(found) == 2_250_000
    negatives = pairs - dups
    assert negatives == 247_500_000
    fp_loose, fp_strict = negatives * 0.001, negatives * 0.0001
    assert (round(fp_loose), round(fp_strict)) == (247_500, 24_750)
    assert round(100 * found / (found + fp_loose), 1) == 90.1
    strict = found / (found + fp_strict)
    assert round(100 * strict, 1) == 98.9 and strict < 0.99
    assert 150 + 30 + 40 + 60 + 20 + 10 + 90 + 100 == 500
    _states(
        text, "200 million active listings", "5 million new or edited", "about 58 per second",
        "about 170 at a 3x peak", "$2 \\times 10^{16}$", "50 candidates",
        "250 million pair scorings", "2,900 per second", "8,700 at peak",
        "20,000 pairs per second per core", "5 photos per listing", "1 billion photo vectors",
        "1,228.8 GB in float32 and 307.2 GB in int8", "takes 76.8 GB, plus 9.6 GB", "86.4 GB in all",
        "M = 32 keeps 64 neighbour ids of 4 bytes", "256 bytes, another 307.2 GB", "8 GB (64 bits per photo)",
        "8-byte ids 32 GB", "within 7 bits of a 64-bit hash", "4 chunks of 16 bits", "17 keys and 68 lookups",
        "shard of 10 million photos", "about 153 photos", "about 10,400 candidates",
        "1% or 2.5 million", "finds 2.25 million", "0.1% on the 247.5 million",
        "247,500 false matches", "about 90.1%", "0.01% gives 24,750", "about 98.9%",
        "500 ms at p99", "150 ms", "headroom 100 ms", "20,000 pairs a day",
    )
