"""Recompute every number quoted in the unsupervised-and-probabilistic answers."""

from __future__ import annotations

import itertools
import math

import numpy as np
from scipy import stats
from sklearn.cluster import DBSCAN
from sklearn.metrics import davies_bouldin_score, silhouette_samples, silhouette_score

from tests.bank import answer_words

POINTS = [1.0, 2.0, 3.0, 10.0, 11.0, 12.0]


def _sse(group):
    m = sum(group) / len(group)
    return sum((x - m) ** 2 for x in group)


def _best_inertia(points, k):
    """Exact optimum in 1-D: optimal clusters are contiguous runs of the sorted points."""
    pts = sorted(points)
    best = math.inf
    for cuts in itertools.combinations(range(1, len(pts)), k - 1):
        bounds = [0, *cuts, len(pts)]
        best = min(best, sum(_sse(pts[a:b]) for a, b in itertools.pairwise(bounds)))
    return best


def _fmt(x, nd):
    return f"{x:.{nd}f}"


def test_kmeans_lloyd_example():
    text = answer_words("kmeans-algorithm")
    x = np.array(POINTS)
    c = np.array([1.0, 2.0])
    history = []
    while True:
        lab = np.argmin(np.abs(x[:, None] - c[None, :]), axis=1)
        new = np.array([x[lab == j].mean() for j in range(2)])
        history.append(new)
        if np.allclose(new, c):
            break
        c = new
    assert history[0][1] == 38 / 5 == 7.6
    assert np.allclose(history[1], [2.0, 11.0])
    inertia = sum(((x[lab == j] - c[j]) ** 2).sum() for j in range(2))
    assert inertia == 4
    assert "38/5 = 7.6" in text and "(1 + 0 + 1) + (1 + 0 + 1) = 4" in text


def test_kmeans_plus_plus_probabilities():
    text = answer_words("kmeans-plus-plus-initialization")
    d2 = np.array([0, 1, 10, 11]) ** 2
    assert d2.sum() == 222
    assert _fmt((d2[2] + d2[3]) / d2.sum(), 3) == "0.995"
    assert _fmt(d2[1] / d2.sum(), 4) == "0.0045"
    assert "summing to 222" in text and "221/222 = 0.995" in text and "1/222 = 0.0045" in text


def test_choosing_k_drops():
    text = answer_words("choosing-k-in-kmeans")
    inertia = [1000, 420, 160, 130, 110]
    drops = [a - b for a, b in itertools.pairwise(inertia)]
    assert drops == [580, 260, 30, 20]
    assert "580, 260, 30 and 20" in text
    # free parameters of a full-covariance Gaussian mixture
    d, k = 2, 3
    per_component = d + d * (d + 1) // 2
    assert per_component == 5 and k * per_component + (k - 1) == 17
    assert "p = 3 \\times 5 + 2 = 17" in text
    assert "swaps $k$ for a different knob" in text and "`eps` and `min_samples`" in text


def test_inertia_table_and_elbow():
    text = answer_words("inertia-and-elbow-method")
    values = {k: _best_inertia(POINTS, k) for k in (1, 2, 3, 4)}
    assert values == {1: 125.5, 2: 4.0, 3: 2.5, 4: 1.0}
    assert values[1] - values[2] == 121.5 and values[2] - values[3] == 1.5
    assert _fmt(121.5 / 125.5, 3) == "0.968"
    for snippet in ("| 125.5 |", "| 4 |", "| 2.5 |", "| 1 |", "removes 121.5", "only 1.5", "121.5/125.5 = 0.968"):
        assert snippet in text


def _agglomerate(points, linkage):
    clusters = [[p] for p in points]
    heights = []
    while len(clusters) > 1:
        best = None
        for i, j in itertools.combinations(range(len(clusters)), 2):
            dists = [abs(a - b) for a in clusters[i] for b in clusters[j]]
            d = min(dists) if linkage == "single" else max(dists)
            if best is None or d < best[0]:
                best = (d, i, j)
        d, i, j = best
        heights.append(d)
        clusters[i] = clusters[i] + clusters[j]
        del clusters[j]
    return heights


def test_hierarchical_linkage_heights():
    text = answer_words("hierarchical-clustering-linkage")
    assert _agglomerate([1, 2, 4, 8], "single") == [1, 2, 4]
    assert _agglomerate([1, 2, 4, 8], "complete") == [1, 3, 7]
    assert "at height 1" in text and "single linkage gives 2 and complete gives 3" in text
    assert "height 4 under single linkage" in text and "at 7 under complete linkage" in text


