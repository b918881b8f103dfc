"""Recompute the numbers quoted in content/mlops-and-production.yaml."""

from __future__ import annotations

import math
import re
import sqlite3
from statistics import NormalDist

import numpy as np
from scipy import stats

from tests.bank import answer, answer_words


def _z(q: float) -> float:
    return NormalDist().inv_cdf(q)


# --- drift -------------------------------------------------------------------


def test_psi_worked_example():
    text = answer_words("population-stability-index")
    baseline = [2_000] * 5
    current = [500, 750, 1_000, 1_250, 1_500]
    assert sum(baseline) == 10_000 and sum(current) == 5_000
    e = [c / sum(baseline) for c in baseline]
    a = [c / sum(current) for c in current]
    assert a == [0.10, 0.15, 0.20, 0.25, 0.30]
    terms = [(ai - ei) * math.log(ai / ei) for ai, ei in zip(a, e)]
    for t, shown in zip(terms, ["0.0693", "0.0144", "0.0000", "0.0112", "0.0405"]):
        assert f"{t:.4f}" == shown
        assert f"| {shown} |" in text
    for ai, ei in zip(a, e):
        assert f"{math.log(ai / ei):.4f}".replace("-0.0000", "0.0000") in text
    psi = sum(terms)
    assert round(psi, 4) == 0.1354
    assert "PSI $= 0.1354$" in text
    assert 0.1 < psi < 0.25  # "moderate"
    # PSI is the symmetrised KL divergence
    kl_ae = sum(ai * math.log(ai / ei) for ai, ei in zip(a, e))
    kl_ea = sum(ei * math.log(ei / ai) for ai, ei in zip(a, e))
    assert math.isclose(psi, kl_ae + kl_ea)


def test_psi_empty_bin_and_null_distribution():
    text = answer_words("population-stability-index")
    empty = (0.0001 - 0.10) * math.log(0.0001 / 0.10)
    assert round(empty, 3) == 0.690 and "= 0.690$" in text
    # PSI under no shift ~ (1/N + 1/M) chi2_{B-1}
    scale = 1 / 10_000 + 1 / 5_000
    assert math.isclose(scale, 0.0003)
    assert math.isclose(4 * scale, 0.0012) and "$4 \\times 0.0003 = 0.0012$" in text
    q95 = stats.chi2.ppf(0.95, 4)
    assert round(q95, 2) == 9.49 and round(scale * q95, 4) == 0.0028
    assert "$0.0003 \\times 9.49 = 0.0028$" in text
    small = 1 / 10_000 + 1 / 200
    assert math.isclose(small, 0.0051) and "$0.0051$" in text
    assert round(9 * small, 3) == 0.046 and "already 0.046" in text
    p_exceed = stats.chi2.sf(0.1 / small, 9)
    assert round(100 * p_exceed) == 2 and "about 2% of the time" in text
    # a simulation agrees with the approximation to within a point or so
    rng = np.random.default_rng(0)
    e = np.maximum(rng.multinomial(10_000, [0.1] * 10, size=20_000) / 10_000, 1e-4)
    a = np.maximum(rng.multinomial(200, [0.1] * 10, size=20_000) / 200, 1e-4)
    psi = ((a - e) * np.log(a / e)).sum(axis=1)
    assert abs(psi.mean() - 9 * small) < 0.003
    assert round(100 * (psi > 0.1).mean()) == 3 and "nearer 3%" in text


def test_chi_square_and_ks_drift_example():
    text = answer_words("ks-chi-square-drift-tests")
    observed = [450, 330, 220]
    expected = [0.5 * 1_000, 0.3 * 1_000, 0.2 * 1_000]
    terms = [(o - x) ** 2 / x for o, x in zip(observed, expected)]
    assert terms == [5, 3, 2]
    chi2 = sum(terms)
    assert chi2 == 10
    assert "= 5 + 3 + 2 = 10" in text
    p = stats.chi2.sf(chi2, df=2)
    assert math.isclose(p, math.exp(-chi2 / 2))
    assert round(p, 4) == 0.0067 and "0.0067" in text
    assert round(stats.chi2.ppf(0.95, 2), 2) == 5.99 and "5.99" in text
    # same shift measured with PSI
    a = [o / 1_000 for o in observed]
    e = [0.5, 0.3, 0.2]
    psi = sum((ai - ei) * math.log(ai / ei) for ai, ei in zip(a, e))
    assert round(psi, 3) == 0.010 and "only 0.010" in text
    # KS critical value for two samples of 10,000
    c = math.sqrt(math.log(2 / 0.05) / 2)
    assert round(c, 3) == 1.358 and "1.358 = \\sqrt{\\ln(2/0.05)/2}" in text
    d_crit = 1.358 * math.sqrt(2 / 10_000)
    assert round(d_crit, 4) == 0.0192 and "0.0192" in text
    assert round(100 * p, 1) == 0.7 and "about 0.7% of the time" in text
    # multiple testing
    assert 200 * 0.05 == 10 and "about 10 alerts" in text
    assert math.isclose(0.05 / 200, 0.00025) and "0.00025" in text


