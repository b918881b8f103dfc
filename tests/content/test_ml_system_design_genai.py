"""Back-of-envelope numbers of the generative-AI and agent case studies, recomputed from their assumptions.

The structure every case study shares (sections, rubric, follow-ups, diagram, length) is checked for
all of them in test_ml_system_design.py; this file checks that each number the answers and follow-ups
state follows from the assumptions they state.
"""

from __future__ import annotations

import math

import yaml

from tests.bank import CONTENT, answer_words, followup_words

SECONDS_PER_DAY = 86_400

DESIGNS = [
    "design-code-completion-assistant",
    "design-customer-support-agent",
    "design-llm-eval-guardrail-platform",
    "design-text-to-image-service",
    "design-assistant-long-term-memory",
]


def n(x: float, digits: int = 0) -> str:
    """A number with thousands separators, as the answers write it ("20,800", "8.53")."""
    return f"{x:,.{digits}f}"


def _states(text: str, *phrases: str) -> None:
    for phrase in phrases:
        assert phrase in text, phrase


def _budget(text: str, stages: list[tuple[str, float]], total: float, unit: str = "ms") -> None:
    """Each stage is written "<stage> <amount> <unit>", and the stages add up to the stated target."""
    for stage, amount in stages:
        stated = f"{stage} {n(amount)} {unit}"
        assert stated in text, stated
    assert math.isclose(sum(amount for _, amount in stages), total)


def test_the_designs_are_in_the_system_design_topic():
    data = yaml.safe_load((CONTENT / "ml-system-design.yaml").read_text(encoding="utf-8"))
    ids = [q["id"] for q in data["questions"]]
    assert set(DESIGNS) <= set(ids)
    for qid in DESIGNS:
        q = next(q for q in data["questions"] if q["id"] == qid)
        assert "case-study" in q["tags"] and str(q["reviewed"]) == "2026-12", qid


def test_code_completion_numbers():
    text = answer_words("design-code-completion-assistant")
    requests = 1_000_000 * 600
    avg = requests / SECONDS_PER_DAY
    peak = 3 * avg
    assert round(avg, -2) == 6_900 and round(peak, -2) == 20_800
    _states(text, "1,000,000 daily active developers", "600 million a day", "about 6,900 a second on average",
            "about 20,800 at a 3x peak")
    # The funnel per developer and day.
    returned = 600 * (1 - 0.40)
    shown = returned * (1 - 1 / 3)
    accepted = shown * 0.25
    assert (returned, round(shown), round(accepted)) == (360, 240, 60)
    _states(text, "40% of requests are cancelled in flight", "so 360 return", "so 240 are shown",
            "25% acceptance rate, 60 are accepted")
    # Prompt, prefill with and without the prefix cache, output.
    prompt = 1_200 + 400 + 400 + 48
    assert prompt == 2_048
    _states(text, "capped at 2,048 tokens: 1,200 of prefix, 400 of suffix, 400 of snippets from other files and 48")
    assert f"peak prefill would be {peak * prompt / 1e6:.1f} million tokens a second" in text
    new = prompt * (1 - 0.80)
    assert round(new) == 410 and "only 410 are new" in text
    assert f"down to {peak * new / 1e6:.2f} million tokens a second" in text
    assert f"Outputs average 24 tokens, {n(peak * 24)} tokens a second at peak" in text
    # GPUs and cost.
    busy = math.ceil(peak / 50)
    provisioned = math.ceil(peak / 50 * 1.25)
    assert (busy, provisioned) == (417, 521)
    assert f"the peak needs {busy} GPUs, {provisioned} with 25% headroom" in text
    per_day = provisioned * 2.50 * 24
    assert f"costs USD {n(per_day)} a day" in text
    per_dev_month = per_day * 30 / 1_000_000
    assert f"about USD {per_dev_month:.2f} per developer a month" in text and per_dev_month < 1
    assert f"is {requests * 300 / 1e9:g} GB a day" in text
    # The A/B example: the rate rises while accepted completions fall.
    control, treatment = 60 / 240, 54 / 180
    assert (round(100 * control), round(100 * treatment)) == (25, 30)
    assert round(100 * (1 - 54 / 60)) == 10
    _states(text, "240 suggestions", "60 are accepted (25%)", "shows 180 and 54 are accepted (30%)",
            "rose 5 points", "fell by 10%")
    # Decoding with and without speculation, and the budget.
    assert 24 * 10 == 240 and "spend 240 ms on the 24 tokens" in text
    steps = 24 / 2.4
    assert steps == 10 and steps * 11 == 110
    _states(text, "verification steps of 11 ms that accept 2.4 tokens each", "10 steps take 110 ms")
    _budget(
        text,
        [
            ("debounce", 75),
            ("context assembly in the plugin", 20),
            ("network round trip", 80),
            ("gateway and routing", 15),
            ("queueing", 30),
            ("prefill of about 410 new tokens", 25),
            ("decoding 24 tokens with speculation", 110),
            ("post-processing", 15),
            ("rendering", 10),
            ("headroom", 20),
        ],
        400,
    )
    assert "Budget for 400 ms at p99" in text
    # Plain decoding would break the budget by the difference.
    assert 400 - 110 + 240 > 400
    asked = followup_words("design-code-completion-assistant")
    _states(asked, "54 of 180 (30%) beats 60 of 240 (25%)", "10% fewer accepted completions",
            "about 80% of tokens")


