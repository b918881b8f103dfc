"""The check stage: load, validate and test-render the whole bank."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import paths
from .answers import RenderedAnswer, render_answers
from .cache import now
from .diagrams import diagram_cache
from .exercises import Exercise, load_exercises
from .links import link_bank
from .mathsvg import MathRenderer
from .model import Bank
from .problems import Problem
from .validate import load_bank
from .workers import Runner


@dataclass
class CheckedBank:
    bank: Bank
    answers: dict[str, RenderedAnswer]
    problems: list[Problem]
    # Coding exercises by question id (content/exercises/).
    exercises: dict[str, Exercise] = field(default_factory=dict)


def check_bank(*, render: bool = True, runner: Runner | None = None) -> CheckedBank:
    """Every problem in the bank, found in one pass; render=False skips math and diagrams.

    Load, validate and link (the exercises too), then render every answer (Markdown in the
    runner's workers, math by MathJax), which is how broken TeX, diagrams and
    snippets are found.
    """
    started = now()
    bank, problems = load_bank(paths.content_dir(), root=paths.display_root(), runner=runner)
    link_bank(bank)
    exercises, exercise_problems = load_exercises(paths.content_dir(), bank, root=paths.display_root())
    problems = sorted(problems + exercise_problems)
    answers: dict[str, RenderedAnswer] = {}
    if render and bank.questions:
        math = MathRenderer(paths.cache_dir() / "math.json")
        try:
            answers, render_problems = render_answers(bank, math, paths.cache_dir() / "answers.json", runner)
        finally:
            # Every answer, short answer and formula was just typeset: what the
            # caches hold beyond that belongs to no question any more.
            math.close(complete=True)
        diagram_cache().prune(started)
        problems = sorted(problems + render_problems)
    return CheckedBank(bank, answers, problems, exercises)