def test_ks_is_conservative_with_ties():
    text = answer_words("ks-chi-square-drift-tests")
    assert "rejected 1.35% of the time at a nominal 5%" in text
    rng = np.random.default_rng(1)
    trials = 2_000
    rejections = 0
    for _ in range(trials):
        a = rng.integers(0, 5, 500)
        b = rng.integers(0, 5, 500)
        rejections += stats.ks_2samp(a, b, method="asymp").pvalue < 0.05
    rate = rejections / trials
    assert rate < 0.05  # conservative, not anti-conservative
    assert abs(100 * rate - 1.35) < 0.5


# --- experimentation ---------------------------------------------------------


def _n_per_arm(p1: float, p2: float, alpha: float = 0.05, power: float = 0.8) -> float:
    k = (_z(1 - alpha / 2) + _z(power)) ** 2
    return k * (p1 * (1 - p1) + p2 * (1 - p2)) / (p2 - p1) ** 2


def test_ab_sample_size():
    text = answer_words("ab-testing-ml-models")
    k = (_z(0.975) + _z(0.8)) ** 2
    assert round(k, 3) == 7.849 and "7.849" in text
    assert math.isclose(0.05 * 0.95 + 0.055 * 0.945, 0.099475)
    assert "0.099475" in text
    assert math.isclose((0.055 - 0.05) ** 2, 0.000025)
    n = math.ceil(_n_per_arm(0.05, 0.055))
    assert n == 31_231 and "31{,}231" in text
    assert 2 * n == 62_462 and "62,462" in text
    assert round(n / 5_000, 1) == 6.2 and "6.2 days" in text
    n_small = math.ceil(_n_per_arm(0.05, 0.0525))
    assert n_small == 122_121 and "122,121" in text
    assert round(n_small / n) == 4


def test_ab_sample_ratio_mismatch():
    text = answer_words("ab-testing-ml-models")
    obs = [50_600, 49_400]
    chi2 = sum((o - 50_000) ** 2 / 50_000 for o in obs)
    assert math.isclose(chi2, 14.4) and "= 14.4" in text
    p = stats.chi2.sf(chi2, df=1)
    assert round(p, 5) == 0.00015 and "0.00015" in text


def test_shadow_disagreements():
    text = answer_words("shadow-deployment-canary-rollout")
    assert round(2_000_000 * (1 - 0.987)) == 26_000
    assert "98.7%" in text and "26,000 disagreements" in text


def _hanley_mcneil_se(auc: float, n_pos: int, n_neg: int) -> float:
    q1 = auc / (2 - auc)
    q2 = 2 * auc**2 / (1 + auc)
    var = auc * (1 - auc) + (n_pos - 1) * (q1 - auc**2) + (n_neg - 1) * (q2 - auc**2)
    return math.sqrt(var / (n_pos * n_neg))


