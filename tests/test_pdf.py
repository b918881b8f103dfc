"""The three PDFs, read back: text, outline, links, fonts, metadata, paper size."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import FIXTURE_BANK, ROOT, run_generator
from tests.pdftools import compact, fonts, link_annotations, outline_titles, page_texts, structure

NAMES = ("ml-interview-cheatsheet.pdf", "ml-interview-study-guide.pdf", "ml-interview-quiz.pdf")


def bank_of(folder: Path) -> list[dict]:
    topics = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        topics.append(data)
    return sorted(topics, key=lambda d: d["topic"]["order"])


@pytest.fixture(scope="module")
def fixture_pdfs(fixture_build: Path) -> Path:
    return fixture_build / "downloads"


@pytest.mark.parametrize("name", NAMES)
def test_every_question_appears(fixture_pdfs: Path, name: str) -> None:
    text = compact(" ".join(page_texts(fixture_pdfs / name)))
    for topic in bank_of(FIXTURE_BANK):
        for q in topic["questions"]:
            assert compact(q["question"]) in text, (name, q["id"])


@pytest.mark.parametrize("name", NAMES)
def test_no_raw_latex_in_text(fixture_pdfs: Path, name: str) -> None:
    text = " ".join(page_texts(fixture_pdfs / name))
    for raw in ("$$", "\\frac", "\\(", "\\[", "$a^2"):
        assert raw not in text, (name, raw)


def test_study_guide_outline_has_topics_and_questions(fixture_pdfs: Path) -> None:
    outline = outline_titles(fixture_pdfs / "ml-interview-study-guide.pdf")
    assert [title for title, _ in outline] == ["Contents", "1. Alpha topic", "2. Beta topic"]
    assert [t for t, _ in outline[1][1]] == [
        "1.1 What is the first alpha question?",
        "1.2 What is the second alpha question?",
    ]
    assert [t for t, _ in outline[2][1]] == ["2.1 What does the beta diagram show?"]


@pytest.mark.parametrize(
    ("name", "extra"),
    [("ml-interview-cheatsheet.pdf", []), ("ml-interview-quiz.pdf", ["Answer key"])],
)
def test_outline_has_one_entry_per_topic(fixture_pdfs: Path, name: str, extra: list[str]) -> None:
    outline = outline_titles(fixture_pdfs / name)
    assert [title for title, _ in outline] == ["1. Alpha topic", "2. Beta topic", *extra]


def test_related_references_are_internal_links(fixture_pdfs: Path) -> None:
    links = link_annotations(fixture_pdfs / "ml-interview-study-guide.pdf")
    internal = [link for link in links if link["uri"] is None]
    # Contents: 2 chapters + 3 questions; answers: 5 related + 5 referenced-by.
    assert len(internal) >= 15
    assert all(link["target_ok"] for link in internal)
    assert not [link for link in links if link["uri"] and "question.invalid" in link["uri"]]


def test_contents_page_numbers_point_at_the_right_pages(fixture_pdfs: Path) -> None:
    texts = page_texts(fixture_pdfs / "ml-interview-study-guide.pdf")
    contents = next(t for t in texts if "Contents" in t)
    assert "1.2 What is the second alpha question?" in contents
    # The question starts on the page whose footer reads 1-1 (chapter 1, page 1).
    page = next(t for t in texts if "1.1 What is the first alpha question?" in t and "Contents" not in t)
    assert "1-1" in page


@pytest.mark.parametrize("name", NAMES)
def test_fonts_are_embedded_and_not_type3(fixture_pdfs: Path, name: str) -> None:
    found = fonts(fixture_pdfs / name)
    assert found
    for font in found:
        assert font["embedded"], font
        assert font["subtype"] != "/Type3", font
    names = " ".join(f["name"] for f in found).replace("-", "")
    assert "NotoSerif" in names and "NotoSans" in names


@pytest.mark.parametrize("name", NAMES)
def test_metadata_and_language(fixture_pdfs: Path, name: str) -> None:
    reader = PdfReader(fixture_pdfs / name)
    assert reader.metadata.title.startswith("ML Interview")
    assert reader.metadata.author
    assert reader.trailer["/Root"]["/Lang"] == "en"


@pytest.mark.parametrize("name", NAMES)
def test_tagged_with_a_structure_tree_over_every_page(fixture_pdfs: Path, name: str) -> None:
    tags = structure(fixture_pdfs / name)
    assert tags["marked"]
    assert tags["foreign_pages"] == 0
    assert tags["pages_without_entry"] == []
    assert tags["links_without_parent"] == []
    # One Document element holds the parts' trees, joined.
    assert tags["counts"]["/Document"] == 1
    assert tags["counts"]["/P"] > 0


def test_study_guide_tags_a_heading_per_question(fixture_pdfs: Path) -> None:
    counts = structure(fixture_pdfs / "ml-interview-study-guide.pdf")["counts"]
    assert counts["/H2"] == 3
    assert counts["/Link"] >= 15
    assert counts["/Figure"] >= 1  # the formula and the diagram


def test_tagged_text_reads_every_question(fixture_pdfs: Path) -> None:
    # poppler reads the text back through the tags, as a screen reader would.
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(fixture_pdfs / "ml-interview-quiz.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    tagged = compact(" ".join(line.strip().strip('"') for line in out.splitlines() if line.strip().startswith('"')))
    for topic in bank_of(FIXTURE_BANK):
        for q in topic["questions"]:
            assert compact(q["question"]) in tagged, q["id"]


@pytest.mark.parametrize("name", NAMES)
def test_a4_by_default(fixture_pdfs: Path, name: str) -> None:
    box = PdfReader(fixture_pdfs / name).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_letter_paper_on_request(tmp_path: Path) -> None:
    run = run_generator(
        "pdf", "--paper", "letter", "--site-dir", str(tmp_path / "none"), content=FIXTURE_BANK, work=tmp_path
    )
    assert run.returncode == 0, run.stderr
    for name in NAMES:
        box = PdfReader(tmp_path / "build" / "downloads" / name).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792), name


def test_quiz_has_numbered_questions_and_answer_key(fixture_pdfs: Path) -> None:
    texts = page_texts(fixture_pdfs / "ml-interview-quiz.pdf")
    key = next(t for t in texts if "Answer key" in t)
    for number, short in (("1.1", "The first one: it has math and code."), ("2.1", "Two boxes and an arrow.")):
        assert number in key and compact(short) in compact(key)
    questions = " ".join(t for t in texts if "Answer key" not in t)
    assert compact("1.2 What is the second alpha question?") in compact(questions)


def test_cheatsheet_has_short_answers_and_formula(fixture_pdfs: Path) -> None:
    text = " ".join(page_texts(fixture_pdfs / "ml-interview-cheatsheet.pdf"))
    assert compact("The second one links back to alpha-one.") in compact(text)
    # One part per group of topics; two tiny topics fit a page each.
    assert len(PdfReader(fixture_pdfs / "ml-interview-cheatsheet.pdf").pages) <= 2


def test_makefile_paper_option_reaches_the_generator() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "--paper $(PAPER)" in makefile


# The shipped bank, built once for the session: the real PDFs a reader downloads.


@pytest.fixture(scope="module")
def shipped_pdfs(shipped_build: Path) -> Path:
    return shipped_build / "downloads"


@pytest.mark.parametrize("name", NAMES)
def test_shipped_pdfs_hold_every_question(shipped_pdfs: Path, name: str) -> None:
    text = compact(" ".join(page_texts(shipped_pdfs / name)))
    missing = [
        q["id"] for topic in bank_of(ROOT / "content") for q in topic["questions"] if compact(q["question"]) not in text
    ]
    assert missing == []


@pytest.mark.parametrize("name", NAMES)
def test_shipped_pdfs_have_no_raw_latex(shipped_pdfs: Path, name: str) -> None:
    text = " ".join(page_texts(shipped_pdfs / name))
    # A formula image WeasyPrint cannot read prints its TeX (the alt text) instead.
    for raw in ("$$", "\\frac", "\\(", "\\[", "\\sum", "\\mathbb", "\\begin{", "\\text{"):
        assert raw not in text, (name, raw)


@pytest.mark.parametrize("name", NAMES)
def test_shipped_outline_matches_the_topics(shipped_pdfs: Path, name: str) -> None:
    titles = [f"{n}. {t['topic']['title']}" for n, t in enumerate(bank_of(ROOT / "content"), start=1)]
    outline = [title for title, _ in outline_titles(shipped_pdfs / name)]
    assert [t for t in outline if t not in ("Contents", "Answer key")] == titles


def test_shipped_study_guide_links_all_resolve(shipped_pdfs: Path) -> None:
    links = link_annotations(shipped_pdfs / "ml-interview-study-guide.pdf")
    internal = [link for link in links if link["uri"] is None]
    assert len(internal) > 500
    assert all(link["target_ok"] for link in internal)
    assert not [link for link in links if link["uri"] and "question.invalid" in link["uri"]]


def test_shipped_cheatsheet_is_small_and_dense(shipped_pdfs: Path) -> None:
    path = shipped_pdfs / "ml-interview-cheatsheet.pdf"
    # Dense and small, whatever the size of the bank: at least 25 questions to a
    # page and under 5 KB a question (fonts, formulas and all).
    questions = len(json.loads((shipped_pdfs.parent / "questions.json").read_text())["questions"])
    assert path.stat().st_size < 5_000 * questions
    assert len(PdfReader(path).pages) <= questions / 25


def test_an_image_weasyprint_cannot_read_fails_the_part(tmp_path: Path) -> None:
    # WeasyPrint would print the alt text (raw TeX, for a formula) and carry on.
    import base64

    from generator.pdf.render import PartRequest, render_part

    broken = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" aria-label="a < b"></svg>').decode()
    image = f'<img alt="\\frac{{a}}{{b}}" src="data:image/svg+xml;base64,{broken}" style="width: 2ex">'
    html = f'<html lang="en"><p>x {image}</p></html>'
    with pytest.raises(RuntimeError, match="broken-part"):
        render_part(PartRequest("broken-part", html, (), str(tmp_path)), tmp_path / "cache")
    good = html.replace(broken, base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>').decode())
    assert render_part(PartRequest("good-part", good, (), str(tmp_path)), tmp_path / "cache").pages == 1


@pytest.mark.parametrize("name", NAMES)
def test_shipped_pdfs_are_tagged_throughout(shipped_pdfs: Path, name: str) -> None:
    tags = structure(shipped_pdfs / name)
    assert tags["marked"] and tags["counts"]["/Document"] == 1
    assert tags["foreign_pages"] == 0
    assert tags["pages_without_entry"] == []
    assert tags["links_without_parent"] == []


def test_shipped_study_guide_tags_every_question_heading(shipped_pdfs: Path) -> None:
    questions = sum(len(topic["questions"]) for topic in bank_of(ROOT / "content"))
    assert structure(shipped_pdfs / "ml-interview-study-guide.pdf")["counts"]["/H2"] == questions


def test_parts_joined_in_any_order_give_the_same_bytes(fixture_pdfs: Path, tmp_path: Path) -> None:
    # Chapters are joined as they finish, in whatever order the workers end.
    from generator.pdf.assemble import Assembly, Metadata, OutlineEntry
    from generator.pdf.render import PartRequest, render_part

    parts = [
        render_part(
            PartRequest(f"part-{n}", f'<html lang="en"><h1 id="p{n}">Part {n}</h1><p>Text {n}.</p></html>', (), "."),
            tmp_path / "cache",
        )
        for n in range(3)
    ]
    outline = [OutlineEntry(f"Part {n}", f"p{n}") for n in range(3)]
    meta = Metadata("T", "A", "S")
    written = []
    for order in ((0, 1, 2), (2, 0, 1)):
        target = tmp_path / f"joined-{''.join(map(str, order))}.pdf"
        assembly = Assembly(3, target)
        for slot in order:
            assembly.add(slot, parts[slot])
        assembly.finish(outline, meta)
        written.append(target.read_bytes())
    assert written[0] == written[1]
    texts = page_texts(tmp_path / "joined-201.pdf")
    assert [t.split()[:2] for t in texts] == [["Part", "0"], ["Part", "1"], ["Part", "2"]]
