"""The downloads a full build ships, named once: every stage takes its filename from here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Download:
    key: str
    title: str
    filename: str
    description: str

    @property
    def kind(self) -> str:
        return self.filename.rsplit(".", 1)[1].upper()


CHEATSHEET = Download(
    "cheatsheet",
    "Cheat sheet",
    "ml-interview-cheatsheet.pdf",
    "Every question with its one-line answer, for the night before.",
)
STUDY_GUIDE = Download(
    "guide", "Study guide", "ml-interview-study-guide.pdf", "The whole bank as a book, every answer in full."
)
QUIZ = Download(
    "quiz", "Self-quiz", "ml-interview-quiz.pdf", "Numbered questions with room to think and an answer key."
)
DECK = Download(
    "deck", "Anki deck", "ml-interview.apkg", "One card per question, a sub-deck per topic; re-import to update."
)
SPREADSHEET = Download(
    "csv", "Spreadsheet", "ml-interview.csv", "Id, topic, difficulty, question and short answer, one row each."
)

PDFS = (CHEATSHEET, STUDY_GUIDE, QUIZ)
DOWNLOADS = (*PDFS, DECK, SPREADSHEET)
# Where the downloads stand inside the site.
SITE_FOLDER = "downloads"
# Each topic's chapter of the study guide on its own.
TOPIC_FOLDER = "topics"


def topic_pdf(topic_id: str) -> str:
    """A topic PDF's path inside the downloads folder."""
    return f"{TOPIC_FOLDER}/ml-interview-{topic_id}.pdf"