def test_hierarchical_chaining_inversion_and_cophenetic():
    from scipy.cluster.hierarchy import cophenet, fcluster, is_monotonic, linkage
    from scipy.spatial.distance import pdist

    text = answer_words("hierarchical-clustering-linkage")
    groups = np.array([0, 1, 2, 8, 9, 10], dtype=float).reshape(-1, 1)
    assert linkage(groups, "single")[-1, 2] == 6
    x = np.array([0, 1, 2, 3.5, 5, 6.5, 8, 9, 10]).reshape(-1, 1)
    single, complete = linkage(x, "single"), linkage(x, "complete")
    assert sorted(set(single[:, 2])) == [1, 1.5]  # no gap to cut between two clusters
    assert {len(set(fcluster(single, t, "distance"))) for t in (0.5, 1.2, 1.6)} == {9, 5, 1}
    assert complete[-1, 2] == 10 and complete[-2, 2] == 5
    c_single, _ = cophenet(single, pdist(x))
    c_complete, _ = cophenet(complete, pdist(x))
    assert _fmt(c_single, 2) == "0.52" and _fmt(c_complete, 2) == "0.75"
    for s in ("merge at height 6", "3.5, 5 and 6.5", "everything at 1.5", "last merge at 10", "at 5", "0.52", "0.75"):
        assert s in text
    triangle = np.array([[0, 0], [2, 0], [1, math.sqrt(3)]])
    z = linkage(triangle, "centroid")
    assert math.isclose(z[0, 2], 2) and _fmt(z[1, 2], 3) == "1.732" and not is_monotonic(z)
    assert "\\sqrt{3} = 1.732" in text and "inversion" in text


def test_ward_requires_euclidean_in_sklearn():
    import pytest
    from sklearn.cluster import AgglomerativeClustering

    x = np.array([[0.0], [1.0], [5.0], [6.0]])
    with pytest.raises(ValueError):
        AgglomerativeClustering(n_clusters=2, linkage="ward", metric="manhattan").fit(x)
    assert 'metric="euclidean"' in answer_words("hierarchical-clustering-linkage")


def test_dbscan_example():
    text = answer_words("dbscan-density-clustering")
    x = np.array([1, 1.5, 2, 2.5, 8, 8.4, 8.8, 20]).reshape(-1, 1)
    model = DBSCAN(eps=0.6, min_samples=3).fit(x)
    labels = model.labels_
    core = set(x[model.core_sample_indices_, 0].tolist())
    assert core == {1.5, 2.0, 8.4}
    assert labels[0] == labels[1] == labels[2] == labels[3] != labels[4]
    assert labels[4] == labels[5] == labels[6] != -1
    assert labels[7] == -1
    assert "cluster {1, 1.5, 2, 2.5}" in text and "second cluster {8, 8.4, 8.8}" in text
    # the k-distance curve in the follow-up, and eps at its knee
    from sklearn.neighbors import NearestNeighbors

    dist, _ = NearestNeighbors(n_neighbors=3).fit(x).kneighbors(x)
    curve = sorted(round(float(d), 1) for d in dist[:, -1])
    assert curve == [0.4, 0.5, 0.5, 0.8, 0.8, 1, 1, 11.6]
    assert "0.4, 0.5, 0.5, 0.8, 0.8, 1, 1, 11.6" in text
    assert (DBSCAN(eps=1, min_samples=3).fit(x).labels_ == labels).all()


def test_dbscan_border_point_depends_on_row_order():
    text = answer_words("dbscan-density-clustering")
    a = [0, 0.25, 0.5, 0.75, 1.0]
    b = [2.0, 2.25, 2.5, 2.75, 3.0]
    border = 1.5
    model = DBSCAN(eps=0.55, min_samples=4)
    first = model.fit(np.array([*a, border, *b]).reshape(-1, 1))
    assert border not in first.components_.ravel()
    assert int(((np.abs(np.array([*a, *b]) - border)) <= 0.55).sum()) + 1 == 3
    assert first.labels_[5] == first.labels_[0] != first.labels_[6]
    second = DBSCAN(eps=0.55, min_samples=4).fit(np.array([*b, border, *a]).reshape(-1, 1))
    assert second.labels_[5] == second.labels_[0] != second.labels_[6]  # now it sits with b
    assert "`eps` = 0.55 and `minPts` = 4" in text and "only 3 points in reach" in text


