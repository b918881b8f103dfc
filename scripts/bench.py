"""Benchmark the site and the PDF builds: stages, sizes, cold and warm times, a baseline.

Run with `make bench`. For the site, on the shipped bank and synthetic banks
of 1,000 and 10,000 questions: load + validate, answer rendering, the site
build against plain MkDocs on the same Markdown, peak memory and sizes; and
a whole `make build` after editing one question. For the PDFs, on the shipped
bank and a synthetic bank (default 2,000 questions): each PDF cold (empty
cache), all three after editing one question (warm), pages and file size;
and, on the shipped bank, the time to print the built site's topic pages through WeasyPrint with
Material's own stylesheets in one document, the common MkDocs-to-PDF
approach, as the baseline for our study guide. Results go to stdout and to
BENCHMARKS.md, each target with a yes or NO.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from generator.pdf.documents import CHEATSHEET, QUIZ, STUDY_GUIDE  # noqa: E402

NAMES = (CHEATSHEET.filename, STUDY_GUIDE.filename, QUIZ.filename)
TARGETS = {"cold_all": 30.0, "warm": 5.0, "cheatsheet_bytes": 1.5e6}
SITE_TARGETS = {"overhead": 0.15, "site_10000": 60.0, "index_mb": 1.5, "page_kb": 300.0, "warm_build": 5.0}


def _env(content: Path, work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QUESTION_BANK_CONTENT": str(content),
        "QUESTION_BANK_BUILD": str(work / "build"),
        "QUESTION_BANK_CACHE": str(work / "cache"),
        "NO_MKDOCS_2_WARNING": "1",
    }


def _run(code: str, env: dict[str, str]) -> float:
    """Run a snippet in a fresh interpreter (as `make` would) and return its wall time."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


PDF_SNIPPET = """
from generator.check import check_bank
from generator.pdf import build_pdfs, pdf_workers
from generator import paths
only = {only!r}
# As `make pdf` does: workers start while the bank is checked.
with pdf_workers() as workers:
    build_pdfs(check_bank(), paths.downloads_dir(), only=frozenset(only) if only else None, runner=workers)
"""