def test_customer_support_numbers():
    text = answer_words("design-customer-support-agent")
    conversations = 200_000
    assert 10 / 60 * 30 == 5 and "USD 5 each in human time (10 minutes at USD 30 an hour" in text
    calls = conversations * 6 * 2
    avg = calls / SECONDS_PER_DAY
    peak = 3 * avg
    assert calls == 2_400_000 and "so 2.4 million calls a day" in text
    assert f"about {avg:.1f} a second on average and {peak:.1f} at a 3x peak" in text
    prompt = 2_500 + 1_500 + 2_000
    assert prompt == 6_000
    _states(text, "6,000 input tokens (2,500 of instructions and policy, 1,500 of tool schemas, 2,000 of")
    tokens_in, tokens_out = calls * prompt, calls * 250
    assert f"a day is {tokens_in / 1e9:g} billion input and {tokens_out / 1e9:g} billion output tokens" in text
    plain = tokens_in * 1.00 / 1e6 + tokens_out * 4.00 / 1e6
    assert f"that is USD {n(plain)} a day" in text
    static = 2_500 + 1_500
    cached = calls * static * 1.00 * 0.10 / 1e6
    rest = calls * (prompt - static) * 1.00 / 1e6
    output = tokens_out * 4.00 / 1e6
    total = cached + rest + output
    assert math.isclose(total, 8_160)
    assert (
        f"cuts the bill to USD {n(total)} a day (USD {n(cached)} for cached tokens, USD {n(rest)} for the rest "
        f"of the input, USD {n(output)} for output), about USD {total / conversations:.3f} a conversation"
    ) in text
    assert round(peak * prompt * 60 / 1e6) == 30 and "about 30 million input tokens a minute" in text
    concurrent = conversations * 6 * 60 / SECONDS_PER_DAY
    assert round(concurrent) == 833 and round(3 * concurrent) == 2_500
    _states(text, "about 833 run at once on average and 2,500 at peak")
    closed, handed = round(0.55 * conversations), round(0.45 * conversations)
    back = round(0.10 * closed)
    assert (closed, handed, back) == (110_000, 90_000, 11_000)
    _states(text, "closes 55% (110,000) and hands off 45% (90,000)", "10% of the closed ones (11,000)")
    human = (handed + back) * 5
    assert f"People then handle {n(handed + back)} contacts, USD {n(human)} a day" in text
    after = human + total
    assert f"the total is USD {n(after)} against USD {n(conversations * 5)} before" in text
    assert f"about USD {after / conversations:.2f} per conversation against USD 5.00" in text
    resolved = closed - back
    assert f"the {n(resolved)} confirmed resolutions gives about USD {total / resolved:.3f}" in text
    handoffs_peak = 3 * conversations / SECONDS_PER_DAY * 0.45
    assert f"Handoffs at peak arrive at {handoffs_peak:.1f} a second" in text
    assert f"about {n(handoffs_peak * 600)} people must be on shift" in text
    all_people = 3 * conversations / SECONDS_PER_DAY * 600
    assert f"against {n(all_people)} if every conversation at peak went to people" in text
    assert f"the {n(all_people)} people needed at peak without the agent" in text
    assert f"\\approx {round(100 * 0.8**4)}\\%" in text
    _budget(
        text,
        [
            ("input checks", 100),
            ("first LLM call choosing the tool", 1_500),
            ("tool call", 400),
            ("policy engine", 50),
            ("second LLM call to first token", 1_200),
            ("output check on the first chunk", 150),
            ("network", 200),
            ("headroom", 400),
        ],
        4_000,
    )
    assert "4,000 ms at p95" in text and "within 4 s at p95" in text
    asked = followup_words("design-customer-support-agent")
    closed_share, resolved_share = 100 * closed / conversations, 100 * resolved / conversations
    assert f"{closed_share:g}% were closed but {resolved_share:g}% were resolved" in asked
    assert f"\\approx {round(100 * 0.8**4)}\\%" in asked
    # An agent that always solves the same 80% of tasks keeps pass^4 at 80%.
    assert math.isclose(0.8 * 1**4 + 0.2 * 0**4, 0.8) and "gives 80%" in asked