def test_gmm_responsibility():
    text = answer_words("gaussian-mixture-models")
    a, b = math.exp(-0.5), math.exp(-4.5)
    assert _fmt(a, 3) == "0.607" and _fmt(b, 3) == "0.011"
    assert _fmt(a / (a + b), 3) == "0.982" and _fmt(b / (a + b), 3) == "0.018"
    assert "0.607" in text and "0.011" in text and "0.982" in text and "0.018" in text


def test_em_one_step():
    text = answer_words("em-algorithm")
    x = np.array([0.0, 2.0, 5.0])
    mu = np.array([0.0, 5.0])
    w = np.array([0.5, 0.5])
    dens = np.exp(-0.5 * (x[:, None] - mu) ** 2) / math.sqrt(2 * math.pi)
    ll0 = np.log((w * dens).sum(1)).sum()
    r = w * dens / (w * dens).sum(1, keepdims=True)
    assert _fmt(r[1, 0], 3) == "0.924" and math.isclose(r[1, 0], 1 / (1 + math.exp(-2.5)))
    nk = r.sum(0)
    mu1 = (r * x[:, None]).sum(0) / nk
    w1 = nk / len(x)
    assert [_fmt(m, 3) for m in mu1] == ["0.961", "4.788"]
    assert [_fmt(v, 3) for v in w1] == ["0.641", "0.359"]
    dens1 = np.exp(-0.5 * (x[:, None] - mu1) ** 2) / math.sqrt(2 * math.pi)
    ll1 = np.log((w1 * dens1).sum(1)).sum()
    assert _fmt(ll0, 2) == "-6.76" and _fmt(ll1, 2) == "-5.67" and ll1 > ll0
    for s in ("1/(1 + e^{-2.5}) = 0.924", "0.961 and 4.788", "0.641 and 0.359", "$-6.76$ to $-5.67$"):
        assert s in text


def test_hierarchical_memory_estimate():
    text = answer_words("choosing-a-clustering-algorithm")
    n = 100_000
    pairs = n * (n - 1) // 2
    assert round(pairs / 1e9) == 5
    assert round(pairs * 8 / 1e9) == 40
    assert "5 \\times 10^9" in text and "40 GB" in text
    assert f"{0.1 / 6371:.2e}" == "1.57e-05" and "0.1/6371 = 1.57 \\times 10^{-5}" in text
    assert "HDBSCAN (in scikit-learn since 1.3)" in text and "k-distance plot" in text


def test_silhouette_example():
    text = answer_words("silhouette-score")
    x = np.array(POINTS).reshape(-1, 1)
    labels = [0, 0, 0, 1, 1, 1]
    s = silhouette_samples(x, labels)
    assert _fmt(s[0], 2) == "0.85" and _fmt(s[1], 3) == "0.889" and _fmt(s[2], 4) == "0.8125"
    assert _fmt(silhouette_score(x, labels), 3) == "0.850"
    assert "s = 8.5/10 = 0.85" in text and "8/9 = 0.889" in text and "6.5/8 = 0.8125" in text
    assert "= 0.850" in text


def test_davies_bouldin_example():
    text = answer_words("davies-bouldin-index")
    x = np.array([1, 2, 3, 10, 11, 12, 20, 24], dtype=float).reshape(-1, 1)
    labels = [0, 0, 0, 1, 1, 1, 2, 2]
    s = {"A": 2 / 3, "B": 2 / 3, "C": 2.0}
    c = {"A": 2, "B": 11, "C": 22}
    r_ab = (s["A"] + s["B"]) / (c["B"] - c["A"])
    r_ac = (s["A"] + s["C"]) / (c["C"] - c["A"])
    r_bc = (s["B"] + s["C"]) / (c["C"] - c["B"])
    assert [_fmt(v, 3) for v in (r_ab, r_ac, r_bc)] == ["0.148", "0.133", "0.242"]
    db = davies_bouldin_score(x, labels)
    assert math.isclose(db, (max(r_ab, r_ac) + max(r_ab, r_bc) + max(r_ac, r_bc)) / 3)
    assert _fmt(db, 3) == "0.211"
    for v in ("R_{AB} = (2/3 + 2/3)/9 = 0.148", "= 0.133", "= 0.242", "= 0.211"):
        assert v in text
    # C as DBSCAN noise: scikit-learn scores -1 as a cluster; dropping it leaves R_AB
    noisy = [0, 0, 0, 1, 1, 1, -1, -1]
    assert math.isclose(davies_bouldin_score(x, noisy), db)
    assert _fmt(davies_bouldin_score(x[:6], labels[:6]), 3) == "0.148" == _fmt(r_ab, 3)
    assert 2 / 8 == 0.25 and "the 25% of points left out" in text
    assert "returns the same 0.211" in text and "DB is $R_{AB} = 0.148$" in text
    # k must be at least 2 (and at most n - 1); uniform rescaling leaves DB unchanged
    import pytest

    with pytest.raises(ValueError):
        davies_bouldin_score(x, [0] * 8)
    assert math.isclose(davies_bouldin_score(x * 1000, labels), db)
    assert "$O(nd + k^2 d)$" in text and "2 \\le k \\le n - 1" in text


