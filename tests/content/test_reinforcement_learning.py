"""Recompute the worked numbers quoted in content/reinforcement-learning.yaml."""

import math

import numpy as np

from tests.bank import answer_words


def q_update(q, target, alpha):
    return q + alpha * (target - q)


def test_delayed_reward_discount():
    text = answer_words("rl-vs-supervised-learning")
    assert round(0.99**59, 3) == 0.553
    assert "0.99^{59} = 0.553" in text


def test_state_value_from_policy():
    text = answer_words("rl-agent-state-reward-policy")
    pi = np.array([0.2, 0.8])
    q = np.array([1.0, 3.0])
    assert round(float(pi @ q), 6) == 2.6
    assert "0.2 \\times 1 + 0.8 \\times 3 = 2.6" in text


def test_discounted_returns():
    text = answer_words("markov-decision-process-discounting")
    g = sum(0.9**k * r for k, r in enumerate([0, 0, 10]))
    assert round(g, 6) == 8.1
    assert round(1 / (1 - 0.9), 6) == 10 and round(1 / (1 - 0.99), 6) == 100
    # the infinite sum of rewards of 1 really converges to 10
    assert math.isclose(sum(0.9**k for k in range(2000)), 10)
    assert "0.81 \\times 10 = 8.1" in text and "1/(1 - 0.9) = 10" in text


def test_bellman_backup():
    text = answer_words("bellman-equation")
    gamma = 0.9
    q1 = 2 + gamma * 10
    q2 = 5 + gamma * (0.5 * 4 + 0.5 * 0)
    assert round(q1, 6) == 11 and round(q2, 6) == 6.8
    assert max(q1, q2) == q1
    assert "2 + 0.9 \\times 10 = 11" in text
    assert "= 6.8" in text and "V^*(s) = 11" in text


def test_q_learning_update():
    text = answer_words("q-learning-update-rule")
    target = 1 + 0.9 * max(3.0, 4.0)
    assert round(target, 6) == 4.6
    assert round(target - 2.0, 6) == 2.6
    assert round(q_update(2.0, target, 0.5), 6) == 3.3
    for s in ["1 + 0.9 \\times 4.0 = 4.6", "4.6 - 2.0 = 2.6", "2.0 + 0.5 \\times 2.6 = 3.3"]:
        assert s in text


def test_sarsa_vs_q_learning_update():
    text = answer_words("sarsa-vs-q-learning")
    q_next = np.array([4.0, 3.0])
    ql = q_update(2.0, 1 + 0.9 * q_next.max(), 0.5)
    sarsa_target = 1 + 0.9 * q_next[1]
    sarsa = q_update(2.0, sarsa_target, 0.5)
    eps, k = 0.2, 2
    pi = np.array([1 - eps + eps / k, eps / k])
    assert np.allclose(pi, [0.9, 0.1])
    expectation = float(pi @ q_next)
    exp_target = 1 + 0.9 * expectation
    exp_sarsa = q_update(2.0, exp_target, 0.5)
    assert round(ql, 6) == 3.3
    assert round(sarsa_target, 6) == 3.7 and round(sarsa, 6) == 2.85
    assert round(expectation, 6) == 3.9 and round(exp_target, 6) == 4.51
    assert round(exp_sarsa, 6) == 3.255
    for s in ["= 3.3", "1 + 0.9 \\times 3.0 = 3.7", "0.5 \\times 1.7 = 2.85", "0.1 \\times 3.0 = 3.9", "4.51", "3.255"]:
        assert s in text


def test_epsilon_greedy_probabilities():
    text = answer_words("exploration-exploitation-epsilon-greedy")
    eps, k = 0.1, 4
    assert round(1 - eps + eps / k, 3) == 0.925
    assert round(eps / k, 3) == 0.025
    assert round(0.995**500, 3) == 0.082
    # simulate to confirm the greedy action's share
    rng = np.random.default_rng(0)
    n = 200_000
    explore = rng.random(n) < eps
    action = np.where(explore, rng.integers(0, k, n), 0)
    assert abs((action == 0).mean() - 0.925) < 0.005
    for s in ["0.9 + 0.1/4 = 0.925", "0.025", "0.995^{500} = 0.082"]:
        assert s in text


