"""Recompute the numbers in the new forecasting questions (foundation models, fair backtests,
forecast metrics) and run the MASE code they embed against its edge cases."""

import math

import numpy as np
import pytest

from tests.bank import answer, answer_words, house_shape_counts, python_block

NEW_IDS = [
    "time-series-foundation-models",
    "classical-baseline-vs-foundation-model",
    "forecast-accuracy-metrics",
]



def test_new_questions_meet_the_house_shape():
    assert house_shape_counts(NEW_IDS) == {"basic": 0, "intermediate": 2, "advanced": 1}


def test_chronos_scaling_bins_ceiling_and_patching():
    text = answer_words("time-series-foundation-models")
    context = np.array([20, 22, 19, 25, 30, 28, 24, 26], dtype=float)
    scale = np.abs(context).mean()
    assert scale == 24.25 and "194/8 = 24.25" in text
    assert round(26 / scale, 3) == 1.072 and "becomes 1.072" in text
    # The tokenizer of the released Chronos models: 4,096 tokens, 2 special, centres on [-15, 15].
    centres = np.linspace(-15, 15, 4096 - 2 - 1)
    assert len(centres) == 4093 and "The 4,093 bin centres span 30 scaled units" in text
    spacing = centres[1] - centres[0]
    assert math.isclose(spacing, 30 / 4092) and round(spacing, 5) == 0.00733
    assert "a spacing of 30/4,092 ≈ 0.00733" in text
    assert round(spacing * scale, 3) == 0.178 and "about 0.178 units of sales" in text
    assert round(spacing * scale / 2, 2) == 0.09 and "at most about 0.09 units" in text
    # Quantise and decode as the tokenizer does, and check the error bound and the ceiling.
    boundaries = (centres[1:] + centres[:-1]) / 2
    decoded = centres[np.searchsorted(boundaries, context / scale)] * scale
    assert np.max(np.abs(decoded - context)) <= spacing * scale / 2 + 1e-9
    too_big = np.array([400.0])
    assert centres[np.searchsorted(boundaries, too_big / scale)][0] * scale == 15 * scale == 363.75
    assert "nothing above 15 × 24.25 = 363.75 units" in text
    assert 2048 // 32 == 64 and (2048 / 64) ** 2 == 1024
    assert "a 2,048-step context is 64 tokens instead of 2,048" in text and "(2,048/64)² = 1,024" in text


def test_model_facts_are_dated():
    text = answer_words("time-series-foundation-models")
    for fact in (
        "Chronos-2 (October 2025, 120M parameters, context up to 8,192 steps)",
        "2.5 (September 2025: 200M parameters, 16k context, optional quantile head)",
        "3.0 (August 2026, multivariate)",
        "2.5 through the XReg add-on (October 2025)",
        "1.0 to 2.5 Apache-2.0; 3.0 non-commercial",
        "1.x CC BY-NC 4.0",
        "Chronos-Bolt (November 2024, patches and quantiles)",
    ):
        assert fact in text, fact