def test_explained_variance_example():
    text = answer_words("explained-variance-clustering")
    x = np.array(POINTS)
    tss = ((x - x.mean()) ** 2).sum()
    wss = _sse(POINTS[:3]) + _sse(POINTS[3:])
    bss = 3 * (2 - 6.5) ** 2 + 3 * (11 - 6.5) ** 2
    assert tss == 125.5 and wss == 4 and bss == 121.5 and math.isclose(tss, wss + bss)
    assert _fmt(bss / tss, 3) == "0.968"
    assert (bss / 1) / (wss / 4) == 121.5
    eig = np.array([5.2, 2.1, 0.5, 0.2])
    assert math.isclose(eig.sum(), 8.0)
    assert math.isclose(eig[0] / eig.sum(), 0.65) and math.isclose(eig[:2].sum() / eig.sum(), 0.9125)
    for v in ("TSS = 125.5", "WSS = 4", "121.5/125.5 = 0.968", "(121.5/1)/(4/4) = 121.5", "7.3/8.0 = 0.9125"):
        assert v in text


def test_markov_chain_weather():
    text = answer_words("markov-chains")
    p = np.array([[0.9, 0.1], [0.5, 0.5]])
    assert math.isclose((p @ p)[0, 0], 0.86)
    vals, vecs = np.linalg.eig(p.T)
    pi = np.real(vecs[:, np.argmin(np.abs(vals - 1))])
    pi = pi / pi.sum()
    assert np.allclose(pi, [5 / 6, 1 / 6])
    assert _fmt(np.linalg.matrix_power(p, 10)[1, 0], 3) == "0.833"
    assert "= 0.86" in text and "5/6 = 0.833" in text and "1/6 = 0.167" in text


PI = np.array([0.8, 0.2])
A = np.array([[0.9, 0.1], [0.2, 0.8]])
ALERT = np.array([0.1, 0.7])


def test_hmm_path_enumeration():
    text = answer_words("hidden-markov-models")
    probs = {}
    for z in itertools.product([0, 1], repeat=2):
        probs["".join("HF"[i] for i in z)] = PI[z[0]] * ALERT[z[0]] * A[z[0], z[1]] * ALERT[z[1]]
    assert {k: round(v, 4) for k, v in probs.items()} == {"HH": 0.0072, "HF": 0.0056, "FH": 0.0028, "FF": 0.0784}
    assert round(sum(probs.values()), 4) == 0.094
    assert "HH 0.0072, HF 0.0056, FH 0.0028 and FF 0.0784" in text and "= 0.094" in text


