"""The JSON Schema editors use agrees with the validator, and every content file names it."""

from __future__ import annotations

import json

from generator.model import DIFFICULTIES
from generator.validate import QUESTION_OPTIONAL, QUESTION_REQUIRED, SHORT_LIMIT, TOPIC_FIELDS
from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "schema" / "question-bank.schema.json").read_text())


def test_schema_fields_match_the_validator() -> None:
    question = SCHEMA["definitions"]["question"]
    assert set(question["required"]) == set(QUESTION_REQUIRED)
    assert set(question["properties"]) == set(QUESTION_REQUIRED) | set(QUESTION_OPTIONAL)
    assert question["properties"]["difficulty"]["enum"] == list(DIFFICULTIES)
    assert question["properties"]["short"]["maxLength"] == SHORT_LIMIT
    topic = SCHEMA["properties"]["topic"]
    assert set(topic["required"]) == set(TOPIC_FIELDS) == set(topic["properties"])


def test_every_content_file_points_editors_at_the_schema() -> None:
    files = sorted((ROOT / "content").glob("*.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/question-bank.schema.json", path.name


def test_schema_rubric_and_followups_match_the_validator() -> None:
    from generator.model import CASE_SECTIONS, CASE_STUDY_TAG, RED_FLAGS
    from generator.validate import FOLLOWUP_COUNT, FOLLOWUP_FIELDS, RED_FLAG_SIGNALS, RUBRIC_SIGNALS

    definitions = SCHEMA["definitions"]
    rubric = definitions["rubric"]
    keys = [key for key, _ in CASE_SECTIONS] + [RED_FLAGS[0]]
    assert rubric["required"] == keys and list(rubric["properties"]) == keys
    signals = definitions["signals"]
    assert (signals["minItems"], signals["maxItems"]) == RUBRIC_SIGNALS
    red = rubric["properties"][RED_FLAGS[0]]
    assert (red["minItems"], red["maxItems"]) == RED_FLAG_SIGNALS
    followups = definitions["question"]["properties"]["followups"]
    assert (followups["minItems"], followups["maxItems"]) == FOLLOWUP_COUNT
    assert definitions["followup"]["required"] == list(FOLLOWUP_FIELDS)
    # Required on case studies, refused elsewhere.
    question = definitions["question"]
    assert question["if"]["properties"]["tags"]["contains"]["const"] == CASE_STUDY_TAG
    assert question["then"]["required"] == ["rubric", "followups"]
