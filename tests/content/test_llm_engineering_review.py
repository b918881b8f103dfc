"""December 2026 review of the LLM engineering topic: new worked numbers, dates and sources."""

import math
import pathlib
import re

import yaml

from tests.bank import answer_words, question

TOPIC = pathlib.Path(__file__).resolve().parents[2] / "content" / "llm-engineering.yaml"


def _topic_questions() -> list[dict]:
    return yaml.safe_load(TOPIC.read_text(encoding="utf-8"))["questions"]


def test_every_question_is_reviewed_with_valid_sources():
    questions = _topic_questions()
    assert len(questions) >= 37
    for q in questions:
        assert q.get("reviewed"), q["id"]
        assert len(q["short"]) <= 200, q["id"]
        sources = q.get("sources", [])
        assert len(sources) <= 3, q["id"]
        for src in sources:
            assert src["title"].strip() and src["url"].startswith("https://"), q["id"]
            if "arxiv.org" in src["url"]:
                assert src["url"].startswith("https://arxiv.org/abs/"), q["id"]


def test_eval_score_interval():
    text = answer_words("llm-evaluation")
    half = 1.96 * math.sqrt(0.8 * 0.2 / 500) * 100
    assert round(half, 1) == 3.5 and "\\sqrt{0.8 \\times 0.2/500} \\approx \\pm 3.5$ points" in text
    assert half > 2  # so a 2-point gap is inside the noise, as the answer says
    # Current benchmarks: Verified was retired in February 2026 in favour of Pro.
    assert "SWE-bench Pro" in text and "February 2026" in text
    assert "SWE-bench Verified for real repository fixes" not in text
    # HLE ceiling as of mid-2026, with the tools setting named (model-card scores 56.8% and 64.7%).
    assert "about 57% without tools and 65% with search and code tools" in text
    assert "miss roughly half" not in text


def test_kv_cache_read_time_per_step():
    text = answer_words("kv-cache-memory")
    bandwidth = 3.35e12  # H100 SXM, bytes per second
    cache = 16 * 4096 * 2 * 32 * 32 * 128 * 2  # batch 16, 4,096 tokens, Llama-2-7B shape, fp16
    assert cache == 32 * 2**30
    assert round(cache / bandwidth * 1000, 1) == 10.3 and "about 10.3 ms for the cache" in text
    assert round(13.5e9 / bandwidth * 1000, 1) == 4.0 and "4.0 ms for the weights" in text


def test_decode_flops_per_byte_crossover():
    text = answer_words("llm-inference-throughput")
    ratio = 989e12 / 3.35e12
    assert round(ratio) == 295 and "$989/3.35 \\approx 295$" in text
    # bf16: 2N FLOPs per token over 2N bytes of weights, so B FLOPs per byte at batch B.
    n_params, batch = 7e9, 32
    assert (2 * n_params * batch) / (2 * n_params) == batch
    # The Example paragraph starts a paragraph of its own (a blank line before it).
    assert re.search(r"[^\n]\n\*\*Example\.\*\*", question("llm-inference-throughput")["answer"]) is None


def test_tokens_per_parameter():
    text = answer_words("llm-scaling-laws")
    assert 36e12 / 0.6e9 == 60_000 and "60,000 tokens per parameter" in text
    assert "10,000 tokens per parameter" in text


def test_forgetting_benchmark_noise():
    text = answer_words("catastrophic-forgetting-fine-tuning")
    half = 1.96 * math.sqrt(0.63 * 0.37 / 1000) * 100
    assert round(half, 1) == 3.0 and "\\approx \\pm 3.0$ points" in text
    assert 7.5 > half > 0.9  # one drop is outside the noise, the other inside


def test_exact_mcnemar_matches_chi_square_verdict():
    text = answer_words("llm-app-end-to-end-evaluation")
    broken, fixed = 20, 8
    n = broken + fixed
    p = 2 * sum(math.comb(n, k) for k in range(fixed + 1)) / 2**n
    assert round(p, 3) == 0.036 and "P(X \\le 8) \\approx 0.036" in text
    assert p < 0.05


def test_calibration_only_when_threshold_carries_over():
    text = answer_words("cross-encoder-reranking")
    assert "only the ranking of scores matters" in text
    assert "carry over as a probability" in text
    # A monotone rescaling keeps the set kept by a rank-matched threshold.
    scores = [3.1, -0.4, 1.7, 0.2, 2.5]
    kept = {i for i, s in enumerate(scores) if s > 1.0}
    rescaled = [1 / (1 + math.exp(-2 * s + 1)) for s in scores]
    cut = 1 / (1 + math.exp(-2 * 1.0 + 1))
    assert {i for i, s in enumerate(rescaled) if s > cut} == kept


def test_current_models_and_tools_are_dated():
    moe = answer_words("mixture-of-experts")
    assert "Kimi K3 (July 2026; 2.8T total, 104B active" in moe
    assert "gpt-oss-120b (August 2025; 117B total, 5.1B active)" in moe
    rope = answer_words("positional-encodings-rope")
    assert "NoPE" in rope and "far better" not in rope
    agents = answer_words("llm-agents-tool-use")
    assert "December 2025" in agents and "SWE-bench Pro" in agents
    flash = answer_words("flash-attention")
    assert "FlashAttention-4" in flash and "PyTorch 2.2" in flash
    batching = answer_words("continuous-batching")
    assert "VLLM_BATCH_INVARIANT=1" in batching and "v0.11" in batching