def test_bandit_regret_example():
    text = answer_words("multi-armed-bandits")
    ab = 0.05 * 50_000 + 0.04 * 50_000
    best = 0.05 * 100_000
    bandit = 0.9 * 100_000 * 0.05 + 0.1 * 100_000 * 0.04
    assert round(ab) == 4_500 and round(best) == 5_000
    assert round(best - ab) == 500
    assert round(bandit) == 4_900 and round(best - bandit) == 100
    for s in ["= 4{,}500", "5{,}000", "500 clicks of regret", "4{,}500 + 400 = 4{,}900", "regret of only 100"]:
        assert s in text


def test_ucb_scores():
    text = answer_words("ucb-upper-confidence-bound")
    t = 100
    assert round(2 * math.log(t), 2) == 9.21
    arms = {"A": (60, 0.55), "B": (30, 0.50), "C": (10, 0.40)}
    scores = {}
    for name, (n, mean) in arms.items():
        bonus = math.sqrt(2 * math.log(t) / n)
        scores[name] = mean + bonus
        row = f"| {name} | {n} | {mean:.2f} | {bonus:.3f} | {mean + bonus:.3f} |"
        assert row in text, row
    assert max(scores, key=scores.get) == "C"
    assert scores["B"] > scores["A"]

    def ucb(mean, n, t):
        return mean + math.sqrt(2 * math.log(t) / n)

    # t counts the plays made so far (Auer et al.'s n). C's next five pulls return 0; UCB1 keeps
    # playing C until its score drops below B's, which happens for the 106th pull (t = 105).
    t, n_c, s_c, played = 100, 10, 4.0, []
    while True:
        cur = {"A": ucb(0.55, 60, t), "B": ucb(0.50, 30, t), "C": ucb(s_c / n_c, n_c, t)}
        arm = max(cur, key=cur.get)
        played.append(arm)
        if arm != "C":
            break
        n_c += 1  # reward 0
        t += 1
    assert played == ["C"] * 5 + ["B"] and t == 105 and len(played) == 6
    assert round(s_c / n_c, 3) == 0.267
    assert (f"{cur['C']:.3f}", f"{cur['B']:.3f}", f"{cur['A']:.3f}") == ("1.054", "1.057", "0.944")
    for s in [
        "4/15 = 0.267",
        "106th pull ($t = 105$)",
        "1.054 dips just below B's 1.057",
        "0.944",
        "B is played next, not A",
    ]:
        assert s in text, s
    assert "A takes over" not in text and "round 106" not in text
    assert "with $t$ plays made so far" in text

    # the follow-up: Hoeffding with b = sqrt(2 ln t / n) gives exp(-2 n b^2) = t^-4, 1e-8 at t = 100
    for n in (1, 10, 60):
        b = math.sqrt(2 * math.log(100) / n)
        assert math.isclose(math.exp(-2 * n * b**2), 100.0**-4)
    assert math.isclose(100.0**-4, 1e-8)
    assert "$t^{-4}$: at $t = 100$, one in 100 million" in text
    assert "8 \\ln T / \\Delta^2" in text

    # UCB1 from round 1 could not reach these counts: when A took its 60th pull (t' in [59, 99] plays
    # made before it) its score was at most 33/59 + bonus, below C's score with at most 10 pulls and
    # >= n - 6 successes.
    for t_prev in range(59, 100):
        a_max = 33 / 59 + math.sqrt(2 * math.log(t_prev) / 59)
        c_min = min(max(n - 6, 0) / n + math.sqrt(2 * math.log(t_prev) / n) for n in range(1, 11))
        assert c_min > a_max
    for s in ["\\sum_{i: \\Delta_i > 0} 8 \\ln T / \\Delta_i", "O\\big(\\sqrt{K T \\log T}\\big)", "\\sqrt{KT}"]:
        assert s in text


def test_thompson_posterior_example():
    text = answer_words("thompson-sampling")
    a_post, b_post = (31, 71), (5, 7)
    assert round(31 / 102, 3) == 0.304 and round(5 / 12, 3) == 0.417

    def sd(a, b):
        return math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))

    assert round(sd(*a_post), 3) == 0.045
    assert round(sd(*b_post), 3) == 0.137

    def pdf(x, a, b):
        return np.exp(
            (a - 1) * np.log(x) + (b - 1) * np.log1p(-x) + math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
        )

    x = np.linspace(1e-9, 1 - 1e-9, 200_001)
    dx = x[1] - x[0]
    cdf_a = np.cumsum(pdf(x, *a_post)) * dx
    p_b_wins = float((pdf(x, *b_post) * cdf_a).sum() * dx)
    assert round(p_b_wins, 2) == 0.77
    for s in ["31/102 = 0.304", "5/12 = 0.417", "about 0.045", "about 0.137", "\\approx 0.77"]:
        assert s in text