def test_ci_gate_example():
    text = answer_words("ci-cd-for-ml")
    assert round(0.845 - 0.842, 3) == 0.003 < 0.005
    assert round(0.78 - 0.75, 2) == 0.03 > 0.01
    assert "a loss of 0.03" in text
    n_pos, n_neg = 800, 20_000 - 800
    se_old = _hanley_mcneil_se(0.78, n_pos, n_neg)
    se_new = _hanley_mcneil_se(0.75, n_pos, n_neg)
    assert round(se_old, 2) == round(se_new, 2) == 0.01 and "about 0.010" in text
    unpaired = math.hypot(se_old, se_new)
    assert round(unpaired, 4) == 0.0141 and round(1.96 * 0.0141, 3) == 0.028
    assert round(1.96 * unpaired, 3) == 0.028 and "$1.96 \\times 0.0141 = 0.028$" in text
    paired = math.sqrt(se_old**2 + se_new**2 - 2 * 0.8 * se_old * se_new)
    assert round(paired, 4) == 0.0063 and "falls to 0.0063" in text
    lo, hi = 0.03 - 1.96 * paired, 0.03 + 1.96 * paired
    assert (round(lo, 3), round(hi, 3)) == (0.018, 0.042) and "0.018 to 0.042" in text
    assert lo > 0.01  # the whole interval lies beyond the tolerance


# --- serving -----------------------------------------------------------------


def test_serving_capacity_arithmetic():
    text = answer_words("serving-high-request-rates")
    to_model = 50_000 * (1 - 0.60)
    assert to_model == 20_000
    cpu = to_model / (400 * 0.7)
    assert round(cpu, 1) == 71.4 and math.ceil(cpu) == 72
    assert "= 71.4$, so 72 replicas" in text
    # GPU: batch of 1 in 2 ms, batch of 32 in 8 ms
    assert 1 / 0.002 == 500 and 32 / 0.008 == 4_000
    gpu = to_model / (4_000 * 0.7)
    assert round(gpu, 1) == 7.1 and math.ceil(gpu) == 8
    assert "2{,}800 = 7.1$, so 8 GPUs" in text
    # Little's law
    assert round(20_000 * 0.025) == 500 and "= 500$ requests are in flight" in text
    # queueing: time in system S / (1 - rho)
    assert round(1 / (1 - 0.7), 1) == 3.3 and "3.3 times" in text
    assert round(1 / (1 - 0.9)) == 10 and "10 times $S$ at 90%" in text


def test_latency_percentiles_and_fanout():
    text = answer_words("latency-percentiles-budget")
    lat = sorted([20] * 90 + [50] * 9 + [800])
    mean = sum(lat) / len(lat)
    assert mean == 30.5 and "= 30.5$ ms" in text

    def nearest_rank(p: float) -> int:
        return lat[math.ceil(p / 100 * len(lat)) - 1]

    assert nearest_rank(50) == 20 and nearest_rank(95) == 50 and nearest_rank(99) == 50
    assert "nearest-rank p99 (the 99th sorted value) is 50 ms" in text
    # NumPy's default (method="linear") interpolates between the 99th and 100th values
    assert math.isclose(np.percentile(lat, 99), 57.5) and "gives 57.5 ms" in text
    assert np.percentile(lat, 99, method="inverted_cdf") == 50
    assert round(100 * (1 - 0.99**10), 1) == 9.6 and "9.6%" in text
    assert round(100 * (1 - 0.99**100), 1) == 63.4 and "63.4%" in text
    # union bound caps the fan-out probability whatever the dependence
    assert 1 - 0.99**10 <= 10 * 0.01
    assert 10 * 60 == 600 and 600 * 0.001 < 1  # p99.9 rests on less than one request


def test_per_stage_p99s_do_not_add():
    text = answer_words("latency-percentiles-budget")
    k, p_stall, base, stall = 5, 0.005, 20, 300
    # each stage: stall rarer than 1%, so the stage p99 is the base time
    assert p_stall < 0.01
    assert k * base == 100 and "the sum says 100 ms" in text
    p_any = 1 - (1 - p_stall) ** k
    assert round(100 * p_any, 1) == 2.5 and "$1 - 0.995^5 = 2.5\\%$" in text
    p_two = p_any - k * p_stall * (1 - p_stall) ** (k - 1)
    # more than 1% of requests stall at least once, fewer than 1% stall twice: p99 = one stall
    assert p_any > 0.01 > p_two
    assert k * base + stall == 400 and "end-to-end p99 is 400 ms" in text
    # exact distribution agrees
    dist = {k * base + j * stall: math.comb(k, j) * p_stall**j * (1 - p_stall) ** (k - j) for j in range(k + 1)}
    cum = 0.0
    for value in sorted(dist):
        cum += dist[value]
        if cum >= 0.99:
            assert value == 400
            break


