"""The build's one pool of worker processes: Markdown conversion, PDF parts and the deck, most urgent first.

A plain process pool runs jobs in the order they were submitted, so the
study guide's front matter, which can only start once every chapter is laid
out, would wait behind the cheat sheet and quiz parts queued meanwhile, and
finish alone on one core. Here jobs wait in a priority queue and only as many
are handed to the pool as there are workers, so a job submitted late with a
high priority runs next.
"""

from __future__ import annotations

import heapq
import itertools
import os
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

# Lower runs first.
URGENT = 0
NORMAL = 1
FILLER = 2


class Runner:
    """Runs calls in a process pool by priority, or inline when there is one worker."""

    def __init__(self, workers: int, initializer: Callable[[], None] | None = None) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer) if workers > 1 else None
        self._lock = threading.Lock()
        self._waiting: list[tuple[int, int, Callable[..., Any], tuple[object, ...], Future[Any]]] = []
        self._order = itertools.count()
        self._running = 0
        if self.pool is not None:
            # Start every worker now, so their start-up overlaps with the caller's own work.
            for _ in range(workers):
                self.pool.submit(int)

    def call(self, func: Callable[..., T], *args: object, priority: int = NORMAL) -> Future[T]:
        future: Future[T] = Future()
        if self.pool is None:
            try:
                future.set_result(func(*args))
            except Exception as exc:  # handed to the caller as a pool would
                future.set_exception(exc)
            return future
        with self._lock:
            heapq.heappush(self._waiting, (priority, next(self._order), func, args, future))
        self._dispatch()
        return future

    def _dispatch(self) -> None:
        started = []
        with self._lock:
            while self._waiting and self._running < self.workers:
                _, _, func, args, future = heapq.heappop(self._waiting)
                if not future.set_running_or_notify_cancel():
                    continue
                self._running += 1
                assert self.pool is not None
                started.append((self.pool.submit(func, *args), future))
        # Outside the lock: a job that is already done runs its callback at once,
        # and the callback takes the lock.
        for done, future in started:
            done.add_done_callback(lambda finished, f=future: self._finished(f, finished))

    def _finished(self, future: Future[Any], done: Future[Any]) -> None:
        with self._lock:
            self._running -= 1
        if done.cancelled():
            future.set_exception(CancelledError())
        elif done.exception() is not None:
            future.set_exception(done.exception())
        else:
            future.set_result(done.result())
        self._dispatch()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            waiting, self._waiting = self._waiting, []
        for *_rest, future in waiting:
            future.cancel()
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


# Sized once, here: more processes than cores only add start-up time.
MAX_WORKERS = 4


def pool_size() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def start_workers(*, for_pdfs: bool) -> Runner:
    """Start the workers early: they import WeasyPrint and load fonts while the caller checks the bank."""
    if for_pdfs:
        from .pdf.render import warm_up

        return Runner(pool_size(), initializer=warm_up)
    return Runner(pool_size())
