"""Flashcard and spreadsheet exports: the Anki deck opened as the SQLite it is, and the CSV."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_BANK, run_generator

FIELD_SEPARATOR = "\x1f"


def read_apkg(path: Path, tmp: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert "collection.anki2" in names
        archive.extract("collection.anki2", tmp)
    db = sqlite3.connect(tmp / "collection.anki2")
    try:
        notes = db.execute("select guid, flds, tags from notes order by id").fetchall()
        cards = db.execute("select nid, did from cards").fetchall()
        decks = db.execute("select decks from col").fetchone()[0]
    finally:
        db.close()
    return {"notes": notes, "cards": cards, "decks": decks}


@pytest.fixture(scope="module")
def deck(fixture_build: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return read_apkg(fixture_build / "downloads" / "ml-interview.apkg", tmp_path_factory.mktemp("apkg"))


def test_one_note_per_question_with_fields_and_tags(deck: dict) -> None:
    assert len(deck["notes"]) == 3
    assert len(deck["cards"]) == 3
    by_id = {}
    for _guid, fields, tags in deck["notes"]:
        question, answer, qid, topic, difficulty = fields.split(FIELD_SEPARATOR)
        by_id[qid] = (question, answer, topic, difficulty, tags.split())
    question, answer, topic, difficulty, tags = by_id["alpha-one"]
    assert question == "What is the first alpha question?"
    assert topic == "Alpha topic" and difficulty == "basic"
    assert {"topic::alpha", "difficulty::basic", "fundamentals", "metrics"} <= set(tags)
    # The back is the rendered answer: short answer, math as SVG, highlighted code.
    assert "The first one: it has math and code." in answer
    assert "<svg" in answer and "\\frac" not in answer.split("aria-label")[0]
    assert 'class="language-python highlight"' in answer and '<span class="nb">print</span>' in answer


def test_one_sub_deck_per_topic(deck: dict) -> None:
    assert "ML Interview Study Guide::01 Alpha topic" in deck["decks"]
    assert "ML Interview Study Guide::02 Beta topic" in deck["decks"]
    assert len({did for _nid, did in deck["cards"]}) == 2


def test_guids_are_stable_across_builds(deck: dict, tmp_path: Path) -> None:
    run = run_generator("build", "--site-dir", str(tmp_path / "site"), content=FIXTURE_BANK, work=tmp_path)
    assert run.returncode == 0, run.stderr
    again = read_apkg(tmp_path / "site" / "downloads" / "ml-interview.apkg", tmp_path)
    guids = lambda d: {fields.split(FIELD_SEPARATOR)[2]: guid for guid, fields, _tags in d["notes"]}  # noqa: E731
    assert guids(again) == guids(deck)
    assert len(set(guids(deck).values())) == 3


def test_csv_for_spreadsheets(fixture_build: Path) -> None:
    raw = (fixture_build / "downloads" / "ml-interview.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for spreadsheet programs
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["id", "topic", "difficulty", "question", "short"]
    assert rows[1] == [
        "alpha-one",
        "alpha",
        "basic",
        "What is the first alpha question?",
        "The first one: it has math and code.",
    ]
    assert len(rows) == 4


def test_the_short_answer_reads_the_same_in_every_output(fixture_build: Path, deck: dict) -> None:
    """Its Markdown is rendered everywhere: bold and code on the site and in the deck, plain in the CSV and JSON."""
    import json

    from bs4 import BeautifulSoup

    plain = "The second one links back to alpha-one."
    rows = list(csv.reader(io.StringIO((fixture_build / "downloads" / "ml-interview.csv").read_text("utf-8-sig"))))
    assert next(r for r in rows if r[0] == "alpha-two")[4] == plain
    record = next(
        r for r in json.loads((fixture_build / "questions.json").read_text())["questions"] if r["id"] == "alpha-two"
    )
    assert record["short_text"] == plain
    for page in ("questions/alpha-two/index.html", "topics/alpha/index.html"):
        soup = BeautifulSoup((fixture_build / page).read_text(), "html.parser")
        short = soup.select_one('.qb-body[data-qid="alpha-two"] .qb-short')
        assert short.find("strong", string="links") and short.find("code", string="alpha-one"), page
        assert "**" not in short.get_text() and "`" not in short.get_text()
    back = next(fields for _guid, fields, _tags in deck["notes"] if "second alpha" in fields)
    assert "<strong>links</strong>" in back and "<code>alpha-one</code>" in back and "**" not in back
