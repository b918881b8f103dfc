"""Command line: python -m generator {check,build,pdf}."""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .problems import BankError

if TYPE_CHECKING:
    from .check import CheckedBank
    from .pdf.runner import Runner


def _report(problems) -> int:
    print(BankError(problems).report(), file=sys.stderr)
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    from .check import check_bank

    checked = check_bank(render=not args.fast)
    if checked.problems:
        return _report(checked.problems)
    print(f"ok: {len(checked.bank.questions)} questions in {len(checked.bank.topics)} topics")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import BuildFailed, build_site
    from .check import check_bank

    started = time.perf_counter()
    with ExitStack() as stack:
        if not args.site_only:
            from .pdf import pdf_workers

            workers = stack.enter_context(pdf_workers())
        # The PDFs need every answer rendered; a site-only build leaves rendering to
        # MkDocs, whose hook reports broken math or diagrams with file and line.
        checked = check_bank(render=not args.site_only)
        if checked.problems:
            print("build stopped: the previous site was left as it was", file=sys.stderr)
            return _report(checked.problems)
        try:
            if args.site_only:
                build_site(Path(args.site_dir))
            else:
                _build_everything(checked, Path(args.site_dir), args.paper, workers)
        except BuildFailed as exc:
            print(f"{exc}\nbuild stopped: the previous site was left as it was", file=sys.stderr)
            return 1
    elapsed = time.perf_counter() - started
    print(f"built {args.site_dir}/ ({len(checked.bank.questions)} questions) in {elapsed:.1f} s")
    return 0


def _build_everything(checked: CheckedBank, site_dir: Path, paper: str, workers: Runner) -> None:
    """PDFs in the workers (joined on a thread) while MkDocs builds the site here.

    The site goes live only once both are done: the downloads are copied into
    the staged site, replacing the placeholders MkDocs wrote for them.
    """
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    from .build import build_site
    from .flashcards import write_apkg, write_csv
    from .pages import DOWNLOADS
    from .pdf import start_pdfs
    from .pdf.runner import FILLER

    downloads = paths.downloads_dir()
    # HTML built and parts handed to the workers before MkDocs starts competing for this process.
    pdfs = start_pdfs(checked, downloads, paper=paper, only=None, runner=workers)

    def deliver(target: Path) -> None:
        # The deck waits for MkDocs: after one edit, MkDocs and the changed chapter
        # keep both cores busy until then, and a worker is idle afterwards.
        deck = workers.call(write_apkg, checked, downloads / "ml-interview.apkg", priority=FILLER)
        write_csv(checked, downloads / "ml-interview.csv")
        deck.result()
        joined.result()  # raises the PDF stage's BuildFailed
        target.mkdir(exist_ok=True)
        for download in DOWNLOADS:
            shutil.copyfile(downloads / download.filename, target / download.filename)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-join") as thread:
        joined = thread.submit(pdfs.finish)
        try:
            build_site(site_dir, pending_downloads=[d.filename for d in DOWNLOADS], deliver=deliver)
        except BaseException:
            # Stop the PDF work rather than wait for it: the build has failed.
            workers.close()
            raise
    workers.close()


def cmd_pdf(args: argparse.Namespace) -> int:
    from .build import BuildFailed
    from .check import check_bank
    from .pdf import build_pdfs, copy_into_site, pdf_workers

    with pdf_workers() as workers:
        checked = check_bank()
        if checked.problems:
            return _report(checked.problems)
        try:
            written = build_pdfs(checked, paths.downloads_dir(), paper=args.paper, runner=workers)
        except BuildFailed as exc:
            print(exc, file=sys.stderr)
            return 1
    copy_into_site(written, Path(args.site_dir))
    for path in written:
        print(f"wrote {path}")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from .synth import synthesize

    written = synthesize(paths.content_dir(), Path(args.out), args.count)
    print(f"wrote {written} synthetic questions to {args.out}/ (for benchmarks and tests only)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the bank and report every problem as path:line:column")
    check.add_argument("--fast", action="store_true", help="skip rendering math and diagrams")
    check.set_defaults(func=cmd_check)
    for name, func, text in (
        ("build", cmd_build, "check, render the PDFs and build the site into site/"),
        ("pdf", cmd_pdf, "check and render only the PDFs"),
    ):
        command = sub.add_parser(name, help=text)
        command.add_argument("--site-dir", default="site", help="output folder (default: site)")
        command.add_argument("--paper", choices=("a4", "letter"), default="a4", help="PDF paper size")
        if name == "build":
            command.add_argument("--site-only", action="store_true", help="skip the PDFs")
        command.set_defaults(func=func)
    synth = sub.add_parser("synth", help="write a synthetic bank of N questions (benchmarks and tests only)")
    synth.add_argument("count", type=int)
    synth.add_argument("--out", default="build/synthetic", help="output folder (default: build/synthetic)")
    synth.set_defaults(func=cmd_synth)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        # Readers of the output are content authors: one clear line, not a traceback.
        if os.environ.get("GENERATOR_DEBUG"):
            raise
        print(f"error: {type(exc).__name__}: {exc} (set GENERATOR_DEBUG=1 for details)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