def test_hmm_forward_and_viterbi():
    text = answer_words("hmm-forward-and-viterbi")
    a1 = PI * ALERT
    assert np.allclose(a1, [0.08, 0.14])
    a2 = (a1 @ A) * ALERT
    assert np.allclose(a2, [0.01, 0.084])
    assert math.isclose(a2.sum(), 0.094)
    assert _fmt(a2[1] / a2.sum(), 3) == "0.894"
    d2 = (a1[:, None] * A).max(0) * ALERT
    back = (a1[:, None] * A).argmax(0)
    assert np.allclose(d2, [0.0072, 0.0784]) and back.tolist() == [0, 1]
    assert _fmt(d2[1] / a2.sum(), 3) == "0.834"
    # Baum-Welch quantities for T = 2 (beta_2 = 1)
    lik = a2.sum()
    xi = a1[:, None] * A * ALERT[None, :] / lik
    beta1 = A @ ALERT
    gamma1 = a1 * beta1 / lik
    assert math.isclose(xi.sum(), 1) and np.allclose(xi.sum(1), gamma1)
    assert _fmt(xi[1, 1], 3) == "0.834" and _fmt(gamma1[1], 3) == "0.864"
    assert math.isclose(gamma1[1] * lik, 0.0028 + 0.0784)
    assert _fmt(xi[1, 1] / gamma1[1], 3) == "0.966"
    for v in (
        "(0.08, 0.14)",
        "= 0.01",
        "= 0.084",
        "0.01 + 0.084 = 0.094",
        "0.084/0.094 = 0.894",
        "= 0.0072",
        "= 0.0784",
        "0.0784/0.094 = 0.834",
        "(0.0028 + 0.0784)/0.094 = 0.864",
        "0.0784/0.0812 = 0.966",
        "\\xi_t(i,j)",
    ):
        assert v in text


def test_bayes_theorem_example():
    text = answer_words("bayes-theorem")
    post = 0.9 * 0.01 / (0.9 * 0.01 + 0.05 * 0.99)
    assert math.isclose(0.9 * 0.01 + 0.05 * 0.99, 0.0585)
    assert _fmt(post, 3) == "0.154"
    assert 0.9 * 100 == 90 and round(0.05 * 9900) == 495 and 90 + 495 == 585
    assert _fmt(90 / 585 * 100, 1) == "15.4"
    odds2 = (1 / 99) * 18 * 18
    assert math.isclose(odds2, 324 / 99)
    assert _fmt(odds2 / (1 + odds2), 3) == "0.766"
    assert _fmt(0.009 / (0.009 + 0.01 * 0.99), 3) == "0.476"
    for v in ("\\frac{0.009}{0.0585} = 0.154", "90 of the 585", "15.4%", "324:99", "0.766", "= 0.476"):
        assert v in text


def test_beta_binomial_update():
    text = answer_words("bayesian-inference-priors-posteriors")
    a0, b0, s, n = 2, 18, 12, 80
    a, b = a0 + s, b0 + n - s
    assert (a, b) == (14, 86)
    assert a / (a + b) == 0.14
    sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    assert _fmt(sd, 3) == "0.035"
    assert s / n == 0.15 and _fmt((a - 1) / (a + b - 2), 3) == "0.133"
    lo, hi = stats.beta.ppf([0.025, 0.975], a, b)
    assert _fmt(lo, 3) == "0.080" and _fmt(hi, 3) == "0.214"
    assert _fmt(stats.beta.sf(0.10, a, b), 3) == "0.883"
    assert _fmt(stats.beta.sf(0.10, a0, b0), 3) == "0.420"
    for v in (
        "Beta(14, 86)",
        "14/100 = 0.14",
        "deviation 0.035",
        "12/80 = 0.15",
        "= 0.133",
        "0.080 to 0.214",
        "= 0.883",
        "0.420",
    ):
        assert v in text


def test_autoencoder_reconstruction_error():
    text = answer_words("autoencoder-anomaly-detection")
    x = np.array([0.2, 0.9, 0.4])
    xhat = np.array([0.25, 0.7, 0.4])
    sq = ((x - xhat) ** 2).sum()
    assert _fmt(sq, 4) == "0.0425"
    assert _fmt(sq / 3, 4) == "0.0142" and sq / 3 < 0.02
    assert round(200_000 * 0.005) == 1000
    assert "0.0425/3 = 0.0142" in text and "about 1,000 alerts" in text


# --- new questions -----------------------------------------------------------


def _c(n: int) -> float:
    return 2 * (math.log(n - 1) + 0.5772) - 2 * (n - 1) / n


def test_isolation_forest_scores():
    text = answer_words("isolation-forest-anomaly-detection")
    c = _c(256)
    assert _fmt(c, 2) == "10.24" and "\\approx 10.24" in text
    exact = 2 * sum(1 / i for i in range(1, 256)) - 2 * 255 / 256  # harmonic number, not its log form
    assert abs(exact - c) < 0.01
    assert _fmt(2 ** (-4 / c), 3) == "0.763" and "2^{-4/10.24} = 0.763" in text
    assert _fmt(2 ** (-12 / c), 3) == "0.444" and "2^{-12/10.24} = 0.444" in text
    assert 2 ** (-c / c) == 0.5  # an average path gives 0.5
    assert 400 / 200_000 == 0.002 and "400/200{,}000 = 0.2\\%" in text and "99.8th percentile" in text


