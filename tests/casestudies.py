"""Small case studies for fixture banks: the ten sections, a rubric and follow-ups, valid as written."""

from __future__ import annotations

from generator.model import CASE_SECTIONS

SECTION_TEXT = {
    "clarify": "Ask who the users are; assume 1,000 requests a day and a 100 ms p99.",
    "capacity": "About $1{,}000 / 86{,}400 \\approx 0.012$ requests per second.",
    "data": "Labels come from logged outcomes a day later.",
    "features": "User, item and context features from a daily batch job.",
    "models": "A popularity baseline, then logistic regression, then boosted trees.",
    "metrics": "AUC offline; the online metric decides, with latency as a guardrail.",
    "serving": "Network 20 ms, features 30 ms, model 50 ms: 100 ms in all.",
    "monitoring": "Null rates, prediction drift and p99 latency, with alerts.",
    "failures": "A stale feature store falls back to the baseline.",
    "tradeoffs": "A bigger model against the latency budget.",
}


def case_answer(qid: str) -> str:
    """A case study's answer: an opening paragraph, then the ten labelled sections."""
    lines = [f"The opening paragraph of {qid}.", ""]
    for key, label in CASE_SECTIONS:
        lines += [f"**{label}.** {SECTION_TEXT[key]} ({qid}, {key})", ""]
    return "\n".join(lines)


def rubric_yaml(indent: str = "    ") -> str:
    lines = [f"{indent}rubric:"]
    for key, label in CASE_SECTIONS:
        lines.append(f"{indent}  {key}:")
        lines.append(f"{indent}    - 'States the first {label.lower()} signal.'")
        lines.append(f"{indent}    - 'States the second {label.lower()} signal, with $x^2$.'")
    lines.append(f"{indent}  red-flags:")
    lines.append(f"{indent}    - 'Picks a model before the metric.'")
    lines.append(f"{indent}    - 'Gives no numbers.'")
    return "\n".join(lines) + "\n"


def followups_yaml(indent: str = "    ", count: int = 4) -> str:
    lines = [f"{indent}followups:"]
    for n in range(1, count + 1):
        lines.append(f"{indent}  - ask: 'Follow-up question {n}?'")
        lines.append(f"{indent}    answer: 'Answer {n}, with $y_{n}$.'")
    return "\n".join(lines) + "\n"


def case_study_yaml(qid: str, related: str, *, rubric: bool = True, followups: bool = True) -> str:
    """One case-study question entry for a topic file's questions list."""
    body = "\n".join("      " + line if line else "" for line in case_answer(qid).splitlines())
    text = (
        f"  - id: {qid}\n"
        f"    question: Design the {qid} system.\n"
        f"    short: A small case study named {qid}.\n"
        f"    answer: |\n{body}\n"
        "    difficulty: advanced\n"
        "    tags: [system-design, case-study]\n"
        f"    related: [{related}]\n"
    )
    if rubric:
        text += rubric_yaml()
    if followups:
        text += followups_yaml()
    return text
