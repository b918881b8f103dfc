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
    d_crit = 1.358 * math.sqrt(2 / 10_000)
    assert round(d_crit, 4) == 0.0192 and "0.0192" in text
    # multiple testing
    assert 200 * 0.05 == 10 and "about 10 alerts" in text
    assert math.isclose(0.05 / 200, 0.00025) and "0.00025" in text


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


def test_ci_gate_example():
    text = answer_words("ci-cd-for-ml")
    assert round(0.845 - 0.842, 3) == 0.003 < 0.005
    assert round(0.78 - 0.75, 2) == 0.03 > 0.01
    assert "a loss of 0.03" in text


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
    assert round(100 * (1 - 0.99**10), 1) == 9.6 and "9.6%" in text
    assert round(100 * (1 - 0.99**100), 1) == 63.4 and "63.4%" in text
    budget = [30, 40, 30, 60, 25, 15]
    assert sum(budget) == 200 and "| total | 200 ms |" in text
    assert 10 * 60 == 600 and 600 * 0.001 < 1  # p99.9 rests on less than one request


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
        INSERT INTO labels VALUES (42, '2024-05-05 10:00', 1);
        INSERT INTO card_features VALUES (42, '2024-05-05 09:00', 3), (42, '2024-05-05 11:00', 7);
        """
    )
    rows = db.execute(sql).fetchall()
    assert rows == [(42, "2024-05-05 10:00", 1, 3)]
    text = answer_words("feature-store-point-in-time")
    assert "the point-in-time value is 3" in text


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
