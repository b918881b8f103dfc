"""`make serve`: build the site, serve it on loopback, rebuild and reload the browser on every edit.

Each rebuild is a whole `build()` (site only): nothing survives from one build
to the next but the caches, which are keyed by content, so a rebuild after
one edit converts only what the edit touched. A build that fails prints its
problems and keeps serving the last good site.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from . import paths
from .problems import BankError, BuildFailed

WATCHED = ("generator/templates", "code_examples", "overrides", "docs", "mkdocs.yml")


def serve(host: str = "127.0.0.1", port: int = 8000, engine: str = "mkdocs") -> None:
    from mkdocs.livereload import LiveReloadServer

    from .pipeline import BuildOptions, build

    site = Path(tempfile.mkdtemp(prefix="qb-serve-")) / "site"
    # The live-reload script MkDocs injects is inline, so served pages carry no policy.
    options = BuildOptions(site, engine=engine, with_pdfs=False, policy=False)

    def rebuild() -> None:
        try:
            result = build(options)
        except (BankError, BuildFailed) as exc:
            report = exc.report() if isinstance(exc, BankError) else str(exc)
            print(f"{report}\nstill serving the last good site", file=sys.stderr)
            return
        print(f"rebuilt: {len(result.checked.bank.questions)} questions", file=sys.stderr)

    rebuild()
    if not site.exists():
        print("nothing to serve: fix the problems above and run `make serve` again", file=sys.stderr)
        return
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site))
    server.watch(str(paths.content_dir()))
    for name in WATCHED:
        if (paths.ROOT / name).exists():
            server.watch(str(paths.ROOT / name))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
