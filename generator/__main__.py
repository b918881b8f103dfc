"""Command line: python -m generator {check,build,pdf,synth}. Arguments only; the work is in pipeline.py."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import paths
from .problems import BankError, BuildFailed

STOPPED = "build stopped: the previous site was left as it was"


def cmd_check(args: argparse.Namespace) -> int:
    from .check import check_bank
    from .freshness import STALE_AFTER_MONTHS, stale_questions
    from .pipeline import BuildOptions, check_shipped

    if args.fast:
        problems = check_bank(render=False).problems
    else:
        problems = check_shipped(BuildOptions(Path("site"), engine=args.engine))
    if problems:
        print(BankError(problems).report(), file=sys.stderr)
        return 1
    checked = check_bank(render=False)
    # Stale reviews are for the maintainer to plan, not a reason to fail: listed once the bank is clean.
    stale = stale_questions(checked.bank)
    for item in stale:
        print(item, file=sys.stderr)
    if stale:
        print(
            f"{len(stale)} question{'s' if len(stale) != 1 else ''} not reviewed in the last "
            f"{STALE_AFTER_MONTHS} months (warnings only)",
            file=sys.stderr,
        )
    print(f"ok: {len(checked.bank.questions)} questions in {len(checked.bank.topics)} topics")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import BuildOptions, build

    started = time.perf_counter()
    options = BuildOptions(Path(args.site_dir), args.paper, args.engine, with_pdfs=not args.site_only)
    try:
        result = build(options)
    except BankError as exc:
        print(f"{exc.report()}\n{STOPPED}", file=sys.stderr)
        return 1
    except BuildFailed as exc:
        print(f"{exc}\n{STOPPED}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"built {args.site_dir}/ ({len(result.checked.bank.questions)} questions, {args.engine}) in {elapsed:.1f} s")
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from .check import CheckedBank, check_bank
    from .pdf import build_pdfs, copy_into_site
    from .selection import SelectionError, parse_selection, select
    from .workers import start_workers

    with start_workers(for_pdfs=True) as workers:
        checked = check_bank(runner=workers)
        if checked.problems:
            print(BankError(checked.problems).report(), file=sys.stderr)
            return 1
        try:
            selection = parse_selection(checked.bank, args.topics, args.difficulty, args.tags)
            if selection:
                checked = CheckedBank(select(checked.bank, selection), checked.answers, [], checked.exercises)
        except SelectionError as exc:
            print(f"make pdf: {exc}", file=sys.stderr)
            return 1
        # A chosen subset goes to a folder of its own and never into the site.
        out_dir = paths.build_dir() / "subsets" / selection.slug if selection else paths.downloads_dir()
        try:
            written = build_pdfs(checked, out_dir, paper=args.paper, runner=workers)
        except BuildFailed as exc:
            print(exc, file=sys.stderr)
            return 1
    if not selection:
        copy_into_site(written, Path(args.site_dir))
    for path in written:
        print(f"wrote {path}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    serve(args.host, args.port, args.engine)
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from .synth import synthesize

    written = synthesize(paths.content_dir(), Path(args.out), args.count)
    print(f"wrote {written} synthetic questions to {args.out}/ (for benchmarks and tests only)")
    return 0


def main(argv: list[str] | None = None) -> int:
    from .engine import ENGINES

    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "check", help="validate the bank and the site it makes; report every problem as path:line:column"
    )
    check.add_argument("--fast", action="store_true", help="only load and validate: no rendering, no site")
    check.add_argument("--engine", choices=ENGINES, default=os.environ.get("SITE_ENGINE") or "mkdocs")
    check.set_defaults(func=cmd_check)
    for name, func, text in (
        ("build", cmd_build, "check, then build the site and the PDFs into site/"),
        ("pdf", cmd_pdf, "check and render only the PDFs"),
    ):
        command = sub.add_parser(name, help=text)
        command.add_argument("--site-dir", default="site", help="output folder (default: site)")
        command.add_argument("--paper", choices=("a4", "letter"), default="a4", help="PDF paper size")
        if name == "pdf":
            command.add_argument("--topics", help="comma-separated topic ids (make pdf TOPICS=...)")
            command.add_argument("--difficulty", help="comma-separated levels: basic, intermediate, advanced")
            command.add_argument("--tags", help="comma-separated tags; a question with any of them is printed")
        if name == "build":
            command.add_argument("--site-only", action="store_true", help="skip the PDFs and the deck")
            command.add_argument(
                "--engine", choices=ENGINES, default=os.environ.get("SITE_ENGINE") or "mkdocs", help="site engine"
            )
        command.set_defaults(func=func)
    served = sub.add_parser("serve", help="build the site, serve it and rebuild on every edit")
    served.add_argument("--host", default="127.0.0.1")
    served.add_argument("--port", type=int, default=8000)
    served.add_argument("--engine", choices=ENGINES, default="mkdocs", help="site engine")
    served.set_defaults(func=cmd_serve)
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