def test_eval_guardrail_numbers():
    text = answer_words("design-llm-eval-guardrail-platform")
    requests = 30_000_000
    avg = requests / SECONDS_PER_DAY
    peak = 3 * avg
    assert f"about {round(avg)} a second on average and about {n(round(peak, -1))} at a 3x peak" in text
    chunks = 384 / 128
    assert chunks == 3
    checks = peak * (1 + chunks)
    assert round(checks, -1) == 4_170 and "about 4,170 classifier calls a second at peak" in text
    gpus = math.ceil(checks / 1_000)
    assert gpus == 5 and 5 * 1_000 >= checks
    _states(text, "so 5 GPUs are busy at peak; run 10, five in each of two zones")
    # The base-rate example, and the share of checks that reach the second stage.
    harmful = 0.002 * requests
    caught = 0.95 * harmful
    false = 0.005 * (requests - harmful)
    assert (harmful, caught, round(false)) == (60_000, 57_000, 149_700)
    assert f"precision of {100 * caught / (caught + false):.1f}%" in text
    kept, false2 = 0.97 * caught, 0.10 * false
    assert (round(kept), round(false2)) == (55_290, 14_970)
    assert f"keeps {n(kept)} and {n(false2)}: precision {100 * kept / (kept + false2):.1f}%" in text
    assert f"overall recall {100 * kept / harmful:.1f}%" in text
    flagged = (caught + false) / requests
    assert round(100 * flagged, 1) == 0.7 and "about 0.7% of checks" in text
    second = checks * flagged
    assert round(second) == 29 and "about 29 calls a second at peak" in text
    assert math.ceil(second / 25) == 2 and "two GPUs at an assumed 25 a second each, four with redundancy" in text
    # Online judging and CI.
    judged = requests // 100
    judging = judged * 3_000 * 0.50 / 1e6 + judged * 200 * 2.00 / 1e6
    assert f"is {n(judged)} judgments a day" in text and f"that is USD {n(judging)} a day" in text
    smoke, nightly = 400 * 150 * 3, 40 * 600 * 3
    assert (smoke, nightly) == (180_000, 72_000)
    pairs = smoke + nightly
    per_pair = 7_000 * 0.50 / 1e6 + 550 * 2.00 / 1e6
    _states(text, "(180,000 generations)", "three times (72,000)", f"{n(pairs)} generation-and-judgment pairs")
    assert f"that is USD {n(pairs * per_pair, 2)} a day" in text
    run = 2 * (150 * 3 / 50 * 4)
    assert run == 72 and "450 generations and 450 judgments need about 72 s" in text
    assert 20 * 40 * 6 == 4_800 and "give 4,800 labels a day" in text
    # The judge example: agreement, chance agreement, kappa and the failure catch rate.
    agree = (300 + 60) / 400
    judge_pass, human_pass = (300 + 20) / 400, 320 / 400
    chance = judge_pass * human_pass + (1 - judge_pass) * (1 - human_pass)
    kappa = (agree - chance) / (1 - chance)
    assert math.isclose(chance, 0.68) and round(kappa, 2) == 0.69
    _states(text, "Agreement is 90%", "$0.8 \\times 0.8 + 0.2 \\times 0.2 = 0.68$",
            f"(1 - 0.68) \\approx {kappa:.2f}$", f"catches only {round(100 * 60 / 80)}% of failures")
    catch = 60 / 80
    half = 1.96 * math.sqrt(catch * (1 - catch) / 80)
    assert f"uncertain by about plus or minus {100 * half:.1f} points (95% interval)" in text
    assert "so it passes 320 in all" in text
    _budget(
        text,
        [
            ("network hop to the guard service", 10),
            ("decoding of base64 and similar tricks)", 5),
            ("personal-data detection", 20),
            ("safety and injection classifiers batched on GPU", 25),
            ("policy decision", 5),
            ("headroom", 15),
        ],
        80,
    )
    assert "normalization (Unicode folding, decoding of base64" in text and "Input path, 80 ms at p99" in text
    assert flagged < 0.01  # the slow second stage stays below 1% of requests
    asked = followup_words("design-llm-eval-guardrail-platform")
    assert f"from {100 * caught / (caught + false):.1f}% to {100 * kept / (kept + false2):.1f}%" in asked