def test_softmax_policy_gradient_step():
    text = answer_words("policy-gradient-methods")
    logits = np.zeros(2)
    pi = np.exp(logits) / np.exp(logits).sum()
    grad_log = np.array([1.0, 0.0]) - pi
    assert np.allclose(grad_log, [0.5, -0.5])
    new = logits + 0.1 * 2 * grad_log
    assert np.allclose(new, [0.1, -0.1])
    p_new = np.exp(new) / np.exp(new).sum()
    assert round(float(p_new[0]), 3) == 0.550
    assert ppo_term(1.3, 1.0, 0.2) == 1.2
    # negative advantage: 0.7 is clipped (flat at -0.8), 1.3 is not (-1.3, gradient still flows)
    assert round(ppo_term(0.7, -1.0, 0.2), 6) == -0.8 and round(0.7 * -1.0, 6) > -0.8
    assert round(ppo_term(1.3, -1.0, 0.2), 6) == -1.3
    for s in [
        "(0.5, -0.5)",
        "(0.1, -0.1)",
        "0.550",
        "clipped to 1.2",
        "\\min(-0.7, -0.8) = -0.8",
        "\\min(-1.3, -1.2) = -1.3",
    ]:
        assert s in text, s


def test_dqn_target_and_losses():
    text = answer_words("deep-q-networks")
    r, gamma = 1.0, 0.99
    target_net = np.array([2.0, 5.0])
    online_next = np.array([6.0, 3.0])
    y = r + gamma * target_net.max()
    td = y - 4.0
    assert round(y, 4) == 5.95 and round(td, 4) == 1.95
    assert round(td**2, 4) == 3.8025
    assert f"{0.5 * td**2:.2f}" == "1.90"
    huber = 0.5 * td**2 if abs(td) <= 1 else abs(td) - 0.5
    assert round(huber, 4) == 1.45
    y_double = r + gamma * target_net[online_next.argmax()]
    assert online_next.argmax() == 0 and round(y_double, 4) == 2.98
    for s in [
        "1 + 0.99 \\times 5.0 = 5.95",
        "1.95",
        "3.8025",
        "$1.90$ as the half-squared loss",
        "1.95 - 0.5 = 1.45",
        "1 + 0.99 \\times 2.0 = 2.98",
    ]:
        assert s in text


def gae(rewards, values, gamma, lam):
    """Generalised advantage estimates; values[t] is V(s_t), and the state after the last token is worth 0."""
    adv, running = [0.0] * len(rewards), 0.0
    for t in reversed(range(len(rewards))):
        next_v = values[t + 1] if t + 1 < len(values) else 0.0
        delta = rewards[t] + gamma * next_v - values[t]
        running = delta + gamma * lam * running
        adv[t] = running
    return adv


def ppo_term(ratio, adv, eps):
    return min(ratio * adv, min(max(ratio, 1 - eps), 1 + eps) * adv)


def test_rlhf_per_token_rewards_gae_and_clip():
    text = answer_words("rlhf-policy-optimization")
    beta, rm_score = 0.1, 3.0
    log_ratios = [0.5, 1.0, 1.5, 2.0]
    rewards = [-beta * lr for lr in log_ratios]
    rewards[-1] += rm_score
    assert [round(r, 2) for r in rewards] == [-0.05, -0.10, -0.15, 2.80]
    # the per-token penalties add up to the sequence-level penalty
    assert sum(log_ratios) == 5
    assert math.isclose(sum(rewards), rm_score - beta * sum(log_ratios)) and round(sum(rewards), 6) == 2.5
    # GAE over the last two tokens (gamma = 1, lambda = 0.95), V(s_3) = 2.4, V(s_4) = 2.6
    a3, a4 = gae(rewards[2:], [2.4, 2.6], gamma=1.0, lam=0.95)
    assert round(rewards[3] - 2.6, 6) == 0.20
    assert round(rewards[2] + 2.6 - 2.4, 6) == 0.05
    assert round(a4, 6) == 0.20 and round(a3, 6) == 0.24
    # token 3's ratio 1.3 with eps 0.2: the clipped branch wins, 0.288
    assert round(ppo_term(1.3, a3, 0.2), 6) == 0.288
    assert ppo_term(1.3, a3, 0.2) < 1.3 * a3
    for s in [
        "(0.5, 1.0, 1.5, 2.0)",
        "5 nats",
        "(-0.05, -0.10, -0.15, 2.80)",
        "3.0 - 0.1 \\times 5 = 2.5",
        "\\delta_4 = 2.80 - 2.6 = 0.20",
        "\\delta_3 = -0.15 + 2.6 - 2.4 = 0.05",
        "\\hat A_4 = 0.20",
        "\\hat A_3 = 0.05 + 0.95 \\times 0.20 = 0.24",
        "\\min(1.3 \\times 0.24,\\ 1.2 \\times 0.24) = 0.288",
    ]:
        assert s in text, s
    # the expert read: the state is the prompt plus the tokens so far, not the prompt alone
    assert "prompt plus the tokens generated so far" in text
    assert "the prompt is the state" not in text