def _edit_one_question(content: Path) -> None:
    # A mid-sized topic with math: neither the cheapest chapter nor the heaviest.
    preferred = content / "evaluation-and-metrics.yaml"
    path = preferred if preferred.exists() else sorted(content.glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    answer: |\n", "    answer: |\n      Edited for the benchmark.\n\n", 1))


def bench_bank(label: str, content: Path, work: Path, repeats: int = 1) -> dict:
    result: dict = {"bank": label}
    for name in NAMES:
        shutil.rmtree(work, ignore_errors=True)
        result[f"cold:{name}"] = _run(PDF_SNIPPET.format(only=[name]), _env(content, work))
    cold = []
    for _ in range(repeats):  # the fastest of these, as for the site: noise only ever adds time
        shutil.rmtree(work, ignore_errors=True)
        cold.append(_run(PDF_SNIPPET.format(only=[]), _env(content, work)))
    result["cold_all"] = min(cold)
    edited = work / "content-edited"
    shutil.copytree(content, edited)
    warm = []
    for _ in range(3):  # a fresh edit each time; the fastest run is the least disturbed
        _edit_one_question(edited)
        warm.append(_run(PDF_SNIPPET.format(only=[]), _env(edited, work)))
    result["warm"] = min(warm)
    for name in NAMES:
        path = work / "build" / "downloads" / name
        result[f"pages:{name}"] = len(PdfReader(path).pages)
        result[f"bytes:{name}"] = path.stat().st_size
    return result


BASELINE_SNIPPET = """
import re, sys, time
from pathlib import Path
import weasyprint
site = Path({site!r})
topics = sorted((site / "topics").glob("*/index.html"))
bodies = []
for page in topics:
    html = page.read_text(encoding="utf-8")
    match = re.search(r"<article[^>]*>(.*?)</article>", html, re.S)
    bodies.append(match.group(1) if match else "")
head = re.search(r"<head>(.*?)</head>", (site / "index.html").read_text(encoding="utf-8"), re.S).group(1)
styles = "".join(re.findall(r'<link[^>]+rel="stylesheet"[^>]*>', head))
# Print every answer: open the details blocks, as a PDF of the site must.
body = "".join(bodies).replace("<details ", "<details open ")
# Topic pages link formula images as ../../assets/...; resolve them from the site root.
body = body.replace('src="../../', 'src="').replace('loading="lazy"', "")
document = f"<html><head><meta charset=utf-8>{{styles}}</head><body><div class=md-typeset>{{body}}</div></body></html>"
weasyprint.HTML(string=document, base_url=str(site) + "/").write_pdf({target!r})
"""


def bench_baseline(site: Path, work: Path) -> float:
    target = work / "baseline.pdf"
    seconds = _run(BASELINE_SNIPPET.format(site=str(site), target=str(target)), dict(os.environ))
    return seconds


SITE_SNIPPET = """
import json, resource, sys, time
from pathlib import Path
from generator import paths
from generator.validate import load_bank
from generator.links import link_bank
from generator.check import check_bank
t0 = time.perf_counter()
bank, problems = load_bank(paths.content_dir())
link_bank(bank)
t1 = time.perf_counter()
check_bank()
t2 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "render": t2 - t1}))
"""

PLAIN_CONFIG = """
site_name: plain
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  font: false
  features: [navigation.prune]
plugins: [search, tags]
markdown_extensions: {extensions}
"""


def _site_stage_times(content: Path, work: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", SITE_SNIPPET],
        cwd=ROOT,
        env=_env(content, work),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _dump_pages(content: Path, docs: Path) -> None:
    """The bank's pages as a plain MkDocs project would hold them: Markdown files,
    each question's body written into its topic page (the site build converts
    the bodies on its own and places their HTML; plain MkDocs must convert them)."""
    code = f"""
from pathlib import Path
from generator import pages, paths
from generator.page_bodies import MARKER
from generator.export import questions_json
from generator.links import link_bank, topic_page
from generator.validate import load_bank
bank, _ = load_bank(paths.content_dir())
link_bank(bank)
docs = Path({str(docs)!r})
(docs / "topics").mkdir(parents=True, exist_ok=True)
(docs / pages.HOME).write_text(pages.home_markdown(bank, []))
(docs / pages.ALL_QUESTIONS).write_text(pages.questions_markdown(bank))
(docs / pages.TAGS).write_text(pages.tags_markdown(bank))
(docs / pages.PRACTICE).write_text(pages.practice_markdown(bank))
(docs / pages.PROGRESS).write_text(pages.progress_markdown(bank))
(docs / "questions.json").write_text(questions_json(bank))
(docs / "how-to-use.md").write_text((paths.ROOT / "docs" / "how-to-use.md").read_text())
bodies = {{q.id: pages.question_body_markdown(bank, q) for q in bank.questions}}
for topic in bank.topics:
    text = MARKER.sub(lambda m: bodies[m.group(1)], pages.topic_markdown(bank, topic.id))
    (docs / topic_page(topic.id)).write_text(text)
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(content, docs.parent), check=True)


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _best_time(command: list[str], env: dict[str, str], repeats: int, before=None) -> float:
    """The fastest of `repeats` runs: a two-core machine's noise only ever adds time."""
    times = []
    for _ in range(repeats):
        if before is not None:
            before()
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def bench_site(label: str, content: Path, work: Path, repeats: int = 1) -> dict:
    """Site build of one bank: stages, total, overhead over plain MkDocs, peak memory, sizes."""
    import resource

    result: dict = {"bank": label, **_site_stage_times(content, work)}
    site = work / "site"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    command = [sys.executable, "-m", "generator", "build", "--site-only", "--site-dir", str(site)]
    # Every run converts all the Markdown again; formulas and diagrams come
    # from their caches, filled by the stage timing above.
    bodies_cache = work / "cache" / "site-bodies.json"
    result["site_total"] = _best_time(
        command, _env(content, work), repeats, before=lambda: bodies_cache.unlink(missing_ok=True)
    )
    result["peak_mb"] = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    result["site_mb"] = _du(site) / 1e6
    result["index_mb"] = (site / "search" / "search_index.json").stat().st_size / 1e6
    result["largest_page_kb"] = max(p.stat().st_size for p in (site / "topics").glob("*/index.html")) / 1024

    docs = work / "plain-docs"
    _dump_pages(content, docs)
    import yaml

    from generator.convert import markdown_settings

    extensions, configs = markdown_settings()
    listed = [{name: configs[name]} if name in configs else name for name in extensions]
    listed = [e for e in listed if not (isinstance(e, dict) and "pymdownx.superfences" in e)] + ["pymdownx.superfences"]
    config = work / "plain.yml"
    config.write_text(
        PLAIN_CONFIG.format(
            docs=docs, site=work / "plain-site", extensions=yaml.safe_dump(listed, default_flow_style=True)
        )
    )
    plain = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    result["plain_mkdocs"] = _best_time(plain, {**os.environ, "NO_MKDOCS_2_WARNING": "1"}, repeats)
    result["overhead"] = (result["site_total"] - result["plain_mkdocs"]) / result["plain_mkdocs"]
    return result


def bench_warm_build(content: Path, work: Path) -> float:
    """What `make build` costs after editing one question: system check, site and every download."""
    edited = work / "content"
    shutil.copytree(content, edited)
    env = _env(edited, work)
    command = [sys.executable, "-m", "generator", "build", "--site-dir", str(work / "site")]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    times = []
    for _ in range(3):  # a fresh edit each time; the fastest run is the least disturbed
        _edit_one_question(edited)
        started = time.perf_counter()
        subprocess.run([str(ROOT / "scripts" / "system-deps")], cwd=ROOT, check=True)
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


SITE_NOTES = """\
Site build total is `python -m generator build --site-only`: load, validate, the
pages, each question's body converted in worker processes, then MkDocs; the
fastest of three runs (one run for 10,000 questions). Every
run converts all the Markdown from scratch; formulas and diagrams come from
their caches. Plain mkdocs build is MkDocs alone on the same pages written out
as Markdown files (no hooks, no formulas typeset). The generator overhead is
the site build total over plain MkDocs, minus one: below zero when the bodies
converted on both cores save more than the generator's own stages cost."""


def site_targets(rows: list[dict], warm_build: float | None) -> str:
    by_bank = {r["bank"]: r for r in rows}
    checks = [
        (f"generator overhead, {r['bank']}", r["overhead"] * 100, SITE_TARGETS["overhead"] * 100, "%") for r in rows
    ]
    if "synthetic 10000" in by_bank:
        checks.append(
            ("site build, 10,000 questions", by_bank["synthetic 10000"]["site_total"], SITE_TARGETS["site_10000"], "s")
        )
        if "synthetic 1000" in by_bank:
            growth = by_bank["synthetic 10000"]["site_total"] / by_bank["synthetic 1000"]["site_total"]
            checks.append(("time growth 1,000 -> 10,000 (linear is 10)", growth, 10.0, "x"))
    shipped = by_bank["shipped"]
    checks += [
        ("search index, shipped bank", shipped["index_mb"], SITE_TARGETS["index_mb"], "MB"),
        ("largest topic page, shipped bank", shipped["largest_page_kb"], SITE_TARGETS["page_kb"], "KB"),
    ]
    if warm_build is not None:
        checks.append(("`make build` after editing one question", warm_build, SITE_TARGETS["warm_build"], "s"))
    lines = ["| target | measured | limit | met |", "| --- | ---: | ---: | :---: |"]
    for label, value, limit, unit in checks:
        lines.append(f"| {label} | {value:.2f} {unit} | {limit:.2f} {unit} | {'yes' if value <= limit else 'NO'} |")
    return "\n".join(lines)


def site_table(rows: list[dict]) -> str:
    lines = [
        "| bank | load + validate (s) | render answers (s) | site build total (s) | plain mkdocs build (s) "
        "| generator overhead | peak memory (MB) | site (MB) | search index (MB) | largest topic page (KB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['bank']} | {r['load']:.2f} | {r['render']:.2f} | {r['site_total']:.1f} | {r['plain_mkdocs']:.1f} | "
            f"{r['overhead'] * 100:+.0f}% | {r['peak_mb']:.0f} | {r['site_mb']:.1f} | {r['index_mb']:.2f} | "
            f"{r['largest_page_kb']:.0f} |"
        )
    return "\n".join(lines)


def markdown_table(results: list[dict], baseline: float | None) -> str:
    lines = [
        "| bank | PDF | cold (s) | pages | size (KB) |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for r in results:
        for name in NAMES:
            cold, pages, size = r[f"cold:{name}"], r[f"pages:{name}"], r[f"bytes:{name}"] / 1024
            lines.append(f"| {r['bank']} | {name} | {cold:.1f} | {pages} | {size:.0f} |")
    lines += ["", "| bank | all three cold (s) | all three after editing one question (s) |", "| --- | ---: | ---: |"]
    for r in results:
        lines.append(f"| {r['bank']} | {r['cold_all']:.1f} | {r['warm']:.1f} |")
    lines += [
        "",
        "Cold means an empty cache (formulas typeset too). All three cold on the shipped bank is the fastest of "
        "three runs, and each warm figure the fastest of three edits; the other cold figures are single runs.",
    ]
    if baseline is not None:
        ours = results[0][f"cold:{STUDY_GUIDE.filename}"]
        lines += [
            "",
            f"Baseline (shipped bank): the built site's topic pages printed through WeasyPrint with Material's "
            f"stylesheets in one document took {baseline:.1f} s; our study guide cold took {ours:.1f} s, "
            f"a ratio of {ours / baseline:.2f}.",
        ]
    shipped = results[0]
    checks = [
        ("all three PDFs cold", shipped["cold_all"], TARGETS["cold_all"], "s"),
        ("all three after one edit", shipped["warm"], TARGETS["warm"], "s"),
        ("cheat sheet size", shipped[f"bytes:{CHEATSHEET.filename}"] / 1e6, TARGETS["cheatsheet_bytes"] / 1e6, "MB"),
    ]
    lines += ["", "| target (shipped bank) | measured | limit | met |", "| --- | ---: | ---: | :---: |"]
    for label, value, limit, unit in checks:
        lines.append(f"| {label} | {value:.2f} {unit} | {limit:.2f} {unit} | {'yes' if value < limit else 'NO'} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=2000, help="size of the synthetic bank (0 to skip)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--site-sizes", default="1000,10000", help="synthetic bank sizes for the site benchmark (comma-separated)"
    )
    parser.add_argument("--no-pdf", action="store_true", help="only the site benchmark")
    args = parser.parse_args()
    cpus = os.cpu_count()
    with tempfile.TemporaryDirectory(prefix="qb-bench-") as tmp:
        tmp_path = Path(tmp)
        site_rows = [bench_site("shipped", ROOT / "content", tmp_path / "site-shipped", repeats=3)]
        for size in [int(n) for n in args.site_sizes.split(",") if n.strip()]:
            synthetic = tmp_path / f"synthetic-{size}"
            subprocess.run(
                [sys.executable, "-m", "generator", "synth", str(size), "--out", str(synthetic)],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            repeats = 3 if size <= 2000 else 1
            site_rows.append(bench_site(f"synthetic {size}", synthetic, tmp_path / f"site-{size}", repeats=repeats))
        warm_build = None if args.no_pdf else bench_warm_build(ROOT / "content", tmp_path / "warm-build")
        sites = site_table(site_rows) + "\n\n" + SITE_NOTES + "\n\n" + site_targets(site_rows, warm_build)
        print(sites)
        if args.no_pdf:
            (ROOT / "BENCHMARKS.md").write_text(
                f"# Benchmarks\n\nMeasured by `make bench` on {cpus} cores.\n\n## Site\n\n{sites}\n"
            )
            return 0
        results = [bench_bank("shipped", ROOT / "content", tmp_path / "shipped", repeats=3)]
        baseline = None
        if not args.no_baseline:
            site = tmp_path / "site"
            subprocess.run(
                [sys.executable, "-m", "generator", "build", "--site-only", "--site-dir", str(site)],
                cwd=ROOT,
                check=True,
                env=_env(ROOT / "content", tmp_path / "shipped"),
            )
            baseline = bench_baseline(site, tmp_path)
        if args.synthetic:
            synthetic = tmp_path / "synthetic-content"
            subprocess.run(
                [sys.executable, "-m", "generator", "synth", str(args.synthetic), "--out", str(synthetic)],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            results.append(bench_bank(f"synthetic {args.synthetic}", synthetic, tmp_path / "synthetic"))
    table = markdown_table(results, baseline)
    report = f"# Benchmarks\n\nMeasured by `make bench` on {cpus} cores.\n\n## Site\n\n{sites}\n\n## PDFs\n\n{table}\n"
    (ROOT / "BENCHMARKS.md").write_text(re.sub(r"\n{3,}", "\n\n", report), encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