def test_text_to_image_numbers():
    text = answer_words("design-text-to-image-service")
    requests = 5_000_000 / 4
    avg = requests / SECONDS_PER_DAY
    peak = 3 * avg
    assert f"is {requests / 1e6:g} million requests a day" in text
    assert f"about {avg:.1f} a second on average and {peak:.1f} at a 3x evening peak, or {4 * peak:.1f} images" in text
    batch_seconds = 30 * 4 * 0.040
    per_gpu = 4 / batch_seconds
    assert math.isclose(batch_seconds, 4.8) and f"one GPU makes {per_gpu:.3f} images a second" in text
    busy = 4 * peak / per_gpu
    assert round(busy) == 208 and round(busy * 1.2) == 250
    _states(text, "30 steps take 4.8 s per request", "about 208 GPUs busy, 250 with 20% headroom")
    gpu_hours = 5_000_000 * (batch_seconds / 4) / 3_600
    assert f"about {n(gpu_hours)} GPU-hours" in text
    cost = gpu_hours * 2.50
    assert f"about USD {n(cost)} a day, or USD {cost / 5_000_000:.5f} per image" in text
    assert 30 / 8 == 3.75 and f"to about {round(busy / 3.75)} GPUs at peak" in text
    assert round(100 * (50 + 300) / (batch_seconds * 1_000)) == 7
    _states(text, "(50 ms and 300 ms per request, about 7% more GPU time")
    # Why the audit cannot be a plain random sample: the target rate is too rare.
    assert math.isclose(30_000 * 1 / 100_000, 0.3)
    _states(text, "1 in 100,000 delivered images", "even 30,000 reviewed images would hold 0.3 violations")
    safety_hours = 5_000_000 * 0.005 / 3_600
    assert f"about {safety_hours:.1f} GPU-hours a day, {100 * safety_hours / gpu_hours:.1f}% of the generation" in text
    assert 5_000_000 * 400e3 / 1e12 == 2 and "are 2 TB a day, 60 TB for a 30-day" in text
    assert math.isclose((1 - 0.9) * (1 - 0.95), 0.005) and "$(1 - 0.9)(1 - 0.95) = 0.005$" in text
    _budget(
        text,
        [
            ("API and authentication", 50),
            ("prompt checks", 150),
            ("queueing", 1_000),
            ("text encoding", 50),
            ("30 denoising steps", 4_800),
            ("decoding latents to pixels", 300),
            ("image safety checks", 100),
            ("watermark and C2PA signing", 150),
            ("upload to storage", 200),
            ("network", 200),
            ("headroom", 1_000),
        ],
        8_000,
    )
    assert "Budget for 8,000 ms at p95" in text
    assert round(8 * 4 * 0.040, 1) == 1.3 and "about 1.3 s for previews" in text
    asked = followup_words("design-text-to-image-service")
    _states(asked, "cuts denoising time by 3.75x", f"costs about {100 * safety_hours / gpu_hours:.1f}% of generation")