def test_mase_example_and_baselines():
    text = answer_words("classical-baseline-vs-foundation-model")
    mase = python_block("classical-baseline-vs-foundation-model")["mase"]
    train = [100, 120, 140, 110, 104, 126, 146, 112, 110, 130, 150, 118]
    actual = [114, 134, 156, 120]
    m = 4
    naive_errors = [abs(train[t] - train[t - m]) for t in range(m, len(train))]
    assert naive_errors == [4, 6, 6, 2, 6, 4, 4, 6] and sum(naive_errors) == 38
    assert "errors are 4, 6, 6, 2, 6, 4, 4, 6, summing to 38 over 8 terms, so the scale is 4.75" in text
    seasonal_naive = train[-m:]
    drift = [(train[8 + q] - train[q]) / 2 for q in range(m)]
    with_drift = [s + d for s, d in zip(seasonal_naive, drift)]
    assert with_drift == [115, 135, 155, 122]
    fm = [118, 133, 147, 125]
    expected = {
        "seasonal naive": (seasonal_naive, [4, 4, 6, 2], 4.00, 0.842),
        "with drift": (with_drift, [1, 1, 1, 2], 1.25, 0.263),
        "foundation": (fm, [4, 1, 9, 5], 4.75, 1.000),
    }
    for forecast, errors, mae, score in expected.values():
        assert [abs(a - f) for a, f in zip(actual, forecast)] == errors
        assert sum(errors) / 4 == mae
        assert round(mase(train, actual, forecast, m=m), 3) == score
    assert "| 110, 130, 150, 118 | 4, 4, 6, 2 | 4.00 | 0.842 |" in answer("classical-baseline-vs-foundation-model")
    assert "| 115, 135, 155, 122 | 1, 1, 1, 2 | 1.25 | 0.263 |" in answer("classical-baseline-vs-foundation-model")
    assert "| 118, 133, 147, 125 | 4, 1, 9, 5 | 4.75 | 1.000 |" in answer("classical-baseline-vs-foundation-model")
    assert 1.000 / 0.263 > 3.8 and "by a factor of almost four" in text
    assert round(512 / 365, 1) == 1.4 and round(512 / 24) == 21
    assert "The original Chronos read 512 steps, about 1.4 years of daily data or 21 days of hourly data." in text
    # Current context lengths: where the window still binds.
    hours_per_year = 365.25 * 24
    assert round(8192 / 365.25) == 22 and "8,192 steps for Chronos-2 is about 22 years of daily data" in text
    assert round(hours_per_year) == 8766 and 8192 < hours_per_year and "8,766 steps per year" in text
    assert 1 < 16_384 / hours_per_year < 2 and "16k steps cover under two years" in text
    assert "less than one full yearly cycle (Chronos-2) or just one (TimesFM 2.5)" in text


def test_mase_code_edge_cases():
    mase = python_block("classical-baseline-vs-foundation-model")["mase"]
    assert mase([1, 2, 4], [5], [5]) == 0.0
    assert mase([1, 3, 5], [7, 9], [8, 8]) == 0.5  # naive MAE 2, forecast MAE 1
    for bad in (
        lambda: mase([1, 2, 3], [1], [1], m=0),
        lambda: mase([1, 2], [1], [1], m=2),
        lambda: mase([1, 2, 3], [], []),
        lambda: mase([1, 2, 3], [1, 2], [1]),
        lambda: mase([1, float("nan"), 3], [1], [1]),
        lambda: mase([1, 2, 3], [1], [float("nan")]),
        lambda: mase([5, 5, 5, 5], [5], [6]),
    ):
        with pytest.raises(ValueError):
            bad()


def test_geometric_versus_arithmetic_aggregation():
    text = answer_words("classical-baseline-vs-foundation-model")
    ratios = [0.8, 1.25, 0.5, 1.6]
    geo = math.prod(ratios) ** (1 / len(ratios))
    assert math.isclose(math.prod(ratios), 0.8) and round(geo, 3) == 0.946
    assert "$0.8^{1/4} \\approx 0.946$" in text
    assert sum(ratios) / 4 == 1.0375 and "arithmetic mean of 1.0375" in text
    assert (0.5 + 2) / 2 != 1 and math.isclose(math.log(0.5) + math.log(2), 0)
    assert 8 * 1000 == 8000 and "8 origins × 1,000 series is not 8,000 independent points" in text


def _pinball(y, q, tau):
    return max(tau * (y - q), (tau - 1) * (y - q))