def test_union_bound_budget():
    text = answer_words("latency-percentiles-budget")
    budget = [30, 40, 30, 60, 25]
    assert sum(budget) == 185 and sum(budget) + 15 == 200
    assert "| total | 200 ms |" in text and "meets 185 ms at p99" in text
    # five stages each over budget at most 0.2% of the time: at most 1% overrun any
    assert math.isclose(5 * 0.002, 0.01) and "$5 \\times 0.2\\% = 1\\%$" in text
    assert math.isclose(100 - 1 / 5, 99.8) and "p99.8" in text
    # in the stall example a stage's p99.8 includes the stall (0.5% > 0.2%)
    assert 0.005 > 0.002 and 20 + 300 == 320 and 5 * 320 == 1_600
    assert "each stage's p99.8 is 320 ms, so it promises only 1,600 ms" in text
    # hedging after the p95 duplicates about 5% of requests
    assert "adds about 5% more requests" in text


def test_replica_count_in_deploy_answer():
    text = answer_words("deploying-model-as-service")
    assert 1_200 / 300 == 4 and "needs 4 replicas" in text
    # six replicas, 2 per zone in 3 zones, versus 3 per zone in 2 zones
    left_3_zones = 6 - 6 // 3
    left_2_zones = 6 - 6 // 2
    assert left_3_zones == 4 and left_3_zones * 300 == 1_200
    assert left_2_zones == 3 and left_2_zones * 300 == 900 < 1_200
    assert "2 per zone over 3 zones leave 4" in text and "leave 3, only 900" in text
    # every worker process holds its own copy of the model
    assert 1.5 * 4 == 6 and "1.5 GB model under 4 workers needs 6 GB" in text
    for probe in ("startup probe", "readiness probe", "liveness probe"):
        assert probe in text
    assert "limited maintenance since 2025" in text
    for tool in ("Triton", "Ray Serve", "KServe", "vLLM", "SGLang"):
        assert tool in text