def test_ips_estimate():
    text = answer_words("rl-in-practice-challenges")
    logs = [(0.5, 1.0, 1), (0.25, 0.0, 1), (0.5, 0.5, 0), (0.25, 0.75, 1)]
    w = [new / old for old, new, _ in logs]
    assert w == [2, 0, 1, 3]
    ips = sum(wi * r for wi, (_, _, r) in zip(w, logs)) / len(logs)
    snips = sum(wi * r for wi, (_, _, r) in zip(w, logs)) / sum(w)
    assert ips == 1.25 and round(snips, 3) == 0.833
    for s in ["weights 2, 0, 1 and 3", "(2 + 0 + 0 + 3)/4 = 1.25", "5/6 = 0.833"]:
        assert s in text


def test_linucb_example():
    text = answer_words("contextual-bandits-linucb")
    d, lam = 2, 1.0
    logs = {
        1: [((1, 0), 1), ((1, 0), 0), ((1, 0), 1), ((1, 0), 0), ((0, 1), 1), ((0, 1), 0)],
        2: [((1, 0), 0), ((0, 1), 1)],
    }
    x = np.array([1.0, 1.0])
    res = {}
    for arm, rows in logs.items():
        A = lam * np.eye(d)
        b = np.zeros(d)
        for ctx, r in rows:
            c = np.array(ctx, dtype=float)
            A += np.outer(c, c)
            b += r * c
        theta = np.linalg.solve(A, b)
        mean = float(x @ theta)
        width = math.sqrt(float(x @ np.linalg.solve(A, x)))
        res[arm] = (A, b, theta, mean, width)
    assert np.allclose(res[1][0], np.diag([5, 3])) and np.allclose(res[1][1], [2, 1])
    assert np.allclose(res[2][0], np.diag([2, 2])) and np.allclose(res[2][1], [0, 1])
    assert [round(v, 3) for v in res[1][2]] == [0.4, 0.333] and np.allclose(res[2][2], [0, 0.5])
    assert (f"{res[1][3]:.3f}", f"{res[1][4]:.3f}") == ("0.733", "0.730")
    assert (res[2][3], res[2][4]) == (0.5, 1.0)
    score = {alpha: {a: res[a][3] + alpha * res[a][4] for a in res} for alpha in (1.0, 0.1)}
    assert (f"{score[1.0][1]:.3f}", f"{score[1.0][2]:.3f}") == ("1.464", "1.500")
    assert max(score[1.0], key=score[1.0].get) == 2
    assert (f"{score[0.1][1]:.3f}", f"{score[0.1][2]:.3f}") == ("0.806", "0.600")
    assert max(score[0.1], key=score[0.1].get) == 1
    for s in [
        "\\mathrm{diag}(5, 3)",
        "b_1 = (2, 1)",
        "(0.4, 0.333)",
        "\\mathrm{diag}(2, 2)",
        "b_2 = (0, 1)",
        "\\hat\\theta_2 = (0, 0.5)",
        "0.733",
        "\\sqrt{1/5 + 1/3} = 0.730",
        "1.464 and 1.5",
        "0.806 and 0.6",
    ]:
        assert s in text


