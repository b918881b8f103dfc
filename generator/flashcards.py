"""Flashcard exports: an Anki deck (.apkg) and a CSV for spreadsheets.

Anki note GUIDs derive from question ids, so re-importing an updated deck
updates the reader's cards (keeping their review history) instead of adding
duplicates. Deck and model ids are fixed for the same reason.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import time
import warnings
import zipfile
from pathlib import Path

import genanki

from .check import CheckedBank
from .files import atomic_path, write_bytes_atomic
from .model import FOLLOWUPS_TITLE
from .templating import render_template

MODEL_ID = 1_617_231_001
DECK_ROOT = "ML Interview Study Guide"
STYLES = Path(__file__).resolve().parent / "print_styles"


def _stable_id(text: str) -> int:
    """A deck id from a name: Anki wants a positive 31-bit-ish integer, stable across builds."""
    return 1_000_000_000 + int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % 1_000_000_000


def _model() -> genanki.Model:
    css = render_template("anki/card.css.j2", pygments=(STYLES / "pygments.css").read_text(encoding="utf-8"))
    return genanki.Model(
        MODEL_ID,
        "ML Interview Question",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Id"}, {"name": "Topic"}, {"name": "Difficulty"}],
        templates=[
            {
                "name": "Recall",
                "qfmt": render_template("anki/front.html.j2"),
                "afmt": render_template("anki/back.html.j2"),
            }
        ],
        css=css,
        sort_field_index=2,
    )


def write_apkg(checked: CheckedBank, target: Path) -> Path:
    model = _model()
    decks = []
    for topic in checked.bank.topics:
        name = f"{DECK_ROOT}::{checked.bank.topics.index(topic) + 1:02d} {topic.title}"
        deck = genanki.Deck(_stable_id(f"deck:{topic.id}"), name)
        for q in topic.questions:
            rendered = checked.answers[q.id]
            back = render_template(
                "anki/answer.html.j2",
                short=rendered.short_typeset,
                html=rendered.html,
                followups=rendered.followups_typeset or [],
                followups_title=FOLLOWUPS_TITLE,
            )
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=[q.question, back, q.id, topic.title, q.difficulty],
                    tags=[f"topic::{topic.id}", f"difficulty::{q.difficulty}", *q.tags],
                    guid=genanki.guid_for(q.id),
                )
            )
        decks.append(deck)
    # A fixed timestamp keeps two builds of the same bank byte-identical.
    epoch = float(os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    with atomic_path(target) as tmp, warnings.catch_warnings():
        # genanki's HTML check mistakes multi-line SVG tags for invalid markup.
        warnings.filterwarnings("ignore", message="Field contained the following invalid HTML tags")
        genanki.Package(decks).write_to_file(str(tmp), timestamp=epoch)
        _normalise_zip(tmp, epoch)
    return target


def _normalise_zip(path: Path, epoch: float) -> None:
    """Rewrite the archive with fixed member dates (genanki stamps the current time)."""
    moment = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(members):
            archive.writestr(zipfile.ZipInfo(name, date_time=moment), data, compress_type=zipfile.ZIP_DEFLATED)


def write_csv(checked: CheckedBank, target: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "topic", "difficulty", "question", "short"])
    for q in checked.bank.questions:
        writer.writerow([q.id, q.topic_id, q.difficulty, q.question, checked.answers[q.id].short_text])
    # UTF-8 with a byte-order mark: spreadsheet programs then read accents right.
    write_bytes_atomic(target, buffer.getvalue().encode("utf-8-sig"))
    return target