def test_point_metrics_on_the_four_days():
    text = answer_words("forecast-accuracy-metrics")
    y = [2, 10, 20, 48]
    f = [6, 12, 18, 40]
    err = [abs(a - b) for a, b in zip(y, f)]
    assert err == [4, 2, 2, 8] and sum(err) == 16 and sum(y) == 80
    ape = [100 * e / a for e, a in zip(err, y)]
    assert [round(v, 1) for v in ape] == [200.0, 20.0, 10.0, 16.7]
    assert round(sum(ape) / 4, 1) == 61.7 and "200%, 20%, 10%, 16.7%, mean **61.7%**" in text
    assert round(ape[0] / sum(ape), 2) == 0.81 and "about four fifths of it" in text
    smape = [200 * e / (abs(a) + abs(b)) for e, a, b in zip(err, y, f)]
    assert [round(v, 1) for v in smape] == [100.0, 18.2, 10.5, 18.2]
    assert round(sum(smape) / 4, 1) == 36.7 and "100%, 18.2%, 10.5%, 18.2%, mean **36.7%**" in text
    assert sum(err) / sum(y) == 0.20 and "16/80 = **20%**" in text
    history = [4, 8, 16, 30, 6, 12, 22]
    naive = [abs(history[t] - history[t - 1]) for t in range(1, len(history))]
    assert naive == [4, 8, 14, 24, 6, 10] and sum(naive) / len(naive) == 11
    assert round((sum(err) / 4) / 11, 2) == 0.36 and "MASE = 4/11 ≈ **0.36**" in text
    # The same number through the embedded MASE code of the fair-backtest question.
    mase = python_block("classical-baseline-vs-foundation-model")["mase"]
    assert round(mase(history, y, f, m=1), 2) == 0.36


def test_wql_example_and_its_wape_special_case():
    text = answer_words("forecast-accuracy-metrics")
    y = [2, 10, 20, 48]
    quantiles = {0.1: [1, 8, 13, 30], 0.5: [6, 12, 18, 40], 0.9: [10, 16, 24, 52]}
    totals = {tau: sum(_pinball(a, q, tau) for a, q in zip(y, qs)) for tau, qs in quantiles.items()}
    assert [round(totals[t], 1) for t in (0.1, 0.5, 0.9)] == [2.8, 8.0, 2.2]
    assert "0.1 + 0.2 + 0.7 + 1.8 = 2.8 at 0.1, 8.0 at 0.5" in text and "0.8 + 0.6 + 0.4 + 0.4 = 2.2 at 0.9" in text
    wql = 2 * np.mean([totals[t] / sum(y) for t in totals])
    assert round(wql, 3) == 0.108 and "2 × (2.8 + 8.0 + 2.2)/3/80 ≈ **0.108**" in text
    median_only = 2 * totals[0.5] / sum(y)
    wape = sum(abs(a - b) for a, b in zip(y, quantiles[0.5])) / sum(y)
    assert median_only == wape == 0.2 and "2 × 8/80 = 0.20, which is the WAPE" in text
    inside = sum(lo <= a <= hi for a, lo, hi in zip(y, quantiles[0.1], quantiles[0.9]))
    assert inside == 4 and "All four actuals fall inside the 10-90% band" in text


def test_smape_asymmetry_and_mape_bias():
    text = answer_words("forecast-accuracy-metrics")
    assert round(200 * 50 / (100 + 50), 1) == 66.7 and round(200 * 50 / (100 + 150), 1) == 40.0
    assert "a forecast of 50 scores 66.7% and a forecast of 150 scores 40%" in text
    outcomes = [50, 150]

    def expected_mape(f):
        return sum(abs(o - f) / o for o in outcomes) / 2

    def expected_mae(f):
        return sum(abs(o - f) for o in outcomes) / 2

    grid = np.linspace(50, 150, 101)
    assert all(math.isclose(expected_mape(f), f / 150) for f in grid)
    assert grid[np.argmin([expected_mape(f) for f in grid])] == 50
    assert all(math.isclose(expected_mae(f), 50) for f in grid)
    assert "= f/150$ in fraction terms" in text and "the best forecast under MAPE is 50" in text
    # CRPS of a point forecast is the absolute error: 2 * integral of the pinball loss over tau.
    taus = (np.arange(20000) + 0.5) / 20000
    crps_point = 2 * np.mean([_pinball(20, 18, t) for t in taus])
    assert math.isclose(crps_point, 2.0, rel_tol=1e-6)