def test_isolation_forest_matches_sklearn_direction():
    from sklearn.ensemble import IsolationForest

    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(size=(500, 2)), [[8.0, 8.0]]])
    model = IsolationForest(random_state=0).fit(x)
    s = -model.score_samples(x)  # scikit-learn returns the negative of s
    assert s[-1] > 0.5 > np.median(s) and s.argmax() == len(x) - 1


def test_matrix_factorization_fold_in():
    text = answer_words("matrix-factorization-recommendations")
    q = np.array([[1.0, 0.0], [0.0, 1.0]])
    r = np.array([5.0, 1.0]) - 3
    gram = q.T @ q + np.eye(2)
    assert np.allclose(gram, 2 * np.eye(2))
    p = np.linalg.solve(gram, q.T @ r)
    assert np.allclose(p, [1, -1])
    pred = 3 + p @ np.array([0.8, 0.2])
    assert math.isclose(pred, 3.6) and "3 + 0.8 - 0.2 = 3.6" in text and "(1, -1)" in text
    assert 1e7 * 1e6 == 1e13 and "10^{13}" in text
    assert round((1e7 + 1e6) * 64 * 4 / 1e9, 1) == 2.8 and "= 2.8$ GB" in text


def test_mean_field_variance_and_ess():
    text = answer_words("variational-inference-vs-mcmc")
    cov = np.array([[1.0, 0.9], [0.9, 1.0]])
    q_var = 1 / np.linalg.inv(cov)[0, 0]
    assert math.isclose(q_var, 1 - 0.9**2) and _fmt(q_var, 2) == "0.19"
    assert _fmt(math.sqrt(q_var), 3) == "0.436"
    assert "1 - 0.9^2 = 0.19" in text and "0.436" in text
    rho = 0.8
    series = 1 + 2 * sum(rho**k for k in range(1, 500))
    assert math.isclose(series, (1 + rho) / (1 - rho))
    ess = 4_000 / series
    assert round(ess) == 444 and "(1 - 0.8)/(1 + 0.8) = 444" in text


# --- December 2026 review: numbers and library facts added in the review ----------------


def test_kmeans_plus_plus_bound_recovery_and_sklearn_defaults():
    import inspect

    from sklearn.cluster import KMeans

    text = answer_words("kmeans-plus-plus-initialization")
    assert "8(\\ln k + 2)" in text
    # Lloyd from the bad seeds 0 and 1 still reaches the optimum in two updates
    x = np.array([0.0, 1.0, 10.0, 11.0])
    c = np.array([0.0, 1.0])
    steps = 0
    while True:
        lab = np.argmin(np.abs(x[:, None] - c[None, :]), axis=1)
        new = np.array([x[lab == j].mean() for j in range(2)])
        if np.allclose(new, c):
            break
        c, steps = new, steps + 1
    assert steps == 2 and np.allclose(c, [0.5, 10.5])
    assert "{0, 1} and {10, 11} in two steps" in text
    assert inspect.signature(KMeans).parameters["n_init"].default == "auto"
    assert "`n_init='auto'` means a single run" in text and "2 + \\lfloor \\ln k \\rfloor" in text