def test_zone_headroom_in_high_rate_serving():
    text = answer_words("serving-high-request-rates")
    left = 72 - 72 // 3
    assert left == 48
    assert round(100 * 20_000 / (left * 400)) == 104 and "leaves 48" in text and "104%" in text
    assert 72 * 3 / 2 == 108 and (108 - 108 // 3) == 72
    assert "72 \\times 3/2 = 108" in text


def test_batch_vs_online_volumes():
    text = answer_words("batch-vs-real-time-inference")
    assert 10_000_000 / 20_000 == 500 and "500 seconds" in text
    assert 10_000_000 * 0.08 == 800_000 and "800,000 active users" in text
    requests = 800_000 * 5
    assert requests == 4_000_000
    assert round(requests / 86_400) == 46 and "about 46 per second" in text
    assert round(requests / 86_400) * 5 == 230 and "230 per second" in text


def test_quantization_and_memory_sizes():
    text = answer_words("model-compression-inference")
    s = 1 / 127
    q = round(0.3 / s)
    assert q == 38 and "= 38$" in text
    assert round(q * s, 4) == 0.2992 and "0.2992" in text
    assert round(abs(0.3 - q * s), 4) == 0.0008 and "0.0008" in text
    params = 7e9
    for bytes_per, gb in [(4, 28), (2, 14), (1, 7), (0.5, 3.5)]:
        assert params * bytes_per / 1e9 == gb
    assert "28 GB in FP32, 14 GB in FP16, 7 GB in INT8 and 3.5 GB in INT4" in text
    assert 7 < 12 < 14 and "fit a 12 GB GPU in INT8 but not in FP16" in text


# --- training at scale -------------------------------------------------------


def test_distributed_training_numbers():
    text = answer_words("distributed-training-data-model-parallel")
    assert 16 * 4 * 8 == 512 and "16 \\times 4 \\times 8 = 512" in text
    bytes_per_param = 2 + 2 + 4 + 4 + 4
    assert bytes_per_param == 16
    total_gb = 7e9 * bytes_per_param / 1e9
    assert total_gb == 112 and "= 112$ GB" in text and total_gb > 80
    assert total_gb / 8 == 14 and "14 GB each" in text
    bubble = (4 - 1) / (16 + 4 - 1)
    assert round(100 * bubble, 1) == 15.8 and "3/19 = 15.8\\%" in text


def test_larger_than_memory_arithmetic():
    text = answer_words("training-data-larger-than-memory")
    rows = 2e9
    assert rows * 50 * 8 / 1e9 == 800 and rows * 50 * 4 / 1e9 == 400
    assert "800 GB as float64 and 400 GB as float32" in text
    assert rows * 20 * 4 / 1e9 == 160 and "160 GB" in text
    pos = rows * 0.01
    neg_kept = (rows - pos) * 0.10
    assert pos == 20e6 and neg_kept == 198e6
    kept = pos + neg_kept
    assert kept == 218e6 and "218 million rows" in text
    assert round(kept * 20 * 4 / 1e9, 1) == 17.4 and "17.4$ GB" in text


# --- interpretability --------------------------------------------------------


def test_shapley_two_feature_example():
    text = answer_words("shap-vs-lime")
    f = {(): 10, ("A",): 30, ("B",): 20, ("A", "B"): 50}
    phi_a = 0.5 * ((f[("A",)] - f[()]) + (f[("A", "B")] - f[("B",)]))
    phi_b = 0.5 * ((f[("B",)] - f[()]) + (f[("A", "B")] - f[("A",)]))
    assert (phi_a, phi_b) == (25, 15)
    assert phi_a + phi_b == f[("A", "B")] - f[()] == 40
    assert "= 25$" in text and "= 15$" in text and "$40 = 50 - 10$" in text
    logit = -2.0 + 1.3 + 0.6 - 0.4
    assert round(logit, 1) == -0.5
    assert round(1 / (1 + math.exp(-logit)), 3) == 0.378 and "0.378" in text


def test_shapley_kernel_weights():
    text = answer_words("shap-vs-lime")

    def kernel(m: int, size: int) -> float:
        return (m - 1) / (math.comb(m, size) * size * (m - size))

    assert kernel(4, 1) == kernel(4, 3) == 0.25 and kernel(4, 2) == 0.125
    assert "weight 0.25" in text and "gets 0.125" in text
    assert "Slack et al. (2020" in text


# --- feature store -----------------------------------------------------------


def test_point_in_time_sql_runs_and_picks_the_past_value():
    md = answer("feature-store-point-in-time")
    sql = re.search(r"```sql\n(.*?)```", md, re.S).group(1)
    db = sqlite3.connect(":memory:")
    db.executescript(
        """
        CREATE TABLE labels (card_id INTEGER, event_ts TEXT, is_fraud INTEGER);
        CREATE TABLE card_features (card_id INTEGER, feature_ts TEXT, txn_count_24h INTEGER);
        INSERT INTO labels VALUES (42, '2024-05-05 10:00:00', 1), (7, '2024-05-05 10:00:00', 0);
        INSERT INTO card_features VALUES
            (42, '2024-05-05 09:00:00', 3),
            (42, '2024-05-05 10:00:00', 4),
            (42, '2024-05-05 11:00:00', 7),
            (7, '2024-05-03 09:00:00', 12);
        """
    )
    rows = sorted(db.execute(sql).fetchall(), reverse=True)
    # card 42: not the future 7, not the 4 that counts this transaction; card 7: stale, so NULL
    assert rows == [(42, "2024-05-05 10:00:00", 1, 3), (7, "2024-05-05 10:00:00", 0, None)]
    text = answer_words("feature-store-point-in-time")
    assert "the point-in-time value is 3" in text and "gives 4" in text and "gives 7" in text


# --- new questions -----------------------------------------------------------


def test_retraining_cadence_arithmetic():
    text = answer_words("retraining-triggers-and-cadence")
    r, delta = 0.004, 0.012
    t = delta / r
    assert math.isclose(t, 3) and "T = 0.012/0.004 = 3$ weeks" in text
    assert math.isclose(0.880 - 3 * r, 0.868) and "0.880 - 3 \\times 0.004 = 0.868" in text
    assert math.isclose(r * t / 2, 0.006) and "0.004 \\times 3/2 = 0.006" in text
    assert round(r * 30 / 7, 3) == 0.017 and "0.004 \\times 30/7 = 0.017" in text


def test_gpu_cold_start_headroom():
    text = answer_words("gpu-autoscaling-cold-starts")
    image_s = 8_000 / 250
    weights_s = 14_000 / 500
    assert image_s == 32 and weights_s == 28
    assert 7e9 * 2 / 1e9 == 14  # FP16 weights of a 7B model
    cold = 120 + image_s + weights_s + 20
    assert cold == 200 and "120 + 32 + 28 + 20 = 200" in text
    growth = 50 * cold / 60
    assert round(growth) == 167 and "50 \\times 200/60 = 167" in text
    spares = math.ceil(growth / 100)
    assert spares == 2 and "\\lceil 1.67 \\rceil = 2" in text
    assert spares * 2 * 24 == 96 and "USD 96 a day" in text


def test_cascade_cost_accuracy_latency():
    text = answer_words("model-cascades-and-routing")
    cost = 0.0002 + 0.2 * 0.004
    assert math.isclose(cost, 0.001) and "0.0002 + 0.2 \\times 0.004 = 0.001" in text
    assert round(100 * (1 - cost / 0.004)) == 75 and "75% less" in text
    acc = 0.8 * 0.97 + 0.2 * 0.90
    assert math.isclose(acc, 0.956) and "= 0.956" in text
    assert 20 + 300 == 320 and "take 320 ms" in text
    assert math.isclose(20 + 0.2 * 300, 80) and "20 + 0.2 \\times 300 = 80" in text
    assert 0.40 * 0.004 / (0.20 * 0.004) == 2  # doubling of the large model's load
    # a router skips the cheap model on escalated requests
    router = 0.8 * 0.0002 + 0.2 * 0.004
    assert math.isclose(router, 0.00096) and "= 0.00096$ USD" in text
    assert math.isclose(0.8 * 20 + 0.2 * 300, 76) and "a mean of 76 ms" in text


def test_cascade_error_cost_break_even():
    text = answer_words("model-cascades-and-routing")
    err_cascade, err_large = 1 - 0.956, 1 - 0.96
    assert round(100 * err_cascade, 1) == 4.4 and round(100 * err_large, 1) == 4.0
    break_even = (0.004 - 0.001) / (err_cascade - err_large)
    assert math.isclose(break_even, 0.75) and "= 0.75$ USD" in text
    e = 2.0
    assert round(0.001 + err_cascade * e, 3) == 0.089 and round(0.004 + err_large * e, 3) == 0.084
    assert "USD 0.089 per request against 0.084" in text


# --- code in answers -----------------------------------------------------------


class _Param:
    def __init__(self, w: float) -> None:
        self.w = w
        self.grad = 0.0


class _Pred:
    def __init__(self, param: _Param, x: np.ndarray) -> None:
        self.param, self.x = param, x


class _Loss:
    """Stands in for a torch scalar: dividing scales its gradient, backward() accumulates it."""

    def __init__(self, param: _Param, grad: float) -> None:
        self.param, self.grad = param, grad

    def __truediv__(self, k: float) -> _Loss:
        return _Loss(self.param, self.grad / k)

    def backward(self) -> None:
        self.param.grad += self.grad


class _Optimizer:
    def __init__(self, param: _Param, lr: float = 0.1) -> None:
        self.param, self.lr, self.steps = param, lr, []

    def step(self) -> None:
        self.steps.append(self.param.grad)
        self.param.w -= self.lr * self.param.grad

    def zero_grad(self) -> None:
        self.param.grad = 0.0


def _run_accumulation(n_batches: int, accum_steps: int, batch: int = 8):
    code = re.search(r"```python\n(.*?)```", answer("distributed-training-data-model-parallel"), re.S).group(1)
    assert code.startswith("accum_steps = 4\n")
    rng = np.random.default_rng(0)
    loader = [(rng.normal(size=batch), rng.normal(size=batch)) for _ in range(n_batches)]
    param = _Param(0.5)
    opt = _Optimizer(param)

    def model(x):
        return _Pred(param, x)

    def loss_fn(pred, y):  # mean squared error of y ~ w * x, gradient with respect to w
        return _Loss(param, float(np.mean(2 * (pred.param.w * pred.x - y) * pred.x)))

    env = {"loader": loader, "model": model, "loss_fn": loss_fn, "optimizer": opt}
    exec(code.replace("accum_steps = 4", f"accum_steps = {accum_steps}", 1), env)
    return loader, opt, param


def _expected_steps(loader, accum_steps, w0=0.5, lr=0.1):
    w, grads = w0, []
    for start in range(0, len(loader), accum_steps):
        window = loader[start : start + accum_steps]
        x = np.concatenate([b[0] for b in window])
        y = np.concatenate([b[1] for b in window])
        g = float(np.mean(2 * (w * x - y) * x))  # equal-sized micro-batches: mean over the window
        grads.append(g)
        w -= lr * g
    return grads


def test_gradient_accumulation_code_handles_a_short_last_window():
    text = answer_words("distributed-training-data-model-parallel")
    assert "with 10 micro-batches and 4 accumulation steps" in text
    loader, opt, param = _run_accumulation(10, 4)
    assert len(opt.steps) == 3  # windows of 4, 4 and 2
    assert np.allclose(opt.steps, _expected_steps(loader, 4))
    assert param.grad == 0.0  # nothing leaks into the next epoch


def test_gradient_accumulation_code_edge_cases():
    loader, opt, _ = _run_accumulation(8, 4)  # divisible
    assert len(opt.steps) == 2 and np.allclose(opt.steps, _expected_steps(loader, 4))
    loader, opt, _ = _run_accumulation(5, 1)  # no accumulation: one step per batch
    assert len(opt.steps) == 5 and np.allclose(opt.steps, _expected_steps(loader, 1))
    loader, opt, _ = _run_accumulation(3, 4)  # fewer batches than one window
    assert len(opt.steps) == 1 and np.allclose(opt.steps, _expected_steps(loader, 4))
    _, opt, param = _run_accumulation(0, 4)  # empty loader: no step, no error
    assert opt.steps == [] and param.grad == 0.0


# --- numbers added in the December 2026 review ----------------------------------


def test_mm1_tail_and_retry_amplification():
    text = answer_words("serving-high-request-rates")
    assert round(math.log(100), 1) == 4.6 and "\\ln 100 \\approx 4.6" in text
    assert round(math.log(100) / (1 - 0.7)) == 15 and "about 15 times $S$ at 70%" in text
    assert round(math.log(100) / (1 - 0.9)) == 46 and "46 times $S$ at 90%" in text
    # M/M/1 time in system is exponential with mean S/(1 - rho): its p99 is ln(100) times the mean
    assert math.isclose(stats.expon(scale=1 / 0.3).ppf(0.99), math.log(100) / 0.3)
    assert (1 + 3) ** 3 == 64 and "$4^3 = 64$" in text


def test_negative_downsampling_odds_correction():
    text = answer_words("training-data-larger-than-memory")
    sampled_p = 0.5
    odds = sampled_p / (1 - sampled_p) * 0.1
    p = odds / (1 + odds)
    assert round(p, 3) == 0.091 and math.isclose(p, 0.1 / 1.1)
    assert "$0.1/1.1 = 0.091$" in text


def test_monitoring_flag_rate_jump():
    text = answer_words("model-monitoring-production")
    assert 3 / 0.5 == 6 and "six times normal" in text
    assert 3 > 2 * 0.5  # a band of twice the average is breached


def test_retraining_cost_optimal_cycle():
    text = answer_words("retraining-triggers-and-cadence")
    assert "T^* = \\sqrt{2C/(v\\,r)}" in text
    c, v, r = 500.0, 40_000.0, 0.004  # any positive values: check the calculus, not the story

    def weekly(t: float) -> float:
        return c / t + v * r * t / 2

    t_star = math.sqrt(2 * c / (v * r))
    grid = np.linspace(0.1 * t_star, 10 * t_star, 2_001)
    assert abs(grid[np.argmin([weekly(g) for g in grid])] - t_star) < 0.01 * t_star


# --- fixes after the fresh review of December 2026 --------------------------------


def _topic_questions() -> list[dict]:
    import yaml

    from tests.bank import CONTENT

    data = yaml.safe_load((CONTENT / "mlops-and-production.yaml").read_text(encoding="utf-8"))
    return data["questions"]


def test_no_control_characters_in_topic_text():
    # an unescaped "\t" in "\text" or "\times" once left literal TABs that broke the rendered math
    for q in _topic_questions():
        for field in ("question", "short", "answer", "formula"):
            value = q.get(field) or ""
            bad = sorted({hex(ord(c)) for c in value if ord(c) < 0x20 and c != "\n"})
            assert not bad, f"{q['id']}.{field} holds control characters {bad}"
    text = answer_words("latency-percentiles-budget")
    assert "P(\\text{slow}) = 1 - 0.99^{k}" in text and "$k \\times 1\\%$" in text


def _service_code() -> str:
    return re.search(r"```python\n(.*?)```", answer("deploying-model-as-service"), re.S).group(1)


def test_fastapi_service_rejects_bad_input_without_echoing_it():
    import ast

    tree = ast.parse(_service_code())
    config = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "model_config"
    )
    flags = {kw.arg: ast.literal_eval(kw.value) for kw in config.keywords}
    assert flags == {"extra": "forbid", "allow_inf_nan": False, "strict": True}
    handlers = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.AsyncFunctionDef)
        and any(
            isinstance(d, ast.Call)
            and getattr(d.func, "attr", "") == "exception_handler"
            and getattr(d.args[0], "id", "") == "RequestValidationError"
            for d in node.decorator_list
        )
    ]
    assert len(handlers) == 1
    body = ast.unparse(handlers[0])
    # the handler copies only location and message, never the offending input
    assert "status_code=422" in body and '"input"' not in body and "'input'" not in body
    text = answer_words("deploying-model-as-service")
    assert "the client gets HTTP 500" in text and "checked with FastAPI 0.165 and Pydantic 2.14" in text