def test_offline_rl_overestimation_and_expectile():
    text = answer_words("offline-rl-distribution-shift")
    gamma = 0.9
    q_next = {"a1": 1.0, "a2": 0.4, "a3": 1.6}
    assert round(gamma * max(q_next.values()), 2) == 1.44 and gamma * q_next["a1"] == 0.9
    # fixed point of b = gamma (b + 0.6), also by iteration
    b = 0.0
    for _ in range(500):
        b = gamma * (b + 0.6)
    assert math.isclose(b, 0.54 / 0.1) and round(b, 1) == 5.4

    # expectile with tau = 0.9 of (0, 1, 2), by brute-force minimisation of the asymmetric square loss
    q = np.array([0.0, 1.0, 2.0])
    v = np.linspace(0, 2, 200_001)
    diff = q[None, :] - v[:, None]
    loss = (np.where(diff < 0, 0.1, 0.9) * diff**2).sum(axis=1)
    v_star = float(v[np.argmin(loss)])
    assert abs(v_star - 1.9 / 1.1) < 1e-4 and f"{1.9 / 1.1:.3f}" == "1.727"
    # and it climbs toward the in-sample max as tau -> 1
    loss99 = (np.where(diff < 0, 0.01, 0.99) * diff**2).sum(axis=1)
    assert v[np.argmin(loss99)] > v_star and v[np.argmin(loss99)] < 2
    for s in [
        "0.9 \\times 1.6 = 1.44",
        "0.9 \\times 1.0 = 0.9",
        "b = 0.9\\,(b + 0.6)",
        "0.54/0.1 = 5.4",
        "v = 1.9/1.1 = 1.727",
    ]:
        assert s in text


def test_policy_gradient_without_discount_weights_can_point_downhill():
    """The claim that dropping gamma^t, with parameters shared across states, can favour a worse policy.

    One parameter p = pi(R) in every state, gamma = 0.5. In s0, R pays 1; both actions go to s1.
    In s1, L pays 2.5 and ends; R enters a 3-step chain that pays 8 on leaving its last state.
    Expected updates are computed exactly from the score terms (d/dtheta log pi = 1 - p for R, -p for L).
    """
    text = answer_words("policy-gradient-methods")
    gamma, a, b = 0.5, 2.5, 8.0

    def j_gamma(p):
        return p * 1 + gamma * ((1 - p) * a + p * gamma**3 * b)

    for p in np.linspace(0.05, 0.95, 19):
        # time 0: only the immediate reward correlates with the action (G_1 does not depend on a_0)
        t0 = p * (1 - p) * 1.0
        # time 1: G_1 = gamma^3 b after R, a after L; chain actions do not change returns (score mean 0)
        t1 = p * (1 - p) * (gamma**3 * b) + (1 - p) * (-p) * a
        true_grad = t0 + gamma * t1
        no_discount = t0 + t1
        # the exact derivative of J_gamma with respect to theta (dp/dtheta = p (1 - p))
        h = 1e-6
        numeric = (j_gamma(p + h) - j_gamma(p - h)) / (2 * h) * p * (1 - p)
        assert math.isclose(true_grad, numeric, rel_tol=1e-6)
        assert true_grad > 0 > no_discount
    assert j_gamma(1.0) > j_gamma(0.0)  # the update without gamma^t heads for the worse policy
    assert "nor of any objective (Nota and Thomas, 2020)" in text
    assert "small and widely accepted bias" not in text
    assert "a poor one can raise it" in text


def test_linucb_zero_context_needs_an_intercept():
    text = answer_words("contextual-bandits-linucb")
    x0 = np.zeros(2)
    for a_mat, b_vec in ((np.diag([5.0, 3.0]), np.array([2.0, 1.0])), (np.diag([2.0, 2.0]), np.array([0.0, 1.0]))):
        theta = np.linalg.solve(a_mat, b_vec)
        assert float(x0 @ theta) == 0.0 and float(x0 @ np.linalg.solve(a_mat, x0)) == 0.0
    assert "$x = (0, 0)$, would get prediction 0 and width 0" in text


def test_discount_as_survival_probability():
    text = answer_words("markov-decision-process-discounting")
    # a 1% chance per step of stopping: expected length 1/(1 - 0.99) = 100 steps, the same horizon quoted
    assert math.isclose(1 - 0.01, 0.99) and round(1 / 0.01) == 100
    assert "a 1% chance per step that the episode stops gives $\\gamma = 0.99$" in text


def test_offline_rl_dataset_id():
    text = answer_words("offline-rl-distribution-shift")
    assert "`D4RL/pen/human-v2`" in text and "door/human-v2" not in text
