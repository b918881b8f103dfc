"""Bad input: every problem reported as path:line:column, in one run, without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.casestudies import case_study_yaml, followups_yaml, rubric_yaml
from tests.conftest import run_generator, write_bank

GOOD_TOPIC = """\
topic:
  id: {tid}
  title: Topic {tid}
  summary: A topic.
  order: {order}
questions:
"""

GOOD_QUESTION = """\
  - id: {qid}
    question: What is {qid}?
    short: It is {qid}.
    answer: |
      An answer about {qid}.
    difficulty: basic
    tags: [fundamentals]
    related: [{related}]
"""


def topic_file(tid: str, order: int, questions: list[tuple[str, str]]) -> str:
    body = GOOD_TOPIC.format(tid=tid, order=order)
    for qid, related in questions:
        body += GOOD_QUESTION.format(qid=qid, related=related)
    return body


def check(tmp_path: Path, files: dict[str, str], *, fast: bool = True):
    content = write_bank(tmp_path, files)
    args = ["check", "--fast"] if fast else ["check"]
    return run_generator(*args, content=content, work=tmp_path)


def assert_problem(run, location: str, fragment: str) -> None:
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith(location)]
    assert any(fragment in line for line in lines), f"no {location!r} line with {fragment!r} in:\n{run.stderr}"


def test_valid_bank_passes(tmp_path: Path) -> None:
    run = check(tmp_path, {"a.yaml": topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")])})
    assert run.returncode == 0, run.stderr
    assert "2 questions in 1 topics" in run.stdout


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-one")]).replace("    short: It is q-one.", "    short: [unclosed")
    run = check(tmp_path, {"a.yaml": text})
    # Reported where the parser gave up (the flow list opened on line 9 runs into line 10).
    assert_problem(run, "content/a.yaml:10:11", "YAML syntax error")


def test_duplicate_key_is_an_error_not_a_silent_overwrite(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")])
    text = text.replace("    difficulty: basic\n", "    difficulty: basic\n    difficulty: advanced\n", 1)
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:13:5", "duplicate key 'difficulty' (first on line 12)")


def test_missing_field(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace("    short: It is q-one.\n", "")
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:7:5", "missing the required field 'short'")


def test_unknown_field_suggests_the_right_name(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "    tags:", "    tgas: [x]\n    tags:", 1
    )
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:13:5", "unknown field 'tgas' in question 1 (did you mean 'tags'?)")


def test_wrong_type(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "    tags: [fundamentals]", "    tags: fundamentals", 1
    )
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:13:11", "field 'tags' must be a list, not text")


def test_unknown_difficulty(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "difficulty: basic", "difficulty: easy", 1
    )
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:12:17", "difficulty 'easy' is not one of: basic, intermediate, advanced")


def test_empty_answer(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "    answer: |\n      An answer about q-one.\n", "    answer: '  '\n", 1
    )
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:10:13", "field 'answer' is empty")


def test_short_over_the_limit(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "short: It is q-one.", "short: " + "x" * 201, 1
    )
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:9:12", "field 'short' is 201 characters; the limit is 200")


def test_id_not_kebab_case(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace("id: q-one", "id: Q_One", 1)
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:7:9", "question id 'Q_One' must be lowercase kebab-case")


def test_id_used_twice_across_files(tmp_path: Path) -> None:
    run = check(
        tmp_path,
        {
            "a.yaml": topic_file("a", 1, [("shared-id", "other")]),
            "b.yaml": topic_file("b", 2, [("other", "shared-id"), ("shared-id", "other")]),
        },
    )
    assert_problem(run, "content/b.yaml:", "question id 'shared-id' is already used at content/a.yaml:7")


def test_related_unknown_id(tmp_path: Path) -> None:
    run = check(tmp_path, {"a.yaml": topic_file("a", 1, [("q-one", "q-tow"), ("q-two", "q-one")])})
    assert_problem(
        run, "content/a.yaml:14:15", "related id 'q-tow' is not a question in the bank (did you mean 'q-two'?)"
    )


def test_related_names_itself(tmp_path: Path) -> None:
    run = check(tmp_path, {"a.yaml": topic_file("a", 1, [("q-one", "q-one")])})
    assert_problem(run, "content/a.yaml:14:15", "question 'q-one' lists itself as related")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    content = write_bank(tmp_path, {"a.yaml": topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")])})
    raw = (content / "a.yaml").read_bytes().replace(b"A topic.", b"A caf\xe9 topic.")
    (content / "a.yaml").write_bytes(raw)
    run = run_generator("check", "--fast", content=content, work=tmp_path)
    assert_problem(run, "content/a.yaml:4:17", "file is not valid UTF-8 (byte 0xe9)")


def test_python_tag_is_reported_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "question: What is q-one?", f'question: !!python/object/apply:os.system ["touch {marker}"]', 1
    )
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:8:15", "is not allowed: the bank holds plain data only")
    assert not marker.exists()


def test_alias_is_refused(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")])
    text = text.replace("tags: [fundamentals]", "tags: &t [fundamentals]", 1).replace(
        "tags: [fundamentals]", "tags: *t", 1
    )
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:", "anchors and aliases are not allowed")


def test_every_problem_in_one_run(tmp_path: Path) -> None:
    bad_a = topic_file("a", 1, [("q-one", "nope")]).replace("difficulty: basic", "difficulty: hard")
    bad_b = topic_file("b", 2, [("q-two", "q-two")]).replace("short: It is q-two.", "short: ''")
    run = check(tmp_path, {"a.yaml": bad_a, "b.yaml": bad_b, "c.yaml": "topic: [oops\n"})
    assert run.returncode == 1
    located = [line for line in run.stderr.splitlines() if line.startswith("content/")]
    assert {line.split(":")[0] for line in located} == {"content/a.yaml", "content/b.yaml", "content/c.yaml"}
    assert len(located) >= 5
    assert run.stderr.rstrip().endswith(f"{len(located)} problems in the question bank")


def test_topic_id_must_match_file_name(tmp_path: Path) -> None:
    run = check(tmp_path, {"a.yaml": topic_file("zzz", 1, [("q-one", "q-two"), ("q-two", "q-one")])})
    assert_problem(run, "content/a.yaml:2:7", "topic id 'zzz' must match the file name 'a'")


@pytest.mark.parametrize(
    ("formula", "message"),
    [("\\frac{a}{", "Missing close brace"), ("\\notamacro x", "Undefined control sequence \\notamacro")],
)
def test_latex_errors_are_located_in_the_answer(tmp_path: Path, formula: str, message: str) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "      An answer about q-one.\n", f"      An answer about q-one.\n\n      Inline ${formula}$ math.\n", 1
    )
    run = check(tmp_path, {"a.yaml": text}, fast=False)
    assert_problem(run, "content/a.yaml:13:", message)


def test_list_item_running_on_into_a_paragraph_is_located(tmp_path: Path) -> None:
    # The item after an indented paragraph needs a blank line, or Markdown
    # prints "- **Second**: ..." as text inside the paragraph above.
    body = (
        "      An answer about q-one.\n\n"
        "      - **First**: a point,\n\n"
        "          with a second paragraph.\n"
        "      - **Second**: runs on.\n"
    )
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "      An answer about q-one.\n", body, 1
    )
    run = check(tmp_path, {"a.yaml": text}, fast=False)
    assert_problem(run, "content/a.yaml:16:", "list item '- **Second**: runs on.' runs on inside the paragraph")
    fixed = text.replace("paragraph.\n      - **Second**", "paragraph.\n\n      - **Second**")
    assert check(tmp_path, {"a.yaml": fixed}, fast=False).returncode == 0


def test_broken_diagram_is_reported(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "      An answer about q-one.\n", "      An answer.\n\n      ```dot\n      digraph { a -> }\n      ```\n", 1
    )
    run = check(tmp_path, {"a.yaml": text}, fast=False)
    assert_problem(run, "content/a.yaml:", "Graphviz error")


def test_missing_code_snippet_is_reported(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "      An answer about q-one.\n",
        '      An answer.\n\n      ```python\n      --8<-- "code_examples/does_not_exist.py"\n      ```\n',
        1,
    )
    run = check(tmp_path, {"a.yaml": text}, fast=False)
    assert_problem(run, "content/a.yaml:", "does_not_exist.py")


# ---------------------------------------------------------------- case studies: rubric and follow-ups


def _case_file(*entries: str) -> str:
    return GOOD_TOPIC.format(tid="a", order=1) + "".join(entries)


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return text.count("\n", 0, start) + 1


def test_a_complete_case_study_passes(tmp_path: Path) -> None:
    text = _case_file(case_study_yaml("design-x", "q-one"), GOOD_QUESTION.format(qid="q-one", related="design-x"))
    run = check(tmp_path, {"a.yaml": text})
    assert run.returncode == 0, run.stderr


def test_case_study_needs_rubric_and_followups(tmp_path: Path) -> None:
    text = _case_file(
        case_study_yaml("design-x", "q-one", rubric=False, followups=False),
        GOOD_QUESTION.format(qid="q-one", related="design-x"),
    )
    run = check(tmp_path, {"a.yaml": text})
    line = _line_of(text, "- id: design-x")
    assert_problem(run, f"content/a.yaml:{line}:", "needs the field 'rubric'")
    assert_problem(run, f"content/a.yaml:{line}:", "needs the field 'followups'")


def test_rubric_only_on_case_studies(tmp_path: Path) -> None:
    text = _case_file(
        GOOD_QUESTION.format(qid="q-one", related="q-two") + rubric_yaml() + followups_yaml(),
        GOOD_QUESTION.format(qid="q-two", related="q-one"),
    )
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, f"content/a.yaml:{_line_of(text, 'rubric:')}:", "'rubric' is allowed only on questions tagged")
    assert_problem(run, f"content/a.yaml:{_line_of(text, 'followups:')}:", "'followups' is allowed only")


def test_every_rubric_and_followup_problem_in_one_run(tmp_path: Path) -> None:
    case = case_study_yaml("design-x", "q-one")
    case = case.replace("  features:\n", "  featurs:\n")  # a misspelt section
    case = case.replace("        - 'States the second capacity estimate signal, with $x^2$.'\n", "")  # one signal left
    case = case.replace("'States the first data and labels signal.'", "'Uses <b>bold</b> markup.'")
    case = case.replace("'Answer 2, with $y_2$.'", "'See [this](javascript:alert(1)).'")
    case = case.replace("      - ask: 'Follow-up question 4?'\n        answer: 'Answer 4, with $y_4$.'\n", "")
    text = _case_file(case, GOOD_QUESTION.format(qid="q-one", related="design-x"))
    run = check(tmp_path, {"a.yaml": text})
    where = "content/a.yaml:"
    assert_problem(
        run, f"{where}{_line_of(text, 'featurs:')}:", "unknown rubric section 'featurs' (did you mean 'features'?)"
    )
    assert_problem(run, f"{where}{_line_of(text, 'rubric:')}:", "the rubric is missing the section features")
    assert_problem(
        run, f"{where}{_line_of(text, 'capacity:') + 1}:", "'Capacity estimate' has 1 signals; it needs 2 to 4"
    )
    assert_problem(run, f"{where}{_line_of(text, '<b>bold')}:", "raw HTML <b> is not allowed")
    assert_problem(run, f"{where}{_line_of(text, 'javascript:')}:", "links must be plain https: URLs")
    assert_problem(run, f"{where}{_line_of(text, 'followups:')}:", "a case study has 4 to 6 follow-ups, not 3")
    assert run.stderr.rstrip().endswith("7 problems in the question bank"), run.stderr


def test_case_study_answer_keeps_its_sections_and_drops_the_box(tmp_path: Path) -> None:
    case = case_study_yaml("design-x", "q-one")
    case = case.replace("**Monitoring.**", "**Watching.**")
    case = case.replace(
        "    difficulty: advanced",
        '      !!! question "Follow-ups to expect"\n          "Why?" Because.\n    difficulty: advanced',
    )
    text = _case_file(case, GOOD_QUESTION.format(qid="q-one", related="design-x"))
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, f"content/a.yaml:{_line_of(text, 'answer: |')}:", "exactly one paragraph with **Monitoring.**")
    assert_problem(
        run, f"content/a.yaml:{_line_of(text, '!!! question')}:", "keeps its follow-ups in the 'followups' field"
    )


def test_rubric_sections_out_of_order(tmp_path: Path) -> None:
    case = case_study_yaml("design-x", "q-one")
    head, rest = case.split("    rubric:\n")
    clarify = rest[: rest.index("      capacity:")]
    rest = rest[len(clarify) :]
    red = rest.index("      red-flags:")
    case = head + "    rubric:\n" + rest[:red] + clarify + rest[red:]
    text = _case_file(case, GOOD_QUESTION.format(qid="q-one", related="design-x"))
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, f"content/a.yaml:{_line_of(text, 'rubric:')}:", "the rubric's sections must come in this order")


def test_source_address_with_a_stray_bracket_is_reported_not_a_traceback(tmp_path: Path) -> None:
    text = topic_file("a", 1, [("q-one", "q-two"), ("q-two", "q-one")]).replace(
        "    related: [q-two]\n",
        "    related: [q-two]\n    sources:\n      - title: A paper\n        url: 'https://[abs/2412.13663'\n",
        1,
    )
    run = check(tmp_path, {"a.yaml": text})
    assert_problem(run, "content/a.yaml:", "must be an https:// address with a host")