def test_fastapi_service_behaviour(tmp_path, monkeypatch):
    # runs where FastAPI is installed (it is not a dependency of the bank itself)
    import importlib.util

    import joblib
    from fastapi.testclient import TestClient
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    x = rng.uniform(0, 100, size=(200, 2))
    joblib.dump(LogisticRegression().fit(x, (x[:, 0] < 30).astype(int)), tmp_path / "model.joblib")
    (tmp_path / "service.py").write_text(_service_code())
    monkeypatch.chdir(tmp_path)
    spec = importlib.util.spec_from_file_location("service", tmp_path / "service.py")
    service = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(service)
    client = TestClient(service.app, raise_server_exceptions=False)

    def post(body: str) -> int:
        return client.post("/predict", content=body, headers={"content-type": "application/json"}).status_code

    assert post('{"tenure_months": 12, "monthly_spend": 30}') == 200
    for bad in (
        '{"tenure_months": NaN, "monthly_spend": 30}',
        '{"tenure_months": Infinity, "monthly_spend": 30}',
        '{"tenure_months": "12", "monthly_spend": 30}',
        '{"tenure_months": "x", "monthly_spend": 30}',
        '{"tenure_months": -1, "monthly_spend": 30}',
        '{"monthly_spend": 30}',
        '{"tenure_months": 1, "monthly_spend": 30, "extra": 1}',
    ):
        assert post(bad) == 422, bad