def test_kmeans_empty_cluster_and_elbow_ties():
    import warnings

    from sklearn.cluster import KMeans

    # the centroid at 100 gets no points; scikit-learn moves it onto 10, the sample farthest from its own centroid
    x = np.array([[0.0], [1.0], [2.0], [10.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        km = KMeans(3, init=np.array([[0.0], [100.0], [1.0]]), n_init=1, max_iter=1).fit(x)
    assert km.cluster_centers_[1, 0] == 10.0
    kmeans_text = answer_words("kmeans-algorithm")
    assert "the sample that lies farthest from the centroid that sample is assigned to" in kmeans_text
    text = answer_words("inertia-and-elbow-method")
    assert _sse([1, 2, 3]) + _sse([10, 11]) + _sse([12]) == 2.5 == _best_inertia(POINTS, 3)
    assert "{1,2,3}, {10,11}, {12} also gives 2.5" in text


def test_gmm_parameter_count_and_sklearn_defaults():
    import inspect

    from sklearn.mixture import GaussianMixture

    text = answer_words("gaussian-mixture-models")
    d = 100
    assert d * (d + 1) // 2 == 5050 and "5,050 for $d = 100$" in text
    params = inspect.signature(GaussianMixture).parameters
    assert params["reg_covar"].default == 1e-6 and params["n_init"].default == 1
    assert params["init_params"].default == "kmeans"
    assert "(default $10^{-6}$)" in text and "(`n_init=1`)" in text


def test_markov_mixing_speed():
    text = answer_words("markov-chains")
    p = np.array([[0.9, 0.1], [0.5, 0.5]])
    assert np.allclose(sorted(np.linalg.eigvals(p).real), [0.4, 1.0])
    for t, want in ((1, 0.5), (2, 0.7)):
        got = np.linalg.matrix_power(p, t)[1, 0]
        assert math.isclose(got, 5 / 6 * (1 - 0.4**t)) and math.isclose(got, want)
    assert 5 / 6 - np.linalg.matrix_power(p, 10)[1, 0] < 1e-4
    assert "\\tfrac{5}{6}(1 - 0.4^t)" in text and "0.5 after one day, 0.7 after two" in text
    flip = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert np.allclose(np.array([0.5, 0.5]) @ flip, [0.5, 0.5])
    assert not np.allclose(np.linalg.matrix_power(flip, 11), np.linalg.matrix_power(flip, 10))
    assert "$\\pi = (0.5, 0.5)$ but never settles" in text


def test_hmm_scaled_forward_log_likelihood():
    text = answer_words("hmm-forward-and-viterbi")
    a1 = PI * ALERT
    c1 = a1.sum()
    a2 = ((a1 / c1) @ A) * ALERT
    c2 = a2.sum()
    assert math.isclose(c1, 0.22) and _fmt(c2, 3) == "0.427" and math.isclose(c1 * c2, 0.094)
    assert "$0.08 + 0.14 = 0.22$ and then 0.427, and $0.22 \\times 0.427 = 0.094$" in text


def test_bayes_sensitivity_versus_false_positive_rate():
    text = answer_words("bayes-theorem")
    assert _fmt(0.01 / (0.01 + 0.05 * 0.99), 3) == "0.168"
    assert "$0.01/(0.01 + 0.0495) = 0.168$" in text


def test_beta_posterior_predictive_hpd_and_wald():
    text = answer_words("bayesian-inference-priors-posteriors")
    a, b = 14, 86
    assert a / (a + b) == 0.14 and "the posterior mean, 0.14" in text
    # the highest-density interval of Beta(14, 86) is shorter than the equal-tailed one
    lo, hi = stats.beta.ppf([0.025, 0.975], a, b)
    grid = np.linspace(0, 0.05, 5001)
    widths = stats.beta.ppf(grid + 0.95, a, b) - stats.beta.ppf(grid, a, b)
    assert widths.min() < hi - lo
    half = 1.96 * math.sqrt(0.15 * 0.85 / 80)
    assert _fmt(0.15 - half, 3) == "0.072" and _fmt(0.15 + half, 3) == "0.228"
    assert "is 0.072 to 0.228" in text and "0.15 \\pm 1.96\\sqrt{0.15 \\times 0.85/80}" in text


def test_isolation_forest_depth_limit():
    import inspect

    from sklearn.ensemble import _iforest

    assert math.ceil(math.log2(256)) == 8
    assert "int(np.ceil(np.log2(max(max_samples, 2))))" in inspect.getsource(_iforest)
    assert "\\lceil \\log_2 256 \\rceil = 8" in answer_words("isolation-forest-anomaly-detection")


def test_matrix_factorization_als_wr_scaling():
    text = answer_words("matrix-factorization-recommendations")
    q = np.eye(2)
    r = np.array([2.0, -2.0])
    n_ratings, lam = 2, 1.0
    p = np.linalg.solve(q.T @ q + lam * n_ratings * np.eye(2), q.T @ r)
    assert np.allclose(p, [2 / 3, -2 / 3])
    assert math.isclose(3 + p @ np.array([0.8, 0.2]), 3.4)
    assert "p_u = \\tfrac{1}{3}(2, -2)$ and the prediction is 3.4" in text


def test_silhouette_needs_two_to_n_minus_one_clusters():
    import inspect

    import pytest

    text = answer_words("silhouette-score")
    x = np.array(POINTS).reshape(-1, 1)
    with pytest.raises(ValueError):
        silhouette_score(x, [0] * 6)
    with pytest.raises(ValueError):
        silhouette_score(x, list(range(6)))
    assert "sample_size" in inspect.signature(silhouette_score).parameters
    assert "2 \\le k \\le n - 1" in text and "`sample_size`" in text


# --- December 2026 fresh review: fixes ------------------------------------------------------


def test_kmeans_plus_plus_greedy_variant_cost_and_bound_scope():
    import inspect

    from sklearn.cluster import _kmeans

    text = answer_words("kmeans-plus-plus-initialization")
    # scikit-learn's greedy seeding scores 2 + floor(ln k) candidates per step
    assert "2 + int(np.log(n_clusters))" in inspect.getsource(_kmeans._kmeans_plusplus)
    assert "O(nkd \\log k)" in text and "covers only the plain version" in text


def test_hmm_dynamic_programming_cost():
    text = answer_words("hidden-markov-models")
    n_states, steps = 10, 100
    assert n_states**2 * steps == 10**4 and n_states**steps == 10**100
    assert "O(N^2 T)" in text and "10^2 \\times 100 = 10^4" in text and "10^{100}" in text


def test_markov_mixing_uses_eigenvalue_modulus():
    text = answer_words("markov-chains")
    # a near-periodic chain: second eigenvalue -0.9, so it mixes slowly although it is not near +1
    p = np.array([[0.05, 0.95], [0.95, 0.05]])
    second = sorted(np.linalg.eigvals(p).real, key=abs)[0]
    assert math.isclose(second, -0.9)
    gap = abs(np.linalg.matrix_power(p, 10)[0, 0] - 0.5)
    assert math.isclose(gap, 0.5 * 0.9**10) and gap > 0.15
    assert "second-largest eigenvalue of $P$ in absolute value" in text


def test_isolation_forest_irrelevant_features():
    from sklearn.ensemble import IsolationForest
    from sklearn.metrics import roc_auc_score
    from sklearn.neighbors import NearestNeighbors

    text = answer_words("isolation-forest-anomaly-detection")
    assert _fmt((100 / 101) ** 8, 2) == "0.92" and "(100/101)^8 = 0.92" in text
    assert "copes with many irrelevant features better" not in text
    # 2 informative features, 2% anomalies shifted by 4 SD; then 100 pure-noise features are added
    rng = np.random.default_rng(0)
    n, a = 2000, 40
    informative = np.r_[rng.normal(size=(n, 2)), rng.normal(size=(a, 2)) + 4]
    y = np.r_[np.zeros(n), np.ones(a)]
    aucs = {}
    for noise in (0, 100):
        x = np.c_[informative, rng.normal(size=(n + a, noise))]
        iforest = -IsolationForest(random_state=0).fit(x).score_samples(x)
        knn = NearestNeighbors(n_neighbors=10).fit(x).kneighbors(x)[0][:, -1]
        aucs[noise] = (roc_auc_score(y, iforest), roc_auc_score(y, knn))
    assert aucs[0][0] > 0.95
    assert aucs[100][0] < 0.8 < aucs[100][1]  # the forest degrades more than 10-NN distance here


def test_choosing_clustering_mixed_data_and_embeddings():
    text = answer_words("choosing-a-clustering-algorithm")
    rng = np.random.default_rng(1)
    x, mu = rng.normal(size=(2, 16))
    x, mu = x / np.linalg.norm(x), mu / np.linalg.norm(mu)
    assert math.isclose(np.sum((x - mu) ** 2), 2 - 2 * float(x @ mu))
    assert "\\lVert x - \\mu \\rVert^2 = 2 - 2\\cos(x, \\mu)" in text
    for s in ("Gower distance", "k-prototypes", "k-medoids", "FAISS", "spherical k-means"):
        assert s in text


def test_review_fixes_em_autoencoder_forward():
    em = answer_words("em-algorithm")
    assert "Wu, 1983" in em and "saddle point" in em and "missing at random" in em
    ae = answer_words("autoencoder-anomaly-detection")
    assert "denoising autoencoder" in ae and "(say the top 1%)" in ae and "synthetic anomalies" in ae
    assert "probability is zero" in answer_words("hmm-forward-and-viterbi")