def test_long_term_memory_numbers():
    text = answer_words("design-assistant-long-term-memory")
    messages = 10_000_000 * 8
    avg = messages / SECONDS_PER_DAY
    assert f"{messages / 1e6:g} million messages a day is about {round(avg)} a second" in text
    assert f"about {n(3 * avg)} at a 3x peak" in text
    sessions = 10_000_000 * 2
    assert f"{sessions / 1e6:g} million times a day" in text and f"{sessions * 0.5 / 1e6:g} million writes" in text
    memories = 50_000_000 * 150
    size = 300 + 256
    assert f"{memories / 1e9:g} billion memories" in text and f"{size} bytes each" in text
    assert f"about {memories * size / 1e12:.2f} TB, {3 * memories * size / 1e12:.1f} TB with three replicas" in text
    assert round(150 * size / 1e3) == 83 and "take about 83 KB" in text
    assert 1_000 * 256 == 256_000 and "1,000 x 256 = 256,000 multiply-adds" in text
    message = 3_000 * 1.00 / 1e6 + 400 * 4.00 / 1e6
    assert f"costs USD {message:.4f}" in text
    inject10 = (300 + 10 * 40) * 1.00 / 1e6
    assert f"(a 300-token profile and 10 memories of 40 tokens) adds USD {inject10:.4f}" in text
    assert "Injecting 700 tokens of memory" in text and 300 + 10 * 40 == 700
    main_session = 2_000 * 1.00 / 1e6 + 150 * 4.00 / 1e6
    main_per_message = main_session * 2 / 8
    assert f"adds USD {main_per_message:.5f} per message" in text
    naive = (inject10 + main_per_message) / message
    assert f"{100 * naive:.1f}% in all" in text and naive > 0.15
    small_session = 2_000 * 0.10 / 1e6 + 150 * 0.40 / 1e6
    small_per_message = small_session * 2 / 8
    assert f"costs USD {small_per_message:.6f} per message" in text
    cheaper = (inject10 + small_per_message) / message
    assert f"bringing the total to {100 * cheaper:.1f}%" in text and cheaper > 0.15
    inject5 = (300 + 5 * 40) * 1.00 / 1e6
    final = (inject5 + small_per_message) / message
    assert "(500 tokens)" in text and 300 + 5 * 40 == 500
    assert f"brings it to {100 * final:.1f}%" in text and final <= 0.15
    assert f"about USD {n(messages * (inject5 + small_per_message))} a day" in text
    precision, recall = 630 / 700, 630 / 800
    assert f"precision {100 * precision:g}%, recall {100 * recall:g}%" in text
    _budget(
        text,
        [
            ("gateway and authentication", 30),
            ("input safety check", 40),
            ("memory retrieval", 100),
            ("LLM to first token", 1_200),
            ("network", 80),
            ("headroom", 50),
        ],
        1_500,
    )
    _budget(
        text,
        [
            ("loading the user's set", 30),
            ("embedding the message", 20),
            ("scoring and filtering", 10),
            ("assembling the prompt", 10),
            ("network between services", 30),
        ],
        100,
    )
    assert "first token, 1,500 ms at p99" in text
    asked = followup_words("design-assistant-long-term-memory")
    year = 8 * 500 * 365
    assert round(year / 1e6, 1) == 1.5 and "about 1.5 million tokens (8 exchanges of 500 tokens a day)" in asked
    per_message = year * 1.00 / 1e6
    assert f"about USD {per_message:.2f} per message" in asked
    assert per_message / message > 300 and f"the USD {message:.4f} a message costs now" in asked