def test_point_in_time_tools_and_feast_inclusive_join():
    text = answer_words("feature-store-point-in-time")
    assert "at or before the entity time, so a row stamped at exactly $t$ is included" in text
    assert "`allow_exact_matches=False` and a `tolerance`" in text
    import pandas as pd  # pinned in requirements/test.in for this test
    labels = pd.DataFrame({"card_id": [42, 7], "event_ts": pd.to_datetime(["2024-05-05 10:00"] * 2)})
    feats = pd.DataFrame(
        {
            "card_id": [42, 42, 42, 7],
            "feature_ts": pd.to_datetime(
                ["2024-05-05 09:00", "2024-05-05 10:00", "2024-05-05 11:00", "2024-05-03 09:00"]
            ),
            "txn_count_24h": [3, 4, 7, 12],
        }
    ).sort_values("feature_ts")

    def join(exact: bool) -> dict:
        m = pd.merge_asof(
            labels,
            feats,
            left_on="event_ts",
            right_on="feature_ts",
            by="card_id",
            allow_exact_matches=exact,
            tolerance=pd.Timedelta("24h"),
        )
        return dict(zip(m.card_id, m.txn_count_24h))

    strict, inclusive = join(False), join(True)
    assert strict[42] == 3 and inclusive[42] == 4  # the inclusive join counts the labelled transaction
    assert math.isnan(strict[7]) and math.isnan(inclusive[7])  # stale beyond the 24-hour tolerance
