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
